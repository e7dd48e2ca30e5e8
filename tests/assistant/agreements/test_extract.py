"""Extraction on made-up agreements (the reference corpus has no Thai one, none without a date, none with a term):
each field against its text, and every citation holding its value."""

from __future__ import annotations

import re

from assistant.agreements.extract import extract
from assistant.agreements.model import Agreement
from assistant.models import Chunk, DocumentMeta

THAI_MOU = """บันทึกความเข้าใจว่าด้วยการสถาปนาความสัมพันธ์ฉันเมืองพี่เมืองน้อง
ระหว่าง นครวาริน ราชอาณาจักรตัวอย่าง กับ เมืองโอเรน สาธารณรัฐทดสอบ

ทั้งสองฝ่ายตกลงส่งเสริมความร่วมมือด้านการท่องเที่ยว วัฒนธรรม และการศึกษา

บันทึกความเข้าใจฉบับนี้มีผลใช้บังคับเป็นระยะเวลาห้าปีนับแต่วันลงนาม

ฝ่ายใดฝ่ายหนึ่งอาจบอกเลิกบันทึกความเข้าใจฉบับนี้โดยแจ้งเป็นหนังสือล่วงหน้าหกเดือน

ทำขึ้นเป็นสองฉบับ เป็นภาษาไทยและภาษาอังกฤษ

ลงนาม ณ นครวาริน เมื่อวันที่ ๑๕ มีนาคม พ.ศ. ๒๕๔๑"""

UNDATED = """FRIENDSHIP CITY AGREEMENT
between the City of Varn, Northland and the City of Oresby, Southland

The two cities hereby agree to promote exchanges in sports, youth and public health.
This Agreement shall remain in force for a period of three years and shall be renewed automatically unless either
party gives notice of termination six months in advance.

The Honorable Ana Petrov, Mayor of the City of Varn, and the Honorable Jon Okafor, Mayor of the City of Oresby."""

TREATY_STYLE = """The City of Arlow, Republic of Tarsk, and the City of Benmore, Kingdom of Ostra (hereinafter "the Parties"),

Desiring to strengthen the friendly relations between the peoples of the two cities,

Have agreed as follows:

Article 1. The Parties shall establish a friendship city relationship and promote exchanges in culture and tourism.

Article 2. This Memorandum shall enter into force on the date of its signature.

Done at Arlow on 14 May 2019, in two originals in the English language.

For the City of Arlow
Helga Marrow
Mayor of Arlow

For the City of Benmore
Tomas Elvey
Governor of Benmore"""

MEETING_NOTE = """Minutes of the coordination meeting

Staff discussed the annual calendar of visits, the budget of the protocol unit and the translation roster.
The next meeting will be held on 4 May 2021."""


def _extract(text: str, doc_id: str = "mou-made-up.md", title: str = "Made-up agreement") -> Agreement:
    meta = DocumentMeta(doc_id=doc_id, source=doc_id, title=title, kind="mou")
    chunks = [Chunk(id="0123456789abcdef:0000", doc_id=doc_id, text=text)]
    records = extract(meta, [text], chunks, paged=False)
    assert len(records) == 1
    return records[0]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _assert_cited(record: Agreement, text: str) -> None:
    """Every non-empty field has a citation, and every citation's words stand in its sentence, in the text."""
    for field in ("agreement_type", "parties", "signed", "effective", "signatories", "areas", "duration",
                  "termination", "renewal", "languages"):
        value = getattr(record, field)
        if value not in (None, [], "other"):
            assert record.cited(field), f"{field} has no citation"
    for citation in record.citations:
        assert _squash(citation.value) in _squash(citation.sentence)
        assert citation.sentence in text
        assert citation.chunk_id == "0123456789abcdef:0000"


def test_a_thai_agreement_with_a_buddhist_era_date() -> None:
    record = _extract(THAI_MOU)
    assert record.agreement_type == "memorandum of understanding"
    assert record.relationship == "sister city"
    assert [(p.name, p.country) for p in record.parties] == [("นครวาริน", "ราชอาณาจักรตัวอย่าง"),
                                                            ("เมืองโอเรน", "สาธารณรัฐทดสอบ")]
    assert record.signed == "1998-03-15"  # พ.ศ. ๒๕๔๑ - 543
    assert record.cited("signed")[0].value == "วันที่ ๑๕ มีนาคม พ.ศ. ๒๕๔๑"
    assert set(record.areas) == {"tourism", "culture", "education"}
    assert record.duration == "บันทึกความเข้าใจฉบับนี้มีผลใช้บังคับเป็นระยะเวลาห้าปีนับแต่วันลงนาม"
    assert record.termination is not None and "บอกเลิก" in record.termination
    assert record.renewal is None
    assert record.languages == ["ไทย", "อังกฤษ"]
    _assert_cited(record, THAI_MOU)


