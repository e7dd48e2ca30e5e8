"""File content hashes: document identity, change detection and model integrity all use the same sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

_BLOCK = 8 << 20  # read in 8 MiB blocks: a 1.1 GB model never sits in memory whole


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()
