"""What a question asks for, read off its words in English and Thai (pure functions, no index)."""

from __future__ import annotations

import pytest

from assistant.answer.question.intent import (
    cues_of,
    expected_items,
    focus_terms,
    focus_words,
    intent_of,
    question_words,
    typed_focus,
    weighed_terms,
)
from assistant.answer.question.occasions import asked_years, editions_of, editions_reported, years_reported
from assistant.answer.question.values import satisfies, values_of


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("How many delegates attended the annual meeting in Jakarta?", ["delegates", "attended", "annual", "meeting"]),
        ("Who succeeded Ms Tan as chief officer?", ["succeeded", "chief", "officer"]),
        ("When is the Riverside Tram scheduled to open to passengers?", ["scheduled", "open", "passengers"]),
        # counted after "มี" (has): what is asked; "ทั้งหมด" (all) is a stop word; the office before it is whose
        ("สำนักงานมีบุคลากรทั้งหมดกี่คน", ["บุคลากร"]),
        ("นครโอรินมีประชากรกี่คน", ["ประชากร"]),
        # the asking word right after the verb: what is asked opens the question, up to "ระหว่าง" (between)
        ("สาขาความร่วมมือระหว่างนครโอรินกับเมืองเทสลามีอะไรบ้าง", ["สาขา", "ความร่วมมือ"]),
        # a Thai word before a Latin name names the name's kind (the meeting 'Tarlow Harbour Forum'), not what is asked
        ("การประชุม Tarlow Harbour Forum ครั้งที่ 2 จัดขึ้นเมื่อใด", []),
        ("คณะศึกษาดูงานที่ Dunmore มีสมาชิกกี่คน", ["สมาชิก"]),
        # only a count is cut after the verb: here "มี" opens a second question, about the first one's words
        ("เมืองเทสลาจัดงานเทศกาลริมน้ำได้หรือไม่ มีข้อกำหนดอย่างไร", ["ริมน้ำ", "ข้อกำหนด"]),
        # the words that date a year name the occasion, which the year check judges
        ("How many outgoing missions were led in fiscal year 2024?", ["outgoing", "missions", "led"]),
        ("How many years does the term last?", ["years", "term"]),
        ("สำนักงานได้รับงบประมาณปี ๒๕๗๐ เท่าใด", ["งบประมาณ"]),  # "ได้รับ" (received), as "มี"
        # 'how big', 'take place', 'last' ask when, how long or how much, and name nothing a document must use
        ("How big is Orvane?", []),
        ("When does the Tarrow Harbour Festival take place?", []),
        ("How long will the memorandum last?", []),  # a measure of the memorandum, which it is about
        ("How many staff took language courses?", ["staff", "took", "language", "courses"]),  # 'took' says what
    ],
)
def test_focus_is_the_common_words_of_the_asking_clause(question: str, focus: list[str]) -> None:
    """Names (capitalised) and the question's other clauses are what it is about, not what it asks."""
    assert focus_words(question) == focus


def test_focus_terms_are_stemmed_as_matching_compares_them() -> None:
    assert focus_terms("How many delegates attended?") == ["delegat", "attend"]


def test_intent_reads_kind_cues_parts_and_items() -> None:
    fact = intent_of("Who signed the agreement, when, and when did it take effect?")
    assert fact.kind == "fact" and set(fact.cues) == {"person", "date"} and fact.parts == 3
    listing = intent_of("What are the three strategies of the plan?")
    assert listing.kind == "list" and listing.items == 3
    assert intent_of("Brief me on the network's action plans.").kind == "overview"
    thai = intent_of("สภาเขตมีสมาชิกอย่างน้อยกี่คน")
    assert thai.language == "th" and "number" in thai.cues


def test_typed_focus_wants_the_value_next_to_what_it_measures() -> None:
    cues, focus = ("number",), ["delegat"]
    assert typed_focus("The meeting was attended by 300 delegates from ten countries.", cues, focus) == 1.0
    assert typed_focus("Delegates discussed the plan. " + "x" * 80 + " It was held in 2019.", cues, focus) == 0.0
    assert typed_focus("The meeting was held in Bangkok.", cues, focus) == 0.0  # no focus word at all
    assert typed_focus("Anything.", (), focus) == 1.0  # nothing typed was asked


