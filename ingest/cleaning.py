"""Pure clean-up of extracted pages, one function per parsing trap of the reference documents (docs/architecture.md).

Order matters: characters first, then SARA AM (so Thai words are whole), then running headers and OCR garbage
(judged line by line), then line joining, then word-level repairs on the joined text.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter

from assistant.models import Page
from assistant.text.normalise import THAI_CHAR, is_thai, repair_sara_am
from assistant.text.vocabulary import is_word, zipf

EDGE_LINES = 4  # running headers/footers live in a page's first or last few lines
HEADER_PAGE_SHARE = 0.5  # a line on at least this share of pages (and at least 3) is a running header
GARBAGE_KNOWN_SHARE = 0.5  # a Latin line whose letters are mostly in non-words is OCR garbage...
GARBAGE_MIN_UNKNOWN = 6  # ...when at least this many letters are unknown (short lines cannot be judged)
SHORT_LINE = 0.6  # a line shorter than this share of the page's usual width ended on purpose

_PUA_BULLET_RE = re.compile(r"^(\s*)[\ue000-\uf8ff]\s*", re.M)
_PUA_RE = re.compile(r"[\ue000-\uf8ff]")
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_LIGATURES = str.maketrans({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)})
_LIST_ITEM_RE = re.compile(
    r"^\s*(?:[•·\-*–]\s|\(?[0-9๐-๙]{1,3}[.)]\s|\((?:[0-9๐-๙]{1,3}|[ivxlc]{1,5}|[a-z])\)|[ivx]{1,4}\)\s|มาตรา\s|หมวด\s|ส่วนที่\s|#)"
)
# 'by giving ninety' / '(90) days' notice': a numeral restating the number word before it, wrapped onto a line of its
# own, is no list item '(90)'
_RESTATED_NUMBER = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)"
    r"(?:-[a-z]+)?\s*$", re.IGNORECASE)
_TERMINAL_RE = re.compile(r"[.!?:;\"”’)]\s*$")
_THAI_END_RE = re.compile(f"[{THAI_CHAR}]$")
_THAI_START_RE = re.compile(f"^[{THAI_CHAR}]")


def fix_characters(text: str) -> str:
    """Private-use glyphs (PDF symbol-font bullets like U+F0B7) and ligatures become plain text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _PUA_BULLET_RE.sub(r"\1• ", text)
    text = _PUA_RE.sub("", text)
    text = _INVISIBLE_RE.sub("", text)
    return text.translate(_LIGATURES)


def _header_key(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def remove_running_lines(pages_lines: list[list[str]]) -> list[list[str]]:
    """Drop lines repeated at the top or bottom of most pages ("Endorsed by ASCN on 8 July 2018", page numbers)."""
    with_text = [lines for lines in pages_lines if any(line.strip() for line in lines)]
    if len(with_text) < 3:
        return pages_lines
    counts: Counter[str] = Counter()
    for lines in with_text:
        edges = _edge_indexes(lines)
        counts.update({_header_key(lines[i]) for i in edges})
    needed = max(3, HEADER_PAGE_SHARE * len(with_text))
    running = {key for key, n in counts.items() if n >= needed and key}
    if not running:
        return pages_lines
    cleaned: list[list[str]] = []
    for lines in pages_lines:
        edges = _edge_indexes(lines)
        cleaned.append([line for i, line in enumerate(lines) if not (i in edges and _header_key(line) in running)])
    return cleaned


def _edge_indexes(lines: list[str]) -> set[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:EDGE_LINES]) | set(filled[-EDGE_LINES:])


_ADDRESS_RE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")


def is_garbage_line(line: str) -> bool:
    """OCR of Thai as Latin ("UWUENSMAnsSauMscivUss...") is mostly suspicious non-words; real lines with a typo
    ("IAOQ"), a mangled ordinal ("13™") or names ("Mr Soukan Bounnyong") are not. Thai lines are never judged."""
    return not is_thai(line) and _is_garbage(*_scored(line))


def without_garbage_tail(line: str) -> str:
    """The infographic's OCR also glues gibberish onto a real line ("(Developing policies, plans, and operation
    AUENANUATEENITRIYINA WazumuATUIDg a9 EY"): the tail goes from the first suspicious word after which the rest is
    garbage by ``is_garbage_line`` and holds at least two suspicious words (one odd acronym is not enough)."""
    if is_thai(line):
        return line
    tokens = line.split()
    for i in range(1, len(tokens)):
        letters = re.sub(r"[^A-Za-z]", "", tokens[i])
        if not letters or not _suspicious(letters):
            continue
        rest = " ".join(tokens[i:])
        words, flags = _scored(rest)
        if sum(flags) >= 2 and _is_garbage(words, flags):
            return " ".join(tokens[:i])
    return line


