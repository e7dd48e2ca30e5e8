"""A question's words in the sentences of the other language: no word of a Thai question is in an English sentence,
however well it answers (and the reverse). A sentence holds a question word when it holds the word's translation
(``translations``) or, for a name, its spelling in the other script (``thai_spellings``): the word is added to what
matching sees of the sentence, so coverage, weights and the subject check read it as they read the same language.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from assistant.answer.question.translations import thai_spellings, translations
from assistant.answer.units import Sentence
from assistant.retrieval.support import Unit, content_term, has, stem
from assistant.text.normalise import tokenize


def with_translations(asked: list[str], language: str, sentences: list[Sentence],
                      embed: Callable[[list[str]], np.ndarray] | None, question: str) -> set[str]:
    """Adds each question word (``asked``, stemmed as matching has them) to the other language's sentences that hold
    its translation (``embed``: the sentence encoder, cached), looked up as the ``question`` spells it. Returns the
    words some sentence holds so."""
    foreign = [s for s in sentences if s.cross_lingual]
    if embed is None or not foreign:
        return set()
    spelled = {term: token for token in tokenize(question) if (term := content_term(token)) is not None}
    found = translations(asked, language, [s.text for s in foreign], embed, spelled)
    held: set[str] = set()
    for s in foreign:
        added = {t for t, words in found.items()
                 if any(all(has(s.unit, stem(part)) for part in w.split()) for w in words)}
        held |= added
        _add(s, added)
    return held


def with_spelled_names(question: str, language: str, sentences: list[Sentence]) -> dict[str, set[str]]:
    """Adds a Thai question's spelling of a Latin name ('เวลโมรา') to the other language's sentences that write the
    name ('Velmora'). Returns each spelling with the syllable terms it stands for among the asked words."""
    foreign = [s for s in sentences if s.cross_lingual]
    found = thai_spellings(question, language, [s.text for s in foreign])
    for s in foreign:
        _add(s, {thai for thai, (name, _) in found.items() if has(s.unit, name)})
    return {thai: pieces for thai, (_, pieces) in found.items()}


def _add(s: Sentence, words: set[str]) -> None:
    if words:
        s.unit = Unit(tokens=s.unit.tokens | words, flat=s.unit.flat)
        if s.context is not None:
            s.context = Unit(tokens=s.context.tokens | words, flat=s.context.flat)
