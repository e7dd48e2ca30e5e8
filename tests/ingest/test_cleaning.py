"""Each parsing trap of the documents in corpus/ (docs/architecture.md lists them), on the real file that shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.models import Document, Page
from ingest.cleaning import clean_pages, is_garbage_line, join_lines, rejoin_split_words, without_garbage_tail
from ingest.readers.loaders import load_document

PLAN = "bma-foreign-affairs-strategy-plan-2023-2027-excerpt.txt"


@pytest.fixture(scope="module")
def load(corpus_dir: Path):  # noqa: ANN201 - a loader with a per-module cache
    cache: dict[str, Document] = {}

    def _load(name: str) -> Document:
        if name not in cache:
            cache[name] = load_document(corpus_dir / name, corpus_dir, Settings(ocr=False))
        return cache[name]

    return _load


def test_act_sara_am_repaired(load) -> None:  # noqa: ANN001
    doc = load("th-bma-act-be2528-1985-consolidated.pdf")
    text = "\n".join(p.text for p in doc.pages)
    assert "กำหนด" in text and "ก าหนด" not in text
    assert "คำสั่ง" in text and " า" not in text
    assert "ร่างข้อบัญญัติ" in doc.pages[27].text and "ร่ำง" not in doc.pages[27].text
    assert "ร่ำรวย" in doc.pages[4].text


def test_act_lines_join_without_space_and_keep_thai_digits(load) -> None:  # noqa: ANN001
    doc = load("th-bma-act-be2528-1985-consolidated.pdf")
    first = doc.pages[0].text
    assert "ราชกิจจานุเบกษา" in first
    assert "มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร" in first
    assert "(๑) พระราชบัญญัติ" in first  # list items stay on their own lines, digits as printed


def test_plan_gibberish_dropped_and_real_text_kept(load) -> None:  # noqa: ANN001
    text = load(PLAN).pages[0].text
    assert "UWUENSMAnsSauMscivUss" not in text and "HRUNGTHEP" not in text and "nnnnnnnn" not in text
    assert "promoted by the International Affairs Office (IAOQ)" in text
    assert "draft of the 13™ National Economic" in text


def test_plan_hard_wraps_and_hyphenation_joined(load) -> None:  # noqa: ANN001
    text = load(PLAN).pages[0].text
    assert "international non-governmental organizations" in text
    assert "The Bangkok Metropolitan Administration (BMA) is managed in accordance with the" in text
    assert "\n\nMeanwhile, the international relations" in text  # a leading space started a paragraph


def test_framework_running_header_removed_and_kerning_rejoined(load) -> None:  # noqa: ANN001
    doc = load("asean-ascn-framework-2018.pdf")
    text = "\n".join(p.text for p in doc.pages)
    assert "Endorsed by ASCN" not in text
    assert "people-centred solutions and liveability" in text and "liv eability" not in text
    assert "implicit principles of this system" in text
    assert "non-binding guide" in text and "Health and Well-being" in text


def test_toolkit_private_use_bullets_removed(load) -> None:  # noqa: ANN001
    text = "\n".join(p.text for p in load("sci-partnership-agreement-toolkit-2012.pdf").pages)
    assert "\uf0b7" not in text and not any("\ue000" <= ch <= "\uf8ff" for ch in text)
    assert "Keep it to one page." in text


def test_garbage_heuristic_keeps_names_typos_and_acronyms() -> None:
    assert is_garbage_line("UWUENSMAnsSauMscivUssINATaASYINWUKIUASIUUSUNLIDVUKIUASIIKDIDIES S:8: 5 U")
    assert is_garbage_line("3 gnsmadas 9 nagns ENSANENTN")
    for line in ("Affairs Office (IAOQ), Office of the Permanent", "Name: Mr Soukan Bounnyong", "IAOQ", "13™"):
        assert not is_garbage_line(line)



def test_gibberish_glued_onto_a_real_line_is_cut_off() -> None:
    line = "(Developing policies, plans, and operation AUENANUATEENITRIYINA WazumuATUIDg a9 EY"
    assert without_garbage_tail(line) == "(Developing policies, plans, and operation"
    for kept in ("Affairs Office (IAOQ), Office of the Permanent", "signed by HRUNGTHEP officials in 2001",
                 "Name: Mr Soukan Bounnyong", "the ASEAN SMARTCITIES network"):
        assert without_garbage_tail(kept) == kept


def test_plan_excerpt_keeps_no_infographic_gibberish(load) -> None:  # noqa: ANN001
    text = "\n".join(p.text for p in load("bma-foreign-affairs-strategy-plan-2023-2027-excerpt.txt").pages)
    assert "(Developing policies, plans, and operation" in text
    assert "WazumuATUIDg" not in text and "AUENANUATEENITRIYINA" not in text

def test_rejoin_only_when_the_parts_are_not_words() -> None:
    assert rejoin_split_words("The d etailed res ources") == "The detailed resources"
    assert rejoin_split_words("a void and e-government, city’s key") == "a void and e-government, city’s key"


def test_clean_pages_is_pure_and_keeps_numbers() -> None:
    pages = [Page(number=1, label="i", text="ก าหนด\uf0b7 x"), Page(number=2, label="ii", text="")]
    cleaned = clean_pages(pages, "th")
    assert [(p.number, p.label) for p in cleaned] == [(1, "i"), (2, "ii")]
    assert cleaned[0].text.startswith("กำหนด") and pages[0].text == "ก าหนด\uf0b7 x"
    assert join_lines(["ราชกิจจา", "นุเบกษา"]) == "ราชกิจจานุเบกษา"


def test_pdf_paragraphs_come_back_from_line_spacing(load) -> None:  # noqa: ANN001
    """pdfium emits no empty lines; the wider gap between paragraphs must still end one (a heading stands alone)."""
    text = load("asean-ascn-concept-note-2018.pdf").pages[0].text
    assert "\n\nRationale\n\n" in text
    assert "(ASCN).\n\n" in text


def test_pdf_merged_hyphen_breaks_and_superscripts(load) -> None:  # noqa: ANN001
    report = "\n".join(p.text for p in load("asean-ascn-me-report-2022.pdf").pages)
    assert "\ufffe" not in report and "network-level" in report
    statement = "\n".join(p.text for p in load("asean-eas-leaders-statement-asean-smart-cities-2018.pdf").pages)
    assert "4th industrial revolution" in statement and "6th East Asia Summit" in statement
    assert "10. ENCOURAGE sustainable" in statement


def test_a_numeral_restating_a_number_word_is_no_list_item() -> None:
    """Agreements write 'ninety (90) days'; a wrap before '(90)' once cut the sentence there and lost the number."""
    wrapped = ["Either Party may terminate this Memorandum at any time by giving ninety",
               "(90) days' written notice to the other Party."]
    assert join_lines(wrapped) == ("Either Party may terminate this Memorandum at any time by giving ninety (90) days' "
                                   "written notice to the other Party.")
    items = ["for these purposes:", "(1) to promote trade between the two cities; and", "(2) to promote goodwill."]
    assert join_lines(items).split("\n") == items
