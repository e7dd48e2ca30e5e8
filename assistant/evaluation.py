"""Built-in evaluation: gold questions through several pipeline configurations, scored the same way.

Retrieval-only configurations (BM25, dense per embedder, hybrid) are scored on their top-k passages and the top
passage's text; ``final`` is scored on the answer itself: its citations, its text and whether it refused.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.answer.extractive import decide
from assistant.answer.fitting import Example, cross_validated_models, label_sentences
from assistant.answer.model import AnswerModel
from assistant.errors import InvalidRequestError
from assistant.llm.client import llm_seconds
from assistant.models import Answer, Citation, Passage
from assistant.service import AssistantService

NOT_IN_CORPUS = "not_in_corpus"


class GoldSource(BaseModel):
    file: str
    pages: list[int] = Field(default_factory=list)


class GoldItem(BaseModel):
    id: str
    question: str
    lang: str = "en"
    type: str = "fact"
    answer: str = ""
    must_include: list[str] = Field(default_factory=list)
    sources: list[GoldSource] = Field(default_factory=list)
    set: str = Field("", description="The gold file the item came from (its stem), for per-set figures.")

    @property
    def answerable(self) -> bool:
        return self.type != NOT_IN_CORPUS


class Cited(BaseModel):
    """One result position: the files (and pages) it counts for, near-duplicate copies included."""

    refs: list[tuple[str, set[int] | None]]


class Outcome(BaseModel):
    id: str
    type: str
    lang: str
    set: str = ""
    answer_chars: int = 0
    answerable: bool
    rank: int | None = Field(None, description="1-based position of the first hit among the first k results.")
    coverage: float = 0.0
    refused: bool = False
    latency_ms: float = 0.0
    llm_ms: float = Field(0.0, description="Of latency_ms, the time spent waiting on the LLM server.")
    first_token_ms: float | None = Field(None, description="Time to the first streamed text of the answer (LLM "
                                         "configurations; none where nothing was streamed, as for a refusal).")
    fallback_reason: str | None = None

    @property
    def passed(self) -> bool:
        """A right answer: a gold source cited within k and every required phrase."""
        return bool(self.rank) and self.coverage >= 1.0


class Summary(BaseModel):
    n: int
    hit: float | None = None
    mrr: float | None = None
    coverage: float | None = None
    passed: float | None = None
    refusal: float | None = None
    false_refusal: float | None = None
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    answer_chars_p50: float | None = Field(None, description="Median answer length over answered, answerable items.")
    fallbacks: int | None = None
    llm_ms: float | None = Field(None, description="Mean LLM time per answer (LLM configurations).")
    pipeline_pct: float | None = Field(None, description="Time outside the LLM, in percent of the LLM time.")
    first_token_p50_ms: float | None = Field(None, description="Median time to the first streamed text, over the "
                                             "answers that streamed any (LLM configurations).")
    first_token_p95_ms: float | None = None


def load_gold(path: Path) -> list[GoldItem]:
    if not path.is_file():
        raise InvalidRequestError(f"no gold file at {path}")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                item = GoldItem.model_validate_json(line)
            except ValueError as exc:
                raise InvalidRequestError(f"{path}:{number} is not a gold item: {exc}") from None
            items.append(item.model_copy(update={"set": item.set or path.stem}))
    return items


def _norm(text: str) -> str:
    from assistant.text.normalise import repair_sara_am, thai_digits_to_arabic

    return " ".join(thai_digits_to_arabic(repair_sara_am(text)).lower().split())


def must_include_coverage(text: str, must_include: list[str]) -> float:
    if not must_include:
        return 1.0
    haystack = _norm(text)
    return sum(1 for m in must_include if _norm(m) in haystack) / len(must_include)


def first_hit(results: list[Cited], sources: list[GoldSource], k: int) -> int | None:
    wanted = {s.file: set(s.pages) for s in sources}
    for rank, cited in enumerate(results[:k], start=1):
        for file, pages in cited.refs:
            if file not in wanted:
                continue
            if not wanted[file] or (pages is not None and pages & wanted[file]):
                return rank
    return None


def passes(text: str, must_include: list[str], sources: list[GoldSource], citations: list[Citation],
           k: int) -> bool:
    """The gold standard of a right answer: it cites a gold source within k and holds every required phrase."""
    return first_hit(_citations_cited(citations), sources, k) is not None and must_include_coverage(
        text, must_include) >= 1.0


def _passage_cited(p: Passage) -> Cited:
    def pages(start: int | None, end: int | None) -> set[int] | None:
        return None if start is None else set(range(start, (end or start) + 1))

    refs = [(p.meta.source, pages(p.chunk.page_start, p.chunk.page_end))]
    by_doc = {c.doc_id: c for c in p.duplicates}
    for meta in p.also_in:
        copy = by_doc.get(meta.doc_id)
        refs.append((meta.source, pages(copy.page_start, copy.page_end) if copy else None))
    return Cited(refs=refs)


def _citations_cited(citations: list[Citation]) -> list[Cited]:
    out = []
    for c in citations:
        refs = [(c.source, None if c.page is None else {c.page})]
        refs += [(r.source, None if r.page is None else {r.page}) for r in c.also_in]
        out.append(Cited(refs=refs))
    return out


def _answer_cited(answer: Answer) -> list[Cited]:
    return _citations_cited(answer.citations)


# citations, answer text, refused, fallback reason, ms to the first streamed text (None: nothing streamed)
Result = tuple[list[Cited], str, bool, str | None, float | None]
Runner = Callable[[AssistantService, GoldItem], Result]


def _retrieval_runner(mode: str) -> Runner:
    def run(service: AssistantService, item: GoldItem) -> Result:
        passages = service.search(item.question, mode=mode)  # type: ignore[arg-type]
        return [_passage_cited(p) for p in passages], passages[0].chunk.text if passages else "", False, None, None

    return run


def _answer_runner(mode: str) -> Runner:
    def run(service: AssistantService, item: GoldItem) -> Result:
        """Streamed, as a chat client reads it: the first text delta's time is what its user waits to see."""
        start, first, answer = time.perf_counter(), None, None
        for part in service.stream_ask(item.question, mode=mode):  # type: ignore[arg-type]
            if isinstance(part, Answer):
                answer = part
            elif part and first is None:
                first = (time.perf_counter() - start) * 1000
        assert answer is not None  # stream_ask always ends with exactly one Answer
        return _answer_cited(answer), answer.answer, not answer.found, answer.fallback_reason, first

    return run


