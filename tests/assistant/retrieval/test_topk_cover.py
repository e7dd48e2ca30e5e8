"""What a top k must hold for a question spanning years: a passage of each year's own document where one is dated or
titled with it (a later report that recalls the year is not it); the text's years where no document is."""

from __future__ import annotations

from assistant.models import Chunk, DocumentMeta
from assistant.retrieval.topk_cover import wants_of

_PLAN = DocumentMeta(doc_id="plan.pdf", source="plan.pdf", title="Harbour Action Plan 2018", date="2018-05-01")
_REVIEW = DocumentMeta(doc_id="review.pdf", source="review.pdf", title="Harbour Review", date="2019-11-02")
_LATER = DocumentMeta(doc_id="later.pdf", source="later.pdf", title="Harbour Progress Report", date="2025-09-30")
_METAS = {m.doc_id: m for m in (_PLAN, _REVIEW, _LATER)}


def _chunk(meta: DocumentMeta, text: str) -> Chunk:
    return Chunk(id=f"{meta.doc_id}:0", doc_id=meta.doc_id, text=text)


def test_a_year_named_with_a_document_wants_that_documents_passage() -> None:
    later = _chunk(_LATER, "Since the 2019 review the ferry fleet has doubled.")
    review = _chunk(_REVIEW, "The ferry fleet now runs 12 boats.")
    plan = _chunk(_PLAN, "The plan sets out a ferry fleet of 6 boats.")
    wants = wants_of("How did the ferry fleet change between the 2018 plan and the 2019 review?",
                     [later, review, plan], _METAS)
    assert len(wants) == 2
    by_year = dict(zip(("2018", "2019"), wants, strict=True))
    assert by_year["2019"](review, _REVIEW)
    assert not by_year["2019"](later, _LATER)  # it recalls 2019; it is not the 2019 document
    assert by_year["2018"](plan, _PLAN)


def test_years_no_document_is_dated_with_are_read_in_the_text() -> None:
    chunk = _chunk(_LATER, "Ferry trips rose from 410 in 2022 to 530 in 2023.")
    wants = wants_of("How many ferry trips were there in 2022 and in 2023?", [chunk], _METAS)
    assert all(want(chunk, _LATER) for want in wants)


def test_a_question_may_end_on_a_year() -> None:
    plan = _chunk(_PLAN, "The plan sets out a ferry fleet of 6 boats.")
    later = _chunk(_LATER, "The ferry fleet has grown to 14 boats.")
    wants = wants_of("Brief me on the ferry fleet as reported from 2018 to 2025.", [plan, later], _METAS)
    assert len(wants) == 2
    assert wants[1](later, _LATER) and not wants[1](plan, _PLAN)
