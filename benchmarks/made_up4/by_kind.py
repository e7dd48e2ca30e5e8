"""Splits a made_up4 probe run by question kind: `made_up_probe.py --set made_up4 > out.txt; by_kind.py out.txt`.

kinds.txt holds one kind per line of questions.tsv (fact, numeric, list, who, when, paraphrase, thai, cross_doc,
overview); a trap keeps the kind of question it imitates, so each kind reports its traps refused as well.
"""

import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
kinds = HERE.joinpath("kinds.txt").read_text(encoding="utf-8").split()
expected = [line.split("\t")[1] for line in HERE.joinpath("questions.tsv").read_text(encoding="utf-8").splitlines()]
verdicts = [line[:3] == "ok " for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
            if line[:3] in ("ok ", "BAD")]
assert len(verdicts) == len(kinds) == len(expected), "the run does not match questions.tsv"
tally = defaultdict(lambda: [0, 0, 0, 0])  # answered, answerable, refused, traps
for kind, want, good in zip(kinds, expected, verdicts):
    row = tally[kind]
    if want == "REFUSE":
        row[2] += good
        row[3] += 1
    else:
        row[0] += good
        row[1] += 1
for kind in ("fact", "numeric", "list", "who", "when", "paraphrase", "thai", "cross_doc", "overview"):
    a, n, r, t = tally[kind]
    print(f"{kind:10} answered {a}/{n}" + (f" = {a / n:.2f}" if n else "") + f"; traps refused {r}/{t}")
