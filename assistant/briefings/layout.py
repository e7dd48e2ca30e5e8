"""What every briefing format shares: the labels in the briefing's language, the [n] markers and the source line.

Kept apart from the exporters so the DOCX writer and the other formats both depend on it, not on each other.
"""

from __future__ import annotations

from assistant.briefings.models import Briefing, BriefingBullet
from assistant.models import Citation

LABELS: dict[str, dict[str, str]] = {
    "en": {"summary": "Executive summary", "sources": "Sources", "date": "Date", "mode": "Mode", "page": "p.",
           "topic": "Topic", "none": "The documents hold nothing on this topic."},
    "th": {"summary": "สรุปสำหรับผู้บริหาร", "sources": "แหล่งอ้างอิง", "date": "วันที่", "mode": "โหมด", "page": "หน้า",
           "topic": "หัวข้อ", "none": "ไม่พบข้อมูลเรื่องนี้ในเอกสาร"},
}


def labels(briefing: Briefing) -> dict[str, str]:
    return LABELS.get(briefing.language, LABELS["en"])


def markers(bullet: BriefingBullet) -> str:
    return "".join(f"[{n}]" for n in bullet.citations)


def source_line(citation: Citation, page_label: str) -> str:
    """'Title (file.pdf), p. 3': the page is left out for formats without pages (TXT, MD)."""
    where = f", {page_label} {citation.page}" if citation.page is not None else ""
    return f"{citation.title} ({citation.source}){where}"
