"""Dependencies the routers declare: the app context, the service and the authenticated, rate-limited caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.context import AppContext
from assistant.access.principal import LOCAL_ADMIN, Principal
from assistant.errors import AccessDeniedError, AuthenticationError, RateLimitedError
from assistant.service import AssistantService

_bearer = HTTPBearer(auto_error=False, description="API key as a bearer token.")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key in a header.")


async def get_context(request: Request) -> AppContext:
    return request.app.state.ctx


ContextDep = Annotated[AppContext, Depends(get_context)]


async def get_service(ctx: ContextDep) -> AssistantService:
    return ctx.service


ServiceDep = Annotated[AssistantService, Depends(get_service)]


async def get_principal(
    ctx: ContextDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header_key: Annotated[str | None, Security(_header)],
) -> Principal:
    """With no keys configured the (loopback-only) service treats every caller as the local administrator.

    Async (a stat of the key file, a hash and a lock, nothing that blocks): a plain def would cost a thread-pool hop
    per request."""
    presented = (bearer.credentials if bearer else None) or header_key
    if not ctx.keys.configured:
        principal = LOCAL_ADMIN
    elif not presented:
        raise AuthenticationError("an API key is required")
    else:
        principal = ctx.keys.authenticate(presented)
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
