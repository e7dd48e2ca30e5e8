"""Hybrid retrieval on the real corpus, real USE embeddings and embedded Chroma."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.models import Filters
from assistant.retrieval.retriever import _is_contents, _lexical_query
from assistant.service import AssistantService
from assistant.retrieval.support import has, stem, unit_of

ACT = "th-bma-act-be2528-1985-consolidated.pdf"
PLAN = "bma-foreign-affairs-strategy-plan-2023-2027-excerpt.txt"
FRAMEWORK = "asean-ascn-framework-2018.pdf"
CONCEPT_NOTE = "asean-ascn-concept-note-2018.pdf"


@pytest.fixture(scope="module")
def service(indexed_settings: Settings) -> AssistantService:
    return AssistantService(indexed_settings)


def test_thai_question_finds_the_thai_act(service: AssistantService) -> None:
    # "For how many years does the BMA council sit?" -- the Act's section on the council's term
    passages = service.search("สภากรุงเทพมหานครมีอายุคราวละกี่ปี")
    assert passages[0].meta.source == ACT
    assert any("สี่ปี" in p.chunk.text for p in passages[:3])


def test_thai_question_finds_an_english_passage(service: AssistantService) -> None:
    # "When was the ASEAN Smart Cities Network set up, and who proposed it?" -- only English documents answer it
    passages = service.search("เครือข่ายเมืองอัจฉริยะอาเซียนก่อตั้งขึ้นเมื่อใด และใครเป็นผู้เสนอ")
    english = [p for p in passages if p.meta.language == "en"]
    assert english, [p.meta.source for p in passages]
    assert any(p.meta.kind == "asean" for p in english)


def test_arabic_section_number_finds_the_page_printing_thai_digits(service: AssistantService) -> None:
    passages = service.search("มาตรา 89", filters=Filters(kinds=["law"]))
    top = passages[:3]
    assert any("มาตรา ๘๙" in p.chunk.text for p in top), [p.chunk.text[:80] for p in top]
    hit = next(p for p in top if "มาตรา ๘๙" in p.chunk.text)
    page_text = service.page_text(hit.meta.doc_id, hit.chunk.page_start)
    assert "๘๙" in page_text


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        (Filters(kinds=["mou"]), lambda p: p.meta.kind == "mou"),
        (Filters(language="th"), lambda p: p.meta.language == "th"),
        (Filters(doc_ids=[PLAN]), lambda p: p.meta.doc_id == PLAN),
        (Filters(date_from="2022", date_to="2025-12"), lambda p: "2022" <= (p.meta.date or "")[:4] <= "2025"),
    ],
)
def test_filters_restrict_results(service: AssistantService, filters: Filters, check) -> None:  # noqa: ANN001
    passages = service.search("sister city cooperation and smart city projects", filters=filters, top_k=10)
    assert passages
    assert all(check(p) for p in passages), [(p.meta.doc_id, p.meta.date) for p in passages]


def test_near_duplicates_collapse_and_keep_both_sources(service: AssistantService) -> None:
    # The framework and the concept note print the same rationale paragraph.
    passages = service.search("90 million more people expected to urbanise by 2030, middleweight cities", top_k=5)
    twin = next(p for p in passages if {p.meta.source, *(m.source for m in p.also_in)} >= {FRAMEWORK, CONCEPT_NOTE})
    sources = [p.meta.source for p in passages]
    # collapsed: the copy is not a second result of its own
    assert sources.count(FRAMEWORK) + sources.count(CONCEPT_NOTE) >= 1
    assert twin.duplicates and twin.duplicates[0].doc_id in {FRAMEWORK, CONCEPT_NOTE} - {twin.meta.doc_id}
    assert not any(
        p is not twin and p.chunk.id in {d.id for d in twin.duplicates} for p in passages
    )


ACTION_PLANS = "asean-ascn-smart-city-action-plans-2018.pdf"


def test_a_question_naming_a_pilot_city_finds_that_citys_action_plan(service: AssistantService) -> None:
    # the plan's 'OVERVIEW' and 'FOCUS AREAS' never repeat the city's name: the heading path carries it
    passages = service.search("What focus areas did Phuket choose in its 2018 Smart City Action Plan?")
    plans = [p for p in passages[:5] if p.meta.source == ACTION_PLANS]
    assert any((p.chunk.heading or "").startswith("Phuket") for p in plans), [
        (p.meta.source, p.chunk.heading) for p in passages]


def test_a_nationality_brings_its_country_to_bm25_and_to_coverage() -> None:
    # "Malaysian cities" are the rows under "Malaysia" in the M&E appendix; abbreviations stay as written
    assert "malaysia" in _lexical_query("Which Malaysian cities have projects?").split()
    assert _lexical_query("What does the BMA do?").split() == ["bma"]
    assert has(unit_of("91. Thailand Bangkok Bang Sue Smart City"), "thai")


def test_an_irregular_verb_meets_its_past_form_in_bm25_and_in_coverage() -> None:
    # 'spend' is answered by 'spent', 'led' by 'lead': no suffix strip joins them, and FTS5's stemmer does not
    assert "spent" in _lexical_query("How much did the office spend in 2025?").split()
    assert "lead" in _lexical_query("Who led the delegation?").split()
    assert has(unit_of("The office spent 48.6 million baht."), stem("spend"))
    assert has(unit_of("The Mayor will lead the delegation."), stem("led"))
    assert not has(unit_of("The city was founded in 1782."), stem("find"))  # 'found' is a word of its own


def test_a_question_spanning_two_years_gets_a_passage_for_each(service: AssistantService) -> None:
    passages = service.search("Where were the ASCN annual meetings held in 2019 and in 2025?")
    for year in ("2019", "2025"):
        assert any(year in p.chunk.text or year in p.meta.title for p in passages), (year, [
            (p.meta.source, p.chunk.text[:60]) for p in passages])


@pytest.mark.parametrize("question", [
    "Which focus areas do the ASCN monitoring and evaluation reports cover?",
    "What observations and recommendations does the 2025 M&E report make?",
])
def test_a_contents_page_gives_way_to_the_sections_it_lists(service: AssistantService, question: str) -> None:
    # the reports' contents pages repeat every section title, so they match such questions without answering them
    passages = service.search(question)
    assert passages and not any(_is_contents(p.chunk.text) for p in passages), [
        (p.meta.source, p.chunk.text[:60]) for p in passages]


@pytest.mark.parametrize("city", ["Chonburi", "Da Nang", "Luang Prabang"])
def test_a_briefing_on_a_city_gets_its_profile_though_the_profile_shares_few_words(
        service: AssistantService, city: str) -> None:
    # the profile's first chunk says little beyond the city's name; its heading is the name the question uses
    passages = service.search(f"Brief me on {city}'s Smart City Action Plan as submitted in the 2018 consolidated "
                              "SCAPs.")
    assert any(p.meta.source == ACTION_PLANS and (p.chunk.heading or "").startswith(city) for p in passages), [
        (p.meta.source, p.chunk.heading) for p in passages]


def test_an_abbreviation_the_documents_spell_out_is_a_known_word(service: AssistantService) -> None:
    # 'ผู้ว่าฯ' is how a question shortens 'ผู้ว่าราชการ' (governor); no document writes the short form
    assert not service.records.mentions("ผู้ว่าฯ")
    assert service.retriever.unknown_words(["ผู้ว่าฯ", "zyqvorth"]) == ["zyqvorth"]


def test_a_year_the_documents_write_in_the_other_era_is_a_known_word(service: AssistantService) -> None:
    # a Thai question counts years in the Buddhist Era; an English report counts them in the Common Era
    year = next(str(y) for y in range(2015, 2026) if service.records.mentions(str(y)))
    buddhist = str(int(year) + 543)
    assert not service.records.mentions(buddhist), buddhist
    assert service.retriever.unknown_words([buddhist, "9731"]) == ["9731"]


def test_an_irregular_verbs_base_is_known_where_the_documents_use_its_past(service: AssistantService) -> None:
    assert service.records.mentions("held") and not service.records.mentions("hold")
    assert service.retriever.unknown_words(["hold", "zorblat"]) == ["zorblat"]


def test_the_only_passage_bm25_finds_is_its_best_not_its_worst(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A Thai question whose words only a Thai plan holds: BM25 finds one passage, and it must rank as BM25's best
    (min-max scaling over one hit once gave it 0, below every English passage the embedding liked)."""
    from tests.conftest import made_up_service

    english = ["The Department of External Relations handled 48 foreign delegations in its two divisions.",
               "The foreign affairs office's staff of 20 work in a protocol unit and a cooperation unit.",
               "The international relations section was split into three teams after the reform.",
               "Its department of foreign affairs has a protocol division, a partnerships division and interpreters."]
    service = made_up_service(tmp_path_factory, "one-hit", {
        "plan-th.txt": "สำนักการต่างประเทศของเมืองนาครมีบุคลากรทั้งหมด 35 คน แบ่งออกเป็น 3 ส่วน ได้แก่ ส่วนพิธีการ "
                       "ส่วนความร่วมมือระหว่างประเทศ และส่วนแปลและล่าม",
        **{f"report-{n}.md": f"# Annual report {n}\n\n{text}\n" for n, text in enumerate(english)},
    })
    passages = service.search("สำนักการต่างประเทศแบ่งออกเป็นกี่ส่วน อะไรบ้าง", top_k=3)
    plan = next(p for p in passages if p.meta.source == "plan-th.txt")
    weakest_english = min(p.score for p in passages if p is not plan)
    # its lexical share counts in full: it outscores the English passages the embedding ranks below it by far
    assert plan.score > weakest_english + 0.3, [(p.meta.source, round(p.score, 3)) for p in passages]


