"""The text around the chosen sentences that an answer needs too.

A selected sentence is often not the whole answer: "It was chaired by X" needs the sentence before it, a list's
introduction needs its items, and an answer cut at a chunk edge goes on in the neighbouring chunk. Each helper adds
those, and nothing else.
"""

from __future__ import annotations

import re

from assistant.answer.question.intent import ITEMS_MAX, expected_items
from assistant.answer.question.occasions import of_other_edition
from assistant.answer.table_rows import names_group, table_of, table_row
from assistant.answer.units import (
    ITEM_CHARS,
    Sentence,
    chunk_sentences,
    introduces_list,
    says_list_follows,
)
from assistant.models import Chunk, Passage
from assistant.retrieval.references import opens, opens_a_section, references
from assistant.retrieval.support import has, name_terms, unit_of
from assistant.retrieval.topk_cover import heading_parts
from assistant.text.normalise import is_thai

_EXPAND = 3  # passages whose neighbouring chunks are read too
_NEIGHBOUR_DISCOUNT = 0.9
_READ_ON = 3  # chunks a list may run on into
_TITLE_WORDS = 12  # an item written as a title: 'City-specific Action Plans for Smart City Development (2018 – 2025)'


_STOPS = (".", "!", "?", ";", ":", '"', "”")  # how a statement ends (a quotation's too); a heading does not


def with_antecedents(chosen: list[Sentence], sentences: list[Sentence]) -> list[Sentence]:
    """'It was chaired by X' needs the sentence before it to say what 'it' is (a statement: a letterhead or a heading
    above it, 'Purpose of the visit' unstopped, says nothing of it)."""
    by_place = {(s.rank, s.position): s for s in sentences}
    keys = {c.key for c in chosen}
    out: list[Sentence] = []
    for c in chosen:
        prev = by_place.get((c.rank, c.antecedent)) if c.antecedent is not None else None
        if (prev is not None and prev.key not in keys and not prev.short and shape(prev.text) != "caps"
                and prev.text.rstrip().endswith(_STOPS)):
            out.append(prev)
            keys.add(prev.key)
        out.append(c)
    return out


def with_referenced(best: Sentence, chosen: list[Sentence], sentences: list[Sentence],
                    passages: list[Passage]) -> list[Sentence]:
    """'Qualified under section 14' answers only with section 14 beside it: after the best sentence comes each section
    it points to, read from its opening line up to the next section (at most ``ITEMS_MAX`` sentences)."""
    keys = {c.key for c in chosen}
    by_rank = _by_rank(sentences)
    added: list[Sentence] = []
    doc = passages[best.rank].chunk.doc_id  # a section number means a section of the same law
    for section in references(best.text):
        lead = next((s for s in sentences if s.rank != best.rank and passages[s.rank].chunk.doc_id == doc
                     and opens(s.text, section) == 0), None)
        if lead is None:
            continue
        items: list[Sentence] = []
        for s in _after(lead, by_rank, passages):
            if opens_a_section(s.text) or len(items) >= ITEMS_MAX:
                break
            items.append(s)
        if not items and says_list_follows(lead.text):
            continue  # a lead that promises a list the candidates do not hold says nothing yet
        for s in [lead, *items]:
            if s.key not in keys:
                keys.add(s.key)
                added.append(s)
    if not added or best not in chosen:
        return chosen + added
    at = chosen.index(best) + 1
    return [*chosen[:at], *added, *chosen[at:]]


_DEFINED = re.compile(r"\(([A-Z][A-Za-z]*[A-Z]s?)\)")  # '... Action Plan (ASCAP) for 2026-2035'


def continues(first: str, then: str) -> bool:
    """Does ``then`` say more about an acronym that ``first`` coins?"""
    return any(re.search(rf"\b{acronym}\b", then) for acronym in _DEFINED.findall(first))


