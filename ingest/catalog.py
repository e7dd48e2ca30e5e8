"""The optional catalog: metadata that staff state once, beside the documents, and that beats any guess.

Format (TOML), one table per file name, every key optional::

    ["asean-ascn-framework-2018.pdf"]
    title = "ASEAN Smart Cities Framework"
    kind = "asean"            # plan | mou | asean | law | guide | other
    date = "2018-07-08"       # YYYY, YYYY-MM or YYYY-MM-DD
    parties = ["ASEAN Smart Cities Network (ASCN)"]
    language = "en"           # en | th
    access = "public"         # public | internal | restricted:<group>[,<group>]

    ["mou-example-2002.md".agreement]   # corrections to the agreements register (assistant.agreements.overrides)
    signed = "2002-10-26"
"""

from __future__ import annotations

import json
import time
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.access.principal import validate_access
from assistant.agreements.overrides import AgreementOverride
from assistant.errors import AssistantError, UnreadableFileError
from assistant.models import Kind
from ingest.report import FileNote

CATALOG_NAME = "catalog.toml"


class CatalogEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, min_length=1)
    kind: Kind | None = None
    date: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    parties: list[str] | None = None
    language: Literal["th", "en"] | None = None
    access: str | None = None
    agreement: AgreementOverride | None = None  # corrections to this document's agreements register record(s)

    @field_validator("access")
    @classmethod
    def _valid_access(cls, value: str | None) -> str | None:
        return None if value is None else validate_access(value)


def catalog_path(folder: Path, catalog_file: Path | None = None) -> Path:
    return catalog_file if catalog_file is not None else folder / CATALOG_NAME


def read_catalog(folder: Path, catalog_file: Path | None = None) -> dict[str, dict]:
    """File name -> metadata overrides (only the keys the catalog sets); empty when there is no catalog."""
    path = catalog_path(folder, catalog_file)
    if not path.is_file():
        if catalog_file is not None:
            raise UnreadableFileError(f"{path}: catalog file not found")
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(f"{path.name}: not valid TOML ({exc})") from exc
    catalog: dict[str, dict] = {}
    for name, entry in raw.items():
        if not isinstance(entry, dict):
            raise UnreadableFileError(f"{path.name}: entry {name!r} must be a table")
        try:
            catalog[name] = CatalogEntry.model_validate(entry).model_dump(exclude_none=True)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise UnreadableFileError(f"{path.name}: entry {name!r}: {where}: {first['msg']}") from exc
    return catalog


def entry_for(catalog: dict[str, dict], doc_id: str, name: str) -> dict:
    """A file's entry in its root folder's catalog: by path under that folder ('2002/x.pdf'), else by file name."""
    return catalog.get(doc_id) or catalog.get(name) or {}


class RunCatalogs:
    """One ingestion run's catalogs, read once per folder. Entries take part in the fingerprint: editing a title
    re-ingests that file."""

    def __init__(self, catalog_file: Path | None) -> None:
        self._catalog_file = catalog_file  # ASSISTANT_CATALOG_FILE replaces every folder's own catalog
        self._by_folder: dict[Path, dict[str, dict] | None] = {}

    def entry(self, root: Path, doc_id: str, name: str) -> str:
        """The entry the loader will apply (ingest.metadata), as text; a broken catalog's never matches."""
        catalog = self.of(root)
        if catalog is None:  # broken catalog: never "unchanged"; the loader then reports it per file
            return f"broken-catalog-{time.time_ns()}"
        return json.dumps(entry_for(catalog, doc_id, name), sort_keys=True, default=str)

    def of(self, folder: Path) -> dict[str, dict] | None:
        """The catalog that applies to files ingested from ``folder``; None when it is broken."""
        if folder not in self._by_folder:
            self._by_folder[folder] = self._read(folder)
        return self._by_folder[folder]

    def unmatched(self, folders: list[Path], files: list[tuple[Path, str, str]]) -> list[FileNote]:
        """A folder's own catalog entry naming no file (a typo) would silently drop its metadata, access included.
        ``files``: (root, doc id, file name) of each discovered file."""
        if self._catalog_file is not None:  # one catalog for several folders: an entry may be for another folder
            return []
        notes: list[FileNote] = []
        for folder in folders:
            names = {n for root, doc_id, name in files if root == folder for n in (doc_id, name)}
            notes += [FileNote(file=CATALOG_NAME, note=f"entry {key!r} matches no file in {folder}; its metadata "
                               "applies to nothing") for key in sorted((self.of(folder) or {}).keys() - names)]
        return notes

    def _read(self, folder: Path) -> dict[str, dict] | None:
        if not catalog_path(folder, self._catalog_file).is_file():
            return {}
        try:
            return read_catalog(folder, self._catalog_file)
        except AssistantError:
            return None
