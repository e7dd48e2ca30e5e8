"""Decompression bombs: a .docx that would unpack past the limits is refused before parsing, with a message naming
the limit, by folder ingestion and by upload alike; the version already indexed stays as it was."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import UnreadableFileError
from assistant.store.records import RecordStore, records_path
from ingest.readers.zip_bounds import check_zip_bounds

MB = 1024 * 1024


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _inflated(base: bytes, extra: dict[str, bytes]) -> bytes:
    """The real document with extra parts that compress to almost nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        for name, data in extra.items():
            dst.writestr(name, data)
    return out.getvalue()


def _xml(mb: int) -> bytes:
    return b"<?xml version='1.0'?><r>" + b"<p>a</p>" * (mb * MB // 8) + b"</r>"


def test_limits_are_checked_on_the_declared_sizes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, max_unpacked_mb=8, max_unpacked_xml_mb=4, max_archive_entries=40)
    base = _docx("An ordinary note.")
    check_zip_bounds(base, "note.docx", settings)  # the real document passes
    xml_bomb = _inflated(base, {"customXml/bulk.xml": _xml(5)})
    assert len(xml_bomb) < MB // 10
    with pytest.raises(UnreadableFileError, match=r"XML would unpack to [56] MB, over the limit of 4 MB"):
        check_zip_bounds(xml_bomb, "bomb.docx", settings)
    with pytest.raises(UnreadableFileError, match=r"would unpack to (9|10) MB .* over the limit of 8 MB"):
        check_zip_bounds(_inflated(base, {"word/media/image1.png": bytes(9 * MB)}), "bomb.docx", settings)
    with pytest.raises(UnreadableFileError, match="holds \\d+ parts, over the limit of 40"):
        check_zip_bounds(_inflated(base, {f"customXml/extra{n}.xml": b"<a/>" for n in range(40)}), "bomb.docx", settings)


def test_folder_ingest_refuses_a_bomb_and_keeps_the_indexed_version(tmp_path: Path) -> None:
    from ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    settings = Settings(data_dir=tmp_path / "data", max_unpacked_xml_mb=4)
    (docs / "minutes.docx").write_bytes(_docx("The Orvanto committee met on the third Tuesday of May."))
    assert ingest_paths([docs], settings, progress=False).files == 1
    (docs / "minutes.docx").write_bytes(_inflated(_docx("Replaced."), {"customXml/bulk.xml": _xml(5)}))
    report = ingest_paths([docs], settings, progress=False)
    assert "over the limit of 4 MB" in report.summary() + str(report.model_dump())
    records = RecordStore(records_path(settings.resolved_data_dir()))
    try:
        assert "Orvanto" in (records.page_text("minutes.docx", 1) or "")
    finally:
        records.close()


def test_upload_refuses_a_bomb_before_staging_it(tmp_path: Path) -> None:
    from ingest.jobs.uploads import check_upload

    settings = Settings(data_dir=tmp_path, max_unpacked_mb=8)
    bomb = _inflated(_docx("x"), {"word/media/image1.png": bytes(9 * MB)})
    with pytest.raises(UnreadableFileError, match="over the limit of 8 MB; not parsed"):
        check_upload("bomb.docx", bomb, settings)
    assert not (tmp_path / "uploads").exists()
