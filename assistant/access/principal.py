"""Who may see which document. Access is checked in the core so that every path (answers, citations, related
passages, briefings, document lists, page text, file download) filters the same way."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["staff", "executive", "admin"]


class Principal(BaseModel):
    """The caller, as the API authenticated it; the CLI and a keyless loopback service act as ``LOCAL_ADMIN``."""

    key_id: str
    role: Role
    groups: frozenset[str] = Field(default_factory=frozenset)

    def can_see(self, access: str) -> bool:
        """'public' and 'internal' are open to every key; 'restricted:a,b' only to members of a or b (and admins)."""
        if self.role == "admin":
            return True
        level, _, groups = access.partition(":")
        if level in ("public", "internal"):
            return True
        if level == "restricted":
            wanted = {g.strip() for g in groups.split(",") if g.strip()}
            return bool(wanted & self.groups)
        return False  # an unknown level is closed, never open


LOCAL_ADMIN = Principal(key_id="local", role="admin")


def validate_access(access: str) -> str:
    level, _, groups = access.partition(":")
    if level in ("public", "internal") and not groups:
        return access
    if level == "restricted" and any(g.strip() for g in groups.split(",")):
        return access
    raise ValueError(f"access must be 'public', 'internal' or 'restricted:<group>[,<group>]', not {access!r}")
