"""`/docs` (Swagger UI) and `/redoc` with their scripts, styles and icon served by this process: FastAPI's own pages
load them from a CDN, which an offline intranet cannot reach, so the pages stayed blank. The files come from the
`fastapi-offline` package (Swagger UI 5 and ReDoc 2 bundles, MIT); the app is built with FastAPI's docs turned off."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from assistant.errors import NotFoundError

router = APIRouter(include_in_schema=False)

ASSETS_URL = "/docs-assets"
ASSETS = Path(str(files("fastapi_offline") / "static"))
FILES: dict[str, str] = {  # a fixed list: nothing else of the package (or outside it) can be requested
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
HEADERS = {"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"}
# The pages may reach this service only: ReDoc's sidebar would otherwise fetch the Redocly logo from its CDN (it
# hides the image when that fails, so refusing it changes nothing offline). The inline script is FastAPI's page.
PAGE_HEADERS = {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; "
                "style-src 'self' 'unsafe-inline'; img-src 'self' data:; worker-src 'self' blob:; "
                "object-src 'none'; base-uri 'none'"}


def _prefix(request: Request) -> str:
    """Behind a proxy that mounts the service under a path, every URL the page loads carries it."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def _openapi_url(request: Request) -> str:
    return _prefix(request) + (request.app.openapi_url or "/openapi.json")


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    assets = _prefix(request) + ASSETS_URL
    # no validator badge: it would send the schema's URL to validator.swagger.io
    return _confined(get_swagger_ui_html(
        openapi_url=_openapi_url(request), title=f"{request.app.title} - Swagger UI",
        swagger_js_url=f"{assets}/swagger-ui-bundle.js", swagger_css_url=f"{assets}/swagger-ui.css",
        swagger_favicon_url=f"{assets}/favicon.png", swagger_ui_parameters={"validatorUrl": None}))


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    assets = _prefix(request) + ASSETS_URL
    return _confined(get_redoc_html(
        openapi_url=_openapi_url(request), title=f"{request.app.title} - ReDoc",
        redoc_js_url=f"{assets}/redoc.standalone.js", redoc_favicon_url=f"{assets}/favicon.png",
        with_google_fonts=False))


def _confined(page: HTMLResponse) -> HTMLResponse:
    page.headers.update(PAGE_HEADERS)
    return page


@router.get(ASSETS_URL + "/{name}")
def asset(name: str) -> FileResponse:
    if name not in FILES:
        raise NotFoundError(f"no documentation file {name!r}")
    return FileResponse(ASSETS / name, media_type=FILES[name], headers=HEADERS)
