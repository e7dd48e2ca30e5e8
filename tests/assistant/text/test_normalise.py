"""textnorm on the real failure forms pypdf produces from the BMA Act."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.text.normalise import (
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


def test_a_fiscal_year_abbreviation_reads_as_the_words() -> None:
    """'FY2025' and 'FY 2025' are what reports also write as 'fiscal year 2025'."""
    assert tokenize("the FY2025 budget") == tokenize("the fiscal year 2025 budget")
    assert tokenize("in FY 2024") == ["in", "fiscal", "year", "2024"]
    assert tokenize("FY25 and SFY2025") == ["fy25", "and", "sfy2025"]  # no year, or another word


def test_tokenize_segments_thai_and_lowercases_latin() -> None:
    tokens = tokenize("มาตรา ๘๙ ผู้ว่าราชการกรุงเทพมหานคร, The IAO's Plan!")
    assert tokens[:2] == ["มาตรา", "89"]
    assert "กรุงเทพมหานคร" in tokens and "ผู้ว่าราชการ" in tokens
    assert tokens[-3:] == ["the", "iao", "plan"]
    assert tokenize("มาตรา 89") == tokenize("มาตรา ๘๙")
    assert tokenize("ก าหนด") == tokenize("กำหนด")


def test_a_thai_word_after_an_abbreviation_is_one_word() -> None:
    """'พ.ร.บ.ระเบียบ...' (the Act on the regulation of ...): the word after the abbreviation's last dot is read
    whole; its vowel marks are no word characters to the pattern, and cut it in pieces ('ระ', 'เบ', 'ียบ')."""
    assert tokenize("ตาม พ.ร.บ.ระเบียบการท่าเรือ") == ["ตาม", "พ.ร.บ.", "ระเบียบการ", "ท่าเรือ"]


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


def test_english_sentences_after_a_stray_full_stop() -> None:
    """OCR leaves lone full stops at a line's start; one before a capital made the chunker fail the whole file."""
    text = ". SUPPORT REQUIRED from the sector. . The city plans more. ) Next"
    assert split_sentences(text, "en") == [".", "SUPPORT REQUIRED from the sector. .", "The city plans more. ) Next"]


def test_thai_sentences_split_without_losing_text() -> None:
    text = "มาตรา ๑ พระราชบัญญัตินี้เรียกว่า พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร พ.ศ. ๒๕๒๘ ผู้ว่าราชการกรุงเทพมหานครได้รับร่างข้อบัญญัติจากประธานสภา"
    sentences = split_sentences(text, "th")
    assert len(sentences) >= 2
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")


def test_a_thai_date_stays_with_the_clause_it_ends() -> None:
    # 'made at Narin | on 24 January B.E. | 2568 in two copies': the splitter cut before the date and after "พ.ศ."
    text = "ทำขึ้น ณ นครนาริน เมื่อวันที่ ๒๔ มกราคม พ.ศ. ๒๕๖๘ เป็นสองฉบับ เป็นภาษาไทยและภาษาอังกฤษ"
    assert split_sentences(text, "th")[0].startswith("ทำขึ้น ณ นครนาริน เมื่อวันที่ ๒๔ มกราคม พ.ศ. ๒๕๖๘")


@pytest.fixture(scope="module")
def act_lines(corpus_dir: Path) -> list[str]:
    from ingest.readers.pdftext import pdfium_page_texts

    pages = pdfium_page_texts((corpus_dir / "th-bma-act-be2528-1985-consolidated.pdf").read_bytes())
    lines = [line for page in pages[:12] for line in page.split("\n") if line.strip()]
    assert len(lines) > 300
    return lines


def test_thai_words_segment_as_with_pythainlps_own_dictionary(act_lines: list[str]) -> None:
    """newmm gets PyThaiNLP's word list as a marisa trie (built 6x faster); its words must be the same ones."""
    from pythainlp.tokenize import word_tokenize

    from assistant.text.normalise import _segment

    for line in act_lines:
        assert _segment(line) == word_tokenize(line, engine="newmm", keep_whitespace=False)


def test_thai_sentences_split_as_pythainlps_crfcut_does(act_lines: list[str]) -> None:
    from pythainlp.tokenize import sent_tokenize

    from assistant.text.normalise import _crfcut

    for line in act_lines:
        assert _crfcut(line) == sent_tokenize(line, engine="crfcut")


def test_thai_text_is_segmented_and_split_without_building_pythainlps_own_trie() -> None:
    """The 0.7 s build that every ingest worker and the service paid once: a fresh process must never start it."""
    code = (
        "from pythainlp.tokenize import word_dict_trie\n"
        "from assistant.text.normalise import repair_sara_am, split_sentences, tokenize\n"
        "text = 'ผู้ว่าราชการกรุงเทพมหานครมีอ านาจหน้าที่ ก าหนดนโยบาย บริหารราชการ ' * 20\n"
        "assert len(split_sentences(repair_sara_am(text), 'th')) > 1 and tokenize(text)\n"
        "print(word_dict_trie.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[3])
    assert done.stdout.strip() == "0"
