"""DOCX export with python-docx: headings, bullet lists and a numbered sources list, Thai set in a Thai font."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from assistant.briefings.layout import generated_from, grouped_source_line, labels, markers, source_groups
from assistant.briefings.models import Briefing, BriefingBullet
from assistant.config import Settings

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
THAI_FONT = "Tahoma"  # present on Windows and macOS Office installs; Word picks it for complex-script (Thai) runs


def _safe(text: str) -> str:
    """XML 1.0 forbids control characters; a topic typed with one must not turn the export into a 500."""
    return _NOT_XML.sub("", text)


def _set_complex_script_font(document: Document) -> None:
    """Word draws Thai with the style's complex-script font, not the Latin one; set it explicitly."""
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    style.paragraph_format.space_after = Pt(2)
    for name, size in (("Title", 18), ("Heading 1", 12)):
        document.styles[name].font.size = Pt(size)
        document.styles[name].paragraph_format.space_before = Pt(8 if name != "Title" else 0)
        document.styles[name].paragraph_format.space_after = Pt(2)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), THAI_FONT)
    fonts.set(qn("w:eastAsia"), THAI_FONT)


def _field(paragraph: object, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the pages out."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        else:
            node = OxmlElement("w:instrText" if text == code else "w:t")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {text} " if text == code else text
        run._r.append(node)


def _page_setup(document: Document, briefing: Briefing) -> None:
    """A4 with narrow margins, and a footer: date, page x of y, how many documents the briefing draws on."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(14)
    section.left_margin = section.right_margin = Mm(16)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, rest = labels(briefing)["page_of"].partition("{x}")
    middle, _, after = rest.partition("{y}")
    footer.add_run(f"{briefing.date} · {before}")
    _field(footer, "PAGE")
    footer.add_run(middle)
    _field(footer, "NUMPAGES")
    footer.add_run(f"{after} · {_safe(generated_from(briefing))}")
    for run in footer.runs:
        run.font.size = Pt(8)


def _bullets(document: Document, bullets: list[BriefingBullet]) -> None:
    for bullet in bullets:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(_safe(bullet.text))
        if bullet.citations:
            cite = paragraph.add_run(" " + markers(bullet))
            cite.font.color.rgb = RGBColor(0x1A, 0x4F, 0x8B)


def to_docx(briefing: Briefing, settings: Settings | None = None) -> bytes:
    lab = labels(briefing)
    document = Document()
    _set_complex_script_font(document)
    document.core_properties.title = _safe(briefing.title)
    document.core_properties.subject = _safe(briefing.topic)
    _page_setup(document, briefing)
    document.add_heading(_safe(briefing.title), level=0)
    document.add_paragraph(f"{lab['date']}: {briefing.date} · {_safe(generated_from(briefing))}")
    if briefing.summary:
        document.add_heading(lab["summary"], level=1)
        _bullets(document, briefing.summary)
    if not briefing.summary and not briefing.sections:
        document.add_paragraph(lab["none"])
    for section in briefing.sections:
        document.add_heading(_safe(section.heading), level=1)
        _bullets(document, section.bullets)
    document.add_heading(lab["sources"], level=1)
    for group in source_groups(briefing):
        line = document.add_paragraph().add_run(_safe(grouped_source_line(group, lab["page"])))
        line.font.size = Pt(8.5)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
