"""A list question that names a group ('Which of Norwick's projects ...') gets that group's rows of a table or list,
not the first rows in reading order. Made-up documents, so no gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.answer.context import with_antecedents, with_items
from assistant.answer.units import chunk_sentences
from assistant.models import Chunk, DocumentMeta, Passage
from assistant.service import AssistantService
from tests.conftest import made_up_service

_ROWS = [
    ("Velmora", "Harbour Sensor Grid", "Quality Environment"),
    ("Velmora", "Open Permit Portal", "Civic & Social"),
    ("Tarsin", "River Bus Ticketing", "Built Infrastructure"),
    ("Tarsin", "School Meal Tracker", "Civic & Social"),
    ("Tarsin", "Flood Siren Network", "Safety & Security"),
    ("Norwick", "Street Light Dimming", "Quality Environment"),
    ("Norwick", "Market Stall Payments", "Industry & Innovation"),
    ("Orlam", "Clinic Queue Display", "Health & Well-being"),
    ("Orlam", "Bridge Strain Monitor", "Safety & Security"),
    ("Orlam", "Tourist Wayfinding Kiosks", "Industry & Innovation"),
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    rows = "\n".join(f"{n}. {city} {project} {area}" for n, (city, project, area) in enumerate(_ROWS, start=1))
    return made_up_service(tmp_path_factory, "rows", {
        "network-review.md":
            "# Review of the Lakeside Cities Network\n\n"
            "The network's members report their projects to the secretariat once a year. This review lists what "
            "each member city finished during the review period.\n\n"
            f"## Appendix\n\nList of completed network projects, by city:\n\n{rows}\n",
    })


def _items(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("city", ["Norwick", "Tarsin", "Orlam"])
def test_a_list_question_naming_a_group_gets_that_groups_rows(service: AssistantService, city: str) -> None:
    answer = service.ask(f"Which of {city}'s projects are listed as completed in the appendix?", mode="extractive")
    assert answer.found, answer.answer
    items = _items(answer.answer)
    wanted = [project for c, project, _ in _ROWS if c == city]
    assert all(any(project in item for item in items) for project in wanted), answer.answer
    others = [project for c, project, _ in _ROWS if c != city]
    assert not any(project in answer.answer for project in others), answer.answer


def test_a_list_question_naming_no_group_gets_the_rows_in_order(service: AssistantService) -> None:
    answer = service.ask("Which projects are listed as completed in the appendix?", mode="extractive")
    assert answer.found, answer.answer
    items = _items(answer.answer)
    assert len(items) >= 3, answer.answer
    assert _ROWS[0][1] in items[0], answer.answer



def _passage(text: str) -> Passage:
    meta = DocumentMeta(doc_id="note.md", source="note.md", title="Note on the ports of the coast")
    return Passage(chunk=Chunk(id="note.md#0", doc_id="note.md", text=text), meta=meta, score=1.0)


_NOTE = ("HARBOUR COUNCIL OF THE COAST\n\nThis note sets out the plan of the Harbour Council (HC).\n"
         "It was agreed by the members.\n"
         "Most of the region's growth will come from its ports, with 12 million more people expected to move to the "
         "port towns by 2040 and mid-sized ports forecast to carry 35% of the region's trade.\n"
         "However, this growth is not without its costs for the towns along the water.\n")


def test_a_list_lead_never_drops_the_sentence_that_answers() -> None:
    # 'figures do' makes it a list question; a letterhead followed by short lines looks like a list's lead, and the
    # rows naming 'HC' like the group asked: the best sentence is no row, and stays
    passage = _passage(_NOTE)
    sentences = chunk_sentences(passage.chunk, "en", 0, "en")
    best = next(s for s in sentences if "12 million" in s.text)
    chosen = [best, *(s for s in sentences if s.text.startswith(("HARBOUR", "This note")))]
    out = with_items("What growth figures do the HC documents cite?", chosen, sentences, [passage], "en", 9)
    assert best in out, [s.text for s in out]
    assert not out[0].text.startswith("HARBOUR"), [s.text for s in out]  # a letterhead leads nothing


def test_a_letterhead_is_no_antecedent() -> None:
    sentences = chunk_sentences(_passage("HARBOUR COUNCIL OF THE COAST\n\nIt was founded by the port towns.\n").chunk,
                                "en", 0, "en")
    founded = next(s for s in sentences if s.text.startswith("It was"))
    assert with_antecedents([founded], sentences) == [founded]


def test_a_heading_is_no_antecedent_but_a_statement_is() -> None:
    text = ("Purpose of the visit\n\nThis was the first visit to Orvane since the pact was signed.\n\n"
            "The delegation toured the Orvane ferry yards. It was led by the harbour director.\n")
    sentences = chunk_sentences(_passage(text).chunk, "en", 0, "en")
    first, toured, led = (next(s for s in sentences if s.text.startswith(w)) for w in ("This was", "The delegation",
                                                                                     "It was"))
    assert with_antecedents([first], sentences) == [first], [s.text for s in sentences]
    assert with_antecedents([led], sentences) == [toured, led]


_AGREEMENTS = [  # (type, partner city, date signed): rows longer than a list's short item, as ingestion writes them
    ("Friendship", "Dunmore", "14 November 2024"),
    ("Sister city", "Tarlow", "3 February 2025"),
    ("Friendship", "Orvane", "28 March 2025"),
    ("Friendship", "Brisk Hollow", "2 May 2025"),
    ("Sister city", "Dravenmoor", "12 June 2025"),
    ("Friendship", "Quillon", "5 September 2025"),
]


def _row(kind: str, city: str, date: str) -> str:
    return (f"Type: {kind}; Partner city: {city}; Country: Republic of Seldara; Date signed: {date}; "
            f"Lead unit: Department of Public Works and Town Planning.")


def test_a_tables_caption_leads_the_rows_of_the_group_asked_across_chunks() -> None:
    # the caption ends no sentence and is followed by a row: its table is the list, every row of the group asked
    # ('Type: Friendship'), over the chunk edge, a row both overlapping chunks hold once
    rows = [_row(*r) for r in _AGREEMENTS]
    meta = DocumentMeta(doc_id="report.md", source="report.md", title="Annual report of the Corvin Office")
    texts = ["Appendix A - Agreements signed in fiscal year 2025\n\n" + "\n\n".join(rows[:4]), "\n\n".join(rows[3:])]
    passages = [Passage(chunk=Chunk(id=f"report.md#{n}", doc_id="report.md", text=t, ordinal=n), meta=meta,
                        score=1.0) for n, t in enumerate(texts)]
    sentences = [s for rank, p in enumerate(passages) for s in chunk_sentences(p.chunk, "en", rank, "en")]
    caption = next(s for s in sentences if s.text.startswith("Appendix A"))
    orvane = next(s for s in sentences if "Orvane" in s.text)
    out = [s.text for s in with_items("Which friendship agreements did Corvin sign in fiscal year 2025?",
                                      [caption, orvane], sentences, passages, "en", 3)]
    assert out[0] == caption.text, out
    friends = [city for kind, city, _ in _AGREEMENTS if kind == "Friendship"]
    assert [next(c for c in friends if c in row) for row in out[1:]] == friends, out  # in order, each once


def test_a_sentence_holding_its_list_after_a_colon_is_the_list() -> None:
    # a title followed by short lines looks like a list's lead; the chosen sentence that writes the list out after
    # its colon is the answer, not the title's next lines
    text = ("Corvin Office of External Relations\n\nAnnual Report 2025\n\nThe Office\n\n"
            "The Office is part of the Mayor's cabinet.\n\n"
            "It has three sections: the Protocol Section, the Grants Section and the Translation Section.\n")
    passage = _passage(text)
    sentences = chunk_sentences(passage.chunk, "en", 0, "en")
    chosen = [s for s in sentences if s.text.startswith(("Corvin Office", "It has three"))]
    out = [s.text for s in with_items("What sections make up the Corvin Office?", chosen, sentences, [passage],
                                      "en", 6)]
    assert any(t.startswith("It has three sections") for t in out), out
    assert "Annual Report 2025" not in out, out


# a made-up Thai ordinance: its section lists conditions, each ending with 'และ' (and), as Thai law writes them
_CONDITIONS = ["มาตรา ๔๐ นครวารินอาจร่วมทุนกับเอกชนโดยตั้งบริษัทหรือถือหุ้นในบริษัทได้ เมื่อ",
               "บริษัทนั้นมีวัตถุประสงค์เฉพาะการให้บริการขนส่งทางน้ำแก่ประชาชนในนครวาริน และ",
               "นครวารินต้องถือหุ้นเกินกึ่งหนึ่งของทุนจดทะเบียนของบริษัทนั้นตลอดเวลาที่บริษัทดำเนินกิจการ และ",
               "สภานครวารินมีมติเห็นชอบด้วยคะแนนเสียงเกินกึ่งหนึ่งของสมาชิกทั้งหมด และ",
               "ได้รับความเห็นชอบจากผู้ว่าการจังหวัด",
               "มาตรา ๔๑ การขายหุ้นของนครวารินในบริษัทต้องได้รับอนุมัติจากสภานครวาริน"]


def test_a_thai_list_of_conditions_is_read_from_its_lead_whichever_condition_ranks_best() -> None:
    """The best condition is the second: the list is read back to the line that announces it (a Thai enumeration
    goes on after 'และ' as an English one after ';'), and ends with the condition that does not go on."""
    passage = _passage("\n".join(_CONDITIONS))
    sentences = chunk_sentences(passage.chunk, "th", 0, "th")
    best = next(s for s in sentences if s.text.startswith("นครวารินต้องถือหุ้น"))
    out = [s.text for s in with_items("นครวารินถือหุ้นในบริษัทได้ภายใต้เงื่อนไขใดบ้าง", [best], sentences, [passage],
                                      "th", 9)]
    assert out == _CONDITIONS[:5], out


@pytest.mark.parametrize("items", [
    ["port management and the training of pilots,", "flood control along the shared estuary,",
     "cultural exchanges between schools and museums, and", "tourism promotion."],
    ["Port management and the training of pilots.", "Flood control along the shared estuary.",
     "Cultural exchanges between schools and museums.", "Tourism promotion."],
])
def test_a_list_is_read_from_its_lead_when_a_later_item_ranks_best(items: list[str]) -> None:
    """Items ending ',' go on as those ending ';' do, and short items ending '.' are read back over too, when the
    best line is itself a short item: the answer is the lead and every item, not the list from its second item; and
    the next article's heading ends it."""
    lead = "The Parties shall cooperate in the following areas:"
    marked = [f"({mark}) {item}" for mark, item in zip("abcd", items, strict=True)]  # a hard wrap is layout
    after = ["Article 4 - Funding", "Each Party shall bear its own costs."]
    passage = _passage("\n".join(["# Areas of cooperation", "", lead, *marked, *after]))
    sentences = chunk_sentences(passage.chunk, "en", 0, "en")
    best = next(s for s in sentences if "estuary" in s.text)
    out = with_items("Which areas of cooperation does the charter list?", [best], sentences, [passage], "en", 9)
    assert [s.text for s in out] == [lead, *items], [s.text for s in out]
