"""The agreements register over HTTP: list with filters, one record with its citations, export as CSV or XLSX.
A record of a document the caller may not see does not exist for that caller (404, and absent from lists)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field, ValidationError

from api.deps import ContextDep, PrincipalDep
from api.problems import problem_responses
from assistant.agreements.export import MEDIA_TYPES, export
from assistant.agreements.model import Agreement, AgreementType
from assistant.agreements.query import DATE, AgreementQuery
from assistant.errors import InvalidRequestError

router = APIRouter(prefix="/api/v1", tags=["agreements"])


class AgreementList(BaseModel):
    count: int = Field(description="Agreements that match (copies of one agreement in several documents count once).")
    agreements: list[Agreement]


def _query(
    party: Annotated[str | None, Query(max_length=200, description="Part of a party's name or country.")] = None,
    country: Annotated[str | None, Query(max_length=200, description="Part of a party's country.")] = None,
    area: Annotated[str | None, Query(max_length=60, description="Area of cooperation, e.g. education, culture, economy.")] = None,
    signed_from: Annotated[str | None, Query(pattern=DATE, description="Signed on or after: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    signed_to: Annotated[str | None, Query(pattern=DATE, description="Signed on or before: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    type: Annotated[AgreementType | None, Query(description="Agreement type.")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words that must all appear in the record.")] = None,
) -> AgreementQuery:
    try:
        return AgreementQuery(party=party, country=country, area=area, signed_from=signed_from, signed_to=signed_to,
                              type=type, q=q)
    except ValidationError as exc:  # an unknown area: a clear 422 naming the known ones, not an empty list
        raise InvalidRequestError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None


QueryDep = Annotated[AgreementQuery, Depends(_query)]


@router.get("/agreements", response_model=AgreementList, responses=problem_responses(422))
def list_agreements(query: QueryDep, principal: PrincipalDep, ctx: ContextDep) -> AgreementList:
    """The register's agreements that match every filter given, oldest signing first; each field cited."""
    found = ctx.service.agreements(query, principal)
    return AgreementList(count=len(found), agreements=found)


@router.get("/agreements/export", responses={**problem_responses(422), 200: {"content": {
    t: {"schema": {"type": "string", "format": "binary"}} for t in MEDIA_TYPES.values()}}})
def export_agreements(query: QueryDep, principal: PrincipalDep, ctx: ContextDep,
                      format: Annotated[Literal["csv", "xlsx"], Query(description="csv (UTF-8) or xlsx.")] = "csv",
                      ) -> Response:
    """The matching agreements as a spreadsheet, one row per agreement, Thai intact, citations in the last column."""
    content = export(ctx.service.agreements(query, principal), format)
    return Response(content, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="agreements.{format}"'})


@router.get("/agreements/{record_id:path}", response_model=Agreement, responses=problem_responses(404))
def get_agreement(record_id: str, principal: PrincipalDep, ctx: ContextDep) -> Agreement:
    """One agreement with the citation (passage, page, sentence) of every field."""
    return ctx.service.agreement(record_id, principal)
