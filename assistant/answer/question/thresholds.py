"""An amount asked about against the thresholds a rule sets: 'Who approves a grant worth 15 million baht?' over a
law's clauses '(1) ... not more than two million baht, by the head of the unit; (2) more than two million baht but
not more than twenty million baht, by the Committee; (3) more than twenty million baht, by the Governor'. The
clause whose range holds the amount answers, though the others share as many of the question's words.

Amounts are read in digits or in words, in English and Thai ('15 million', 'two million', 'ยี่สิบล้านบาท'); a
range from the comparisons beside them ('more than', 'not more than', 'at least', 'เกิน', 'ไม่เกิน').
"""

from __future__ import annotations

import math
import re

_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORDS = "|".join([*_SMALL, *_SCALES])
_THAI_WORDS = "ศูนย์|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่|เอ็ด|ร้อย|พัน|หมื่น|แสน|ล้าน"
# an amount: digits with a scale word after them, English number words, or Thai ones
_AMOUNT = re.compile(rf"(?P<digits>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>{'|'.join(_SCALES)}|ล้าน|พัน|หมื่น|แสน)?"
                     rf"|(?P<words>\b(?:(?:{_WORDS})\b[\s-]*)+)|(?P<thai>(?:{_THAI_WORDS})+)", re.IGNORECASE)
_THAI_SCALES = {"พัน": 1e3, "หมื่น": 1e4, "แสน": 1e5, "ล้าน": 1e6}
# comparisons, longest first: 'not more than' before 'more than', 'ไม่เกิน' before 'เกิน'
_COMPARE = [("not more than", "le"), ("no more than", "le"), ("not exceeding", "le"), ("up to", "le"),
            ("not less than", "ge"), ("at least", "ge"), ("more than", "gt"), ("exceeding", "gt"),
            ("in excess of", "gt"), ("over", "gt"), ("above", "gt"), ("less than", "lt"), ("below", "lt"),
            ("under", "lt"),
            ("ไม่เกิน", "le"), ("ไม่น้อยกว่า", "ge"), ("ตั้งแต่", "ge"), ("เกินกว่า", "gt"), ("เกิน", "gt"),
            ("มากกว่า", "gt"), ("น้อยกว่า", "lt")]
# an English comparison is whole words ('over', not the end of 'moreover'); Thai writes no spaces between words
_COMPARISON = re.compile("|".join(rf"\b{re.escape(c)}\b" if c.isascii() else re.escape(c) for c, _ in _COMPARE),
                         re.IGNORECASE)
_KIND = dict(_COMPARE)
_GAP = 3  # characters between a comparison and its amount ('more than 2 million')


def _value(match: re.Match[str]) -> float | None:
    if match.group("digits"):
        number = float(match.group("digits").replace(",", ""))
        scale = (match.group("scale") or "").lower()
        return number * (_SCALES.get(scale) or _THAI_SCALES.get(scale) or 1)
    if match.group("words"):
        total, current = 0.0, 0.0
        for word in re.findall(r"[a-z]+", match.group("words").lower()):
            if word in _SMALL:
                current += _SMALL[word]
            elif word == "hundred":
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * _SCALES[word], 0.0
        return total + current
    from pythainlp.util import thaiword_to_num

    try:
        return float(thaiword_to_num(match.group("thai")))
    except ValueError:
        return None


def _compared(text: str) -> list[tuple[str | None, float]]:
    """Each amount in the text with the comparison written just before it (None when there is none)."""
    out = []
    for m in _AMOUNT.finditer(text):
        value = _value(m)
        if value is None or not m.group(0).strip() or re.fullmatch(r"\d{4}", m.group(0).strip()):
            continue  # nothing, or a year
        before = text[max(0, m.start() - 20): m.start()].rstrip()
        found = [c for c in _COMPARISON.finditer(before) if len(before) - c.end() <= _GAP]
        out.append((_KIND[found[-1].group(0).lower()] if found else None, value))
    return out


def range_of(text: str) -> tuple[float, float] | None:
    """The range of amounts a clause sets ('more than two million but not more than twenty million' is
    (2e6, 2e7]), as open bounds nudged inwards; None when it compares no amount."""
    low, high = -math.inf, math.inf
    compared = [(kind, value) for kind, value in _compared(text) if kind is not None]
    for kind, value in compared:
        if kind in ("gt", "ge"):
            low = max(low, value if kind == "ge" else math.nextafter(value, math.inf))
        else:
            high = min(high, value if kind == "le" else math.nextafter(value, -math.inf))
    return (low, high) if compared else None


def asked_amount(question: str) -> float | None:
    """The amount a question asks about ('worth 15 million baht'; 'เกินยี่สิบล้านบาท' is just over twenty
    million), when it names one amount of some size."""
    amounts = [(kind, value) for kind, value in _compared(question) if value >= _SIZE]
    if len(amounts) != 1:
        return None
    kind, value = amounts[0]
    return value * (1 + 1e-6) if kind == "gt" else value * (1 - 1e-6) if kind == "lt" else value


_SIZE = 1000  # below this a number counts things or names a year, a section, a day


def within_thresholds(question: str, texts: list[str]) -> list[int] | None:
    """Of candidate clauses (by their text, in the ranker's order), those to keep when the question names an amount
    and two or more clauses set ranges: the clauses whose range holds it first, those whose range excludes it
    dropped, the rest after. None when the question names no amount or fewer than two clauses set a range."""
    amount = asked_amount(question)
    if amount is None:
        return None
    ranges = [range_of(text) for text in texts]
    if sum(r is not None for r in ranges) < 2:
        return None
    holding = [n for n, r in enumerate(ranges) if r is not None and r[0] <= amount <= r[1]]
    return holding + [n for n, r in enumerate(ranges) if r is None]
