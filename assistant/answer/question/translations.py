"""A question word's translation among the words of the passages in the other language: 'ฝึกอบรม' is 'training',
'population' is 'ประชากร'.

Words cannot match across Thai and English, so a Thai question's words are missing from every English sentence,
however well it answers (and the reverse). The multilingual sentence encoder places a word near its translation
(USE: ฝึกอบรม/training 0.89, ปริญญาโท/master's 0.77, ลงนาม/signed 0.89, น้ำท่วม/flood 0.87) and merely related
words further off (ปริญญาโท/degree 0.57, ผู้บังคับบัญชา/master's 0.61, ลงนาม/allocated 0.49), so a word of the
other language's passages this close to the question's word stands for it in matching.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import numpy as np

TRANSLATION_SIMILARITY = 0.7
_PAIR_WORD_SIMILARITY = 0.5  # 'report' 0.64 from 'รายงานประจำปี', 'district' 0.55 from 'สำนักงานเขต'
_CLOSEST = 3  # translations kept per word: a Thai compound may be two English words ('สำนักงานเขต': district office)
_MIN_CHARS = 2


def _content(token: str, thai: bool) -> bool:
    """A content word of one script, as the search tokenizer cuts it."""
    from assistant.retrieval.support import is_stopword

    return (len(token) >= _MIN_CHARS and not is_stopword(token) and not token.isdigit()
            and (not token.isascii() if thai else (token.isascii() and token.isalpha())))


def _words(tokenized: list[list[str]], thai: bool) -> list[str]:
    """The content words of the texts (each as its tokens) in one script."""
    return sorted({t for tokens in tokenized for t in tokens if _content(t, thai)})


def _pairs(tokenized: list[list[str]]) -> list[str]:
    """Two English content words side by side ('annual report', 'district offices'): a Thai compound is often two
    English words, each of them alone further from it (รายงานประจำปี: annual report 0.90, report 0.64, annual 0.51)."""
    return sorted({f"{a} {b}" for tokens in tokenized for a, b in pairwise(tokens)
                   if _content(a, False) and _content(b, False)})


def translations(terms: list[str], language: str, texts: list[str], embed: Callable[[list[str]], np.ndarray],
                 asked_as: dict[str, str] | None = None) -> dict[str, list[str]]:
    """For each of the question's ``terms`` in its own ``language`` ('th' or 'en'), the words of ``texts`` (the
    passages' sentences in the other language) that translate it, closest first (``embed``: the sentence encoder,
    cached); for a Thai term, two English words side by side too, where one of them is near a term already.
    ``asked_as``: each term as the question spells it, which the encoder knows better than a stem."""
    from assistant.text.normalise import tokenize

    thai = language == "th"
    asked = [t for t in terms if (not t.isascii() if thai else t.isascii() and t.isalpha() and len(t) > _MIN_CHARS)]
    tokenized = [tokenize(text) for text in texts] if asked else []
    vocabulary = _words(tokenized, thai=not thai)
    if not vocabulary:
        return {}
    # a stem is no word to the encoder ('bind' is further from 'พันธกรณี' than 'binding' is): the word as asked is
    vectors = embed([*((asked_as or {}).get(t, t) for t in asked), *vocabulary])
    words = vectors[: len(asked)]
    scores = words @ vectors[len(asked):].T
    if thai:  # only the pairs holding a word near a term are embedded: each costs the encoder a call on a new question
        near = {vocabulary[i] for i in np.nonzero((scores >= _PAIR_WORD_SIMILARITY).any(axis=0))[0]}
        pairs = [p for p in _pairs(tokenized) if near & set(p.split())]
        if pairs:
            vocabulary = [*vocabulary, *pairs]
            scores = np.hstack([scores, words @ embed(pairs).T])
    out: dict[str, list[str]] = {}
    for term, row in zip(asked, scores, strict=True):
        close = [vocabulary[i] for i in np.argsort(-row)[:_CLOSEST] if row[i] >= TRANSLATION_SIMILARITY]
        if close:
            out[term] = close
    return out


def thai_spellings(question: str, language: str, texts: list[str]) -> dict[str, tuple[str, set[str]]]:
    """The question's Thai spellings of the Latin names ``texts`` (the passages' English sentences) use:
    {'เวลโมรา': ('velmora', {'เวล', 'โมรา'})}, each with the terms its syllables made ('เวล', 'โมรา'), which are
    not words of the question but pieces of a name the segmenter did not know. Asking words end a spelling."""
    from assistant.answer.question.parts import ASKING_TH
    from assistant.retrieval.support import content_term, stem
    from assistant.text.normalise import tokenize
    from assistant.text.transliteration import latin_names, spelled_names

    if language != "th" or not texts:
        return {}
    tokens = [t if t not in ASKING_TH else "" for t in tokenize(question)]
    out: dict[str, tuple[str, set[str]]] = {}
    for (first, end), name in spelled_names(tokens, latin_names(texts)).items():
        pieces = {term for t in tokens[first:end] if (term := content_term(t)) is not None}
        out["".join(tokens[first:end])] = (stem(name.lower()), pieces)
    return out
