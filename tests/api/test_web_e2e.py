"""The staff page in real headless Chromium (Debian `chromium`, driven by Playwright) against a real uvicorn server
over the reference corpus: ask, read the streamed answer, open a citation, see the not-found state, make and
download a briefing, switch to Thai, list the documents. Each step leaves a screenshot in test-artifacts/web/."""

from __future__ import annotations

import contextlib
import re
from contextlib import ExitStack
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
QUESTION = "What role do National Representatives play in the ASEAN Smart Cities Network?"
FOLLOW_UP = "and what are its focus areas?"
DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
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
    expect(answer.locator(".card mark").first).not_to_be_empty()
    shot(page, "02-answer")

    answer.locator(".cite-btn").first.click()
    dialog = page.locator("#cite-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#cite-meta")).to_contain_text(re.compile(r" · [\w.-]+\.pdf · page \d+"))
    expect(page.locator("#cite-text")).not_to_be_empty()
    href = page.locator("#cite-link").get_attribute("href") or ""
    assert re.fullmatch(r"/api/v1/documents/[\w.-]+\.pdf/file#page=\d+", href), href
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
    point = brief.locator("li").first
    point_text = point.inner_text().split(" [")[0]
    point.get_by_role("button", name="Ask about this").click()  # the chat, limited to the point's source
    expect(page.get_by_role("tab", name="Chat")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_label("Your question")).to_have_value(point_text)
    assert page.locator("#f-doc").input_value() != ""

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
def serving(app: object, port: int | None = None) -> Iterator[tuple[str, object]]:
    """A second real uvicorn server on the same app, which a test may stop (and start again on the same port)."""
    import httpx
    import uvicorn

    port = port or free_port()
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


