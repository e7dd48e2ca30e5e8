"""Questions about the set of agreements ("which agreements cover education?", "how many sister cities in China?",
"agreements signed before 2000", "ข้อตกลงเมืองพี่เมืองน้องมีกี่ฉบับ") are answered from the register, as a count or a
short list that names every record it counted, each cited. Every other question goes to passage search.

The detector is deliberately narrow: a plural agreement noun with a set cue (which/what/how many/list/all, or the
question opening with the noun), or in Thai an agreement noun with a counting or listing word. A question about one
agreement ("who signed the MOU?") or about what a document says ("according to the plan, how many...") is not a
register question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.agreements import vocabulary as v
from assistant.agreements.model import Agreement, FieldCitation
from assistant.agreements.query import AgreementQuery, collapse, select
from assistant.models import Answer, Citation, DocumentMeta
from assistant.text.calendar import common_era
from assistant.text.normalise import detect_language, thai_digits_to_arabic

_NOUN = (r"(?:agreements|mous|memorand(?:a|ums)(?:\s+of\s+understanding)?|sister[- ]cities|twin(?:ned)?[- ]cities|"
         r"friendship[- ]cities|partner[- ]cities|letters\s+of\s+intent|reaffirmations)")
# Words between the cue and the noun: the noun must be in the question's subject, before its verb ("which
# relationships does <an organisation named with the noun> list" is about that organisation, not the register).
_GAP = r"(?:\s+(?!(?:does|do|did|is|are|was|were|has|have|had|will|would|can|could|should)\b)[\w'-]+){0,4}?"
_SET_CUES = [re.compile(p, re.IGNORECASE) for p in (
    rf"\b(?:which|what)\b{_GAP}\s+{_NOUN}\b",
    rf"\bhow\s+many\b{_GAP}\s+{_NOUN}\b",
    rf"\b(?:list|show|name|count|enumerate|give\s+me)\b{_GAP}\s+{_NOUN}\b",
    rf"^\s*(?:(?:all|our|the)\s+)*{_NOUN}\b",
    r"\b(?:what|which\s+\w+)\s+(?:did|have|has)\s+we\s+sign(?:ed)?\b",
    rf"\ball\s+(?:of\s+)?(?:our\s+|the\s+)?(?:[\w'-]+\s+)?{_NOUN}\b",
)]
_TH_NOUN = re.compile(r"ข้อตกลง|ความตกลง|บันทึกความเข้าใจ|เมืองพี่เมืองน้อง|เมืองคู่มิตร|เมืองมิตร|หนังสือแสดงเจตจำนง")
_TH_CUE = re.compile(r"กี่ฉบับ|กี่เมือง|กี่แห่ง|กี่ประเทศ|ใดบ้าง|อะไรบ้าง|ไหนบ้าง|ที่ไหนบ้าง|ทั้งหมด|รายการ|รายชื่อ")
_ABOUT_A_TEXT = re.compile(r"\baccording to\b|\bcited in\b|\bdoes (?:the|this|that|its) \w+ (?:say|state|mention)|ตาม(?:ที่)?(?:แผน|รายงาน|เอกสาร)", re.IGNORECASE)
_OPEN_ENDED = re.compile(r"\bno (?:end|expiry|expiration) date|\bno (?:fixed )?(?:term|duration|end)\b|open[- ]ended|"
                         r"\bindefinite|\bno termination|ไม่มี(?:กำหนด)?วันสิ้นสุด|ไม่มีกำหนดระยะเวลา|ไม่มีกําหนด", re.IGNORECASE)
_HAS_END = re.compile(r"\b(?:with|have|has|include|includes|contain) an? (?:termination|renewal|duration|expiry) (?:clause|date)|"
                      r"\bexpire|\bterminat|บอกเลิก|สิ้นสุด", re.IGNORECASE)
_COUNT = re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b|กี่")
MAX_LISTED = 20


def is_register_question(question: str) -> bool:
    if _ABOUT_A_TEXT.search(question):
        return False
    if any(p.search(question) for p in _SET_CUES):
        return True
    return bool(_TH_NOUN.search(question) and _TH_CUE.search(question))


# --- the question's filters ----------------------------------------------------------------------------------------
_YEAR = r"(?:(?:พ\.\s?ศ\.|ค\.\s?ศ\.|ปี)\s*)*(\d{4})"
_BEFORE = re.compile(rf"(?:\bbefore|\bprior\s+to|\bearlier\s+than|ก่อน(?:ปี)?)\s*(?:the\s+year\s+)?{_YEAR}", re.IGNORECASE)
_AFTER = re.compile(rf"(?:\bafter|\blater\s+than|หลัง(?:ปี)?)\s*(?:the\s+year\s+)?{_YEAR}", re.IGNORECASE)
_SINCE = re.compile(rf"(?:\bsince|\bfrom|ตั้งแต่(?:ปี)?)\s*(?:the\s+year\s+)?{_YEAR}", re.IGNORECASE)
_BETWEEN = re.compile(rf"\bbetween\s+{_YEAR}\s+and\s+{_YEAR}|ระหว่าง(?:ปี)?\s*{_YEAR}\s*(?:ถึง|-|และ)\s*{_YEAR}", re.IGNORECASE)
_IN = re.compile(rf"(?:\bin|\bduring|ในปี|เมื่อปี|ปี)\s*{_YEAR}", re.IGNORECASE)
_TYPE_WORDS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("relationship", "friendship city", re.compile(r"friendship[- ]cit|เมืองคู่มิตร|เมืองมิตร", re.IGNORECASE)),
    ("relationship", "sister city", re.compile(r"sister[- ]?cit|twin(?:ned)?[- ]cit|เมืองพี่เมืองน้อง", re.IGNORECASE)),
    ("type", "memorandum of understanding", re.compile(r"\bmous?\b|memorand|บันทึกความเข้าใจ", re.IGNORECASE)),
    ("type", "letter of intent", re.compile(r"letters? of intent|หนังสือแสดงเจตจำนง", re.IGNORECASE)),
    ("type", "reaffirmation", re.compile(r"reaffirm", re.IGNORECASE)),
)
_QUESTION_WORDS = {"which", "what", "how", "list", "show", "name", "count", "give", "all", "our", "the", "do", "does",
                   "did", "we", "i", "are", "is", "have", "has", "agreements", "agreement", "sister", "mou", "mous",
                   "memoranda", "memorandums", "memorandum", "understanding", "friendship", "partner", "letters",
                   "intent", "city", "cities", "twin", "signed"}


def _year(text: str) -> int:
    return common_era(int(thai_digits_to_arabic(text)))


def _fold(text: str) -> str:
    return re.sub(r"[.\s]+", "", text.casefold())


@dataclass
class Asked:
    """What a register question asks for: the query, the conditions in words (a label key and a value, rendered in
    the question's language), the register's places it names, and names it gives that no record has."""

    query: AgreementQuery
    conditions: list[tuple[str, str]] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


LABELS = {
    "en": {"between": "signed {}", "before": "signed before {}", "after": "signed after {}", "since": "signed since {}",
           "in": "signed in {}", "kind": "{}", "open": "no duration or termination clause",
           "closed": "a duration or termination clause", "area": "area: {}", "place": "party or country: {}"},
    "th": {"between": "ลงนามระหว่างปี ค.ศ. {}", "before": "ลงนามก่อนปี ค.ศ. {}", "after": "ลงนามหลังปี ค.ศ. {}",
           "since": "ลงนามตั้งแต่ปี ค.ศ. {}", "in": "ลงนามในปี ค.ศ. {}", "kind": "{}",
           "open": "ไม่ระบุระยะเวลาหรือการสิ้นสุด", "closed": "ระบุระยะเวลาหรือการสิ้นสุด", "area": "ด้าน {}",
           "place": "คู่ภาคีหรือประเทศ: {}"},
}


def query_of(question: str, records: list[Agreement]) -> Asked:
    """The filters a question states (years as the Christian era, whatever era the question uses)."""
    plain = thai_digits_to_arabic(question)
    said: list[tuple[str, str]] = []
    fields: dict[str, object] = {}
    if m := _BETWEEN.search(plain):
        years = [y for y in m.groups() if y]
        fields.update(signed_from=str(_year(years[0])), signed_to=str(_year(years[1])))
        said.append(("between", f"{fields['signed_from']}–{fields['signed_to']}"))
    else:
        if m := _BEFORE.search(plain):
            fields["signed_to"] = str(_year(m.group(1)) - 1)
            said.append(("before", str(_year(m.group(1)))))
        if m := _AFTER.search(plain):
            fields["signed_from"] = str(_year(m.group(1)) + 1)
            said.append(("after", str(_year(m.group(1)))))
        elif m := _SINCE.search(plain):
            fields["signed_from"] = str(_year(m.group(1)))
            said.append(("since", str(_year(m.group(1)))))
        if not fields and (m := _IN.search(plain)):
            fields["signed_from"] = fields["signed_to"] = str(_year(m.group(1)))
            said.append(("in", str(_year(m.group(1)))))
    for name, value, pattern in _TYPE_WORDS:
        if name not in fields and pattern.search(question):
            fields[name] = value
            said.append(("kind", value))
    if _OPEN_ENDED.search(question):
        fields["open_ended"] = True
        said.append(("open", ""))
    elif _HAS_END.search(question):
        fields["open_ended"] = False
        said.append(("closed", ""))
    areas = [area for area, pattern in v.AREA_PATTERNS.items() if pattern.search(question)]
    said += [("area", a) for a in areas]
    places, unknown = _places(question, records)
    said += [("place", p) for p in places or unknown]
    return Asked(AgreementQuery(**fields), said, areas, places, [] if places else unknown)  # type: ignore[arg-type]


def _places(question: str, records: list[Agreement]) -> tuple[list[str], list[str]]:
    """Party names and countries of the register that the question names; and capitalised names it gives that no
    record has (asked about a partner the register does not hold, the answer is "none", not every agreement)."""
    folded = _fold(question)
    known: list[str] = []
    for record in records:
        for party in record.parties:
            for value in (party.country, _core(party.name)):
                if value and len(_fold(value)) >= 3 and _fold(value) in folded and value not in known:
                    known.append(value)
    covered = " ".join(known).casefold()
    unknown = _thai_places_unheld(question, records)
    for m in re.finditer(r"(?<!^)(?<![.?!]\s)\b([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)", question.strip()):
        words = [w for w in m.group(1).split() if w.casefold() not in _QUESTION_WORDS]
        name = " ".join(words)
        if name and name.casefold() not in covered and not _vocabulary_word(name):
            unknown.append(name)
    return known, unknown


_TH_PLACE = frozenset({"เมือง", "นคร"})  # city: a Thai question names a city after the word ('เมืองคอร์วิน')


def _thai_places_unheld(question: str, records: list[Agreement]) -> list[str]:
    """Cities a Thai question names after 'เมือง' or 'นคร' that no record's party is, in Thai letters or spelled
    from its Latin name ('คอร์วิน' for Corvin): asked about a partner the register does not hold, as a capitalised
    name in English is."""
    from assistant.text.normalise import tokenize
    from assistant.text.transliteration import COMMON_THAI, SPAN_TOKENS, common_thai, latin_names, spelled_names

    if detect_language(question) != "th":
        return []
    tokens = tokenize(question)
    parties = [_core(p.name) for r in records for p in r.parties if p.name]
    held = _fold(" ".join(parties))
    latin = latin_names(parties)
    out: list[str] = []
    for n, token in enumerate(tokens[:-1]):
        name = tokens[n + 1]
        # a common word after 'เมือง' names no city ('เมืองใน', 'เมืองพี่')
        if token not in _TH_PLACE or detect_language(name) != "th" or common_thai(name, COMMON_THAI):
            continue
        if _fold(name) not in held and not spelled_names(tokens[n + 1:n + 1 + SPAN_TOKENS], latin):
            out.append(name)
    return out


def _core(name: str) -> str:
    return re.sub(r"^(?:the\s+)?(?:city|municipality|province|prefecture|county|state|town)\s+of\s+", "", name,
                  flags=re.IGNORECASE)


def _vocabulary_word(name: str) -> bool:
    return any(p.fullmatch(name) for p in v.AREA_PATTERNS.values()) or any(
        p.search(name) for _, _, p in _TYPE_WORDS)


def _matches_place(record: Agreement, place: str) -> bool:
    return any(_fold(place) in _fold(f"{p.name} {p.country or ''}") for p in record.parties)


# --- the answer ----------------------------------------------------------------------------------------------------
def answer_from_register(question: str, records: list[Agreement], meta_of: Callable[[str], DocumentMeta | None],
                         doc_ids: list[str] | None = None) -> Answer:
    """``records``: the register as the asker may see it. The answer counts or lists the matching records; each
    listed record is a citation of the sentence its matching field was read from."""
    asked = query_of(question, records)
    query = asked.query if doc_ids is None else asked.query.model_copy(update={"doc_ids": doc_ids})
    found = [r for r in select(records, query) if all(a in r.areas for a in asked.areas)
             and (not asked.places or any(_matches_place(r, p) for p in asked.places))]
    if asked.unknown:  # a partner the register does not hold: none, not every agreement
        found = []
    language = "th" if detect_language(question) == "th" else "en"
    citations = [_citation(n, record, asked, meta_of) for n, record in enumerate(found[:MAX_LISTED], 1)]
    conditions = "; ".join(LABELS[language][key].format(value) for key, value in asked.conditions)
    text = _text(found, conditions, language == "th", bool(_COUNT.search(question)), len(collapse(records)))
    return Answer(answer=text, found=bool(found), mode="extractive", citations=citations, question=question,
                  language=language, agreements=[r.id for r in found])


def _text(found: list[Agreement], condition: str, thai: bool, count: bool, total: int) -> str:
    if thai:
        head = (f"ทะเบียนข้อตกลงมี {len(found)} ฉบับ จากทั้งหมด {total} ฉบับ ที่ตรงกับเงื่อนไข"
                + (f" ({condition})" if condition else ""))
    else:
        noun = "agreement" if len(found) == 1 else "agreements"
        head = (f"The agreements register holds {len(found)} {noun} (of {total})"
                + (f" matching: {condition}" if condition else "") + ".")
    if not found:
        return head
    if count and len(found) > MAX_LISTED:
        return head  # a count of many: the number, with the first records cited
    lines = [head]
    for n, record in enumerate(found[:MAX_LISTED], 1):
        parties = " – ".join(p.name + (f" ({p.country})" if p.country else "") for p in record.parties)
        signed = record.signed or ("ไม่ระบุวันที่" if thai else "date not stated")
        areas = ", ".join(record.areas)
        detail = "; ".join(x for x in (parties, f"{'ลงนาม' if thai else 'signed'} {signed}", areas) if x)
        lines.append(f"- {record.title} ({record.agreement_type}): {detail} [{n}]")
    if len(found) > MAX_LISTED:
        lines.append(f"... {len(found) - MAX_LISTED} more" if not thai else f"... และอีก {len(found) - MAX_LISTED} ฉบับ")
    return "\n".join(lines)


def _citation(n: int, record: Agreement, asked: Asked, meta_of: Callable[[str], DocumentMeta | None]) -> Citation:
    """The sentence of the field the question filtered on (the area, the date, the party), else of the type."""
    wanted: list[FieldCitation] = []
    for area in asked.areas:
        wanted += [c for c in record.cited("areas") if v.AREA_PATTERNS[area].search(c.value)]
    if asked.query.signed_from or asked.query.signed_to:
        wanted += record.cited("signed")
    if asked.places:
        wanted += record.cited("parties")
    wanted += record.cited("agreement_type") + record.citations
    cited = wanted[0] if wanted else None
    meta = meta_of(record.doc_id)
    text = cited.sentence if cited else record.title
    return Citation(n=n, source=meta.source if meta else record.doc_id, doc_id=record.doc_id, title=record.title,
                    kind=meta.kind if meta else "mou", page=cited.page if cited else None, text=text, score=1.0,
                    highlights=[(0, len(text))])
