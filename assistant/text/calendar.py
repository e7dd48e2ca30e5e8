"""Month names in English and Thai, and the Buddhist Era, kept once: the answer engine reads dates with them, the
agreements register parses them."""

from __future__ import annotations

BE_OFFSET = 543  # a Buddhist Era year is 543 ahead of the Common Era
_BE_FROM = 2400  # a year this late is Buddhist Era: no document speaks of a Common Era year near it


def common_era(year: int) -> int:
    """The year as the Common Era counts it, whichever era it was written in."""
    return year - BE_OFFSET if year > _BE_FROM else year


def other_era(year: int) -> int | None:
    """The same year as the other era writes it ('2567' is '2024' and back), for a four-digit year either era may
    hold; None for any other number."""
    if _BE_FROM < year < _BE_FROM + 300:
        return year - BE_OFFSET
    if 1900 <= year < _BE_FROM - BE_OFFSET + 300:
        return year + BE_OFFSET
    return None


def other_era_word(word: str) -> str | None:
    """A four-digit word as the other era writes its year ('2567' -> '2024'), or None: a search word or a matched
    term, where a Thai question's year meets an English document's and back."""
    if len(word) != 4 or not word.isdigit():
        return None
    other = other_era(int(word))
    return str(other) if other else None


MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december")
MONTHS_TH = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
             "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_TH_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
