"""The staff web page: `/` and its three static files, served by the API process (no front-end build step)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from assistant.errors import NotFoundError

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parents[1] / "static"
FILES: dict[str, str] = {  # a fixed list: nothing else under static/ (or outside it) can be requested
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "core.js": "text/javascript; charset=utf-8",
    "answer.js": "text/javascript; charset=utf-8",
    "chat.js": "text/javascript; charset=utf-8",
    "i18n.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff",
           "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; "
                                      "object-src 'none'; base-uri 'none'"}


def _serve(name: str) -> FileResponse:
    if name not in FILES:
        raise NotFoundError(f"no static file {name!r}")
    return FileResponse(STATIC / name, media_type=FILES[name], headers=HEADERS)


@router.get("/")
def index() -> FileResponse:
    return _serve("index.html")


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    return _serve(name)
