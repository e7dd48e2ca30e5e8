"""How often an answer's lead, the value put first ("26 pilot cities [1]."), is the one asked for.

A lead is read off the best sentence by pattern (`answer/shaping.py`), and pass scores an answer on its whole text,
so a wrong lead ("12 activities" for how many were completed, "2025, and the joint" for how many visited) costs no
pass while it tells the reader the wrong value first. This asks the answerable questions of the gold sets, or of a
made-up set, and counts the answers that open with a lead and the leads that hold one of the question's expected
phrases. Each lead is printed, "ok" or "BAD", with the question and the phrases expected.

    ASSISTANT_DATA_DIR=... .venv/bin/python benchmarks/answer_leads.py tests/data/eval/dev.jsonl tests/data/eval/dev2.jsonl
    .venv/bin/python benchmarks/answer_leads.py --set made_up2

The gold index must hold the bundled corpus (`assistant ingest corpus`); a made-up set is ingested into a temporary
folder, as `made_up_probe.py` does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from made_up_probe import SETS, ingest_set, questions  # noqa: E402 - after the path is set

if TYPE_CHECKING:
    from assistant.service import AssistantService

_LEAD_CHARS = 80  # a lead is a value and the few words it counts, on a line of its own before the sentences


def lead_of(answer: str) -> str | None:
    """The answer's lead: its first paragraph, where a short one stands before the sentences."""
    first, _, rest = answer.partition("\n\n")
    return first if rest and len(first) <= _LEAD_CHARS else None


def gold_questions(paths: list[Path]) -> list[tuple[str, str]]:
    """(question, expected phrases joined by '|') for each answerable gold question."""
    from assistant.evaluation import load_gold

    return [(i.question, "|".join(i.must_include)) for path in paths for i in load_gold(path) if i.answerable]


def count(service: AssistantService, asked: list[tuple[str, str]]) -> None:
    leads = right = 0
    for question, expected in asked:
        if expected == "REFUSE":
            continue
        answer = service.ask(question, mode="extractive")
        lead = lead_of(answer.answer) if answer.found else None
        if lead is None:
            continue
        good = any(p.lower() in lead.lower() for p in expected.split("|") if p)
        leads += 1
        right += good
        print(f"{'ok ' if good else 'BAD'} {question}  | {lead}  | {expected}")
    print(f"\nleads {leads}, holding an expected phrase {right}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, help="gold question files (dev.jsonl format)")
    parser.add_argument("--set", choices=SETS, help="a made-up set instead of the gold files")
    args = parser.parse_args()
    from assistant.config import Settings
    from assistant.service import AssistantService

    if args.set:
        with tempfile.TemporaryDirectory() as tmp:
            count(AssistantService(ingest_set(args.set, Path(tmp))), questions(args.set))
    elif args.gold:
        count(AssistantService(Settings()), gold_questions(args.gold))
    else:
        parser.error("name gold files or a --set")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
