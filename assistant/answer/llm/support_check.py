"""Citations and their validation: [n] always means the n-th retrieved passage, and a generated sentence keeps its
marker only when the cited passage actually contains what the sentence says.

Citations are built from the passages, never parsed back out of prose. Generated text is checked the other way
round: each sentence's content words must appear in the passage(s) it cites (lexical overlap of normalised,
stemmed tokens). Sentences that fail are dropped and counted, so a fluent but unsupported claim never ships.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, Field

from assistant.answer.citations import PageLookup, citation_for
from assistant.models import Citation, Passage

MARKER_RE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?])")
_MULTI_SPACE = re.compile(r"[ \t]{2,}")
_LIST_PREFIX = re.compile(r"^\s*(?:[-*•]|\(?\d{1,2}[.)])\s+")
# "... signed in 2002. [1]" -> "... signed in 2002 [1]." so sentence splitting keeps the marker with its claim.
_MARKER_AFTER_PUNCT = re.compile(r"([.!?。])[ \t]*((?:\[\d+(?:\s*[,;]\s*\d+)*\][ \t]*)+)")

# Measured with benchmarks/llm_support.py (LLM answers to dev questions over real corpus windows): sentences
# citing the right passage scored 0.67-1.0, the same sentences against a wrong passage 0.0-0.17. 0.5 sits
# between; attaching a marker to an unmarked sentence asks for more (0.7). Small sample: re-measure.
DEFAULT_SUPPORT_THRESHOLD = 0.5
DEFAULT_ATTACH_THRESHOLD = 0.7


def citations_from_passages(passages: Sequence[Passage], page_lookup: PageLookup | None = None) -> list[Citation]:
    """One citation per passage, numbered by position so that [n] in any answer resolves to passages[n-1]."""
    return [citation_for(passage, n, None, page_lookup) for n, passage in enumerate(passages, start=1)]


def markers_in(text: str) -> list[int]:
    """Every passage number cited in ``text``, in order of appearance, without repeats."""
    found: list[int] = []
    for match in MARKER_RE.finditer(text):
        found.extend(int(n) for n in re.split(r"\s*[,;]\s*", match.group(1)))
    return list(dict.fromkeys(found))


def _tidy(text: str) -> str:
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return "\n".join(_MULTI_SPACE.sub(" ", line).rstrip() for line in text.split("\n")).strip()


def validate_markers(text: str, n_max: int) -> str:
    """Drop markers that point to no passage ([7] with five passages, [0]); "[1, 9]" becomes "[1]"."""

    def keep_valid(match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.split(r"\s*[,;]\s*", match.group(1))]
        valid = list(dict.fromkeys(n for n in numbers if 1 <= n <= n_max))
        return "".join(f"[{n}]" for n in valid)

    text = _MARKER_AFTER_PUNCT.sub(lambda m: f" {m.group(2).strip()}{m.group(1)} ", text)
    return _tidy(MARKER_RE.sub(keep_valid, text))


def strip_markers(text: str) -> str:
    return _tidy(MARKER_RE.sub("", text))


def support(sentence: str, passage_text: str) -> float:
    """Share of the sentence's content words that the passage contains (1.0 = every claim word is there); none when
    a figure it states is not the passage's (``figures_held``)."""
    from assistant.retrieval.support import content_terms, terms

    body = strip_markers(_LIST_PREFIX.sub("", sentence))
    claim = content_terms(body)
    if not claim:
        return 0.0
    words = terms(passage_text)
    if not figures_held(terms(body), words):
        return 0.0
    source = set(words)
    return sum(1 for t in claim if t in source) / len(claim)


_FIGURE_REACH = 5  # words either side of a figure where what it counts stands ('26 pilot cities', 'cities: 26')
_RUN = 3  # a figure the tokenizer cut in parts ('1,060,000' is '1', '060', '000') before the word it counts


def figures_held(claim: list[str], source: list[str]) -> bool:
    """Does every figure of the claim stand in the source, beside the word the claim counts with it? A small model's
    commonest slip is a near number ('25 pilot cities' from '22 to 25 May 2018', a year off by one), which word
    overlap lets through: every other word of such a sentence is the passage's. Both are ``terms`` lists."""
    from assistant.retrieval.support import is_stopword

    for i, token in enumerate(claim):
        if not token[:1].isdigit():
            continue
        spots = [n for n, t in enumerate(source) if t == token]
        if not spots:
            return False
        after = next((t for t in claim[i + 1: i + 1 + _RUN] if not t[:1].isdigit()), None)
        if after is None or is_stopword(after):
            continue
        if not any(after in source[max(0, n - _FIGURE_REACH): n + _FIGURE_REACH + 1] for n in spots):
            return False
    return True


class SentenceCheck(BaseModel):
    sentence: str
    cited: list[int]
    support: float
    kept: bool
    checked: bool = Field(
        True, description="False when sentence and passage differ in language (lexical overlap cannot judge)."
    )