def _without_garbage(line: str) -> str | None:
    """Both rules on one scoring of the line's words: None when all of it is garbage, else it less a garbage tail.
    Most lines have fewer than two suspicious words and so no tail: only those few are read token by token."""
    if is_thai(line):
        return line
    words, flags = _scored(line)
    if _is_garbage(words, flags):
        return None
    return line if sum(flags) < 2 else without_garbage_tail(line)


def _scored(text: str) -> tuple[list[str], list[bool]]:
    """The text's words (addresses left out) and whether each is suspicious."""
    words = re.findall(r"[A-Za-z]+", _ADDRESS_RE.sub(" ", text))
    return words, [_suspicious(w) for w in words]


def _is_garbage(words: list[str], flags: list[bool]) -> bool:
    letters = sum(len(w) for w in words)
    suspicious = sum(len(w) for w, flag in zip(words, flags) if flag)
    return suspicious >= GARBAGE_MIN_UNKNOWN and suspicious > (1 - GARBAGE_KNOWN_SHARE) * letters


def _suspicious(word: str) -> bool:
    """An unknown word shaped unlike English: mixed case ("WazumuATUIDg"), a long all-caps run ("HRUNGTHEP"), or
    lower case that is hard to pronounce ("gnsmadas"). Capitalised unknowns are names and pass."""
    if is_word(word) and not _mixed_case(word):
        return False
    if _mixed_case(word):
        return True
    if word.isupper():
        return len(word) >= 6
    if word[0].isupper():
        return False
    word = word.lower()
    vowels = sum(ch in "aeiouy" for ch in word)
    return len(word) >= 4 and (vowels < 0.3 * len(word) or re.search(r"[^aeiouy]{4,}|(.)\1\1", word) is not None)


def _mixed_case(word: str) -> bool:
    """'WazumuATUIDg': lower-case letters before an upper-case one, which real words and acronyms never have."""
    return bool(re.search(r"[a-z][A-Z]", word)) and not re.fullmatch(r"(?:Mc|Mac|O)[A-Z][a-z]+|[A-Za-z][a-z]+[A-Z][a-z]+", word)


def _usual_width(lines: list[str]) -> float:
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) > 1)
    if not lengths:
        return 0.0
    return float(lengths[int(0.9 * (len(lengths) - 1))]) if len(lengths) >= 5 else float(statistics.median(lengths))


def _join_hyphenated(left: str, right: str) -> str:
    """'non-' + 'governmental' keeps its hyphen; 'govern-' + 'mental' does not: the more frequent reading wins."""
    head = re.search(r"([A-Za-z]+) ?-$", left)
    tail = re.match(r"([A-Za-z]+)", right)
    if not head or not tail:
        return left + right
    joined = head.group(1) + tail.group(1)
    stem = left[: head.start(1)] + head.group(1)
    if zipf(joined) >= 3.0 or not (is_word(head.group(1)) and is_word(tail.group(1))):
        return stem + right
    return stem + "-" + right


def join_lines(lines: list[str]) -> str:
    """Undo hard wraps: Thai lines join without a space, English with one, de-hyphenated; real breaks stay.

    A blank line, a leading space (the plan's paragraph mark), a list item, a heading or a line that ended well short
    of the usual width are real breaks, unless the next line continues a sentence in lower case.
    """
    width = _usual_width(lines)
    paragraphs: list[str] = []
    current = ""
    blank_before = False
    prev_trailing_space = False
    for raw in lines:
        if not raw.strip():
            blank_before = bool(current) or blank_before
            continue
        line = raw.rstrip()
        trailing_space, prev_trailing_space = prev_trailing_space, raw != line
        if not current:
            current = line.strip()
            blank_before = False
            continue
        previous = current.rsplit("\n", 1)[-1]
        prev_short = width > 0 and len(previous.strip()) < SHORT_LINE * width
        starts_lower = bool(re.match(r"[a-z]", line.strip()))
        new_paragraph = (raw[:1] == " " and raw[1:2] != " " and not is_thai(line[:3])) or line.lstrip().startswith("#")
        new_paragraph = new_paragraph or previous.startswith("#")
        if blank_before and not new_paragraph:
            thai_pair = bool(_THAI_END_RE.search(previous)) and bool(_THAI_START_RE.match(line.strip()))
            new_paragraph = thai_pair or _TERMINAL_RE.search(previous) is not None or (prev_short and not starts_lower)
        blank_before = False
        if new_paragraph:
            paragraphs.append(current)
            current = line.strip()
        elif (_LIST_ITEM_RE.match(line) and not _RESTATED_NUMBER.search(previous)) or (prev_short and not starts_lower):
            current = f"{current}\n{line.strip()}"
        elif re.search(r"[A-Za-z] ?-$", previous) and starts_lower:
            current = _join_hyphenated(current, line.strip())
        elif _THAI_END_RE.search(current) and _THAI_START_RE.match(line.strip()):
            # pypdf leaves a trailing space where the source had one; none means the wrap split a Thai word run
            current = current + (" " if trailing_space else "") + line.strip()
        else:
            current = f"{current} {line.strip()}"
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


