"""Shared fixtures. Tests run on the real corpus in ../shared, real models and real servers; only the data dir is
temporary, so no test touches another's index."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings, get_settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
DEV_SET = SHARED / "eval" / "dev.jsonl"
SHARED_CATALOG = REPO / "tests" / "data" / "shared-catalog.toml"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.fail(f"the reference corpus is missing at {SHARED_CORPUS}")
    return SHARED_CORPUS


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test writes under its own data dir unless it builds Settings itself."""
    data = tmp_path / "data"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    get_settings.cache_clear()
    return data


@pytest.fixture
def settings(_isolated_data_dir: Path) -> Settings:
    return Settings(data_dir=_isolated_data_dir)
