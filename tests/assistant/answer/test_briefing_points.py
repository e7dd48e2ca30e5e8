"""What a briefing and a few kinds of question get from a record: a meeting's date and place from its minutes' fields,
a list of decisions whole, the note that names a call, its attendees by side, a report's recommendations, a share as
a percentage, 'FY2024' read as 'fiscal year 2024'. Made-up documents only."""

from __future__ import annotations

import pytest

from assistant.answer.points import is_statement
from assistant.service import AssistantService
from tests.conftest import made_up_service

_MINUTES = """# Minutes of the Ninth Meeting of the Lanvik-Orsa River Council

Date: Tuesday, 14 October 2025, 09:00-11:45

Venue: Heron Hall, Lanvik Civic Centre

## 1. Attendees

Lanvik side:

1. Ms. Edda Marn, Deputy Mayor of Lanvik (Chair)
2. Mr. Tobias Fell, Director, River Works Department

Orsa side:

1. Mr. Piet Valdo, Alderman for Water (Co-chair)
2. Ms. Runa Skeld, Head of the Port Office
3. Dr. Imke Harl, Director, Water Laboratory

## 2. Opening

The Chair welcomed the delegation from Orsa and recalled that the council has met twice a year since 2017. The
Co-chair thanked the Chair for the hospitality of the city.

## 3. Reports

3.1 The River Works Department reported that 14 of the 18 projects of the 2024-2025 plan were completed.

3.2 The delegation from Orsa reported that the new flood barrier at the weir protects 5,200 homes.

## 4. Decisions

The Council agreed:

(a) to open a joint river monitoring station at Kell Bridge in 2026;
(b) to exchange two hydrologists a year from 2026;
(c) to hold a boat festival on the river in June 2026;
(d) that the fish ladder study will be led by the Water Laboratory.

## 5. Closing

The Tenth Meeting will be held in Orsa in the spring of 2026. The Chair closed the meeting at 11:45.
"""

_REPORT = """# Lanvik International Office Annual Report 2024

## Budget

The Office was allocated 12,400,000 baht for fiscal year 2024 and spent 11,321,200 baht, a spending rate of 91.3
percent. The budget by programme was as follows:

| Programme | Allocated (baht) | Spent (baht) |
|---|---|---|
| Exchanges | 7,000,000 | 6,510,000 |
| Events | 5,400,000 | 4,811,200 |
"""

_NOTE = """INTERNAL

# Briefing Note for the Mayor

Courtesy call by Ms. Vera Holm, Governor of Kestria Province. Thursday 5 March 2026, 15:00, Mayor's Parlour, Lanvik
City Hall.

# Background

Kestria Province and Lanvik signed a friendship agreement in 2023. This is Ms. Holm's first visit to Lanvik.

# Objectives of the call

Thank Kestria Province for its support of the river monitoring station at Kell Bridge.

Propose a joint apprenticeship scheme for river engineers from both sides.
"""

_LETTER = """Office of the Governor, Kestria Province

9 March 2026

Dear Mayor,

On behalf of Kestria Province, I wish to thank you warmly for the hospitality that you and your colleagues extended to
my delegation during our visit to Lanvik from 4 to 6 March 2026. The Governor of Kestria was glad to discuss with the
Mayor a joint apprenticeship scheme for river engineers, and my staff will send a first proposal in May 2026.

Yours sincerely,

Vera Holm
Governor of Kestria Province
"""

