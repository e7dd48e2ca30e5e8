"""The fitted answer model: weights for ranking sentences and for refusal, and the selection's operating points.

Prediction is a few dot products in numpy; fitting (scikit-learn, cross-validated) lives in ``fitting``. The shipped
weights are ``model.json`` beside this file, written by ``assistant fit-answers``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from assistant.answer.answerability import QUESTION_FEATURES
from assistant.answer.features import SENTENCE_FEATURES
from assistant.errors import InvalidRequestError

MODEL_FILE = "model.json"


class Linear(BaseModel):
    """A standardised logistic regression: p = sigmoid(((x - mean) / scale) . coef + intercept)."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        rows = np.atleast_2d(rows)
        z = ((rows - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


class Selection(BaseModel):
    """How many of the ranked sentences an answer keeps: those within ``ratio`` of the best one's probability and
    above ``floor``, at most ``limits[kind]`` plus one for each further part of the question (up to ``max_parts``),
    preferring, by ``novelty``, sentences that cover question words the answer lacks (and, for an overview, by
    ``values``, points stating kinds of value the others do not)."""

    ratio: float = Field(0.6, ge=0, le=1)
    floor: float = Field(0.2, ge=0, le=1)
    novelty: float = Field(0.3, ge=0, le=5)
    values: float = Field(0.2, ge=0, le=5, description="An overview point's bonus for each kind of value (a number, "
                          "a date, a sum, a person) that the points chosen before it do not state yet.")
    max_parts: int = Field(3, ge=1, le=6)
    limits: dict[str, int] = Field(default_factory=lambda: {"fact": 2, "list": 3, "overview": 5})
    fact_chars: int = Field(450, ge=100, le=5000, description="A fact answer's sentences after the first stop at this "
                            "many characters: the evidence is in the citations.")


class AnswerModel(BaseModel):
    ranker: Linear
    refusal: Linear
    refusal_threshold: float = Field(description="Refuse when the answerability probability is below this.")
    support_floor: float = Field(0.0, ge=0, le=1, description="Refuse, whatever else, when no sentence's ranker "
                                 "probability reaches this: every answerable gold question's best sentence reached twice it.")
    dense_floor: float = Field(0.0, ge=-1, le=1, description="Refuse, whatever else, when no top passage's embedding "
                               "similarity reaches this: every answerable gold question's best passage reached twice it.")
    unknown_refuses: bool = Field(False, description="Refuse, whatever else, when the question names something no "
                                  "visible document mentions: set when no answerable gold question did.")
    focus_unknown_refuses: list[str] = Field(default_factory=list, description="Question languages in which a "
                                             "question none of whose focus words any visible document uses is "
                                             "refused, whatever else: set where no answerable gold question in that "
                                             "language was one (a Thai question about an English report can be).")
    occasion_unmet_refuses: bool = Field(False, description="Refuse, whatever else, when the question asks about a "
                                         "year or an edition ('the Sixth Meeting') that no sentence stating the asked "
                                         "kind of value (nor its document) names: set when no answerable gold "
                                         "question was one.")
    subject_unmet_refuses: bool = Field(False, description="Refuse, whatever else, when no sentence stating the "
                                        "asked value has any word of what the question is about near it (the users "
                                        "of another town's app): set when no answerable gold question was one.")
    selection: Selection = Selection()
    fitted_on: list[str] = Field(default_factory=list, description="Gold files the weights were fitted on.")

    def check(self) -> AnswerModel:
        if tuple(self.ranker.features) != SENTENCE_FEATURES or tuple(self.refusal.features) != QUESTION_FEATURES:
            raise InvalidRequestError("the answer model was fitted on other features; refit it with "
                                      "`assistant fit-answers`")
        return self


def load_model(path: Path | None = None) -> AnswerModel:
    text = path.read_text(encoding="utf-8") if path else files("assistant.answer").joinpath(MODEL_FILE).read_text(
        encoding="utf-8")
    return AnswerModel.model_validate_json(text).check()


@lru_cache(maxsize=4)
def model_at(path: Path | None) -> AnswerModel:
    """The model in ``path``, or the weights installed with the package when None (read once per process)."""
    if path is not None and not path.is_file():
        raise InvalidRequestError(f"no answer model at {path}; write one with `assistant fit-answers`")
    return load_model(path)


def shipped_model() -> AnswerModel:
    return model_at(None)
