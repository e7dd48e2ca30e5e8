"""Extractive answers on the real corpus: a direct answer, every sentence cited and highlighted in its passage,
the answer's shape following the question's, refusals with the closest passages, access respected. No question
here is (or paraphrases) one of the gold questions the answer model is fitted on."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.access.principal import Principal
from assistant.config import Settings
from assistant.llm.prompts import REFUSAL_EN, REFUSAL_TH
from assistant.models import Answer
from assistant.service import AssistantService

MARKER = re.compile(r"\s*\[(\d+)\]")
SQUASH = re.compile(r"[\s\uf0b7•]+")


@pytest.fixture(scope="module")
def service(indexed_settings: Settings) -> AssistantService:
    return AssistantService(indexed_settings)


def _squash(text: str) -> str:
    return SQUASH.sub("", text)


def _assert_well_cited(answer: Answer) -> None:
    """Every [n] resolves, numbering follows first use, each sentence is copied from the passage it cites, and the
    passage's highlights mark exactly the sentences the answer took from it."""
    used = [int(n) for n in MARKER.findall(answer.answer)]
    assert used, answer.answer
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert list(dict.fromkeys(used)) == [c.n for c in answer.citations]
    for citation in answer.citations:
        assert citation.highlights, citation
        for start, end in citation.highlights:
            assert 0 <= start < end <= len(citation.text)
            assert _squash(citation.text[start:end]) in _squash(answer.answer.replace(f"[{citation.n}]", "")), (
                citation.text[start:end], answer.answer)
    for line in answer.answer.split("\n"):
        for sentence, n in re.findall(r"(.+?)\s*\[(\d+)\][.!?:;]?\s*", line.removeprefix("- ")):
            body = _squash(sentence)[-40:]
            assert body in _squash(answer.citations[int(n) - 1].text), (sentence, answer.citations[int(n) - 1].text)


@pytest.mark.parametrize(
    ("question", "must_include"),
    [
        ("When did the mayors of Chicago and Shenyang reaffirm their sister cities declaration?", ["1995"]),
        ("สภากรุงเทพมหานครมีอายุคราวละกี่ปี", ["สี่ปี"]),
    ],
)
def test_extractive_answer_contains_the_facts(service: AssistantService, question: str,
                                              must_include: list[str]) -> None:
    answer = service.ask(question, mode="extractive")
    assert answer.found, answer
    assert answer.mode == "extractive"
    assert all(m.lower() in answer.answer.lower() for m in must_include), answer.answer
    _assert_well_cited(answer)


def test_a_fact_question_gets_a_short_answer_without_repeats(service: AssistantService) -> None:
    answer = service.ask("What is the role of the International Affairs Office?", mode="extractive")
    assert answer.found and len(answer.answer) <= 800, answer.answer
    bodies = [MARKER.sub("", s).strip() for s in re.split(r"(?<=\])[.!?]?\s+", answer.answer) if s.strip()]
    assert len(bodies) == len(set(bodies))
    _assert_well_cited(answer)


def test_a_how_many_question_leads_with_the_count(service: AssistantService) -> None:
    answer = service.ask("How many monitoring screens does the Mini IOC in Da Nang have?", mode="extractive")
    lead, _, rest = answer.answer.partition("\n\n")
    assert rest and re.fullmatch(r"\d+ monitoring screens \[\d\]\.", lead), answer.answer
    assert lead.split()[0] in rest
    _assert_well_cited(answer)


def test_a_when_question_leads_with_the_date_its_sentence_states(service: AssistantService) -> None:
    answer = service.ask("When was the East Asia Summit Leaders' Statement on ASEAN Smart Cities adopted?",
                         mode="extractive")
    assert answer.found, answer
    lead, _, rest = answer.answer.partition("\n\n")
    assert rest, answer.answer  # its best sentence states one date: the answer leads with it
    value = MARKER.sub("", lead).rstrip(".")
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4}|[A-Z][a-z]+ \d{4}", value), lead
    assert value in rest, answer.answer
    _assert_well_cited(answer)


def test_an_overview_is_a_few_cited_points(service: AssistantService) -> None:
    answer = service.ask("Brief me on the ASEAN Smart Cities Framework.", mode="extractive")
    assert answer.found
    points = [line for line in answer.answer.split("\n") if line.startswith("- ")]
    assert 3 <= len(points) <= 7, answer.answer
    assert all(MARKER.search(p) for p in points)
    _assert_well_cited(answer)


