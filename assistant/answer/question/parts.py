"""How many parts a question asks ('Who signed it, when, and when did it take effect?' asks three), and the words
each part asks about and no other part does, so that the answer can hold a sentence for each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.retrieval.support import content_term
from assistant.text.normalise import detect_language, tokenize

ASKING_EN = frozenset(["what", "which", "who", "whom", "whose", "when", "where", "how", "why", "give", "name", "list",
                       "describe", "compare"])
ASKING_TH = frozenset(["กี่", "อะไร", "ใคร", "เท่าใด", "เท่าไร", "เท่าไหร่", "ไหน", "อย่างไร", "เมื่อใด", "เมื่อไร", "ใด",
                       "บ้าง"])
COUNTING_TH = frozenset(["กี่", "เท่าใด", "เท่าไร", "เท่าไหร่"])  # how many, how much
_PLURAL_TH = "บ้าง"
_COMPARING = re.compile(r"\b(compar\w*|versus|vs\.?|difference between)\b|เปรียบเทียบ|เทียบกับ", re.IGNORECASE)


def questions_in(text: str) -> int:
    """Questions asked one after the other ('Do they set a term? If not, how is one ended?') are parts each."""
    return len([q for q in re.split(r"[?？]", text) if re.search(r"\w", q)])


def compared(question: str) -> int:
    """A comparison ('Compare the populations of Corvin and Dunmore', 'How does A compare with B?') asks for two
    values, each a part: one for each thing compared."""
    return 2 if _COMPARING.search(question) else 1


def asking_at(tokens: list[str], n: int) -> bool:
    """Whether the n-th of a question's tokens is an asking word; 'บ้าง' after one only makes it plural ('อะไรบ้าง',
    what all): one part, not two."""
    token = tokens[n]
    if token in ASKING_EN:
        return True
    return token in ASKING_TH and not (token == _PLURAL_TH and n and tokens[n - 1] in ASKING_TH)


@dataclass(frozen=True)
class Part:
    """One part of a question: its words as asked ('who pays for the meetings'), and its own content words, spelled
    as matching compares them (those no other part has)."""

    text: str
    own: frozenset[str]


def parts_of(question: str) -> list[Part]:
    """The parts of a question asked in one sentence; nothing for a question of one part.

    An English part runs from its asking word to the next one ('who signed it | when | and when did it take
    effect'); a Thai part ends at its asking word and the unit counted after it ('สภาเขตมีอายุคราวละกี่ปี')."""
    tokens = tokenize(question)
    at = [n for n in range(len(tokens)) if asking_at(tokens, n)]
    if len(at) < 2:
        return []
    thai = detect_language(question) == "th"
    if thai:
        ends = [n + 2 if tokens[n] in COUNTING_TH else n + 1 for n in at]
        spans = [tokens[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]
    else:
        spans = [tokens[start:end] for start, end in zip(at, [*at[1:], len(tokens)], strict=True)]
    asking = {tokens[n] for n in at}
    terms = [frozenset(t for token in span if token not in asking and (t := content_term(token)) is not None)
             for span in spans]
    return [Part(text=_joined(span) if thai else " ".join(span),
                 own=own - frozenset().union(*(o for j, o in enumerate(terms) if j != n)))
            for n, (span, own) in enumerate(zip(spans, terms, strict=True))]


def _joined(tokens: list[str]) -> str:
    """A Thai part's words as written: Thai without spaces between its words, but a space beside a Latin word ('ASEAN
    Smart City Professional Program'), which run together would be one unknown word to the sentence encoder."""
    out = ""
    for token in tokens:
        latin = token[:1].isascii()
        out += f" {token}" if out and (latin or out[-1].isascii()) else token
    return out
