"""What the lexical index stores and what a query asks it: the same tokens on both sides (see ``records``)."""

from __future__ import annotations

from assistant.models import Chunk


def tokens(text: str) -> list[str]:
    from assistant.text.normalise import tokenize  # shared with the query side; imported late to keep CLI start fast

    return [t for t in tokenize(text) if t.strip()]


def lexical_rows(title: str, chunks: list[Chunk]) -> list[tuple[str, str]]:
    """(body, context) token strings per chunk, as the lexical index stores them. Thai segmentation is costly, so
    ingestion computes these in its preparing worker rather than in the process that embeds."""
    from assistant.text.normalise import segmentation_memo

    with segmentation_memo():  # a document's title and headings repeat on every chunk
        return [(" ".join(tokens(c.text)), " ".join(tokens(f"{title}\n{c.heading or ''}"))) for c in chunks]


def fts_query(tokens: list[str]) -> str:
    """Every token quoted (quotes doubled), OR-joined: any user text becomes a valid FTS5 query."""
    unique = list(dict.fromkeys(tokens))
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in unique)
