"""The register's small vocabularies, kept in one place: agreement types, areas of cooperation, and the cue words
the extractor and the question detector read. English and Thai side by side; none names a place or a person."""

from __future__ import annotations

import re

AGREEMENT_TYPES = ("sister city", "friendship city", "memorandum of understanding", "cooperation agreement",
                   "reaffirmation", "letter of intent", "other")

# Checked in this order on the agreement's opening text: the document's form (a reaffirmation, a letter of intent, an
# MOU) says more than the relationship it establishes.
TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
    ("reaffirmation", r"\breaffirm\w*|ยืนยัน\S*ความสัมพันธ์"),
    ("letter of intent", r"\bletters? of intent\b|หนังสือแสดงเจตจำนง"),
    ("memorandum of understanding", r"\bmemorand(?:um|a) of understanding\b|\bMOU\b|บันทึกความเข้าใจ"),
    ("friendship city", r"\bfriendship[- ]cit(?:y|ies)\b|เมืองมิตร|เมืองคู่มิตร|ฉันมิตร"),
    ("sister city", r"\bsister[- ]?cit(?:y|ies)\b|\btwin(?:ned)?[- ]cit(?:y|ies)\b|เมืองพี่เมืองน้อง"),
    ("cooperation agreement", (r"\b(?:agreement|declaration|accord|arrangement) (?:on|of|for) [\w ,-]{0,40}?co-?operation\b"
                               r"|\bco-?operation (?:agreement|declaration|accord|arrangement)\b"
                               r"|ความตกลง\S*ความร่วมมือ|ข้อตกลง\S*ความร่วมมือ")),
))

RELATIONSHIPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("friendship city", TYPE_PATTERNS[3][1]),
    ("sister city", TYPE_PATTERNS[4][1]),
)

# Canonical area -> the words a text uses for it (regex alternatives, matched case-insensitively at a word start).
AREAS: dict[str, str] = {
    "economy": r"econom\w*|business\w*|trade|commerce|commercial|invest\w*|financ\w*|เศรษฐกิจ|การค้า|ลงทุน|พาณิชย์",
    "culture": r"cultur\w*|arts?|music|dance|heritage|literary|วัฒนธรรม|ศิลปะ",
    "education": r"educat\w*|academic\w*|schools?|universit\w*|ศึกษา|การศึกษา",
    "tourism": r"touris\w*|ท่องเที่ยว",
    "health": r"health|medic\w*|hospitals?|สาธารณสุข|สุขภาพ|การแพทย์",
    "environment": r"environment\w*|climate|green|waste|สิ่งแวดล้อม",
    "energy": r"energy|พลังงาน",
    "science and technology": r"scien\w*|technolog\w*|technical|innovation\w*|วิทยาศาสตร์|เทคโนโลยี|นวัตกรรม",
    "sports": r"sports?|กีฬา",
    "youth": r"youth|เยาวชน",
    "social": r"social|charitable|สังคม",
    "urban management": r"municipal|urban|city planning|government agencies|การบริหารเมือง|ผังเมือง",
    "transport": r"transport\w*|คมนาคม|ขนส่ง",
}
AREA_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"(?<![A-Za-z0-9-])(?:{words})(?![A-Za-z])", re.IGNORECASE) for name, words in AREAS.items()}

# A sentence names fields of cooperation only when it speaks of working together; a signature line that says
# "Municipality" is not an area.
COOPERATION_CUE = re.compile(
    r"\b(?:exchang\w*|co-?operat\w*|collaborat\w*|promot\w*|foster\w*|explor\w*|interest in|fields?|areas?|"
    r"programs?|relations|activities|opportunit\w*|initiatives?)\b|ความร่วมมือ|แลกเปลี่ยน|ส่งเสริม|ด้าน", re.IGNORECASE)

SIGNED_CUE = re.compile(r"\b(?:signed|dated|done|executed|adopted|hereby)\b|ลงนาม|ทำ ณ|ทําขึ้น|ทำขึ้น", re.IGNORECASE)
EFFECTIVE_CUE = re.compile(r"\b(?:effective|take[sn]? effect|into effect|in force|beginning on|commenc\w+|as of)\b"
                           r"|มีผลใช้บังคับ|มีผลตั้งแต่|มีผลบังคับ", re.IGNORECASE)

CLAUSES: dict[str, re.Pattern[str]] = {
    "duration": re.compile(r"\b(?:period of|term of|valid(?:ity)? for|remain in (?:force|effect)|for a period|"
                           r"indefinite\w*|duration)\b|เป็นระยะเวลา|มีอายุ|มีผลใช้บังคับเป็นเวลา", re.IGNORECASE),
    "termination": re.compile(r"\bterminat\w*|\bwithdraw\w*|บอกเลิก|ยกเลิก|สิ้นสุด", re.IGNORECASE),
    "renewal": re.compile(r"\brenew\w*|\bextended\b|\bextension\b|ต่ออายุ|ขยายระยะเวลา", re.IGNORECASE),
}

# A document says it is an agreement (rather than a note about one) with words like these.
AGREEMENT_CUE = re.compile(r"\bagreements?\b|\bmemorand(?:um|a)\b|\bdeclaration\b|\bhereby\b|\bletter of intent\b|"
                           r"ข้อตกลง|ความตกลง|บันทึกความเข้าใจ|หนังสือแสดงเจตจำนง", re.IGNORECASE)

TITLE_WORDS = (r"Mayor|Governor|Chairman|Chairperson|Chair|President|Vice[- ]President|Secretary|Minister|Director|"
               r"Ambassador|Deputy|Lord Mayor|Councillor|Prefect|Commissioner|Head|Premier|Consul")
TITLE_LINE = re.compile(rf"^(?:(?:First |Deputy |Vice |Lord |Executive )?(?:{TITLE_WORDS})\b|ผู้ว่าราชการ|นายกเทศมนตรี|"
                        r"ปลัด|รองผู้ว่าราชการ|ประธาน|เอกอัครราชทูต)", re.IGNORECASE)
# A place named this way is a country: 'Republic of X', 'Kingdom of Y', 'the United Z'.
STATE_WORDS = re.compile(r"^(?:the\s+)?(?:(?:Federal|Democratic|People's|Islamic|Socialist)\s+)*(?:Republic|Kingdom|"
                         r"Federation|Commonwealth|Principality|Sultanate|Emirates?|Union|United|State)\b", re.IGNORECASE)
HONORIFIC = r"(?:the\s+)?(?:Honou?rable|H\.?E\.?|His Excellency|Her Excellency)"

CONTINENTS = re.compile(r"^(?:South|North|Central|Latin)?\s*America$|^Asia$|^Europe$|^Africa$|^Oceania$|"
                        r"^(?:South[- ]?East|East|West|South|North)\s+Asia$|^Middle East$", re.IGNORECASE)
THAI_COUNTRY_PREFIX = re.compile(r"^(?:ประเทศ|ราชอาณาจักร|สาธารณรัฐ|สหพันธ์|สหรัฐ|รัฐ)")

LANGUAGE_NAME = re.compile(r"ภาษา(\S+?)(?=ภาษา|\s|,|และ|$)")
