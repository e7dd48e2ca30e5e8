"""Chunks by structure on real documents: sized, overlapping, one document each, with pages and headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.models import Document
from ingest.chunking import _pack, _title_run, _units, chunk_document, heading_level, split_sections
from ingest.readers.loaders import load_document

ACT = "th-bma-act-be2528-1985-consolidated.pdf"
FRAMEWORK = "asean-ascn-framework-2018.pdf"
ACTION_PLANS = "asean-ascn-smart-city-action-plans-2018.pdf"


@pytest.fixture(scope="module")
def docs(corpus_dir: Path) -> dict[str, Document]:
    settings = Settings(ocr=False)
    names = [ACT, FRAMEWORK, ACTION_PLANS, "mou-abu-dhabi-houston-sister-cities-agreement-2002.md"]
    return {name: load_document(corpus_dir / name, corpus_dir, settings) for name in names}


def test_chunks_are_sized_ordered_and_slices_of_their_pages(docs: dict[str, Document]) -> None:
    settings = Settings(chunk_size=600, chunk_overlap=100)
    for doc in docs.values():
        chunks = chunk_document(doc, settings)
        assert chunks, doc.meta.source
        assert [c.ordinal for c in chunks] == list(range(len(chunks)))
        assert [c.id for c in chunks] == [f"{doc.meta.sha256[:16]}:{i:04d}" for i in range(len(chunks))]
        pages = {p.number: p.text for p in doc.pages}
        for chunk in chunks:
            assert chunk.doc_id == doc.meta.doc_id and len(chunk.text) <= 600
            first = chunk.text.split("\n\n")[0]
            assert first in pages[chunk.page_start], chunk.id  # the citation's page really shows the text
            assert chunk.page_start is None or chunk.page_start <= chunk.page_end


def test_act_chunks_carry_section_headings(docs: dict[str, Document]) -> None:
    chunks = chunk_document(docs[ACT], Settings())
    holder = next(c for c in chunks if "มาตรา ๔๙ ผู้ว่าราชการกรุงเทพมหานครมีอำนาจหน้าที่" in c.text)
    assert holder.heading is not None and holder.heading.startswith("หมวด ๒ การบริหารกรุงเทพมหานคร")
    assert "› มาตรา ๔" in holder.heading  # the section (or the short one merged before it) is named
    assert holder.page_start == 12
    assert chunks[-1].page_end == 38 or chunks[-1].page_end == 37


def test_framework_chunks_span_pages_and_overlap(docs: dict[str, Document]) -> None:
    chunks = chunk_document(docs[FRAMEWORK], Settings(chunk_size=400, chunk_overlap=150))
    assert any(c.page_start != c.page_end for c in chunks) or len({c.page_start for c in chunks}) == 5
    assert any(c.heading == "Strategic Outcomes" for c in chunks)
    overlapping = sum(1 for a, b in zip(chunks, chunks[1:]) if a.heading == b.heading and b.text.split(". ")[0] in a.text)
    assert overlapping > 0


def test_heading_detection() -> None:
    assert heading_level("หมวด ๓\nผู้ว่าราชการกรุงเทพมหานคร") == 1
    assert heading_level("มาตรา ๔๙ ให้ผู้ว่าราชการ") == 3
    assert heading_level("Strategic Outcomes") == 2
    assert heading_level("A smart city in ASEAN harnesses technological and digital solutions.") is None


def test_city_profiles_name_their_city_in_every_heading_below_them(docs: dict[str, Document]) -> None:
    # each city's action plan opens with "<City>" / "About the City"; its 'OVERVIEW', 'FOCUS AREAS' sections, which
    # never repeat the city's name, must still say whose they are
    chunks = chunk_document(docs[ACTION_PLANS], Settings())
    for phrase, city in [("Bang Sue Central Railway", "Bangkok"), ("Pahonyothin", "Bangkok")]:
        holder = next(c for c in chunks if phrase in c.text)
        assert holder.heading is not None and holder.heading.startswith(f"{city} › "), holder.heading
    cities = {c.heading.split(" › ")[0] for c in chunks if c.heading}
    assert len(cities) >= 20  # one per pilot city, not a single name carried over the whole document
    # the title every city's page repeats over 'VISION' is layout, not one more profile cutting the city off
    assert "Smart City Action Plan" not in cities


def test_numbered_and_lettered_report_headings() -> None:
    assert heading_level("1| Introduction") == 1
    assert heading_level("A. List of Completed ASCN Smart City Projects across the Six Focus Areas") == 3
    assert heading_level("Appendix") == 1
    # a heading the PDF glued to its first paragraph ends where the sentence begins
    assert _title_run("3| Observations and Recommendations Besides advancing the implementation of") == (
        "3| Observations and Recommendations")
    # a lone name line is not a heading unless several paragraphs open with the same subtitle
    assert heading_level("Bangkok\nAbout the City\nPopulation 8.28 million") is None


def test_an_agreements_titled_article_heads_its_text_with_no_blank_line_between() -> None:
    """'Article 2 - Areas of Cooperation' over the clause it titles is a heading; an untitled article's first
    sentence ('Article 2. The Parties shall ...') and prose citing an article are not."""
    assert heading_level("Article 2 - Areas of Cooperation\nThe Parties shall cooperate in the following areas:") == 2
    assert heading_level("Article 10: Entry into Force\nThis Memorandum shall enter into force on signature.") == 2
    assert heading_level("Article 2. The Parties shall set up a joint working group\nwhich meets once a year.") is None
    assert heading_level("Article 5 of the Agreement provides that each Party\nshall host one exchange.") is None


def test_a_section_within_the_chunk_size_is_one_chunk_whatever_its_sentences(docs: dict[str, Document]) -> None:
    """Why the chunker does not look for the sentences of such a section: packed, they give one window over it."""
    size, overlap = Settings().chunk_size, Settings().chunk_overlap
    checked = 0
    for name in (ACT, FRAMEWORK):
        doc = docs[name]
        for section in split_sections(doc):
            units = _units(section, doc.meta.language, size)
            if len(section.text) > size or len(units) < 2:
                continue
            windows = _pack(units, size, overlap)
            assert len(windows) == 1
            assert section.text[windows[0][0] : windows[0][1]].strip() == section.text.strip()
            checked += 1
    assert checked > 50


def test_a_document_that_marks_its_headings_has_no_title_case_guesses(tmp_path: Path, settings: Settings) -> None:
    """With '#' headings, 'Mara Veltrin' over 'Mayor of Tavrin' is a signature, not a section ('Mara Veltrin' once
    headed the signature block, and a question about the declaration's fields ranked it first)."""
    path = tmp_path / "declaration.md"
    path.write_text("""# Joint Declaration on Flood Cooperation between the City of Tavrin and the City of Pellmoor

## Article 1 – Objectives

The Cities shall cooperate in flood forecasting and early warning.

## Article 2 – Entry into force

This Declaration shall enter into force on the date of its signature and remain in force for five years.

Done at Tavrin on 14 March 2022, in two originals in the English language.

For the City of Tavrin

Mara Veltrin

Mayor of Tavrin

For the City of Pellmoor

Oskar Lindqvist-Hale

Lord Mayor of Pellmoor
""", encoding="utf-8")
    headings = [s.heading for s in split_sections(load_document(path, tmp_path, settings))]
    assert headings == ["Article 1 – Objectives", "Article 2 – Entry into force"], headings
    assert heading_level("Mara Veltrin") == 2  # unmarked text (a PDF's) still has Title Case headings


def test_a_flattened_list_too_long_for_a_chunk_is_cut_between_its_items(docs: dict[str, Document]) -> None:
    """The action plans' pages read as one run ('SUPPORT REQUIRED - ..., - ... OVERVIEW ... has more than 100 buses
    currently, serving 8 routes ...'): cut at a comma, a chunk began mid-clause and answers dropped that clause."""
    chunks = chunk_document(docs[ACTION_PLANS], Settings())
    assert len(chunks) > 50
    mid_clause = [c.text[:60] for c in chunks if c.text[:2].isalpha() and c.text[:2].islower()]
    assert mid_clause == []


def test_a_flattened_list_is_cut_at_its_item_marks(tmp_path: Path, settings: Settings) -> None:
    items = [f"Item {n}: train {n * 10} staff of Corvin and Dunmore in flood forecasting, early warning, evacuation "
             "planning, shelter management and recovery, with the fire brigades of the two cities" for n in range(12)]
    (tmp_path / "plan.txt").write_text("SUPPORT REQUIRED - " + " - ".join(items) + ".", encoding="utf-8")
    chunks = chunk_document(load_document(tmp_path / "plan.txt", tmp_path, settings), Settings(chunk_size=900))
    assert len(chunks) >= 2
    assert all(c.text.startswith(("SUPPORT", "- Item")) for c in chunks), [c.text[:30] for c in chunks]
