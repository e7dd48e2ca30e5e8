"""What the answer engine measures of each candidate sentence. Made-up documents, so no gold question or corpus entity
is named."""

from __future__ import annotations

import pytest

from assistant.answer.features import SENTENCE_FEATURES
from assistant.service import AssistantService
from tests.conftest import made_up_service

_MOU = """# Memorandum of Understanding between the City of Orvane and Nakhon Tarin

The City of Orvane and Nakhon Tarin agree to exchange staff in water management and urban greening.

This Memorandum shall take effect on the date of its signature.

For the City of Orvane

Ms. Liselle Varnquist
Mayor of Orvane
"""
_THAI_SUMMARY = """# สรุปความร่วมมือกับเมืองออร์เวน

นครทารินลงนามบันทึกความเข้าใจกับเมืองออร์เวนเมื่อวันที่ ๓ มีนาคม ๒๕๖๘ เพื่อแลกเปลี่ยนบุคลากรด้านการจัดการน้ำ

นครทารินจะจัดประชุมติดตามผลปีละ ๑ ครั้ง
"""
_DENSE, _DENSE_REL = SENTENCE_FEATURES.index("dense"), SENTENCE_FEATURES.index("dense_rel")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "features", {"orvane-mou.md": _MOU, "th-orvane-summary.md": _THAI_SUMMARY})


def test_each_language_is_measured_against_its_own_closest_sentence(service: AssistantService) -> None:
    """A Thai question is closer in meaning to a Thai sentence than to any English one, however well the English
    one answers: a translation is never as close as the same words. So a sentence's closeness counts against the
    closest sentence of its own language, and the English sentence closest to the question stands first among
    its own."""
    analysis = service.analyse("ใครลงนามบันทึกความเข้าใจฝ่ายเมืองออร์เวน")
    embedded = [(s, row) for s, row in zip(analysis.sentences, analysis.matrix, strict=True) if row[_DENSE] != 0]
    for foreign in (True, False):
        rows = [row for s, row in embedded if s.cross_lingual is foreign]
        assert rows, f"no embedded sentence with cross_lingual={foreign}"
        assert max(row[_DENSE_REL] for row in rows) == 0.0
        best = max(rows, key=lambda row: row[_DENSE])
        assert all(row[_DENSE_REL] == pytest.approx(row[_DENSE] - best[_DENSE]) for row in rows)
    closest_thai = max(row[_DENSE] for s, row in embedded if not s.cross_lingual)
    closest_english = max(row[_DENSE] for s, row in embedded if s.cross_lingual)
    assert closest_english < closest_thai  # what the grouping is for: measured against all, no English sentence is best
