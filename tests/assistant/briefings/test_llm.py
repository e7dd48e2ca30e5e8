"""LLM-written briefings with the real local model: bullets are reworded, yet each keeps only claims its cited
passage supports; an unreachable LLM gives the extractive briefing with the reason."""

from __future__ import annotations

import pytest

from assistant.answer.llm.support_check import support
from assistant.config import Settings
from assistant.service import AssistantService
from tests.conftest import free_port

pytestmark = pytest.mark.slow

TOPIC = "sister city agreements"


@pytest.mark.llm
def test_llm_bullets_are_validated_against_their_passages(indexed_settings: Settings, local_llm: str) -> None:
    settings = indexed_settings.model_copy(update={"llm_base_url": local_llm, "llm_timeout_s": 600})
    briefing = AssistantService(settings).brief(TOPIC, kinds=["mou", "guide"], length="short")
    assert briefing.mode == "llm", briefing.fallback_reason
    bullets = [b for s in briefing.sections if s.key != "gaps" for b in s.bullets]
    assert bullets
    for bullet in bullets:
        assert bullet.citations
        cited = "\n".join(briefing.citation(n).text for n in bullet.citations)
        assert support(bullet.text, cited) >= settings.llm_support_threshold, bullet.text


def test_unreachable_llm_falls_back_to_extractive(indexed_settings: Settings) -> None:
    dead = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    settings = indexed_settings.model_copy(update={"llm_base_url": dead, "llm_timeout_s": 5})
    briefing = AssistantService(settings).brief(TOPIC, kinds=["mou", "guide"], length="short")
    assert briefing.mode == "extractive"
    assert briefing.fallback_reason and "LLM unavailable" in briefing.fallback_reason
    assert briefing.sections and all(b.citations for b in briefing.sections[0].bullets)