def test_a_superscript_digit_is_not_a_count_of_items() -> None:
    """'¹' is a digit to str.isdigit() but not to int(): a footnote mark in a topic must not break the intent."""
    assert intent_of("Which services¹ were deployed?").items is None


@pytest.mark.parametrize(("sentence", "states_a_count"), [
    ("A total of 144 officials have completed the training.", True),
    ("จำนวนสมาชิก ๑๔ คน", True),
    ("Coverage reached 85% of the city.", True),
    ("The third batch ran in 2025.", False),  # a year
    ("The 3rd batch has started.", False),  # an ordinal
    ("The workshop took place from 22 to 25 May 2018.", False),  # a date's days
    ("It was signed on June 5, 1995.", False),
    ("ลงนามเมื่อวันที่ 20 สิงหาคม 2563", False),
    ("Under section 12 the council meets.", False),  # a section number
    ("มาตรา ๑๑๙ การจ่ายเงินให้เป็นไปตามข้อบัญญัติ", False),
    ("(๒) สมาชิกสภา", False),  # a list number
    # a table row's label numbers the row: the nurses are nominated, not counted
    ("No.: 2; Action: Nominate nurses for the exchange; Owner: Health Office", False),
    ("Day: 4; Date: 13 June 2024; Site visited: Harbour depot", False),
    ("ลำดับ: ๒; กิจกรรม: ติดตั้งหลังคาเย็นในโรงเรียน", False),
    ("Phase 2 will train 300 staff.", True),  # the label does not hide the count after it
    # a sentence's counts read past the labels a question's number of items does ('Annex 2', 'Table 3', 'หมวด ๒')
    ("The projects are set out in Annex 2.", False),
    ("See Table 3 for the figures.", False),
    ("ตามหมวด ๒ ของข้อบัญญัติ", False),
    ("การประชุมครั้งที่ ๓ ณ ศาลาว่าการ", False),
])
def test_a_count_is_not_a_year_an_ordinal_or_a_date(sentence: str, states_a_count: bool) -> None:
    assert satisfies("number", sentence) is states_a_count


def test_a_who_is_answered_by_a_body_or_a_country_next_to_the_focus() -> None:
    cues, focus = ("person",), ["lead"]  # as content_terms spells "led"
    assert typed_focus("The plan was led by Norvania as chair this year.", cues, focus) == 1.0
    assert typed_focus("The plan was led by the chair this year.", cues, focus) == 0.0  # nobody is named
    assert not satisfies("person", "The plan was led by Norvania as chair.")  # the strict cue wants a person


@pytest.mark.parametrize(("sentence", "names_someone"), [
    ("(ดร.วรรณา ศรีสุข)", True),  # a signature: 'Dr' and a name
    ("นางสาววรรณา ศรีสุข ผู้ประสานงาน", True),  # 'Miss' and a name
    ("สำนักงานเขตรับผิดชอบการปฏิบัติราชการภายในเขต", False),  # an office of the city is nobody
])
def test_a_thai_who_is_answered_by_a_title_and_a_name(sentence: str, names_someone: bool) -> None:
    assert satisfies("person", sentence) is names_someone


def test_a_value_spelled_with_the_questions_own_words_is_no_answer() -> None:
    given = question_words("Who signed the Velmora agreement?")
    focus = ["sign"]
    assert typed_focus("It was signed in Velmora.", ("person",), focus, given) == 0.0
    assert typed_focus("It was signed by Mayor Tarsin Okoro in Velmora.", ("person",), focus, given) == 1.0
    assert intent_of("Who signed the Velmora agreement?").given == given