_WORD_RE = re.compile(r"[A-Za-z]+")


def _should_join(left: str, right: str) -> bool:
    joined = left + right
    if len(joined) < 4 or not right.islower() or not is_word(joined):
        return False
    left_word, right_word = is_word(left), is_word(right)
    if left_word and right_word:
        return zipf(joined) >= 4.5 and min(zipf(left), zipf(right)) < 3.0  # "whet her": "whether" is far likelier
    if left_word:
        return len(right) >= 3  # "and e-government" is not "ande"
    if right_word:
        return len(left) >= 2  # "city’s key" is not "skey"
    return True


def rejoin_split_words(text: str) -> str:
    """Kerning splits ("liv eability", "princ iples") rejoin when the whole is a word and a part is not.

    Where a fragment could join either neighbour ("The d etailed"), the likelier word wins.
    """
    words = list(_WORD_RE.finditer(text))
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(words):
        current = words[i].group()
        end = words[i].end()
        j = i + 1
        after_apostrophe = text[words[i].start() - 1 : words[i].start()] in ("’", "'")
        while not after_apostrophe and j < len(words) and text[end : words[j].start()] == " ":
            nxt = words[j].group()
            if not _should_join(current, nxt):
                break
            after = words[j + 1] if j + 1 < len(words) and text[words[j].end() : words[j + 1].start()] == " " else None
            if after is not None and _should_join(nxt, after.group()) and zipf(nxt + after.group()) > zipf(current + nxt):
                break
            current += nxt
            end = words[j].end()
            j += 1
        out.append(text[pos : words[i].start()])
        out.append(current)
        pos = end
        i = j
    out.append(text[pos:])
    return "".join(out)


_SPACING_FIXES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"([A-Za-z0-9)]) +([,;:!?])(?=\s|$)"), r"\1\2"),  # "challenges ," -> "challenges,"
    (re.compile(r"([A-Za-z0-9)]) +\.(?=\s|$)"), r"\1."),  # "Economy ." -> "Economy."
    (re.compile(r"([A-Za-z]) +([’'])s\b"), r"\1\2s"),  # "ASEAN ’s" -> "ASEAN’s"
    (re.compile(r"\( +(?=[A-Za-z0-9])"), "("),  # "( i)" -> "(i)"
    (re.compile(r"(?<=[A-Za-z0-9.]) +\)"), ")"),
    (re.compile(r"\b([A-Za-z]+) -(?=[a-z])"), r"\1-"),  # "non -binding" -> "non-binding"
    (re.compile(r"\b([A-Za-z]+)- (?=[a-z]{3,})"), r"\1-"),  # "Well- being" -> "Well-being"
    (re.compile(r"\b(\d{1,4}) (st|nd|rd|th)\b"), r"\1\2"),  # a superscript ordinal "4 th" -> "4th"
    (re.compile(r"^(\(?\d{1,3}[.)])(?=[A-Z])", re.M), r"\1 "),  # "10.ENCOURAGE": a tab stop lost its space
    (re.compile(r"[ \t]{2,}"), " "),
]


def fix_spacing(text: str) -> str:
    for pattern, replacement in _SPACING_FIXES:
        text = pattern.sub(replacement, text)
    return text


def clean_text(lines: list[str], language: str) -> str:
    kept = [kept for kept in map(_without_garbage, lines) if kept is not None]
    text = join_lines(kept)
    text = rejoin_split_words(fix_spacing(text))
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def clean_pages(pages: list[Page], language: str) -> list[Page]:
    """Cleaned copies of the pages, same numbers and labels; display text keeps Thai digits."""
    fixed = [fix_characters(page.text) for page in pages]
    fixed = [repair_sara_am(text) if is_thai(text) else text for text in fixed]
    pages_lines = remove_running_lines([text.split("\n") for text in fixed])
    return [
        page.model_copy(update={"text": clean_text(lines, language)}) for page, lines in zip(pages, pages_lines)
    ]
