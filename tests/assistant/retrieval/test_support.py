"""The words of a question that an answer must be about (pure functions, no index)."""

from __future__ import annotations

from assistant.retrieval.support import content_terms


def test_a_thai_asking_word_is_no_word_an_answer_must_hold() -> None:
    # 'under which conditions may the Corvin council meet': 'ใด' (which) asks, as 'which' does in English; a
    # passage's 'ประโยชน์ใด ๆ' (any benefit) does not answer it
    terms = content_terms("สภาเมืองคอร์วินประชุมได้ภายใต้เงื่อนไขใด")
    assert "ใด" not in terms
    assert "เงื่อนไข" in terms
    assert "which" not in content_terms("Under which conditions may the Corvin council meet?")
