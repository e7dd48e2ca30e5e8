"""A document's agreements as register records: the whole document for kind ``mou``, and, in any other document,
each page that is itself an agreement (a signed agreement scanned into a guide). Pure: pages and chunks in, records
out, no store."""

from __future__ import annotations

import re

from assistant.agreements import fields
from assistant.agreements import vocabulary as v
from assistant.agreements.model import Agreement, FieldCitation, Party, Signatory
from assistant.agreements.sentences import Unit, units_of
from assistant.models import Chunk, DocumentMeta


def extract(meta: DocumentMeta, pages: list[str], chunks: list[Chunk], paged: bool) -> list[Agreement]:
    """``pages``: the document's page texts in order (a text file is one page); ``paged``: whether its pages are
    real PDF pages (citations then name them)."""
    if meta.kind == "mou" or (not paged and len(pages) == 1):
        whole = [u for n, text in enumerate(pages, 1) for u in units_of(text, n)]
        # a text file may itself be an agreement ('Joint Declaration on ... Cooperation between A and B' its title)
        if meta.kind == "mou" or _is_agreement_page(_titled(meta.title) + whole):
            return [_record(meta, meta.doc_id, meta.title, list(range(1, len(pages) + 1)) if paged else [], whole,
                            chunks, paged, _titled(meta.title))]
    found = []
    paged_units = [units_of(text, n) for n, text in enumerate(pages, 1)]
    repeated = _running_lines(paged_units)
    for n, page_units in enumerate(paged_units, 1):
        units = [u for u in page_units if _letters(u.text) not in repeated]
        if _is_agreement_page(units):
            record = _record(meta, f"{meta.doc_id}#page={n}", meta.title, [n] if paged else [], units, chunks, paged)
            record.title = _title(record)
            found.append(record)
    return found


def _titled(title: str) -> list[Unit]:
    return [Unit(start=0, end=len(title), text=title, page=1)]


def _is_agreement_page(units: list[Unit]) -> bool:
    """A page that names an agreement in its opening, its parties, and a date it was signed or took effect."""
    if fields.agreement_type(units) is None or not fields.parties(fields.opening(units)):
        return False
    signed, effective = fields.dates(units)
    return signed is not None or effective is not None


def _letters(text: str) -> str:
    return re.sub(r"[^a-z\u0e00-\u0e7f]", "", text.lower())


def _running_lines(paged_units: list[list[Unit]]) -> set[str]:
    """Units printed on several pages (a running header or footer): never an agreement's heading."""
    seen: dict[str, int] = {}
    for units in paged_units:
        for key in {_letters(u.text) for u in units}:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count > 1 and key}


def _title(record: Agreement) -> str:
    """An agreement inside another document has no title of its own that OCR reliably keeps: it is named by its
    type and parties, both read (and cited) from its text."""
    names = " – ".join(p.name for p in record.parties)
    kind = record.agreement_type.capitalize()
    return f"{kind}: {names}" if names else kind


def _record(meta: DocumentMeta, record_id: str, title: str, pages: list[int], units: list[Unit],
            chunks: list[Chunk], paged: bool, titled: list[Unit] | None = None) -> Agreement:
    """``titled``: the document's title, for a document that is one agreement: when its text names its type or
    parties in no form read here, its title often does ('... Cooperation between A and B')."""
    record = Agreement(id=record_id, doc_id=meta.doc_id, title=title, pages=pages)
    if not any(v.AGREEMENT_CUE.search(u.text) for u in units):
        return record  # not an agreement: type "other" and nothing else, never invented fields
    cite = _Citer(chunks, paged)
    titled = titled or []
    kind = fields.agreement_type(units) or fields.agreement_type(titled)
    if kind:
        record.agreement_type = kind.value  # type: ignore[assignment]
        cite.add(record, "agreement_type", kind)
    rel = fields.relationship(units)
    if rel:
        record.relationship = rel.value  # type: ignore[assignment]
        cite.add(record, "relationship", rel)
    for read in fields.parties(units) or fields.parties(titled):
        assert isinstance(read.value, Party)
        record.parties.append(read.value)
        cite.add(record, "parties", read)
    signed, effective = fields.dates(units)
    for name, read in (("signed", signed), ("effective", effective)):
        if read is not None:
            setattr(record, name, read.value)
            cite.add(record, name, read)
    countries = {p.country for p in record.parties if p.country} | {"South America"}
    for read in fields.signatories(units, countries):
        assert isinstance(read.value, Signatory)
        record.signatories.append(read.value)
        cite.add(record, "signatories", read)
    for read in fields.areas(units):
        area, word = read.value  # type: ignore[misc]
        if area not in record.areas:
            record.areas.append(area)
        if word.lower() not in (t.lower() for t in record.area_terms):
            record.area_terms.append(word)
            cite.add(record, "areas", read)
    for name in ("duration", "termination", "renewal"):
        read = fields.clause(units, name)
        if read is not None:
            setattr(record, name, read.value)
            cite.add(record, name, read)
    for read in fields.languages(units):
        record.languages.append(str(read.value))
        cite.add(record, "languages", read)
    return record


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Citer:
    """Turns a field's unit into a citation: the chunk that holds the sentence (or, across a chunk edge, the words)."""

    def __init__(self, chunks: list[Chunk], paged: bool) -> None:
        self._chunks = [(c, _squash(c.text)) for c in chunks]
        self._paged = paged

    def add(self, record: Agreement, field: str, read: fields.Read) -> None:
        sentence, words = _squash(read.unit.text), _squash(read.words)
        chunk = self._find(sentence, read.unit.page) or self._find(words, read.unit.page)
        record.citations.append(FieldCitation(
            field=field, value=words, sentence=read.unit.text, chunk_id=chunk.id if chunk else None,
            page=read.unit.page if self._paged else None))

    def _find(self, text: str, page: int) -> Chunk | None:
        on_page = [(c, t) for c, t in self._chunks if not self._paged or c.page_start is None
                   or (c.page_start or 0) <= page <= (c.page_end or c.page_start or 0)]
        for chunk, squashed in on_page:
            if text in squashed:
                return chunk
        return None
