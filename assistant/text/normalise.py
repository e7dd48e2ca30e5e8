"""Text normalisation shared by the index side and the query side, so that both see the same tokens.

Thai needs care: pypdf never emits SARA AM (it writes "ค าสั่ง" for "คำสั่ง"), Thai digits must match Arabic ones,
and Thai has no spaces between words, so lexical search needs PyThaiNLP's segmentation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Literal

THAI_CHAR = "\u0e00-\u0e7f"
_THAI_RE = re.compile(f"[{THAI_CHAR}]")
_LATIN_RE = re.compile(r"[A-Za-z]")
# consonant (+ optional vowel/tone marks above or below) + spaces + SARA AA: pypdf's rendering of SARA AM.
_BROKEN_AM_RE = re.compile(r"([\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*) +\u0e32")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_WINDOW = 14  # Thai characters of context each side used to score a repair
_TOKEN_RE = re.compile(r"[\w\u0e00-\u0e7f]+(?:[.'’][\w\u0e00-\u0e7f]+)*", re.UNICODE)
_PUNCT_ONLY_RE = re.compile(r"^[\W_]+$", re.UNICODE)

# English sentence boundary: terminal punctuation, optional closing quote/bracket, whitespace, then a capital,
# digit, quote or bracket. Abbreviations are rejected afterwards (look-behind cannot express them all).
_EN_BOUNDARY_RE = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "no nos mr mrs ms dr prof st sr jr vs etc e.g i.e al fig figs vol art sec para p pp jan feb mar apr jun jul"
    " aug sep sept oct nov dec inc ltd co corp dept govt gov u.s u.s.a u.k u.n u.a.e b.e c.e a.d b.c approx"
    " est min max mt ft rev hon gen col lt capt sgt".split()
)


def is_blank(text: str) -> bool:
    """Nothing but spaces, control and format characters (NUL, zero-width space, BOM, soft hyphen): such a question
    or topic has no words, and must be refused like an empty one instead of being searched."""
    return all(unicodedata.category(ch)[0] in "CZ" for ch in text)


def is_thai(text: str) -> bool:
    return bool(_THAI_RE.search(text))


@lru_cache(maxsize=1)
def thai_dictionary() -> frozenset[str]:
    """PyThaiNLP's word list: the judge of which SARA AM repair yields real words."""
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


class _WordTrie:
    """PyThaiNLP's word list in a marisa trie, handed to newmm as its ``custom_dict``: the same segmentations, but
    built in 0.1 s where PyThaiNLP's pure-Python trie takes 0.7 s in every process that segments Thai (each ingest
    worker, the service on its first Thai question). newmm only asks which words start the text at a position."""

    def __init__(self, words: Iterable[str]) -> None:
        import marisa_trie

        kept = [w for w in (word.strip() for word in words) if w]  # PyThaiNLP's trie strips its words too
        self._trie = marisa_trie.Trie(kept)
        self._longest = max(map(len, kept), default=0)

    def __len__(self) -> int:  # newmm takes an empty custom_dict to mean its own dictionary
        return len(self._trie)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        return self._trie.prefixes(text[start : start + self._longest])


@lru_cache(maxsize=1)
def _word_trie() -> _WordTrie:
    return _WordTrie(thai_dictionary())


def _segment(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, engine="newmm", custom_dict=_word_trie(), keep_whitespace=False)


@lru_cache(maxsize=20_000)
def _segmentation_cost(text: str) -> tuple[int, int]:
    """Fewer out-of-dictionary pieces first, then fewer pieces: a real word segments into long known words."""
    words = thai_dictionary()
    pieces = _segment(text)
    unknown = sum(1 for p in pieces if is_thai(p) and p not in words)
    return unknown, len(pieces)


def repair_sara_am(text: str) -> str:
    """Rejoin "ค าสั่ง" as "คำสั่ง"; where the space was only a stray one ("ร่ าง"), just drop it.

    Both readings are segmented in a window of surrounding Thai text and the one with fewer unknown words wins;
    ties go to SARA AM, by far the more common case.
    """
    if "\u0e32" not in text or not _BROKEN_AM_RE.search(text):
        return text
    out: list[str] = []
    pos = 0
    for match in _BROKEN_AM_RE.finditer(text):
        out.append(text[pos : match.start()])
        left = "".join(out)[-_WINDOW:]
        left = re.split(f"[^{THAI_CHAR}]", left)[-1]
        right = re.split(f"[^{THAI_CHAR}]", text[match.end() : match.end() + _WINDOW])[0]
        base = match.group(1)
        with_am = base + "\u0e33"
        without_space = base + "\u0e32"
        if _segmentation_cost(left + without_space + right) < _segmentation_cost(left + with_am + right):
            out.append(without_space)
        else:
            out.append(with_am)
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def thai_digits_to_arabic(text: str) -> str:
    return text.translate(_THAI_DIGITS)


_FISCAL_YEAR = re.compile(r"\bfy\s?((?:19|20)\d\d)\b")  # 'FY2025' is 'fiscal year 2025', as reports write both


