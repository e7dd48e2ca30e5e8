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


def fts_query(tokens: list[str], prefix: bool = False) -> str:
    """Every token quoted (quotes doubled), OR-joined: any user text becomes a valid FTS5 query. ``prefix``: each
    also matches the longer words it begins ('chair' matches 'chairmanship')."""
    unique = list(dict.fromkeys(tokens))
    star = "*" if prefix else ""
    return " OR ".join('"' + t.replace('"', '""') + '"' + star for t in unique)


def rarest(matches: dict[str, int], budget: int, k: int) -> list[str] | None:
    """The query tokens whose chunks BM25 ranks, given how many chunks hold each (``matches``, in query order).

    None (rank every chunk that holds any token) while the matches total at most ``budget``. Above it, the rarest
    tokens whose matches fit in ``budget``, the rarest always, and more while they hold fewer than ``k`` matches, so
    a question of common words alone still gets ``k`` candidates. A chunk holding only commoner tokens is then left
    out: the commoner a token, the less BM25 credits it (its IDF falls towards 0 as it nears half the chunks), so
    such a chunk rarely outranks one holding a rare token, and ranking it is what grows with the documents.
    """
    if budget <= 0 or sum(matches.values()) <= budget:
        return None
    chosen: list[str] = []
    total = 0
    for token in sorted(matches, key=matches.__getitem__):  # stable: equal counts keep the query's order
        if chosen and total + matches[token] > budget and total >= k:
            break
        chosen.append(token)
        total += matches[token]
    return None if len(chosen) == len(matches) else chosen


def bounded(rare: list[str], common: list[str]) -> list[str]:
    """FTS5 queries that together match exactly the chunks holding a ``rare`` token, each chunk once, and score it
    on every ``rare`` and ``common`` token it holds: the chunks that also hold a common token, then those that do
    not. FTS5's bm25() sums over the query's phrases, and a phrase a chunk lacks adds nothing, so either query gives
    the score of the whole query. FTS5 steps through the rare tokens' matches and only seeks in the common ones';
    one query of all the tokens, restricted to the rare ones' chunks, stepped through every common match too."""
    if not common:
        return [fts_query(rare)]
    either, also = fts_query(rare), fts_query(common)
    return [f"({either}) AND ({also})", f"({either}) NOT ({also})"]
