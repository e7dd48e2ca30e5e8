"""Where a document states an asked value of itself, without the question's words: a form's or a minutes' labelled
field ('Date: Thursday, 22 January 2026', 'Venue: ... City Hall') and an agreement's closing formula ('Done at Orvik
Town Hall, Orvik, on 3 May 2025'). Such a line states it of what its document is about, so it stands for the
question's words (``features``) and may open the answer (``selection``)."""

from __future__ import annotations

import re

from assistant.answer.question.intent import Intent
from assistant.answer.question.values import CUES, names_signing, satisfies
from assistant.answer.signatures import is_signature

# A field that opens a form's or a minutes' line says what its value is: 'Date: Thursday, 22 January 2026' is when
# the meeting the document is about met, 'Venue: ... City Hall' where, though neither line says 'met'.
_FIELD_LABELS = {"date": re.compile(r"(?:(?i:dated?|dates)|วันที่)\s?:\s*\S"),
                 "place": re.compile(r"(?:(?i:venue|place|location)|สถานที่)\s?:\s*\S")}
_WHERE = frozenset({"where", "ที่ไหน", "ที่ใด"})
# An agreement's closing formula opens its sentence: 'Done at Orvik Town Hall, Orvik, on ...', 'Signed in duplicate at
# Tarlow on ...', 'ทำขึ้น ณ ...' (not 'Agreements signed in fiscal year 2025', a heading).
_CLOSING_FORMULA = re.compile(r"(?:Done|Signed|Adopted|Concluded|Executed)(?:\s+in\s+(?:duplicate|triplicate))?"
                              r"\s+(?:at|in)\s+[A-Z]|(?:ทำขึ้น|ลงนาม)\s*ณ\s*\S")


def field_kinds(intent: Intent) -> tuple[str, ...]:
    """The kinds of field that answer the question: its asked kinds of value, and a place for 'where'."""
    return intent.cues + (("place",) if _WHERE & intent.given else ())


def record_fields(sentence: str, kinds: tuple[str, ...] = ("date", "place")) -> frozenset[str]:
    """The kinds of value the field opening the sentence is labelled as holding, of ``kinds``: 'Date: ...' holds a
    date (when it states one), 'Venue: ...' a place."""
    return frozenset(kind for kind in kinds if (label := _FIELD_LABELS.get(kind)) is not None
                     and label.match(sentence) is not None and (kind not in CUES or satisfies(kind, sentence)))


def labelled_field(sentence: str, intent: Intent) -> frozenset[str]:
    """The asked kinds of value that the field opening the sentence is labelled as holding ('Date: ...' for 'when'),
    or that an agreement's closing formula states of its signing ('Done at Orvik on 3 May 2025' for when and where
    it was signed). Either states it of what its document is about: it stands for the question's words."""
    kinds = field_kinds(intent)
    found = set(record_fields(sentence, kinds))
    if names_signing(intent.given) and _CLOSING_FORMULA.match(sentence):
        found |= {kind for kind in kinds if kind == "place" or (kind == "date" and satisfies(kind, sentence))}
    if names_signing(intent.given) and "person" in kinds and is_signature(sentence):
        found.add("person")  # a signature block ('Jane Roe Mayor of Tarlow') says who signed without 'signed'
    return frozenset(found)
