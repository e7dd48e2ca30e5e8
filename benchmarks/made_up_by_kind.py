"""Splits a made-up probe run by question kind, for a set that has a kinds.txt (one kind per line of questions.tsv;
a trap keeps the kind of question it imitates, so each kind reports its traps refused as well):

    .venv/bin/python benchmarks/made_up_probe.py --set made_up4 > out.txt
    .venv/bin/python benchmarks/made_up_by_kind.py made_up4 out.txt
"""

import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(name: str, run: Path) -> None:
    folder = HERE / name
    kinds = folder.joinpath("kinds.txt").read_text(encoding="utf-8").split()
    expected = [line.split("\t")[1] for line in folder.joinpath("questions.tsv").read_text(encoding="utf-8").splitlines()]
    verdicts = [line[:3] == "ok " for line in run.read_text(encoding="utf-8").splitlines() if line[:3] in ("ok ", "BAD")]
    assert len(verdicts) == len(kinds) == len(expected), "the run does not match questions.tsv"
    tally = defaultdict(lambda: [0, 0, 0, 0])  # answered, answerable, refused, traps
    for kind, want, good in zip(kinds, expected, verdicts, strict=True):
        row = tally[kind]
        if want == "REFUSE":
            row[2] += good
            row[3] += 1
        else:
            row[0] += good
            row[1] += 1
    for kind in dict.fromkeys(kinds):  # in the order kinds.txt first names them
        a, n, r, t = tally[kind]
        print(f"{kind:10} answered {a}/{n}" + (f" = {a / n:.2f}" if n else "") + f"; traps refused {r}/{t}")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
