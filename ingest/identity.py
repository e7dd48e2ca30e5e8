"""Which stored documents a run removes, and which files it must refuse, because a document id is only a path
relative to the folder it was ingested from.

Why: ``report.md`` in two folders has the same id, and the second ingest silently replaced the first (and the
first folder's next ingest replaced it back). A file ingested through a subfolder and then through its parent has
two ids, and the second was refused as a duplicate of itself; once deleted, its parent's ingest never noticed.
The rule: the latest ingestion of a file names it; a *different* file never takes an id whose file still exists.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from ingest.catalog import CATALOG_NAME


class Claims(BaseModel):
    """What a run's sources mean for the stored documents."""

    removed: list[str] = Field(default_factory=list, description="Ids whose file is gone or now has another id.")
    refused: dict[str, str] = Field(default_factory=dict, description="Source file path -> one-line reason.")


def discoverable(rel: Path) -> bool:
    """Whether a path relative to an ingested folder is one of its documents (hidden parts and catalogs are not)."""
    return not any(part.startswith(".") for part in rel.parts) and rel.name != CATALOG_NAME


def _under(path: Path, folders: list[Path]) -> bool:
    return any(path.is_relative_to(f) and discoverable(path.relative_to(f)) for f in folders)


def _same(one: Path, two: Path) -> bool:
    try:
        return one.samefile(two)
    except OSError:  # gone since discovery: not the same file; its own read reports it
        return False


def emptied_folders(files: list[Path], roots: dict[str, str], folders: list[Path]) -> dict[Path, int]:
    """Folders given that hold no document now while stored documents came from them -> how many.

    Why: an unmounted share, an empty mount point or a sync tool that emptied a folder for a moment looks exactly
    like a folder whose files were all deleted, and would remove every document ingested from it.
    """
    out: dict[Path, int] = {}
    for folder in folders:
        if not any(path.is_relative_to(folder) for path in files):
            kept = sum(1 for doc_id, root in roots.items() if _under(Path(root) / doc_id, [folder]))
            if kept:
                out[folder] = kept
    return out


def claims(sources: list[tuple[Path, Path, str]], roots: dict[str, str], folders: list[Path],
           keep: list[Path] | None = None) -> Claims:
    """``sources``: (file, folder, doc id) of each discovered file; ``roots``: stored doc id -> its folder;
    ``keep``: folders whose vanished files are not removed (see ``emptied_folders``)."""
    out = Claims()
    by_path = {path: doc_id for path, _, doc_id in sources}
    for doc_id, root in sorted(roots.items()):
        old = Path(root) / doc_id
        now = by_path.get(old)
        gone = now is None and _under(old, folders) and not _under(old, keep or [])
        if (now is not None and now != doc_id) or gone:
            out.removed.append(doc_id)  # renamed by this ingestion, or gone from a folder it reads
    removed = set(out.removed)
    owners = {d: Path(r) for d, r in roots.items() if d not in removed}
    for path, root, doc_id in sources:
        owner = owners.setdefault(doc_id, root)  # the first of two same-named files in one run keeps the name
        other = owner / doc_id
        if owner != root and other.is_file() and not _same(other, path):
            out.refused[str(path)] = (f"another file with this name is already indexed as {doc_id!r} from "
                                      f"{owner}; rename one of them")
    return out