def test_an_agreement_that_states_no_date_keeps_signed_empty() -> None:
    record = _extract(UNDATED)
    assert record.signed is None and record.effective is None and not record.cited("signed")
    assert record.agreement_type == "friendship city"
    assert [p.name for p in record.parties] == ["City of Varn", "City of Oresby"]
    assert [(s.name, s.title) for s in record.signatories] == [("Ana Petrov", "Mayor of the City of Varn"),
                                                              ("Jon Okafor", "Mayor of the City of Oresby")]
    assert {"sports", "youth", "health"} <= set(record.areas)
    assert record.termination is not None and "notice of termination" in record.termination
    assert record.duration is not None and "period of three years" in record.duration
    assert record.renewal is not None and "renewed automatically" in record.renewal
    _assert_cited(record, UNDATED)


def test_parties_named_before_hereinafter_and_signers_laid_out_as_lines() -> None:
    record = _extract(TREATY_STYLE)
    assert [(p.name, p.country) for p in record.parties] == [("City of Arlow", "Republic of Tarsk"),
                                                            ("City of Benmore", "Kingdom of Ostra")]
    assert [(s.name, s.title) for s in record.signatories] == [("Helga Marrow", "Mayor of Arlow"),
                                                              ("Tomas Elvey", "Governor of Benmore")]
    assert record.signed == "2019-05-14"
    _assert_cited(record, TREATY_STYLE)


def test_an_agreement_that_names_its_parties_only_in_its_title() -> None:
    text = TREATY_STYLE.replace('The City of Arlow, Republic of Tarsk, and the City of Benmore, Kingdom of Ostra '
                                '(hereinafter "the Parties"),', "The two cities,")
    title = "Memorandum of Understanding between the City of Arlow and the City of Benmore"
    record = _extract(text, title=title)
    assert [p.name for p in record.parties] == ["City of Arlow", "City of Benmore"]
    assert record.cited("parties")[0].sentence == title  # cited to the title, the only place that names them


def test_a_mou_document_that_is_no_agreement_gets_type_other_and_nothing_invented() -> None:
    record = _extract(MEETING_NOTE)
    assert record.agreement_type == "other"
    assert record.parties == [] and record.signed is None and record.effective is None
    assert record.areas == [] and record.signatories == [] and record.citations == []
    assert record.title == "Made-up agreement"


def test_an_agreement_inside_another_document_is_found_by_its_page() -> None:
    guide = ["How to write a partnership agreement: keep it to one page and have both mayors sign it.",
             ("SISTER CITY AGREEMENT\nbetween the City of Varn, Northland and the City of Oresby, Southland\n"
              "The two cities hereby establish a sister city relationship to promote cultural exchanges.\n"
              "Signed on the 2nd day of April 2010.")]
    meta = DocumentMeta(doc_id="guide.pdf", source="guide.pdf", title="A guide", kind="guide")
    chunks = [Chunk(id=f"fedcba9876543210:000{n}", doc_id="guide.pdf", text=t, page_start=n + 1, page_end=n + 1)
              for n, t in enumerate(guide)]
    records = extract(meta, guide, chunks, paged=True)
    assert [(r.id, r.pages, r.signed, r.agreement_type) for r in records] == [
        ("guide.pdf#page=2", [2], "2010-04-02", "sister city")]
    assert all(c.page == 2 and c.chunk_id == "fedcba9876543210:0001" for c in records[0].citations)


def test_a_text_file_titled_as_an_agreement_is_one_even_when_not_filed_as_one() -> None:
    """A declaration saved under any name (kind 'other'): its title names the type and the parties, its text the
    date; signers laid out one line to a paragraph."""
    title = "Joint Declaration on Urban Resilience Cooperation between the City of Arlow and the City of Benmore"
    text = TREATY_STYLE.replace("\nHelga Marrow\n", "\n\nHelga Marrow\n\n").replace("\nTomas Elvey\n",
                                                                                      "\n\nTomas Elvey\n\n")
    text = text.replace("friendship city relationship", "partnership")
    meta = DocumentMeta(doc_id="arlow-benmore.md", source="arlow-benmore.md", title=title, kind="other")
    chunks = [Chunk(id="0123456789abcdef:0000", doc_id="arlow-benmore.md", text=text)]
    records = extract(meta, [text], chunks, paged=False)
    assert [(r.id, r.agreement_type, r.signed) for r in records] == [
        ("arlow-benmore.md", "cooperation agreement", "2019-05-14")]
    assert [(s.name, s.title) for s in records[0].signatories] == [("Helga Marrow", "Mayor of Arlow"),
                                                                  ("Tomas Elvey", "Governor of Benmore")]
    note = DocumentMeta(doc_id="note.md", source="note.md", title="Minutes of the coordination meeting", kind="other")
    assert extract(note, [MEETING_NOTE], [], paged=False) == []  # a text file that is no agreement has no record


def test_thai_international_is_one_word_not_between_two_parties() -> None:
    plan = ("สำนักการต่างประเทศแบ่งออกเป็น 3 ส่วน ได้แก่ ส่วนพิธีการ ส่วนความร่วมมือระหว่างประเทศ และส่วนแปลและล่าม\n\n"
            "เมืองล่าสุดลงนามบันทึกความเข้าใจเมื่อวันที่ 3 กุมภาพันธ์ 2566")
    meta = DocumentMeta(doc_id="plan.txt", source="plan.txt", title="Action plan", kind="other")
    assert extract(meta, [plan], [], paged=False) == []  # 'ความร่วมมือระหว่างประเทศ': 'international cooperation'
