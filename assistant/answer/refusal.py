"""Whether the documents answer the question at all: the one place that decides refusal.

A fitted classifier over support features (how well the best sentences match, how much of the question's rare
vocabulary appears nowhere, whether the kind of value asked for is there) gives the probability that the question
is answerable; below the model's cross-validated operating point the answer is a refusal with the closest passages.
Floors fitted on the gold questions refuse whatever the classifier says: no sentence or passage as weak as any
answerable question's best, a name no visible document mentions when no answerable question had one, or (in a
language where no answerable question was one) a question none of whose focus words any visible document uses, or
one about a year that no sentence stating the asked value names ('the budget in 2022' over '... for 2023 was ...'),
or one whose every sentence stating the asked value is about something else ('Tellin's app' over another town's).
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel

from assistant.answer.answerability import QUESTION_FEATURES, question_row
from assistant.answer.features import Analysis
from assistant.answer.model import AnswerModel


class Verdict(BaseModel):
    """The refusal decision with its inputs, kept so that evaluation and logs can show why."""

    answerable: float
    refused: bool
    features: dict[str, float]


def judge(analysis: Analysis, probs: np.ndarray, model: AnswerModel) -> Verdict:
    if not analysis.sentences:
        return Verdict(answerable=0.0, refused=True, features={})
    row = question_row(analysis, probs)
    p = float(model.refusal.probability(row)[0])
    # nothing retrieved reads like an answer, or is about the question at all (across languages words cannot tell)
    unsupported = (row[QUESTION_FEATURES.index("top")] < model.support_floor
                   or row[QUESTION_FEATURES.index("dense_top")] < model.dense_floor
                   or (model.unknown_refuses and row[QUESTION_FEATURES.index("unknown")] > 0)
                   or (analysis.intent.language in model.focus_unknown_refuses
                       and row[QUESTION_FEATURES.index("focus_unknown")] >= 1.0)
                   or (model.occasion_unmet_refuses and row[QUESTION_FEATURES.index("typed_occasion")] == 0)
                   or (model.subject_unmet_refuses and row[QUESTION_FEATURES.index("subject_typed")] == 0))
    return Verdict(answerable=p, refused=p < model.refusal_threshold or unsupported,
                   features={name: round(float(v), 4) for name, v in zip(QUESTION_FEATURES, row, strict=True)})