def normalize_for_search(text: str) -> str:
    """The form both the lexical index and queries are compared in."""
    # one apostrophe: a name printed with a curly one is typed with a straight one
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2018", "'")
    return _FISCAL_YEAR.sub(r"fiscal year \1", thai_digits_to_arabic(repair_sara_am(text)).lower())


def tokenize(text: str) -> list[str]:
    """Search tokens: newmm words for Thai runs, lower-cased words for Latin, no punctuation or spaces."""
    tokens: list[str] = []
    for run in _TOKEN_RE.findall(normalize_for_search(text)):
        if is_thai(run):
            tokens.extend(t for t in _segment_run(run) if not _PUNCT_ONLY_RE.match(t))
        else:
            tokens.append(re.sub(r"['’]s$", "", run).strip(".'’"))
    return [t for t in tokens if t]


_SEGMENT_MEMO: ContextVar[dict[str, tuple[str, ...]] | None] = ContextVar("segment_memo", default=None)


@contextmanager
def segmentation_memo() -> Iterator[None]:
    """Remembers Thai segmentations for one request only (a question and its passages are tokenized several times).

    Not across requests: a cache keyed on question text would let a benchmark of repeated questions measure less
    work than real users cause."""
    token = _SEGMENT_MEMO.set({})
    try:
        yield
    finally:
        _SEGMENT_MEMO.reset(token)


def _segment_run(run: str) -> tuple[str, ...]:
    memo = _SEGMENT_MEMO.get()
    found = None if memo is None else memo.get(run)
    if found is None:
        found = tuple(t for t in _segment(run) if t.strip())
        if memo is not None:
            memo[run] = found
    return found


def detect_language(text: str) -> Literal["th", "en"]:
    """Thai when Thai script is at least a fifth of the letters: Thai documents quote English names, not vice versa."""
    thai = len(_THAI_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if thai == 0:
        return "en"
    return "th" if thai >= 0.2 * (thai + latin) else "en"


def split_sentences(text: str, language: str) -> list[str]:
    """Sentences whose concatenation (with the whitespace between them) gives back the text."""
    if language == "th":
        return _split_thai(text)
    return _split_english(text)


def _split_english(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _EN_BOUNDARY_RE.finditer(text):
        candidate = text[start : match.start()]
        words = candidate.rstrip(".!?\"”’)]").rsplit(None, 1)  # empty for a stray ". " (OCR): no word before it
        last_word = words[-1].lower() if words else ""
        if last_word.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last_word):
            continue  # "No. 5", "Dr. Smith", "U.S.A. and", "P. Brown": not a sentence end
        sentences.append(candidate.strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


_THAI_DATE_ADVERBIALS = ("เมื่อวันที่", "ณ วันที่", "ตั้งแต่วันที่", "ถึงวันที่")


def _split_thai(text: str) -> list[str]:
    pieces: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        for sentence in _crfcut(line):
            sentence = sentence.strip()
            if not sentence:
                continue
            # crfcut cuts after "พ.ศ.": the year goes back to it
            year = re.match(r"[0-9๐-๙]{4}\b\s*", sentence) if pieces and pieces[-1].endswith(("พ.ศ.", "ค.ศ.")) else None
            if year:
                pieces[-1] = f"{pieces[-1]} {year.group(0).strip()}"
                sentence = sentence[year.end():]
                if not sentence:
                    continue
            # a fragment without Thai letters belongs before it, as does a date that ends a clause
            # ("ทำขึ้น ณ นครX | เมื่อวันที่ ๒๔ มกราคม")
            if pieces and (len(sentence) < 8 or not re.search("[\u0e01-\u0e2e]", sentence)
                           or sentence.startswith(_THAI_DATE_ADVERBIALS)):
                pieces[-1] = f"{pieces[-1]} {sentence}"
            else:
                pieces.append(sentence)
    return pieces


def _crfcut(line: str) -> list[str]:
    """PyThaiNLP's CRF sentence splitter (``sent_tokenize(line, engine="crfcut")``), its model, features and rules,
    on newmm words from ``_WordTrie``: PyThaiNLP's own call segments with its default trie, which would cost every
    process that splits Thai sentences the 0.7 s build that ``_WordTrie`` saves. Tested against ``sent_tokenize``."""
    from pythainlp.tokenize import word_tokenize
    from pythainlp.tokenize.crfcut import _extract_features, _tagger

    words = word_tokenize(line, engine="newmm", custom_dict=_word_trie())
    if not words:
        return []
    labels = _tagger.tag(_extract_features(words))
    labels[-1] = "E"  # the last sentence ends with the line
    for index, word in enumerate(words):
        if word.strip().endswith(("!", ".", "?")):
            labels[index] = "E"
        elif (index == 0 or labels[index - 1] == "E") and not word.strip():
            labels[index] = "I"  # a space does not end a sentence of its own
    sentences: list[str] = []
    sentence = ""
    for word, label in zip(words, labels, strict=True):
        sentence += word
        if label == "E" and sentence:
            sentences.append(sentence)
            sentence = ""
    return sentences