@pytest.mark.parametrize(("sentence", "states_a_time"), [
    ("The pier opens at six.", True),
    ("Meetings start at 9.30 a.m. sharp.", True),
    ("The office closes at 16:00.", True),
    ("Growth reached 12.50% last year.", False),
    ("Staff were at home.", False),
])
def test_when_is_answered_by_a_time_of_day_too(sentence: str, states_a_time: bool) -> None:
    assert satisfies("date", sentence) is states_a_time


@pytest.mark.parametrize(("sentence", "told_from_an_event"), [
    ("This Ordinance shall come into force ninety days after the date of its publication.", True),
    ("This agreement will go into effect from the date of signatures.", True),
    ("The Memorandum enters into force upon signature.", True),
    ("The delegation arrived after the opening ceremony.", False),
    ("The Committee meets in the city hall.", False),
])
def test_when_is_loosely_answered_by_a_time_told_from_an_event(sentence: str, told_from_an_event: bool) -> None:
    """A law or an agreement says when it takes effect from an event, not on a date: loosely, that answers 'when'
    (whether the documents answer at all); strictly, it is no date."""
    assert bool(values_of("date", sentence, loose=True)) is told_from_an_event
    assert not satisfies("date", sentence)


def test_a_question_about_money_wants_an_amount_of_money() -> None:
    assert "money" in cues_of("What was the total cost of the harbour bridge?")
    assert "money" in cues_of("งบประมาณของโครงการมีวงเงินเท่าใด")
    assert "money" not in cues_of("สภาต้องพิจารณาร่างข้อบัญญัติงบประมาณให้เสร็จภายในกี่วัน")  # days, not money
    assert satisfies("money", "The bridge cost USD 1.2 billion to build.")
    assert satisfies("money", "โครงการได้รับงบประมาณ 500 ล้านบาท")
    assert not satisfies("money", "Costs rose by 20% over the year.")  # a share, not an amount


def test_a_thai_question_for_the_day_or_year_wants_a_date_not_a_count() -> None:
    """'วันที่เท่าไร' asks the day's number: a date. 'เท่าไร' alone is a count or an amount."""
    assert cues_of("ข้อตกลงกับเมืองตัวอย่างลงนามเมื่อวันที่เท่าไร") == ["date"]
    assert cues_of("งานเทศกาลจัดวันไหน") == ["date"]
    assert cues_of("สำนักงานเปิดทำการในปีไหน") == ["date"]
    assert cues_of("คณะผู้แทนมีสมาชิกเท่าไร") == ["number"]
    assert cues_of("การอบรมใช้เวลากี่วัน") == ["number"]


def test_how_much_money_wants_money_not_any_number() -> None:
    assert cues_of("How much money did the fund commit to the harbour project?") == ["money"]
    assert cues_of("How much land did the city set aside?") == ["number"]
    assert cues_of("What was the town's recycling rate in 2012?") == ["number"]  # a rate is a number
    assert cues_of("How much does the scholarship pay each student?") == ["money"]  # paying is money too
    assert cues_of("Which two districts were chosen for the pay-as-you-throw pilot?") == []  # a scheme's name
    focus = focus_terms("How much money did the fund commit to the harbour project?")
    cues = tuple(cues_of("How much money did the fund commit to the harbour project?"))
    assert typed_focus("The fund committed USD 2 million to the harbour project.", cues, focus) == 1.0
    assert typed_focus("The fund committed 12 staff to the harbour project.", cues, focus) == 0.0


