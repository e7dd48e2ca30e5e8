"""Cross-references in law: a passage that says 'qualified under section N' brings the chunk where section N opens,
and the answer quotes that section after the sentence that points to it."""

from __future__ import annotations

import re

import pytest

from assistant.config import Settings
from assistant.retrieval.references import opens, opens_a_section, references
from assistant.service import AssistantService


def test_references_are_the_sections_a_text_points_to() -> None:
    text = "ต้องมีคุณสมบัติตามมาตรา ๑๔ และไม่มีลักษณะต้องห้ามตามมาตรา ๑๖ เว้นแต่กรณีตามมาตรา ๑๖"
    assert references(text) == ["มาตรา ๑๔", "มาตรา ๑๖"]
    assert references("A member qualified under section 12 or as set out in Article 7.") == ["Section 12", "Article 7"]
    assert references("มาตรา ๑๔ ผู้มีสิทธิสมัครรับเลือกตั้ง") == []  # a section's own opening points nowhere
    assert references("Section 14 applies.") == []


def test_a_section_opens_at_the_start_of_a_line_and_not_at_a_longer_number() -> None:
    text = "ข้อความก่อนหน้า\nมาตรา ๑๔๐ อื่น\nมาตรา ๑๔ ผู้มีสิทธิ"
    assert opens(text, "มาตรา ๑๔") == text.index("มาตรา ๑๔ ผู้")
    assert opens("ตามมาตรา ๑๔ ผู้มีสิทธิ", "มาตรา ๑๔") is None
    assert opens("Section 3. Duration\nSection 2. Areas", "Section 2") is not None
    assert opens_a_section("มาตรา ๑๕ (ยกเลิก)") and opens_a_section("Article 2 Areas")
    assert not opens_a_section("ตามมาตรา ๑๕") and not opens_a_section("(๑) มีสัญชาติไทย")


@pytest.fixture(scope="module")
def service(indexed_settings: Settings) -> AssistantService:
    return AssistantService(indexed_settings)


QUESTION = "ผู้ที่จะเป็นสมาชิกสภาเขตต้องมีคุณสมบัติและไม่มีลักษณะต้องห้ามตามมาตราใดบ้าง"


def test_a_passage_brings_the_sections_it_refers_to_from_its_own_document(service: AssistantService) -> None:
    passages = service.retriever.search(QUESTION, 10, None, lambda meta: True)
    pointing = [p for p in passages if references(p.chunk.text)]
    assert pointing, [p.chunk.text[:80] for p in passages]
    brought = [(p, c) for p in pointing for c in p.referenced]
    assert brought
    for p, chunk in brought:
        assert chunk.doc_id == p.chunk.doc_id
        assert any(opens(chunk.text, s) is not None for s in references(p.chunk.text))


def test_the_answer_quotes_the_section_its_best_sentence_points_to(service: AssistantService) -> None:
    answer = service.ask(QUESTION, mode="extractive")
    assert answer.found, answer.answer
    cited = [re.sub(r"\s+", " ", answer.answer[: m.start()].rsplit("[", 1)[0]) for m in re.finditer(r"\[\d+\]",
                                                                                                    answer.answer)]
    pointed = {s for text in cited for s in references(text)}
    assert pointed, answer.answer
    quoted = [c for c in answer.citations if any(opens(c.text, s) is not None for s in pointed)]
    assert quoted, (answer.answer, [c.text[:60] for c in answer.citations])
    for citation in quoted:  # the quoted section is marked in its passage and cited at its page
        section = next(s for s in pointed if opens(citation.text, s) is not None)
        start = opens(citation.text, section)
        assert any(a <= start < b for a, b in citation.highlights), (section, citation.highlights)
        assert citation.page is not None
