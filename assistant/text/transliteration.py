"""Whether a Thai spelling of a name is that Latin name: 'เวลโมรา' is 'Velmora', 'มัณฑะเลย์' is 'Mandalay'.

Thai writes foreign names by sound, so a Thai question names a city that an English document spells in Latin
letters, and no word of the two matches. Both spellings are cut to the consonants they sound (vowels go: they are
written too many ways on both sides, 'Pellmoor' / 'เพลล์มัวร์'), in classes that a Thai spelling of a Latin name
keeps: v and f are both written 'ฟ' or 'ว', g is 'ก', j is 'จ'. Two spellings are the same name when their
consonants agree, all of them, or all but one of five or more ('Ambrecourt' / 'แอมเบรอคูร์' drops the final 't').
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.normalise import is_thai, thai_dictionary
from assistant.text.vocabulary import zipf

# Thai consonants by the Latin class they stand for in a transliterated name; the vowel carrier 'อ' stands for none
_THAI = {
    **dict.fromkeys("กขฃคฅฆ", "k"), "ง": "n", **dict.fromkeys("จฉชฌ", "c"), **dict.fromkeys("ซศษส", "s"),
    "ญ": "y", "ย": "y", **dict.fromkeys("ฎดฑ", "d"), **dict.fromkeys("ฏตฐฒถทธ", "t"), **dict.fromkeys("ณน", "n"),
    "บ": "b", **dict.fromkeys("ปผพภ", "p"), **dict.fromkeys("ฝฟว", "w"), "ม": "m", "ร": "r", **dict.fromkeys("ลฬ", "l"),
    **dict.fromkeys("หฮ", "h"),
}
# not consonants: the 'ว' of the vowel 'ัว' ('มัวร์'), the 'ย' of 'เ-ีย' ('เซี่ยงไฮ้'), a 'ห' that only marks the
# tone of the consonant after it ('หม', 'หล')
_THAI_VOWELS = re.compile("(?<=\u0e31)ว|(?<=\u0e35)[\u0e48-\u0e4b]?ย|ห(?=[\u0e01-\u0e2e])")
# sounds written with two letters, as their class: upper case until the single letters are read ('ch' is 'จ', 'c' 'ค')
_LATIN_DIGRAPHS = (("sch", "S"), ("ph", "P"), ("th", "T"), ("kh", "K"), ("ch", "C"), ("sh", "S"), ("ck", "K"),
                   ("ng", "N"), ("gh", "K"), ("qu", "Kw"), ("x", "Ks"))
_LATIN = {**dict.fromkeys("ckgq", "k"), "j": "c", "z": "s", **dict.fromkeys("vfw", "w")}
_SOFT_C = re.compile(r"c(?=[eiy])")
MIN_CONSONANTS = 3  # shorter skeletons ('Ko', 'Lao') agree with too many words by chance
_ONE_OFF_FROM = 5  # consonants from which one may differ


def _collapse(letters: list[str]) -> str:
    return "".join(ch for n, ch in enumerate(letters) if n == 0 or ch != letters[n - 1])


@lru_cache(maxsize=20_000)
def thai_consonants(word: str) -> str:
    """The consonant classes of a Thai spelling, in order: 'เวลโมรา' -> 'wlmr'."""
    return _collapse([_THAI[ch] for ch in _THAI_VOWELS.sub("", word) if ch in _THAI])


@lru_cache(maxsize=50_000)
def latin_consonants(word: str) -> str:
    """The consonant classes of a Latin spelling: 'Velmora' -> 'wlmr', 'Phanthawi' -> 'pntw'. A final 'h' and a 'y'
    after a vowel are vowels ('Mandalay' keeps its 'y': Thai writes it 'ย')."""
    word = _SOFT_C.sub("s", word.lower())
    for digraph, sound in _LATIN_DIGRAPHS:
        word = word.replace(digraph, sound)
    letters = [_LATIN.get(ch, ch).lower() for ch in word if ch.isascii() and ch.isalpha() and ch not in "aeiou"]
    if letters and letters[-1] == "h":
        letters.pop()
    return _collapse(letters)


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def same_name(thai: str, latin: str) -> bool:
    """Is ``thai`` a Thai spelling of the Latin name ``latin``?"""
    return _differing(thai_consonants(thai), latin_consonants(latin)) is not None


def _differing(a: str, b: str) -> int | None:
    """How many consonants of two spellings differ, or None when too many do (or too few are there to tell)."""
    if min(len(a), len(b)) < MIN_CONSONANTS or a[0] != b[0]:
        return None
    d = _distance(a, b)
    return d if d == 0 or (d == 1 and min(len(a), len(b)) >= _ONE_OFF_FROM) else None


_COMMON_ZIPF = 3.5  # wordfreq's: an English word this common is seldom a name ('Harbour' 4.0, 'Velmora' 0)
COMMON_THAI = 1000  # Thai National Corpus count of a common word, no name: 'ระหว่าง' 34,266, 'นาคร' 55
_FUNCTION_WORD = 75_000  # 'ใน' 537,563, 'มี' 506,209; a name's last syllable 'วัน' 54,715 ('สิ|รา|วัน')
SPAN_TOKENS = 4  # a name the segmenter does not know comes out in syllables: 'ทา|ฟ|ริน'
_LATIN_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)?\b")


def latin_names(texts: list[str]) -> set[str]:
    """The capitalised words of ``texts``: the names a Thai spelling may stand for."""
    return {m.group() for text in texts for m in _LATIN_NAME.finditer(text)
            if len(latin_consonants(m.group())) >= MIN_CONSONANTS}


def spelled_names(tokens: list[str], names: set[str]) -> dict[tuple[int, int], str]:
    """The runs of Thai ``tokens`` (the segmenter's, in order) that spell one of ``names``: {(first, end): name}.
    A name is no common English word ('Harbour'), a run no common Thai one ('ระหว่าง' is no 'Orawan'). Where runs
    overlap, the closer spelling wins, then the longer run."""
    found: list[tuple[int, int, int, int, str]] = []  # (distance, -length, first, end, name)
    keyed = [(n, latin_consonants(n)) for n in sorted(names) if zipf(n) < _COMMON_ZIPF]
    for first in range(len(tokens)):
        for end in range(first + 1, min(first + SPAN_TOKENS, len(tokens)) + 1):
            run = tokens[first:end]
            if not all(is_thai(t) for t in run):
                break
            a = thai_consonants("".join(run))
            if len(a) < _fewest_consonants(run) or common_thai("".join(run), COMMON_THAI):
                continue
            if common_thai(run[-1], _FUNCTION_WORD):
                continue  # 'ใน', 'มี' end no name ('รายใน'); a name may begin with a common syllable ('มา|กัส|ซาร์')
            for name, b in keyed:
                if (d := _differing(a, b)) is not None:
                    found.append((d, first - end, first, end, name))
    taken: set[int] = set()
    out: dict[tuple[int, int], str] = {}
    for _, _, first, end, name in sorted(found):
        if not taken & set(range(first, end)):
            taken |= set(range(first, end))
            out[(first, end)] = name
    return out


@lru_cache(maxsize=1)
def _thai_frequencies() -> dict[str, int]:
    from pythainlp.corpus import tnc

    return dict(tnc.word_freqs())


def common_thai(word: str, count: int) -> bool:
    """Is the Thai word used at least ``count`` times in the Thai National Corpus?"""
    return _thai_frequencies().get(word, 0) >= count


def _fewest_consonants(run: list[str]) -> int:
    """A word the segmenter knows ('การละ') is a name only if long: the segmenter cuts an unknown name in syllables."""
    return MIN_CONSONANTS + (len(run) == 1 and run[0] in thai_dictionary())
