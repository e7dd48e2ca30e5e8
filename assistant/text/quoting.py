"""Document text quoted in an answer, a briefing or a prompt: it must not be able to speak as the service."""

from __future__ import annotations

import re

# A document's own "[1]" or "[2, 3]": in quoted text it would read (and parse) as the service's citation marker.
_DOCUMENT_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")


def quoted(text: str) -> str:
    """Document text as it may stand in an answer or a prompt: its bracketed numbers become "(1)", so that only the
    markers the service adds resolve to a citation ("[1] HACKED [1]" in a document quotes as "(1) HACKED (1)")."""
    return _DOCUMENT_MARKER.sub(r"(\1)", text)
