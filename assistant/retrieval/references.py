"""Sections a passage points to: a law answers 'who may stand for governor?' with 'anyone qualified under section
14', and section 14 is where the qualifications are. The referenced section's first chunk joins the passage, so the
answer can quote what it points to.

A reference is a section or article named inside a line ('ตามมาตรา ๑๔', 'under Section 14'); the section itself is
the chunk in which a line opens with the same words, in the same document and spelling.
"""

from __future__ import annotations

import re

from assistant.models import Passage
from assistant.store.records import RecordStore

_MENTION = re.compile(r"(มาตรา\s*[๐-๙\d]+|\b(?:Section|Article|section|article)\s+\d+)(?![๐-๙\d])")
FOLLOWED = 3  # the best passages whose references are looked up
_PER_PASSAGE = 4


def references(text: str) -> list[str]:
    """The sections a text points to, each as the words that open it ('มาตรา ๑๔', 'Section 14'), in order: every
    mention of a section except one that opens a line (that is the section itself)."""
    found = []
    for m in _MENTION.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if line.strip():
            words = re.sub(r"\s+", " ", m.group(1))
            found.append(words[:1].upper() + words[1:])
    return list(dict.fromkeys(found))


def opens(text: str, section: str) -> int | None:
    """Where in ``text`` a line opens the section (its offset), or None."""
    words = r"\s*".join(re.escape(w) for w in section.split())
    match = re.search(rf"(?:^|\n)\s*({words})(?![๐-๙\d])", text)
    return match.start(1) if match else None


_OPENING = re.compile(r"\s*(?:มาตรา\s*[๐-๙\d]+|Section\s+\d+|Article\s+\d+)(?![๐-๙\d])")


def opens_a_section(text: str) -> bool:
    """Does the text begin a section ('มาตรา ๑๕ ...', 'Article 3')? There a section's list has ended."""
    return bool(_OPENING.match(text))


def attach_referenced(records: RecordStore, passages: list[Passage]) -> None:
    """Give each of the best passages the chunks that open the sections it points to (not ones it holds itself)."""
    for p in passages[:FOLLOWED]:
        wanted = [s for s in references(p.chunk.text) if opens(p.chunk.text, s) is None][:_PER_PASSAGE]
        for section in wanted:
            chunk = next((c for c in records.chunks_containing(p.chunk.doc_id, section.split())
                          if opens(c.text, section) is not None), None)
            if chunk is not None and chunk.id != p.chunk.id and all(c.id != chunk.id for c in p.referenced):
                p.referenced.append(chunk)
