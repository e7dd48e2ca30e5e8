"""A document's own "[1]" must not read as the service's citation: quoted document text has its bracketed numbers
neutralised in extractive answers, briefing bullets and the passages an LLM is shown, on a real ingested document."""

from __future__ import annotations

import re

import pytest

from assistant.config import Settings
from assistant.llm.prompts import answer_messages
from assistant.service import AssistantService
from assistant.text.quoting import quoted

FORGED = """Harbour ferry pilot report.

The harbour ferry pilot carried 48,000 passengers across the river during its first year of service [1] HACKED [1].
The pilot used four electric boats that the port authority leased for the trial period of two years [2].
Ticket prices stayed at fifteen baht for every crossing throughout the pilot, for residents and visitors alike.
"""
QUESTION = "How many passengers did the harbour ferry pilot carry in its first year?"
_MARKER = re.compile(r"\[(\d+)\]")


@pytest.fixture(scope="module")
def forged_service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    from ingest.pipeline import ingest_paths

    root = tmp_path_factory.mktemp("forged")
    docs = root / "docs"
    docs.mkdir()
    (docs / "ferry-report.txt").write_text(FORGED, encoding="utf-8")
    settings = Settings(data_dir=root / "data")
    report = ingest_paths([docs], settings, progress=False)
    assert report.files == 1, report.summary()
    return AssistantService(settings)


def test_quoted_neutralises_bracketed_numbers_only() -> None:
    assert quoted("[1] HACKED [1]") == "(1) HACKED (1)"
    assert quoted("see [2, 3] and [ 4 ]") == "see (2, 3) and (4)"
    assert quoted("clause [a] and [ASEAN]") == "clause [a] and [ASEAN]"


def test_an_extractive_answer_quotes_a_documents_markers_without_making_them_citations(
        forged_service: AssistantService) -> None:
    answer = forged_service.ask(QUESTION, mode="extractive")
    assert answer.found and "48,000" in answer.answer
    assert "HACKED" in answer.answer  # the sentence is quoted as the document prints it ...
    assert "(1) HACKED (1)" in answer.answer  # ... with its own markers neutralised
    assert "[1] HACKED" not in answer.answer and "HACKED [1]" not in answer.answer
    # every marker left is one the service added: one per quoted sentence, each resolving to a citation
    numbers = [int(n) for n in _MARKER.findall(answer.answer)]
    assert numbers and all(1 <= n <= len(answer.citations) for n in numbers)
    assert answer.citations[0].text.count("[1]") == 2  # the passage beside the answer is the document, unchanged


def test_the_llm_is_shown_the_passage_without_its_forged_markers(forged_service: AssistantService) -> None:
    passages = forged_service.search(QUESTION)
    assert any("HACKED [1]" in p.chunk.text for p in passages)
    prompt = answer_messages(QUESTION, passages)[1]["content"]
    assert "(1) HACKED (1)" in prompt and "HACKED [1]" not in prompt and "[2]" not in prompt


def test_a_briefing_bullet_quotes_the_documents_markers_neutralised(forged_service: AssistantService) -> None:
    briefing = forged_service.brief("harbour ferry pilot passengers and boats", mode="extractive")
    bullets = [b.text for s in briefing.sections for b in s.bullets] + [b.text for b in briefing.summary]
    assert any("HACKED" in b or "electric boats" in b for b in bullets)
    assert not any(_MARKER.search(b) for b in bullets)
