"""Signature blocks: a name over the signer's office ('Ms. Jane Roe' / 'Mayor of X'; a Thai memo's bracketed name over
its position), one line per signer.

Sentence splitting joins each name to its office (``signer_of``), so 'who signed' is answered by 'Jane Roe Mayor of
X'. An agreement has two signers or more, in one block: when the answer quotes one signature line, the other lines
of the same block (the same document) come with it, where the ranker would take a sentence of another document
naming the same cities over the other party's signature.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.answer.units import Sentence
    from assistant.models import Passage

# a title next to a capitalised word: 'Mayor Livingstone', 'Neill Mayor', 'Pattanapanchai, Permanent Secretary'
OFFICE_TITLES = (r"Mayor|Minister|Governor|Chairman|Chairperson|Chair|President|Director|Director-General"
                 r"|Permanent Secretary|Secretary|Ambassador|Officer")
_OFFICE_LINE = re.compile(rf"^(?:(?:First|Deputy|Vice|Lord|Executive|Acting)\s+)?(?:{OFFICE_TITLES})\b")
_NAME_LINE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|H\.E|Hon|Prof)\.?\s+)?(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+$")
_BLOCK_SIGNERS = 4  # two parties and their witnesses
# A Thai memo or letter is signed with the name in brackets over the position: '(นางสาวกนกพร ศรีวัฒนา)' /
# 'ผู้อำนวยการกองสวนสาธารณะ'. The position is one short line of Thai, with no bracket or digit of its own.
_THAI_NAME_LINE = re.compile(r"^\((?:ลงชื่อ)?\s*[฀-ฯะ-๎.]+(?:\s+[฀-ฯะ-๎.]+){1,2}\)$")
_THAI_OFFICE_LINE = re.compile(r"^[฀-ฯะ-๎][฀-ฯะ-๎ .]{2,60}$")


def signer_of(line: str, office: str) -> bool:
    """A signature block laid out a line to a paragraph: a name over the signer's office ('Jane Roe' / 'Mayor of
    X', '(นางสาวกนกพร ศรีวัฒนา)' / 'ผู้อำนวยการกองสวนสาธารณะ'). Apart, the office answers 'who signed' without the
    name, and the name says nothing."""
    line, office = line.strip(), office.strip()
    if _THAI_NAME_LINE.match(line):
        return bool(_THAI_OFFICE_LINE.match(office))
    return bool(_OFFICE_LINE.match(office) and _NAME_LINE.match(line) and not _OFFICE_LINE.match(line))


def is_signature(text: str) -> bool:
    """'Ms. Jana Holm Mayor of Tarlow', '(นางสาวกนกพร ศรีวัฒนา) ผู้อำนวยการกองสวนสาธารณะ': a name, then an office,
    and nothing else."""
    if text.startswith("(") and ")" in text:
        name, _, office = text.partition(")")
        return signer_of(f"{name})", office)
    words = text.split()
    return any(signer_of(" ".join(words[:n]), " ".join(words[n:])) for n in range(2, min(len(words), 6)))


def with_cosigners(chosen: list[Sentence], sentences: list[Sentence], passages: list[Passage]) -> list[Sentence]:
    """The other signature lines of each quoted signature's document, in reading order after the quoted ones."""
    docs = {passages[s.rank].chunk.doc_id for s in chosen if is_signature(s.text)}
    if not docs:
        return chosen
    seen = {s.text for s in chosen}
    lines: list[Sentence] = []
    for s in sorted(sentences, key=lambda s: (passages[s.rank].chunk.ordinal, s.position)):
        if s.text not in seen and passages[s.rank].chunk.doc_id in docs and is_signature(s.text):
            seen.add(s.text)
            lines.append(s)
    quoted = sum(is_signature(s.text) for s in chosen)
    return chosen + lines[: max(0, _BLOCK_SIGNERS - quoted)]
