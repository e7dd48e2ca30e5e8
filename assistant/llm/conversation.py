"""Multi-turn: a follow-up ("and when was it signed?") becomes a standalone question before retrieval.

With an LLM the rewrite is the model's; without one (or when it fails) a deterministic rule appends the previous
user question's key noun phrases to a short follow-up, which is what retrieval needs to find the same documents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.errors import LLMUnavailableError
from assistant.llm.client import ChatClient
from assistant.llm.prompts import rewrite_messages

HISTORY_TURNS = 6
REWRITE_MAX_TOKENS = 80
MAX_FOLLOW_UP_WORDS = 9
MAX_FOLLOW_UP_THAI_CHARS = 30
MAX_PHRASE_WORDS = 10

_EN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'’&]*")
_EN_PRONOUNS = frozenset("it its it's they them their theirs this that these those he she him her his there such".split())
_EN_OPENERS = ("and ", "and,", "what about", "how about", "also", "but ", "so ", "then ", "or ")
_EN_FUNCTION_WORDS = _EN_PRONOUNS | frozenset(
    """a an the of in on at to for from by with about into over under between among and or but nor so as than
    is are was were be been being am do does did done has have had will would shall should can could may might must
    what which who whom whose when where why how whether if not no yes please tell me us give list name describe
    explain show i you we our your my any some all each every more most other another same also only just very
    there here then than that's what's who's when's where's how's""".split()
)
_TH_PRONOUNS = ("มัน", "นั้น", "ดังกล่าว", "เขา", "เธอ", "พวกเขา", "ที่ว่า", "อันนี้", "อันนั้น")
_TH_OPENERS = ("แล้ว", "และ", "ส่วน", "นอกจากนี้", "อีก", "แล้วก็")
_TH_QUESTION_WORDS = frozenset(
    "อะไร ใคร เมื่อไร เมื่อไหร่ ที่ไหน อย่างไร ยังไง เท่าใด เท่าไร เท่าไหร่ กี่ ไหม หรือไม่ บ้าง ได้บ้าง ล่ะ คะ ครับ ค่ะ".split()
)
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def _is_thai(text: str) -> bool:
    return bool(_THAI.search(text))


@lru_cache(maxsize=1)
def _thai_stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) | _TH_QUESTION_WORDS | frozenset(_TH_PRONOUNS) | frozenset(_TH_OPENERS)


def _thai_words(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip()]


def is_follow_up(question: str) -> bool:
    """Short, and leaning on something said before: a pronoun, or an opener such as "and ..." / "แล้ว..."."""
    text = question.strip().lower()
    if _is_thai(text):
        short = len(text.replace(" ", "")) <= MAX_FOLLOW_UP_THAI_CHARS
        leans = text.startswith(_TH_OPENERS) or any(p in text for p in _TH_PRONOUNS)
        return short and leans
    words = [w.lower() for w in _EN_WORD.findall(text)]
    if not words or len(words) > MAX_FOLLOW_UP_WORDS:
        return False
    return text.startswith(_EN_OPENERS) or any(w in _EN_PRONOUNS for w in words) or len(words) <= 2


def _english_phrases(text: str, skip: set[str]) -> list[str]:
    """Runs of content words ("Abu Dhabi", "Houston sister cities agreement"), original casing kept."""
    phrases: list[list[str]] = [[]]
    for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9.'’&]*|[^\sA-Za-z0-9]", text):
        word = token.lower().rstrip(".")
        if _EN_WORD.fullmatch(token) and word not in _EN_FUNCTION_WORDS and word not in skip:
            phrases[-1].append(token.rstrip("."))
        elif token in "-–&/" and phrases[-1]:
            continue  # "Abu Dhabi - Houston" is one name
        elif phrases[-1]:
            phrases.append([])
    return [" ".join(p) for p in phrases if p]


def _thai_phrases(text: str, skip: set[str]) -> list[str]:
    stop = _thai_stopwords()
    phrases: list[list[str]] = [[]]
    for word in _thai_words(text):
        if word in stop or word in skip or not re.search(r"\w", word):
            if phrases[-1]:
                phrases.append([])
            continue
        phrases[-1].append(word)
    joined = []
    for p in phrases:
        if p:  # Thai words join without spaces; Latin names inside Thai keep theirs
            joined.append("".join(w if _is_thai(w) else f" {w} " for w in p).strip().replace("  ", " "))
    return joined


def key_phrases(previous: str, current: str) -> list[str]:
    """What the previous question was about, minus what the follow-up already says."""
    if _is_thai(previous):
        skip = set(_thai_words(current))
        phrases = _thai_phrases(previous, skip)
    else:
        skip = {w.lower() for w in _EN_WORD.findall(current)}
        phrases = _english_phrases(previous, skip)
    out: list[str] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        if sum(len(p.split()) for p in out) + len(phrase.split()) > MAX_PHRASE_WORDS:
            break
        out.append(phrase)
    return sorted(out, key=previous.find)  # back in the order the user wrote them


def _user_turns(history: Sequence[dict[str, str]]) -> list[str]:
    return [t["content"].strip() for t in history if t.get("role") == "user" and t.get("content", "").strip()]


def rewrite_by_rule(history: Sequence[dict[str, str]], question: str) -> str:
    """Deterministic: only a follow-up changes, by appending the previous question's key noun phrases."""
    turns = _user_turns(history)
    if turns and turns[-1] == question.strip():
        turns = turns[:-1]  # the history may already end with the question being asked
    if not turns or not is_follow_up(question):
        return question.strip()
    # the previous question may itself have been a follow-up: resolve it first against what came before it
    previous = rewrite_by_rule([{"role": "user", "content": t} for t in turns[:-1]], turns[-1])
    phrases = key_phrases(previous, question)
    if not phrases:
        return question.strip()
    return f"{question.strip()} ({', '.join(phrases)})"


def _clean_rewrite(text: str) -> str:
    line = next((ln.strip() for ln in text.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^(standalone question|question|rewritten question)\s*:\s*", "", line, flags=re.IGNORECASE)
    return line.strip().strip('"“”\'`').strip()


def rewrite_question(history: Sequence[dict[str, str]], question: str, client: ChatClient | None = None) -> str:
    """The question as it will be searched; unchanged when there is no history."""
    recent = [t for t in history if t.get("role") in ("user", "assistant")][-HISTORY_TURNS:]
    if not _user_turns(recent):
        return question.strip()
    if client is None:
        return rewrite_by_rule(recent, question)
    try:
        rewritten = _clean_rewrite(client.complete(rewrite_messages(recent, question), max_tokens=REWRITE_MAX_TOKENS))
    except LLMUnavailableError:
        return rewrite_by_rule(recent, question)
    if not rewritten or len(rewritten) > 4 * len(question) + 200:
        return rewrite_by_rule(recent, question)  # empty or rambling: the model answered instead of rewriting
    return rewritten