def expand(passages: list[Passage], named: frozenset[str] = frozenset(), *, openings: bool = False) -> list[Passage]:
    """The best passages' neighbouring chunks join the candidates (after them, so ranks stay put): an answer cut
    at a chunk edge ("... has grown from 65 projects in 2021 to 77") continues there. A passage from a section
    the question names ('Bangkok' › ...) brings the rest of that section read so far, wherever it ranks: a
    city's profile runs over several chunks, and its projects are seldom in the first. ``openings`` (a briefing):
    the passages' documents' first chunks join too, where a record states its date and place."""
    present = {p.chunk.id for p in passages} | {c.id for p in passages for c in p.duplicates}
    out = list(passages)
    for n, p in enumerate(passages):
        if openings and p.opening is not None and p.opening.id not in present:
            present.add(p.opening.id)
            out.append(_joined(p, p.opening))
        sections = named & set(heading_parts(p.chunk.heading))
        for chunk in p.neighbours:
            step = chunk.ordinal - p.chunk.ordinal
            adjacent = n < _EXPAND and abs(step) == 1
            same_section = step > 0 and bool(sections & set(heading_parts(chunk.heading)))
            if chunk.id not in present and (adjacent or same_section):
                present.add(chunk.id)
                out.append(_joined(p, chunk))
        for chunk in p.referenced:  # the sections it points to ('under section 14')
            if chunk.id not in present:
                present.add(chunk.id)
                out.append(_joined(p, chunk))
    return out


def _joined(passage: Passage, chunk: Chunk) -> Passage:
    """Another chunk of the passage's document, as a candidate ranked after the retrieved ones."""
    return passage.sibling(chunk, passage.score * _NEIGHBOUR_DISCOUNT)


def _read_on(passage: Passage, passages: list[Passage], by_rank: dict[int, list[Sentence]], language: str) -> None:
    """The chunks after a list's introduction join ``passages`` (and ``by_rank``) so its items can be cited."""
    present = {p.chunk.id for p in passages}
    for chunk in passage.neighbours:
        if chunk.ordinal > passage.chunk.ordinal and chunk.id not in present:
            rank = len(passages)
            passages.append(_joined(passage, chunk))
            by_rank[rank] = chunk_sentences(chunk, passage.meta.language, rank, language)


def with_items(question: str, chosen: list[Sentence], sentences: list[Sentence], passages: list[Passage],
                language: str, limit: int, *, prose: bool = True) -> list[Sentence]:
    """A list question's answer is often a sentence that introduces the list ("... three objectives:") and the
    short items after it, sometimes over a chunk edge: the items are read on into the next chunks. ``prose``: a
    list written as sentences is read too (for a list question; another question takes only short items)."""
    by_rank = _by_rank(sentences)
    if prose and chosen and table_row(chosen[0].text):
        return _table_rows(question, chosen, by_rank, passages, limit)
    row = _captioned_row(chosen[0], by_rank, passages) if prose and chosen else None
    if row is not None:  # the table's caption leads, its rows follow
        return [chosen[0], *_table_rows(question, [row, *chosen[1:]], by_rank, passages, limit - 1)]
    leads = [c for c in chosen if not c.short and shape(c.text) != "caps"] or chosen  # a letterhead leads nothing
    lead = _lead(leads, by_rank, passages)
    if lead is None:
        return chosen  # nothing chosen introduces a list: the list is written as the chosen sentences
    _read_on(passages[lead.rank], passages, by_rank, language)
    rows = _after(lead, by_rank, passages)
    following = _named_rows(question, lead, passages[lead.rank], rows)
    # rows of another group than the one asked; a sentence too long to be a row stays, if chosen
    other_rows = {s.key for s in rows if len(s.text) <= ITEM_CHARS} - {s.key for s in following}
    items = _short_items(question, lead, following, passages)
    keys = {lead.key, *(s.key for s in items)}
    if not items and not prose:
        return chosen
    if not items:  # no short items: the list is written as sentences; take the next few as they come
        items = [s for s in following if s.key not in keys and not of_other_edition(s.text, question)][:3]
        keys |= {s.key for s in items}
    rest = [c for c in chosen if c.key not in keys and c.key not in other_rows]
    room = max(0, limit - 1 - len(items))
    return [lead, *items, *rest[:room]]


def list_items(question: str, lead: Sentence, sentences: list[Sentence], passages: list[Passage]) -> list[Sentence]:
    """The short items that follow a line announcing a list, among the candidates already read."""
    by_rank = _by_rank(sentences)
    following = _named_rows(question, lead, passages[lead.rank], _after(lead, by_rank, passages))
    return _short_items(question, lead, following, passages)


