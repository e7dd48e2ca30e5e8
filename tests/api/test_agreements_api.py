"""The agreements register over HTTP: filters on the reference corpus, exports with Thai intact, and access control
(a record of a document a key may not see does not exist for that key)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.config import Settings
from tests.api.conftest import Keys

THAI_MOU = """# บันทึกความเข้าใจว่าด้วยการสถาปนาความสัมพันธ์ฉันเมืองพี่เมืองน้อง

บันทึกความเข้าใจว่าด้วยการสถาปนาความสัมพันธ์ฉันเมืองพี่เมืองน้อง
ระหว่าง นครวาริน ราชอาณาจักรตัวอย่าง กับ เมืองโอเรน สาธารณรัฐทดสอบ

ทั้งสองฝ่ายตกลงส่งเสริมความร่วมมือด้านการท่องเที่ยวและวัฒนธรรม

ลงนาม ณ นครวาริน เมื่อวันที่ ๑๕ มีนาคม พ.ศ. ๒๕๔๑
"""
SECRET_MOU = """SISTER CITY AGREEMENT
between the City of Quillon, Eastmarch and the City of Brask, Westmarch

The two cities hereby agree to promote exchanges in sports and tourism.
Signed on the 7th day of July 2011.
"""
CATALOG = """["mou-thai.md"]
kind = "mou"
access = "public"

["mou-secret.md"]
kind = "mou"
access = "restricted:legal"
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, api_keys: tuple[Path, Keys]) -> Iterator[TestClient]:
    from ingest.pipeline import ingest_paths

    root = tmp_path_factory.mktemp("agreements")
    docs = root / "docs"
    docs.mkdir()
    (docs / "mou-thai.md").write_text(THAI_MOU, encoding="utf-8")
    (docs / "mou-secret.md").write_text(SECRET_MOU, encoding="utf-8")
    (docs / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    settings = Settings(data_dir=root / "data", api_keys_file=api_keys[0])
    assert ingest_paths([docs], settings).agreements == 2
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()["agreements"]]


def test_a_key_never_sees_records_of_documents_it_may_not_see(client: TestClient, api_keys: tuple[Path, Keys]) -> None:
    staff, legal = Keys.header(api_keys[1].staff), Keys.header(api_keys[1].legal)
    assert _ids(client.get("/api/v1/agreements", headers=staff)) == ["mou-thai.md"]
    assert _ids(client.get("/api/v1/agreements", headers=legal)) == ["mou-thai.md", "mou-secret.md"]
    assert client.get("/api/v1/agreements/mou-secret.md", headers=staff).status_code == 404
    assert client.get("/api/v1/agreements/mou-secret.md", headers=legal).json()["signed"] == "2011-07-07"
    export = client.get("/api/v1/agreements/export?format=csv", headers=staff)
    assert "Quillon" not in export.text and "นครวาริน" in export.text
    asked = client.post("/api/v1/ask", json={"question": "Which agreements cover tourism?"}, headers=staff).json()
    assert asked["agreements"] == ["mou-thai.md"] and "Quillon" not in str(asked)
    assert client.get("/api/v1/agreements", headers={}).status_code == 401


def test_csv_and_xlsx_keep_thai_intact(client: TestClient, api_keys: tuple[Path, Keys]) -> None:
    from openpyxl import load_workbook

    staff = Keys.header(api_keys[1].staff)
    response = client.get("/api/v1/agreements/export?format=csv", headers=staff)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["parties"], r["countries"], r["signed"]) for r in rows] == [
        ("นครวาริน; เมืองโอเรน", "ราชอาณาจักรตัวอย่าง; สาธารณรัฐทดสอบ", "1998-03-15")]
    assert "signed: วันที่ ๑๕ มีนาคม พ.ศ. ๒๕๔๑" in rows[0]["citations"]
    response = client.get("/api/v1/agreements/export?format=xlsx", headers=staff)
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    # a Thai title keeps its file name's Latin words beside it, for English readers and questions
    assert values["title"] == "บันทึกความเข้าใจว่าด้วยการสถาปนาความสัมพันธ์ฉันเมืองพี่เมืองน้อง (Mou thai)"
    assert values["areas"] == "culture; tourism" and sheet.max_row == 2


def test_filters_on_the_reference_corpus(corpus_client: TestClient) -> None:
    def ids(query: str) -> list[str]:
        return _ids(corpus_client.get(f"/api/v1/agreements?{query}"))

    assert len(ids("")) == 4  # four agreements; their scanned copies in the toolkit are listed in also_in
    assert ids("area=sports") == ["mou-chicago-shenyang-sister-cities-reaffirmation-1995.md"]
    assert ids("signed_from=2001&signed_to=2001-12") == ["mou-new-york-london-sister-city-partnership-mou-2001.md"]
    assert ids("country=usa") == ["mou-long-beach-manta-sister-city-agreement-2000.md",
                                  "mou-abu-dhabi-houston-sister-cities-agreement-2002.md"]
    assert ids("party=houston") == ["mou-abu-dhabi-houston-sister-cities-agreement-2002.md"]
    assert ids("type=reaffirmation") == ["mou-chicago-shenyang-sister-cities-reaffirmation-1995.md"]
    assert ids("q=arabic") == ["mou-abu-dhabi-houston-sister-cities-agreement-2002.md"]
    unknown = corpus_client.get("/api/v1/agreements?area=astrology")
    assert unknown.status_code == 422 and "education" in unknown.json()["detail"]  # the areas it knows
    assert corpus_client.get("/api/v1/agreements?signed_from=1995-13").status_code == 422
    assert corpus_client.get("/api/v1/agreements/export?format=pdf").status_code == 422


def test_one_record_with_its_citations(corpus_client: TestClient) -> None:
    record_id = "sci-partnership-agreement-toolkit-2012.pdf#page=7"
    record = corpus_client.get(f"/api/v1/agreements/{quote(record_id, safe='')}").json()
    assert record["pages"] == [7] and record["signed"] == "1995-06-05"
    signed = [c for c in record["citations"] if c["field"] == "signed"]
    assert signed and all(c["page"] == 7 and c["value"] in c["sentence"] for c in signed)
    assert corpus_client.get("/api/v1/agreements/no-such-record").status_code == 404
