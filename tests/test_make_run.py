"""The README's run command on a fresh clone: `make run` ingests corpus/, prints the URL and serves every document
under its catalog title. The clone is of the committed HEAD; the test's own venv stands in for `make setup`."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, free_port, wait_for_server

pytestmark = pytest.mark.slow


def test_make_run_on_a_fresh_clone_serves_corpus_with_catalog_titles(tmp_path: Path) -> None:
    if shutil.which("make") is None or shutil.which("git") is None:
        pytest.fail("make and git are needed to try the README's run command")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)  # noqa: S603, S607
    assert not (clone / "data").exists()
    port = free_port()
    venv = Path(sys.executable).parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env["PYTHONPATH"] = str(clone)  # the clone's code, not whichever checkout the venv was installed from
    log_path = tmp_path / "make-run.log"
    with log_path.open("wb") as log:
        # `-o setup`: the venv is already set up; installing the clone into it would repoint the shared install
        proc = subprocess.Popen(  # noqa: S603
            ["make", "-o", "setup", "run", f"VENV={venv}", f"PORT={port}", "HOST=127.0.0.1"],  # noqa: S607
            cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(proc, log_path, f"{base}/readyz", "make run", timeout=600)
        documents = httpx.get(f"{base}/api/v1/documents", timeout=30).json()["documents"]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    output = log_path.read_text(errors="replace")
    catalog = tomllib.loads((clone / "corpus" / "catalog.toml").read_text(encoding="utf-8"))
    assert {d["doc_id"]: d["title"] for d in documents} == {name: entry["title"] for name, entry in catalog.items()}
    assert len(documents) == len([p for p in (clone / "corpus").iterdir() if p.name != "catalog.toml"]) == 14
    assert f"Ingested {len(documents)} file(s)" in output and ", 0 failed" in output
    assert f"http://127.0.0.1:{port}/" in output
    assert (clone / "data").is_dir()  # the index lives in the clone, where the README says
