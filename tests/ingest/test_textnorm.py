"""textnorm on the real failure forms pypdf produces from the BMA Act."""

from __future__ import annotations

from assistant.textnorm import (
    detect_language,
    normalize_for_search,
    repair_sara_am,
    split_sentences,
    thai_digits_to_arabic,
    tokenize,
)


def test_sara_am_is_rejoined() -> None:
    assert repair_sara_am("ค าสั่ง ก าหนด ต่ ากว่า") == "คำสั่ง กำหนด ต่ำกว่า"
    assert repair_sara_am("โดยค าแนะน าและยินยอม") == "โดยคำแนะนำและยินยอม"


def test_stray_space_is_dropped_where_sara_am_makes_no_word() -> None:
    assert repair_sara_am("ได้รับร่ างข้อบัญญัติจากประธานสภา") == "ได้รับร่างข้อบัญญัติจากประธานสภา"
    assert repair_sara_am("เป็นของแผ่นดินเพราะร่ ารวยผิดปกติ") == "เป็นของแผ่นดินเพราะร่ำรวยผิดปกติ"


def test_text_without_the_broken_form_is_untouched() -> None:
    text = "The IAO's plan (2023 - 2027) ผู้ว่าราชการ"
    assert repair_sara_am(text) == text


def test_thai_digits_become_arabic_for_search() -> None:
    assert thai_digits_to_arabic("มาตรา ๘๙ (๑๐) พ.ศ. ๒๕๒๘") == "มาตรา 89 (10) พ.ศ. 2528"
    assert normalize_for_search("มาตรา ๔๙ ก าหนด IAO") == "มาตรา 49 กำหนด iao"


def test_tokenize_segments_thai_and_lowercases_latin() -> None:
    tokens = tokenize("มาตรา ๘๙ ผู้ว่าราชการกรุงเทพมหานคร, The IAO's Plan!")
    assert tokens[:2] == ["มาตรา", "89"]
    assert "กรุงเทพมหานคร" in tokens and "ผู้ว่าราชการ" in tokens
    assert tokens[-3:] == ["the", "iao", "plan"]
    assert tokenize("มาตรา 89") == tokenize("มาตรา ๘๙")
    assert tokenize("ก าหนด") == tokenize("กำหนด")


def test_detect_language() -> None:
    assert detect_language("พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร (BMA Act)") == "th"
    assert detect_language("The ASEAN Smart Cities Framework names Bangkok (กรุงเทพฯ) a pilot city.") == "en"


def test_english_sentences_respect_abbreviations() -> None:
    text = "Dr. Smith met the U.S.A. delegation. It was item No. 5 on the list! Lee P. Brown signed. Done"
    assert split_sentences(text, "en") == [
        "Dr. Smith met the U.S.A. delegation.",
        "It was item No. 5 on the list!",
        "Lee P. Brown signed.",
        "Done",
    ]


def test_thai_sentences_split_without_losing_text() -> None:
    text = "มาตรา ๑ พระราชบัญญัตินี้เรียกว่า พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร พ.ศ. ๒๕๒๘ ผู้ว่าราชการกรุงเทพมหานครได้รับร่างข้อบัญญัติจากประธานสภา"
    sentences = split_sentences(text, "th")
    assert len(sentences) >= 2
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")
