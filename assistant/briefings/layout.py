"""What every briefing format shares: the labels in the briefing's language, the [n] markers and the source line.

Kept apart from the exporters so the DOCX writer and the other formats both depend on it, not on each other.
"""

from __future__ import annotations

from assistant.briefings.models import Briefing, BriefingBullet
from assistant.models import Citation

LABELS: dict[str, dict[str, str]] = {
    "en": {"summary": "Executive summary", "sources": "Sources", "date": "Date", "page": "p.",
           "topic": "Topic", "none": "The documents hold nothing on this topic.",
           "generated": "Generated from {n} documents", "generated1": "Generated from 1 document",
           "page_of": "Page {x} of {y}"},
    "th": {"summary": "สรุปสำหรับผู้บริหาร", "sources": "แหล่งอ้างอิง", "date": "วันที่", "page": "หน้า",
           "topic": "หัวข้อ", "none": "ไม่พบข้อมูลเรื่องนี้ในเอกสาร",
           "generated": "จัดทำจากเอกสาร {n} ฉบับ", "generated1": "จัดทำจากเอกสาร 1 ฉบับ",
           "page_of": "หน้า {x} จาก {y}"},
}


def labels(briefing: Briefing) -> dict[str, str]:
    return LABELS.get(briefing.language, LABELS["en"])


def markers(bullet: BriefingBullet) -> str:
    return "".join(f"[{n}]" for n in bullet.citations)


def source_line(citation: Citation, page_label: str) -> str:
    """'Title (file.pdf), p. 3': the page is left out for formats without pages (TXT, MD)."""
    where = f", {page_label} {citation.page}" if citation.page is not None else ""
    return f"{citation.title} ({citation.source}){where}"


def source_groups(briefing: Briefing) -> list[list[Citation]]:
    """The cited passages grouped by document, in the order each document was first cited: one source line each."""
    groups: dict[str, list[Citation]] = {}
    for citation in briefing.citations:
        groups.setdefault(citation.doc_id or citation.source, []).append(citation)
    return list(groups.values())


def grouped_source_line(group: list[Citation], page_label: str) -> str:
    """'Title (file.pdf): p. 3 [1][4]; p. 7 [2]': a document once, with each cited page and the numbers that cite it."""
    pages: dict[int | None, list[int]] = {}
    for citation in group:
        pages.setdefault(citation.page, []).append(citation.n)
    parts = [(f"{page_label} {page} " if page is not None else "") + "".join(f"[{n}]" for n in numbers)
             for page, numbers in sorted(pages.items(), key=lambda item: (item[0] is None, item[0] or 0))]
    return f"{group[0].title} ({group[0].source}): " + "; ".join(parts)


def generated_from(briefing: Briefing) -> str:
    lab = labels(briefing)
    n = len(source_groups(briefing))
    return lab["generated1"] if n == 1 else lab["generated"].format(n=n)
