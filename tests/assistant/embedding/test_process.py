"""The service's question embedder in a child process: the same vectors as in-process, a clear error (not a hang,
not a silent in-process fallback) when the child dies, a fresh child on the next call, and no child left behind."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embedding.process import ProcessEmbedder
from assistant.embedding.embedders import get_embedder
from assistant.errors import EmbedderUnavailableError
from assistant.service import AssistantService

QUESTIONS = ["What are the three strategies of the 5-year foreign affairs plan?", "กรุงเทพมหานครมีเมืองพี่เมืองน้องกี่เมือง"]


@pytest.fixture(scope="module")
def child() -> ProcessEmbedder:
    embedder = ProcessEmbedder("use")
    yield embedder
    embedder.close()


def test_vectors_equal_the_in_process_model(child: ProcessEmbedder) -> None:
    local = get_embedder("use")
    assert (child.id, child.dim) == (local.id, local.dim)
    np.testing.assert_array_equal(child.embed(QUESTIONS), local.embed(QUESTIONS))
    assert child.embed([]).shape == (0, child.dim)


def test_threads_take_turns_and_each_gets_its_own_vector(child: ProcessEmbedder) -> None:
    expected = {q: child.embed([q])[0] for q in QUESTIONS}
    got: list[tuple[str, np.ndarray]] = []

    def ask(q: str) -> None:
        for _ in range(10):
            got.append((q, child.embed([q])[0]))

    threads = [threading.Thread(target=ask, args=(q,)) for q in QUESTIONS for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 40
    for q, vector in got:
        np.testing.assert_array_equal(vector, expected[q])


def test_a_dead_child_is_an_error_then_a_new_child() -> None:
    embedder = ProcessEmbedder("use")
    try:
        embedder.load()
        first = embedder.pid
        assert first is not None
        embedder._child.kill()  # what an out-of-memory kill would do
        embedder._child.wait(10)
        with pytest.raises(EmbedderUnavailableError, match="stopped"):
            embedder.embed(QUESTIONS[:1])
        assert embedder.embed(QUESTIONS[:1]).shape == (1, 512)
        assert embedder.pid not in (None, first)
    finally:
        embedder.close()
    assert embedder.pid is None


def test_unknown_model_fails_to_build_not_in_the_child() -> None:
    with pytest.raises(Exception, match="unknown embedder"):
        ProcessEmbedder("no-such-model")


def test_only_the_http_service_embeds_in_a_child(settings: Settings) -> None:
    assert not isinstance(AssistantService(settings).embedder, ProcessEmbedder)  # the CLI, evaluation, tests
    service = AssistantService(settings, embed_in_child=True)
    assert isinstance(service.embedder, ProcessEmbedder)
    service.embedder.load()
    child = service.embedder._child
    service.close()
    assert child is not None and child.poll() is not None


def test_the_service_answers_alike_with_the_child(indexed_settings: Settings) -> None:
    local = AssistantService(indexed_settings)
    remote = AssistantService(indexed_settings, embed_in_child=True)
    try:
        for question in QUESTIONS:
            assert remote.ask(question).model_dump() == local.ask(question).model_dump()
    finally:
        remote.close()