def test_how_often_wants_a_frequency() -> None:
    question = "How often must the lakeside council meet, and who chairs its meetings?"
    assert cues_of(question) == ["person", "frequency"]
    assert cues_of("คณะกรรมการต้องประชุมบ่อยแค่ไหน") == ["frequency"]
    for sentence in ("The council shall meet at least once a year.", "The council meets every two years.",
                     "The council meets annually in the town hall.", "คณะกรรมการประชุมปีละสองครั้ง",
                     "The ferry leaves the pier every forty minutes from dawn."):
        assert satisfies("frequency", sentence), sentence
    for sentence in ("The two cities exchange traffic data every quarter.", "Reports are filed each quarter.",
                     "ผู้อำนวยการรายงานต่อนายกเทศมนตรีทุกไตรมาส", "รถออกทุก 15 นาที", "คณะกรรมการประชุมทุกสองปี"):
        assert satisfies("frequency", sentence), sentence
    assert not satisfies("frequency", "The council met in 2019 in the town hall.")  # a date is no frequency
    assert not satisfies("frequency", "The agreement remains in force for a year.")  # a term is no frequency
    focus = focus_terms("How often must the lakeside council meet?")
    assert typed_focus("The lakeside council shall meet twice a year.", ("frequency",), focus) == 1.0
    assert typed_focus("The lakeside council shall meet in the town hall.", ("frequency",), focus) == 0.0


def test_a_focus_word_is_found_in_another_form_of_it_but_not_inside_another_word() -> None:
    focus = focus_terms("What digitisation figures does the survey give?")
    assert typed_focus("Some 40 towns began to digitise their records.", ("number",), focus) == 1.0
    # 'city' inside 'capacity' names no city
    assert typed_focus("The plant's capacity is 300 tonnes.", ("number",), focus_terms("How many cities joined?")) == 0.0
    assert typed_focus("In all, 300 cities joined.", ("number",), focus_terms("How many cities joined?")) == 1.0


def test_a_thai_value_spelled_with_the_questions_own_words_is_no_answer() -> None:
    given = question_words("ผู้ว่าราชการจังหวัดคนใหม่คือใคร")  # 'Who is the new provincial governor?'
    assert "ใหม่" in given  # Thai words, not the letters a regex would cut them into
    assert not satisfies("person", "ผู้ว่าราชการจังหวัดมีหน้าที่ดูแลราษฎร", given)  # the office asked about
    assert satisfies("person", "นายสมชาย ใจดี เป็นผู้ว่าราชการจังหวัด", given)  # a person named


def test_the_thai_month_june_names_no_person() -> None:
    """'มิถุนายน' (June) holds the letters of 'นาย' (Mr): a date in June is no person."""
    assert not satisfies("person", "บันทึกความเข้าใจลงนามเมื่อวันที่ ๑๒ มิถุนายน ๒๕๖๘")
    assert satisfies("person", "ลงนามโดยนายสมชาย ใจดี เมื่อวันที่ ๑๒ มิถุนายน ๒๕๖๘")


def test_a_thai_era_is_a_date_only_with_its_year() -> None:
    assert not satisfies("date", "ปีงบประมาณ พ.ศ. ที่ผ่านมา")
    assert satisfies("date", "ประกาศเมื่อ พ.ศ. ๒๕๔๐")


def test_a_count_written_in_words_is_a_number() -> None:
    focus = focus_terms("How many engineers can each city send each year?")
    assert satisfies("number", "Each year, up to five engineers from each city may work in the other.")
    assert typed_focus("Each year, up to five engineers from each city may work in the other.", ("number",),
                       focus) == 1.0
    assert not satisfies("number", "One of the engineers works in the other city.")  # 'one of' is no count


def test_a_word_for_money_beside_another_asking_word_is_the_topic() -> None:
    assert cues_of("Who pays the travel costs of committee members?") == ["person"]
    assert cues_of("When was the harbour budget approved?") == ["date"]
    assert cues_of("What was the budget of the harbour project?") == ["money"]


def test_who_is_answered_by_the_party_a_clause_binds() -> None:
    question = "Who pays the travel costs of committee members?"
    given = question_words(question)
    assert satisfies("person", "Each City shall bear the travel costs of its own members.", given)
    assert satisfies("person", "Either Party may terminate this Memorandum.", given)
    assert not satisfies("person", "Each year the costs of travel rose.", given)  # no party, no obligation
    # the party the question itself names is what it asks about, not its answer
    assert not satisfies("person", "The Committee shall meet twice a year.", question_words("Who chairs the Committee?"))
    # a bound party answers who does something under the agreement, not who signed it
    signed = question_words("Who signed the memorandum?")
    assert not satisfies("person", "Each Party shall designate its office of external relations.", signed)
    assert satisfies("person", "For the City of Orsk Helga Marrow Mayor of Orsk", signed)


