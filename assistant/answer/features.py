"""What the answer engine knows about each candidate sentence and about the question as a whole, as numbers.

Every feature holds for any document: how much of the question's weighted vocabulary a sentence covers, how close
its meaning is (multilingual embedding), whether it holds the kind of value asked for, where it stands, and how its
passage ranked. Weights come from data (``fitting``), never from a rule written for one question.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.answer.context import expand, shape
from assistant.answer.cross_lingual import with_spelled_names, with_translations
from assistant.answer.question.fields import labelled_field
from assistant.answer.question.intent import Intent, focus_terms, focus_words, typed_focus, weighed_terms
from assistant.answer.question.parts import Part, parts_of
from assistant.answer.question.values import satisfies
from assistant.answer.units import ITEM_CHARS, Sentence, candidate_sentences, says_list_follows
from assistant.embedding.embedders import Embedder
from assistant.models import Passage
from assistant.retrieval.support import Unit, coverage, has, stem, term_weights, unit_of
from assistant.retrieval.topk_cover import heading_parts, named_headings

# Order matters: it is the column order of the fitted weights in model.json.
SENTENCE_FEATURES = (
    "lexical", "lexical_own", "rare", "heading", "dense", "dense_known", "passage_dense", "passage_rank",
    "neighbour", "first", "cue_match", "cue_miss", "list_intro", "list_item", "length", "title", "cross_lingual",
    "overview_prose", "focus", "prev_lexical", "next_lexical", "lexical_x_cue", "focus_x_cue", "lexical_sq",
    "passage_share", "lexical_rel", "dense_rel", "focus_rel", "rare_rel", "focus_dense", "typed_focus", "wordlike",
)
PROSE_WORDS = 8  # an overview's point is a sentence, not a heading
DENSE_CANDIDATES = 20  # sentences embedded per question (by first-stage score): ~1 ms each with USE on one core
_CROSS_LINGUAL_MAX = 60


@dataclass
class Analysis:
    """One question's candidates with their features: computed once, then decided on by any fitted model."""

    question: str
    intent: Intent
    passages: list[Passage]  # retrieved, then the neighbouring chunks read around them
    retrieved: int
    sentences: list[Sentence]
    matrix: np.ndarray  # len(sentences) x len(SENTENCE_FEATURES)
    weights: dict[str, float]
    focus: list[str]
    heads: dict[int, Unit]  # per passage rank: its document's title, year and section heading
    unknown_names: list[str] = field(default_factory=list)
    unknown_focus: list[str] = field(default_factory=list)  # focus words no visible document uses at all
    parts: list[Part] = field(default_factory=list)  # a question in parts: each part's words (``parts_of``)
    # len(sentences) x len(parts): each embedded sentence's similarity to each part's words as asked (0 if none)
    part_dense: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))


_VECTORS: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_VECTORS_MAX = 20_000


