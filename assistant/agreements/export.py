"""The register as a spreadsheet: CSV (UTF-8 with a byte-order mark, so that Excel shows Thai) or XLSX (openpyxl).
One row per agreement; list fields joined with "; "; the last column holds every field's citation."""

from __future__ import annotations

import csv
import io
from typing import Literal

from assistant.agreements.model import Agreement
from assistant.errors import InvalidRequestError

ExportFormat = Literal["csv", "xlsx"]
COLUMNS = ("id", "doc_id", "title", "pages", "agreement_type", "relationship", "parties", "countries", "signed",
           "effective", "signatories", "areas", "area_terms", "duration", "termination", "renewal", "languages",
           "also_in", "citations")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def rows(records: list[Agreement]) -> list[list[str]]:
    out = []
    for r in records:
        cells = {
            "id": r.id, "doc_id": r.doc_id, "title": r.title, "pages": "; ".join(map(str, r.pages)),
            "agreement_type": r.agreement_type, "relationship": r.relationship or "",
            "parties": "; ".join(p.name for p in r.parties), "countries": "; ".join(p.country or "" for p in r.parties),
            "signed": r.signed or "", "effective": r.effective or "",
            "signatories": "; ".join(s.name + (f", {s.title}" if s.title else "") for s in r.signatories),
            "areas": "; ".join(r.areas), "area_terms": "; ".join(r.area_terms), "duration": r.duration or "",
            "termination": r.termination or "", "renewal": r.renewal or "", "languages": "; ".join(r.languages),
            "also_in": "; ".join(r.also_in),
            "citations": "\n".join(f"{c.field}: {c.value}" + (f" (p. {c.page})" if c.page else "")
                                   + (f" [{c.chunk_id}]" if c.chunk_id else f" [{c.source}]") for c in r.citations),
        }
        out.append([cells[c] for c in COLUMNS])
    return out


def export(records: list[Agreement], fmt: str) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        writer.writerows(rows(records))
        return buffer.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font

        book = Workbook()
        sheet = book.active
        sheet.title = "Agreements"
        sheet.append(list(COLUMNS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows(records):
            sheet.append(row)
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    raise InvalidRequestError(f"unknown export format {fmt!r}; use csv or xlsx")
