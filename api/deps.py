"""Dependencies the routers declare: the app context, the service and the authenticated, rate-limited caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.context import AppContext
from assistant.access.principal import Principal
from assistant.errors import AccessDeniedError, AuthenticationError, RateLimitedError
from assistant.service import AssistantService

bearer_scheme = HTTPBearer(auto_error=False, description="API key as a bearer token.")
header_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key in a header.")


async def get_context(request: Request) -> AppContext:
    return request.app.state.ctx


ContextDep = Annotated[AppContext, Depends(get_context)]


async def get_service(ctx: ContextDep) -> AssistantService:
    return ctx.service


ServiceDep = Annotated[AssistantService, Depends(get_service)]


def identify(ctx: AppContext, request: Request, presented: str | None) -> Principal:
    """Who the caller is, as ``KeyStore.caller`` decides (keys required once any existed; see there); an address that
    sent too many wrong keys is refused first, and each wrong key it sends is counted."""
    address = request.client.host if request.client else ""
    ctx.key_failures.check(address)
    try:
        return ctx.keys.caller(presented)
    except AuthenticationError:
        if presented:  # a wrong key is a guess; no key at all is not
            ctx.key_failures.failed(address)
        raise


def presented_key(bearer: HTTPAuthorizationCredentials | None, header_key: str | None) -> str | None:
    return (bearer.credentials if bearer else None) or header_key


async def get_principal(
    ctx: ContextDep,
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
    header_key: Annotated[str | None, Security(header_scheme)],
) -> Principal:
    """The authenticated caller, within its key's rate limit.

    Async (a stat of the key file, a hash and a lock, nothing that blocks): a plain def would cost a thread-pool hop
    per request."""
    principal = identify(ctx, request, presented_key(bearer, header_key))
    try:
        ctx.limiter.check(principal.key_id)
    except RateLimitedError:
        ctx.metrics.rate_limited.inc()
        raise
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def require_admin(principal: PrincipalDep) -> Principal:
    if principal.role != "admin":
        raise AccessDeniedError("this action needs an admin key")
    return principal


AdminDep = Annotated[Principal, Depends(require_admin)]
