"""Markdown front matter (Obsidian, Jekyll, Hugo) is metadata, read like the '- Key: value' header block, and never
passage text; real files written from a reference corpus MOU, real loader, real ingestion into real stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import UnreadableFileError
from assistant.factory import build_records
from ingest.readers.loaders import load_document
from ingest.pipeline import ingest_paths
from tests.conftest import uncatalogued

MOU = "mou-abu-dhabi-houston-sister-cities-agreement-2002.md"
FRONT = """---
title: "Sister cities agreement, Abu Dhabi - Houston"
kind: mou
date: 2002-10-26T09:30:00+04:00
parties:
  - Abu Dhabi Municipality & Town Planning
  - City of Houston
language: English
access: internal
tags: [sister-cities, toolkit]   # Obsidian keeps its own keys here too
aliases:
  - Houston agreement
---
"""


def _body(corpus_dir: Path) -> str:
    """The MOU's text after its '# title' and '- Key: value' block, which the front matter replaces."""
    lines = (corpus_dir / MOU).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("## "))
    return "\n".join(lines[start:]) + "\n"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_is_the_same_metadata_as_the_header_block(corpus_dir: Path, settings: Settings,
                                                               tmp_path: Path) -> None:
    original = uncatalogued(MOU, tmp_path / "original")
    header = load_document(original, original.parent, settings)
    path = _write(tmp_path / "notes", "houston.md", FRONT + "\n" + _body(corpus_dir))
    doc = load_document(path, path.parent, settings)
    meta = doc.meta
    assert meta.title == "Sister cities agreement, Abu Dhabi - Houston"
    assert (meta.kind, meta.date, meta.parties, meta.language) == (
        header.meta.kind, header.meta.date, header.meta.parties, header.meta.language)
    assert meta.access == "internal"
    text = "\n".join(p.text for p in doc.pages)
    assert [p.text for p in doc.pages] == [p.text for p in header.pages]  # the same passage text, nothing more
    assert "sister-cities" not in text and "aliases" not in text and "access" not in text


def test_front_matter_never_reaches_the_index(corpus_dir: Path, settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    _write(folder, "houston.md", FRONT + _body(corpus_dir))
    _write(folder, "crlf.md", FRONT.replace("\n", "\r\n").replace("access: internal", "access: restricted:legal")
           + "# Legal note\r\n\r\nCounsel advises that the toolkit agreements are public records.\r\n")
    report = ingest_paths([folder], settings)
    assert (report.files, report.failed) == (2, [])
    records = build_records(settings)
    try:
        ids = sorted(records.chunk_ids())
        texts = " ".join(c.text for c in records.chunks(ids))
        assert "aliases" not in texts and "Houston agreement" not in texts and "09:30" not in texts
        legal = records.document("crlf.md")
        assert (legal.title, legal.access, legal.kind) == ("Sister cities agreement, Abu Dhabi - Houston",
                                                          "restricted:legal", "mou")
    finally:
        records.close()


def test_malformed_access_in_front_matter_fails_the_file(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "legal"
    path = _write(folder, "note.md", "---\ntitle: Legal note\naccess: confidential\n---\n\nCounsel advises that "
                  "the agreement may be renewed.\n")
    with pytest.raises(UnreadableFileError) as caught:
        load_document(path, folder, settings)
    reason = str(caught.value)
    assert "\n" not in reason and "note.md" in reason and "access" in reason and "'confidential'" in reason
    listed = _write(folder / "other", "listed.md", "---\naccess:\n  - legal\n---\nCounsel advises renewal.\n")
    with pytest.raises(UnreadableFileError):  # a value that is not one access level is never read as 'public'
        load_document(listed, listed.parent, settings)
    report = ingest_paths([folder], settings)
    assert sorted(f.file for f in report.failed) == ["note.md", "other/listed.md"] and report.files == 0


def test_a_rule_then_prose_is_text_not_front_matter(settings: Settings, tmp_path: Path) -> None:
    text = "---\nThe delegation from Fukuoka arrived on Monday.\n---\n\nThe programme covered flood control.\n"
    path = _write(tmp_path, "minutes.md", text)
    doc = load_document(path, tmp_path, settings)
    assert "delegation from Fukuoka" in doc.pages[0].text and doc.meta.title == "Minutes"


def test_a_front_matter_value_that_is_not_simple_is_noted_not_guessed(settings: Settings, tmp_path: Path) -> None:
    from ingest.readers.loaders import LoadTimes

    path = _write(tmp_path, "brief.md", "---\ntitle: >\n  A folded\n  title\nkind: guide\n---\n\nHow to host a visit.\n")
    times = LoadTimes()
    doc = load_document(path, tmp_path, settings, times)
    assert (doc.meta.title, doc.meta.kind) == ("Brief", "guide")
    assert [n for n in times.notes if "title" in n and "front matter" in n]
    assert "folded" not in doc.pages[0].text
