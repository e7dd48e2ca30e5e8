"""Field readers: each takes the agreement's units and returns values with the unit and the words they were read
from. Patterns only, no LLM; a field the text does not state stays empty rather than guessed."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from assistant.agreements import vocabulary as v
from assistant.agreements.dates import find_dates
from assistant.agreements.model import Party, Signatory
from assistant.agreements.sentences import Unit


@dataclass(frozen=True)
class Read:
    """A value and where it was read: the unit and the exact words (a slice of the unit's text)."""

    value: object
    unit: Unit
    words: str


OPENING_CHARS = 700  # the agreement's heading and first sentences: where its type and parties are stated


def opening(units: list[Unit]) -> list[Unit]:
    out: list[Unit] = []
    total = 0
    for unit in units:
        if total >= OPENING_CHARS:
            break
        out.append(unit)
        total += len(unit.text)
    return out


def agreement_type(units: list[Unit]) -> Read | None:
    for name, pattern in v.TYPE_PATTERNS:
        for unit in opening(units):
            m = pattern.search(unit.text)
            if m:
                return Read(name, unit, m.group(0))
    return None


def relationship(units: list[Unit]) -> Read | None:
    for unit in units:
        for name, pattern in v.RELATIONSHIPS:
            m = pattern.search(unit.text)
            if m:
                return Read(name, unit, m.group(0))
    return None


# --- parties -----------------------------------------------------------------------------------------------------
_BETWEEN = re.compile(r"\b(?:between|by and between)\s+(?:the\s+)?(?P<a>.+?)\s+(?:and|AND|&)\s+(?:the\s+|THE\s+)?(?P<b>.+)",
                      re.IGNORECASE | re.DOTALL)
# 'ระหว่างประเทศ' is one word, 'international' ('ความร่วมมือระหว่างประเทศ'), not 'between the country and ...'
_THAI_BETWEEN = re.compile(r"ระหว่าง(?!ประเทศ)\s*(?P<a>.+?)\s*(?:กับ|และ)\s*(?P<b>.+)", re.DOTALL)
_B_STOP = re.compile(
    r"\s+(?:and|to|will|shall|is|are|was|were|for|in order|on|with|do|does|hereby|which|who|that|has|have)\b"
    r"|\s*[.;:]\s|\s*[.;:]$|\n(?=[^\n]{45,})|\s+(?:In|The|This|That|On|Whereas|With|Both|We|It|Hereinafter)\s"
    r"|\s+(?:ว่าด้วย|โดย|เพื่อ|ซึ่ง|ได้|จะ|ลงนาม)")
_A_BAD = re.compile(r"\b(?:the two|both|each|people|peoples|citizens|nations|cities|countries)\b", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:the\s+)", re.IGNORECASE)
_SMALL_WORDS = {"of", "de", "del", "la", "le", "and", "the", "bin", "al", "van", "von", "da", "do", "dos", "das"}


# 'The City of A, Republic of X, and the City of B, Kingdom of Y (hereinafter "the Parties")': an opening that
# names the parties without 'between'; a party's own '(hereinafter "A")' is read past.
_NAMED_PARTIES = re.compile(
    r"^(?:the\s+)?(?P<a>[A-Z][^()]{2,110}?)(?:\s*\((?:hereinafter|referred)[^()]*\))?\s*,?\s+and\s+(?:the\s+)?"
    r"(?P<b>[A-Z][^()]{2,110}?)\s*\((?:hereinafter|together|collectively|jointly|each)", re.IGNORECASE)


def parties(units: list[Unit]) -> list[Read]:
    """The first "between A and B" whose A reads as a place or body, else an opening that names the two before
    '(hereinafter ...)'; each with its country when the text gives it."""
    for unit in units:
        for pattern in (_BETWEEN, _THAI_BETWEEN):
            for m in pattern.finditer(unit.text):
                a, b = m.group("a"), m.group("b")
                stop = _B_STOP.search(b)
                b = b[: stop.start()] if stop else b
                if not _plausible(a) or not _plausible(b):
                    continue
                read = [_party(a), _party(b)]
                words = unit.text[m.start():m.start("b") + len(b)]
                return [Read(p, unit, words) for p in read if p is not None]
    for unit in opening(units):
        m = _NAMED_PARTIES.search(unit.text)
        if m and _plausible(m.group("a")) and _plausible(m.group("b")):
            words = unit.text[m.start():m.end("b")]
            return [Read(p, unit, words) for p in (_party(m.group("a")), _party(m.group("b"))) if p is not None]
    return []


def _plausible(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 120 or _A_BAD.search(text):
        return False
    first = text[0]
    return first.isupper() or "\u0e00" <= first <= "\u0e7f"


def _party(text: str) -> Party | None:
    text = _PREFIX.sub("", ", ".join(line.strip() for line in text.split("\n")).strip(" ,"))
    country = None
    paren = re.search(r"\(([^()]{1,40})\)\s*$", text)
    if paren:
        country = re.sub(r"\s+", "", paren.group(1)) if "." in paren.group(1) else paren.group(1).strip()
        text = text[: paren.start()].strip(" ,")
    parts = [p.strip() for p in re.split(r",|\n", text) if p.strip()]
    if not parts:
        return None
    name, rest = parts[0], parts[1:]
    if country is None and rest:
        places = [p for p in rest if not v.CONTINENTS.match(p)]
        after_continent = len(places) < len(rest)
        if len(places) >= 2 or (places and (after_continent or _abbreviation(places[-1])
                                            or v.STATE_WORDS.match(places[-1]))):
            country = places[-1]
        elif not places and after_continent:
            # "City of X Country, South America" on one OCR line: the word before the continent is the country
            words = name.split()
            if len(words) > 1:
                name, country = " ".join(words[:-1]), words[-1]
    if country is None and " " in name and "\u0e00" <= name[0] <= "\u0e7f":
        head, _, tail = name.rpartition(" ")
        if v.THAI_COUNTRY_PREFIX.match(tail):
            name, country = head, tail
    return Party(name=display(name), country=display(country) if country else None)


def _abbreviation(text: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.?\s?){2,4}", text.strip()))


def display(text: str) -> str:
    """ALL-CAPS headings are shown in title case ("CITY OF ABU DHABI" -> "City of Abu Dhabi"); abbreviations stay."""
    text = " ".join(text.split())
    if _abbreviation(text) or not any(c.isalpha() and c.isascii() for c in text) or text.upper() != text:
        return text
    words = [w.lower() if w.lower() in _SMALL_WORDS and i else w.capitalize() for i, w in enumerate(text.split())]
    return " ".join(words)


# --- dates --------------------------------------------------------------------------------------------------------
def dates(units: list[Unit]) -> tuple[Read | None, Read | None]:
    """(signed, effective): a date is a signing date when a signing cue comes just before it or its sentence says it
    is executed ("hereby", "adopted"), an effective date when its sentence speaks of taking effect. Dates with neither
    (the founding year of a programme, say) are not read."""
    signed = effective = None
    for unit in units:
        for found in find_dates(unit.text):
            before = unit.text[max(0, found.start - 60):found.start]
            around = unit.text[max(0, found.start - 60):found.end + 160]
            read = Read(found.iso, unit, found.text)
            if v.SIGNED_CUE.search(before) and not v.EFFECTIVE_CUE.search(before[-25:]):
                signed = signed or read
            elif v.EFFECTIVE_CUE.search(around):
                effective = effective or read
            elif v.SIGNED_CUE.search(unit.text):
                signed = signed or read
    return signed, effective


# --- signatories --------------------------------------------------------------------------------------------------
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|[A-Z]\.|bin|al|de|van|von|da|0)"
_PROSE_SIGNER = re.compile(
    rf"{v.HONORIFIC}\s+(?:(?:{v.TITLE_WORDS})\s+)?(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}}),\s*"
    rf"(?P<title>(?:{v.TITLE_WORDS})\b[^,;]*)", re.IGNORECASE)
_TITLE_AT = re.compile(rf"\b(?:{v.TITLE_WORDS})\b")
_TITLE_TAIL = re.compile(r"^(?:,?\s*(?:of|City of|of the City of|the)\s+|,\s*)?(?:[A-Z][\w'’.&-]*|de|del|la|of|&\w*)"
                         r"(?:\s+(?:[A-Z][\w'’.&-]*|de|del|la|of|&\w*)){0,6}")
_PLAIN_TOKEN = re.compile(r"^(?:[A-Z][a-z][\w'’.-]*|[A-Z]\.(?:[A-Z][a-z]+)?|[A-Z][a-z]*\.|bin|al|de|van|von|da|0)$")


def _bounds_name(token: str, countries: set[str]) -> bool:
    """Whether the word before a name run ends something else: a sentence or field, a letterhead word in capitals, a
    country. A capitalised word or "of" before it means the run is the tail of a longer name or of a title."""
    if token.endswith((",", ":", ".", ";")) or token in countries:
        return True
    if token.lower() in ("of", "the", "and", "&", "de"):
        return False
    letters = [c for c in token if c.isalpha()]
    return not token[:1].isupper() or (len(letters) >= 3 and token.isupper())


def signatories(units: list[Unit], countries: set[str]) -> list[Read]:
    """Who signed, in what capacity: "the Honorable NAME, Mayor of X" in the prose first, then signature blocks
    where a title directly follows a name of two to five words. A block that stacks the names apart from their titles
    cannot be paired from the text, and gives no signatory rather than a wrong one."""
    found: list[Read] = []
    seen: set[str] = set()
    for unit in units:
        for m in _PROSE_SIGNER.finditer(unit.text):
            name, title = display(m.group("name")), display(m.group("title").strip().rstrip("."))
            if name.lower() not in seen:
                seen.add(name.lower())
                found.append(Read(Signatory(name=name, title=title), unit, m.group(0)))
    # a block laid out as lines: 'For the City of X' / 'Jane Roe' / 'Mayor of X', in one paragraph or one a line
    lines = [(line.strip(), unit) for unit in units for line in unit.text.split("\n")]
    for (name, unit), (title, _) in itertools.pairwise(lines):
        tokens = name.split()
        if (2 <= len(tokens) <= 5 and all(_PLAIN_TOKEN.match(t) for t in tokens) and v.TITLE_LINE.match(title)
                and not _TITLE_AT.search(name) and name.lower() not in seen):
            seen.add(name.lower())
            found.append(Read(Signatory(name=display(name), title=display(title.rstrip(" ,."))), unit,
                              f"{name} {title}"))
    for unit in units:
        text = unit.text
        for m in _TITLE_AT.finditer(text):
            tokens = text[: m.start()].split()
            run: list[str] = []
            while tokens and _PLAIN_TOKEN.match(tokens[-1]) and not _TITLE_AT.fullmatch(tokens[-1]):
                run.insert(0, tokens.pop())
            if not 2 <= len(run) <= 5 or (tokens and not _bounds_name(tokens[-1], countries)):
                continue
            name = " ".join(run)
            if name.lower() in seen:
                continue
            tail = _TITLE_TAIL.match(text[m.end():])
            title = m.group(0) + (tail.group(0) if tail else "")
            for country in countries:  # a title stops where the signature block names the country
                title = title.split(f" {country}")[0]
            title = title.strip(" ,")
            seen.add(name.lower())
            found.append(Read(Signatory(name=display(name), title=display(title)), unit,
                              text[m.start() - len(name) - 1:m.start() + len(title)].strip()))
    return found


# --- areas, clauses, languages ------------------------------------------------------------------------------------
def areas(units: list[Unit]) -> list[Read]:
    """Fields of cooperation, read only from sentences about working together; value = (area, the text's word)."""
    out: list[Read] = []
    for unit in units:
        if not v.COOPERATION_CUE.search(unit.text):
            continue
        for area, pattern in v.AREA_PATTERNS.items():
            for m in pattern.finditer(unit.text):
                out.append(Read((area, m.group(0)), unit, m.group(0)))
    return out


def clause(units: list[Unit], name: str) -> Read | None:
    pattern = v.CLAUSES[name]
    for unit in units:
        m = pattern.search(unit.text)
        if m:
            return Read(" ".join(unit.text.split()), unit, m.group(0))
    return None


_LANGUAGES_EN = re.compile(r"\b(?P<list>(?:[A-Z][a-z]+(?:\s*,\s*|\s+and\s+))*[A-Z][a-z]+)\s+(?:languages?|Languages?)\b")


def languages(units: list[Unit]) -> list[Read]:
    for unit in units:
        m = _LANGUAGES_EN.search(unit.text)
        if m:
            names = [n for n in re.split(r"\s*,\s*|\s+and\s+", m.group("list")) if n and n.lower() != "the"]
            return [Read(n, unit, m.group(0)) for n in names]
        if "ภาษา" in unit.text and re.search(r"ฉบับ|ต้นฉบับ|ทำขึ้น|ทําขึ้น", unit.text):
            names = v.LANGUAGE_NAME.findall(unit.text)
            if names:
                start = unit.text.index("ภาษา")
                return [Read(n, unit, unit.text[start:]) for n in dict.fromkeys(names)]
    return []
