"""`assistant agreements`: the agreements register as a table, JSON, CSV, or an .xlsx/.csv file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.commands.errors import user_errors
from assistant.config import get_settings


def agreements(
    party: Annotated[str | None, typer.Option("--party", help="Only agreements with a party (or country) whose name holds this.")] = None,
    area: Annotated[str | None, typer.Option("--area", help="Only agreements covering this area, e.g. education, culture, economy.")] = None,
    signed_from: Annotated[str | None, typer.Option("--signed-from", help="Signed on or after (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    signed_to: Annotated[str | None, typer.Option("--signed-to", help="Signed on or before (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the records, with every field's citation, as JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the register as CSV.")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file; .xlsx or .csv picks the format.")] = None,
) -> None:
    """List the agreements register read from the ingested agreements (run `assistant ingest` first)."""
    from pydantic import ValidationError

    from assistant.agreements.export import export
    from assistant.agreements.query import AgreementQuery
    from assistant.errors import InvalidRequestError
    from assistant.service import AssistantService

    with user_errors():
        try:
            query = AgreementQuery(party=party, area=area, signed_from=signed_from, signed_to=signed_to)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InvalidRequestError(f"--{str(first['loc'][0]).replace('_', '-')}: {first['msg']}") from None
        fmt = output.suffix.lower().lstrip(".") if output else None
        if fmt is not None and fmt not in ("xlsx", "csv"):
            raise InvalidRequestError(f"{output}: use a .xlsx or .csv file name")
        records = AssistantService(get_settings()).agreements(query)
        if output is not None and fmt is not None:
            output.write_bytes(export(records, fmt))
            typer.echo(f"Wrote {output} ({len(records)} agreements)", err=as_json or as_csv)
    if as_json:
        typer.echo("[" + ",\n".join(r.model_dump_json(indent=2) for r in records) + "]")
    elif as_csv:
        sys.stdout.write(export(records, "csv").decode("utf-8-sig"))
    elif output is None:
        for r in records:
            parties = " – ".join(p.name + (f" ({p.country})" if p.country else "") for p in r.parties)
            typer.echo(f"{r.signed or '—':<10}  {r.agreement_type:<27}  {parties}  [{', '.join(r.areas)}]  {r.id}")
        typer.echo(f"{len(records)} agreement(s)", err=True)


def register(app: typer.Typer) -> None:
    app.command("agreements")(agreements)
