"""Support scores of answerable vs not-in-corpus questions, to place ASSISTANT_REFUSAL_THRESHOLD between them.

Uses the gold file plus a few questions of our own of both kinds (so the threshold is not fitted to the gold set
alone). Prints one line per question and, for each candidate threshold, refusal and false-refusal rates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.answering import select_sentences
from assistant.config import get_settings
from assistant.evaluation import load_gold
from assistant.service import AssistantService

OWN_UNANSWERABLE = [
    "Who is the current mayor of Paris?",
    "When did Bangkok sign a sister-city agreement with Melbourne?",
    "What did the 2015 Tokyo-Bangkok MOU say about flood control?",
    "How many electric buses will Bangkok buy under the foreign affairs plan?",
    "กรุงเทพมหานครลงนามบันทึกความเข้าใจกับกรุงปารีสเมื่อใด",
    "สนามบินสุวรรณภูมิเปิดให้บริการเมื่อใด",
    # words the documents do use, about things they do not say: the hard kind, which the score often lets through
    "What is the budget of the BMA for 2024?",
    "How many tourists visited Bangkok in 2023?",
    "Who won the Bangkok governor election in 2022?",
    "What is the BMA's policy on stray dogs?",
    "How many hospitals does the BMA run?",
    "What is the speed limit on Bangkok expressways?",
    "Which company built the Bangkok Skytrain?",
    "งบประมาณของกรุงเทพมหานครปี 2567 เท่าไร",
]
OWN_ANSWERABLE = [
    "What does the City Relations Promotion Division focus on?",
    "When did the Long Beach and Manta agreement take effect?",
    "สภากรุงเทพมหานครมีอายุคราวละกี่ปี",
    "Which cities in Thailand joined the ASEAN Smart Cities Network as pilot cities?",
    "What is the population of Bangkok?",
]


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/eval/dev.jsonl"
    service = AssistantService(get_settings())
    rows = [(i.question, i.answerable, i.id) for i in load_gold(gold)]
    rows += [(q, False, "own") for q in OWN_UNANSWERABLE] + [(q, True, "own") for q in OWN_ANSWERABLE]
    scored = []
    for question, answerable, ident in rows:
        passages = service.retriever.search(question, service.settings.top_k, None, None)
        sel = select_sentences(question, passages, service.settings, query_vector=service.retriever.embed_query(question),
                               embedder=service.embedder, unknown_names=service.retriever.unknown_names(question))
        s = sel.support
        scored.append((s.score, answerable))
        print(f"{'ANS' if answerable else 'NOT'} {ident:5} score={s.score:.3f} cov={s.coverage:.2f} dense={s.dense:.2f} "
              f"unknown={s.unknown} {question[:70]}")
    print()
    for t in [x / 100 for x in range(10, 45, 2)]:
        refused = [sc < t for sc, ok in scored if not ok]
        false = [sc < t for sc, ok in scored if ok]
        print(f"threshold {t:.2f}: refusal {sum(refused) / len(refused):.2f}  false refusal {sum(false) / len(false):.2f}")


if __name__ == "__main__":
    main()
