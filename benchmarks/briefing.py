"""Briefing and web page figures: extractive briefing time on one topic (goal <= 2 s) and the page's first paint
on loopback (goal <= 1 s), printed.

Ingests corpus/ into a temporary data dir unless ASSISTANT_DATA_DIR already holds an index:
    python benchmarks/briefing.py [--topic "smart city partnerships"] [--rounds 5] [--no-paint]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

from assistant.config import Settings, get_settings
from assistant.service import AssistantService

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
CATALOG = CORPUS / "catalog.toml"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def indexed_settings(tmp: Path) -> Settings:
    settings = get_settings()
    if (settings.resolved_data_dir()).is_dir() and AssistantService(settings).documents():
        return settings
    from ingest.pipeline import ingest_paths

    settings = Settings(data_dir=tmp / "data", catalog_file=CATALOG)
    t0 = time.perf_counter()
    report = ingest_paths([CORPUS], settings, progress=False)
    print(f"ingested {report.files} files in {time.perf_counter() - t0:.1f} s (not part of the figures)")
    return settings


def briefing_times(service: AssistantService, topic: str, rounds: int) -> None:
    t0 = time.perf_counter()
    service.brief(topic, mode="extractive")  # first call: loads the embedder and opens Chroma
    print(f"cold briefing (model load included): {time.perf_counter() - t0:.2f} s")
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        briefing = service.brief(topic, mode="extractive")
        times.append(time.perf_counter() - t0)
    bullets = sum(len(s.bullets) for s in briefing.sections)
    print(f"extractive briefing on {topic!r}: median {statistics.median(times):.2f} s, max {max(times):.2f} s "
          f"over {rounds} rounds (goal <= 2 s); {len(briefing.sections)} sections, {bullets} bullets, "
          f"{len(briefing.citations)} sources")


def first_paint(settings: Settings, service: AssistantService, rounds: int) -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from api.app import create_app
    from load import free_port  # the sibling benchmark script (benchmarks/ is on sys.path)

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, service=service), host="127.0.0.1", port=port,
                                          log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    paints = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(settings.chromium_path), args=CHROMIUM_ARGS)
            for _ in range(rounds):
                context = browser.new_context()  # a fresh cache each time: a first visit
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
                entries = page.evaluate("performance.getEntriesByType('paint').map(e => [e.name, e.startTime])")
                paints.append(dict(entries))
                context.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    for name in ("first-paint", "first-contentful-paint"):
        values = [p[name] for p in paints if name in p]
        if values:
            print(f"{name}: median {statistics.median(values):.0f} ms, max {max(values):.0f} ms over {len(values)} "
                  f"fresh page loads (goal <= 1000 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--topic", default="smart city partnerships")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-paint", action="store_true", help="skip the browser figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-briefing-") as tmp:
        settings = indexed_settings(Path(tmp))
        service = AssistantService(settings)
        briefing_times(service, args.topic, args.rounds)
        if not args.no_paint:
            first_paint(settings, service, args.rounds)


if __name__ == "__main__":
    main()
