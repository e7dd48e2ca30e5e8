"""What the LLM reads: few passages, trimmed to the sentences that bear on the question.

On a 2-core CPU the prompt is most of an LLM answer's time (~36 prompt tokens/s), so the passages the extractive
answer already cited come first, the rest of the ranking fills up to ``llm_passages``, and each passage keeps only
its most relevant sentences (in document order) up to ``llm_passage_chars``. Support is still checked against the
full passage text, and the answer's citations are the ones the prompt numbered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel

from assistant.answer.citations import citation_for
from assistant.config import Settings
from assistant.models import Answer, Citation, Passage


class PromptContext(BaseModel):
    """Passages as shown to the LLM ([n] = shown[n-1]), the same passages in full, and their citations."""

    shown: list[Passage]
    full: list[Passage]
    citations: list[Citation]
    numbers: dict[int, int] = {}  # the extractive answer's [n] -> the same passage's number here

    def renumber(self, text: str) -> str:
        """Text marked with the extractive answer's numbers, marked with this context's numbers instead."""
        from assistant.answer.llm.support_check import MARKER_RE, markers_in

        def swap(match: re.Match[str]) -> str:
            return "".join(f"[{self.numbers[n]}]" for n in markers_in(match.group(0)) if n in self.numbers)

        return MARKER_RE.sub(swap, text)


def _candidates(passages: Sequence[Passage]) -> list[Passage]:
    """Retrieved passages, then their neighbouring chunks and the sections they refer to: the extractive answer may
    cite a chunk it read on into, or a section a law's sentence points to."""
    out = list(passages)
    for p in passages:
        out.extend(p.sibling(c) for c in [*p.neighbours, *p.referenced])
    return out


def _relevance(sentence: str, question_terms: set[str], evidence: str) -> float:
    """Sentences the extractive answer quoted first, then by the share of question words they hold."""
    from assistant.retrieval.support import terms

    quoted = 1.0 if sentence.strip() and sentence.strip() in evidence else 0.0
    if not question_terms:
        return quoted
    return quoted + len(question_terms & set(terms(sentence))) / len(question_terms)


def trim(text: str, question: str, budget: int, evidence: str = "") -> str:
    """The passage's most relevant sentences, in their original order, within ``budget`` characters."""
    from assistant.retrieval.support import content_terms
    from assistant.text.normalise import detect_language, split_sentences

    if len(text) <= budget:
        return text
    sentences = split_sentences(text, detect_language(text))
    q_terms = set(content_terms(question))
    ranked = sorted(range(len(sentences)), key=lambda i: -_relevance(sentences[i], q_terms, evidence))
    keep: set[int] = set()
    used = 0
    for i in ranked:
        if keep and used + len(sentences[i]) > budget:
            continue
        keep.add(i)
        used += len(sentences[i]) + 1
    return " ".join(sentences[i] for i in sorted(keep))  # a single sentence over budget stays whole


def build_context(
    question: str, passages: Sequence[Passage], settings: Settings, extractive: Answer | None = None
) -> PromptContext:
    """The extractive answer's cited passages (best first, all of them), then the ranking up to
    ``settings.llm_passages``."""
    chosen: list[tuple[Passage, Citation | None]] = []
    if extractive is not None and extractive.found:
        pool = _candidates(passages)
        for citation in extractive.citations:
            match = next((p for p in pool if p.chunk.text == citation.text), None)
            if match is not None and all(match.chunk.id != p.chunk.id for p, _ in chosen):
                chosen.append((match, citation))
    for passage in passages:
        if len(chosen) >= settings.llm_passages:
            break
        if all(passage.chunk.id != p.chunk.id for p, _ in chosen):
            chosen.append((passage, None))
    evidence = extractive.answer if extractive is not None and extractive.found else ""
    shown = [p.model_copy(update={"chunk": p.chunk.model_copy(update={"text": trim(
        p.chunk.text, question, settings.llm_passage_chars, evidence)})}) for p, _ in chosen]
    citations = [c.model_copy(update={"n": n}) if c is not None else citation_for(p, n)
                 for n, (p, c) in enumerate(chosen, start=1)]
    numbers = {c.n: n for n, (_, c) in enumerate(chosen, start=1) if c is not None}
    return PromptContext(shown=shown, full=[p for p, _ in chosen], citations=citations, numbers=numbers)
