"""Whose the counted things are. 'How many Dunmore students came to Corvin?' counts Dunmore's students; '24 Corvin
students spent two weeks in Dunmore' counts Corvin's: the same words, the roles the other way round, and no answer.
A count of things that belong to another of the question's names ('Corvin students', 'students from Corvin') where
none belong to the asked one states no value of what was asked.

English only: a name is read by its capital letter, which Thai script does not have.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_ADJECTIVES = 2  # lowercase words between a name and its noun: 'Corvin secondary students'
_OF = frozenset({"from", "of"})  # 'students from Corvin', 'residents of Dunmore'
_HOW_MANY = re.compile(r"\bhow many\b", re.IGNORECASE)


def counted_nouns(question: str, focus: list[str]) -> list[str]:
    """The plural nouns among the focus words of a 'how many' question ('students', 'chefs'): things counted, which
    have an owner. A verb's subject ('Orvane signed') is not one, nor is a share's whole ('the share of A projects in
    the B portfolio' over 'A accounts for 12% of the overall B projects')."""
    if not _HOW_MANY.search(question):
        return []
    return [w for w in focus if w.isascii() and w.islower() and len(w) > 3 and w.endswith("s")
            and not w.endswith(("ss", "us", "is"))]


def owners(text: str, nouns: list[str]) -> list[frozenset[str]]:
    """The names owning each mention of ``nouns`` in ``text``, as matching spells them: the capitalised words just
    before it (adjectives between allowed) or after 'from' / 'of' just after it."""
    from assistant.retrieval.support import is_stopword, stem, terms

    wanted = {stem(n) for n in nouns}
    words = _WORD.findall(text)
    found: list[frozenset[str]] = []
    for n, word in enumerate(words):
        if word[:1].isupper() or stem(word.lower()) not in wanted:
            continue
        m = n - 1
        while m >= 0 and n - m <= _ADJECTIVES and words[m].islower() and not is_stopword(words[m]):
            m -= 1
        name = _capitalised_run(words, m, step=-1)
        if not name and n + 2 < len(words) and words[n + 1].lower() in _OF:
            name = _capitalised_run(words, n + 2, step=1)
        if name:
            found.append(frozenset(t for w in name for t in terms(w)))
    return found


def _capitalised_run(words: list[str], start: int, step: int) -> list[str]:
    from assistant.retrieval.support import is_stopword

    run: list[str] = []
    m = start
    while 0 <= m < len(words) and words[m][:1].isupper() and not is_stopword(words[m].lower()):
        run.append(words[m])
        m += step
    return run


def owned_by_another(sentence: str, question: str, focus: list[str]) -> bool:
    """Does ``sentence`` count the asked things only as another of the question's names' ('24 Corvin students' for
    'How many Dunmore students came to Corvin?')?"""
    from assistant.retrieval.support import name_terms

    nouns = counted_nouns(question, focus)
    if not nouns:
        return False
    asked = frozenset().union(*owners(question, nouns))
    if not asked:
        return False
    others = set(name_terms(question)) - asked
    found = owners(sentence, nouns)
    return any(owner & others for owner in found) and not any(owner & asked for owner in found)
