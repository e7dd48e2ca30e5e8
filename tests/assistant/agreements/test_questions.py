"""Questions about the set of agreements are answered from the register; other questions are not diverted."""

from __future__ import annotations

import pytest

from assistant.agreements.questions import is_register_question
from assistant.config import Settings
from assistant.models import Filters
from assistant.service import AssistantService
from tests.conftest import made_up_service

CHICAGO = "mou-chicago-shenyang-sister-cities-reaffirmation-1995.md"


@pytest.mark.parametrize("question", [
    "Which agreements cover sports?",
    "Which of our agreements have no end date?",
    "How many sister cities do we have in Japan?",
    "List all MOUs signed since 2010",
    "agreements signed before 1990",
    "What did we sign with cities in Korea?",
    "เมืองพี่เมืองน้องของกรุงเทพฯ มีกี่เมือง",
    "บันทึกความเข้าใจด้านการท่องเที่ยวมีฉบับใดบ้าง",
])
def test_questions_about_the_set_of_agreements(question: str) -> None:
    assert is_register_question(question)


@pytest.mark.parametrize("question", [
    "Who signed the sister city agreement with Oslo?",  # one agreement: passage search
    "When does the memorandum with Lyon take effect?",
    "Which sister-city relationships does the national association recognise?",  # not the noun of the register
    "Which declarations does the summit statement recall?",
    "According to the plan, how many agreements had the city signed by 2020?",  # what a document says
    "Do the sample agreements set a fixed term?",
    "What are the three strategies of the plan?",
    "ผู้ว่าราชการกรุงเทพมหานครมีวาระกี่ปี",
])
def test_other_questions_go_to_passage_search(question: str) -> None:
    assert not is_register_question(question)


@pytest.fixture(scope="module")
def service(indexed_settings: Settings) -> AssistantService:
    return AssistantService(indexed_settings)


def test_a_list_question_is_answered_from_the_register_with_a_citation_per_record(service: AssistantService) -> None:
    answer = service.ask("Which agreements cover sports?")
    assert answer.found and answer.agreements == [CHICAGO]
    assert "1 agreement" in answer.answer and "[1]" in answer.answer
    [citation] = answer.citations
    assert citation.doc_id == CHICAGO and "sports" in citation.text


def test_the_search_filters_scope_the_register(service: AssistantService) -> None:
    answer = service.ask("Which agreements cover sports?", filters=Filters(kinds=["guide"]))
    assert answer.agreements == ["sci-partnership-agreement-toolkit-2012.pdf#page=7"]  # the copy in the guide
    assert answer.citations[0].page == 7


def test_a_count_question_counts_what_it_says(service: AssistantService) -> None:
    answer = service.ask("How many agreements were signed after 2000?")
    assert answer.agreements == ["mou-new-york-london-sister-city-partnership-mou-2001.md",
                                 "mou-abu-dhabi-houston-sister-cities-agreement-2002.md"]
    assert "holds 2 agreements" in answer.answer and "signed after 2000" in answer.answer
    assert [c.text for c in answer.citations] and all(
        any(w in c.text for w in ("March of 2001", "26 of October 2002")) for c in answer.citations)


def test_a_thai_question_with_a_buddhist_era_year(service: AssistantService) -> None:
    answer = service.ask("ข้อตกลงเมืองพี่เมืองน้องที่ลงนามก่อนปี พ.ศ. 2543 มีกี่ฉบับ")  # before 2000
    assert answer.language == "th" and answer.agreements == [CHICAGO]
    assert answer.answer.startswith("ทะเบียนข้อตกลงมี 1 ฉบับ") and "ลงนามก่อนปี ค.ศ. 2000" in answer.answer


def test_a_partner_the_register_does_not_hold_counts_none(service: AssistantService) -> None:
    answer = service.ask("Which agreements did we sign with Reykjavik?")
    assert not answer.found and answer.agreements == [] and answer.citations == []
    assert "holds 0 agreements" in answer.answer and "Reykjavik" in answer.answer


def test_a_question_about_one_agreement_is_answered_from_passages(service: AssistantService) -> None:
    answer = service.ask("In which languages was the Houston agreement executed?")
    assert answer.agreements == []
    assert any(c.doc_id and "houston" in c.doc_id for c in answer.citations)


@pytest.fixture(scope="module")
def report_service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "register-report", {
        "mou-arlow-benmore.md":
            "# Memorandum of Understanding between the City of Arlow and the City of Benmore\n\n"
            "The two cities hereby agree to promote exchanges in culture and tourism. This Memorandum shall enter "
            "into force on the date of its signature.\n\nDone at Arlow on 14 May 2019.\n",
        "corvin-annual-report.md":
            "# Corvin International Relations Annual Report\n\n## Partner cities\n\n"
            "The city of Corvin maintains sister city relationships with Dunmore, Elsby and Farrow. The exchange "
            "programme with Dunmore sent fourteen nursing students abroad for a placement.\n",
    })


def test_a_set_question_the_register_cannot_match_is_answered_from_passages(report_service: AssistantService) -> None:
    question = "Which sister cities does Corvin have?"
    assert is_register_question(question)
    answer = report_service.ask(question, mode="extractive")
    assert answer.found, answer.answer  # the register holds no Corvin agreement; the report names its partners
    assert "Dunmore" in answer.answer and "Elsby" in answer.answer, answer.answer
    assert any(c.doc_id == "corvin-annual-report.md" for c in answer.citations)


def test_a_set_question_nothing_answers_gets_the_registers_none(report_service: AssistantService) -> None:
    answer = report_service.ask("Which agreements did we sign with Reykjavik?", mode="extractive")
    assert not answer.found and "holds 0 agreements" in answer.answer, answer.answer


def test_a_thai_question_on_a_city_the_register_does_not_hold_is_answered_from_passages(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'เมืองคอร์วิน' (Corvin) is no party of the register's one agreement: a report on Corvin answers, not the
    register's count of every sister-city agreement. A city the register holds, spelled in Thai ('เมืองอาร์โลว์',
    Arlow), is still counted there."""
    service = made_up_service(tmp_path_factory, "register-thai", {
        "mou-arlow-benmore.md":
            "# Memorandum of Understanding between the City of Arlow and the City of Benmore\n\n"
            "The two cities hereby establish sister city relations and agree to promote exchanges in culture and "
            "tourism. This Memorandum shall enter into force on the date of its signature.\n\n"
            "Done at Arlow on 14 May 2019.\n",
        "th-corvin-plan.md":
            "# แผนปฏิบัติการด้านการต่างประเทศของเมืองคอร์วิน\n\n"
            "เมืองคอร์วินมีเมืองพี่เมืองน้องทั้งหมด ๕ เมือง โดยเมืองล่าสุดคือเมืองดันมอร์ ซึ่งลงนามในปี ๒๕๖๖\n",
    })
    answer = service.ask("เมืองคอร์วินมีเมืองพี่เมืองน้องกี่เมือง", mode="extractive")
    assert answer.found and answer.agreements == [] and "๕" in answer.answer, answer.answer
    answer = service.ask("ข้อตกลงกับเมืองอาร์โลว์มีกี่ฉบับ", mode="extractive")
    assert answer.agreements == ["mou-arlow-benmore.md"], answer.answer
