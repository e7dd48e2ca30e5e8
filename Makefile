# The two commands of the README: `make run` (set up, ingest corpus/, serve) and `make test` (set up, run tests).
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: setup setup-test setup-llm run serve ingest test bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --upgrade pip

setup: $(PY)
	$(PIP) install -e .

setup-llm: $(PY)
	VENV=$(VENV) bash scripts/install-llm.sh

setup-test: setup setup-llm
	$(PIP) install -e '.[test]'

ingest: setup
	$(VENV)/bin/assistant ingest corpus

run: ingest
	$(VENV)/bin/assistant serve --host $(HOST) --port $(PORT)

test: setup-test
	$(VENV)/bin/lint-imports
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup-test
	$(PY) benchmarks/ingest.py
	$(PY) benchmarks/answer_latency.py
	$(PY) benchmarks/load.py
	$(PY) benchmarks/briefing.py

clean:
	rm -rf data test-artifacts