def _short_items(question: str, lead: Sentence, following: list[Sentence], passages: list[Passage]) -> list[Sentence]:
    wanted = expected_items(question) or expected_items(lead.text) or ITEMS_MAX  # 'sets four priority areas:'
    keys = {lead.key}
    items: list[Sentence] = []
    for s in following:
        if len(items) >= wanted:
            break
        # no item is about another meeting of a series than the question's ('The Seventh Meeting will ...')
        if s.key in keys or len(s.text) > _item_chars(s.text) or of_other_edition(s.text, question):
            continue
        if items and shape(items[0].text) != "plain" and shape(s.text) != shape(items[0].text):
            continue  # items are parallel: after 'Competitive Economy.' the next item is a title, not its body
        if _heading(s.text) and (passages[s.rank].chunk.heading != passages[lead.rank].chunk.heading
                                 or (items and shape(items[0].text) == "plain")):
            break  # the next section's heading ('Opening' after the attendees, 'Article 4 - Funding' after its items)
        items.append(s)
        keys.add(s.key)
        if closes_list(items):
            break
    return items


_CLAUSE_CHARS = 300  # an item that ends as a clause of an enumeration does ('... by March 2026;') may be long


def _item_chars(text: str) -> int:
    """How long an item may be: a list's clause ('Agree to establish a task force of one official from each member,
    to be operational by March 2026;') is as long as it needs; another line, short."""
    return _CLAUSE_CHARS if ends_as_clause(text) else ITEM_CHARS


# an item that an enumeration goes on after: '...;', '...,', '...; and', or in Thai '... และ' / '... หรือ' (no ';')
_CLAUSE_END = re.compile(r"(?:[;,]\s*(?:and|or)?|\s(?:และ|หรือ))\s*$")


def ends_as_clause(text: str) -> bool:
    """Does this line end as one clause of an enumeration ('to extend ...;', 'ได้รับความเห็นชอบจากสภา และ')?"""
    return bool(_CLAUSE_END.search(text))


def _heading(text: str) -> bool:
    """'Opening', 'Agenda item 3: Review of the plan': a title line that ends no sentence."""
    return shape(text) == "title" and not text.rstrip().endswith((".", ";", ":", ","))


def closes_list(items: list[Sentence]) -> bool:
    """'(a) to extend ...; (b) to launch ...; (c) that the study will ... .': the item that ends with a full stop
    after items that go on (``ends_as_clause``) is the list's last; in Thai, which has no full stop, the first that
    does not go on."""
    *before, last = items
    ended = last.text.rstrip().endswith(".") or (not ends_as_clause(last.text) and is_thai(last.text))
    return bool(before) and ended and all(ends_as_clause(s.text) for s in before)


def _table_rows(question: str, chosen: list[Sentence], by_rank: dict[int, list[Sentence]], passages: list[Passage],
                limit: int) -> list[Sentence]:
    """A list question best answered by a table row is answered by the table: its rows, in order, read on into the
    next chunks (those naming what the question names beyond the table, when some do)."""
    best = chosen[0]
    before = [s for s in by_rank.get(best.rank, []) if s.position < best.position]
    table = table_of(best, [*before, best, *_after(best, by_rank, passages)])
    asked = unit_of(question)
    group = [r for r in table if names_group(asked, r.text)]  # 'the zero-emission buses area'
    rows: list[Sentence] = []
    for row in _named_rows(question, best, passages[best.rank], group or table):
        if all(row.key != r.key for r in rows):  # a row two overlapping chunks both hold is one item
            rows.append(row)
    rows = rows[: expected_items(question) or ITEMS_MAX]
    keys = {r.key for r in rows} | {s.key for s in table}
    rest = [c for c in chosen if c.key not in keys]
    return [*rows, *rest[: max(0, limit - len(rows))]]


def _captioned_row(caption: Sentence, by_rank: dict[int, list[Sentence]], passages: list[Passage]) -> Sentence | None:
    """The first row of the table a line captions ('Appendix A - Agreements signed in fiscal year 2025', then 'Type:
    Friendship; Partner city: ...'): a line that is no row and ends no sentence, with a table row next; else None.
    Rows are as long as their cells make them: they are the list's items all the same."""
    if table_row(caption.text) or caption.text.rstrip().endswith((".", ";", "!", "?")):
        return None
    following = _after(caption, by_rank, passages)[:1]
    return following[0] if following and table_row(following[0].text) else None