def sentence_vectors(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Embeddings of sentences, cached by model and text: the same passages come back for many questions."""
    model = getattr(embedder, "id", type(embedder).__name__)
    missing = list(dict.fromkeys(t for t in texts if (model, t) not in _VECTORS))
    if missing:
        for text, vector in zip(missing, embedder.embed(missing), strict=True):
            _VECTORS[(model, text)] = vector
        while len(_VECTORS) > _VECTORS_MAX:
            _VECTORS.popitem(last=False)
    rows = []
    for text in texts:
        _VECTORS.move_to_end((model, text))
        rows.append(_VECTORS[(model, text)])
    return np.vstack(rows) if rows else np.zeros((0, 1), dtype=np.float32)


def _with_section_names(named: frozenset[str], sentences: list[Sentence], passages: list[Passage]) -> None:
    """A sentence in a section headed by a name the question names ('Bangkok' › ...) is about that name, though
    it seldom repeats it: the name counts as matched there."""
    for s in sentences if named else []:
        parts = [part for part in heading_parts(passages[s.rank].chunk.heading) if part in named]
        if parts:
            base, extra = s.context or s.unit, unit_of(" ".join(parts))
            s.context = Unit(tokens=base.tokens | extra.tokens, flat=base.flat + extra.flat)


def _rare(unit: Unit, weights: dict[str, float]) -> float:
    """The weight of the rarest question word this sentence holds, against the rarest word asked: names and numbers
    are rare, and the sentence that states the answer usually holds them."""
    top = max(weights.values(), default=0.0)
    held = [w for t, w in weights.items() if has(unit, t)]
    return max(held, default=0.0) / top if top else 0.0


_EDGE_PUNCT = "()[]{}\"'“”‘’.,;:!?*"
_CONNECTORS = frozenset(["&", "-", "–", "—", "/", "%", "+"])


def wordlike(text: str) -> float:
    """Share of a sentence's tokens that are words or numbers (Thai ones only in Thai text): OCR of a logo or a stamp
    ('Pilot Cities ภ์ Ane. . ๐ @ fit inet \\ oy') is stray marks and letters of another script."""
    letters = [ch for ch in text if ch.isalpha()]
    thai = sum(1 for ch in letters if "\u0e00" <= ch <= "\u0e7f") > len(letters) / 2
    tokens = text.split()
    clean = 0
    for token in tokens:
        core = token.strip(_EDGE_PUNCT)
        if token in _CONNECTORS:
            clean += 1
        elif core and all(ch.isalnum() or ch in "'’-&/.,%" or ("\u0e00" <= ch <= "\u0e7f") for ch in core):
            in_thai = any("\u0e00" <= ch <= "\u0e7f" for ch in core)
            # English names are at home in Thai text, not the reverse; Thai OCR'd as Latin is no English word
            clean += (thai or not in_thai or core.isdigit()) and not _latin_gibberish(core)
    return clean / len(tokens) if tokens else 1.0


_GIBBERISH_LOWER, _GIBBERISH_UPPER = 6, 9  # letters: shorter non-words are acronyms, names and typos


def _latin_gibberish(token: str) -> bool:
    """'uwuansmans', 'UHIUASIHVWILLY': a long Latin token that is no English word and not written as a name."""
    from assistant.text.vocabulary import is_word

    if not token.isascii() or not token.isalpha():
        return False
    long_lower = token.islower() and len(token) >= _GIBBERISH_LOWER
    long_upper = token.isupper() and len(token) >= _GIBBERISH_UPPER
    return (long_lower or long_upper) and not is_word(token)


def _share(unit: Unit, words: list[str]) -> float:
    """Share of the question's focus words this sentence holds (1.0 when the question has none)."""
    return sum(1 for t in words if has(unit, t)) / len(words) if words else 1.0


def analyse(question: str, passages: Sequence[Passage], intent: Intent, *, query_vector: np.ndarray | None,
            embedder: Embedder | None, unknown_names: list[str] | None = None,
            unknown_focus: list[str] | None = None) -> Analysis:
    """Cut the passages (and the chunks around the best ones) into sentences and measure each."""
    retrieved = len(passages)
    named = frozenset(named_headings(question))
    expanded = expand(list(passages), named, openings=intent.overview)
    sentences = candidate_sentences(expanded, intent.language)
    _with_section_names(named, sentences, expanded)
    asked = weighed_terms(question)
    names = with_spelled_names(question, intent.language, sentences)  # 'เวล', 'โมรา' are one name, 'Velmora'
    pieces = {t for terms in names.values() for t in terms}
    asked = [t for t in asked if t not in pieces] + list(names)
    embed = (lambda texts: sentence_vectors(embedder, texts)) if embedder is not None else None
    translated = with_translations(asked, intent.language, sentences, embed, question) | set(names) | pieces
    weights = term_weights(asked, [s.unit for s in sentences if s.rank < retrieved])
    heads = {rank: unit_of(f"{p.meta.title} {(p.meta.date or '')[:4]} {p.chunk.heading or ''}")
             for rank, p in enumerate(expanded)}
    focus = focus_terms(question)
    # a focus word no document uses is known all the same where a passage of the other language holds its
    # translation ('ฝึกอบรม' asked of an English report saying 'training')
    unknown_focus = [w for w in unknown_focus or [] if stem(w.lower()) not in translated]
    unknown_focus = _with_synonyms(question, unknown_focus, sentences, focus, weights, embedder)
    _with_typed_synonyms(question, intent, [s for s in sentences if s.rank < retrieved], focus, embedder)
    rows = [_measure(s, expanded[s.rank], retrieved, heads[s.rank], weights, intent, focus) for s in sentences]
    columns = {name: np.array([row.get(name, 0.0) for row in rows], dtype=np.float64) for name in SENTENCE_FEATURES}
    _derive(columns, sentences, expanded)
    matrix = np.column_stack([columns[name] for name in SENTENCE_FEATURES]) if sentences else \
        np.zeros((0, len(SENTENCE_FEATURES)))
    parts = parts_of(question)
    part_dense = _dense_columns(question, sentences, matrix, query_vector, embedder, focus_words(question), parts)
    return Analysis(question=question, intent=intent, passages=expanded, retrieved=retrieved, sentences=sentences,
                    matrix=matrix, weights=weights, focus=focus, heads=heads, unknown_names=list(unknown_names or []),
                    unknown_focus=unknown_focus, parts=parts, part_dense=part_dense)


def _with_synonyms(question: str, unknown: list[str], sentences: list[Sentence], focus: list[str],
                   weights: dict[str, float], embedder: Embedder | None) -> list[str]:
    """Focus words no document uses, less those whose meaning a passage word carries: that word joins the focus and
    takes the unknown word's weight (``synonyms``)."""
    if not unknown or embedder is None:
        return unknown
    found = _synonyms_joined(unknown, question, [s.text for s in sentences], focus, embedder)
    for word, stems in found.items():
        old = stem(word.lower())
        if old in weights and stems[0] not in weights:
            weights[stems[0]] = weights.pop(old)
    return [w for w in unknown if w not in found]


def _with_typed_synonyms(question: str, intent: Intent, sentences: list[Sentence], focus: list[str],
                         embedder: Embedder | None) -> None:
    """A focus word the documents use, but that no sentence stating the asked kind of value holds ('how many
    residents' where the passages say '184,000 inhabitants'): those sentences' own word for it joins the focus, as
    for a word no document uses (``synonyms``)."""
    if not intent.cues or embedder is None:
        return
    typed = [s for s in sentences
             if not s.cross_lingual and any(satisfies(c, s.text, intent.given) for c in intent.cues)]
    lacking = [w for w in focus_words(question)
               if stem(w.lower()) in focus and not any(has(s.context or s.unit, stem(w.lower())) for s in typed)]
    if lacking and typed:
        _synonyms_joined(lacking, question, [s.text for s in typed], focus, embedder)


def _synonyms_joined(words: list[str], question: str, texts: list[str], focus: list[str],
                     embedder: Embedder) -> dict[str, list[str]]:
    """Each of ``words`` that a word of ``texts`` means (``synonyms``), with those words' stems, closest first; the
    stems join ``focus``."""
    from assistant.answer.question.synonyms import synonyms

    found: dict[str, list[str]] = {}
    for word, close in synonyms(words, question, texts, lambda batch: sentence_vectors(embedder, batch)).items():
        found[word] = list(dict.fromkeys(stem(w) for w, _ in close))
        focus += [t for t in found[word] if t not in focus]
    return found


def _measure(s: Sentence, passage: Passage, retrieved: int, head: Unit, weights: dict[str, float], intent: Intent,
             focus: list[str]) -> dict[str, float]:
    """The features one sentence has on its own (those read off its neighbours or the embedder come later)."""
    lexical = coverage(s.context or s.unit, weights)
    cues = [satisfies(c, s.text, intent.given) for c in intent.cues]
    plain = shape(s.text) == "plain"
    labelled = bool(labelled_field(s.text, intent))  # 'Date:' stands for 'when ... met'
    s.coverage, s.wordlike = lexical, wordlike(s.text)
    return {
        "lexical": lexical, "lexical_own": coverage(s.unit, weights), "rare": _rare(s.context or s.unit, weights),
        "heading": coverage(head, weights), "passage_dense": passage.dense_score or 0.0,
        "passage_rank": 1.0 / (1 + s.rank) if s.rank < retrieved else 0.0, "neighbour": float(s.rank >= retrieved),
        "first": float(s.position == 0), "cue_match": sum(cues) / len(cues) if cues else 0.0,
        "cue_miss": float(bool(cues) and not any(cues)),
        "list_intro": float(intent.listing and says_list_follows(s.text)),
        "list_item": float(intent.listing and len(s.text) <= ITEM_CHARS), "length": math.log1p(len(s.text)) / 6,
        "title": float(not plain), "cross_lingual": float(s.cross_lingual),
        "overview_prose": float(intent.overview and plain and len(s.text.split()) >= PROSE_WORDS),
        # words cannot match across languages: there the focus is left to the embedding, the value to its kind alone
        "focus": 1.0 if s.cross_lingual or labelled else _share(s.context or s.unit, focus),
        "typed_focus": (sum(cues) / len(cues) if cues else 1.0) if s.cross_lingual or labelled
        else typed_focus(s.text, intent.cues, focus, intent.given),
        "wordlike": s.wordlike,
    }


def _derive(columns: dict[str, np.ndarray], sentences: list[Sentence], passages: list[Passage]) -> None:
    """Columns read off the others: the neighbours' match (a list's lead, a signature after 'effective'), the
    products a linear model cannot form itself, and each measure against the question's best candidate."""
    lexical = columns["lexical"]
    for n in range(1, len(sentences)):
        if sentences[n].rank == sentences[n - 1].rank:
            columns["prev_lexical"][n], columns["next_lexical"][n - 1] = lexical[n - 1], lexical[n]
    columns["lexical_x_cue"] = lexical * columns["cue_match"]
    columns["focus_x_cue"] = columns["focus"] * columns["cue_match"]
    columns["lexical_sq"] = lexical**2
    top = max((p.score for p in passages), default=0.0) or 1.0
    columns["passage_share"] = np.array([passages[s.rank].score / top for s in sentences])
    for name in ("lexical", "focus", "rare"):
        columns[f"{name}_rel"] = _relative(columns[name])


def _relative(values: np.ndarray) -> np.ndarray:
    """Against the question's best candidate: what counts is standing out among this question's sentences."""
    top = values.max() if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def _dense_columns(question: str, sentences: list[Sentence], matrix: np.ndarray, query_vector: np.ndarray | None,
                   embedder: Embedder | None, focus: list[str], parts: list[Part]) -> np.ndarray:
    """The sentence's own embedding similarity, for the few candidates worth it: those that already match the
    question best, and every sentence in the other language (word overlap cannot see those). Also its similarity
    to the question's focus words alone ('delegates attended'), which a paraphrase or a translation still meets,
    and to each part's words ('who pays for the meetings' meets 'the host city shall bear the cost'): returned."""
    part_dense = np.zeros((len(sentences), len(parts)))
    if embedder is None or not sentences:
        return part_dense
    col = {name: n for n, name in enumerate(SENTENCE_FEATURES)}
    first_stage = matrix[:, col["lexical"]] + 0.1 * matrix[:, col["cue_match"]] + 0.05 * matrix[:, col["passage_rank"]]
    chosen = [int(i) for i in np.argsort(-first_stage, kind="stable")[:DENSE_CANDIDATES]]
    foreign = [i for i, s in enumerate(sentences) if s.cross_lingual][:_CROSS_LINGUAL_MAX]
    chosen = list(dict.fromkeys(chosen + foreign))
    if query_vector is None:
        query_vector = embedder.embed([question])[0]
    vectors = sentence_vectors(embedder, [sentences[i].text for i in chosen])
    sims = vectors @ query_vector
    for i, sim in zip(chosen, sims, strict=True):
        matrix[i, col["dense"]] = float(sim)
        matrix[i, col["dense_known"]] = 1.0
        sentences[i].dense = float(sim)
    matrix[chosen, col["dense_rel"]] = matrix[chosen, col["dense"]] - matrix[chosen, col["dense"]].max()
    if focus:
        matrix[chosen, col["focus_dense"]] = vectors @ sentence_vectors(embedder, [" ".join(focus)])[0]
    if parts:
        part_dense[chosen] = vectors @ sentence_vectors(embedder, [part.text for part in parts]).T
    return part_dense
