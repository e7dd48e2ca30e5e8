"""The staff page in real headless Chromium (Debian `chromium`, driven by Playwright) against a real uvicorn server
over the reference corpus: ask, read the streamed answer, open a citation, see the not-found state, make and
download a briefing, switch to Thai, list the documents. Each step leaves a screenshot in test-artifacts/web/."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, free_port

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "test-artifacts" / "web"
QUESTION = "Which three interdependent objectives should an ASEAN smart city keep in balance according to the framework?"
UNANSWERABLE = "What did the 1850 Paris durian auction fetch per kilogram?"
TOPIC = "smart city partnerships"
TIMEOUT_MS = 90_000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.fail("Debian chromium is missing: apt-get install -y chromium fonts-thai-tlwg (see .ci/apt-packages.txt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_staff_asks_opens_a_citation_and_downloads_a_briefing(corpus_server: str, browser: object, tmp_path: Path) -> None:
    from docx import Document
    from playwright.sync_api import expect

    context = browser.new_context(accept_downloads=True, viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(corpus_server + "/")
    expect(page.get_by_role("heading", name="International Affairs Assistant")).to_be_visible()
    expect(page.locator("#f-doc option")).to_have_count(15, timeout=TIMEOUT_MS)  # "All documents" + the 14 files
    shot(page, "01-home")

    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Ask", exact=True).click()
    answer = page.locator(".msg.assistant").last
    expect(answer.locator(".cite-btn").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(answer).to_contain_text(re.compile("liveab|econom|environment", re.I))
    shot(page, "02-answer")

    answer.locator(".cite-btn").first.click()
    dialog = page.locator("#cite-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#cite-meta")).to_contain_text(re.compile(r"ASEAN · asean-.+\.pdf · page \d+"))
    expect(page.locator("#cite-text")).not_to_be_empty()
    href = page.locator("#cite-link").get_attribute("href") or ""
    assert re.fullmatch(r"/api/v1/documents/asean-[\w.-]+\.pdf/file#page=\d+", href), href
    shot(page, "03-citation")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(answer.locator(".cite-btn").first).to_be_focused()  # focus returns to the button that opened it

    page.get_by_label("Your question").fill(UNANSWERABLE)
    page.get_by_label("Your question").press("Enter")
    refusal = page.locator(".msg.notfound").last
    expect(refusal).to_contain_text("Not found in the documents.", timeout=TIMEOUT_MS)
    shot(page, "04-not-found")

    page.get_by_role("tab", name="Briefing").click()
    page.get_by_label("Topic").fill(TOPIC)
    page.get_by_role("button", name="Make briefing").click()
    brief = page.locator("#brief-out")
    expect(brief.get_by_role("heading", name=f"Briefing: {TOPIC}")).to_be_visible(timeout=TIMEOUT_MS)
    expect(brief.get_by_role("heading", name="Executive summary")).to_be_visible()
    expect(brief.get_by_role("heading", name="ASEAN frameworks and commitments")).to_be_visible()
    expect(brief.locator(".cite-btn").first).to_be_visible()
    shot(page, "05-briefing")

    with page.expect_download(timeout=TIMEOUT_MS) as download_info:
        page.get_by_role("button", name="DOCX").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.suffix == ".docx"
    text = "\n".join(p.text for p in Document(str(saved)).paragraphs)
    assert "ASEAN frameworks and commitments" in text and "Sources" in text
    shot(page, "06-downloaded")

    page.get_by_role("button", name="ไทย").click()
    expect(page.get_by_role("tab", name="สนทนา")).to_be_visible()
    page.get_by_role("tab", name="เอกสาร").click()
    expect(page.locator("#docs tbody tr")).to_have_count(14)
    expect(page.locator("#docs")).to_contain_text("พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร")
    shot(page, "07-documents-thai")
    assert errors == []
    context.close()


def test_page_is_usable_on_a_phone(corpus_server: str, browser: object) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(corpus_server + "/")
    expect(page.get_by_label("Your question")).to_be_visible()
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways on a phone: {widths}"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"  # keyboard users can skip to content
    shot(page, "08-phone")
    context.close()


@contextlib.contextmanager
def serving(app: object) -> Iterator[tuple[str, object]]:
    """A second real uvicorn server on the same app, which a test may stop."""
    import httpx
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    assert httpx.get(f"{url}/healthz", timeout=5).status_code == 200
    try:
        yield url, server
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_server_down_is_said_in_plain_words(corpus_app: object, corpus_client: object, browser: object) -> None:
    """The server stops while the page is open: the next question says so instead of failing silently."""
    from playwright.sync_api import expect

    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    with serving(corpus_app) as (url, server):
        page.goto(url + "/")
        expect(page.locator("#f-doc option")).to_have_count(15, timeout=TIMEOUT_MS)
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator("#status")).to_contain_text("cannot be reached", timeout=TIMEOUT_MS)
    shot(page, "09-server-down")
    context.close()


def test_key_is_asked_once_and_a_wrong_key_is_explained(restricted_client: object, api_keys: tuple, browser: object) -> None:
    from playwright.sync_api import expect

    app = restricted_client.app  # type: ignore[attr-defined]
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    with serving(app) as (url, _):
        page.goto(url + "/")
        key_box = page.get_by_role("textbox", name="API key")
        expect(key_box).to_be_visible()  # the document list needs a key on a server with keys
        key_box.fill("not-a-real-key")
        page.get_by_role("button", name="Save").click()
        expect(page.locator("#status")).to_contain_text("invalid or has expired")
        shot(page, "10-wrong-key")
        page.get_by_role("button", name="API key").click()
        key_box.fill(api_keys[1].staff)
        page.get_by_role("button", name="Save").click()
        page.get_by_role("tab", name="Documents").click()
        expect(page.locator("#docs tbody tr")).to_have_count(1)  # the restricted memo stays hidden from staff
        page.reload()
        page.get_by_role("tab", name="Documents").click()
        expect(page.locator("#docs tbody tr")).to_have_count(1)  # kept for the session: not asked again
        expect(page.locator("#key-dialog")).to_be_hidden()
        shot(page, "11-key-kept")
    context.close()


def test_api_docs_render_with_no_other_host_reachable(restricted_client: object, browser: object) -> None:
    """Swagger UI and ReDoc as on the offline intranet: any request to another host is refused and recorded."""
    from urllib.parse import urlsplit

    from playwright.sync_api import expect

    outside: list[str] = []

    def only_loopback(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    context = browser.new_context()  # type: ignore[attr-defined]
    context.route("**/*", only_loopback)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    with serving(restricted_client.app) as (url, _):  # type: ignore[attr-defined]
        page.goto(url + "/docs")
        expect(page.locator(".opblock-summary-path", has_text="/api/v1/ask").first).to_be_visible(timeout=TIMEOUT_MS)
        shot(page, "12-swagger-ui")
        page.goto(url + "/redoc")
        expect(page.get_by_role("heading", name=re.compile("BMA International Affairs Assistant")).first).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.get_by_text("/api/v1/ask").first).to_be_attached()
        shot(page, "13-redoc")
    context.close()
    assert outside == [] and errors == [], (outside, errors)
