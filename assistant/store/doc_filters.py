"""Which documents a search may use: the caller's access, then the request's metadata filters."""

from __future__ import annotations

from collections.abc import Callable

from assistant.models import DocumentMeta, Filters


def _date_ok(date: str | None, bound: str | None, after: bool) -> bool:
    """Compare ISO dates at the coarser precision, so '2018' matches a bound of '2018-07'."""
    if bound is None:
        return True
    if date is None:
        return False
    n = min(len(date), len(bound))
    return date[:n] >= bound[:n] if after else date[:n] <= bound[:n]


def passes(meta: DocumentMeta, filters: Filters | None, allowed_access: Callable[[str], bool] | None) -> bool:
    """Whether a search under ``filters`` by a caller with ``allowed_access`` may use this document."""
    if allowed_access is not None and not allowed_access(meta.access):
        return False
    if filters is None:
        return True
    return ((filters.kinds is None or meta.kind in filters.kinds)
            and (filters.doc_ids is None or meta.doc_id in filters.doc_ids)
            and (filters.language is None or meta.language == filters.language)
            and _date_ok(meta.date, filters.date_from, True) and _date_ok(meta.date, filters.date_to, False))
