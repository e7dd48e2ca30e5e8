"""A synthetic corpus of N times the reference one, made from the reference documents' own text, for scale figures.

Not copies: each synthetic document takes the title, kind and language of one real document and draws its
paragraphs from every real document of that kind, in a shuffled order; inside a paragraph the sentence order is
shuffled, every number gets other digits (years stay plausible years), and about a third of the capitalised words are
swapped for other capitalised words of the same kind of document. So the vocabulary, lengths and languages are the
corpus's own, while no two documents, and no document and its source, share their text.

Only text layers are read (OCR off): scanned pages add nothing. Files are written as .md (with a title heading)
and .txt alternately, with a ``catalog.toml`` stating title, kind, date and language of each.
"""

from __future__ import annotations

import random
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.errors import UnreadableFileError
from ingest.catalog import CATALOG_NAME, read_catalog
from ingest.readers.loaders import SUPPORTED_SUFFIXES, load_document

MIN_PARAGRAPH_CHARS = 40
SWAP_SHARE = 0.3
# The text layers read here lack the scanned pages' text, so a document as long as its source's text layer gives
# about 0.6 of its chunks; this brings N x the corpus to about N x its chunks.
LENGTH_FACTOR = 1.6
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_NUMBER = re.compile(r"\d+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


@dataclass
class Source:
    """One real document as the generator sees it: what it states and how much text it has."""

    name: str
    title: str
    kind: str
    language: str
    chars: int


@dataclass
class KindPool:
    """The paragraphs and capitalised words of every real document of one kind."""

    paragraphs: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def read_sources(corpus: Path) -> tuple[list[Source], dict[str, KindPool]]:
    """The corpus's text layers, by kind. Documents without a text layer (scans) are left out."""
    catalog = read_catalog(corpus)
    sources: list[Source] = []
    pools: dict[str, KindPool] = {}
    with tempfile.TemporaryDirectory(prefix="scale-src-") as tmp:
        settings = Settings(data_dir=Path(tmp), ocr=False)
        for path in sorted(corpus.iterdir()):
            if path.name == CATALOG_NAME or path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            try:
                doc = load_document(path, corpus, settings)
            except UnreadableFileError:
                continue
            paragraphs = [p.strip() for page in doc.pages for p in re.split(r"\n\s*\n", page.text)]
            paragraphs = [p for p in paragraphs if len(p) >= MIN_PARAGRAPH_CHARS]
            if not paragraphs:
                continue
            meta = doc.meta
            entry = catalog.get(path.name, {})
            kind = str(entry.get("kind", meta.kind))
            pool = pools.setdefault(kind, KindPool())
            pool.paragraphs += paragraphs
            pool.words += [w for p in paragraphs for w in _CAPITALISED.findall(p)]
            sources.append(Source(path.name, str(entry.get("title", meta.title)), kind,
                                  str(entry.get("language", meta.language)), sum(len(p) for p in paragraphs)))
    return sources, pools


def _new_number(match: re.Match[str], rng: random.Random) -> str:
    digits = match.group(0)
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return str(rng.randint(1980, 2035))
    if len(digits) == 4 and digits[:2] == "25":  # Buddhist-era years
        return str(rng.randint(2520, 2580))
    first = str(rng.randint(1, 9)) if len(digits) > 1 else str(rng.randint(0, 9))
    return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


def vary(paragraph: str, pool: KindPool, rng: random.Random) -> str:
    """Shuffled sentences, other numbers, a share of capitalised words swapped within the kind's own words."""
    sentences = [s for s in _SENTENCE_END.split(paragraph) if s]
    if len(sentences) == 1:  # no sentence ends (a list, a Thai paragraph): shuffle runs of words instead
        words = paragraph.split(" ")
        cut = max(1, len(words) // 4)
        sentences = [" ".join(words[i : i + cut]) for i in range(0, len(words), cut)]
    rng.shuffle(sentences)
    text = " ".join(sentences)
    text = _NUMBER.sub(lambda m: _new_number(m, rng), text)
    if pool.words:
        text = _CAPITALISED.sub(lambda m: rng.choice(pool.words) if rng.random() < SWAP_SHARE else m.group(0), text)
    return text


def document_text(source: Source, pool: KindPool, rng: random.Random, title: str, markdown: bool) -> str:
    """About as much text as the source document, in paragraphs drawn from its kind's pool."""
    parts = [f"# {title}" if markdown else title]
    order = list(range(len(pool.paragraphs)))
    rng.shuffle(order)
    size, n = 0, 0
    while size < source.chars * LENGTH_FACTOR:
        paragraph = vary(pool.paragraphs[order[n % len(order)]], pool, rng)
        if markdown and n and n % 12 == 0:
            parts.append(f"## Part {n // 12}: {' '.join(paragraph.split()[:6])}")
        parts.append(paragraph)
        size += len(paragraph)
        n += 1
    return "\n\n".join(parts) + "\n"


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(corpus: Path, out: Path, documents: int, seed: int = 0) -> list[Path]:
    """Writes ``documents`` synthetic files and their catalog into ``out`` (created); returns the files."""
    sources, pools = read_sources(corpus)
    if not sources:
        raise SystemExit(f"{corpus}: no document with a text layer to generate from")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    files: list[Path] = []
    catalog: list[str] = []
    for i in range(documents):
        source = sources[i % len(sources)]
        markdown = i % 2 == 0
        name = f"synthetic-{i:05d}-{source.kind}{'.md' if markdown else '.txt'}"
        year = rng.randint(1990, 2030)
        title = f"{source.title}, variant {i} ({year})"
        path = out / name
        path.write_text(document_text(source, pools[source.kind], rng, title, markdown), encoding="utf-8")
        files.append(path)
        catalog.append(f"[{_toml(name)}]\ntitle = {_toml(title)}\nkind = {_toml(source.kind)}\n"
                       f"date = \"{year}\"\nlanguage = {_toml(source.language)}\naccess = \"public\"\n")
    (out / CATALOG_NAME).write_text("\n".join(catalog), encoding="utf-8")
    return files


def rewrite(files: list[Path], corpus: Path, seed: int) -> None:
    """Changes the given synthetic files (new text of the same kind and size): the incremental re-ingest's input."""
    sources, pools = read_sources(corpus)
    by_kind = {s.kind: s for s in sources}
    rng = random.Random(seed)
    for path in files:
        kind = path.stem.split("-", 2)[2]
        source = by_kind[kind]
        text = path.read_text(encoding="utf-8")
        title = text.splitlines()[0].lstrip("# ")
        path.write_text(document_text(source, pools[kind], rng, title, path.suffix == ".md"), encoding="utf-8")
