"""Thai PDFs printed by a browser (Chromium, as Google Docs and every browser's "Save as PDF" make them, and as the
service exports Thai briefings) read back word for word: no cluster twice, no space inside a word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.readers.pdftext import pdfium_page_texts
from tests.conftest import browser_pdf

PARAGRAPHS = [
    "รายงานการประชุมคณะกรรมการพัฒนาเมือง ครั้งที่ ๓/๒๕๖๗",
    "วันพุธที่ ๑๔ สิงหาคม พ.ศ. ๒๕๖๗ เวลา ๑๓.๓๐ น. ณ ห้องประชุมชั้น ๕ ศาลาว่าการ",
    ("นายสมศักดิ์ ใจดีมาก ผู้อำนวยการสำนักงาน เป็นประธานที่ประชุม ที่ประชุมรับทราบและมีมติเห็นชอบให้จัดทำแผนปฏิบัติการ"
     "จำนวน ๑๒ โครงการ โดยใช้งบประมาณทั้งสิ้น ๔๕.๕ ล้านบาท"),
    "ผู้เข้าร่วมประชุมทั้งหมด ๒๓ คน ได้แก่ ผู้แทนสำนักการระบายน้ำ สำนักสิ่งแวดล้อม และสำนักงานเขตทั้งหก",
]


@pytest.mark.parametrize("font", ["Garuda", "Loma", "Noto Sans Thai", "Norasi"])
def test_browser_printed_thai_reads_back_word_for_word(font: str, tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f'<html lang="th"><body style="font-family: \'{font}\'; font-size: 16px">{body}</body></html>'
    data = browser_pdf(html, tmp_path)
    text = "\n".join(pdfium_page_texts(data))
    # every character once, in order, whatever the line breaks
    assert re.sub(r"\s+", "", "".join(PARAGRAPHS)) in re.sub(r"\s+", "", text)
    # a space where the source has one or a line wraps, and nowhere else (not inside a word); none lost
    source, breaks = _boundaries("\n".join(PARAGRAPHS))
    read, wraps = _boundaries(text)
    read.discard(len(re.sub(r"\s+", "", text)))  # the last line's end
    assert read <= source | breaks | wraps, (font, sorted(read - source - breaks - wraps)[:5], text)
    assert source <= read | wraps, (font, sorted(source - read - wraps)[:5], text)


def _boundaries(text: str) -> tuple[set[int], set[int]]:
    """Where, counting letters only, the text has a space, and where a line ends."""
    spaces: set[int] = set()
    lines: set[int] = set()
    letters = 0
    for ch in text:
        if ch == "\n":
            lines.add(letters)
        elif ch.isspace():
            spaces.add(letters)
        else:
            letters += 1
    return spaces, lines
