"""An overview's points ('Brief me on ...', 'สรุป...'): which candidates may be one, and what each adds.

``selection`` picks the points from what these leave, by the fitted ranker; here are only the overview's own
conditions: statements rather than titles or rows, about what the briefing names (from the document whose title block
names it, where one does), the kinds of value each states, the date and place a record opens with, and the list a
point is an item of.
"""

from __future__ import annotations

import re

from assistant.answer.answerability import OPENING_LINES, chunk_ranks, sentences_before
from assistant.answer.context import list_items, shape
from assistant.answer.features import PROSE_WORDS, Analysis
from assistant.answer.question.fields import record_fields
from assistant.answer.question.intent import Intent, overview_terms
from assistant.answer.question.values import values_of
from assistant.answer.table_rows import table_row
from assistant.answer.units import Sentence, says_list_follows
from assistant.retrieval.support import Unit, has, name_terms, unit_of
from assistant.text.normalise import detect_language, tokenize

_COUNTING_WORDS = 5  # the fewest words of a statement that counts something, or of a dated opening line
# a clause of an agreement's or a statement's preamble ('Recalling the Charter adopted in 2014;', 'Welcoming the offer
# of ...,'): it sets the scene for what the parties agree, and is not itself a point. Opened by one of the preamble's
# customary participles, not any: 'Modernizing the tax system;' is an item of a plan's actions
# (in capitals too: 'RECALLING the Declaration of 2011;', as many leaders' statements write them)
_PREAMBLE = re.compile(r"^(?:\d+\.\s*)?(?i:Recalling|Recogni[sz]ing|Noting|Welcoming|Acknowledging|Desiring"
                       r"|Considering|Reaffirming|Affirming|Bearing in mind|Mindful|Convinced|Emphasi[sz]ing"
                       r"|Taking note|Underlining|Stressing)\b.*[;,]\s*$", re.DOTALL)
_FIGURE = re.compile(r"\d[\d,.]*\s+[^\W\d]")  # a figure followed by what it counts ('12,000 visitors')
POINTS_MIN = 3  # an overview's fewest points: a condition that leaves fewer is not applied
_REACH = 1  # the sentence before a point may name its subject ('Phuket launched ...', 'The app ...')
_VALUE_KINDS = ("number", "date", "money", "person")
_NAMED_SHARE = 0.5  # a briefing names a document whose title block holds half its words' weight (and all its names)
_LEAD_REACH = 8  # a list's item stands at most this many sentences after the line that announces the list


def prose_first(analysis: Analysis, order: list[int]) -> list[int]:
    """An overview's points are statements: sentences of some length that end as sentences do, not a title, a
    caption or a table row ('Annual Report, Fiscal Year 2025', 'Budget by programme (million baht)'), where
    enough of them are at hand."""
    prose = [i for i in order if is_statement(analysis.sentences[i].text)]
    return prose if len(prose) >= POINTS_MIN else order


def is_preamble(text: str) -> bool:
    """A clause of a preamble: what it dates or counts belongs to the instrument it recalls ('RECALLING the
    Declaration (2011);'), not to the one it opens."""
    return _PREAMBLE.match(text) is not None


def is_statement(text: str) -> bool:
    """A sentence of some length that ends as sentences do, and no table row as ingestion writes it ('Day: 4; Date:
    13 June 2024; Host: ...', which ends with a stop too) nor a preamble's clause. Thai ends a sentence with a space,
    not a stop, and writes no spaces between words: its words are counted by the word segmenter."""
    if shape(text) != "plain" or table_row(text) or is_preamble(text):
        return False
    if detect_language(text) == "th":
        return len(tokenize(text)) >= PROSE_WORDS
    # a short sentence that counts something is a point too: 'About 12,000 visitors attended the events.'
    least = _COUNTING_WORDS if _FIGURE.search(text) else PROSE_WORDS
    return len(text.split()) >= least and text.rstrip().endswith((".", ";", "!"))


def about_subject(analysis: Analysis, order: list[int]) -> list[int]:
    """An overview's points are about what it asks about: each names (in itself, the sentence before it, its
    section heading or its document's title) every name of the question that some candidates lack ('Phuket' of
    'Phuket's projects across the ASEAN documents'), where enough of them are at hand; else every name but the
    last, and so on."""
    names = name_terms(analysis.question)
    ranks = chunk_ranks(analysis)
    openings = {doc: _opening_lines(analysis, r) for (doc, ordinal), r in ranks.items() if ordinal == 0}

    def named(i: int) -> set[str]:
        s = analysis.sentences[i]
        doc = analysis.passages[s.rank].chunk.doc_id
        around = [s.context or s.unit, analysis.heads[s.rank], *([openings[doc]] if doc in openings else []),
                  *(b.unit for b in sentences_before(analysis, s, _REACH, ranks))]
        return {n for n in names if any(has(u, n) for u in around)}

    seen = {i: named(i) for i in order}
    telling = [n for n in names if not all(n in got for got in seen.values())]  # a name all share tells nothing
    # where too few candidates name them all, a later name lets go first: a briefing names its subject first and
    # narrows it after ('Phuket's projects across the ASEAN documents')
    while telling:
        about = [i for i in order if all(n in seen[i] for n in telling)]
        if len(about) >= POINTS_MIN:
            return about
        telling.pop()
    return order