def test_server_down_is_said_under_the_question_and_retry_works(corpus_app: object, corpus_client: object, browser: object) -> None:
    """The server stops while the page is open: the error shows under the question, the question is back in the box,
    and Retry answers once the server is back."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport=DESKTOP)  # type: ignore[attr-defined]
    page = context.new_page()
    port = free_port()
    with serving(corpus_app, port) as (url, _):
        page.goto(url + "/")
        expect(page.locator("#f-doc option")).to_have_count(15, timeout=TIMEOUT_MS)
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Ask", exact=True).click()
    error = page.locator(".msg.error")
    expect(error).to_contain_text("cannot be reached", timeout=TIMEOUT_MS)
    expect(page.locator("#log > .msg").first).to_contain_text(QUESTION)  # under its question, not a banner
    expect(page.locator("#status")).to_be_hidden()
    expect(page.get_by_label("Your question")).to_have_value(QUESTION)
    shot(page, "09-server-down-inline")
    with serving(corpus_app, port):
        error.get_by_role("button", name="Retry").click()
        expect(page.locator(".msg.assistant .cite-btn").first).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.locator(".msg.error")).to_have_count(0)
        expect(page.locator(".msg.user")).to_have_count(1)
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


def _ask(page: object, question: str, answers: int) -> object:
    from playwright.sync_api import expect

    page.get_by_label("Your question").fill(question)  # type: ignore[attr-defined]
    page.get_by_label("Your question").press("Enter")  # type: ignore[attr-defined]
    expect(page.locator(".msg.assistant .actions")).to_have_count(answers, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    return page.locator(".msg.assistant").last  # type: ignore[attr-defined]


def _in_view(page: object, locator: object) -> bool:
    box = locator.bounding_box()  # type: ignore[attr-defined]
    height = page.evaluate("window.innerHeight")  # type: ignore[attr-defined]
    return box is not None and 0 <= box["y"] < height * 0.6


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_each_answer_is_scrolled_into_view_with_source_cards(corpus_server: str, browser: object, viewport: dict) -> None:
    import httpx
    from playwright.sync_api import expect

    name = "desktop" if viewport is DESKTOP else "phone"
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(corpus_server + "/")
    first = _ask(page, QUESTION, 1)
    second = _ask(page, FOLLOW_UP, 2)
    assert _in_view(page, second), "the new answer starts below the window"
    expect(second.locator(".searched")).to_contain_text("Searched for:")  # the rewritten follow-up is shown
    third = _ask(page, QUESTION, 3)
    assert _in_view(page, third)
    shot(page, f"20-answer-in-view-{name}")

    cards = first.locator(".card")
    heads = [cards.nth(i).locator(".card-title").inner_text() + cards.nth(i).locator(".card-page").inner_text()
             for i in range(cards.count())]
    assert heads and len(heads) == len(set(heads)), heads  # one card per document and page
    mark = first.locator(".card mark").first
    expect(mark).not_to_be_empty()
    first.locator(".card").first.click()
    dialog_mark = page.locator("#cite-text mark").first
    expect(dialog_mark).to_be_in_viewport()  # the dialog scrolled to the supporting sentence
    assert mark.inner_text().strip()[:30] in dialog_mark.inner_text()
    link = page.locator("#cite-link")
    assert link.get_attribute("target") == "_blank"
    href = link.get_attribute("href") or ""
    assert re.search(r"/file#page=\d+$", href), href
    shown = httpx.get(corpus_server + href.split("#")[0], timeout=30)
    assert shown.status_code == 200 and shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"].startswith("inline")  # the browser shows it, so #page=N works
    saved = httpx.get(corpus_server + (page.locator("#cite-download").get_attribute("href") or ""), timeout=30)
    assert saved.headers["content-disposition"].startswith("attachment")
    shot(page, f"21-passage-marked-{name}")
    context.close()


def test_history_survives_a_reload_and_new_chat_starts_over(corpus_server: str, browser: object) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=DESKTOP)  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=corpus_server)
    page = context.new_page()
    page.goto(corpus_server + "/")
    answer = _ask(page, QUESTION, 1)
    title = answer.locator(".card-title").first.inner_text()
    answer.get_by_role("button", name="Copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert QUESTION in copied and "Sources:" in copied and title in copied, copied
    page.reload()
    expect(page.locator(".msg.user")).to_have_text(re.compile(re.escape(QUESTION)))  # the conversation is back
    expect(page.locator(".msg.assistant .card").first).to_be_visible()
    expect(page.locator("#start")).to_be_hidden()
    page.get_by_role("button", name="Regenerate").click()
    expect(page.locator(".msg.assistant .actions")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator(".msg.user")).to_have_count(1)  # regenerated in place, not asked twice
    page.get_by_role("button", name="New chat").click()
    expect(page.locator("#log .msg")).to_have_count(0)
    expect(page.locator("#start")).to_be_visible()
    page.locator("#history summary").click()
    earlier = page.locator("#history-list li button.link:not(.muted)")
    expect(earlier).to_have_count(1)
    earlier.first.click()
    expect(page.locator(".msg.user")).to_contain_text(QUESTION)
    context.close()


def test_start_screen_offers_examples_and_labels_follow_the_language(corpus_server: str, browser: object) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=DESKTOP)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(corpus_server + "/")
    examples = page.locator("#examples button")
    expect(examples.first).to_be_visible(timeout=TIMEOUT_MS)
    assert 4 <= examples.count() <= 6
    expect(page.locator("#holds")).to_contain_text("14 documents")
    expect(page.locator("#key-button")).to_be_hidden()  # a keyless loopback service needs no key
    shot(page, "22-start-desktop-light")
    question = examples.first.inner_text()
    examples.first.click()
    expect(page.locator(".msg.assistant .actions")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator(".msg.user")).to_contain_text(question)
    page.get_by_role("button", name="ไทย").click()
    expect(page.locator(".msg.user .who")).to_have_text("คุณ")  # earlier messages relabelled
    expect(page.locator(".msg.assistant .actions button").first).to_have_text("คัดลอก")
    page.get_by_role("button", name="แชตใหม่").click()
    thai = page.locator("#examples button")
    expect(thai.first).to_contain_text(re.compile("[\u0e00-\u0e7f]"))
    assert all(re.search("[\u0e00-\u0e7f]", thai.nth(i).inner_text()) for i in range(thai.count()))
    shot(page, "23-start-desktop-thai")
    context.close()


def test_dark_theme_follows_the_system_and_the_toggle(corpus_server: str, browser: object) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="dark", is_mobile=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(corpus_server + "/")
    _ask(page, QUESTION, 1)
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = page.evaluate(background)
    shot(page, "24-phone-dark")
    page.locator("#theme").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    assert page.evaluate(background) != dark
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "light"  # the choice is kept
    shot(page, "25-phone-light")
    context.close()


def test_question_area_is_small_on_a_phone(corpus_server: str, browser: object) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(corpus_server + "/")
    expect(page.locator("#examples button").first).to_be_visible(timeout=TIMEOUT_MS)
    height = page.locator("#ask-form").bounding_box()["height"]
    assert height <= PHONE["height"] * 0.15, height  # filters folded behind "Filters (n)"
    expect(page.locator("#f-kind")).to_be_hidden()
    page.get_by_text("Filters (0)").click()
    page.locator("#f-kind").select_option("asean")
    expect(page.locator("#filters-summary")).to_have_text("Filters (1)")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the open filters push the page sideways: {widths}"
    shot(page, "26-phone-start")
    context.close()


def test_stop_abandons_a_waiting_question_and_puts_it_back(corpus_app: object, corpus_server: str,
                                                           browser: object) -> None:
    """Stop while the service has not answered (every answer slot is held, so the question is still waiting): the
    page says so under the question, puts the question back in the box, and answers it once asked again."""
    from playwright.sync_api import expect

    service = corpus_app.state.ctx.service  # type: ignore[attr-defined]
    slots = service.answer_slots
    assert slots is not None, "the test needs ASSISTANT_ANSWER_CONCURRENCY > 0"
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(corpus_server + "/")
    box = page.get_by_label("Your question")
    with ExitStack() as held:
        for _ in range(service.settings.answer_concurrency):
            held.enter_context(slots.slot())  # nothing is answered until these are released
        waiting = slots.waiting
        box.fill(QUESTION)
        box.press("Enter")
        stop = page.get_by_role("button", name="Stop")
        expect(stop).to_be_visible(timeout=TIMEOUT_MS)
        deadline = time.monotonic() + 60
        while slots.waiting <= waiting:  # the question has reached the service and waits there
            assert time.monotonic() < deadline, "the question never reached the service"
            time.sleep(0.05)
        stop.click()
        expect(page.locator(".msg.error")).to_contain_text("Stopped", timeout=TIMEOUT_MS)
        expect(box).to_have_value(QUESTION)
        expect(stop).to_be_hidden()
        expect(page.locator(".msg.assistant")).to_have_count(0)
        shot(page, "27-stopped")
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator(".msg.assistant .cite-btn").first).to_be_visible(timeout=TIMEOUT_MS)
    context.close()
