"""Bounds on a zip container (.docx) checked from its central directory before any part is unpacked.

python-docx reads every part into memory and parses each XML part into a tree (about ten times the XML's size), so a
966 KB file that inflates to 400 MB of XML ran for minutes at gigabytes. The sizes checked are the ones the directory
declares; Python's zipfile never unpacks more than a part's declared size (and fails its CRC check if the data
disagrees), so the declared sizes bound what parsing can cost."""

from __future__ import annotations

import io
import zipfile

from assistant.config import Settings
from assistant.errors import UnreadableFileError

_MB = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels")


def check_zip_bounds(data: bytes, name: str, settings: Settings) -> None:
    """Raises ``UnreadableFileError`` naming the limit a file exceeds; a damaged zip is left to the loader's error."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    hint = "a real document this large needs ASSISTANT_MAX_UNPACKED_MB / ASSISTANT_MAX_ARCHIVE_ENTRIES raised"
    if len(entries) > settings.max_archive_entries:
        raise UnreadableFileError(f"{name}: holds {len(entries)} parts, over the limit of "
                                  f"{settings.max_archive_entries}; not parsed", hint=hint)
    unpacked = sum(e.file_size for e in entries)
    if unpacked > settings.max_unpacked_mb * _MB:
        raise UnreadableFileError(f"{name}: would unpack to {unpacked / _MB:.0f} MB from {len(data) / _MB:.1f} MB, over "
                                  f"the limit of {settings.max_unpacked_mb:g} MB; not parsed", hint=hint)
    xml = sum(e.file_size for e in entries if e.filename.lower().endswith(_XML_SUFFIXES))
    if xml > settings.max_unpacked_xml_mb * _MB:
        raise UnreadableFileError(f"{name}: its XML would unpack to {xml / _MB:.0f} MB, over the limit of "
                                  f"{settings.max_unpacked_xml_mb:g} MB; not parsed",
                                  hint="a real document this large needs ASSISTANT_MAX_UNPACKED_XML_MB raised")
