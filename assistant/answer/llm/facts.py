"""Did the LLM keep the facts? Names, numbers and dates that the extractive answer quoted must survive rewording.

A 1.5B model often answers fluently and drops (or swaps) the one name or figure that was asked for; the support
check cannot see an omission. The extractive answer's sentences are copied from the passages, so their names and
numbers are the facts the answer must carry; those the question already states do not count.
"""

from __future__ import annotations

import re

from assistant.answer.llm.support_check import strip_markers

# Latin names (a capitalised word not opening the sentence), figures, Thai number words, the items of an
# enumeration ('(1) complaint service; (2) traffic monitoring service'): a list's items are its facts, and what an
# aside spells out ('members in good standing (i.e. who are current on membership dues)').
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z'-]{2,}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_ITEM = re.compile(r"\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s*([^;,()]*[^\s;,()])")
_ASIDE = re.compile(r"\((?:i\.\s?e\.|e\.\s?g\.|that is|namely),?\s*([^()]*[^\s()])\)", re.IGNORECASE)
_ITEM_WORDS = 3  # an item is its first words: 'complaint service' of '(1) complaint service handled by ...'
_THAI_NUMBER = re.compile(r"(?:หนึ่ง|เอ็ด|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่สิบ|ร้อย|พัน|หมื่น|แสน|ล้าน)+")


def _normal(text: str) -> str:
    from assistant.text.normalise import normalize_for_search

    return normalize_for_search(text)


def facts(text: str) -> list[str]:
    """Names and figures in ``text`` (markers removed), in order, without repeats."""
    from assistant.text.normalise import thai_digits_to_arabic

    plain = thai_digits_to_arabic(strip_markers(text))
    items = [" ".join(m.group(1).split()[:_ITEM_WORDS]).rstrip(".:") for m in _ITEM.finditer(plain)]
    items += [m.group(1) for m in _ASIDE.finditer(plain)]
    enumerated = _ITEM.sub(" ", plain)  # an item's own number is no figure
    found = [m.group(0) for pattern in (_NAME, _NUMBER, _THAI_NUMBER) for m in pattern.finditer(enumerated)]
    return list(dict.fromkeys(found + items))


def _share(sentence: str, question_terms: set[str]) -> float:
    from assistant.retrieval.support import terms

    return len(question_terms & set(terms(sentence))) / len(question_terms) if question_terms else 1.0


def dropped_sentences(generated: str, evidence: str, question: str, keep_share: float = 1.0) -> list[str]:
    """Sentences of ``evidence`` (the extractive answer) that answer the question with names or figures which
    ``generated`` dropped: fewer than ``keep_share`` of their facts (the question's own aside) appear in it, or, with
    no name or figure, with words it dropped (``_words_dropped``). By default every fact must survive: LLM mode is
    never to say less than the extractive answer did.

    Only the evidence sentences that answer count: those closest to the question (at least half the best one's
    share of question words; of a question in parts, any share), holding the kind of answer it asks for (a person,
    a date, a number), or saying more about what an answering sentence before them named, or being the note its
    footnote mark points to; in an overview ('Brief me on ...') every one does. The extractive answer also quotes
    context that a short answer may rightly leave out. A sentence's facts are those it adds to the answering
    evidence before it: one that repeats 'ASCAP 2026-2035' and adds 'Vision 2045' is kept only if 'Vision 2045' is."""
    from assistant.answer.context import continues
    from assistant.answer.footnotes import marks
    from assistant.answer.llm.support_check import split_answer_sentences
    from assistant.answer.question.intent import intent_of
    from assistant.answer.question.values import satisfies
    from assistant.retrieval.support import content_terms

    have = _normal(generated)
    known = {_normal(f) for f in facts(question)} | {_normal(question)}
    q_terms = set(content_terms(question))
    sentences = split_answer_sentences(evidence)
    best = max((_share(s, q_terms) for s in sentences), default=0.0)
    intent = intent_of(question)
    cues = intent.cues
    # in a question of several parts, a sentence that speaks to any of its words may answer a part of its own
    least = 0.5 * best if intent.parts == 1 else min(best, _ANY_SHARE)
    dropped: list[str] = []
    previous, previous_answers = "", False
    for sentence in sentences:
        answers = (intent.overview or _share(sentence, q_terms) >= least or any(satisfies(c, sentence) for c in cues)
                   or (previous_answers and (continues(previous, sentence) or bool(marks(previous)))))
        previous, previous_answers = sentence, answers
        if not answers:
            continue
        wanted = [f for f in facts(sentence) if not any(_normal(f) in k for k in known)]
        known |= {_normal(f) for f in facts(sentence)}
        if not wanted:  # no name or figure: what it says are its words ('... must be told in writing')
            if _words_dropped(sentence, generated, q_terms):
                dropped.append(sentence)
            continue
        kept = sum(1 for f in wanted if _normal(f) in have)
        if kept < keep_share * len(wanted):
            dropped.append(sentence)
    return dropped


_ANY_SHARE = 1e-9  # a share above nothing: one question word
_WORDS_MIN = 3  # a sentence saying less than this of its own is context, not a fact to keep
_WORDS_KEPT = 0.5


def _words_dropped(sentence: str, generated: str, question_terms: set[str]) -> bool:
    """An answering sentence with no name or figure is dropped when the generated answer holds fewer than half of
    its own words (those the question does not use): rewording keeps most of them, leaving the clause out none."""
    from assistant.retrieval.support import content_terms, terms

    own = set(content_terms(strip_markers(sentence))) - question_terms
    if len(own) < _WORDS_MIN:
        return False
    return len(own & set(terms(generated))) < _WORDS_KEPT * len(own)