class SupportReport(BaseModel):
    """The validated text and what the check did to it, kept for evaluation and logs."""

    text: str
    kept: int = 0
    dropped: int = 0
    markers_added: int = 0
    unchecked: int = 0
    sentences: list[SentenceCheck] = Field(default_factory=list)

    @property
    def cited(self) -> list[int]:
        return markers_in(self.text)


def _sentences(line: str) -> list[str]:
    from assistant.text.normalise import detect_language, split_sentences

    return split_sentences(line, detect_language(line))


def split_answer_sentences(text: str) -> list[str]:
    """Sentences of generated text, line by line, list bullets removed, markers kept with their sentence."""
    text = _MARKER_AFTER_PUNCT.sub(lambda m: f" {m.group(2).strip()}{m.group(1)} ", text)
    out: list[str] = []
    for line in text.split("\n"):
        line = _LIST_PREFIX.sub("", line).strip()
        if line:
            out.extend(_sentences(line))
    return out


def _same_language(a: str, b: str) -> bool:
    from assistant.text.normalise import detect_language

    return detect_language(a) == detect_language(b)


def _check(
    sentence: str, passages: Sequence[Passage], support_threshold: float, attach_threshold: float
) -> tuple[str | None, SentenceCheck]:
    """Keep, re-mark or drop one sentence; returns the sentence as it should appear (None when dropped)."""
    cited = [n for n in markers_in(sentence) if 1 <= n <= len(passages)]
    body = strip_markers(sentence)
    if cited:
        texts = [passages[n - 1].chunk.text for n in cited]
        if not all(_same_language(body, t) for t in texts):
            # A Thai sentence citing an English passage: words cannot match, the marker is all we can check.
            return sentence, SentenceCheck(sentence=sentence, cited=cited, support=0.0, kept=True, checked=False)
        score = support(body, "\n".join(texts))
        if score >= support_threshold:
            return sentence, SentenceCheck(sentence=sentence, cited=cited, support=score, kept=True)
        # the model often numbers list items "[2] ..." or cites a neighbour: re-cite when one passage clearly holds it
        recited, check = _best_passage(body, passages, support_threshold, attach_threshold)
        return recited, check if recited else SentenceCheck(sentence=sentence, cited=cited, support=score, kept=False)
    return _best_passage(sentence, passages, support_threshold, attach_threshold)


def _best_passage(
    sentence: str, passages: Sequence[Passage], support_threshold: float, attach_threshold: float
) -> tuple[str | None, SentenceCheck]:
    """An unmarked (or wrongly marked) sentence gets the marker of the passage that supports it best, if any does."""
    body = strip_markers(sentence)
    scores = [
        (support(body, p.chunk.text), n)
        for n, p in enumerate(passages, start=1)
        if _same_language(body, p.chunk.text)
    ]
    best, best_n = max(scores, default=(0.0, 0))
    if body.endswith(":") and best >= support_threshold:
        # a lead-in to a list ("The three strategies are:") claims nothing itself; its items carry the markers
        return sentence, SentenceCheck(sentence=sentence, cited=[], support=best, kept=True)
    if best >= attach_threshold:
        marked = _attach(body, best_n)
        return marked, SentenceCheck(sentence=marked, cited=[best_n], support=best, kept=True)
    return None, SentenceCheck(sentence=sentence, cited=[], support=best, kept=False)


def _attach(sentence: str, n: int) -> str:
    """Put the marker before the final punctuation, where the answer prompt asks the LLM to put it."""
    stripped = sentence.rstrip()
    if stripped and stripped[-1] in ".!?:;":
        return f"{stripped[:-1]} [{n}]{stripped[-1]}"
    return f"{stripped} [{n}]"


def check_support(
    text: str,
    passages: Sequence[Passage],
    support_threshold: float = DEFAULT_SUPPORT_THRESHOLD,
    attach_threshold: float = DEFAULT_ATTACH_THRESHOLD,
) -> SupportReport:
    """Validate generated text sentence by sentence, keeping its line structure (lists stay lists)."""
    text = validate_markers(text, len(passages))
    report = SupportReport(text="")
    out_lines: list[str] = []
    seen: set[str] = set()  # small models repeat themselves; a claim is said once
    for line in text.split("\n"):
        if not line.strip():
            if out_lines and out_lines[-1]:
                out_lines.append("")
            continue
        prefix_match = _LIST_PREFIX.match(line)
        prefix = prefix_match.group(0) if prefix_match else ""
        kept_sentences: list[str] = []
        for sentence in _sentences(line[len(prefix):]):
            result, check = _check(sentence, passages, support_threshold, attach_threshold)
            report.sentences.append(check)
            key = strip_markers(result or "").lower()
            if result is None or key in seen:
                report.dropped += 1
                continue
            seen.add(key)
            report.kept += 1
            report.unchecked += 0 if check.checked else 1
            report.markers_added += 0 if markers_in(sentence) or not markers_in(result) else 1
            kept_sentences.append(result)
        if kept_sentences:
            out_lines.append(prefix + " ".join(kept_sentences))
    report.text = _tidy("\n".join(out_lines))
    return report