def _named_rows(question: str, lead: Sentence, passage: Passage, following: list[Sentence]) -> list[Sentence]:
    """'Which of Singapore's projects are listed as completed?': of a list's items, those naming what the question
    names beyond the list itself (its lead, title and heading), when some item does; otherwise all of them."""
    around = unit_of(f"{lead.text} {passage.meta.title} {passage.chunk.heading or ''}")
    names = [t for t in name_terms(question) if not has(around, t)]
    if not names:
        return following
    # an item is parallel to the list's first: a titled list's explanation naming its author is no item of its own
    kind = shape(following[0].text) if following else None
    named = [s for s in following if len(s.text) <= ITEM_CHARS and shape(s.text) == kind
             and any(has(s.unit, t) for t in names)]
    return named or following


def _lead(leads: list[Sentence], by_rank: dict[int, list[Sentence]], passages: list[Passage]) -> Sentence | None:
    """The sentence the items follow: one that says so with its colon ("The core elements will be:") before one
    that is merely followed by short lines; None when no chosen sentence introduces a list."""
    stated = next((c for c in leads if says_list_follows(c.text)), None)
    if stated is not None:
        return stated
    if any(_INLINE_LIST.search(c.text) for c in leads):
        return None  # 'It has four sections: the A, the B and the C.': a chosen sentence holds the list itself
    first = next((c for c in leads if introduces_list(c, following := _after(c, by_rank, passages))
                  or _titled_items_follow(following)), None)
    if first is None:
        return None
    # a list's item is followed by short lines too: the line before it that announces the list leads it, over the
    # items before this one ('Hereby:', '1. Agree to ...;', then the chosen '2. Adopt ...;'); a short item, over the
    # short lines before it ('The Parties shall cooperate in:', 'Port management.', then the chosen 'Flood control.')
    short = len(first.text) <= ITEM_CHARS
    for before in sorted((s for s in by_rank.get(first.rank, []) if s.position < first.position),
                         key=lambda s: -s.position):
        if says_list_follows(before.text):
            return before
        item = len(before.text) <= ITEM_CHARS and not _heading(before.text)
        if not (ends_as_clause(before.text) or (short and item)):
            break
    return first


# a list written out after a colon in one sentence: 'It has four sections: the A, the B, the C and the D.'
_INLINE_LIST = re.compile(r":\s*[^:;]+,[^:;]+\b(?:and|or)\b[^:;]+\.$")
_TITLED_SPAN = 6  # a titled item's explanation runs a few sentences before the next title


def _titled_items_follow(following: list[Sentence]) -> bool:
    """'... supported by a few key enablers.', then 'Technological and Digital Solutions.', what it means, 'Partnership
    and Funding.', ...: a list whose items are titles, each followed by its explanation."""
    titles = [s for s in following[:_TITLED_SPAN] if shape(s.text) == "title"]
    return bool(following) and shape(following[0].text) == "title" and len(titles) >= 2


def _by_rank(sentences: list[Sentence]) -> dict[int, list[Sentence]]:
    """Each passage's sentences in reading order, by the passage's rank."""
    by_rank: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_rank.setdefault(s.rank, []).append(s)
    return by_rank


def shape(text: str) -> str:
    """'caps' (a letterhead or running header), 'title' ('Annual Meeting of the ASCN') or 'plain' (a sentence)."""
    words = text.split()
    letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return "caps"
    capitals = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return "title" if len(words) <= _TITLE_WORDS and capitals >= 0.6 * len(words) else "plain"


def _after(sentence: Sentence, by_rank: dict[int, list[Sentence]], passages: list[Passage]) -> list[Sentence]:
    """Sentences after this one in its chunk, then in the next chunks of the same document, in reading order."""
    chunk = passages[sentence.rank].chunk
    out = [s for s in by_rank.get(sentence.rank, []) if s.position > sentence.position]
    later = sorted((p.chunk.ordinal, rank) for rank, p in enumerate(passages)
                   if p.chunk.doc_id == chunk.doc_id and 0 < p.chunk.ordinal - chunk.ordinal <= _READ_ON)
    for _, rank in later:
        out.extend(by_rank.get(rank, []))
    return out
