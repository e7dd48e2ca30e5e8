"""Refusal floors that hold whatever the classifier says. Made-up documents, so no gold question or corpus entity is
named."""

from __future__ import annotations

import pytest

from assistant.answer.model import shipped_model
from assistant.service import AssistantService
from tests.conftest import made_up_service


def _refused(service: AssistantService, question: str) -> None:
    """The extractive answer refuses (the floors hold whatever the classifier says)."""
    answer = service.ask(question, mode="extractive")
    assert not answer.found, answer.answer


def _answered(service: AssistantService, question: str, expected: str) -> None:
    """The extractive answer is found and quotes ``expected``."""
    answer = service.ask(question, mode="extractive")
    assert answer.found and expected in answer.answer, answer.answer


_REPORT = """# Corvin International Relations Annual Report 2023

In 2023 the Department of External Relations of Corvin handled 48 foreign delegations, up from 31 in 2022. The
exchange programme with Dunmore sent 14 nursing students to Dunmore General Hospital for a three-month placement.
The department's budget for 2023 was 3.2 million crowns, of which 40% went to the exchange programmes.
"""


_STATEMENT = """CHAIRMAN'S STATEMENT OF THE FIFTH ANNUAL MEETING OF THE LAKESIDE CITIES NETWORK

1. The Fifth Annual Meeting of the Lakeside Cities Network was held in Orvik on 12-13 June 2023 under the
chairmanship of Mayor Ilse Brandvold of Orvik.

2. The Meeting agreed that the Sixth Annual Meeting will be held in Pellin in the second half of 2024.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "refusal-floors", {"corvin-report-2023.md": _REPORT,
                                                               "lakeside-statement-2023.txt": _STATEMENT})


def test_the_shipped_model_refuses_questions_whose_focus_no_document_uses() -> None:
    # no answerable gold question was one, in either language: a Thai word an English passage translates is known
    assert shipped_model().focus_unknown_refuses == ["en", "th"]


def test_a_question_about_what_no_document_mentions_is_refused(service: AssistantService) -> None:
    answer = service.ask("What is the population of Corvin?", mode="extractive")
    assert not answer.found, answer.answer  # 'population' is in no document, though Corvin is in every sentence
    answer = service.ask("How many foreign delegations did Corvin's department handle in 2023?", mode="extractive")
    assert answer.found and "48" in answer.answer, answer.answer
    answer = service.ask("เมือง Corvin มีประชากรกี่คน", mode="extractive")  # its population, asked in Thai
    assert not answer.found, answer.answer


def test_a_value_stated_for_another_year_does_not_answer_the_year_asked(service: AssistantService) -> None:
    assert shipped_model().occasion_unmet_refuses  # no answerable gold question was one
    answer = service.ask("What was the department's budget in 2022?", mode="extractive")
    assert not answer.found, answer.answer  # the report gives 2023's budget; 2022 only for the delegations
    answer = service.ask("What was the department's budget in 2023?", mode="extractive")
    assert answer.found and "3.2 million" in answer.answer, answer.answer


def test_a_question_about_another_edition_is_refused(service: AssistantService) -> None:
    assert shipped_model().occasion_unmet_refuses
    answer = service.ask("Who chaired the Sixth Annual Meeting of the Lakeside Cities Network?", mode="extractive")
    assert not answer.found, answer.answer  # the statement names who chaired the Fifth, and where the Sixth meets
    answer = service.ask("Who chaired the Fifth Annual Meeting of the Lakeside Cities Network?", mode="extractive")
    assert answer.found and "Brandvold" in answer.answer, answer.answer


def test_an_edition_only_announced_has_nothing_to_report(service: AssistantService) -> None:
    """'... the Sixth Annual Meeting will be held in Pellin': what happened there is not said anywhere; where it
    will meet is."""
    _refused(service, "What was agreed at the Sixth Annual Meeting of the Lakeside Cities Network?")
    _answered(service, "Where will the Sixth Annual Meeting of the Lakeside Cities Network be held?", "Pellin")


_NEWS = """# Tarrow harbour news

The Ninth Tarrow River Festival was held on 2-4 August 2027 along the old harbour. The festival drew 14,500
visitors, a record, and 120 boats took part in the parade on the last evening.
"""


def test_the_edition_may_be_named_in_the_sentence_before_the_value(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'The Ninth Festival was held ...' then 'The festival drew 14,500 visitors': the visitors are the Ninth's, and
    no other edition's. The edition's ordinal is which festival, not what is asked ('ninth' is no focus word)."""
    service = made_up_service(tmp_path_factory, "edition-before", {"harbour-news-2027.md": _NEWS})
    answer = service.ask("How many visitors came to the ninth Tarrow River Festival?", mode="extractive")
    assert answer.found and "14,500" in answer.answer, answer.answer
    answer = service.ask("How many visitors came to the eighth Tarrow River Festival?", mode="extractive")
    assert not answer.found, answer.answer


