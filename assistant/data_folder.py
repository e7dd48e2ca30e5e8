"""The data folder holds restricted text (the index, the audit log, uploaded originals, job records): only the
account that runs the assistant may read it. Folders are made 0700 and files 0600."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from assistant.config import Settings

PRIVATE_UMASK = 0o077
INGEST_LOCK = "ingest.lock"  # in the data folder: held by whatever writes the index; only an ingest host has one
log = logging.getLogger(__name__)


def keep_private() -> None:
    """Everything this process creates from now on is its owner's alone, Chroma's and SQLite's files included: they
    take the process umask, and neither library has an option for the mode of the files it writes."""
    os.umask(PRIVATE_UMASK)


def private_data_dir(settings: Settings) -> Path:
    """The data folder, created 0700; one that others can read (made by an earlier version, or by hand) is tightened,
    and the log says so."""
    keep_private()
    path = settings.resolved_data_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        path.chmod(mode & 0o700)
        log.warning("the data folder %s was open to other accounts (mode %o); it is now %o", path, mode, mode & 0o700)
    return path
