"""Tables in browser-printed PDFs read back one row to a paragraph, each value after its heading, as Word and
Markdown tables do: a group named on its first row only and a cell that wraps onto a second line stay with their row,
and a table that runs onto the next page keeps its headings. Prose, in one column or three, reads as before. Made-up
documents only."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from ingest.readers.loaders import load_document
from ingest.readers.pdftext import pdfium_page_texts
from tests.conftest import browser_pdf

_STYLE = """<style>
body { font-family: 'DejaVu Serif', serif; font-size: 12pt; line-height: 1.5; }
table { border-collapse: collapse; } td, th { border: 1px solid #444; padding: 4pt 6pt; vertical-align: top; }
</style>"""

_VISITS = """<p>The Office received more study visits than in any year before, most of them from the North.</p>
<table><tr><th>Region</th><th>Type of visit</th><th>Host unit</th><th>2023 (visits)</th><th>2024 (visits)</th></tr>
<tr><td rowspan="2">North</td><td>Courtesy call</td><td>Protocol Section</td><td>41</td><td>47</td></tr>
<tr><td>Study visit</td><td style="width: 90pt">Department of Harbours and Waterways</td><td>22</td><td>29</td></tr>
<tr><td>South</td><td>Courtesy call</td><td>Protocol Section</td><td>18</td><td>21</td></tr></table>
<p>Figures for 2024 are provisional until the audit of the Lorsk Harbour accounts is complete.</p>"""


def test_a_tables_rows_name_their_headings_their_group_and_their_wrapped_cells(tmp_path: Path) -> None:
    text = "\n".join(pdfium_page_texts(browser_pdf(f"<html><body>{_STYLE}{_VISITS}</body></html>", tmp_path)))
    # 'North' is printed once, above both its rows; the host unit wraps onto two lines in its narrow column
    assert ("Region: North; Type of visit: Study visit; Host unit: Department of Harbours and Waterways; "
            "2023 (visits): 22; 2024 (visits): 29.") in text, text
    assert "Region: South; Type of visit: Courtesy call; Host unit: Protocol Section; 2023 (visits): 18;" in text, text
    # the prose around the table reads as it did
    assert "The Office received more study visits than in any year before, most of them from the North." in " ".join(
        text.split())
    assert "Figures for 2024 are provisional" in text and "Figures for 2024:" not in text


def test_a_table_run_on_to_the_next_page_keeps_its_headings_and_its_group(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>{'Coastal' if n == 1 else ''}</td><td>Pier {n}</td><td>{100 + n}</td></tr>"
                   for n in range(1, 61))
    html = (f"<html><body>{_STYLE}<table><thead><tr><th>District group</th><th>Pier</th><th>Boats (2025)</th></tr>"
            f"</thead>{rows}</table></body></html>")
    pages = pdfium_page_texts(browser_pdf(html, tmp_path))
    assert len(pages) > 1
    # the last pier is on a later page: still under its headings and its group
    assert "District group: Coastal; Pier: Pier 60; Boats (2025): 160." in pages[-1], pages[-1]


def test_prose_in_three_columns_is_no_table(tmp_path: Path, settings: Settings) -> None:
    """Three columns of prose, a figure here and there: no column holds figures row after row."""
    sentence = ("The ferry board of Lorsk met {n} times this year to plan the new river routes and the timetable "
                "for the winter season, and it heard the harbour master on the state of the piers. ")
    body = "".join(sentence.format(n=n) for n in range(2, 14))
    html = f"<html><body>{_STYLE}<div style='columns: 3; text-align: justify'><p>{body}</p></div></body></html>"
    path = tmp_path / "ferry-board-notes.pdf"
    path.write_bytes(browser_pdf(html, tmp_path))
    text = " ".join(page.text for page in load_document(path, tmp_path, settings).pages)
    assert "; " not in text.replace("; and", "") and " | " not in text, text
    assert "met 7 times this year" in " ".join(text.split())
