"""Retake docs/screenshot.png: ask one question on a running instance's page in headless Chromium and save the view.

    .venv/bin/python scripts/screenshot.py http://127.0.0.1:8000 [--question "..."] [--out docs/screenshot.png]

Needs Debian `chromium` and the `playwright` package (the test extras), as the browser tests do.
"""

from __future__ import annotations

import argparse
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="base URL of a running `assistant serve`")
    parser.add_argument("--question", default="What is the ASEAN Smart Cities Network?")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docs" / "screenshot.png")
    args = parser.parse_args()
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 760})
        page.goto(args.url.rstrip("/") + "/")
        page.get_by_label("Your question").fill(args.question)
        page.get_by_role("button", name="Ask", exact=True).click()
        expect(page.locator(".msg.assistant").last.locator(".cite-btn").first).to_be_visible(timeout=90_000)
        page.wait_for_timeout(1000)  # let the last citation list paint
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
