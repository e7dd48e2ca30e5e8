"""Bytes of a text file -> str, for folder ingestion and uploads alike, so that both accept and refuse the same files.

Staff save notes from Notepad (UTF-16 with a byte-order mark), Thai Windows (Windows-874) and Western Windows
(Windows-1252) as well as UTF-8; each of the last three decodes any byte string, so the order and a plausibility
check decide."""

from __future__ import annotations

import codecs
import re

from assistant.errors import UnreadableFileError

_THAI_RE = re.compile(r"[\u0e00-\u0e7f]")
_THAI_IN_LATIN_RE = re.compile(r"(?<![\u0e00-\u0e7f])[\u0e00-\u0e7f](?![\u0e00-\u0e7f])")


def _plausible_thai(text: str) -> bool:
    """Latin-1/Windows-1252 bytes decode as cp874 too ('Café' -> 'Caf้'), but as Thai letters standing alone among
    Latin ones; real Thai text has its letters in runs."""
    thai = len(_THAI_RE.findall(text))
    return not thai or len(_THAI_IN_LATIN_RE.findall(text)) * 2 < thai


def decode_text(data: bytes, name: str) -> str:
    """UTF-8, UTF-16 with a byte-order mark (Notepad's "Unicode"), Thai Windows-874, or Western Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFileError(f"{name}: damaged UTF-16 text ({exc.reason} at byte {exc.start})") from exc
    if b"\x00" in data[:8192]:
        raise UnreadableFileError(f"{name}: binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
        if _plausible_thai(text):
            return text
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFileError(f"{name}: text is neither UTF-8, UTF-16, Thai Windows-874 nor Windows-1252") from None

