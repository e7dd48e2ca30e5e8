"""The passages' own word for what the question asks, when no document uses the question's: 'inhabitants' for
'population', 'employees' for 'staff'.

A focus word that no visible document contains would refuse the question, and no sentence could state its value next
to it. The multilingual sentence encoder places a word near its synonyms (USE: population/inhabitants 0.79,
staff/employees 0.88, unemployment/jobless 0.70) and merely related words further off (population/city 0.42,
budget/cost 0.56, position/head 0.41), so a word of the retrieved passages this close to the focus word stands for
it. Only nouns are looked up ('the population'), only words in the focus word's own script are compared, and only
for focus words no document uses, or that no passage sentence stating the asked kind of value holds ('residents'
used by a permits notice, '184,000 inhabitants' in a profile): elsewhere a word is matched as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

SYNONYM_SIMILARITY = 0.65
_MIN_LETTERS = 4
_LATIN = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)*")
_DETERMINERS = ("the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "that", "these", "those", "of",
                "many", "much")


def _named_thing(word: str, question: str) -> bool:
    """'the population', 'his position', 'the town's population': a word after a determiner or a possessive names a
    thing. Verbs are left alone: their neighbours in the encoder are other verbs ('receive': 'giving', 'held'),
    not their synonyms."""
    return bool(re.search(rf"\b(?:{'|'.join(_DETERMINERS)}|\w+['’]s?)\s+{re.escape(word)}\b", question, re.IGNORECASE))


def synonyms(unknown: list[str], question: str, texts: list[str],
             embed: Callable[[list[str]], np.ndarray]) -> dict[str, list[tuple[str, float]]]:
    """For each unknown English focus word that names a thing, the words of ``texts`` that mean it, most similar
    first (``embed``: the sentence encoder, cached)."""
    from assistant.retrieval.support import is_stopword

    asked = [w for w in unknown if w.isascii() and w.isalpha() and _named_thing(w, question)]
    if not asked or not texts:
        return {}
    vocabulary = sorted({w.lower() for text in texts for w in _LATIN.findall(text)
                         if len(w) >= _MIN_LETTERS and not is_stopword(w.lower())} - {w.lower() for w in asked})
    if not vocabulary:
        return {}
    vectors = embed([*(w.lower() for w in asked), *vocabulary])
    words, candidates = vectors[: len(asked)], vectors[len(asked):]
    out: dict[str, list[tuple[str, float]]] = {}
    for word, row in zip(asked, words @ candidates.T, strict=True):
        close = [(vocabulary[i], float(row[i])) for i in np.argsort(-row) if row[i] >= SYNONYM_SIMILARITY]
        if close:
            out[word] = close
    return out