def examples_of(service: AssistantService, items: list[GoldItem]) -> list[Example]:
    """Each gold item analysed once, with its candidates labelled: what the answer model is fitted on."""
    out = []
    for item in items:
        analysis = service.analyse(item.question)
        labels, weights = label_sentences(analysis, item.must_include, {s.file for s in item.sources}, _norm)
        out.append(Example(
            id=f"{item.set}/{item.id}", analysis=analysis, answerable=item.answerable, labels=labels, weights=weights,
            passes=lambda text, citations, item=item: passes(text, item.must_include, item.sources, citations,
                                                             service.settings.top_k),
            coverage=lambda text, item=item: must_include_coverage(text, item.must_include)))
    return out


class CrossValidated:
    """The extractive answer of each item from a model fitted on the other folds only: the figure that counts.
    ``seed`` shuffles the questions into folds; ``examples``: the items already analysed (``examples_of``), so that
    several seeds need one analysis."""

    def __init__(self, seed: int = 0, examples: list[Example] | None = None) -> None:
        self.seed, self.given = seed, examples
        self.examples: dict[str, Example] = {}
        self.models: dict[str, AnswerModel] = {}

    def prepare(self, service: AssistantService, items: list[GoldItem]) -> None:
        examples = self.given if self.given is not None else examples_of(service, items)
        self.examples = {e.id: e for e in examples}
        self.models = cross_validated_models(examples, seed=self.seed)

    def __call__(self, service: AssistantService, item: GoldItem) -> Result:
        key = f"{item.set}/{item.id}"
        answer = decide(self.examples[key].analysis, self.models[key], service.records.page_text)
        return _answer_cited(answer), answer.answer, not answer.found, None, None


# name -> (embedder the configuration needs, runner); every configuration is scored the same way.
CONFIGS: dict[str, tuple[str | None, Runner]] = {
    "bm25": (None, _retrieval_runner("bm25")),
    "dense-use": ("use", _retrieval_runner("dense")),
    "dense-minilm": ("minilm", _retrieval_runner("dense")),
    "hybrid": (None, _retrieval_runner("hybrid")),
    "final": (None, _answer_runner("extractive")),
    # The extractive answer with each item answered by a model fitted without its fold (5-fold over all gold given).
    "final-cv": (None, CrossValidated()),
    # The whole pipeline in LLM mode: needs ASSISTANT_LLM_BASE_URL (e.g. from `assistant llm`); LLM failures are
    # scored as the extractive fallbacks they become.
    "final-llm": (None, _answer_runner("llm")),
}


def run_config(service: AssistantService, runner: Runner, items: list[GoldItem], k: int) -> list[Outcome]:
    prepare = getattr(runner, "prepare", None)
    if prepare is not None:
        prepare(service, items)
    if items:
        runner(service, items[0])  # warm-up: model load is not answer latency
    outcomes = []
    for item in items:
        waited, start = llm_seconds(), time.perf_counter()
        results, text, refused, fallback, first_token = runner(service, item)
        elapsed = (time.perf_counter() - start) * 1000
        llm_ms = (llm_seconds() - waited) * 1000
        rank = first_hit(results, item.sources, k) if item.answerable else None
        outcomes.append(Outcome(id=item.id, type=item.type, lang=item.lang, set=item.set,
                                answerable=item.answerable, rank=rank, answer_chars=0 if refused else len(text),
                                coverage=must_include_coverage(text, item.must_include) if not refused else 0.0,
                                refused=refused, latency_ms=elapsed, llm_ms=llm_ms, first_token_ms=first_token,
                                fallback_reason=fallback))
    return outcomes


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1], 1)


