"""API keys: stored only as hashes in ``settings.api_keys_file``, each with a role and groups.

A key reads ``bma_<id>_<secret>``: the id finds the record without scanning, and the 256-bit random secret is
stored as its SHA-256 (a slow hash adds nothing against a random secret and would cost every request).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.access.principal import Principal, Role
from assistant.errors import AuthenticationError, InvalidRequestError

KEY_PREFIX = "bma"


class StoredKey(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9]{6,32}$")
    role: Role
    groups: list[str] = Field(default_factory=list)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    created: str
    label: str = ""

    def principal(self) -> Principal:
        return Principal(key_id=self.id, role=self.role, groups=frozenset(self.groups))


class KeyFile(BaseModel):
    keys: list[StoredKey] = Field(default_factory=list)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class KeyStore:
    """Reads the key file again whenever it changes, so `assistant keys add` takes effect without a restart."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[float, int] | None = None
        self._keys: dict[str, StoredKey] = {}

    def _load(self) -> dict[str, StoredKey]:
        if self.path is None or not self.path.exists():
            return {}
        stat = self.path.stat()
        stamp = (stat.st_mtime, stat.st_size)
        with self._lock:
            if stamp != self._stamp:
                try:
                    data = KeyFile.model_validate_json(self.path.read_text(encoding="utf-8"))
                except (OSError, ValueError) as exc:
                    raise InvalidRequestError(f"the API key file {self.path} is not valid: {exc}") from None
                self._keys = {k.id: k for k in data.keys}
                self._stamp = stamp
            return self._keys

    @property
    def configured(self) -> bool:
        return bool(self._load())

    def keys(self) -> list[StoredKey]:
        return list(self._load().values())

    def authenticate(self, presented: str) -> Principal:
        prefix, _, rest = presented.strip().partition("_")
        key_id, _, secret = rest.partition("_")
        stored = self._load().get(key_id) if prefix == KEY_PREFIX and secret else None
        if stored is None or not hmac.compare_digest(stored.sha256, _digest(secret)):
            raise AuthenticationError("the API key is not valid")
        return stored.principal()

    def add(self, role: Role, groups: list[str], label: str = "") -> tuple[StoredKey, str]:
        """Returns the record and the full key; the key is shown once and never stored."""
        if self.path is None:
            raise InvalidRequestError("no key file configured", hint="set ASSISTANT_API_KEYS_FILE")
        key_id = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32).replace("_", "-")
        record = StoredKey(
            id=key_id,
            role=role,
            groups=sorted({g.strip() for g in groups if g.strip()}),
            sha256=_digest(secret),
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            label=label,
        )
        existing = KeyFile(keys=self.keys())
        existing.keys.append(record)
        self._write(existing)
        return record, f"{KEY_PREFIX}_{key_id}_{secret}"

    def revoke(self, key_id: str) -> bool:
        keys = self.keys()
        kept = [k for k in keys if k.id != key_id]
        if len(kept) != len(keys):
            self._write(KeyFile(keys=kept))
        return len(kept) != len(keys)

    def _write(self, data: KeyFile) -> None:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data.model_dump(), fh, indent=2)
        os.replace(tmp, self.path)
        with self._lock:
            self._stamp = None