def named_shares(analysis: Analysis) -> dict[int, float]:
    """For each document whose opening chunk is among the passages (by that chunk's rank), how much of the question
    its title and opening lines name (``_named_share``): read once for a briefing, then by both uses below."""
    return {r: _named_share(analysis, r) for (_, ordinal), r in chunk_ranks(analysis).items() if ordinal == 0}


def named_document_id(analysis: Analysis, named: dict[int, float]) -> str | None:
    """The document a briefing names by its title block ('the Dunmore Mayor's courtesy call to the Governor', a note
    headed 'Courtesy call by the Mayor of Dunmore'); None where none does, or two do as well. ``named``:
    ``named_shares``."""
    shares = sorted(((share, analysis.passages[r].chunk.doc_id) for r, share in named.items()), reverse=True)
    if not shares or shares[0][0] < _NAMED_SHARE or (len(shares) > 1 and shares[1][0] == shares[0][0]):
        return None
    return shares[0][1]


def named_document(order: list[int], own: set[int]) -> list[int]:
    """A briefing on a document it names (``named_document_id``; ``own``, the candidates from it) takes its points
    from it, where enough are at hand, though a letter about the same visit has likelier sentences."""
    narrowed = [i for i in order if i in own]
    return narrowed if len(narrowed) >= POINTS_MIN else order


def opening_fields(analysis: Analysis, best: int, named: dict[int, float]) -> list[int]:
    """A briefing on what one document records (a meeting's minutes, a visit's report, a call's note) opens with when
    and where it happened: the date and place fields of the document's opening ('Date: Thursday, 22 January 2026',
    'Venue: ... City Hall'), else its first sentence there that states a date. Only where the briefing names the
    document: its title and opening hold every name of the question and most of its words; a briefing on one city's
    plan in a report of forty cities is not about the report. ``named``: ``named_shares``."""
    doc = analysis.passages[analysis.sentences[best].rank].chunk.doc_id
    rank = chunk_ranks(analysis).get((doc, 0))
    if rank is None or named.get(rank, 0.0) < _NAMED_SHARE:
        return []
    own = sorted((i for i, s in enumerate(analysis.sentences) if s.rank == rank and not s.short),
                 key=lambda i: analysis.sentences[i].position)
    fields: list[int] = []
    found: set[str] = set()
    for i in own:
        kinds = record_fields(analysis.sentences[i].text) - found
        if kinds and (fields or "date" in kinds):  # the date first: a place alone is an address, not the occasion
            fields.append(i)
            found |= kinds
    if fields:
        return fields
    return next(([i] for i in own if _dated_line(analysis.sentences[i].text)), [])


def _dated_line(text: str) -> bool:
    """'Monday 23 February 2026, 16:00, Governor's Meeting Room, City Hall.': a line that ends as a sentence does and
    states a date; not a title ('Smart Mobility Progress Report 2024')."""
    return (len(text.split()) >= _COUNTING_WORDS and text.rstrip().endswith((".", "!"))
            and bool(values_of("date", text)))


def _named_share(analysis: Analysis, rank: int) -> float:
    """How much of the question a document's title and opening lines name (its words' weight), where they hold every
    name of the question; else 0."""
    head = _opening_lines(analysis, rank)
    weights = {t: w for t, w in analysis.weights.items() if t not in overview_terms()}  # 'summarise' names nothing
    total = sum(weights.values())
    if not total or not all(has(head, n) for n in name_terms(analysis.question)):
        return 0.0
    return sum(w for t, w in weights.items() if has(head, t)) / total


def list_leads(analysis: Analysis, chosen: list[Sentence]) -> list[Sentence]:
    """The lines announcing the lists that chosen points are items of ('The Committee agreed:' before 'to launch a
    joint study ...'): an item alone is a fragment of a decision, the list is the point."""
    leads: list[Sentence] = []
    for c in chosen:
        before = sorted((s for s in analysis.sentences if s.rank == c.rank and c.position - _LEAD_REACH <= s.position
                         < c.position), key=lambda s: -s.position)
        lead = next((s for s in before if says_list_follows(s.text)), None)
        if lead is None or any(lead is x for x in [*chosen, *leads]):
            continue
        if any(c is i for i in list_items(analysis.question, lead, analysis.sentences, analysis.passages)):
            leads.append(lead)
    return leads


def _opening_lines(analysis: Analysis, rank: int) -> Unit:
    """A document's title and first lines (of its first chunk, at ``rank``): what it says it is about ('Courtesy call
    by the Mayor of ...'); not its body, which names much else."""
    lines = sorted((s for s in analysis.sentences if s.rank == rank), key=lambda s: s.position)[:OPENING_LINES]
    head = unit_of(" ".join([analysis.passages[rank].meta.title, *(s.text for s in lines)]))
    # a line in the other language than the question's holds the question words it translates (``features``)
    return Unit(tokens=head.tokens.union(*(s.unit.tokens for s in lines)), flat=head.flat)


def value_kinds(s: Sentence, intent: Intent) -> set[str]:
    """The kinds of value a sentence states: a briefing wants its figures, dates and people."""
    return {kind for kind in _VALUE_KINDS if values_of(kind, s.text, intent.given)}
