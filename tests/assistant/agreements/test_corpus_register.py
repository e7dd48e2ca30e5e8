"""The register built at ingest from the reference corpus: its four agreements and the four scanned into the toolkit
PDF, each field checked against the text (values read by hand from the documents) and every citation checked.

Until the reference documents are copied into corpus/, this reads the session index of ``indexed_settings``."""

from __future__ import annotations

import re

import pytest

from assistant.agreements.dates import find_dates
from assistant.agreements.model import Agreement
from assistant.agreements.register import Register, register_path
from assistant.config import Settings
from assistant.service import AssistantService

ABU_DHABI = "mou-abu-dhabi-houston-sister-cities-agreement-2002.md"
NEW_YORK = "mou-new-york-london-sister-city-partnership-mou-2001.md"
LONG_BEACH = "mou-long-beach-manta-sister-city-agreement-2000.md"
CHICAGO = "mou-chicago-shenyang-sister-cities-reaffirmation-1995.md"
TOOLKIT = "sci-partnership-agreement-toolkit-2012.pdf"


@pytest.fixture(scope="module")
def records(indexed_settings: Settings) -> dict[str, Agreement]:
    return {r.id: r for r in Register(indexed_settings.resolved_data_dir()).records()}


@pytest.fixture(scope="module")
def service(indexed_settings: Settings) -> AssistantService:
    return AssistantService(indexed_settings)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_register_is_written_beside_the_index(indexed_settings: Settings, records: dict[str, Agreement]) -> None:
    assert register_path(indexed_settings.resolved_data_dir()).is_file()
    assert sorted(records) == sorted([ABU_DHABI, NEW_YORK, LONG_BEACH, CHICAGO] +
                                     [f"{TOOLKIT}#page={n}" for n in (4, 5, 6, 7)])


@pytest.mark.parametrize("doc", [ABU_DHABI, f"{TOOLKIT}#page=4"])
def test_sister_cities_agreement_with_two_dates(records: dict[str, Agreement], doc: str) -> None:
    r = records[doc]
    assert r.agreement_type == "sister city"
    assert [(p.name, p.country) for p in r.parties] == [("City of Abu Dhabi", "U.A.E"), ("Houston", "U.S.A")]
    assert r.signed == "2002-10-26"  # "Signed on this 26 of October 2002"
    assert r.effective == "2001-03-13"  # "Sister Cities beginning on the 13th day of March 2001"
    assert r.languages == ["Arabic", "English"]
    assert {"education", "economy", "culture", "energy", "health", "science and technology"} == set(r.areas)
    assert {"medicine", "energy", "technology"} <= set(r.area_terms)
    assert r.signatories == []  # names stacked apart from their titles cannot be paired from the text
    assert (r.duration, r.termination, r.renewal) == (None, None, None)


@pytest.mark.parametrize("doc", [NEW_YORK, f"{TOOLKIT}#page=5"])
def test_memorandum_signed_in_a_month(records: dict[str, Agreement], doc: str) -> None:
    r = records[doc]
    assert r.agreement_type == "memorandum of understanding" and r.relationship == "sister city"
    assert [(p.name, p.country) for p in r.parties] == [("New York City", None), ("London", None)]
    assert r.signed == "2001-03"  # "Signed in March of 2001": no day is stated, none is made up
    assert r.effective is None  # "from the date of signatures" states no date
    assert {"economy", "education", "social", "culture"} == set(r.areas)


@pytest.mark.parametrize("doc", [LONG_BEACH, f"{TOOLKIT}#page=6"])
def test_agreement_with_countries_and_a_dated_line(records: dict[str, Agreement], doc: str) -> None:
    r = records[doc]
    assert r.agreement_type == "sister city"
    assert r.parties[0].country == "USA" and r.parties[0].name.startswith("City of Long Beach")
    assert (r.parties[1].name, r.parties[1].country) == ("City of San Pablo de Manta", "Ecuador")
    assert r.signed == "2000-09-19"  # "Dated: September 19, 2000"
    assert r.effective is None  # effective "when this document has been duly executed": no date
    assert {"economy", "culture", "education", "youth"} <= set(r.areas)
    assert any(s.name.startswith("Ing. Jorge O. Zambrano") and s.title == "Mayor, City of San Pablo de Manta"
               for s in r.signatories)
    if doc == LONG_BEACH:  # the OCR of the scanned page lost the first signer's name and "environmental"
        assert "environment" in r.areas
        assert [(s.name, s.title) for s in r.signatories] == [
            ("Beverly 0 Neill", "Mayor, City of Long Beach California"),
            ("Ing. Jorge O. Zambrano Cedeño", "Mayor, City of San Pablo de Manta")]


@pytest.mark.parametrize("doc", [CHICAGO, f"{TOOLKIT}#page=7"])
def test_reaffirmation_with_signatories_in_its_prose(records: dict[str, Agreement], doc: str) -> None:
    r = records[doc]
    assert r.agreement_type == "reaffirmation" and r.relationship == "sister city"
    assert [(p.name, p.country) for p in r.parties] == [("Chicago", None), ("Shenyang", None)]
    assert r.signed == "1995-06-05"
    assert [(s.name, s.title) for s in r.signatories] == [("Richard M. Daley", "Mayor of the City of Chicago"),
                                                         ("Zhang Rongmao", "Mayor of the City of Shenyang")]
    assert {"sports", "youth", "health", "education", "culture", "economy", "science and technology"} == set(r.areas)
    assert r.languages == []


def test_toolkit_agreements_carry_their_pages_and_the_guide_pages_are_none(records: dict[str, Agreement]) -> None:
    assert [records[f"{TOOLKIT}#page={n}"].pages for n in (4, 5, 6, 7)] == [[4], [5], [6], [7]]
    assert not any(r.doc_id == TOOLKIT and r.pages[0] < 4 for r in records.values())


def test_every_citation_holds_its_value_in_its_chunk_and_page(records: dict[str, Agreement],
                                                               service: AssistantService) -> None:
    for r in records.values():
        for field in ("agreement_type", "parties", "signed", "effective", "signatories", "areas", "languages"):
            if getattr(r, field) not in (None, [], "other"):
                assert r.cited(field), (r.id, field)
        for c in r.citations:
            assert _squash(c.value) in _squash(c.sentence), (r.id, c.field)
            chunk = service.records.chunks([c.chunk_id])[0]
            assert _squash(c.value) in _squash(chunk.text), (r.id, c.field)
            page = service.records.page_text(r.doc_id, c.page or 1) or ""
            assert _squash(c.sentence) in _squash(page), (r.id, c.field)
            if c.field in ("signed", "effective"):
                assert find_dates(c.value)[0].iso == getattr(r, c.field)
            if r.pages:
                assert c.page == r.pages[0]


def test_listing_counts_an_agreement_and_its_scanned_copy_once(service: AssistantService) -> None:
    listed = service.agreements()
    assert [r.id for r in listed] == [CHICAGO, LONG_BEACH, NEW_YORK, ABU_DHABI]  # oldest signing first
    assert [r.also_in for r in listed] == [[f"{TOOLKIT}#page={n}"] for n in (7, 6, 5, 4)]