_VISIT = """# Report of the Study Visit to Orsa Harbour

## 1. Purpose

The delegation visited Orsa in May 2025 to study its electric ferries and its flood barriers.

## 2. Findings

Orsa runs 14 electric ferries across its harbour. The barrier at the weir protects 5,200 homes.

## 3. Recommendations

Pilot two electric ferries on the Lanvik river in 2026.

Train four harbour engineers at the Orsa Port Office.

Invite the Orsa harbour master to the Lanvik river festival in June 2026.

## 4. Cost

The visit cost 412,000 baht, paid from the budget of the International Office.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return made_up_service(tmp_path_factory, "briefing-points", {"river-council-minutes.md": _MINUTES,
                                                                 "office-report-2024.md": _REPORT,
                                                                 "briefing-note-kestria-call.md": _NOTE,
                                                                 "letter-kestria-thanks.txt": _LETTER,
                                                                 "orsa-visit-report.md": _VISIT})


def test_a_briefing_on_a_meeting_opens_with_its_date_and_place_and_keeps_its_decisions_whole(
        service: AssistantService) -> None:
    answer = service.ask("Brief me on the Ninth Meeting of the Lanvik-Orsa River Council.")
    assert answer.found, answer.answer
    lines = answer.answer.splitlines()
    assert lines[0].startswith("- Date: Tuesday, 14 October 2025"), answer.answer
    assert "Heron Hall" in lines[1], answer.answer
    decisions = ("Kell Bridge", "two hydrologists", "boat festival", "fish ladder")
    assert all(any(line.startswith("  - ") and d in line for line in lines) for d in decisions), answer.answer


def test_a_briefing_on_a_call_comes_from_the_note_that_names_it(service: AssistantService) -> None:
    """The note opens with the call and its date; the guest's letter of thanks about the same visit repeats the
    question's words in likelier sentences, and names another date."""
    answer = service.ask("Brief me on the Kestria Governor's courtesy call to the Mayor.")
    assert answer.found, answer.answer
    assert answer.answer.startswith("- Thursday 5 March 2026, 15:00"), answer.answer
    assert "9 March 2026" not in answer.answer and all(c.source.startswith("briefing-note")
                                                       for c in answer.citations), answer.answer


def test_who_attended_from_one_side_lists_that_sides_people(service: AssistantService) -> None:
    answer = service.ask("Who attended the meeting from Orsa?")
    assert answer.found, answer.answer
    assert all(name in answer.answer for name in ("Piet Valdo", "Runa Skeld", "Imke Harl")), answer.answer


def test_a_share_of_a_budget_is_answered_with_the_percentage(service: AssistantService) -> None:
    """'FY2024' is the report's 'fiscal year 2024'; a share of a budget asks for a ratio, not an amount."""
    answer = service.ask("What share of its FY2024 budget did the office spend?")
    assert answer.found and answer.answer.startswith("91.3 percent [1]."), answer.answer


def test_what_a_report_recommends_is_its_recommendations_section(service: AssistantService) -> None:
    """'What did ... recommend?' asks for the recommendations, one per item: the section headed so, in order."""
    answer = service.ask("What did the Orsa visit report recommend?")
    assert answer.found, answer.answer
    wanted = ("two electric ferries", "four harbour engineers", "harbour master")
    assert all(w in answer.answer for w in wanted), answer.answer
    assert "412,000" not in answer.answer and "5,200" not in answer.answer, answer.answer


_STATEMENT = """Joint Statement of the Third Meeting of Harbour Mayors of the Tarlow Sea

Orvane, 12 May 2026

We, the Mayors of the harbour cities of the Tarlow Sea, gathered in Orvane on 12 May 2026 for the Third Meeting of
Harbour Mayors of the Tarlow Sea:

1. Recalling the Tarlow Sea Harbour Charter adopted at the First Meeting of Harbour Mayors in 2018;

2. Recognising the role of harbour cities of the Tarlow Sea in protecting their residents from storm surges;

3. Welcoming the offer of Dunmore to host the Fourth Meeting of Harbour Mayors of the Tarlow Sea;

4. Acknowledging the support of the Tarlow Sea Development Bank for the harbour cities;

Hereby:

1. Agree to establish a Storm Surge Task Force, composed of one engineer from each harbour city, by March 2027;

2. Commit to raise the sea walls of every member harbour by at least 80 centimetres by 2035;

3. Welcome the pledge of the Tarlow Sea Development Bank of 40 million euros for harbour defences;

4. Express our appreciation to the City of Orvane for its warm hospitality.
"""


