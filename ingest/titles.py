"""A document's title when no catalog entry gives one: what the file says its title is, else its file name.

Titles matter beyond display: an English question names a document by its title, and the year, edition and subject
checks read a sentence's document title."""

from __future__ import annotations

import re
from pathlib import Path

_KIND_WORDS = 3  # a title this short ('Concept Note', 'PRESS RELEASE') names the kind of document, not which one
_SUBTITLE_REACH = 3  # lines after such a title where the heading that names the document may stand


def _subtitle(title: str, after: list[str]) -> str | None:
    """The heading right under a title that only names the kind of document: '# Concept Note' then '## Third
    Coastal Mayors Forum' is the concept note of that forum."""
    if len(title.split()) > _KIND_WORDS and not title.isupper():
        return None
    near = [line.strip() for line in after if line.strip()][:_SUBTITLE_REACH]
    heading = next((line for line in near if line.startswith("## ")), None)
    return heading[3:].strip() if heading else None


def opening_heading(lines: list[str]) -> tuple[str, int] | None:
    """The '# ' heading that opens a text, as a Markdown file's title or a Word file's 'Title' or 'Heading 1'
    paragraph ('Minutes of the Third Meeting of ...'): it names the document better than its file name. Under a title
    that only names the kind of document ('Concept Note'), the heading below it says which one. The title and the
    index of its line."""
    index = next((n for n, line in enumerate(lines) if line.strip()), len(lines))
    if index == len(lines) or not lines[index].startswith("# "):
        return None
    title = lines[index][2:].strip()
    below = _subtitle(title, lines[index + 1:])
    return (f"{title}: {below}" if below else title), index


def _title_from_name(path: Path) -> str:
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else path.name


def title_of(found: object, path: Path) -> str:
    """The title read from the file, else one made of its name. A title written mostly in other letters
    ('แผนปฏิบัติการ ...', perhaps with a name in Latin letters beside) keeps a Latin file name's words beside it
    ('nakorn-action-plan-2567'): they are the words an English question uses."""
    named = _title_from_name(path)
    if not isinstance(found, str) or not found.strip():
        return named
    letters = [ch for ch in found if ch.isalpha()]
    latin = sum(ch.isascii() for ch in letters)
    if 2 * latin < len(letters) and re.search(r"[A-Za-z]{2}", named):
        return f"{found} ({named})"
    return found
