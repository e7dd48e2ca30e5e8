"""Which sentences an answer keeps: the likeliest, then those close to it, and, for a question in parts, one that
answers a part nothing chosen speaks to though the ranker scores it lower. Made-up documents, so no gold question
or corpus entity is named."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer.model import Selection, shipped_model
from assistant.answer.selection import select
from assistant.answer.shaping import compose
from assistant.service import AssistantService
from tests.conftest import made_up_service

_MEETS = "The harbour board meets every spring in the old customs hall of Tarrow."
_FEES = "The membership fees are paid by each member town in proportion to its quay length."
_FOUNDED = "The harbour board of Tarrow was founded by seven towns along the estuary."


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "parts", {
        "harbour-rules.md": f"# Rules of the harbour board\n\n{_MEETS} {_FOUNDED}\n\n{_FEES}\n",
    })


def _chosen(service: AssistantService, question: str, scores: dict[str, float]) -> list[str]:
    analysis = service.analyse(question)
    probs = np.array([next((p for start, p in scores.items() if s.text.startswith(start)), 0.21)
                      for s in analysis.sentences])
    model = shipped_model().model_copy(update={"selection": Selection(ratio=0.6, floor=0.2, novelty=0.3)})
    return [s.text for s in select(analysis, probs, model).sentences]


_SCORES = {_MEETS[:30]: 0.9, _FEES[:30]: 0.3, _FOUNDED[:30]: 0.35}


def test_a_lower_scored_sentence_answers_the_part_nothing_chosen_speaks_to(service: AssistantService) -> None:
    chosen = _chosen(service, "How often does the harbour board of Tarrow meet, and who pays the membership fees?",
                     _SCORES)
    assert chosen[0] == _MEETS, chosen
    assert _FEES in chosen, chosen  # below the bar (0.6 x 0.9), but the only sentence on the fees
    assert _FOUNDED not in chosen, chosen  # scored higher, and says nothing the question asks that is not said


def test_an_overview_takes_likely_statements_below_the_best_ones_bar(service: AssistantService) -> None:
    """A briefing wants breadth: a statement the ranker finds likely, though far below the best one, is a point;
    a question in one part keeps only sentences near its best."""
    chosen = _chosen(service, "Brief me on the harbour board of Tarrow.", _SCORES)
    assert set(chosen) == {_MEETS, _FEES, _FOUNDED}, chosen


def test_a_question_in_one_part_keeps_only_sentences_near_the_best(service: AssistantService) -> None:
    chosen = _chosen(service, "How often does the harbour board of Tarrow meet?", _SCORES)
    assert chosen == [_MEETS], chosen


_REPORT = """# Riverside Towns Network Progress Report {year}

## Kessen

{kessen}

## Morava

Morava launched a flood warning app with river cameras at ten bridges.
"""


def test_a_question_spanning_two_years_gets_each_years_value(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Between the 2022 and 2024 reports' asks two things, as 'and when' does: one sentence from each report."""
    service = made_up_service(tmp_path_factory, "two-years", {
        "towns-report-2022.md": _REPORT.format(year=2022, kessen="Kessen operates 45 electric buses on 6 routes, "
                                               "carrying about 18,000 passengers a day."),
        "towns-report-2024.md": _REPORT.format(year=2024, kessen="Kessen has expanded its electric fleet to 80 buses "
                                               "on 11 routes, and opened a smart parking system."),
    })
    answer = service.ask("How did Kessen's electric bus fleet change between the 2022 and 2024 reports?",
                         mode="extractive")
    assert answer.found and "45 electric buses" in answer.answer and "80 buses" in answer.answer, answer.answer


