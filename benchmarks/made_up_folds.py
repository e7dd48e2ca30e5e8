"""Made-up documents answered by the gold cross-validation's fold models: the unseen-document figures with the spread
that a refit alone brings.

`made_up_probe.py` answers with one model, fitted on all the gold questions. A change to what the answer engine
measures refits that model too, and a refit alone moves the made-up figures by several questions. This answers the
readable sets with each fold model of fold seeds START..START+N-1 (each fitted on four fifths of gold, as `final-cv`
does) and with the model fitted on all of gold, and prints a markdown row per model (answered, traps refused and false
refusals over all the sets together) and the fold models' mean and standard deviation. Compare two builds by their
means, fold by fold. ``--per-question FILE`` writes at how many fold models each question came out right: those
between none and all are the ones a refit moves.

    ASSISTANT_DATA_DIR=... .venv/bin/python benchmarks/made_up_folds.py tests/data/eval/dev.jsonl \\
        tests/data/eval/dev2.jsonl [--seeds 2] [--start 0] [--sets made_up made_up2 ...] [--per-question FILE]

The gold index must hold the bundled corpus (`assistant ingest corpus`). The sets are ingested into a temporary
folder; made_up4, held out, is not among the default sets.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from made_up_probe import SETS, ingest_set, questions, verdict  # noqa: E402 - after the path is set

_READABLE = ("made_up", "made_up2", "made_up3", "made_up5")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", type=Path, help="gold question files (dev.jsonl format), fitted together")
    parser.add_argument("--seeds", type=int, default=2, help="how many fold seeds (five fold models each)")
    parser.add_argument("--start", type=int, default=0, help="the first fold seed")
    parser.add_argument("--sets", nargs="+", default=list(_READABLE), choices=SETS, help="the made-up sets to answer")
    parser.add_argument("--per-question", type=Path, help="write each question's count of fold models it was right in")
    args = parser.parse_args()
    if args.seeds < 1 or args.start < 0:
        parser.error("--seeds must be at least 1 and --start at least 0")
    from assistant.answer.fitting import cross_validated_models, fit
    from assistant.config import get_settings
    from assistant.evaluation import examples_of, load_gold
    from assistant.service import AssistantService

    examples = examples_of(AssistantService(get_settings()),
                           [item for gold in args.gold for item in load_gold(gold)])
    models = {}
    for seed in range(args.start, args.start + args.seeds):
        folds = list({id(m): m for m in cross_validated_models(examples, seed=seed).values()}.values())
        models.update({f"seed {seed} fold {n}": m for n, m in enumerate(folds)})
    models["all gold"] = fit(examples)
    tally = {name: [0, 0, 0] for name in models}  # answered, traps refused, false refusals
    right: dict[str, int] = {}
    answerable = traps = 0
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for n, (name, model) in enumerate(models.items()):
            paths[name] = Path(tmp) / f"model{n}.json"
            paths[name].write_text(model.model_dump_json(), encoding="utf-8")
        for set_name in args.sets:
            settings = ingest_set(set_name, Path(tmp) / set_name)
            asked = questions(set_name)
            answerable += sum(expected != "REFUSE" for _, expected in asked)
            traps += sum(expected == "REFUSE" for _, expected in asked)
            for name, path in paths.items():
                service = AssistantService(settings.model_copy(update={"answer_model": path}))
                for question, expected in asked:
                    answer = service.ask(question, mode="extractive")
                    good = verdict(answer.found, answer.answer, expected)
                    row = tally[name]
                    row[0 if expected != "REFUSE" else 1] += good
                    row[2] += expected != "REFUSE" and not answer.found
                    if name != "all gold":
                        key = f"{set_name}\t{question}"
                        right[key] = right.get(key, 0) + good
    print("| model | answered | traps refused | false refusals |\n|---|---|---|---|")
    for name, (a, r, f) in tally.items():
        print(f"| {name} | {a}/{answerable} | {r}/{traps} | {f}/{answerable} |")
    folds = [row for name, row in tally.items() if name != "all gold"]
    cells = [f"{statistics.mean(c):.1f} ± {statistics.pstdev(c):.1f}" for c in zip(*folds, strict=True)]
    print(f"| fold models, mean ± sd | {' | '.join(cells)} |")
    if args.per_question:
        args.per_question.write_text("".join(f"{n}\t{key}\n" for key, n in sorted(right.items())), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