def test_a_thai_question_on_english_documents_is_not_ranked_by_the_one_name_bm25_can_read(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Of "How many members did the study visit to Tavrel have?" in Thai, BM25 reads only 'Tavrel': it ranks the
    passages that repeat the name, whatever they say. Its share shrinks to the share of the question it can read, so
    the meaning decides."""
    from tests.conftest import made_up_service

    others = ["Tavrel port handled 12 million tonnes of cargo; Tavrel harbour works and the Tavrel canal expansion "
              "go on, and Tavrel's port authority plans a new Tavrel container terminal.",
              "Tavrel tram lines: the Tavrel city council opened two lines in Tavrel's old town and Tavrel's airport.",
              "The Tavrel summer festival brings Tavrel musicians to Tavrel's squares; Tavrel hotels are full."]
    service = made_up_service(tmp_path_factory, "readable-share", {
        "visit.md": "# Study visit report\n\nThe delegation to Tavrel had 9 members and was led by the Director of "
                    "the Environment Department.\n",
        **{f"tavrel-{n}.md": f"# Tavrel notes {n}\n\n{text}\n" for n, text in enumerate(others)},
    })
    passages = service.search("คณะศึกษาดูงานที่ Tavrel มีสมาชิกกี่คน", top_k=3)
    assert passages[0].meta.source == "visit.md", [(p.meta.source, round(p.score, 3)) for p in passages]


def test_a_verb_ending_in_ee_meets_its_past_form() -> None:
    # 'agreed' is 'agree' + 'd': cut as 'agre' + 'ed' and then losing its last e, it never met 'agree'
    assert stem("agreed") == stem("agree") == stem("agreeing") == stem("agrees")
    assert stem("guaranteed") == stem("guarantee")
    assert has(unit_of("The Committee agreed:"), stem("agree"))
    assert stem("submitted") == stem("submit") and stem("planned") == stem("plan")  # a doubled consonant still goes


def test_a_year_meets_the_other_eras_number_in_bm25_and_in_coverage() -> None:
    # a Thai question's 'ปี 2567' is an English report's 2024, and an English question's 2024 a Thai text's 2567
    assert {"2567", "2024"} <= set(_lexical_query("ปีงบประมาณ 2567 มีกี่คณะ").split())
    assert "2567" in _lexical_query("How many delegations came in 2024?").split()
    assert has(unit_of("The Office received 63 delegations in fiscal year 2024."), "2567")
    assert has(unit_of("ในปีงบประมาณ พ.ศ. ๒๕๖๗ มี ๖๓ คณะ"), "2024")
    assert not has(unit_of("The Office received 63 delegations in 2023."), "2567")
