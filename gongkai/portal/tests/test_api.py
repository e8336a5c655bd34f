"""The read-only JSON API: the published catalogue with its filters, each
agency's published reports in the open schema, the corpus of imported reports
with their findings; paginated, rate-limited, no personal data; its OpenAPI
document kept in docs/reference/openapi.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.catalog.models import Item
from gongkai.catalog.search.index import index_items
from gongkai.demo.narratives import narratives_write
from gongkai.importer.importing import (
    import_bytes,
    limits_from_settings,
    options_from_settings,
)
from gongkai.importer.services import imported_report_store
from gongkai.importer.tests.helpers import seed
from gongkai.reports.services import report_publish_through_review
from gongkai.testing import factories
from gongkai.testing.ledgers import LedgerSize, random_ledger

OPENAPI = Path(settings.BASE_DIR).parent / "docs" / "reference" / "openapi.json"

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(agency):
    factories.ItemFactory(
        agency=agency,
        title="关于调整城乡低保标准的通知",
        document_number="测民发〔2025〕3号",
        formed_on=date(2025, 2, 20),
        published_on=date(2025, 2, 24),
    )
    factories.ItemFactory(agency=agency, title="内部草稿", draft=True)
    factories.ApplicationFactory(agency=agency, applicant_name="张三")
    index_items(Item.objects.all())
    return agency


def test_the_catalogue_lists_published_items_only(client, published):
    body = client.get("/api/v1/catalog/items").json()
    assert [i["title"] for i in body] == ["关于调整城乡低保标准的通知"]
    assert body[0]["url"] == f"/catalog/{body[0]['id']}/"
    by_number = client.get("/api/v1/catalog/items", {"q": "测民发〔2025〕3号"}).json()
    assert [i["document_number"] for i in by_number] == ["测民发〔2025〕3号"]
    other = factories.AgencyFactory(name="测试市教育局")
    assert client.get("/api/v1/catalog/items", {"agency": other.pk}).json() == []


def test_odd_parameters_are_400_or_404_never_500(client, published):
    assert client.get("/api/v1/catalog/items", {"page": 0}).status_code == 400
    assert client.get("/api/v1/catalog/items", {"year": "x"}).status_code == 422
    assert client.get("/api/v1/agencies/999999/reports").status_code == 404
    assert client.get("/api/v1/corpus/reports/999999").status_code == 404


def test_a_published_report_is_served_in_the_open_schema(client, agency):
    random_ledger(agency, years=[2024], seed=3, size=LedgerSize(40, 20, 5))
    narratives_write(agency, 2024, None)
    report_publish_through_review(agency=agency, year=2024, acting_user=None)
    listed = client.get(f"/api/v1/agencies/{agency.pk}/reports").json()
    assert [(r["year"], r["version"]) for r in listed] == [(2024, 1)]
    one = client.get(f"/api/v1/agencies/{agency.pk}/reports/2024").json()
    assert one["report"]["schema"] == "gongkai.annual-report/1"
    assert one["report"]["year"] == 2024
    assert "张三" not in json.dumps(one, ensure_ascii=False)


def test_the_corpus_gives_each_imported_report_with_its_findings(client):
    path = seed("002")
    outcome = import_bytes(
        path.read_bytes(), path.name, limits_from_settings(), options_from_settings()
    )
    stored, _ = imported_report_store(outcome=outcome, acting_user=None)
    page = client.get("/api/v1/corpus/reports", {"year": 2017}).json()
    assert page["count"] == 1
    (listed,) = page["items"]
    assert listed["agency"] == "临沂市民政局" and listed["errors"] >= 1
    one = client.get(f"/api/v1/corpus/reports/{stored.pk}").json()
    assert one["report"]["findings"] and "imported_by" not in one


def test_a_program_that_asks_too_often_is_told_to_wait(client, published, settings):
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "api": 2}
    statuses = [client.get("/api/v1/agencies").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert "一小时后再试" in client.get("/api/v1/agencies").json()["detail"]


def test_the_openapi_document_is_the_one_kept_in_the_docs(client):
    served = client.get("/api/v1/openapi.json").json()
    assert served["info"]["version"] == "1"
    assert set(served["paths"]) >= {
        "/api/v1/catalog/items",
        "/api/v1/agencies/{agency_id}/reports/{year}",
        "/api/v1/corpus/reports",
    }
    kept = json.loads(OPENAPI.read_text(encoding="utf-8"))
    assert served == kept, (
        "gongkai openapi > docs/reference/openapi.json (docs/reference/api.md)"
    )