def test_a_signing_formula_says_when_a_document_was_signed() -> None:
    question = "When was the declaration signed?"
    intent = intent_of(question)
    formula = "Done at Arlow on 14 May 2019, in two originals in the English language."
    assert typed_focus(formula, intent.cues, focus_terms(question), intent.given) == 1.0
    assert typed_focus(formula, intent.cues, focus_terms("When was the bridge opened?"), intent.given) == 0.0
    # the Thai formula: 'made at Narin on 24 January 2568'; a length of time ('a period of 3 years') is no date
    thai = "หนังสือฉบับนี้ลงนามเมื่อใด"
    thai_intent = intent_of(thai)
    assert typed_focus("ทำขึ้น ณ นครนาริน เมื่อวันที่ ๒๔ มกราคม พ.ศ. ๒๕๖๘ เป็นสองฉบับ", thai_intent.cues,
                       focus_terms(thai), thai_intent.given) == 1.0
    assert not satisfies("date", "มีผลใช้บังคับนับแต่วันลงนาม เป็นระยะเวลา ๓ ปี")
    assert satisfies("date", "เริ่มประชุมเวลา ๙.๓๐ น.")


def test_an_edition_is_the_ordinal_before_a_name() -> None:
    assert editions_of("Who chaired the Sixth Annual Meeting?") == {6}
    assert editions_of("the 35th ASEAN Summit and the 2nd ASCN Annual Meeting") == {35, 2}
    assert editions_of("การประชุมครั้งที่ ๙") == {9}
    assert editions_of("What did the committee agree at its sixth meeting?") == {6}  # a gathering follows
    assert editions_of("the second annual meeting") == {2}
    assert editions_of("When was its first phase launched?") == set()  # no name follows: not an edition
    assert editions_of("in the second half of 2024") == set()


def test_a_question_spanning_two_years_asks_two_things() -> None:
    assert intent_of("How did the bus fleet change between the 2022 and 2024 reports?").parts == 2
    assert intent_of("What did the 2024 report say about the bus fleet?").parts == 1


def test_a_comparison_asks_for_each_thing_compared() -> None:
    compared = intent_of("Compare the populations of Corvin and Dunmore.")
    assert compared.parts == 2 and compared.cues == ("number",)  # 'populations' asks a figure, as 'population' does
    assert focus_words("Compare the populations of Corvin and Dunmore.") == ["populations"]
    assert intent_of("How does the 2026 budget compare with the 2025 one?").parts == 2
    assert intent_of("What is the population of Corvin?").parts == 1


def test_questions_asked_one_after_the_other_are_parts_each() -> None:
    assert intent_of("Do the agreements set a fixed term? If not, how is a partnership ended?").parts == 2
    assert intent_of("Does the agreement set a fixed term?").parts == 1


def test_how_with_a_measure_asks_for_a_number() -> None:
    assert cues_of("How big is Orvane?") == ["number"]
    assert cues_of("How long is the Mayor's term?") == ["number"]
    assert cues_of("How far is the port from the centre?") == ["number"]


def test_a_thai_plural_asking_word_is_one_part() -> None:
    assert intent_of("ความร่วมมือระหว่างสองเมืองมีสาขาอะไรบ้าง").parts == 1  # 'what (all)': one asking word
    assert intent_of("ใครบ้างเข้าร่วมการประชุม และการประชุมจัดขึ้นเมื่อใด").parts == 2


