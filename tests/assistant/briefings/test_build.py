"""Briefings over the real reference corpus: sections filled from the right document kinds, every bullet cited with
a page, gaps named, and exports that open (DOCX in python-docx, PDF fonts that hold Thai)."""

from __future__ import annotations

import io
import re

import pytest

from assistant.briefings.export import export_briefing
from assistant.briefings.models import Briefing
from assistant.config import Settings
from assistant.errors import InvalidRequestError
from assistant.service import AssistantService

pytestmark = pytest.mark.slow

TOPIC = "smart city partnerships"
SECTION_KINDS = {"plan": {"plan"}, "agreements": {"mou", "guide"}, "asean": {"asean"}}
THAI = re.compile(r"[\u0e00-\u0e7f]")


@pytest.fixture(scope="module")
def service(indexed_settings: Settings) -> AssistantService:
    return AssistantService(indexed_settings)


@pytest.fixture(scope="module")
def briefing(service: AssistantService) -> Briefing:
    return service.brief(TOPIC, mode="extractive")


def test_sections_come_from_their_document_kinds(briefing: Briefing) -> None:
    keys = [s.key for s in briefing.sections]
    assert {"plan", "agreements", "asean"} <= set(keys)
    order = ["plan", "agreements", "asean", "figures", "gaps"]
    assert keys == sorted(keys, key=order.index)
    for section in briefing.sections:
        if section.key not in SECTION_KINDS:
            continue
        kinds = {briefing.citation(n).kind for b in section.bullets for n in b.citations}
        assert kinds <= SECTION_KINDS[section.key], (section.key, kinds)


def test_every_bullet_is_cited_with_a_page(briefing: Briefing) -> None:
    assert 3 <= len(briefing.summary) <= 5
    numbers = {c.n for c in briefing.citations}
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    for bullet in briefing.summary + [b for s in briefing.sections if s.key != "gaps" for b in s.bullets]:
        assert bullet.citations and set(bullet.citations) <= numbers
        for n in bullet.citations:
            citation = briefing.citation(n)
            if citation.source.endswith(".pdf"):
                assert citation.page is not None and citation.page >= 1
            squash = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
            if briefing.mode == "extractive":
                assert squash(bullet.text)[:40] in squash(citation.text)  # quoted from the cited passage


def test_figures_section_holds_numbers_or_dates(service: AssistantService) -> None:
    # a topic whose documents are full of dates and counts (the network's meetings, its pilot cities)
    briefing = service.brief("ASEAN Smart Cities Network", mode="extractive")
    figures = next(s for s in briefing.sections if s.key == "figures")
    assert figures.bullets
    assert all(re.search(r"\d", b.text) for b in figures.bullets)
    quoted = [b.text for s in briefing.sections if s.key != "figures" for b in s.bullets]
    assert not set(b.text for b in figures.bullets) & set(quoted)  # no sentence twice


def test_kind_filter_and_gaps(service: AssistantService) -> None:
    briefing = service.brief("sister city agreements and durian exports", kinds=["mou", "law"], mode="extractive")
    assert {s.key for s in briefing.sections} <= {"agreements", "figures", "gaps"}
    assert {c.kind for c in briefing.citations} <= {"mou", "guide", "law"}
    gaps = next(s for s in briefing.sections if s.key == "gaps")
    assert any("durian" in b.text for b in gaps.bullets)  # a topic word no passage mentions


def test_short_briefing_is_shorter(service: AssistantService, briefing: Briefing) -> None:
    short = service.brief(TOPIC, length="short", mode="extractive")
    assert len(short.summary) == 3
    for section in short.sections:
        if section.key != "gaps":
            assert len(section.bullets) <= 2


def test_nothing_found_gives_an_empty_briefing(service: AssistantService) -> None:
    empty = service.brief("quantum chromodynamics of durian auctions", kinds=["plan"], mode="extractive")
    assert empty.summary == [] and empty.sections == [] and empty.citations == []


def test_empty_topic_is_refused(service: AssistantService) -> None:
    with pytest.raises(InvalidRequestError):
        service.brief("   ")


def test_docx_export_holds_sections_and_sources(briefing: Briefing, indexed_settings: Settings) -> None:
    from docx import Document

    document = Document(io.BytesIO(export_briefing(briefing, "docx", indexed_settings)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == briefing.title
    assert "Executive summary" in headings and headings[-1] == "Sources"
    for section in briefing.sections:
        assert section.heading in headings
    sources = [p.text for p in document.paragraphs if re.match(r"\[\d+\] ", p.text)]
    assert len(sources) == len(briefing.citations)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert all(re.search(r"\[\d+\]$", b) for b in bullets if "gap" not in b.lower() and "No " not in b[:3])


def test_markdown_and_html_end_with_sources(briefing: Briefing, indexed_settings: Settings) -> None:
    markdown = export_briefing(briefing, "md", indexed_settings).decode()
    assert markdown.startswith(f"# {briefing.title}")
    assert markdown.rstrip().split("## Sources")[-1].count("\n") >= len(briefing.citations)
    html = export_briefing(briefing, "html", indexed_settings).decode()
    assert html.index("Sources") > html.index("Executive summary")
    assert all(f'id="src-{c.n}"' in html for c in briefing.citations)


@pytest.fixture(scope="module")
def thai_briefing(service: AssistantService) -> Briefing:
    briefing = service.brief("อำนาจหน้าที่ของกรุงเทพมหานคร", mode="extractive")
    assert briefing.language == "th"
    assert briefing.summary, "the BMA Act should support a Thai briefing on the BMA's duties"
    return briefing


def test_thai_html_carries_its_font(thai_briefing: Briefing, indexed_settings: Settings) -> None:
    html = export_briefing(thai_briefing, "html", indexed_settings).decode()
    assert '<html lang="th">' in html
    assert "@font-face" in html and "data:font/ttf;base64," in html  # renders on machines without Thai fonts
    assert "สรุปสำหรับผู้บริหาร" in html


def test_thai_pdf_embeds_a_thai_font_and_keeps_the_text(thai_briefing: Briefing, indexed_settings: Settings) -> None:
    from pypdf import PdfReader

    if not indexed_settings.chromium_path.is_file():
        pytest.fail("PDF export needs Debian chromium (see .ci/apt-packages.txt)")
    reader = PdfReader(io.BytesIO(export_briefing(thai_briefing, "pdf", indexed_settings)))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font.get("/BaseFont", font.get("/Subtype"))))
    assert any("Thai" in f or "Garuda" in f or "Loma" in f for f in fonts), fonts
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(THAI.findall(text)) > 50
    assert "กรุงเทพมหานคร" in re.sub(r"\s+", "", text)
