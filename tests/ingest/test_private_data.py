"""The data folder holds restricted text: after a real `assistant ingest`, the folder and everything in it (records,
Chroma's files, the lock) are the owner's alone, and a data folder that others could read is tightened."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

NOTE = "Harbour ferry note.\n\nThe harbour ferry pilot carried 48,000 passengers across the river in its first year.\n"


def open_to_others(root: Path) -> list[str]:
    """Every path under ``root`` (itself included) that an account other than the owner may read or enter."""
    paths = [root, *root.rglob("*")]
    return [f"{p} {stat.S_IMODE(p.lstat().st_mode):o}" for p in paths if stat.S_IMODE(p.lstat().st_mode) & 0o077]


def test_an_ingest_leaves_nothing_in_the_data_folder_that_others_can_read(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ferry.txt").write_text(NOTE, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)  # as an earlier version (or a hand-made folder) left it
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(docs)], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (data / "chroma").is_dir() and any(data.rglob("*.sqlite3"))
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert open_to_others(data) == []