def summarise(outcomes: list[Outcome]) -> Summary:
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    latencies = [o.latency_ms for o in outcomes]
    llm_total = sum(o.llm_ms for o in outcomes)
    first_tokens = [o.first_token_ms for o in outcomes if o.first_token_ms is not None]
    return Summary(
        n=len(outcomes),
        hit=_mean([1.0 if o.rank else 0.0 for o in answerable]),
        mrr=_mean([1.0 / o.rank if o.rank else 0.0 for o in answerable]),
        coverage=_mean([o.coverage for o in answerable]),
        passed=_mean([1.0 if o.passed else 0.0 for o in answerable]),
        refusal=_mean([1.0 if o.refused else 0.0 for o in unanswerable]),
        false_refusal=_mean([1.0 if o.refused else 0.0 for o in answerable]),
        p50_ms=_percentile(latencies, 50),
        p95_ms=_percentile(latencies, 95),
        answer_chars_p50=_median([o.answer_chars for o in answerable if not o.refused]),
        fallbacks=sum(1 for o in outcomes if o.fallback_reason) if llm_total else None,
        llm_ms=round(llm_total / len(outcomes), 1) if llm_total else None,
        pipeline_pct=round(100 * (sum(latencies) - llm_total) / llm_total, 2) if llm_total else None,
        first_token_p50_ms=_percentile(first_tokens, 50) if first_tokens else None,
        first_token_p95_ms=_percentile(first_tokens, 95) if first_tokens else None,
    )


def breakdown(outcomes: list[Outcome]) -> dict[str, Summary]:
    """Overall, then per question type and per question language."""
    groups: dict[str, list[Outcome]] = {"overall": outcomes}
    for o in outcomes:
        groups.setdefault(f"set:{o.set}", []).append(o)
    for o in outcomes:
        groups.setdefault(f"type:{o.type}", []).append(o)
    for o in outcomes:
        groups.setdefault(f"lang:{o.lang}", []).append(o)
    return {name: summarise(group) for name, group in groups.items()}


class Report(BaseModel):
    k: int
    configs: dict[str, dict[str, Summary]]
    outcomes: dict[str, list[Outcome]]


def evaluate(golds: list[Path], configs: list[str], service_for: Callable[[str | None], AssistantService]) -> Report:
    unknown = [c for c in configs if c not in CONFIGS]
    if unknown:
        raise InvalidRequestError(f"unknown configuration(s) {', '.join(unknown)}; choose from {', '.join(CONFIGS)}")
    items = [item for gold in golds for item in load_gold(gold)]
    report = Report(k=0, configs={}, outcomes={})
    for name in configs:
        embedder, runner = CONFIGS[name]
        service = service_for(embedder)
        report.k = service.settings.top_k
        outcomes = run_config(service, runner, items, report.k)
        report.outcomes[name] = outcomes
        report.configs[name] = breakdown(outcomes)
    return report


_ROWS = [("hit", "hit@{k}"), ("mrr", "MRR"), ("coverage", "must-include"), ("passed", "pass"),
         ("refusal", "refusal"), ("false_refusal", "false refusal"), ("p50_ms", "p50 ms"), ("p95_ms", "p95 ms"),
         ("answer_chars_p50", "answer chars p50"),
         ("fallbacks", "fallbacks"), ("llm_ms", "mean LLM ms"), ("pipeline_pct", "pipeline % of LLM"),
         ("first_token_p50_ms", "first text p50 ms"), ("first_token_p95_ms", "first text p95 ms")]


_OVERALL_ONLY = ("p50_ms", "p95_ms", "llm_ms", "pipeline_pct", "first_token_p50_ms", "first_token_p95_ms")


def _cell(value: float | None) -> str:
    return "-" if value is None else (f"{value:.3f}" if value <= 1.0 and isinstance(value, float) else f"{value:g}")


def format_table(report: Report) -> str:
    """One block per group (overall, per type, per language); configurations side by side."""
    names = list(report.configs)
    groups = list(next(iter(report.configs.values()), {}))
    width = max([14, *(len(n) + 2 for n in names)])
    lines = []
    for group in groups:
        n = report.configs[names[0]][group].n
        lines.append(f"{group} (n={n})".ljust(22) + "".join(name.rjust(width) for name in names))
        for attr, label in _ROWS:
            if attr in _OVERALL_ONLY and group != "overall":
                continue
            cells = [getattr(report.configs[name][group], attr) for name in names]
            if all(c is None for c in cells):
                continue
            lines.append(("  " + label.format(k=report.k)).ljust(22) + "".join(_cell(c).rjust(width) for c in cells))
        lines.append("")
    return "\n".join(lines).rstrip()


def to_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)