def test_thai_question_gets_a_thai_answer_language(service: AssistantService) -> None:
    answer = service.ask("ปลัดกรุงเทพมหานครมีหน้าที่อะไร", mode="extractive")  # what does the permanent secretary do?
    assert answer.found and answer.language == "th"
    assert answer.citations[0].source == "th-bma-act-be2528-1985-consolidated.pdf"
    assert answer.citations[0].page is not None


def test_a_sentence_matched_in_the_questions_language_keeps_other_language_guesses_out(
        service: AssistantService) -> None:
    answer = service.ask("What is the population of Bangkok?", mode="extractive")
    assert answer.found and "8.28 million" in answer.answer, answer.answer
    assert not re.search("[\u0e00-\u0e7f]", answer.answer), answer.answer
    _assert_well_cited(answer)


def test_letterheads_and_ocr_debris_are_not_answer_sentences(service: AssistantService) -> None:
    answer = service.ask("Who signed the Chicago-Shenyang reaffirmation of the sister cities declaration?",
                         mode="extractive")
    assert answer.found and "Daley" in answer.answer, answer
    for line in answer.answer.split("\n"):
        for sentence in MARKER.split(line):
            if sentence.strip(" .-") and not sentence.strip().isdigit():
                assert re.search("[a-z]", sentence), answer.answer  # not an all-capitals letterhead
    _assert_well_cited(answer)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("When did Bangkok sign its sister-city agreement with Reykjavik, and what does it cover?", REFUSAL_EN),
        ("Which Winnipeg projects did the ASCN fund in 2021?", REFUSAL_EN),
        ("สนามบินสุวรรณภูมิเปิดให้บริการเมื่อใด", REFUSAL_TH),  # when did Suvarnabhumi airport open?
    ],
)
def test_refuses_what_the_documents_do_not_cover(service: AssistantService, question: str, message: str) -> None:
    answer = service.ask(question, mode="extractive")
    assert not answer.found
    assert answer.answer == message
    assert answer.citations == []
    assert answer.related, "the closest passages are offered"


def test_empty_and_oversized_questions_are_invalid(service: AssistantService) -> None:
    from assistant.errors import InvalidRequestError

    with pytest.raises(InvalidRequestError):
        service.ask("   ")
    with pytest.raises(InvalidRequestError):
        service.ask("x" * (service.settings.max_question_chars + 1))


@pytest.fixture(scope="module")
def restricted_service(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> AssistantService:
    """Two agreements, one restricted to the 'legal' group."""
    from ingest.pipeline import ingest_paths

    folder = tmp_path_factory.mktemp("restricted-corpus")
    for name in ("mou-chicago-shenyang-sister-cities-reaffirmation-1995.md",
                 "mou-long-beach-manta-sister-city-agreement-2000.md"):
        shutil.copy(corpus_dir / name, folder / name)
    (folder / "catalog.toml").write_text(
        '["mou-chicago-shenyang-sister-cities-reaffirmation-1995.md"]\nkind = "mou"\naccess = "restricted:legal"\n\n'
        '["mou-long-beach-manta-sister-city-agreement-2000.md"]\nkind = "mou"\naccess = "public"\n',
        encoding="utf-8",
    )
    settings = Settings(data_dir=tmp_path_factory.mktemp("restricted") / "data")
    report = ingest_paths([folder], settings)
    assert report.files == 2, report.summary()
    return AssistantService(settings)


def test_forbidden_documents_never_appear_in_citations_or_related(restricted_service: AssistantService) -> None:
    question = "What did the mayors of Chicago and Shenyang reaffirm on the tenth anniversary?"
    secret = "mou-chicago-shenyang-sister-cities-reaffirmation-1995.md"
    admin = restricted_service.ask(question, mode="extractive")
    assert secret in {c.source for c in admin.citations}  # the document does answer it
    outsider = Principal(key_id="k", role="staff", groups=frozenset({"finance"}))
    answer = restricted_service.ask(question, mode="extractive", principal=outsider)
    assert secret not in {c.source for c in answer.citations + answer.related}
    member = Principal(key_id="k2", role="staff", groups=frozenset({"legal"}))
    assert secret in {c.source for c in restricted_service.ask(question, principal=member, mode="extractive").citations}


def test_a_list_question_gets_its_items_as_a_list(service: AssistantService) -> None:
    answer = service.ask("What focus areas does the ASEAN Smart Cities Framework list?", mode="extractive")
    assert answer.found
    items = [line for line in answer.answer.split("\n") if line.startswith("- ")]
    assert len(items) >= 2, answer.answer
    _assert_well_cited(answer)
