"""Dates as agreements write them, in English and Thai, to ISO or as partial as the text is: "26 of October 2002",
"the twentieth day of August, 2020", "June 5, 1995", "March of 2001", "๒๐ สิงหาคม พ.ศ. ๒๕๖๓", "20 ส.ค. 2563".
A Buddhist-era year (พ.ศ., or any year past 2400) is converted; a day that does not exist gives no date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.text.calendar import BE_OFFSET, MONTHS_EN, MONTHS_TH, MONTHS_TH_SHORT
from assistant.text.normalise import thai_digits_to_arabic

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_ORDINALS: dict[str, int] = {word: n for n, word in enumerate(_UNITS, 1)}
_ORDINALS.update({"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                  "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                  "thirtieth": 30})
for _tens, _name in ((20, "twenty"), (30, "thirty")):
    for _n, _unit in enumerate(_UNITS, 1):
        if _tens + _n <= 31:
            for _sep in ("-", " ", ""):
                _ORDINALS[f"{_name}{_sep}{_unit}"] = _tens + _n

_MONTH_EN = r"(?P<month>" + "|".join(m[:3] + r"(?:" + m[3:] + r")?" if len(m) > 3 else m for m in MONTHS_EN) + r")\.?"
_MONTH_TH = r"(?:เดือน\s*)?(?P<month>" + "|".join(MONTHS_TH + tuple(re.escape(m) for m in MONTHS_TH_SHORT)) + r")"
_DAY_NUM = r"(?P<day>[0-3]?\d)\s*(?:st|nd|rd|th|\"|”|™)?"
_DAY_WORD = r"(?P<dayword>" + "|".join(sorted(map(re.escape, _ORDINALS), key=len, reverse=True)) + r")"
_YEAR = r"(?P<year>\d{4})"
_ERA = r"(?P<era>พ\.\s?ศ\.|ค\.\s?ศ\.|B\.\s?E\.|A\.\s?D\.)?\s*"

PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    # the 13th day of March 2001 / twentieth day of August, 2020 / 26 of October 2002 / 5 June 1995
    rf"\b(?:{_DAY_NUM}|{_DAY_WORD})\s+(?:day\s+)?(?:of\s+(?:the\s+month\s+of\s+)?)?{_MONTH_EN}\s*,?\s*(?:of\s+|in\s+the\s+year\s+)?{_ERA}{_YEAR}\b",
    # June 5, 1995 / September 19th, 2000
    rf"\b{_MONTH_EN}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*,\s*{_ERA}{_YEAR}\b",
    # ISO 2001-03-13
    r"\b(?P<year>\d{4})-(?P<monthnum>[01]\d)-(?P<day>[0-3]\d)\b",
    # March of 2001 / March 2001
    rf"\b{_MONTH_EN}\s+(?:of\s+)?{_ERA}{_YEAR}\b",
    # Thai: วันที่ ๒๐ สิงหาคม พ.ศ. ๒๕๒๘ / 20 ส.ค. 2563 / เดือนสิงหาคม พ.ศ. 2563
    rf"(?:วันที่\s*)?(?:(?P<day>[0-3]?\d)\s*)?{_MONTH_TH}\s*{_ERA}{_YEAR}",
)]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    iso: str


def find_dates(text: str) -> list[FoundDate]:
    """Every date the text states, in order, each with its span (Thai digits read as Arabic: same length)."""
    plain = thai_digits_to_arabic(text)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(plain):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            iso = _iso(m)
            if iso is not None:
                taken.append((m.start(), m.end()))
                found.append(FoundDate(m.start(), m.end(), text[m.start():m.end()], iso))
    return sorted(found, key=lambda d: d.start)


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = int(groups["year"])
    era = (groups.get("era") or "").replace(" ", "").lower()
    if era in ("พ.ศ.", "b.e.") or (year > 2400 and era not in ("ค.ศ.", "a.d.")):
        year -= BE_OFFSET
    if not 1800 <= year <= 2200:
        return None
    month = _month(groups)
    if month is None:
        return None
    day = None
    if groups.get("day"):
        day = int(groups["day"])
    elif groups.get("dayword"):
        day = _ORDINALS[re.sub(r"\s+", " ", groups["dayword"].lower())]
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(groups: dict[str, str | None]) -> int | None:
    if groups.get("monthnum"):
        value = int(groups["monthnum"])  # type: ignore[arg-type]
        return value if 1 <= value <= 12 else None
    word = (groups.get("month") or "").lower().rstrip(".")
    for months in (MONTHS_TH, MONTHS_TH_SHORT):
        for n, name in enumerate(months, 1):
            if word == name.rstrip(".") or word == name:
                return n
    for n, name in enumerate(MONTHS_EN, 1):
        if name.startswith(word) and len(word) >= 3:
            return n
    return None
