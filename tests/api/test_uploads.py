"""Uploads are checked by content and bounded; a refused upload loses nothing already stored; accepted ones are
ingested by the background job queue while the service keeps answering."""

from __future__ import annotations

import tomllib

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings
from assistant.service import AssistantService
from ingest.report import IngestReport
from tests.api.conftest import Keys
from tests.conftest import CORPUS_DIR

pytestmark = pytest.mark.slow

NOTE = b"""Protocol office visit schedule.

The Lisbon delegation visits the International Affairs Office on 14 October. The protocol officer books the
Rattanakosin meeting room and prepares the Lisbon gift of blue ceramic tiles.
"""
HTML = b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not found</body></html>\n"


def _wait(client: TestClient, job: dict, headers: dict[str, str]) -> dict:
    import time

    deadline = time.monotonic() + 120
    while job["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, f"job {job['id']} did not finish"
        time.sleep(0.2)
        job = client.get(f"/api/v1/jobs/{job['id']}", headers=headers).json()
    return job


def _doc_ids(client: TestClient, headers: dict[str, str]) -> set[str]:
    return {d["doc_id"] for d in client.get("/api/v1/documents", headers=headers).json()["documents"]}


def _delete(client: TestClient, name: str, headers: dict[str, str]) -> None:
    """Removes an uploaded document and waits for its job: the tests share one index."""
    deleted = client.delete(f"/api/v1/documents/{name}", headers=headers)
    assert _wait(client, deleted.json(), headers)["status"] == "done"


def test_upload_ingest_answer_refuse_fake_then_delete(restricted_client: TestClient, api_keys: tuple) -> None:
    admin = Keys.header(api_keys[1].admin)
    before = _doc_ids(restricted_client, admin)

    accepted = restricted_client.post("/api/v1/documents", files={"file": ("visit-schedule.txt", NOTE, "text/plain")}, headers=admin)
    assert accepted.status_code == 202, accepted.text
    job = _wait(restricted_client, accepted.json(), admin)
    assert job["status"] == "done", job
    assert _doc_ids(restricted_client, admin) == before | {"visit-schedule.txt"}
    answer = restricted_client.post("/api/v1/ask", json={"question": "What gift is prepared for the Lisbon delegation?"}, headers=admin).json()
    assert answer["found"] and "visit-schedule.txt" in {c["source"] for c in answer["citations"]}

    # an HTML page named .pdf: refused with the reason, nothing stored, nothing queued
    fake = restricted_client.post("/api/v1/documents", files={"file": ("annual-report.pdf", HTML, "application/pdf")}, headers=admin)
    assert fake.status_code == 415
    assert fake.headers["content-type"].startswith("application/problem+json")
    assert "HTML" in fake.json()["detail"]
    # an HTML page uploaded over the stored note's name: refused, and the stored original survives
    over = restricted_client.post("/api/v1/documents", files={"file": ("visit-schedule.txt", HTML, "text/plain")}, headers=admin)
    assert over.status_code == 415
    assert "HTML" in over.json()["detail"]
    assert _doc_ids(restricted_client, admin) == before | {"visit-schedule.txt"}
    original = restricted_client.get("/api/v1/documents/visit-schedule.txt/file", headers=admin)
    assert original.status_code == 200 and original.content == NOTE

    deleted = restricted_client.delete("/api/v1/documents/visit-schedule.txt", headers=admin)
    assert deleted.status_code == 202
    assert _wait(restricted_client, deleted.json(), admin)["status"] == "done"
    assert _doc_ids(restricted_client, admin) == before
    gone = restricted_client.post("/api/v1/ask", json={"question": "What gift is prepared for the Lisbon delegation?"}, headers=admin).json()
    assert "visit-schedule.txt" not in {c["source"] for c in gone["citations"] + gone["related"]}


def test_upload_with_restricted_access_is_hidden_from_other_groups(restricted_client: TestClient, api_keys: tuple) -> None:
    keys = api_keys[1]
    admin = Keys.header(keys.admin)
    response = restricted_client.post(
        "/api/v1/documents", files={"file": ("board-minutes.txt", NOTE, "text/plain")}, data={"access": "restricted:legal"}, headers=admin
    )
    assert response.status_code == 202, response.text
    assert _wait(restricted_client, response.json(), admin)["status"] == "done"
    assert "board-minutes.txt" in _doc_ids(restricted_client, Keys.header(keys.legal))
    assert "board-minutes.txt" not in _doc_ids(restricted_client, Keys.header(keys.staff))
    asked = restricted_client.post("/api/v1/ask", json={"question": "What gift is prepared for the Lisbon delegation?"}, headers=Keys.header(keys.staff))
    assert "board-minutes" not in asked.text
    bad = restricted_client.post(
        "/api/v1/documents", files={"file": ("x.txt", NOTE, "text/plain")}, data={"access": "secret"}, headers=admin
    )
    assert bad.status_code == 422 and "access" in bad.json()["detail"]
    _delete(restricted_client, "board-minutes.txt", admin)


@pytest.mark.parametrize(
    ("name", "data", "status", "mentions"),
    [
        ("scan.pdf", b"PK\x03\x04not really a pdf", 415, "PDF"),
        ("letter.docx", b"%PDF-1.7 this is a pdf", 415, "docx"),
        ("tool.exe", b"MZ\x90\x00", 415, "unsupported"),
        ("../../etc/passwd.txt", b"root:x:0:0", 202, ""),
        ("empty.txt", b"", 415, "empty"),
    ],
    ids=["zip-as-pdf", "pdf-as-docx", "exe", "path-traversal-name", "empty"],
)
def test_upload_checks(restricted_client: TestClient, api_keys: tuple, name: str, data: bytes, status: int, mentions: str) -> None:
    admin = Keys.header(api_keys[1].admin)
    response = restricted_client.post("/api/v1/documents", files={"file": (name, data, "application/octet-stream")}, headers=admin)
    assert response.status_code == status, response.text
    if status == 202:  # the directory part of the name is dropped: it lands in the uploads folder as passwd.txt
        job = _wait(restricted_client, response.json(), admin)
        assert job["doc_id"] == "passwd.txt"
        restricted_client.delete("/api/v1/documents/passwd.txt", headers=admin)
    else:
        assert mentions.lower() in response.json()["detail"].lower()


def test_upload_over_the_size_limit_is_413(restricted_settings: Settings, restricted_service: AssistantService, api_keys: tuple) -> None:
    admin = Keys.header(api_keys[1].admin)
    client = TestClient(create_app(restricted_settings.model_copy(update={"max_upload_mb": 0.05}), service=restricted_service))
    response = client.post("/api/v1/documents", files={"file": ("big.txt", b"word " * 40_000, "text/plain")}, headers=admin)
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")


def test_unknown_job_is_404(restricted_client: TestClient, api_keys: tuple) -> None:
    response = restricted_client.get("/api/v1/jobs/0123456789abcdef", headers=Keys.header(api_keys[1].admin))
    assert response.status_code == 404


def test_thai_windows_874_text_is_accepted_as_ingest_accepts_it(restricted_client: TestClient, api_keys: tuple) -> None:
    """`assistant ingest` reads Thai Windows-874 text files; an upload of the same file must not be refused."""
    admin = Keys.header(api_keys[1].admin)
    note = "บันทึกการประชุม\n\nคณะผู้แทนจากเมืองลิสบอนจะเยือนสำนักการต่างประเทศในวันที่ 14 ตุลาคม\n".encode("cp874")
    response = restricted_client.post("/api/v1/documents", files={"file": ("thai-visit.txt", note, "text/plain")}, headers=admin)
    assert response.status_code == 202, response.text
    assert _wait(restricted_client, response.json(), admin)["status"] == "done"
    page = restricted_client.get("/api/v1/documents/thai-visit.txt/pages/1", headers=admin)
    assert "ลิสบอน" in page.json()["text"]
    _delete(restricted_client, "thai-visit.txt", admin)


def test_upload_named_like_a_document_of_another_folder_is_409_and_leaves_it(restricted_client: TestClient, api_keys: tuple) -> None:
    """Document ids are file names relative to their folder: an upload called like an ingested corpus file would
    silently replace that document (its text, title and access) for everyone."""
    admin = Keys.header(api_keys[1].admin)
    before = restricted_client.get("/api/v1/documents/open-note.txt", headers=admin).json()
    response = restricted_client.post("/api/v1/documents", files={"file": ("open-note.txt", NOTE, "text/plain")}, headers=admin)
    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "open-note.txt" in response.json()["detail"]
    assert restricted_client.get("/api/v1/documents/open-note.txt", headers=admin).json() == before
    assert NOTE not in restricted_client.get("/api/v1/documents/open-note.txt/file", headers=admin).content


def test_an_upload_that_fails_to_ingest_is_removed_and_a_fixed_one_then_works(
    restricted_client: TestClient, restricted_settings: Settings, api_keys: tuple
) -> None:
    """A broken file left in the uploads folder would fail every later ingest of that folder."""
    admin = Keys.header(api_keys[1].admin)
    good = (CORPUS_DIR / "asean-eas-leaders-statement-asean-smart-cities-2018.pdf").read_bytes()
    name, form = "leaders-statement.pdf", {"access": "restricted:legal"}  # hidden from staff while it exists
    stored = restricted_settings.resolved_data_dir() / "uploads" / name

    broken = restricted_client.post("/api/v1/documents", files={"file": (name, good[:3000], "application/pdf")}, data=form, headers=admin)
    assert broken.status_code == 202, broken.text  # it starts like a PDF: only ingestion finds it truncated
    job = _wait(restricted_client, broken.json(), admin)
    assert job["status"] == "failed", job
    assert "corrupt PDF" in job["message"] and "removed" in job["message"], job["message"]
    assert job["message"].count(name) == 1, job["message"]
    assert not stored.exists()
    report = _uploads_ingest_report(restricted_settings)
    assert report.failed == [], report.summary()

    fixed = restricted_client.post("/api/v1/documents", files={"file": (name, good, "application/pdf")}, data=form, headers=admin)
    assert fixed.status_code == 202, fixed.text
    job = _wait(restricted_client, fixed.json(), admin)
    assert job["status"] == "done", job
    assert restricted_client.get(f"/api/v1/documents/{name}/file", headers=admin).content == good
    _delete(restricted_client, name, admin)


def _upload(client: TestClient, name: str, data: bytes, headers: dict[str, str], access: str | None = None) -> dict:
    form = {"access": access} if access is not None else {}
    response = client.post("/api/v1/documents", files={"file": (name, data, "application/octet-stream")}, data=form, headers=headers)
    assert response.status_code == 202, response.text
    return response.json()


def _uploads_ingest_report(settings: Settings) -> IngestReport:
    """What the next `assistant ingest` of the uploads folder does: nothing, when the folder matches the index."""
    from ingest.pipeline import ingest_paths

    return ingest_paths([settings.resolved_data_dir() / "uploads"], settings.model_copy(update={"catalog_file": None}))


def test_a_failed_reupload_leaves_the_indexed_version_as_it_was(
    restricted_client: TestClient, restricted_settings: Settings, api_keys: tuple
) -> None:
    """A truncated PDF passes the quick check and fails only in ingestion: the good version it was meant to replace
    stays indexed, downloadable, and in the uploads folder for the next ingest."""
    admin = Keys.header(api_keys[1].admin)
    good = (CORPUS_DIR / "asean-eas-leaders-statement-asean-smart-cities-2018.pdf").read_bytes()
    name = "smart-cities-statement.pdf"
    assert _wait(restricted_client, _upload(restricted_client, name, good, admin), admin)["status"] == "done"
    before = restricted_client.get(f"/api/v1/documents/{name}", headers=admin).json()

    job = _wait(restricted_client, _upload(restricted_client, name, good[:3000], admin), admin)
    assert job["status"] == "failed", job
    assert "corrupt PDF" in job["message"] and "previous version" in job["message"], job["message"]
    assert restricted_client.get(f"/api/v1/documents/{name}", headers=admin).json() == before
    download = restricted_client.get(f"/api/v1/documents/{name}/file", headers=admin)
    assert download.status_code == 200 and download.content == good
    report = _uploads_ingest_report(restricted_settings)
    assert report.failed == [] and report.removed == [] and report.files == 0, report.summary()
    assert restricted_client.get(f"/api/v1/documents/{name}", headers=admin).json() == before
    _delete(restricted_client, name, admin)


def test_uploads_of_one_name_in_a_row_are_each_ingested_as_sent(
    restricted_client: TestClient, restricted_settings: Settings, api_keys: tuple
) -> None:
    """Each job ingests its own upload's bytes, whatever was uploaded after it; a copy of another document's text
    is refused by ingestion ('same content'), which makes a cheap file that passes the quick check and then fails."""
    from tests.api.conftest import OPEN_NOTE

    admin = Keys.header(api_keys[1].admin)
    name, first, second, copy = "visit-plan.txt", NOTE, NOTE + b"\nThe visit ends with a river cruise.\n", OPEN_NOTE.encode()
    assert _wait(restricted_client, _upload(restricted_client, name, first, admin), admin)["status"] == "done"

    good, bad = _upload(restricted_client, name, second, admin), _upload(restricted_client, name, copy, admin)
    assert _wait(restricted_client, good, admin)["status"] == "done"
    failed = _wait(restricted_client, bad, admin)
    assert failed["status"] == "failed" and "same content" in failed["message"], failed
    assert restricted_client.get(f"/api/v1/documents/{name}/file", headers=admin).content == second

    bad, good = _upload(restricted_client, name, copy, admin), _upload(restricted_client, name, first, admin)
    assert _wait(restricted_client, bad, admin)["status"] == "failed"
    assert _wait(restricted_client, good, admin)["status"] == "done"
    assert restricted_client.get(f"/api/v1/documents/{name}/file", headers=admin).content == first
    assert _uploads_ingest_report(restricted_settings).failed == []
    _delete(restricted_client, name, admin)


def test_a_failed_upload_leaves_the_catalog_describing_what_is_indexed(
    restricted_client: TestClient, restricted_settings: Settings, api_keys: tuple
) -> None:
    """The uploads catalog holds each upload's access: a failed upload's entry must neither outlive it (a later upload
    without access would inherit it) nor change the access of the version still indexed."""
    from tests.api.conftest import OPEN_NOTE

    keys = api_keys[1]
    admin, staff = Keys.header(keys.admin), Keys.header(keys.staff)
    name, copy = "council-brief.txt", OPEN_NOTE.encode()  # a copy of another document fails ingestion
    first, second = NOTE + b"\nBrief for the council.\n", NOTE + b"\nRevised brief for the council.\n"

    failed = _wait(restricted_client, _upload(restricted_client, name, copy, admin, "restricted:legal"), admin)
    assert failed["status"] == "failed", failed
    assert _wait(restricted_client, _upload(restricted_client, name, first, admin), admin)["status"] == "done"
    assert restricted_client.get(f"/api/v1/documents/{name}", headers=admin).json()["access"] == "public"

    assert _wait(restricted_client, _upload(restricted_client, name, second, admin, "restricted:legal"), admin)["status"] == "done"
    assert name not in _doc_ids(restricted_client, staff)
    failed = _wait(restricted_client, _upload(restricted_client, name, copy, admin, "public"), admin)
    assert failed["status"] == "failed", failed
    assert name not in _doc_ids(restricted_client, staff)
    report = _uploads_ingest_report(restricted_settings)  # a stale 'public' entry would be indexed here
    assert report.failed == [] and report.files == 0, report.summary()
    assert restricted_client.get(f"/api/v1/documents/{name}", headers=admin).json()["access"] == "restricted:legal"
    assert name not in _doc_ids(restricted_client, staff)
    _delete(restricted_client, name, admin)
    catalog = restricted_settings.resolved_data_dir() / "uploads" / "catalog.toml"
    assert name not in tomllib.loads(catalog.read_text(encoding="utf-8"))  # its access went with the document
