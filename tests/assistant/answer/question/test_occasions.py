"""Which year a question asks about and which years a sentence speaks of. Made-up sentences."""

from __future__ import annotations

from assistant.answer.question.occasions import asked_span, of_other_year


def test_a_sentence_naming_only_other_years_is_of_another_year() -> None:
    question = "How many delegations came to Corvin in 2024?"
    assert of_other_year("Corvin received 35 delegations in 2022, against 19 in 2021.", question)
    assert not of_other_year("Corvin received 63 delegations in 2024, against 48 in 2023.", question)
    assert not of_other_year("Corvin received 63 delegations.", question)  # names none: may be of any
    assert not of_other_year("Corvin received 35 delegations in 2022.", "How many delegations came to Corvin?")


def test_a_buddhist_era_year_is_the_same_year() -> None:
    assert not of_other_year("สำนักงานรับคณะผู้แทน ๖๓ คณะ ในปีงบประมาณ พ.ศ. ๒๕๖๗", "How many delegations in 2024?")
    assert of_other_year("The Office received 35 delegations in fiscal year 2022.", "ในปีงบประมาณ 2567 มีกี่คณะ")


def test_a_target_year_asks_about_no_occasion() -> None:
    """'by 2030' sets a target: a sentence naming another year still speaks of it."""
    assert not of_other_year("The city planted 12,000 trees in 2024.", "Will Corvin plant 50,000 trees by 2030?")


def test_a_document_of_the_year_asked_speaks_of_it_and_two_years_may_bound_a_span() -> None:
    """'the 2018 statement' recalls a declaration of 2011 in a sentence that answers; 'from 2018 to 2025' asks of
    every year between."""
    question = "Which declarations does the 2018 Tarlow statement recall?"
    assert not of_other_year("Recalling the Tarlow Declaration of 2011;", question, "Tarlow Statement 2018")
    assert of_other_year("Recalling the Tarlow Declaration of 2011;", question, "Tarlow Report 2022")
    question = "Brief me on the Corvin housing project as reported from 2018 to 2025."
    assert not of_other_year("In 2022, 1,060 units were finished.", question)
    assert of_other_year("In 2016, 300 units were planned.", question)


def test_a_span_asked_over_is_read_with_both_its_ends() -> None:
    """'from 2019 to 2024' asks of every year between, written with months or not; two years joined by 'and' are
    two occasions, no span."""
    assert asked_span("How many homes were finished from 2019 to 2024?") == (2019, 2024)
    assert asked_span("What happened from March 2020 to June 2025?") == (2020, 2025)
    assert asked_span("How many homes were finished in 2019 and 2024?") is None
