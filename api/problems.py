"""Every error leaves as ``application/problem+json`` with a plain message: domain errors by a class->status registry,
validation errors as 422 with the offending fields, anything unexpected as a bare 500 (logged, never shown)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import errors

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"

STATUS_BY_ERROR: dict[type[errors.AssistantError], int] = {
    errors.InvalidRequestError: 422,
    errors.UnreadableFileError: 415,
    errors.NotFoundError: 404,
    errors.AccessDeniedError: 403,
    errors.AuthenticationError: 401,
    errors.RateLimitedError: 429,
    errors.PayloadTooLargeError: 413,
    errors.RequestTimeoutError: 504,
    errors.StoreLockedError: 409,
    errors.ConflictError: 409,
    errors.StoreUnavailableError: 503,
    errors.KeyFileError: 503,
    errors.EmbedderMismatchError: 503,
    errors.UnknownEmbedderError: 503,
    errors.EmbedderUnavailableError: 503,
    errors.LLMUnavailableError: 503,
    errors.ModelIntegrityError: 503,
    errors.ExportUnavailableError: 503,
}
TITLES = {
    400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
    409: "Conflict", 413: "Payload too large", 415: "Unsupported media type", 422: "Invalid request",
    429: "Too many requests", 500: "Internal error", 503: "Service unavailable", 504: "Gateway timeout",
}


def status_for(exc: errors.AssistantError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 400


def problem_body(status: int, detail: str, hint: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status, "detail": detail}
    if hint:
        body["hint"] = hint
    body.update({k: v for k, v in extra.items() if v is not None})
    return body


def problem(request: Request, status: int, detail: str, hint: str | None = None, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    body = problem_body(status, detail, hint, error=openai_error(request.url.path, status, detail), **extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def openai_error_member(status: int, detail: str) -> dict[str, Any]:
    return {"message": detail, "type": TITLES.get(status, "error").lower().replace(" ", "_"), "code": status}


def openai_error(path: str, status: int, detail: str) -> dict[str, Any] | None:
    """OpenAI clients read ``error.message``: on /v1 every problem carries that member too (middleware's included)."""
    return openai_error_member(status, detail) if path.startswith("/v1/") else None


def _validation_detail(first: dict[str, Any], ctx: dict[str, Any]) -> str:
    """A JSON syntax error's location is a character offset, not a field: say what it is."""
    if first.get("type") == "json_invalid":
        where = next((p for p in first["loc"] if p != "body"), None)
        reason = ctx.get("error") or "syntax error"
        return f"the body is not valid JSON: {reason}" + (f" (at character {where})" if where is not None else "")
    return f"{'.'.join(p for p in first['loc'] if p != 'body') or 'body'}: {first['msg']}"


def domain_problem(exc: errors.AssistantError, request: Request) -> JSONResponse:
    status = status_for(exc)
    headers = {"Retry-After": str(exc.retry_after_s)} if isinstance(exc, errors.RateLimitedError) else None
    if isinstance(exc, errors.AuthenticationError):
        headers = {"WWW-Authenticate": "Bearer"}
    return problem(request, status, exc.message, exc.hint or None, headers=headers)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Location, message and type only: the rejected input is not echoed back (it may be huge or sensitive)."""
    return [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in exc.errors()[:20]
    ]


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(errors.AssistantError)
    async def _domain(request: Request, exc: errors.AssistantError) -> JSONResponse:
        return domain_problem(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        found = _validation_errors(exc)
        first = found[0] if found else {"loc": [], "msg": "invalid request"}
        raw = exc.errors()
        detail = _validation_detail(first, (raw[0].get("ctx") or {}) if raw else {})
        return problem(request, 422, detail, errors=found)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
        return problem(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(request, 500, "the service hit an internal error; it has been logged")


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the errors a route can answer with, so clients and schemathesis know their shape."""
    from api.schemas import Problem

    schema = Problem.model_json_schema()
    return {
        code: {"description": TITLES.get(code, "Error"), "content": {PROBLEM: {"schema": schema}}}
        for code in sorted({*codes, 401, 413, 422, 429, 500, 504})
    }