def test_a_number_naming_which_one_is_no_count_of_items() -> None:
    assert intent_of("Which three objectives does the plan set?").items == 3
    assert intent_of("RCN ประชุมประจำปีครั้งที่ 5 จัดขึ้นที่ใด").items is None  # the fifth meeting, not five items
    assert intent_of("What did the 5th meeting agree?").items is None
    # a list's lead pointing at where its items are set out announces no count ('the fields listed in Article 3:')
    assert expected_items("The Parties shall cooperate in the fields listed in Article 3:") is None
    assert expected_items("The tasks set out in Section 4 of Annex 2 are:") is None
    assert expected_items("The plan sets 4 priority areas under Phase 2:") == 4
    # ...and a question's number of items past the labels a sentence's counts do ('Day 3', 'ลำดับ ๒')
    assert expected_items("Which sites were visited on Day 3 of the programme?") is None
    assert expected_items("รายการลำดับ ๒ มีค่าใช้จ่ายอะไรบ้าง") is None


def test_a_persons_position_asks_for_an_office_not_for_the_word() -> None:
    """'What is X's position?' asks for the office written beside the name ('Head of the Harbour Office'): the word
    'position' is the asking word, no focus a document must use. 'The position of the Town on ...' is no such
    question, nor is 'which positions are vacant'."""
    assert cues_of("What is Tomas Hale's position?") == ["office"]
    assert focus_words("What is Tomas Hale's position?") == []
    assert cues_of("What post does the harbour master hold?") == ["office"]
    assert "office" not in cues_of("What is the position of the Town on river dredging?")
    assert "office" not in cues_of("Which positions are vacant?")
    assert satisfies("office", "Mr. Tomas Hale, Head of the Harbour Office")
    assert not satisfies("office", "Mr. Tomas Hale visited the harbour.")


def test_an_announced_edition_is_not_reported_to_a_question_on_what_happened() -> None:
    announced = "The Ninth Forum will be held in Tarrow in May 2027."
    assert editions_reported(announced, "What was agreed at the Ninth Forum?") == set()
    assert editions_reported(announced, "Where will the Ninth Forum be held?") == {9}  # asked ahead: it answers
    assert editions_reported("The Ninth Forum was held in Tarrow.", "What was agreed at the Ninth Forum?") == {9}
    # an agreement's duty: the first meeting it calls for had not happened when it was signed
    duty = "The Committee shall hold its first meeting within six months of signature."
    assert editions_reported(duty, "Who chaired the first meeting of the Committee?") == set()
    assert editions_reported(duty, "When is the first meeting of the Committee due?") == {1}


def test_a_year_only_planned_is_not_reported_to_a_question_on_what_came_of_it() -> None:
    planned = "It has submitted a budget request of 3.6 million crowns for 2025, which is under review."
    assert years_reported(planned, "What budget was approved for 2025?") == set()
    assert years_reported(planned, "How much budget is allocated for 2025?") == set()  # a participle: an outcome
    assert years_reported(planned, "What budget was requested for 2025?") == {2025}  # the plan is what is asked
    assert years_reported("In 2025 the budget was 3.6 million crowns.", "What budget was approved for 2025?") == {2025}


def test_the_words_that_date_a_year_are_not_weighed_beside_it() -> None:
    """'FY2025' is read 'fiscal year 2025': three words for one occasion would outweigh the region asked about."""
    assert weighed_terms("How many delegations from Corvin did we receive in FY2025?") == [
        "delegation", "corvin", "receiv", "2025"]
    assert weighed_terms("What did the first year of the plan cost in fiscal year 2024?") == [
        "first", "year", "plan", "cost", "2024"]  # 'the first year' is asked about, not a year's date


def test_the_words_that_ask_for_an_overview_are_not_weighed() -> None:
    """'Summarise' and 'สรุป' ask, as 'brief me' does: they name nothing, and no English report says 'สรุป'."""
    assert weighed_terms("Summarise the Orvane visit report.") == ["orvan", "visit", "report"]
    assert weighed_terms("สรุปรายงานประจำปี 2024") == ["รายงานประจำปี", "2024"]


def test_a_year_a_span_starts_from_is_not_the_occasion_asked() -> None:
    assert asked_years("What was bus punctuality in 2023?") == {2023}
    assert asked_years("How much has Corvin invested since the 2024 flood?") == set()
    assert asked_years("สมาชิกเพิ่มขึ้นกี่เมืองตั้งแต่ปี 2562") == set()