_BOARD = """# Tarrow harbour board report 2027

In 2027 the port welcomed 48 cruise calls, up from 31 in 2026. The harbour board met 12 times to plan the season.
"""


def test_a_sentence_before_naming_two_years_tells_neither(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'In 2027 ... 48, up from 31 in 2026' then 'The board met 12 times': the report's year, not 2026."""
    service = made_up_service(tmp_path_factory, "years-before", {"harbour-board-2027.md": _BOARD})
    answer = service.ask("How many times did the harbour board meet in 2026?", mode="extractive")
    assert not answer.found, answer.answer
    answer = service.ask("How many times did the harbour board meet in 2027?", mode="extractive")
    assert answer.found and "12 times" in answer.answer, answer.answer


def test_a_word_is_known_when_a_document_uses_a_longer_word_of_its_stem(service: AssistantService) -> None:
    # 'chaired' is nowhere, 'chairmanship' is: the focus is known, as the answer engine's matching has it
    assert service.retriever.unknown_words(["chaired", "zyqvorthed"]) == ["zyqvorthed"]
    assert service.retriever.unknown_words(["sign"]) == ["sign"]  # too short a stem to stand for a longer word


_TOWNS = """# Riverside Towns Progress Report 2024

## Kessen

Kessen has expanded its electric fleet to 80 buses on 11 routes.

## Morava

Morava launched a flood warning app in 2022. The app now has 31,000 users, and river cameras watch 10 bridges.

## Tellin

Tellin completed its digital land registry in April 2024 with support from a development bank.
"""


@pytest.fixture(scope="module")
def towns(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "subject-floor", {"towns-report-2024.md": _TOWNS})


def test_a_value_stated_about_something_else_does_not_answer(towns: AssistantService) -> None:
    assert shipped_model().subject_unmet_refuses  # no answerable gold question was one
    answer = towns.ask("How many users did Tellin's app have?", mode="extractive")
    assert not answer.found, answer.answer  # the users are Morava's app's; Tellin's section says nothing of an app
    answer = towns.ask("How many electric buses does Morava operate?", mode="extractive")
    assert not answer.found, answer.answer
    answer = towns.ask("How many users does Morava's flood warning app have?", mode="extractive")
    assert answer.found and "31,000" in answer.answer, answer.answer
    answer = towns.ask("How many buses does Kessen's electric fleet have?", mode="extractive")
    assert answer.found and "80 buses" in answer.answer, answer.answer


_ORDINANCE = """# Ordinance of the Town of Pellin on Harbour Grants

Section 1. This Ordinance is called the Ordinance on Harbour Grants.

Section 2. This Ordinance shall come into force sixty days after the date of its publication in the Pellin Gazette.

Section 3. A harbour grant is money or goods given to the Town by a foreign body for work in the harbour.

Section 4. The Harbour Committee approves a harbour grant of more than one million crowns.
"""


def test_when_a_law_takes_effect_is_answered_by_the_time_it_counts_from_an_event(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'When does the Ordinance come into force?': 'sixty days after its publication' answers it, though it is no
    date; nothing else in the Ordinance is a time at all."""
    service = made_up_service(tmp_path_factory, "relative-when", {"ordinance-harbour-grants.md": _ORDINANCE})
    answer = service.ask("When does the Ordinance on Harbour Grants come into force?", mode="extractive")
    assert answer.found and "sixty days after" in answer.answer, answer.answer


_ATTENDEES = """# Minutes of the Harbour Committee of Orvik, 3 May 2025

## Attendees

Ms. Ilse Brandvold, Mayor of Orvik (Chair)

Mr. Tomas Hale, Head of the Harbour Office

Ms. Rana Obi, Director, Orvik Port Authority

## Decisions

The Committee approved the dredging plan for the outer basin.
"""


def test_a_persons_position_is_answered_by_the_office_beside_the_name(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """No document uses the word 'position': the question asks for an office, which the attendees' list states."""
    service = made_up_service(tmp_path_factory, "office-asked", {"minutes-orvik.md": _ATTENDEES})
    answer = service.ask("What is Tomas Hale's position?", mode="extractive")
    assert answer.found and "Head of the Harbour Office" in answer.answer, answer.answer


_PARTNERS = """# Corvin Department of External Relations Annual Report 2023

## Friendship cities

Corvin maintains friendship city relationships with Dunmore, Halvik and Oskarn. The exchange programme with
Dunmore sent 14 nursing students to Dunmore General Hospital for a three-month placement. The youth football
exchange with Halvik will start in March 2025, a year later than planned, because of budget constraints. Each youth
football exchange brings 20 young players and two coaches to the host city.

## Budget

The department's budget for 2023 was 3.2 million crowns, of which 40% went to the exchange programmes.
"""


def test_a_value_stated_for_one_of_several_partners_does_not_answer_for_another(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The sentence before names the partner asked among others; the year stated is of the one the sentence
    names instead, and nothing is said of the partner asked."""
    service = made_up_service(tmp_path_factory, "sibling-partner", {"corvin-report-2023.md": _PARTNERS})
    answer = service.ask("When will the youth football exchange with Oskarn start?", mode="extractive")
    assert not answer.found, answer.answer
    answer = service.ask("When will the youth football exchange with Halvik start?", mode="extractive")
    assert answer.found and "March 2025" in answer.answer, answer.answer


_EXCHANGE = """# Corvin International Relations Annual Report 2024

## Exchanges with Dunmore

In July 2024, 24 Corvin secondary students spent two weeks in Dunmore, staying with host families.
Dunmore Technical College will offer 6 scholarships a year to students from Corvin from 2025.
The two cities also exchanged their fire brigades' training manuals.
"""


def test_a_count_of_another_names_things_does_not_answer(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The same words with the roles the other way round: the students who travelled were Corvin's, the
    scholarships are for Corvin's students."""
    service = made_up_service(tmp_path_factory, "swapped-owner", {"corvin-report-2024.md": _EXCHANGE})
    _refused(service, "How many Dunmore students came to Corvin in July 2024?")
    _refused(service, "How many scholarships will Corvin offer to students from Dunmore?")
    _answered(service, "How many Corvin students went to Dunmore in July 2024?", "24 Corvin")
    _answered(service, "How many scholarships will Dunmore offer to students from Corvin?", "6 scholarships")


_PARTNER = """# Corvin partner cities

Corvin signed a friendship agreement with Dunmore in 2019.
Dunmore has 52,000 inhabitants and a busy fishing port.

## Waste

Corvin collects household waste twice a week. Households pay 40 euros a year for the service.
"""


def test_a_figure_in_a_sentence_opening_with_another_name_is_that_names(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Dunmore has 52,000 inhabitants' after a sentence on Corvin: Dunmore's figure, not Corvin's."""
    service = made_up_service(tmp_path_factory, "opening-name", {"corvin-partners.md": _PARTNER})
    _refused(service, "How many inhabitants does Corvin have?")
    _answered(service, "How many inhabitants does Dunmore have?", "52,000")
    # a capitalised first word is no name of its own: the households are Corvin's, as the sentence before says
    _answered(service, "How much do households in Corvin pay for waste collection?", "40 euros")


_REQUEST = """# Corvin International Relations Annual Report 2024

The department spent 3.1 million crowns in 2024. It has submitted a budget request of 3.6 million crowns for
2025, which is under review by the council.
"""


def test_a_figure_only_planned_for_a_year_does_not_answer_what_came_of_it(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """A request under review is no approved budget; asked as a request, it answers."""
    service = made_up_service(tmp_path_factory, "planned-year", {"corvin-report-2024.md": _REQUEST})
    _refused(service, "What budget was approved for the department for 2025?")
    _answered(service, "What budget did the department request for 2025?", "3.6 million")



_FLEETS = {"towns-report-2022.md": """# Riverside Towns Progress Report 2022

## Dunmore

Dunmore operates 45 electric buses on 6 routes, carrying about 18,000 passengers a day.
""", "towns-report-2024.md": """# Riverside Towns Progress Report 2024

## Corvin

In 2024 the Corvin Transport Authority carried 41.2 million passengers on its bus and tram network.

## Dunmore

Dunmore has expanded its electric fleet to 80 buses on 11 routes.
"""}


def test_the_subject_the_year_and_the_counted_things_are_read_in_one_sentence(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Dunmore's passengers are counted for 2022, the passengers of 2024 are Corvin's, and Dunmore's 2024 figure
    counts buses: no sentence counts Dunmore's passengers in 2024."""
    service = made_up_service(tmp_path_factory, "one-sentence", _FLEETS)
    _refused(service, "How many passengers a day did Dunmore's buses carry in 2024?")
    _answered(service, "How many passengers a day did Dunmore's buses carry in 2022?", "18,000")
    _answered(service, "How many buses did Dunmore have in 2024?", "80 buses")
    _answered(service, "How many passengers did the Corvin Transport Authority carry in 2024?", "41.2 million")


_ANNEX = """# Annex C: External Relations Statistics, Fiscal Year 2024

Dravenmoor City Council, External Relations Unit. Annex to the Annual Report 2024.

Figures cover the fiscal year from 1 October 2023 to 30 September 2024.

## Table C1: Foreign delegations received, by region

| Region | Type of visit | FY2023 (visits) | FY2024 (visits) |
|---|---|---|---|
| Asia | Courtesy call | 41 | 47 |
|  | Study visit | 22 | 29 |
| Europe | Courtesy call | 12 | 14 |
| Total |  | 75 | 90 |

## Table C2: International grants received, FY2024

| Grantor | Project | Amount (thousand crowns) |
|---|---|---|
| Tarlow Harbour Fund | Flood early warning | 3,200 |
| Total |  | 3,200 |
"""


def test_whose_figures_a_document_gives_is_read_in_its_opening_lines(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The annex says whose statistics it holds in the line under its title, never beside a figure; Tarlow is only a
    grantor in it. 'Fiscal year' beside the year is no word of what the question is about."""
    service = made_up_service(tmp_path_factory, "opening-subject", {"annex-c-2024.md": _ANNEX})
    _answered(service, "How many foreign delegations did Dravenmoor receive in fiscal year 2024?", "90")
    _refused(service, "How many foreign delegations did Tarlow receive in FY2024?")


_MOBILITY = """# Corvin Transport Authority Progress Report 2024

In 2024 the Corvin Transport Authority carried 41.2 million passengers on its bus and tram network, up from 36.8
million in 2023. Average bus punctuality rose to 87 percent. The Authority spent 58 million crowns on mobility
projects.

Corvin learned this again in October 2024. The flood of that year closed 112 schools for up to three weeks. I will
never forget the families I met in the evacuation centre. Since that flood the Authority has invested 3.2 billion
crowns in flood defences along the river.
"""


def test_a_year_a_span_starts_from_need_not_be_named_where_the_span_is_reported_on(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """'Since the 2024 flood' asks how much since then, not when: the sentence reporting it names no year (the flood's
    is three sentences back), and 'since' asks no date."""
    service = made_up_service(tmp_path_factory, "span-start", {"corvin-mobility-2024.md": _MOBILITY})
    _answered(service, "How much has the Authority invested in flood defences since the 2024 flood?", "3.2 billion")
    _answered(service, "How many passengers did the Authority carry in 2023?", "36.8")


_PROFILE = """# Corvin City Profile 2025

Published by the Statistics Office of the City of Corvin.

Corvin is a river port in the north of the country.

## Key figures

Indicator: Registered households; 2022: 41,200; 2023: 42,900; 2024: 44,100
Indicator: Bus passengers (million); 2022: 30.1; 2023: 33.4; 2024: 36.8
Indicator: Tourist arrivals (thousand); 2022: 410; 2023: 520; 2024: 615
"""


def test_a_row_of_values_by_year_gives_no_value_for_a_year_it_has_no_column_for(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The 2025 profile's table runs to 2024: its title's year is when it was written, not a year its rows give."""
    service = made_up_service(tmp_path_factory, "year-columns", {"corvin-profile-2025.md": _PROFILE})
    _answered(service, "How many households were registered in Corvin in 2023?", "42,900")
    _refused(service, "How many households were registered in Corvin in 2025?")
    _refused(service, "How many bus passengers did Corvin have in 2025?")


_HOUSING = """# Corvin Housing Programme Review

Prepared by the Housing Office of the City of Corvin.

The Corvin Housing Programme was launched to build 3,000 affordable homes for families on low incomes. In 2022 the
programme completed 1,060 homes in the districts of Elden and Marrow, and the first tenants moved in that year.
"""


def test_a_year_inside_a_span_asked_over_answers_for_the_span(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'from 2019 to 2024' is answered by what a sentence says of 2022; a single year outside it is not."""
    service = made_up_service(tmp_path_factory, "span-asked", {"corvin-housing-review.md": _HOUSING})
    _answered(service, "How many homes did the Corvin Housing Programme complete from 2019 to 2024?", "1,060")
    _refused(service, "How many homes did the Corvin Housing Programme complete in 2024?")
