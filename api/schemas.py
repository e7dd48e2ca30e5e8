"""Request and response bodies of the HTTP API, named by role. Requests forbid unknown keys (a typo is a clear 422,
not a silently ignored option); the OpenAI-compatible request is the exception, because real clients send many
optional parameters this service has no use for."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from assistant.models import Answer, Citation, DocumentMeta, Filters

MAX_TEXT = 100_000  # hard schema bound; the configured max_question_chars is checked on top of it
MAX_MESSAGES = 50


class Strict(BaseModel):
    """Unknown fields are refused; switches and counts take only their JSON type (``"yes"`` is not true, ``true``
    is not 1), so a client's mistake is a 422 and not a guess."""

    model_config = ConfigDict(extra="forbid")


class AskRequest(Strict):
    question: str = Field(min_length=1, max_length=MAX_TEXT, description="The question, in English or Thai.")
    top_k: int | None = Field(None, ge=1, le=50, strict=True, description="Passages to cite (default: server setting).")
    filters: Filters | None = None
    mode: Literal["extractive", "llm"] | None = Field(None, description="Default: llm when configured, else extractive.")


class ChatMessage(Strict):
    role: Literal["system", "user", "assistant"]
    content: str = Field(max_length=MAX_TEXT)


class ChatRequest(Strict):
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_MESSAGES, description="Oldest first; the last one must be from the user.")
    filters: Filters | None = None
    top_k: int | None = Field(None, ge=1, le=50, strict=True)
    mode: Literal["extractive", "llm"] | None = None
    stream: bool = Field(False, strict=True, description="Answer as Server-Sent Events: `token` events, then `citations`, then `answer`.")


class PageText(BaseModel):
    doc_id: str
    page: int
    text: str


class DocumentList(BaseModel):
    documents: list[DocumentMeta]


class JobView(BaseModel):
    id: str
    action: Literal["ingest", "delete"]
    status: Literal["queued", "running", "done", "failed", "cancelled"]
    doc_id: str
    message: str = ""
    created: str
    finished: str | None = None
    peak_memory_mb: float | None = Field(None, description="Most memory the job's processes used together, in MB, "
                                         "as sampled while it ran: compare with ASSISTANT_JOB_MEMORY_MB.")


class Health(BaseModel):
    status: Literal["ok", "not ready"]
    checks: dict[str, str] = Field(default_factory=dict)


class Problem(BaseModel):
    """RFC 9457 problem details, as every error of this API is sent."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    hint: str | None = None
    errors: list[dict[str, Any]] | None = None
    error: dict[str, Any] | None = Field(None, description="On /v1 routes: the same message in OpenAI's error shape.")


# --- OpenAI-compatible ------------------------------------------------------------------------------------------


class OpenAIContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = Field(max_length=40)
    text: str | None = Field(None, max_length=MAX_TEXT)


class OpenAIMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[OpenAIContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")
    model: str = Field("bma-assistant", max_length=100)
    messages: list[OpenAIMessage] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: bool = Field(False, strict=True, description="true: answer as OpenAI-style chunks (a JSON boolean, not \"yes\").")
    n: int | None = Field(None, ge=1, le=1, strict=True, description="Choices to return: one answer per question, so 1 or absent.")
    max_tokens: int | None = Field(None, ge=1, le=100_000, description="Accepted and ignored: the server's own limits apply.")
    temperature: float | None = Field(None, ge=0, le=2, description="Accepted and ignored: answers come from the documents at the server's settings.")

    @field_validator("n", mode="before")
    @classmethod
    def _one_choice(cls, value: object) -> object:
        """Several choices would each be the same cited answer: refuse instead of silently sending one."""
        if isinstance(value, int) and not isinstance(value, bool) and value != 1:
            raise PydanticCustomError(
                "one_choice", "this service gives one answer per question, so n must be 1 (or left out); got {n}", {"n": value}
            )
        return value


class CompletionMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class CompletionChoice(BaseModel):
    index: int = 0
    message: CompletionMessage
    finish_reason: Literal["stop", "length"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class ChatCompletion(BaseModel):
    """An OpenAI chat completion plus ``citations``: the answer's sources, the same [n] as in the text."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[CompletionChoice]
    usage: Usage = Field(default_factory=Usage)
    citations: list[Citation] = Field(default_factory=list, description="Extra field: the sources cited as [n] in the content.")
    found: bool = Field(True, description="Extra field: false when the documents do not hold the answer.")


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "bma-iao"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


__all__ = [
    "Answer",
    "AskRequest",
    "ChatCompletion",
    "ChatCompletionRequest",
    "ChatMessage",
    "ChatRequest",
    "DocumentList",
    "Health",
    "JobView",
    "ModelList",
    "PageText",
    "Problem",
]
