"""DOCX export with python-docx: headings, bullet lists and a numbered sources list, Thai set in a Thai font."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from assistant.briefings.layout import labels, markers, source_line
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
    style.font.size = Pt(11)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), THAI_FONT)
    fonts.set(qn("w:eastAsia"), THAI_FONT)


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
    document.add_heading(_safe(briefing.title), level=0)
    document.add_paragraph(f"{lab['date']}: {briefing.date} · {lab['mode']}: {briefing.mode}")
    if briefing.fallback_reason:
        document.add_paragraph(_safe(briefing.fallback_reason), style="Intense Quote")
    if briefing.summary:
        document.add_heading(lab["summary"], level=1)
        _bullets(document, briefing.summary)
    if not briefing.summary and not briefing.sections:
        document.add_paragraph(lab["none"])
    for section in briefing.sections:
        document.add_heading(_safe(section.heading), level=1)
        _bullets(document, section.bullets)
    document.add_heading(lab["sources"], level=1)
    for citation in briefing.citations:
        document.add_paragraph(_safe(f"[{citation.n}] {source_line(citation, lab['page'])}"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
