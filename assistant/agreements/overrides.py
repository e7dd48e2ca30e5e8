"""Corrections from the catalog: staff fix a register field once, beside the documents, and it beats the text.

    ["mou-example-2002.md".agreement]
    signed = "2002-10-26"
    parties = [{name = "City of Example", country = "Exampleland"}]

``page`` picks one agreement inside a document that holds several (a guide with sample agreements).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.agreements.model import Agreement, AgreementType, FieldCitation, Party, Signatory

CATALOG_SENTENCE = "Set in the catalog."


class AgreementOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page: int | None = Field(None, ge=1, description="The agreement that starts on this page; unset: every agreement of the document.")
    title: str | None = Field(None, min_length=1)
    agreement_type: AgreementType | None = None
    relationship: str | None = None
    parties: list[Party] | None = None
    signed: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    effective: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    signatories: list[Signatory] | None = None
    areas: list[str] | None = None
    duration: str | None = None
    termination: str | None = None
    renewal: str | None = None
    languages: list[str] | None = None


def apply_override(records: list[Agreement], override: dict | None) -> list[Agreement]:
    """The records with the catalog's fields set; each set field cites the catalog instead of a sentence."""
    if not override:
        return records
    entry = AgreementOverride.model_validate(override)
    values = entry.model_dump(exclude_none=True, exclude={"page"})
    out = []
    for record in records:
        if entry.page is not None and (not record.pages or record.pages[0] != entry.page):
            out.append(record)
            continue
        update = {name: getattr(entry, name) for name in values}
        citations = [c for c in record.citations if c.field not in values]
        citations += [FieldCitation(field=name, value=_text(getattr(entry, name)), sentence=CATALOG_SENTENCE,
                                    source="catalog") for name in values]
        if "areas" in values:
            update["area_terms"] = []
        out.append(record.model_copy(update={**update, "citations": citations}))
    return out


def _text(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value)
    if isinstance(value, BaseModel):
        return ", ".join(str(v) for v in value.model_dump().values() if v)
    return str(value)
