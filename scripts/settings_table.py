"""Write docs/configuration.md, the table of every ASSISTANT_* setting, from the descriptions in assistant/config.py.

    .venv/bin/python scripts/settings_table.py           # rewrite docs/configuration.md
    .venv/bin/python scripts/settings_table.py --check   # exit 1 when the page is out of date (the tests run this)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.config import Settings  # noqa: E402

PAGE = REPO / "docs" / "configuration.md"
HEADER = """# Configuration

Every setting is an environment variable read by one object, `assistant/config.py`; a `.env` file is not read, so
set them in the environment of `assistant serve`, `assistant ingest` and the other commands. A value out of its
bounds is refused when the command starts. This page is generated from the settings' own descriptions: after
changing one, run `.venv/bin/python scripts/settings_table.py`.

| variable | default | what it does |
|---|---|---|
"""


def _default(value: object) -> str:
    if value is None:
        return "unset"
    return f"`{value}`"


def render() -> str:
    rows = []
    for name, field in Settings.model_fields.items():
        description = (field.description or "").replace("|", "\\|")
        rows.append(f"| `ASSISTANT_{name.upper()}` | {_default(field.default)} | {description} |")
    return HEADER + "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check that the page is up to date")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not PAGE.is_file() or PAGE.read_text(encoding="utf-8") != text:
            sys.exit(f"{PAGE.relative_to(REPO)} is out of date: run .venv/bin/python scripts/settings_table.py")
        return
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(REPO)} ({len(Settings.model_fields)} settings)")


if __name__ == "__main__":
    main()
