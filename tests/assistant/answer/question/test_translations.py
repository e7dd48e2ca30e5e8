"""A Thai question on an English document (and the reverse): the question's words meet their translations in the
passages, so the sentence that states the asked value is the one the answer opens with. Made-up documents, so no
gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.answer.question.translations import translations
from assistant.embedding.embedders import UseEmbedder
from assistant.service import AssistantService
from tests.conftest import made_up_service

_REPORT = """# Orvane Academy annual report 2025

The Orvane Academy was founded in 2012 by the city of Orvane to train municipal staff.
In 2025 the academy received 4.2 million euros from the city budget and 1.1 million euros from partner cities.
A total of 152 officials from partner cities completed the academy's short-term training course in 2025.
Meanwhile, 37 officials are studying for a master's degree at Kestrel University under the academy's scholarship scheme.
The academy's library holds 9,000 books and 300 journals.
The academy employs 64 teachers and 22 administrative staff.
Its board meets four times a year and is chaired by the Deputy Mayor of Orvane.
The academy's campus covers 12 hectares on the east bank of the river.
Its canteen served 48,000 meals during the year.
The academy's website had 210,000 visitors in 2025.
Eleven partner cities sent delegations to the academy's open day in May.
The academy's solar panels produced 380 megawatt-hours of electricity.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "translations", {"orvane-academy-2025.md": _REPORT})


@pytest.fixture(scope="module")
def embed() -> UseEmbedder:
    return UseEmbedder()


@pytest.mark.parametrize(("question", "value"), [
    ("ในปี 2025 มีเจ้าหน้าที่ผ่านการฝึกอบรมระยะสั้นของ Orvane Academy กี่คน", "152"),  # trained, short-term
    ("แผงโซลาร์ของ Orvane Academy ผลิตไฟฟ้าได้เท่าใด", "380"),  # solar panels, electricity
])
def test_a_thai_question_opens_with_the_english_sentence_that_answers(service: AssistantService, question: str,
                                                                      value: str) -> None:
    answer = service.ask(question, mode="extractive")
    assert answer.found, answer.answer
    assert value in answer.answer.split("[1]")[0], answer.answer


def test_a_thai_question_finds_the_value_among_many(service: AssistantService) -> None:
    answer = service.ask("โรงอาหารของ Orvane Academy ให้บริการอาหารกี่มื้อ", mode="extractive")  # canteen, meals
    assert answer.found and "48,000" in answer.answer, answer.answer


def test_words_meet_their_translations_in_either_direction(embed: UseEmbedder) -> None:
    english = ["A total of 152 officials completed the short-term training course.",
               "Flood warnings reached 9,000 households."]
    found = translations(["ฝึกอบรม", "น้ำท่วม", "ภาษี"], "th", english, embed.embed)
    assert "training" in found["ฝึกอบรม"] and "flood" in found["น้ำท่วม"]
    assert "ภาษี" not in found  # tax: no word of these sentences means it
    thai = ["เมืองนี้มีประชากร ๔๑๒,๐๐๐ คน และมีพื้นที่ ๓๘๖ ตารางกิโลเมตร"]
    found = translations(["population", "budget"], "en", thai, embed.embed)
    assert "ประชากร" in found["population"] and "budget" not in found


def test_a_thai_compound_meets_two_english_words_side_by_side(embed: UseEmbedder) -> None:
    """'รายงานประจำปี' is 'annual report': neither word alone is close enough to stand for it."""
    english = ["The Orvane annual report lists every grant.", "Each district office keeps its own register."]
    found = translations(["รายงานประจำปี", "สำนักงานเขต"], "th", english, embed.embed)
    assert "annual report" in found["รายงานประจำปี"] and "district office" in found["สำนักงานเขต"], found


def test_a_word_is_translated_as_asked_not_as_its_stem(embed: UseEmbedder) -> None:
    """Matching stems 'binding' to 'bind', which the encoder puts further from 'พันธกรณี' (obligation) than the
    word the question asked."""
    thai = ["หนังสือฉบับนี้ไม่ก่อให้เกิดพันธกรณีใด ๆ ตามกฎหมาย"]
    assert "bind" not in translations(["bind"], "en", thai, embed.embed)
    assert translations(["bind"], "en", thai, embed.embed, {"bind": "binding"}) == {"bind": ["พันธกรณี"]}


def test_a_focus_word_whose_translation_a_passage_holds_is_not_unknown(service: AssistantService) -> None:
    """No document uses the Thai words for 'short-term' and 'training', so the store calls them unknown; the English
    sentence holding their translations makes them known, and the question is not refused as about nothing the
    documents cover."""
    question = "ในปี 2025 มีเจ้าหน้าที่ผ่านการฝึกอบรมระยะสั้นของ Orvane Academy กี่คน"
    analysis = service.analyse(question)
    store_unknown = service.retriever.unknown_words(["ฝึกอบรม", "ระยะสั้น"])
    assert store_unknown == ["ฝึกอบรม", "ระยะสั้น"], store_unknown
    assert {"ฝึกอบรม", "ระยะสั้น"} <= set(analysis.focus), analysis.focus
    assert not {"ฝึกอบรม", "ระยะสั้น"} & set(analysis.unknown_focus), analysis.unknown_focus
