"""DocumentMeta from, in order of trust: the catalog, the text's own header, PDF metadata, the file name."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from assistant.access.principal import validate_access
from assistant.config import Settings
from assistant.errors import UnreadableFileError
from assistant.models import DocumentMeta, Kind, Page
from assistant.text.calendar import common_era
from assistant.text.normalise import detect_language
from ingest.catalog import catalog_path, entry_for, read_catalog
from ingest.titles import title_of

# File-name words that give away a document's kind when nothing else says it.
KIND_KEYWORDS: dict[str, Kind] = {
    "mou": "mou",
    "agreement": "mou",
    "memorandum": "mou",
    "sister": "mou",
    "asean": "asean",
    "ascn": "asean",
    "act": "law",
    "law": "law",
    "regulation": "law",
    "plan": "plan",
    "strategy": "plan",
    "guide": "guide",
    "toolkit": "guide",
    "handbook": "guide",
}
LANGUAGE_NAMES: dict[str, str] = {"english": "en", "en": "en", "thai": "th", "th": "th", "ไทย": "th"}
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
_DAY_MONTH_YEAR_RE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")
_MONTH_YEAR_RE = re.compile(r"([A-Za-z]+)\s+(\d{4})")
_YEAR_RE = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
_NAME_YEAR_RE = re.compile(r"(?<!\d)(19\d{2}|20\d{2}|25\d{2})(?!\d)")


def _catalog_for(folder: Path, catalog_file: Path | None) -> dict[str, dict]:
    path = catalog_path(folder, catalog_file)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = -1
    return _cached_catalog(folder, catalog_file, stamp)


@lru_cache(maxsize=16)
def _cached_catalog(folder: Path, catalog_file: Path | None, _stamp: int) -> dict[str, dict]:
    return read_catalog(folder, catalog_file)


def parse_date(text: str) -> str | None:
    """The last date written in a header line ("effective 13 March 2001; signed 26 October 2002" -> 2002-10-26)."""
    text = text.strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return text
    found: list[tuple[int, str]] = []
    for match in _DAY_MONTH_YEAR_RE.finditer(text):
        month = _MONTHS.get(match.group(2).lower())
        if month:
            found.append((match.start(), f"{match.group(3)}-{month:02d}-{int(match.group(1)):02d}"))
    if not found:
        for match in _MONTH_YEAR_RE.finditer(text):
            month = _MONTHS.get(match.group(1).lower())
            if month:
                found.append((match.start(), f"{match.group(2)}-{month:02d}"))
    if not found:
        found = [(m.start(), m.group(1)) for m in _YEAR_RE.finditer(text)]
    return max(found)[1] if found else None


def _kind_from(text: str) -> Kind | None:
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in KIND_KEYWORDS:
            return KIND_KEYWORDS[word]
    return None


def _header_meta(fields: dict[str, str]) -> dict[str, object]:
    """'- Kind: mou (...)', '- Parties: a; b', '- Date: ...', '- Language: English' from a markdown header."""
    meta: dict[str, object] = {}
    if "kind" in fields:
        word = re.match(r"[a-z]+", fields["kind"].lower())
        if word and word.group(0) in KIND_KEYWORDS.values():
            meta["kind"] = word.group(0)
        elif kind := _kind_from(fields["kind"]):
            meta["kind"] = kind
    if "parties" in fields:
        meta["parties"] = [p.strip() for p in re.split(r";", fields["parties"]) if p.strip()]
    if "date" in fields and (date := parse_date(fields["date"])):
        meta["date"] = date
    if "language" in fields:
        language = LANGUAGE_NAMES.get(fields["language"].strip().lower())
        if language:
            meta["language"] = language
    if "access" in fields:  # a malformed value fails the file: falling back to 'public' would publish it
        meta["access"] = validate_access(fields["access"].strip())
    return meta


def build_meta(
    path: Path, root: Path, settings: Settings, hints: dict[str, object], pages: list[Page], sha256: str
) -> DocumentMeta:
    try:
        doc_id = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        doc_id = path.name
    fields = hints.get("fields")
    try:
        header = _header_meta(fields) if isinstance(fields, dict) else {}
    except ValueError as exc:
        where = hints.get("access_line") or "'- Access:' line"
        raise UnreadableFileError(f"{path.name}: {where}: {exc}") from None
    name_year = _NAME_YEAR_RE.findall(path.stem)  # 'plan-2567' is the Buddhist era's 2024
    guessed: dict[str, object] = {
        "title": title_of(hints.get("title"), path),
        "kind": header.get("kind") or _kind_from(path.stem) or "other",
        "date": header.get("date") or (str(common_era(int(name_year[-1]))) if name_year else hints.get("pdf_year")),
        "parties": header.get("parties") or [],
        "language": header.get("language") or detect_language("\n".join(p.text for p in pages[:50])),
        "access": header.get("access") or "public",
    }
    catalog = _catalog_for(root if root.is_dir() else path.parent, settings.catalog_file)
    override = {k: v for k, v in entry_for(catalog, doc_id, path.name).items() if k != "agreement"}
    merged = {**guessed, **override}
    return DocumentMeta(
        doc_id=doc_id,
        source=path.name,
        sha256=sha256,
        pages=sum(1 for p in pages if p.number is not None) or 1,
        **merged,  # type: ignore[arg-type]
    )
