"""Measure the LLM answer path on the dev questions and calibrate the sentence-support threshold.

For each question the passages are windows of real corpus text around the expected answer plus one distractor
from another document. Every generated sentence that cites a passage is scored twice: against the passage it
cites (its support) and against the distractor it did not cite (what a wrong citation scores). The threshold
should keep the first and drop the second. Also prints server start time, tokens/s and time per answer.

    .venv/bin/python benchmarks/llm_support.py [--limit 12] [--base-url http://127.0.0.1:8081/v1]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.answer.llm.answering import finish_answer  # noqa: E402
from assistant.answer.llm.support_check import markers_in, split_answer_sentences, strip_markers, support  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.llm.client import LLMClient  # noqa: E402
from assistant.llm.prompts import REFUSAL_SENTINEL, answer_messages  # noqa: E402
from assistant.models import Chunk, DocumentMeta, Passage  # noqa: E402

CORPUS = REPO / "corpus"
DEV_SET = REPO / "tests" / "data" / "eval" / "dev.jsonl"
WINDOW = 700
_THAI_GAP = re.compile(r"(?<=[\u0e00-\u0e7f])\s+(?=[\u0e00-\u0e7f])")


def page_texts(path: Path) -> list[str]:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        from assistant.text.normalise import repair_sara_am

        return [_THAI_GAP.sub("", repair_sara_am(p.extract_text() or "")) for p in PdfReader(path).pages]
    return [path.read_text(encoding="utf-8")]


def window(text: str, terms: list[str]) -> str | None:
    flat = re.sub(r"\s+", " ", text)
    hits = [flat.lower().find(t.lower()) for t in terms]
    hits = [h for h in hits if h >= 0]
    if not hits:
        return None
    start = max(0, min(hits) - WINDOW // 4)
    return flat[start : start + WINDOW]


def passage(text: str, source: str, page: int | None, n: int) -> Passage:
    meta = DocumentMeta(doc_id=source, source=source, title=source, kind="other")
    return Passage(chunk=Chunk(id=f"b:{n}", doc_id=source, text=text, page_start=page, page_end=page), meta=meta, score=1.0)


def build(item: dict, distractor: Passage) -> list[Passage]:
    out: list[Passage] = []
    for src in item["sources"]:
        texts = page_texts(CORPUS / src["file"])
        pages = src["pages"] or [1]
        for page in pages:
            text = window(texts[page - 1], item["must_include"]) if page - 1 < len(texts) else None
            if text:
                out.append(passage(text, src["file"], page if src["pages"] else None, len(out)))
    return out[:2] + [distractor] if out else []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=12)
    parser.add_argument("--base-url", default=None)
    parser.add_argument("--max-tokens", type=int, default=160)
    parser.add_argument("--stride", type=int, default=1, help="take every n-th dev question (a spread across types)")
    args = parser.parse_args()
    server = None
    if args.base_url is None:
        from assistant.llm.local_server import start_local_server

        started = time.monotonic()
        server = start_local_server(Settings(data_dir=Path(tempfile.gettempdir()) / "llm-bench"), port=18731)
        print(f"server start (assemble/verify + load): {time.monotonic() - started:.1f} s", flush=True)
        args.base_url = server.base_url
    settings = Settings(llm_base_url=args.base_url, llm_max_tokens=args.max_tokens, llm_timeout_s=600)
    client = LLMClient(settings)
    items = [json.loads(line) for line in DEV_SET.open(encoding="utf-8")]
    distractor_text = window(page_texts(CORPUS / "mou-chicago-shenyang-sister-cities-reaffirmation-1995.md")[0], ["Chicago"])
    distractor = passage(distractor_text or "", "mou-chicago-shenyang-sister-cities-reaffirmation-1995.md", None, 99)
    cited_scores: list[float] = []
    wrong_scores: list[float] = []
    durations: list[float] = []
    rates: list[float] = []
    eligible = [i for i in items if i["sources"] and "chicago" not in json.dumps(i).lower()]
    for item in eligible[:: args.stride][: args.limit]:
        passages = build(item, distractor)
        if not passages:
            continue
        started = time.monotonic()
        try:
            response = client._client.chat.completions.create(  # raw call: the benchmark needs token usage
                model=settings.llm_model, messages=answer_messages(item["question"], passages), max_tokens=args.max_tokens,
                temperature=0,
            )
        except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
            print(f"{item['id']} failed: {exc!r}", flush=True)
            continue
        elapsed = time.monotonic() - started
        text = response.choices[0].message.content or ""
        durations.append(elapsed)
        timings = getattr(response, "timings", None) or (response.model_extra or {}).get("timings") or {}
        if timings.get("predicted_per_second"):
            rates.append(float(timings["predicted_per_second"]))
        distractor_n = len(passages)
        for sentence in split_answer_sentences(text):
            cited = [n for n in markers_in(sentence) if 1 <= n <= len(passages)]
            body = strip_markers(sentence)
            if not cited or REFUSAL_SENTINEL in body or distractor_n in cited:
                continue
            cited_scores.append(support(body, "\n".join(passages[n - 1].chunk.text for n in cited)))
            wrong_scores.append(support(body, distractor.chunk.text))
            print(f"  support {cited_scores[-1]:.2f} cited / {wrong_scores[-1]:.2f} wrong | {sentence[:90]!r}", flush=True)
        answer = finish_answer(item["question"], text, passages, settings)
        print(f"{item['id']} {elapsed:5.1f}s found={answer.found} | {text[:110]!r}", flush=True)
    if server is not None:
        server.stop()
    if not durations:
        return
    print(f"\nanswers: {len(durations)}, time per answer p50 {statistics.median(durations):.1f} s, max {max(durations):.1f} s")
    if rates:
        print(f"generation: {statistics.median(rates):.1f} tokens/s (median of server timings)")
    print(f"sentences citing a passage: {len(cited_scores)}")
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        keep = sum(s >= threshold for s in cited_scores) / max(1, len(cited_scores))
        wrong = sum(s >= threshold for s in wrong_scores) / max(1, len(wrong_scores))
        print(f"threshold {threshold:.1f}: keeps {keep:.0%} of cited sentences, accepts {wrong:.0%} of wrong citations")


if __name__ == "__main__":
    main()
