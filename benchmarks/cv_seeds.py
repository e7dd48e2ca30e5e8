"""Gold cross-validated figures over several splits into folds: how much of a change's effect is the split's luck.

The cross-validated figure (`assistant eval --configs final-cv`) answers each question with a model fitted on the
other four folds; which questions share a fold moves it by a few questions. This scores fold seeds START..START+N-1
(each a 5-fold split of all the gold files together, as `final-cv` at seed 0 does) over the current index and prints
one markdown row per figure, each seed's value and the mean. ``--per-question FILE`` writes, per question, at how
many seeds it passed (an answerable one) or was refused (a trap): two runs' files joined (`join A B`) show which
questions a change moved.

    ASSISTANT_DATA_DIR=... .venv/bin/python benchmarks/cv_seeds.py tests/data/eval/dev.jsonl \\
        tests/data/eval/dev2.jsonl [--seeds 10] [--start 0] [--per-question FILE]

Ingest the bundled corpus first (`assistant ingest corpus`); nothing is written but FILE.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_FIGURES = (("passed", "pass"), ("hit", "hit@{k}"), ("refusal", "refusal"), ("false_refusal", "false refusal"),
            ("answer_chars_p50", "answer chars p50"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", type=Path, help="gold question files (dev.jsonl format), scored together")
    parser.add_argument("--seeds", type=int, default=10, help="how many fold seeds")
    parser.add_argument("--start", type=int, default=0, help="the first fold seed")
    parser.add_argument("--per-question", type=Path, help="write each question's count of seeds it was right at")
    args = parser.parse_args()
    if args.seeds < 1 or args.start < 0:
        parser.error("--seeds must be at least 1 and --start at least 0")
    from assistant.config import get_settings
    from assistant.evaluation import CrossValidated, examples_of, load_gold, run_config, summarise
    from assistant.service import AssistantService

    service = AssistantService(get_settings())
    items = [item for gold in args.gold for item in load_gold(gold)]
    examples = examples_of(service, items)  # analysed once; each seed refits on these
    k = service.settings.top_k
    seeds = list(range(args.start, args.start + args.seeds))
    rows: dict[str, list[float | None]] = {name: [] for name, _ in _FIGURES}
    right = {f"{item.set}/{item.id}": 0 for item in items}
    for seed in seeds:
        outcomes = run_config(service, CrossValidated(seed, examples), items, k)
        summary = summarise(outcomes)
        for name, _ in _FIGURES:
            rows[name].append(getattr(summary, name))  # None: no question of that kind (no trap, say)
        for item, o in zip(items, outcomes, strict=True):
            right[f"{item.set}/{item.id}"] += o.passed if o.answerable else o.refused
        print(f"seed {seed}: pass {summary.passed} hit@{k} {summary.hit} refusal {summary.refusal} "
              f"false refusal {summary.false_refusal}", file=sys.stderr, flush=True)
    print(f"| fold seed | {' | '.join(str(s) for s in seeds)} | mean |")
    print(f"|---|{'---|' * (len(seeds) + 1)}")
    for name, label in _FIGURES:
        cells = " | ".join("n/a" if v is None else f"{v:g}" for v in rows[name])
        known = [v for v in rows[name] if v is not None]
        mean = f"{round(sum(known) / len(known), 3):g}" if known else "n/a"
        print(f"| {label.format(k=k)} | {cells} | {mean} |")
    if args.per_question:
        args.per_question.write_text("".join(f"{key} {n}\n" for key, n in sorted(right.items())), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