def test_a_comparison_gets_a_value_for_each_thing_compared(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Compare the populations of A and B' asks two things, as 'and when' does: each town's figure."""
    service = made_up_service(tmp_path_factory, "compared", {
        "corvin-profile-2025.md": "# Corvin City Profile 2025\n\nCorvin at a glance. Corvin is the second-largest "
                                  "town of the coast and its main fishing port.\n\nKey figures Indicator: Population; "
                                  "2023: 412,000; 2024: 418,500.\n",
        "dunmore-visit-2026.md": "# Courtesy call by the Mayor of Dunmore\n\nDunmore is the capital of the northern "
                                 "province, with a population of 96,000. Corvin and Dunmore signed a friendship "
                                 "agreement on 3 February 2025.\n",
    })
    answer = service.ask("Compare the populations of Corvin and Dunmore.", mode="extractive")
    assert answer.found and "418,500" in answer.answer and "96,000" in answer.answer, answer.answer


def test_a_q_and_a_sheets_question_line_is_never_the_answer(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The question line repeats the user's words best of all, and answers nothing: its answer line does."""
    service = made_up_service(tmp_path_factory, "qa-sheet", {
        "note.md": "# Briefing note: visit of the Mayor of Tarrow\n\n## Background\n\n"
                   "The Mayor of Tarrow will call on the Governor on 3 March 2026. The two cities signed a Harbour "
                   "Letter of Intent in 2024.\n\n## Questions the Governor may be asked\n\n"
                   "Q: Is the Harbour Letter of Intent with Tarrow binding?\n"
                   "A: No. It only records the intention of both cities to cooperate.\n\n"
                   "Q: Who pays for the exchange of engineers?\n"
                   "A: Each city pays the travel of its own engineers.\n",
    })
    answer = service.ask("Is the Harbour Letter of Intent with Tarrow binding?")
    assert answer.found, answer.answer
    assert "records the intention" in answer.answer, answer.answer
    assert "Q: Is" not in answer.answer, answer.answer


_NOTE = """# Concept Note: Fourth Harbour Mayors Forum of Tarrow

## Background

The Fourth Harbour Mayors Forum of Tarrow will be held in Tarrow in May 2026. The Harbour Mayors Forum of Tarrow
was founded in 2019 and has met every year since. The Forum of Tarrow brings together the mayors of harbour cities.

## Objectives

1. Share proven measures against storm surges.
2. Agree on a joint fund for dredging.
3. Adopt a charter on clean ports.

## Programme

- Day 1: opening of the Fourth Harbour Mayors Forum of Tarrow by the Mayor of Tarrow.
- Day 2: field visit of the Fourth Harbour Mayors Forum to the port of Tarrow.
- Day 3: closing session of the Fourth Harbour Mayors Forum of Tarrow.

## Participants

About 200 participants from 25 harbour cities are expected at the Harbour Mayors Forum of Tarrow.
"""


def test_a_list_question_naming_a_section_gets_that_sections_items(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'What are the objectives of X?' over a note with an 'Objectives' section: its items, though the sentences
    naming the forum most often are elsewhere."""
    service = made_up_service(tmp_path_factory, "section-list", {"note.md": _NOTE})
    answer = service.ask("What are the objectives of the Fourth Harbour Mayors Forum of Tarrow?")
    assert answer.found, answer.answer
    for item in ("storm surges", "dredging", "clean ports"):
        assert item in answer.answer, answer.answer


def test_a_broken_title_line_is_no_sections_heading() -> None:
    """A short line that ends on 'of' leads on to the next line of a title ('THE CITY OF' / 'KESTREL'): a list
    question whose words it holds is not led by the sentences under it."""
    from assistant.answer.sections import heading_line
    from assistant.answer.units import _pieces

    text = "Objectives\n\nTHE CITY OF\n\nKESTREL\n\nThe towns shall cooperate on ports."
    lines = {p.text: heading_line(p) for p in _pieces("units-heading", text, "en")}
    assert lines["Objectives"] is True
    assert lines["KESTREL"] is True
    assert lines["THE CITY OF"] is False
    assert lines["The towns shall cooperate on ports."] is False


def test_a_numbered_articles_heading_names_its_section() -> None:
    """'Article 2 - Areas of Cooperation' names the areas of cooperation: its label and number aside (as matching
    spells them, 'articl'), its words are the question's."""
    from assistant.answer.sections import names_section
    from assistant.retrieval.support import content_terms

    asked = set(content_terms("What are the areas of cooperation in the Kestrel memorandum?"))
    focus = set(content_terms("areas cooperation memorandum"))
    assert names_section("Article 2 - Areas of Cooperation", asked, focus)
    assert not names_section("Article 5 - Joint Committee", asked, focus)
    assert not names_section("Kestrel", asked, focus)  # what it is about, not what is asked


def test_a_thai_laws_section_number_names_no_section() -> None:
    """'มาตรา ๗๑' (section 71) is a label and a number: a Thai question asking under which sections ('ตามมาตราใด
    บ้าง') a rule stands does not name it, as 'Article 5' alone names nothing in English."""
    from assistant.answer.sections import names_section
    from assistant.retrieval.support import content_terms

    question = "ผู้สมัครเป็นสมาชิกสภาเมืองคอร์วินต้องมีคุณสมบัติตามมาตราใดบ้าง"
    asked = set(content_terms(question))
    assert "มาตรา" in asked
    assert not names_section("มาตรา ๗๑", asked, asked)
    assert not names_section("หมวด ๒", asked, asked)


_ANNUAL = """# Harbour Office of Tarrow Annual Report 2025

## The year at a glance

In 2025 the Harbour Office of Tarrow welcomed 96 visiting delegations, up from 81 in 2024.
The harbour master and her deputies led 14 missions abroad during the year.
The Office spent 12.4 million crowns of the 13.0 million crowns allocated to it.
Work on the new ferry terminal at the north quay continued throughout the year.

## Budget by programme, 2025 (million crowns)

| Programme | 2025 |
|---|---|
| Delegations | 4.1 |
| Missions | 3.2 |
"""


def test_an_overview_is_made_of_statements_of_different_values(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Brief me on ...': points are sentences, not the title or a table's caption, and a point stating a kind of
    value the others lack (a sum spent) comes before one more of the same kind."""
    service = made_up_service(tmp_path_factory, "overview", {"harbour-report-2025.md": _ANNUAL})
    answer = service.ask("Brief me on the Harbour Office of Tarrow's annual report for 2025.")
    assert answer.found, answer.answer
    points = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert len(points) >= 3, answer.answer
    assert not any("Annual Report" in p or "Budget by programme" in p for p in points), answer.answer
    assert "12.4 million" in answer.answer and "96" in answer.answer, answer.answer


_NETWORK_DOCS = {
"rtn-progress-2022.md": """# Riverside Towns Network (RTN) Progress Report 2022

Ormund paved 12 kilometres of cycle lanes along the river in 2022.
Tarrow replanted its riverbanks with 2,000 willows.
The RTN secretariat moved to Ormund in March 2022.
Kestrel opened a flood warning centre on the river in 2022.
Kestrel's river bus carried 9,000 passengers a week.
""",
"kestrel-review-2024.md": """# Kestrel City Annual Review 2024

Kestrel planted 4,000 trees along the river in 2024.
The city launched a bicycle sharing scheme with 300 bikes.
The old market hall reopened as a library in June 2024.
City Hall hired 45 new staff for its planning department.
""",
"rtn-framework.md": """# RTN Framework

The RTN framework sets out shared goals for the riverside member towns.
RTN members meet once a year to review the goals of the framework.
Each RTN town names a coordinator for the network's projects.
The RTN framework is not legally binding on its members.
""",
}


def test_an_overview_lets_go_of_a_later_name_that_too_few_points_hold(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Kestrel's projects across the RTN documents': two sentences name both; the briefing is about Kestrel, named
    first, not about the network's framework, which names only the later name."""
    service = made_up_service(tmp_path_factory, "overview-subject", _NETWORK_DOCS)
    answer = service.ask("Brief me on Kestrel's projects across the RTN documents.")
    assert answer.found, answer.answer
    assert "flood warning centre" in answer.answer and "4,000 trees" in answer.answer, answer.answer
    assert "framework" not in answer.answer, answer.answer


_DECLARATION = """# Joint Declaration on Cooperation between the Town of Kestrel and the Town of Ormund

The Town of Kestrel and the Town of Ormund (hereinafter "the Towns"),

Recalling their friendship since 2011,

Have agreed as follows:

## Article 1 – Purpose

The Towns shall cooperate in the following fields:

(a) river flood warning;

(b) school gardens;

(c) night bus services.

## Article 2 – Committee

A Joint Committee of four members, two appointed by each Town, shall meet once a year, alternately in Kestrel and
in Ormund.
"""


def test_a_list_question_is_led_by_the_sentence_announcing_what_it_asks(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'What are the fields of cooperation ...?': the sentence announcing the fields leads, with its items, though
    the preamble names the declaration and the towns more often."""
    service = made_up_service(tmp_path_factory, "announced-list", {"declaration.md": _DECLARATION})
    answer = service.ask("What are the fields of cooperation in the Kestrel-Ormund declaration?")
    assert answer.found, answer.answer
    for item in ("river flood warning", "school gardens", "night bus"):
        assert item in answer.answer, answer.answer


_VISIT = """# Report of the Study Visit of the Town of Kestrel to Varnholm on Harbour Waste

## 1. Background

The visit was made at the invitation of the Varnholm Harbour Council under the friendship agreement of 2019.
Its purpose was to learn how Varnholm keeps its harbour basins clean.

## 2. Lessons learned

1. Floating booms at every quay catch most litter before it sinks.
2. Fishing crews return old nets for free when the harbour collects them at the quay.
3. A sorting barge is a last step, not a substitute for deposits on bottles and cans.
4. Small repair workshops for nets build support among the crews at a very low cost.

## 3. Recommendations

The delegation recommends that the Town of Kestrel:

- install floating booms at the ferry quay in 2026;
- start a net return scheme with the fishing cooperative.
"""


def test_a_list_question_naming_a_section_gets_its_items_from_the_first(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'What lessons did the delegation learn?' over a report's '2. Lessons learned': the section's items in
    order, from its first, and not the next section's list, though its likeliest item is the third ('last step')."""
    service = made_up_service(tmp_path_factory, "section-items", {"visit-report.md": _VISIT})
    answer = service.ask("What lessons did the delegation learn in Varnholm?")
    assert answer.found, answer.answer
    spots = [answer.answer.find(item) for item in ("Floating booms at every quay", "return old nets", "last step",
                                                     "repair workshops")]
    assert all(n >= 0 for n in spots) and spots == sorted(spots), answer.answer
    assert "ferry quay" not in answer.answer and "recommends" not in answer.answer, answer.answer


_MINUTES = """# Minutes of the Sixth Meeting of the Kestrel-Ormund Harbour Committee

The Sixth Meeting of the Kestrel-Ormund Harbour Committee was held in Kestrel on 4 March 2025.
The Chair welcomed the Ormund delegation and recalled the friendship agreement signed by the two towns in 2011.
The Committee reviewed the dredging plan for the shared estuary and approved its second phase.
The Committee agreed to open a joint training course for harbour pilots in September 2025.
The Seventh Meeting of the Kestrel-Ormund Harbour Committee will be held in Ormund in the spring of 2026.
The Seventh Meeting will review the pilots' training course and the estuary's new buoys.
"""


def test_an_overview_of_one_meeting_of_a_series_leaves_out_the_next(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """A briefing on the Sixth Meeting: points about it, not about the Seventh, which its minutes announce in words
    the question shares just as well."""
    service = made_up_service(tmp_path_factory, "overview-edition", {"minutes-6.md": _MINUTES})
    answer = service.ask("Brief me on the Sixth Meeting of the Kestrel-Ormund Harbour Committee.")
    assert answer.found, answer.answer
    assert "4 March 2025" in answer.answer and "Seventh" not in answer.answer, answer.answer


def test_a_question_on_one_meeting_of_a_series_is_not_answered_by_the_next(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'When and where was the Sixth Meeting held?': the minutes say when and where the Seventh will be, in the
    question's words; the Sixth's own sentence answers."""
    service = made_up_service(tmp_path_factory, "fact-edition", {"minutes-6.md": _MINUTES})
    answer = service.ask("When and where was the Sixth Meeting of the Kestrel-Ormund Harbour Committee held?")
    assert answer.found, answer.answer
    assert "4 March 2025" in answer.answer and "Seventh" not in answer.answer, answer.answer


_REPORTS = {
    "corvin-annual-report-2024.md": "# Corvin International Relations Office: Annual Report, Fiscal Year 2024\n\n"
    "The Office received 63 foreign delegations in fiscal year 2024, against 48 in fiscal year 2023.\n"
    "Of the delegations received in fiscal year 2024, 21 came from Asia and 17 from Europe.\n"
    "The Office organised 9 outgoing missions, to 7 countries.\n",
    "corvin-annual-report-2022.md": "# Corvin International Relations Office: Annual Report, Fiscal Year 2022\n\n"
    "The Office received 35 foreign delegations in fiscal year 2022, against 19 in fiscal year 2021.\n"
    "The Office organised 4 outgoing missions, to 3 countries.\n",
}


def test_a_question_on_one_year_is_not_answered_by_another_years_sentence(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Two years' reports say the same thing in the same words: the sentence naming the year asked answers, and a
    Thai question's Buddhist-era year ('ปีงบประมาณ 2567') is that year (fiscal year 2024)."""
    service = made_up_service(tmp_path_factory, "year-asked", _REPORTS)
    for question in ("How many foreign delegations did the Office receive in fiscal year 2024?",
                     "ในปีงบประมาณ 2567 สำนักงานรับคณะผู้แทนต่างประเทศกี่คณะ"):
        answer = service.ask(question, mode="extractive")
        assert answer.found and answer.answer.startswith("The Office received 63"), answer.answer
    answer = service.ask("How many foreign delegations did the Office receive in fiscal year 2022?", mode="extractive")
    assert answer.found and answer.answer.startswith("The Office received 35"), answer.answer


def test_a_meeting_of_a_series_named_in_lower_case_is_one_edition(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'at its sixth meeting' asks about the Sixth Meeting as the capitalised name does."""
    service = made_up_service(tmp_path_factory, "lower-edition", {"minutes-6.md": _MINUTES})
    answer = service.ask("What did the harbour committee agree at its sixth meeting?")
    assert answer.found, answer.answer
    assert "training course for harbour pilots" in answer.answer and "Seventh" not in answer.answer, answer.answer


_CONCEPT = """# Concept Note on a Harbour Towns Network

This concept note sets out the proposal of the Town of Tarrow for a network of harbour towns.

## Core Elements

The core elements of the Harbour Towns Network will be:

Harbour Action Plans for Clean Basins (2026 - 2030)

These action plans will be drafted by member towns during a workshop that Tarrow will host in May 2026. They will
list the projects each town will carry out in its basins until 2030.

A Harbour Towns Framework

The framework will set common goals for clean basins and safe quays, and will be drafted by the member towns.

An Annual Meeting of the Network

The meeting will review progress on the action plans and will be hosted by each town in turn.

A Twinning Programme

Each member town will be paired with a partner port abroad to exchange harbour staff.
"""


def test_a_named_sections_announced_list_of_titled_items_gets_every_title(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'What core elements did Tarrow's concept note propose?' over a section announcing its titled items, each
    followed by an explanation: the four titles, not the first title's explanation (which alone names Tarrow)."""
    service = made_up_service(tmp_path_factory, "titled-section", {"concept-note.md": _CONCEPT})
    answer = service.ask("What core elements did Tarrow's concept note propose for the Harbour Towns Network?")
    assert answer.found, answer.answer
    for title in ("Harbour Action Plans", "Harbour Towns Framework", "Annual Meeting", "Twinning Programme"):
        assert title in answer.answer, answer.answer


_ANNUAL_2025 = """# Harbour Office of Tarrow: Annual Report 2025

## The year at a glance

The Harbour Office of Tarrow received 52 foreign delegations in 2025 and signed 4 new agreements with ports abroad.

## Challenges

Three of the Office's 20 posts were vacant at the end of the year, which delayed the follow-up of two agreements.
Customs checks for visiting crews took longer than planned, and few quay staff speak a foreign language.

Priorities for the coming year

1. Fill the vacant posts of the Office.
2. Open a desk for visiting crews at the north quay.
3. Train quay staff in English.
"""


def test_a_named_section_ends_at_a_heading_in_sentence_case(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'What challenges did the Office face?': the 'Challenges' section's statements, up to the line in sentence
    case that heads the next ('Priorities for the coming year'), not that section's items."""
    service = made_up_service(tmp_path_factory, "section-end", {"harbour-annual-2025.md": _ANNUAL_2025})
    answer = service.ask("What challenges did the Harbour Office of Tarrow face in 2025?")
    assert answer.found, answer.answer
    assert "vacant at the end of the year" in answer.answer and "foreign language" in answer.answer, answer.answer
    assert "Priorities" not in answer.answer and "desk for visiting crews" not in answer.answer, answer.answer


_FRAMEWORK = """# Harbour Towns Network Framework

This document sets out the key features of the network's smart harbour projects and the goals they share.
Smart harbour projects in the network should cut emissions, keep basins clean and make quays safe for crews.
The network's harbour projects are reviewed every year by the member towns at their annual meeting.
"""

_VARNHOLM = """# Harbour Towns Network Progress Report 2025

## Varnholm

Varnholm installed floating booms at all of its eleven quays in 2024, which catch most litter in its basins.
Varnholm's shore power project now supplies 14 ferries at berth, cutting the harbour's emissions by a fifth.
The Varnholm net return scheme collected 38 tonnes of old fishing nets in its first year of operation.
Varnholm plans a sorting barge for its outer basin, to be in service by the end of 2026.
"""


def test_an_overviews_points_name_what_it_asks_about(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Brief me on Varnholm's harbour projects across the network documents': the framework's sentences share
    'harbour projects', 'network' and 'documents' with the question, but say nothing of Varnholm."""
    service = made_up_service(tmp_path_factory, "overview-subject", {"framework.md": _FRAMEWORK,
                                                                    "progress-2025.md": _VARNHOLM})
    answer = service.ask("Brief me on Varnholm's harbour projects across the network documents.")
    assert answer.found, answer.answer
    points = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert len(points) >= 2 and all("Varnholm" in p for p in points), answer.answer


_THAI_PROJECT = """สรุปโครงการนาวาเมืองร่มรื่น ประจำปีงบประมาณ พ.ศ. ๒๕๖๙

หน่วยงานรับผิดชอบ: กองสวนสาธารณะ นครนาวา

นครนาวาจัดทำโครงการนี้เพื่อลดความร้อนในเมืองและเพิ่มร่มเงาให้แก่ประชาชนในชุมชนหนาแน่น

โครงการจะปลูกต้นไม้ยืนต้น ๒๕,๐๐๐ ต้น ใน ๑๒ เขต และติดตั้งหลังคาเย็นในโรงเรียน ๔๐ แห่ง

โครงการได้รับงบประมาณ ๓๘ ล้านบาท จากงบประมาณรายจ่ายประจำปี พ.ศ. ๒๕๖๙ ของนครนาวา
"""

_ENGLISH_NOTE = """# Briefing note on the Nawa Shade City project

The Nawa Shade City project is the largest tree planting programme the city has run.
The Governor of Nawa will open the first school garden of the project in June 2026.
The project team will report on the planting to the City Council every quarter.
Partner cities have offered to share their experience of cool roofs with the project team.
"""


def test_a_thai_overview_is_made_of_thai_statements(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Thai ends a sentence with a space, not a stop: its sentences are statements too, and a Thai briefing takes
    its points from the Thai summary rather than from an English note on the same project."""
    service = made_up_service(tmp_path_factory, "overview-thai", {"nawa-summary.txt": _THAI_PROJECT,
                                                                  "nawa-note.md": _ENGLISH_NOTE})
    answer = service.ask("สรุปโครงการนาวาเมืองร่มรื่น")
    assert answer.found, answer.answer
    assert "๒๕,๐๐๐ ต้น" in answer.answer, answer.answer


_OSTBY_VISIT = """# Report on the study visit of the Tarrow delegation to Ostby, 10-14 June 2024

## Purpose

The visit was made at the invitation of Ostby City Council under the friendship agreement of 2019.
Its purpose was to learn how Ostby raised the share of its ferries that run on electricity.

## Programme

| Day | Date | Site visited | Host |
|---|---|---|---|
| 1 | 10 June 2024 | Ostby ferry yard | Ostby Ferries |
| 2 | 11 June 2024 | Charging pier at the north quay | Ostby Port Authority |
| 3 | 12 June 2024 | Meeting with Deputy Mayor Karin Lund | Ostby City Council |

## Delegation

The delegation of 9 members was led by Ms. Anna Reeve, Director of the Tarrow Harbour Office.
The visit cost 640,000 crowns, paid from the Harbour Office's budget for 2024.
"""


def test_an_overviews_points_are_statements_not_table_rows(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A programme table's rows state dates and people too, but a briefing's points are sentences: who led the
    visit comes before a row of the programme."""
    service = made_up_service(tmp_path_factory, "overview-rows", {"visit-ostby.md": _OSTBY_VISIT})
    answer = service.ask("Brief me on the study visit to Ostby.")
    assert answer.found, answer.answer
    points = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert len(points) >= 3, answer.answer
    assert not any("Site visited:" in p for p in points), answer.answer
    assert "Anna Reeve" in answer.answer, answer.answer


_FESTIVAL = """# Tarrow Harbour Festival 2026 - Programme

14-16 August 2026, Tarrow Quay, organised by the Harbour Office of Tarrow with the Town of Ormund.

The festival opens with a parade of tall ships. Ormund sends its brass band and two fishing boats.

# Memorandum of Understanding between Tarrow and Ormund

This Memorandum shall take effect on the date of its signature and shall remain in force for a period of three (3)
years. The Parties shall exchange harbour pilots every spring.
"""


def test_a_question_in_everyday_words_asks_when_or_how_long(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Take place' and 'last' only say that something happens: the programme's dates answer when the festival takes
    place, and the term of three years how long the memorandum lasts, though neither uses those words."""
    service = made_up_service(tmp_path_factory, "everyday-words", {"festival-2026.md": _FESTIVAL})
    answer = service.ask("When does the Tarrow Harbour Festival take place?")
    assert answer.found and "14-16 August 2026" in answer.answer, answer.answer
    answer = service.ask("How long will the memorandum between Tarrow and Ormund last?")
    assert answer.found and "three (3) years" in answer.answer, answer.answer


def test_a_who_question_opens_with_the_sentence_naming_someone_though_another_scores_higher(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Selection opens a question asking for a kind of value with a sentence stating one; the composed answer keeps
    that opening rather than the higher-scored sentence that names nobody."""
    met = "Both councils met in spring 2027 to agree the ferry accord and its timetable."
    named = "The ferry accord was drawn up by Mayor Ilse Varga of Dravik."
    service = made_up_service(tmp_path_factory, "typed-opening", {"ferry.md": f"# Ferry accord\n\n{met} {named}\n"})
    question = "Who drew up the ferry accord between Dravik and Holme?"
    analysis = service.analyse(question)
    probs = np.array([0.9 if s.text == met else 0.7 if s.text == named else 0.1 for s in analysis.sentences])
    model = shipped_model().model_copy(update={"selection": Selection(ratio=0.6, floor=0.2, novelty=0.3)})
    chosen = select(analysis, probs, model)
    text, _ = compose(question, analysis.intent, chosen)
    assert text.startswith("The ferry accord was drawn up by"), text


_SEATS = "The council of Dunmore has nine seats."
_SHARED = ("Seats are shared out among the wards of Dunmore in proportion to the number of residents each ward "
           "counted at the last census, with at least one seat for every ward.")
_TERM = "The council sits for four years from the day of its election."
_HALL = ("The council of Dunmore meets in the old town hall by the river, in the long room above the market, on the "
         "first Monday of each month.")


def test_each_part_of_a_question_gets_a_sentence_past_the_answers_length(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The answer's length stops its sentences, but not before every part of the question has one: the long
    sentence on how seats are shared joins past the room the others leave; the hall's, likelier than the term's but
    answering no part, does not."""
    service = made_up_service(tmp_path_factory, "three-parts", {
        "dunmore-council.md": f"# The council of Dunmore\n\n{_SEATS} {_HALL}\n\n{_SHARED}\n\n{_TERM}\n",
    })
    analysis = service.analyse("How many seats does the council of Dunmore have, how are they shared out, and for "
                               "how many years does it sit?")
    scores = {_SEATS[:30]: 0.9, _SHARED[:30]: 0.85, _HALL[:30]: 0.8, _TERM[:30]: 0.5}
    probs = np.array([next((p for start, p in scores.items() if s.text.startswith(start)), 0.21)
                      for s in analysis.sentences])
    model = shipped_model().model_copy(update={"selection": Selection(ratio=0.6, floor=0.2, novelty=0.3,
                                                                      fact_chars=150)})
    chosen = [s.text for s in select(analysis, probs, model).sentences]
    assert chosen[0] == _SEATS and set(chosen) == {_SEATS, _SHARED, _TERM}, chosen


_COUNCIL = "The river council of Orvane meets twice a year in one of its member towns."
_HOST = "The host town bears the cost of each session."
_FOUNDING = "The river council of Orvane was founded by six towns along the river."


def test_a_part_no_sentence_words_is_answered_by_the_sentence_closest_in_meaning(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Who pays' meets 'bears the cost' in meaning only: that sentence answers the part, though likelier ones say
    nothing of it."""
    service = made_up_service(tmp_path_factory, "part-meaning", {
        "orvane-council.md": f"# The river council of Orvane\n\n{_COUNCIL} {_FOUNDING}\n\n{_HOST}\n",
    })
    analysis = service.analyse("How often does the river council of Orvane meet, and who pays for the meetings?")
    scores = {_COUNCIL[:30]: 0.9, _FOUNDING[:30]: 0.5, _HOST[:30]: 0.3}
    probs = np.array([next((p for start, p in scores.items() if s.text.startswith(start)), 0.21)
                      for s in analysis.sentences])
    model = shipped_model().model_copy(update={"selection": Selection(ratio=0.6, floor=0.2, novelty=0.3,
                                                                      fact_chars=100)})
    chosen = [s.text for s in select(analysis, probs, model).sentences]
    assert chosen == [_COUNCIL, _HOST], chosen
