"""Briefing files people can read, print or forward: Markdown, printable HTML, PDF (Chromium) and DOCX.

Every format ends with the same numbered sources list, so a bullet's [n] resolves to a document and page on paper too.
"""

from __future__ import annotations

import base64
import html
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from assistant.briefings.models import Briefing, BriefingBullet
from assistant.config import Settings
from assistant.errors import ExportUnavailableError, InvalidRequestError
from assistant.briefings.layout import labels, markers, source_line

ExportFormat = Literal["md", "html", "pdf", "docx"]

MEDIA_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

def file_name(briefing: Briefing, fmt: str) -> str:
    """ASCII-only so the Content-Disposition header stays valid for a Thai topic."""
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in briefing.topic.lower()).strip("-")
    slug = "-".join(part for part in slug.split("-") if part)[:50] or "topic"
    return f"briefing-{slug}-{briefing.date}.{fmt}"


# --- Markdown -------------------------------------------------------------------------------------------------------

def to_markdown(briefing: Briefing, settings: Settings | None = None) -> bytes:
    lab = labels(briefing)
    lines = [f"# {briefing.title}", "", f"*{lab['date']}: {briefing.date} · {lab['mode']}: {briefing.mode}*", ""]
    if briefing.fallback_reason:
        lines += [f"> {briefing.fallback_reason}", ""]
    if briefing.summary:
        lines += [f"## {lab['summary']}", ""] + [f"- {b.text} {markers(b)}".rstrip() for b in briefing.summary] + [""]
    if not briefing.summary and not briefing.sections:
        lines += [lab["none"], ""]
    for section in briefing.sections:
        lines += [f"## {section.heading}", ""] + [f"- {b.text} {markers(b)}".rstrip() for b in section.bullets] + [""]
    lines += [f"## {lab['sources']}", ""]
    lines += [f"{c.n}. {source_line(c, lab['page'])}" for c in briefing.citations]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


# --- HTML (printable) -----------------------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Sans", "BriefingThai", "Noto Sans Thai", "Garuda", "Loma", sans-serif; color: #111;
       line-height: 1.5; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #999;
margin-top: 1.4rem; } .meta { color: #444; font-size: .9rem; } .cite { color: #1a4f8b; font-size: .85em; }
li { margin: .25rem 0; } ol.sources { font-size: .9rem; } .note { border-left: 3px solid #b36b00; padding-left: .6rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""


def _font_face(settings: Settings | None) -> str:
    """The Thai font travels inside the file, so a forwarded briefing renders Thai on machines without it."""
    font = settings.thai_font_file if settings else None
    if font is None or not font.is_file():
        return ""
    data = base64.b64encode(font.read_bytes()).decode("ascii")
    return f'@font-face {{ font-family: "BriefingThai"; src: url(data:font/ttf;base64,{data}) format("truetype"); }}\n'


def _html_bullets(bullets: list[BriefingBullet]) -> str:
    items = []
    for b in bullets:
        refs = " ".join(f'<a class="cite" href="#src-{n}">[{n}]</a>' for n in b.citations)
        items.append(f"<li>{html.escape(b.text)} {refs}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def to_html(briefing: Briefing, settings: Settings | None = None) -> bytes:
    lab = labels(briefing)
    esc = html.escape
    parts = [
        f'<!doctype html><html lang="{briefing.language}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(briefing.title)}</title><style>{_font_face(settings)}{_CSS}</style></head><body>",
        f"<h1>{esc(briefing.title)}</h1>",
        f'<p class="meta">{lab["date"]}: {esc(briefing.date)} · {lab["mode"]}: {esc(briefing.mode)}</p>',
    ]
    if briefing.fallback_reason:
        parts.append(f'<p class="note">{esc(briefing.fallback_reason)}</p>')
    if briefing.summary:
        parts.append(f"<h2>{lab['summary']}</h2>{_html_bullets(briefing.summary)}")
    if not briefing.summary and not briefing.sections:
        parts.append(f"<p>{lab['none']}</p>")
    for section in briefing.sections:
        parts.append(f'<h2 id="sec-{section.key}">{esc(section.heading)}</h2>{_html_bullets(section.bullets)}')
    parts.append(f'<h2>{lab["sources"]}</h2><ol class="sources">')
    parts += [f'<li id="src-{c.n}" value="{c.n}">{esc(source_line(c, lab["page"]))}</li>' for c in briefing.citations]
    parts.append("</ol></body></html>")
    return "".join(parts).encode("utf-8")


# --- PDF (headless Chromium prints the HTML) ------------------------------------------------------------------------

def to_pdf(briefing: Briefing, settings: Settings | None = None) -> bytes:
    """Chromium shapes Thai correctly and embeds the fonts it used; no network, no extra Python dependency."""
    browser = settings.chromium_path if settings else Path("/usr/bin/chromium")
    if not browser.is_file():
        raise ExportUnavailableError(f"PDF export needs Chromium, which is not at {browser}")
    timeout = settings.pdf_timeout_s if settings else 60.0
    with tempfile.TemporaryDirectory(prefix="briefing-") as tmp:
        page, out = Path(tmp) / "briefing.html", Path(tmp) / "briefing.pdf"
        page.write_bytes(to_html(briefing, settings))
        command = [str(browser), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--no-first-run", f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                   f"--print-to-pdf={out}", page.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ExportUnavailableError(f"Chromium did not print the PDF within {timeout:.0f} s") from None
        if not out.is_file() or out.stat().st_size == 0:
            raise ExportUnavailableError("Chromium could not print the briefing to PDF")
        return out.read_bytes()


# --- registry -------------------------------------------------------------------------------------------------------

def _to_docx(briefing: Briefing, settings: Settings | None = None) -> bytes:
    from assistant.briefings.docx import to_docx  # python-docx loads only when a DOCX is asked for

    return to_docx(briefing, settings)


EXPORTERS: dict[str, Callable[[Briefing, Settings | None], bytes]] = {
    "md": to_markdown,
    "html": to_html,
    "pdf": to_pdf,
    "docx": _to_docx,
}


def export_briefing(briefing: Briefing, fmt: str, settings: Settings | None = None) -> bytes:
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise InvalidRequestError(f"unknown briefing format {fmt!r}; use one of {', '.join(EXPORTERS)}")
    return exporter(briefing, settings)


def format_for_path(path: Path) -> str:
    """The output file's suffix picks the format, as in `assistant brief -o briefing.docx`."""
    fmt = path.suffix.lower().lstrip(".")
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in EXPORTERS:
        raise InvalidRequestError(f"cannot write {path.name}: use a .docx, .md, .html or .pdf file")
    return fmt