def test_a_briefing_on_a_statement_gives_what_was_agreed_not_its_preamble(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The preamble ('Recalling ...;', 'Welcoming ...;') repeats the meeting's name and sets the scene; what the
    mayors agreed are the points."""
    service = made_up_service(tmp_path_factory, "statement", {"tarlow-joint-statement-2026.txt": _STATEMENT})
    answer = service.ask("Brief me on the Third Meeting of Harbour Mayors of the Tarlow Sea.")
    assert answer.found, answer.answer
    assert "Storm Surge Task Force" in answer.answer and "80 centimetres" in answer.answer, answer.answer
    assert not any(w in answer.answer for w in ("Recalling", "Recognising", "Welcoming", "Acknowledging")), \
        answer.answer


_LEADERS = """TARLOW SEA MAYORS' STATEMENT ON HARBOUR RESILIENCE

WE, the Mayors of the harbour cities of the Tarlow Sea, on the occasion of the Third Meeting of Harbour Mayors in
Orvane, on 12 May 2026;

RECALLING the Tarlow Sea Harbour Charter adopted by the First Meeting of Harbour Mayors in Dunmore in 2018;

REAFFIRMING the Corvin Declaration on Storm Surges adopted in 2022, which called for joint early warning;

NOTING the storm surges that flooded four harbour cities of the Tarlow Sea in 2025;

HEREBY agree to establish a Storm Surge Task Force by March 2027.
"""


def test_a_fact_answer_does_not_open_with_a_preamble_clause(tmp_path_factory: pytest.TempPathFactory) -> None:
    """'RECALLING the Charter adopted in 2018;' dates the instrument it recalls: asked when the statement was
    adopted, the answer opens with the statement's own date (many statements write their preamble in capitals)."""
    service = made_up_service(tmp_path_factory, "leaders", {"tarlow-mayors-statement.txt": _LEADERS})
    answer = service.ask("When was the Tarlow Sea Mayors' Statement on Harbour Resilience adopted?")
    assert answer.found, answer.answer
    assert "12 May 2026" in answer.answer.split("[1]")[0], answer.answer
    clause = "RECALLING the Tarlow Sea Harbour Charter adopted by the First Meeting of Harbour Mayors in 2018;"
    assert not is_statement(clause) and not is_statement(clause.capitalize())  # no briefing point either


_HARBOUR_REPORT = """# Tarnby Harbour Board Annual Report 2025

Published by the Tarnby Harbour Board, March 2026.

## Traffic

Cargo volume rose to 4.1 million tonnes, up 6 percent on the year before.

Container calls fell slightly, to 312 ships, while cruise calls doubled to 58.

## Staff

Twelve new pilots joined the pilotage service after eighteen months of training.

## Outlook

Dredging of the north channel to 14 metres starts in May 2026 and should end in 2027.
"""

_FERRY_NOTICE = """# Notice to ferry passengers

The Tarnby harbour ferry will run every twenty minutes during the summer festival in July 2026.

Tickets for the harbour ferry are sold at the Tarnby quay kiosk and on the Tarnby Harbour Board website.
"""


def test_a_briefing_on_a_named_report_takes_its_statements_whatever_words_they_share(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Asked in Thai, no sentence of the English report repeats the briefing's words, so each looks unlikely to the
    ranker; the report's title names what is asked, so its statements are the points, not two of them."""
    service = made_up_service(tmp_path_factory, "harbour-report", {
        "tarnby-harbour-board-annual-report-2025.md": _HARBOUR_REPORT, "tarnby-ferry-notice.md": _FERRY_NOTICE})
    answer = service.ask("สรุปรายงานประจำปี 2025 ของ Tarnby Harbour Board")
    assert answer.found, answer.answer
    points = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert len(points) >= 4 and "4.1 million tonnes" in answer.answer and "pilots" in answer.answer, answer.answer
    assert all(c.source.startswith("tarnby-harbour-board") for c in answer.citations), answer.answer
