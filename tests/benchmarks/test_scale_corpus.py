"""The scale benchmark's synthetic corpus is varied text made from corpus/, not copies of it."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.scale_corpus import generate, read_sources, rewrite
from ingest.catalog import read_catalog

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) >= 40]


def test_generated_documents_are_varied_not_copies(tmp_path: Path) -> None:
    sources, pools = read_sources(CORPUS)
    real = {p for pool in pools.values() for p in pool.paragraphs}
    files = generate(CORPUS, tmp_path / "synthetic", 3, seed=1)

    assert len(files) == 3 and {f.suffix for f in files} == {".md", ".txt"}
    catalog = read_catalog(tmp_path / "synthetic")
    assert sorted(catalog) == sorted(f.name for f in files)
    texts = [f.read_text(encoding="utf-8") for f in files]
    for text, source in zip(texts, sources, strict=False):
        paragraphs = _paragraphs(text)
        assert len(text) >= source.chars  # as much text as its source at least
        copied = [p for p in paragraphs if p in real]
        assert len(copied) <= 0.1 * len(paragraphs), copied[:3]
    # two generated documents share hardly a paragraph, even those drawn from the same kind's pool
    seen = [set(_paragraphs(t)) for t in texts]
    for a, b in ((0, 1), (1, 2), (0, 2)):
        assert len(seen[a] & seen[b]) <= 0.05 * min(len(seen[a]), len(seen[b])), seen[a] & seen[b]
    # the same seed gives the same corpus; rewriting a file changes its text
    again = generate(CORPUS, tmp_path / "again", 3, seed=1)
    assert [f.read_text(encoding="utf-8") for f in again] == texts
    rewrite(files[:1], CORPUS, seed=2)
    assert files[0].read_text(encoding="utf-8") != texts[0]
    assert files[0].read_text(encoding="utf-8").splitlines()[0] == texts[0].splitlines()[0]
