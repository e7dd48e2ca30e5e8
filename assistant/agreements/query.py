"""Filtering the register: by party or country, area, signing date, type and free text. Pure over records."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from assistant.agreements.model import Agreement, AgreementType
from assistant.agreements.vocabulary import AREAS
from assistant.models import Filters

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class AgreementQuery(BaseModel):
    model_config = {"extra": "forbid"}

    party: str | None = Field(None, max_length=200, description="Part of a party's name or country (case and dots ignored).")
    country: str | None = Field(None, max_length=200, description="Part of a party's country (case and dots ignored).")
    area: str | None = Field(None, description=f"An area of cooperation: {', '.join(AREAS)}.")
    signed_from: str | None = Field(None, pattern=DATE, description="Signed on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
    signed_to: str | None = Field(None, pattern=DATE, description="Signed on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
    type: AgreementType | None = Field(None, description="Agreement type.")
    relationship: str | None = Field(None, description="'sister city' or 'friendship city'.")
    open_ended: bool | None = Field(None, description="True: agreements that state no duration and no termination clause; false: those that state one.")
    q: str | None = Field(None, max_length=500, description="Words that must all appear in the record (any field).")
    doc_ids: list[str] | None = None

    @field_validator("area")
    @classmethod
    def _known_area(cls, value: str | None) -> str | None:
        if value is not None and value not in AREAS:
            raise ValueError(f"unknown area {value!r}; use one of: {', '.join(AREAS)}")
        return value

    @model_validator(mode="after")
    def _real_dates(self) -> AgreementQuery:
        """The same checks as a search's date filters (a real date, from <= to), by the same code."""
        try:
            Filters(date_from=self.signed_from, date_to=self.signed_to)
        except ValidationError as exc:
            raise ValueError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None
        return self


def _fold(text: str) -> str:
    """Case, dots and spacing ignored: "U.S.A" matches "usa"."""
    return re.sub(r"\s+", " ", text.casefold().replace(".", "")).strip()


def _within(signed: str | None, start: str | None, end: str | None) -> bool:
    """Partial dates compare on the precision both sides have: '2001-03' is within 'to 2001' and 'from 2001-03-13'
    is not refuted by it; a record with no signing date matches no date filter."""
    if start is None and end is None:
        return True
    if signed is None:
        return False
    if start is not None:
        n = min(len(signed), len(start))
        if signed[:n] < start[:n]:
            return False
    if end is not None:
        n = min(len(signed), len(end))
        if signed[:n] > end[:n]:
            return False
    return True


def _text_of(record: Agreement) -> str:
    parts = [record.title, record.agreement_type, record.relationship or "", record.signed or "", record.effective or ""]
    parts += [f"{p.name} {p.country or ''}" for p in record.parties]
    parts += [f"{s.name} {s.title or ''}" for s in record.signatories]
    parts += record.areas + record.area_terms + record.languages
    parts += [record.duration or "", record.termination or "", record.renewal or ""]
    return _fold(" ".join(parts))


def matches(record: Agreement, query: AgreementQuery) -> bool:
    if query.doc_ids is not None and record.doc_id not in query.doc_ids:
        return False
    if query.type and record.agreement_type != query.type:
        return False
    if query.relationship and record.relationship != query.relationship:
        return False
    if query.area and query.area not in record.areas:
        return False
    if query.party and not any(_fold(query.party) in _fold(f"{p.name} {p.country or ''}") for p in record.parties):
        return False
    if query.country and not any(p.country and _fold(query.country) in _fold(p.country) for p in record.parties):
        return False
    if query.open_ended is not None and query.open_ended != (record.duration is None and record.termination is None):
        return False
    if not _within(record.signed, query.signed_from, query.signed_to):
        return False
    return not query.q or all(word in _text_of(record) for word in _fold(query.q).split())


def select(records: list[Agreement], query: AgreementQuery) -> list[Agreement]:
    """Matching agreements, oldest signing first (undated last), then by title; copies of one agreement are one."""
    scoped = [r for r in records if query.doc_ids is None or r.doc_id in query.doc_ids]  # before copies collapse
    found = [r for r in collapse(scoped) if matches(r, query)]
    return sorted(found, key=lambda r: (r.signed is None, r.signed or "", r.title))


def _core(name: str) -> str:
    return re.sub(r"^(?:the)?(?:city|municipality|province|prefecture|county|town)of", "", re.sub(r"\W+", "", name.casefold()))


def same_agreement(a: Agreement, b: Agreement) -> bool:
    """The same signing date and the same parties (one name may carry more of its place: "City of X" and "City of X
    State"): a signed agreement and a copy of it scanned into a guide."""
    if a.signed is None or a.signed != b.signed or len(a.parties) != len(b.parties) or not a.parties:
        return False
    return all(any(_core(p.name).startswith(_core(q.name)) or _core(q.name).startswith(_core(p.name))
                   for q in b.parties) for p in a.parties)


def collapse(records: list[Agreement]) -> list[Agreement]:
    """One record per agreement: the one from an agreement's own document (kind mou) first; the others' ids in
    ``also_in``, so their citations stay one step away."""
    ordered = sorted(records, key=lambda r: ("#" in r.id, r.id))
    kept: list[Agreement] = []
    for record in ordered:
        twin = next((k for k in kept if same_agreement(k, record)), None)
        if twin is None:
            kept.append(record.model_copy(update={"also_in": []}))
        else:
            twin.also_in.append(record.id)
    return kept
