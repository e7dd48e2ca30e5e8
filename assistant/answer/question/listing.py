"""Whether a question asks for several items: a list gets its items, each cited, and room for them."""

from __future__ import annotations

import re

_LIST_EN = re.compile(
    r"\b(list|name|enumerate|what are|which are|(two|three|four|five|six|seven|eight|nine|ten|several|main|key|core)"
    r"\s+(\w+\s+)?\w+s)\b",
    re.IGNORECASE,
)
_PLURAL_SUBJECT = re.compile(r"\b\w+(?<!s)s\s+(did|do|does|are|were|have|has)\b"
                             # 'who were the members', 'who are its signatories': people, one per item
                             r"|\bwho\s+(are|were)\s+(the\s+|its\s+|their\s+)?(\w+\s+)?\w+(?<!s)s\b"
                             # 'who attended', 'who took part': a meeting's people, one per item
                             r"|\bwho\s+(attended|attends|took part|takes part|participated)\b"
                             # 'what did the committee agree', 'what was recommended': its decisions, one per item
                             r"|\bwhat\s+(did|do|does|will|have|has)\s+[^?]*"
                             r"\b(agree|decide|recommend|resolve|propose)\b"
                             r"|\bwhat\s+(was|were|is|are)\s+(agreed|decided|recommended|resolved|proposed)\b",
                             re.IGNORECASE)
_ONE_VALUE = re.compile(r"\b(how many|how much|(what|which) (dates|years) (did|do|does|are|were))\b", re.IGNORECASE)
_LIST_TH = re.compile(r"(บ้าง|ประการ|ได้แก่)")
_WORD = re.compile(r"[\w'’]+")
_AUXILIARIES = frozenset("is was are were do does did has have had will can should must would could may".split())
_DETERMINERS = frozenset("the a an this that these those its their his her our".split())
# words ending in 's' that are no plural noun: 'Which bus', 'What progress', 'What status'
_NOT_PLURAL = frozenset("this his its us bus status process address business progress access success basis analysis"
                        .split())


def is_list_question(question: str) -> bool:
    """Questions that ask for several items may get a longer answer.

    A plural subject ("Which cities have ...") asks for a list, except in a count or a date range ("how many
    projects were there", "on which dates did ..."): that answer is one value, which its cue finds.
    """
    if _LIST_EN.search(question) or _LIST_TH.search(question):
        return True
    return (bool(_PLURAL_SUBJECT.search(question)) or _asks_which_things(question)) and not _ONE_VALUE.search(question)


def _asks_which_things(question: str) -> bool:
    """'Which areas of cooperation are listed', 'What documents has the Governor signed', 'Which cities joined':
    'which' or 'what' before a plural noun (or an adjective and one) asks for the things it names. A verb in 's'
    after a singular subject is followed by its object ('Which city hosts the Secretariat'), a plural noun is not."""
    words = _WORD.findall(question)
    if len(words) < 3 or words[0].lower() not in ("which", "what"):
        return False
    for n in (1, 2):
        word = words[n].lower()
        if word in _AUXILIARIES:
            return False  # 'What is ...', 'Which city is ...': one thing
        plural = word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")) and word not in _NOT_PLURAL
        if plural and n + 1 < len(words) and words[n + 1].lower() not in _DETERMINERS:
            return True
    return False
