"""API keys: stored only as hashes in ``settings.api_keys_file``, each with a role and groups.

A key reads ``bma_<id>_<secret>``: the id finds the record without scanning, and the 256-bit random secret is
stored as its SHA-256 (a slow hash adds nothing against a random secret and would cost every request).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.access.principal import LOCAL_ADMIN, Principal, Role
from assistant.errors import AuthenticationError, InvalidRequestError, KeyFileError

KEY_PREFIX = "bma"
log = logging.getLogger(__name__)


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
    """Reads the key file again whenever it changes, so `assistant keys add` takes effect without a restart.

    Once this store has seen a key it stays keyed: a key file that later becomes empty, unreadable or deleted
    refuses every caller instead of opening the service to all of them (only a restart without keys, which
    `assistant serve` allows on loopback alone, makes callers the local administrator)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._keys: dict[str, StoredKey] = {}
        self._keyed = False

    def _load(self) -> dict[str, StoredKey]:
        if self.path is None:
            return {}
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            with self._lock:
                self._keys, self._stamp = {}, None
            return {}
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        with self._lock:
            if stamp != self._stamp:
                try:
                    data = KeyFile.model_validate_json(self.path.read_text(encoding="utf-8"))
                except FileNotFoundError:
                    self._keys, self._stamp = {}, None
                    return {}
                except (OSError, ValueError) as exc:
                    self._keys, self._stamp = {}, None  # never keep serving keys from a file that is now broken
                    raise KeyFileError(f"the API key file is not valid ({type(exc).__name__})") from None
                self._keys = {k.id: k for k in data.keys}
                self._stamp = stamp
                self._keyed = self._keyed or bool(self._keys)
            return self._keys

    @property
    def configured(self) -> bool:
        return bool(self._load())

    def keys(self) -> list[StoredKey]:
        return list(self._load().values())

    def caller(self, presented: str | None) -> Principal:
        """The one decision of who a request is: the key's principal; the local administrator only while this store
        has never seen a key; otherwise (no key sent, a wrong key, or every key revoked) ``AuthenticationError``."""
        keys = self._load()  # a broken key file raises: refusing everyone is the only safe reading of it
        if not keys and not self._keyed:
            return LOCAL_ADMIN
        if not keys:  # callers get the usual refusal; only the operator learns why every key fails
            log.warning("every request is refused: the API key file %s holds no key any more; add one with "
                        "`assistant keys add`", self.path)
        if not presented:
            raise AuthenticationError("an API key is required")
        return self._match(keys, presented)

    def authenticate(self, presented: str) -> Principal:
        return self._match(self._load(), presented)

    @staticmethod
    def _match(keys: dict[str, StoredKey], presented: str) -> Principal:
        prefix, _, rest = presented.strip().partition("_")
        key_id, _, secret = rest.partition("_")
        stored = keys.get(key_id) if prefix == KEY_PREFIX and secret else None
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
        os.fchmod(fd, 0o600)  # a leftover .tmp keeps its mode through O_CREAT: the key hashes are the owner's alone
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data.model_dump(), fh, indent=2)
        os.replace(tmp, self.path)
        with self._lock:
            self._stamp = None
