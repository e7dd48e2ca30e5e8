"""The answer's shape: a direct answer first, the evidence in the citations beside it.

A fact question gets its value as a short lead when one can be read off ("26 cities [1].") and the sentence that
states it; a list question gets its items as a list; an overview gets a few cited points. Every citation carries
``highlights``, the spans of its passage that the answer drew on, so a page can mark them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer.citations import citation_for
from assistant.answer.context import closes_list
from assistant.answer.footnotes import unmarked
from assistant.answer.question.intent import Intent, asks_share
from assistant.answer.question.values import MONTHS
from assistant.answer.selection import Chosen
from assistant.answer.units import ITEM_CHARS, Sentence, says_list_follows
from assistant.models import Citation
from assistant.retrieval.support import content_terms, stem
from assistant.text.quoting import quoted

PageLookup = Callable[[str, int], str | None]
_END_PUNCT = re.compile(r"([.!?。:;]+)\s*$")
_DAYS = r"\d{1,2}(?:st|nd|rd|th)?(?:(?:\s*[-–]\s*|\s+to\s+)\d{1,2}(?:st|nd|rd|th)?)?"  # a day, or days: '20-22'
_DATE = re.compile(rf"\b({_DAYS}\s+(?:{MONTHS})\.?,?\s+\d{{4}}|(?:{MONTHS})\.?\s+{_DAYS},?\s+\d{{4}}"
                   rf"|(?:{MONTHS})\s+\d{{4}})\b")
_FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # '1,284,300', '4.5': not the comma after '2025,'
# a number, or a part of a whole ('9 of the 12'), then the words after it: what it counts
_NUMBER = re.compile(rf"(?<![\w.,])((?:{_FIGURE})(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?:{_FIGURE}))?\s*%?)(?![\d,.]\d)"
                     r"\s+((?:[^\W\d][\w'-]*\s+){0,2}[^\W\d][\w'-]*)")
_LEAD_WORDS = 3
_PERCENT = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*(?:%|per ?cent\b)")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


_DOT_LEADER = re.compile(r"(?<=\.)(?:\s+\.)+$")


def with_marker(text: str, n: int) -> str:
    """'... signed in 2001 [2].' reads better than '... signed in 2001. [2]'. The quoted text's own bracketed
    numbers are neutralised first: only the marker added here is a citation; a PDF's dot leader after the stop
    ('... expert. . . .') is layout."""
    text = _DOT_LEADER.sub("", quoted(text).strip())
    match = _END_PUNCT.search(text)
    if match:
        return f"{text[: match.start()].rstrip()} [{n}]{match.group(1)}"
    return f"{text} [{n}]"


def _number_lead(question: str, sentence: str) -> str | None:
    """'How many pilot cities ...?' and '... the 26 pilot cities ...' -> '26 pilot cities': the one number (not a
    year) whose next words include a word of the question, the thing counted; a part with its whole ('9 of the 12
    activities'), whose whole alone would answer another question."""
    wanted = set(content_terms(question))
    found = []
    for match in _NUMBER.finditer(sentence):
        words = match.group(2).split()[:_LEAD_WORDS]
        hit = max((n for n, word in enumerate(words) if stem(unmarked(word.lower().strip("'"))) in wanted),
                  default=None)
        if hit is not None and not _YEAR.fullmatch(match.group(1).strip()):
            found.append(f"{match.group(1).strip()} {' '.join([*words[:hit], unmarked(words[hit])])}")
    return found[0] if len(set(found)) == 1 else None  # two counts of the thing: which one answers is not for a pattern


def lead_value(question: str, intent: Intent, sentence: str) -> str | None:
    """The value itself, when the best sentence states exactly the kind asked for."""
    if intent.kind != "fact" or intent.language != "en":
        return None
    if "date" in intent.cues:
        dates = _DATE.findall(sentence)
        if len(dates) == 1:  # several dates: which one answers is not for a pattern to say
            return dates[0]
    if "number" in intent.cues and asks_share(question):
        shares = _PERCENT.findall(sentence)
        return shares[0] if len(set(shares)) == 1 else None
    if "number" in intent.cues:
        return _number_lead(question, sentence)
    return None


def _squashed(text: str) -> tuple[str, list[int]]:
    keep = [(ch, i) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for ch, _ in keep), [i for _, i in keep]


def span_of(passage_text: str, sentence: str) -> tuple[int, int] | None:
    """Where a (cleaned, re-spaced) sentence stands in its passage: compared without white space."""
    flat, index = _squashed(passage_text)
    probe, _ = _squashed(sentence)
    at = flat.find(probe) if probe else -1
    if at < 0:
        return None
    return index[at], index[at + len(probe) - 1] + 1


def _opening(chosen: Chosen, sentences: list[Sentence]) -> Sentence:
    """The sentence selection chose to open with (for a question asking a kind of value, one that states it), else
    the best-scored one."""
    if chosen.opening is not None and any(s is chosen.opening for s in sentences):
        return chosen.opening
    return max(sentences, key=lambda s: s.score)


def answer_order(chosen: Chosen, intent: Intent) -> list[Sentence]:
    """Lists keep their reading order (lead, then items); other answers group by passage, best passage first, each in
    reading order. A question in one part opens with selection's opening sentence, after the one it leans on
    ('It ...') if chosen: the answer first, then what stands beside it."""
    if intent.listing:
        return chosen.sentences
    ranks = list(dict.fromkeys(s.rank for s in chosen.sentences))
    ordered = [s for rank in ranks for s in sorted((x for x in chosen.sentences if x.rank == rank),
                                                     key=lambda x: x.position)]
    if intent.overview or intent.parts > 1 or not ordered:  # parts: each is answered where the text answers it
        return ordered
    best = _opening(chosen, ordered)
    opening = [s for s in ordered if s.rank == best.rank and s.position in (best.antecedent, best.position)]
    return opening + [s for s in ordered if all(s is not o for o in opening)]


def _points(sentences: list[Sentence], numbers: dict[int, int], chosen: Chosen) -> list[str]:
    """An overview's points, one a line; a list's items stand indented under the point that announces them."""
    lines: list[str] = []
    previous: Sentence | None = None  # the lead or item a next item must follow in reading order
    for s in sentences:
        item = (previous is not None and _next_in_reading(previous, s, chosen) and len(s.text) <= ITEM_CHARS
                and not says_list_follows(s.text))
        lines.append(f"{'  ' if item else ''}- {with_marker(s.text, numbers[s.rank])}")
        ends = item and previous is not None and closes_list([previous, s])  # '(c) ... .' after '(b) ...;'
        previous = s if (item and not ends) or says_list_follows(s.text) else None
    return lines


def _next_in_reading(a: Sentence, b: Sentence, chosen: Chosen) -> bool:
    """``b`` is the sentence right after ``a`` in its passage, or opens the next chunk of its document (a list read
    on)."""
    if a.rank == b.rank:
        return b.position == a.position + 1
    first, then = chosen.passages[a.rank].chunk, chosen.passages[b.rank].chunk
    return first.doc_id == then.doc_id and then.ordinal == first.ordinal + 1 and b.position == 0


def compose(question: str, intent: Intent, chosen: Chosen,
            page_lookup: PageLookup | None = None) -> tuple[str, list[Citation]]:
    sentences = answer_order(chosen, intent)
    ranks = list(dict.fromkeys(s.rank for s in sentences))
    numbers = {rank: n for n, rank in enumerate(ranks, start=1)}
    best = _opening(chosen, sentences)
    lines: list[str] = []
    if intent.listing and len(sentences) > 1:
        lines.append(with_marker(sentences[0].text, numbers[sentences[0].rank]))
        lines += [f"- {with_marker(s.text, numbers[s.rank])}" for s in sentences[1:]]
    elif intent.overview and len(sentences) > 1:
        lines += _points(sentences, numbers, chosen)
    else:
        lines.append(" ".join(with_marker(s.text, numbers[s.rank]) for s in sentences))
    citations = []
    for rank in ranks:
        own = [s for s in sentences if s.rank == rank]
        passage = chosen.passages[rank]
        citation = citation_for(passage, numbers[rank], max(own, key=lambda s: s.score).text, page_lookup)
        spans = [span for s in sorted(own, key=lambda s: s.position) if (span := span_of(passage.chunk.text, s.text))]
        citations.append(citation.model_copy(update={"highlights": spans}))
    text = "\n".join(lines)
    lead = lead_value(question, intent, best.text)
    if lead:
        text = f"{with_marker(lead, numbers[best.rank]).rstrip('.')}.\n\n{text}"
    return text, citations
