"""What the made-up sets' document scripts share: HTML pages printed to A4 PDFs by Chromium (as a browser's "Save
as PDF" makes them), and a Word table."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


def print_pdfs(folder: Path, css: str, pages: list[tuple[str, str, str, str]]) -> None:
    """Each (file name, title, body HTML, body class) printed to a PDF in ``folder``."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium) if chromium else p.chromium.launch()
        page = browser.new_page()
        for name, title, body, cls in pages:
            page.set_content(f"<html><head><meta charset='utf-8'><title>{title}</title><style>{css}</style></head>"
                             f"<body class='{cls}'>{body}</body></html>")
            page.pdf(path=str(folder / name), format="A4", margin={"top": "22mm", "bottom": "22mm", "left": "20mm",
                                                                     "right": "20mm"})
        browser.close()


def word_table(document: Any, rows: list[tuple[str, ...]]) -> None:
    """A grid table of ``rows`` (the first is the header) at the end of a python-docx document."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
