"""Fitting the answer model on gold questions over the real index, and the cross-validation that scores it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.answer.answerability import QUESTION_FEATURES, SUPPORT_SIGNS
from assistant.answer.features import SENTENCE_FEATURES
from assistant.answer.fitting import (_REPEATS, FOLDS, _better, _folds, _objective, _out_of_fold_refusal, _threshold,
                                      cross_validated_models, fit, fit_refusal)
from assistant.answer.model import load_model, shipped_model
from assistant.config import Settings
from assistant.evaluation import examples_of, load_gold
from assistant.service import AssistantService
from tests.conftest import DEV_SET as DEV

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def examples(indexed_settings: Settings) -> list:
    return examples_of(AssistantService(indexed_settings), load_gold(DEV))


def test_labels_weigh_a_rare_required_phrase_more(examples: list) -> None:
    answerable = [e for e in examples if e.answerable]
    assert sum(e.labels.any() for e in answerable) >= 0.8 * len(answerable)  # retrieval brings the answer
    assert all(not e.labels.any() for e in examples if not e.answerable)
    for e in answerable:
        assert (e.weights[e.labels == 0] == 1).all()
        assert (e.weights[e.labels == 1] > 0).all()
    spread = [e for e in answerable if e.labels.sum() >= 3]
    assert any(len(set(e.weights[e.labels == 1].round(6))) > 1 for e in spread)  # not every positive is equal


def test_each_cross_validated_model_is_fitted_without_its_fold(examples: list) -> None:
    models = cross_validated_models(examples)
    folds = _folds(len(examples), FOLDS)
    assert len({id(models[e.id]) for e in examples}) == FOLDS
    held = folds[0].tolist()
    again = fit([e for n, e in enumerate(examples) if n not in held])
    assert models[examples[held[0]].id].model_dump() == again.model_dump()  # the same fit, none of its fold seen
    assert models[examples[held[0]].id].ranker.coef != fit(examples).ranker.coef


def test_the_answers_objective_holds_the_share_of_required_phrases_beside_the_questions_passed(examples: list) -> None:
    """Over a few dozen questions two operating points often pass the same ones; the required phrases their answers
    hold then tell them apart (the made-up documents' fold models answered better with the fuller answer)."""
    model = fit(examples)
    passed, held = _objective(examples, model)
    assert 0 < passed < held < 1  # a passed answer holds all its phrases; some failed ones hold a part
    fewer = model.model_copy(update={"selection": model.selection.model_copy(update={"limits": {
        kind: 1 for kind in model.selection.limits}})})
    assert _objective(examples, fewer)[1] < held  # one sentence an answer holds less of what was asked


def test_a_tie_in_questions_passed_goes_to_the_answers_holding_more_of_what_was_asked() -> None:
    assert _better((0.70, 0.80), (0.70, 0.75))
    assert not _better((0.70, 0.75), (0.70, 0.75))
    assert _better((0.72, 0.10), (0.70, 0.99))  # a question more passed outweighs any share of phrases
    assert not _better((0.70, 0.99), (0.72, 0.10))


def test_the_refusal_operating_point_is_read_over_several_splits_into_folds() -> None:
    """The threshold is one question's out-of-fold probability: from one split it moved with whichever questions
    shared a fold (a refit for an unrelated change moved it across a made-up trap). Each question's probability is
    the mean over several splits."""
    rng = np.random.default_rng(3)
    rows = rng.random((80, len(QUESTION_FEATURES)))
    answerable = rows[:, QUESTION_FEATURES.index("typed_best")] + 0.5 * rng.random(80) > 0.6
    singles = [_out_of_fold_refusal(rows, answerable, seeds=[seed]) for seed in range(_REPEATS)]
    assert len({round(_threshold(p, answerable), 6) for p in singles}) > 1  # one split's threshold is a draw
    assert np.allclose(_out_of_fold_refusal(rows, answerable), np.mean(singles, axis=0))


def test_the_refusal_classifier_keeps_the_signs_support_implies() -> None:
    rng = np.random.default_rng(1)
    rows = rng.random((60, len(QUESTION_FEATURES)))
    answerable = rows[:, QUESTION_FEATURES.index("typed_best")] > 0.4
    missing = QUESTION_FEATURES.index("missing")
    rows[:, missing] = answerable + 0.1 * rng.random(60)  # in this data more missing words look *more* answerable
    model = fit_refusal(rows, answerable)
    assert model.coef[missing] == 0.0  # the flipped weight is dropped, not learned
    for name, weight in zip(QUESTION_FEATURES, model.coef, strict=True):
        assert weight * SUPPORT_SIGNS[name] >= 0
    assert model.coef[QUESTION_FEATURES.index("typed_best")] > 0


def test_the_shipped_model_reads_todays_features(tmp_path: Path) -> None:
    model = shipped_model()
    assert model.ranker.features == list(SENTENCE_FEATURES)
    assert model.refusal.features == list(QUESTION_FEATURES)
    stale = model.model_copy(update={"ranker": model.ranker.model_copy(update={"features": ["lexical"]})})
    (tmp_path / "old.json").write_text(stale.model_dump_json(), encoding="utf-8")
    from assistant.errors import InvalidRequestError

    with pytest.raises(InvalidRequestError, match="fit-answers"):
        load_model(tmp_path / "old.json")
