"""How well retrieved text supports an answer to a question.

Shared by sentence selection and refusal: both ask which of the question's content words a piece of text covers,
weighted so that rare words (names, numbers, words absent from every candidate) count most. A question whose rare
words appear nowhere in what was retrieved is about something the documents do not hold.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.text.irregular import base_form

_EN_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here hers
    him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these they this those through
    to too under until up very was we were what when where which while who whom why will with would you your yours
    according among per via within without whether upon onto across along around mentioned say says said tell give
    name list describe explain kind sort thing things one ones two three four five six many much did does do please
    brief me know want what's which's set""".split()
)
# Words that ask rather than inform: they never need support in the text.
_QUESTION_WORDS_TH = frozenset(
    "อะไร ใคร ใด เมื่อไร เมื่อไหร่ ที่ไหน อย่างไร ยังไง เท่าใด เท่าไร เท่าไหร่ กี่ ไหม หรือไม่ บ้าง ได้บ้าง ระบุ ว่า"
    " คือ".split()
)
_WORD = re.compile(r"\w", re.UNICODE)


@lru_cache(maxsize=1)
def _thai_stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) | _QUESTION_WORDS_TH


def stem(token: str) -> str:
    """A light English suffix strip so that 'cities'/'city', 'signed'/'sign', 'dates'/'dated' meet, and an
    irregular past its base ('spent'/'spend'); Thai passes."""
    token = base_form(token) or token
    if not token.isascii() or len(token) <= 3 or not token.isalpha():
        return token
    if token.endswith(("ies", "ied")) and len(token) > 4:  # 'cities'/'city', 'carried'/'carry'
        token = token[:-3] + "y"
    elif token.endswith(("sses", "ches", "shes", "xes")):
        token = token[:-2]
    elif token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    for suffix in ("ing", "ed"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            # 'agreed' is 'agree' + 'd': cutting 'ed' leaves 'agre', which would then lose its e ('agree' keeps one)
            token = token[:-1] if token.endswith("eed") and suffix == "ed" else token[: -len(suffix)]
            if len(token) > 3 and token[-1] == token[-2] and token[-1] not in "lszaeiou":
                token = token[:-1]  # 'submitted' -> 'submit'
            break
    if token.endswith("e") and len(token) > 3:
        token = token[:-1]
    return token


def terms(text: str) -> list[str]:
    """Normalised, stemmed tokens with punctuation dropped (stop words kept: they matter for phrase overlap)."""
    from assistant.text.normalise import tokenize

    return [stem(t) for t in tokenize(text) if _WORD.search(t)]


def is_stopword(token: str) -> bool:
    """English or Thai function word, or a question word: carries no topic."""
    return token in _EN_STOPWORDS or token in _thai_stopwords()


def content_terms(text: str) -> list[str]:
    """The words of a question that an answer must be about, in order, without repeats."""
    from assistant.text.normalise import tokenize

    return list(dict.fromkeys(t for token in tokenize(text) if (t := content_term(token)) is not None))


def content_term(token: str) -> str | None:
    """One search token as ``content_terms`` keeps it (stemmed), or None for a stop word or a stray letter."""
    token = token.strip()
    if not _WORD.search(token) or token in _EN_STOPWORDS or token in _thai_stopwords():
        return None
    if token.isascii() and len(token) < 2 and not token.isdigit():
        return None
    return stem(token)


# Abbreviations staff write and the documents spell out (or the reverse); either form covers the term.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "กทม": ("กรุงเทพมหานคร",),
    "ผู้ว่าฯ": ("ผู้ว่าราชการ",),
    "ผู้ว่า": ("ผู้ว่าราชการ",),
    "ครม": ("คณะรัฐมนตรี",),
    "bma": ("bangkok metropolitan administration",),
    "iao": ("international affairs office",),
    "mou": ("memorandum of understanding",),
    "m&e": ("monitoring and evaluation",),
}
# A nationality names its country ("Thai cities" are the rows under "Thailand"): the ASEAN member states. Unlike an
# abbreviation, which the documents mostly use themselves, the country's name is a word BM25 must be given too.
NATIONALITIES: dict[str, tuple[str, ...]] = {
    "thai": ("thailand",),
    "malaysian": ("malaysia",),
    "singaporean": ("singapore",),
    "indonesian": ("indonesia",),
    "vietnamese": ("viet nam", "vietnam"),
    "filipino": ("philippines",),
    "philippine": ("philippines",),
    "cambodian": ("cambodia",),
    "laotian": ("lao pdr", "laos"),
    "bruneian": ("brunei",),
    "burmese": ("myanmar",),
}
_NAME = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][A-Za-z]+(?:['’][a-z]+(?<!['’]s))*|[A-Za-z]*\d[\w-]*)\b")


