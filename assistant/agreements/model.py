"""The register's record: one agreement, each field with the sentence it was read from."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

AgreementType = Literal["sister city", "friendship city", "memorandum of understanding", "cooperation agreement",
                        "reaffirmation", "letter of intent", "other"]
PartialDate = str  # YYYY, YYYY-MM or YYYY-MM-DD: only as much as the text states

RECORD_FIELDS = ("title", "agreement_type", "relationship", "parties", "signed", "effective", "signatories", "areas",
                 "duration", "termination", "renewal", "languages")


class Party(BaseModel):
    name: str = Field(description="The city or body, as the text names it.")
    country: str | None = Field(None, description="Its country, only when the text gives it.")


class Signatory(BaseModel):
    name: str
    title: str | None = Field(None, description="The capacity the text signs them in.")


class FieldCitation(BaseModel):
    """Where one field's value was read: every cell of the register can be checked against its sentence."""

    field: str = Field(description="The record field this citation supports.")
    value: str = Field(description="The words of the sentence the value was read from (or the catalog's value).")
    sentence: str = Field(description="The sentence (or heading lines) holding `value`, exactly as the page prints it.")
    chunk_id: str | None = Field(None, description="The indexed passage holding the sentence; None for a catalog value.")
    page: int | None = Field(None, description="1-based page; None for documents without pages.")
    source: Literal["text", "catalog"] = "text"


class Agreement(BaseModel):
    id: str = Field(description="Stable record id: the document id, and the first page for agreements inside a document.")
    doc_id: str
    title: str
    pages: list[int] = Field(default_factory=list, description="The pages the agreement fills (empty: a document without pages).")
    agreement_type: AgreementType = "other"
    relationship: Literal["sister city", "friendship city"] | None = Field(
        None, description="The relationship the agreement establishes or confirms, when it names one.")
    parties: list[Party] = Field(default_factory=list)
    signed: PartialDate | None = None
    effective: PartialDate | None = None
    signatories: list[Signatory] = Field(default_factory=list)
    areas: list[str] = Field(default_factory=list, description="Fields of cooperation, in the register's vocabulary.")
    area_terms: list[str] = Field(default_factory=list, description="The text's own words for those fields.")
    duration: str | None = None
    termination: str | None = None
    renewal: str | None = None
    languages: list[str] = Field(default_factory=list)
    citations: list[FieldCitation] = Field(default_factory=list)
    also_in: list[str] = Field(default_factory=list, description="Ids of other records of the same agreement (a copy of it inside another document), filled when the register is listed.")

    def cited(self, field: str) -> list[FieldCitation]:
        return [c for c in self.citations if c.field == field]

    def countries(self) -> list[str]:
        return [p.country for p in self.parties if p.country]
