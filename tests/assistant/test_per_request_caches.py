"""What may be remembered between requests: parsed document metadata (keyed on the stored text, so a change by
another process is seen at once) but not Thai segmentations of question text (bounded to one request)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.models import Chunk, DocumentMeta
from assistant.store.records import RecordStore
from assistant.text.normalise import _SEGMENT_MEMO, segmentation_memo, tokenize

THAI = "กรุงเทพมหานครมีเมืองพี่เมืองน้องกี่เมือง"


def _store(path: Path, title: str) -> RecordStore:
    store = RecordStore(path)
    meta = DocumentMeta(doc_id="plan.txt", source="plan.txt", title=title, sha256="sha")
    store.replace_document(meta, [Chunk(id="plan.txt:0000", doc_id="plan.txt", ordinal=0, text="Sister cities.")])
    return store


def test_metadata_changed_by_another_writer_is_seen_at_once(tmp_path: Path) -> None:
    reader = _store(tmp_path / "index.sqlite", "first")
    assert [m.title for m in reader.documents()] == ["first"]
    _store(tmp_path / "index.sqlite", "second")  # another process's ingest
    assert [m.title for m in reader.documents()] == ["second"]
    assert reader.document("plan.txt").title == "second"


def test_no_caller_can_change_the_shared_metadata(tmp_path: Path) -> None:
    store = _store(tmp_path / "index.sqlite", "first")
    with pytest.raises(ValidationError):
        store.documents()[0].title = "changed by a caller"
    assert store.documents()[0].title == "first"


def test_the_document_table_is_read_again_only_after_a_commit(tmp_path: Path) -> None:
    """Per question the table is one generation check, not a read of every row (it grows with the documents)."""
    store = _store(tmp_path / "index.sqlite", "first")
    first = store.documents()
    assert store.documents()[0] is first[0]  # nothing committed: the same parsed metadata
    meta = DocumentMeta(doc_id="law.txt", source="law.txt", title="another", sha256="sha2")
    store.replace_document(meta, [Chunk(id="law.txt:0000", doc_id="law.txt", ordinal=0, text="Sections.")])
    assert [m.title for m in store.documents()] == ["another", "first"]  # this store's own commit
    assert [m.title for m in store.documents(["plan.txt"])] == ["first"]


def test_segmentations_are_remembered_inside_one_request_only() -> None:
    outside = tokenize(THAI)
    assert _SEGMENT_MEMO.get() is None
    with segmentation_memo():
        assert tokenize(THAI) == outside
        remembered = dict(_SEGMENT_MEMO.get() or {})
        assert remembered, "the request's Thai run was not remembered"
    assert _SEGMENT_MEMO.get() is None  # nothing of the question outlives its request
    with segmentation_memo():
        assert _SEGMENT_MEMO.get() == {}


def test_one_question_reads_the_document_table_once(indexed_settings, monkeypatch) -> None:  # noqa: ANN001
    """The search's scope and the check for names no document contains share one read of the table."""
    from assistant.service import AssistantService

    service = AssistantService(indexed_settings)
    question = "What did Bangkok agree with Zanzibar in 2019?"  # names, so the unknown-name check runs
    reads: list[int] = []
    real = service.records.documents

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the real method, counted
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(service.records, "documents", counted)
    answer = service.ask(question, mode="extractive")
    assert len(reads) == 1
    assert "Zanzibar" in service.retriever.unknown_names(question)  # the shared read still finds the unknown name
    assert answer.mode == "extractive"