@dataclass
class Unit:
    """A piece of text as matching sees it: stemmed Latin tokens, and the squashed text for Thai substrings."""

    tokens: set[str]
    flat: str
    seen: dict[str, bool] = field(default_factory=dict, repr=False)


def unit_of(text: str) -> Unit:
    from assistant.text.normalise import normalize_for_search

    return Unit(tokens=set(terms(text)), flat="".join(normalize_for_search(text).split()))


@lru_cache(maxsize=1)
def _abbreviations_by_stem() -> dict[str, tuple[str, ...]]:
    """Keyed as ``content_terms`` spells a question's words ('vietnamese' -> 'vietnames')."""
    return {stem(key): spelled for key, spelled in {**ABBREVIATIONS, **NATIONALITIES}.items()}


def spelled_out(term: str) -> tuple[str, ...]:
    """The longer forms the documents use for a question's (stemmed) term: 'bma', 'thai' -> 'thailand'."""
    return _abbreviations_by_stem().get(term, ())


def country_of(term: str) -> tuple[str, ...]:
    """'thai' -> ('thailand',): the country a nationality in the question names."""
    return NATIONALITIES.get(term, ())


@lru_cache(maxsize=256)
def _expansions(term: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(terms(e)) for e in spelled_out(term))


PREFIX_MIN = 5  # letters of a stem that begins a longer word of its root ('urbanise'), not 'sign' of 'signal'


def _match(unit: Unit, term: str) -> bool:
    if term in unit.tokens or _other_era(term) in unit.tokens:
        return True
    if not term.isascii():
        return term in unit.flat
    if len(term) < PREFIX_MIN or term.isdigit():
        return False
    # 'urbanisation'/'urbanise', 'effective'/'effect': one word the stem of the other
    return any(
        len(tok) >= PREFIX_MIN and (tok.startswith(term) or term.startswith(tok)) for tok in unit.tokens
    )


@lru_cache(maxsize=256)
def _other_era(term: str) -> str | None:
    """A year as the other era writes it: 'ปี 2567' asked of a report on 2024, '2024' of one on 'พ.ศ. ๒๕๖๗'."""
    from assistant.text.calendar import other_era_word

    return other_era_word(term)


def has(unit: Unit, term: str) -> bool:
    """Thai words are matched inside the text: two segmentations of the same phrase rarely agree."""
    found = unit.seen.get(term)
    if found is None:
        found = _match(unit, term) or any(all(_match(unit, t) for t in e) for e in _expansions(term))
        unit.seen[term] = found
    return found


def term_weights(query_terms: Iterable[str], units: list[Unit]) -> dict[str, float]:
    """Inverse frequency over the retrieved units (sentences or passages): a word in none of them weighs most."""
    n = max(1, len(units))
    weights = {}
    for term in query_terms:
        df = sum(1 for unit in units if has(unit, term))
        weights[term] = math.log(1.0 + (n + 1) / (df + 0.5))
    return weights


def coverage(unit: Unit, weights: dict[str, float]) -> float:
    """Share of the question's weight that this unit of text contains."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if has(unit, t)) / total


def names_in(question: str) -> list[str]:
    """Proper names and numbers in a question (not a sentence's first word): the things an answer must be about."""
    return list(dict.fromkeys(m.group(1) for m in _NAME.finditer(question)))


def name_terms(text: str) -> list[str]:
    """The proper names of a question or a sentence, numbers aside, spelled as matching compares them ('SCAPs' is
    'scap')."""
    return list(dict.fromkeys(t for name in names_in(text) if not name[:1].isdigit() for t in terms(name)))
