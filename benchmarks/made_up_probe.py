"""Questions on documents the answer engine was never fitted on: made-up MOUs, a declaration, a meeting statement,
annual reports of two years, a Thai action plan and a Word report with a table (``benchmarks/made_up``, the default);
or a second set (``--set made_up2``): meeting minutes, a study-visit report, a Thai letter of intent, a press release,
an ordinance excerpt, a statistics annex of Markdown tables and a concept note with a timeline; or a third
(``--set made_up3``, PDFs and Word files from ``made_up3/make_docs.py``): a sister-city MOU, an annual report with
appendix tables, a regional joint statement and a city profile as PDFs, an event programme, a briefing note and a Thai
project summary as Word files, and a letter; or a fourth (``--set made_up4``, from ``made_up4/make_docs.py``, written
blind: without reading the answer engine or earlier sets' failures): a friendship-city MOU addendum, a budget plan with
a grouped table and a Thai meeting record (Buddhist-era dates, Thai digits) as PDFs, a delegation visit report and two
editions (2024, 2025) of a programme report as Word and Markdown, a network declaration with numbered commitments, a
Governor's speech and a procedure FAQ; or a fifth (``--set made_up5``, from ``made_up5/make_docs.py``, also written
blind): a friendship agreement, an annual report with two tables (a region named on its first row, a table run on to
the next page), a Forum speech as PDFs, joint-committee minutes, a Thai memo and a visit report as Word files, a press
release and a grants FAQ. ``made_up_by_kind.py SET RUN`` splits a run by question kind.

The gold sets are questions about the reference corpus; this asks what a new user asks about new documents, traps
included (a year, an edition or a town the documents do not report on). It prints each question's verdict and:
- answered: answerable questions whose answer holds every expected phrase;
- refused: trap questions answered with a refusal;
- false refusal: answerable questions refused.

    .venv/bin/python benchmarks/made_up_probe.py [--set made_up|made_up2|made_up3|made_up4|made_up5] [--verbose]

The documents are ingested into a temporary data folder; nothing under the repository changes.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.config import Settings

BENCH = Path(__file__).resolve().parent  # each set is a folder here holding docs/ and questions.tsv
SETS = sorted(p.name for p in BENCH.iterdir() if (p / "questions.tsv").is_file())
sys.path.insert(0, str(BENCH.parent))  # the repository's `ingest` package, not benchmarks/ingest.py


def _word_report(path: Path) -> None:
    """A Word report whose table holds a group's name on its first row only (the layout the issue names)."""
    import docx

    document = docx.Document()
    document.add_heading("Orlenna City Smart Mobility Progress Report 2024", 0)
    document.add_paragraph("Published by the Orlenna City Transport Authority, February 2025.")
    document.add_heading("Summary", 1)
    document.add_paragraph(
        "In 2024 the Orlenna City Transport Authority carried 41.2 million passengers on its bus and tram network, "
        "up from 36.8 million in 2023. Average bus punctuality rose to 87 percent. The Authority spent 58 million "
        "euros on mobility projects, of which 22 million came from the national Green Transit Fund.")
    document.add_heading("Priority areas", 1)
    document.add_paragraph("The Mobility Strategy 2022-2030 sets four priority areas:")
    for area in ("Zero-emission buses", "Safe cycling corridors", "Integrated ticketing", "Accessible stations"):
        document.add_paragraph(area, style="List Number")
    document.add_heading("Projects", 1)
    document.add_paragraph("The table lists the projects under way in 2024.")
    rows = [("Area", "Project", "Status", "Budget (million euros)"),
            ("Zero-emission buses", "Electric bus depot at Kessin", "Completed", "14"),
            ("", "Hydrogen bus trial on route 7", "Ongoing", "6"),
            ("Safe cycling corridors", "Riverside cycle highway", "Ongoing", "9"),
            ("", "School street programme", "Planned", "2"),
            ("Integrated ticketing", "OrlennaPass mobile app", "Completed", "5"),
            ("Accessible stations", "Step-free access at 12 tram stops", "Ongoing", "11")]
    table = document.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.add_heading("Partnerships", 1)
    document.add_paragraph(
        "Orlenna cooperates with its twin city Havsund on cycling policy. In May 2024 a delegation of 14 Havsund "
        "planners visited the riverside cycle highway. The two cities agreed to exchange traffic-safety data every "
        "quarter.")
    document.add_paragraph("The hydrogen bus trial is run with the regional energy company Nordgas, which supplies "
                           "the fuel at cost until the end of 2025.")
    document.add_heading("Outlook", 1)
    document.add_paragraph("In 2025 the Authority will order 40 more electric buses and open the school street "
                           "programme in 15 schools. The OrlennaPass app had 210,000 active users at the end of 2024.")
    document.save(str(path))


GENERATED = {"made_up": ("orlenna-mobility-report-2024.docx", _word_report)}  # set -> (file name, writer)


def ingest_set(name: str, folder: Path) -> Settings:
    """The set's documents (and its generated one) ingested into a data folder under ``folder``: its settings."""
    from assistant.config import Settings
    from ingest.pipeline import ingest_paths

    docs = folder / "docs"
    shutil.copytree(BENCH / name / "docs", docs)
    if name in GENERATED:
        file_name, write = GENERATED[name]
        write(docs / file_name)
    settings = Settings(data_dir=folder / "data")
    ingest_paths([docs], settings, progress=False)
    return settings


def questions(name: str) -> list[tuple[str, str]]:
    """(question, expected) pairs: expected phrases joined by '|', or REFUSE for a trap."""
    lines = (BENCH / name / "questions.tsv").read_text(encoding="utf-8").splitlines()
    return [(q, expected) for q, expected in (line.split("\t") for line in lines)]


def verdict(found: bool, answer: str, expected: str) -> bool:
    """A trap is right when refused; an answerable question when answered with every expected phrase."""
    if expected == "REFUSE":
        return not found
    return found and all(p.lower() in answer.lower() for p in expected.split("|"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="made_up", choices=SETS, help="which folder of documents and questions")
    parser.add_argument("--verbose", action="store_true", help="print each answer too")
    args = parser.parse_args()
    from assistant.service import AssistantService

    with tempfile.TemporaryDirectory() as tmp:
        service = AssistantService(ingest_set(args.set, Path(tmp)))
        answered = refused = false_refusals = answerable = traps = 0
        for question, expected in questions(args.set):
            answer = service.ask(question, mode="extractive")
            good = verdict(answer.found, answer.answer, expected)
            if expected == "REFUSE":
                traps += 1
                refused += good
            else:
                answerable += 1
                answered += good
                false_refusals += not answer.found
            print(f"{'ok ' if good else 'BAD'} {question}  [{expected}]")
            if args.verbose or not good:
                print("     " + answer.answer[:300].replace("\n", " / "))
    print(f"\nanswered {answered}/{answerable} = {answered / answerable:.2f}; refused {refused}/{traps} traps = "
          f"{refused / traps:.2f}; false refusal {false_refusals}/{answerable} = {false_refusals / answerable:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
