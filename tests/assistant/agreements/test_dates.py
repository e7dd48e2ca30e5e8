"""Dates as agreements write them: English and Thai, Buddhist-era years, ordinal words, partial dates."""

from __future__ import annotations

import pytest

from assistant.agreements.dates import find_dates


@pytest.mark.parametrize(("text", "words", "iso"), [
    ("Signed on this 26 of October 2002, in duplicate", "26 of October 2002", "2002-10-26"),
    ("beginning on the 13th day of March 2001, the date", "13th day of March 2001", "2001-03-13"),
    ("done on the twentieth day of August, 2020 at the city hall", "twentieth day of August, 2020", "2020-08-20"),
    ("on this twenty-first day of May 1999", "twenty-first day of May 1999", "1999-05-21"),
    ("ADOPTED ON\nJUNE 5, 1995", "JUNE 5, 1995", "1995-06-05"),
    ("Dated: September 19th, 2000", "September 19th, 2000", "2000-09-19"),
    ("Signed in March of 2001", "March of 2001", "2001-03"),
    ("effective 2004-07-01 onwards", "2004-07-01", "2004-07-01"),
    ("ลงนาม ณ วันที่ ๒๐ สิงหาคม พ.ศ. ๒๕๖๓", "วันที่ ๒๐ สิงหาคม พ.ศ. ๒๕๖๓", "2020-08-20"),
    ("ทำเมื่อ 5 ก.พ. 2540", "5 ก.พ. 2540", "1997-02-05"),
    ("มีผลตั้งแต่เดือนมีนาคม พ.ศ. 2564", "เดือนมีนาคม พ.ศ. 2564", "2021-03"),
    ("ลงนามเมื่อวันที่ 1 มกราคม ค.ศ. 2019", "วันที่ 1 มกราคม ค.ศ. 2019", "2019-01-01"),
])
def test_a_stated_date_is_read_with_its_words(text: str, words: str, iso: str) -> None:
    found = find_dates(text)
    assert [(d.text, d.iso) for d in found] == [(words, iso)]
    assert text[found[0].start:found[0].end] == words


@pytest.mark.parametrize("text", [
    "The programme was initiated in 1956 to encourage friendship",  # a bare year is not a date of the agreement
    "It may be renewed for five years",
    "on the 31st day of June 2001",  # no such day: no day, and no guessed one
])
def test_no_date_is_invented(text: str) -> None:
    assert [d.iso for d in find_dates(text) if len(d.iso) == 10] == []
    assert all(d.iso != "2001-06-30" for d in find_dates(text))
