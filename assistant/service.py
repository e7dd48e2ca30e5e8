"""The facade that the API and the CLI call: validation, access and mode choice live here, once.

Stores and models are built on first use, so that `assistant --help` and an API process that only lists
documents never load an embedder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.access.principal import LOCAL_ADMIN, Principal
from assistant.answer_slots import AnswerSlots
from assistant.config import Mode, Settings
from assistant.errors import InvalidRequestError, NotFoundError
from assistant.models import Answer, DocumentMeta, Filters, Passage
from assistant.text.normalise import is_blank, segmentation_memo

if TYPE_CHECKING:
    import numpy as np

    from assistant.agreements.model import Agreement
    from assistant.agreements.query import AgreementQuery
    from assistant.agreements.register import Register
    from assistant.answer.features import Analysis
    from assistant.briefings.models import Briefing
    from assistant.embedding.embedders import Embedder
    from assistant.models import Kind
    from assistant.overview import Overview
    from assistant.retrieval.retriever import RetrievalMode, Retriever
    from assistant.store.records import RecordStore


class AssistantService:
    def __init__(self, settings: Settings, *, embed_in_child: bool = False) -> None:
        """``embed_in_child``: questions are embedded in a child process (the HTTP service; see embed_process)."""
        self.settings = settings
        self._embed_in_child = embed_in_child
        self._lock = threading.Lock()
        self._slots = AnswerSlots(settings.answer_concurrency) if settings.answer_concurrency else None

    @property
    def answer_slots(self) -> AnswerSlots | None:
        """The arrival-order admission of questions (None: unlimited); its ``waiting`` is the queue's length."""
        return self._slots

    # --- built on first use ----------------------------------------------------------------
    @cached_property
    def records(self) -> RecordStore:
        from assistant.factory import build_records

        return build_records(self.settings)

    @cached_property
    def embedder(self) -> Embedder:
        from assistant.factory import build_embedder, build_query_embedder

        return build_query_embedder(self.settings) if self._embed_in_child else build_embedder(self.settings)

    @cached_property
    def retriever(self) -> Retriever:
        from assistant.factory import build_vectors
        from assistant.retrieval.retriever import Retriever

        with self._lock:
            return Retriever(self.settings, self.records, build_vectors(self.settings, self.embedder), self.embedder)

    @cached_property
    def register(self) -> Register:
        from assistant.agreements.register import Register

        return Register(self.settings.resolved_data_dir())

    def close(self) -> None:
        """Stops the embedding child process, if this service started one (a later question starts it again)."""
        embedder = self.__dict__.get("embedder")  # only if built: closing must not load a model
        close = getattr(embedder, "close", None) if self._embed_in_child else None
        if close is not None:
            close()

    # --- validation ------------------------------------------------------------------------
    def validate_question(self, question: str) -> str:
        question = (question or "").strip()
        if is_blank(question):
            raise InvalidRequestError("the question is empty")
        if len(question) > self.settings.max_question_chars:
            raise InvalidRequestError(
                f"the question has {len(question)} characters; the limit is {self.settings.max_question_chars}"
            )
        return question

    def _top_k(self, top_k: int | None) -> int:
        if top_k is None:
            return self.settings.top_k
        if not 1 <= top_k <= 50:
            raise InvalidRequestError(f"top_k must be between 1 and 50, not {top_k}")
        return top_k

    # --- questions -------------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        top_k: int | None = None,
        principal: Principal = LOCAL_ADMIN,
        mode: RetrievalMode = "hybrid",
    ) -> list[Passage]:
        query = self.validate_question(query)
        return self.retriever.search(query, self._top_k(top_k), filters, principal.can_see, mode=mode)

    def ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        top_k: int | None = None,
        mode: Mode | None = None,
        principal: Principal = LOCAL_ADMIN,
    ) -> Answer:
        answer: Answer | None = None
        for item in self.stream_ask(question, filters=filters, top_k=top_k, mode=mode, principal=principal):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None  # stream_ask always ends with exactly one Answer
        return answer

    def stream_ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        top_k: int | None = None,
        mode: Mode | None = None,
        principal: Principal = LOCAL_ADMIN,
        on_retrieved: Callable[[str, list[str]], None] | None = None,
    ) -> Iterator[str | Answer]:
        """Text deltas (LLM mode only), then exactly one final Answer.

        ``on_retrieved(question, sources)`` hears which passages the answer is drawn from before any text is
        streamed, so that an answer its client abandons is audited all the same (``audit.StreamAudit``).

        The extractive answer is always computed first (tens of milliseconds): its support score decides refusal in
        both modes, so the LLM is never asked to answer from passages that do not hold the answer, and it is the
        fallback when the LLM fails or nothing it wrote survives citation checking.
        """
        question = self.validate_question(question)
        if mode not in (None, "extractive", "llm"):
            raise InvalidRequestError(f"unknown answer mode {mode!r}; use 'extractive' or 'llm'")
        from_register = self._register_answer(question, filters, principal)
        if from_register is not None and from_register.found:  # about the set of agreements: the register's list
            yield from_register
            return
        with self._slots.slot() if self._slots else nullcontext():  # never held while an LLM writes
            analysis = self.analyse(question, filters=filters, top_k=top_k, principal=principal)
            extractive = self._decide(analysis)
        if from_register is not None and not extractive.found:
            # none in the register and nothing in the passages: the register's 'holds 0 matching' says what was
            # looked for. A report may name partners the register holds no agreement with; then it answers.
            yield from_register
            return
        if on_retrieved is not None:
            from assistant.access.audit import passage_sources

            on_retrieved(question, passage_sources(analysis.passages[: analysis.retrieved]))
        from assistant.answer.modes import stream_answer

        yield from stream_answer(question, analysis.passages[: analysis.retrieved], mode or self.settings.default_mode,
                                 self.settings, extractive)

    def analyse(self, question: str, *, filters: Filters | None = None, top_k: int | None = None,
                principal: Principal = LOCAL_ADMIN) -> Analysis:
        """Retrieval and the extractive engine's measurements of every candidate sentence (evaluation fits on these)."""
        question = self.validate_question(question)
        k = self._top_k(top_k)
        with segmentation_memo():
            vector = self.retriever.embed_query(question)
            documents = self.records.documents()  # read once: the search's scope and the unknown-name check
            passages = self.retriever.search(question, k, filters, principal.can_see, query_vector=vector,
                                             documents=documents)
            return self._analyse_passages(question, passages, vector, principal, documents)

    def _analyse_passages(self, question: str, passages: list[Passage], vector: np.ndarray, principal: Principal,
                          documents: list[DocumentMeta] | None) -> Analysis:
        from assistant.answer.extractive import analyse_question
        from assistant.answer.question.intent import focus_words

        can_see = principal.can_see
        return analyse_question(
            question, passages, self.settings, query_vector=vector, embedder=self.embedder,
            unknown_names=self.retriever.unknown_names(question, can_see, documents),
            unknown_focus=self.retriever.unknown_words(focus_words(question), can_see, documents))

    def _decide(self, analysis: Analysis, searched: str | None = None) -> Answer:
        from assistant.answer.extractive import decide
        from assistant.answer.model import model_at

        return decide(analysis, model_at(self.settings.answer_model), page_lookup=self.records.page_text,
                      searched=searched)

    def answer_extractively(
        self, question: str, passages: list[Passage], searched: str | None = None, principal: Principal = LOCAL_ADMIN,
        query_vector: np.ndarray | None = None, documents: list[DocumentMeta] | None = None,
    ) -> Answer:
        if query_vector is None:
            query_vector = self.retriever.embed_query(question)
        return self._decide(self._analyse_passages(question, passages, query_vector, principal, documents), searched)

    def _register_answer(self, question: str, filters: Filters | None, principal: Principal) -> Answer | None:
        """The register's answer to a question about the set of agreements, or None: not such a question, or no
        agreement the asker may see (passage search then answers as for any question). When no record matches,
        the passages are asked too (``stream``)."""
        from assistant.agreements.questions import answer_from_register, is_register_question

        if not is_register_question(question):
            return None
        metas = {m.doc_id: m for m in self.documents(principal)}
        records = [r for r in self.register.records() if r.doc_id in metas]
        if not records:
            return None
        scope = None
        if filters is not None and (filters.doc_ids or filters.kinds):  # the search's document filters hold here too
            scope = [d for d, m in metas.items() if (not filters.doc_ids or d in filters.doc_ids)
                     and (not filters.kinds or m.kind in filters.kinds)]
        return answer_from_register(question, records, metas.get, scope)

    # --- agreements register ----------------------------------------------------------------
    def _visible_agreements(self, principal: Principal) -> list[Agreement]:
        """Records of documents the asker may see: the same decision as for the documents themselves."""
        visible = {m.doc_id for m in self.documents(principal)}
        return [r for r in self.register.records() if r.doc_id in visible]

    def agreements(self, query: AgreementQuery | None = None, principal: Principal = LOCAL_ADMIN) -> list[Agreement]:
        from assistant.agreements.query import AgreementQuery, select

        return select(self._visible_agreements(principal), query or AgreementQuery())

    def agreement(self, record_id: str, principal: Principal = LOCAL_ADMIN) -> Agreement:
        for record in self._visible_agreements(principal):
            if record.id == record_id:
                return record
        raise NotFoundError(f"no agreement {record_id!r}")

    # --- documents -------------------------------------------------------------------------
    def documents(self, principal: Principal = LOCAL_ADMIN) -> list[DocumentMeta]:
        return [m for m in self.records.documents() if principal.can_see(m.access)]

    def document(self, doc_id: str, principal: Principal = LOCAL_ADMIN) -> DocumentMeta:
        meta = self.records.document(doc_id)
        if meta is None or not principal.can_see(meta.access):
            raise NotFoundError(f"no document {doc_id!r}")
        return meta

    def page_text(self, doc_id: str, page: int, principal: Principal = LOCAL_ADMIN) -> str:
        meta = self.document(doc_id, principal)
        text = self.records.page_text(meta.doc_id, page) if 1 <= page < 2**63 else None  # SQLite integers are 64-bit
        if text is None:
            raise NotFoundError(f"{meta.source} has no page {page}")
        return text

    def overview(self, language: str = "en", principal: Principal = LOCAL_ADMIN) -> Overview:
        """Counts by kind and example questions from the documents the caller may see (no model is loaded)."""
        from assistant.overview import build_overview

        return build_overview(self.documents(principal), self.records.heading_counts(), language)

    # --- briefings -------------------------------------------------------------------------
    def brief(self, topic: str, *, kinds: list[Kind] | None = None, length: str = "normal",
              mode: Mode | None = None, principal: Principal = LOCAL_ADMIN, language: str | None = None) -> Briefing:
        """``language``: the reader's interface language for headings (default: the topic's)."""
        from assistant.briefings.llm import brief

        return brief(topic, retriever=self.retriever, settings=self.settings, mode=mode, kinds=kinds, length=length,
                     principal=principal, page_lookup=self.records.page_text, language=language)
