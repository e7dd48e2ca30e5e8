"""YAML front matter of a Markdown file (Obsidian, Jekyll, Hugo) as the metadata fields the '- Key: value' header
block gives, so that it is read as metadata and never indexed as passage text.

Only the simple forms are read, without a YAML library: ``key: value`` (optionally quoted, with a trailing
``# comment``), ``key: [a, b]`` and ``key:`` followed by ``- item`` lines. A key we use whose value has another form
(a ``>``/``|`` block, a nested mapping) is noted and not read, except ``access``, which then fails the file
rather than fall back to 'public'.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

FIELDS = ("title", "kind", "date", "parties", "language", "access")
_OPEN = "---"
_CLOSE = ("---", "...")
_KEY_RE = re.compile(r"^([A-Za-z_][\w -]{0,40}?):(?:\s+(.*))?$")
_ITEM_RE = re.compile(r"^\s*-\s+(.*)$")
_ISO_TIMESTAMP_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d")


class FrontMatter(BaseModel):
    """What a file's front matter says, and where its text starts."""

    fields: dict[str, str] = Field(default_factory=dict, description="Lower-case key -> value, as header fields.")
    end: int = Field(description="Index of the first line after the closing delimiter.")
    notes: list[str] = Field(default_factory=list)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return re.split(r"\s+#", value, maxsplit=1)[0].strip()


def _looks_like_yaml(line: str) -> bool:
    """Blank, a comment, a top-level key, or an indented/list line: a rule followed by prose is not front matter."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#") or line[:1].isspace() or bool(
        _ITEM_RE.match(line) or _KEY_RE.match(line))


def _value(raw: str, items: list[str]) -> str | None:
    """One field's value as header-block text (a list as '; '-separated), or None when it is not a simple form."""
    if not raw:
        return "; ".join(items)
    if raw.startswith("[") and raw.endswith("]"):
        return "; ".join(_unquote(item) for item in raw[1:-1].split(",") if item.strip())
    if raw[0] in "|>&*!{" or items:
        return None
    value = _unquote(raw)
    timestamp = _ISO_TIMESTAMP_RE.match(value)
    return timestamp.group(1) if timestamp else value


def read_front_matter(lines: list[str]) -> FrontMatter | None:
    """The front matter opening the file (first line '---', closed by '---' or '...'), or None when there is none."""
    if not lines or lines[0].rstrip() != _OPEN:
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSE), None)
    if end is None or not all(_looks_like_yaml(line) for line in lines[1:end]):
        return None
    raw: dict[str, str] = {}
    items: dict[str, list[str]] = {}
    nested: set[str] = set()
    key = ""
    for line in lines[1:end]:
        if not line.strip() or line.strip().startswith("#"):
            continue
        if not line[:1].isspace() and (match := _KEY_RE.match(line)):
            key = match.group(1).strip().lower()
            raw[key] = (match.group(2) or "").strip()
        elif key and (item := _ITEM_RE.match(line)):
            items.setdefault(key, []).append(_unquote(item.group(1)))
        elif key:
            nested.add(key)  # a continuation line: a block scalar or a nested mapping
    front = FrontMatter(end=end + 1)
    for name in FIELDS:
        if name not in raw:
            continue
        value = None if name in nested else _value(raw[name], items.get(name, []))
        if value is None and name == "access":
            value = raw[name] or "; ".join(items.get(name, [])) or "(not a simple value)"
        if value is None:
            front.notes.append(f"front matter '{name}:' is not a simple 'key: value' line; not read")
        elif value:
            front.fields[name] = value
    return front
