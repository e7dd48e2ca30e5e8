"""Markdown pipe tables in text and Markdown files are written one row to a line, each value after its heading,
as Word tables are: a row read alone still says what its numbers are. Made-up documents only."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from ingest.readers.loaders import load_document
from ingest.readers.tables import markdown_tables

_TABLE = """Visits received, by region.

| Region | Type of visit | 2023 (visits) | 2024 (visits) |
|---|:---:|---|---|
| North | Courtesy call | 41 | 47 |
|  | Study visit | 22 | 29 |
| South | Courtesy call | 18 | 21 |
| Total |  | 81 | 97 |

Figures are provisional."""


def test_each_row_names_its_headings_and_the_group_above_it(settings: Settings, tmp_path: Path) -> None:
    for suffix in (".md", ".txt"):
        path = tmp_path / f"annex{suffix}"
        path.write_text(f"# Visits Annex\n\n{_TABLE}\n", encoding="utf-8")
        text = load_document(path, tmp_path, settings).pages[0].text
        row = "Region: North; Type of visit: Study visit; 2023 (visits): 22; 2024 (visits): 29."  # group carried
        assert row in text, text
        assert "Region: Total; 2023 (visits): 81; 2024 (visits): 97." in text  # an empty cell is left out
        assert "|" not in text and "---" not in text
        assert text.index("by region.") < text.index(row) < text.index("provisional")  # where the table stands


def test_pipes_that_are_not_a_table_stay_as_written() -> None:
    text = "Options | not a table\n| one line only |\nA | B"
    assert markdown_tables(text) == text
    no_rule = "| Name | Role |\n| Ana | Chair |"  # no '|---|' under the header: not a Markdown table
    assert markdown_tables(no_rule) == no_rule
