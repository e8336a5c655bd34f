"""The staff pages: upload (for those who may import), then read and compare."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.importer.importing import import_bytes, limits_from_settings
from gongkai.importer.models import ImportedReport
from gongkai.importer.parsing import ParseOptions
from gongkai.importer.services import imported_report_store
from gongkai.testing.factories import UserFactory

from .helpers import seed

UPLOAD = reverse("importer:upload")


@pytest.fixture
def supervisor(db, government):
    return UserFactory(username="jiandu", role=User.Role.SUPERVISOR, agency=government)


@pytest.fixture
def stored(db):
    """Seeds 002 and 003 imported."""
    reports = []
    for number in ("002", "003"):
        path = seed(number)
        outcome = import_bytes(
            path.read_bytes(), path.name, limits_from_settings(), ParseOptions()
        )
        reports.append(imported_report_store(outcome=outcome, acting_user=None)[0])
    return reports


def upload_file(number: str) -> SimpleUploadedFile:
    path = seed(number)
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_staff_see_the_imports_but_no_upload_form(client, staff_user, stored):
    client.force_login(staff_user)
    response = client.get(UPLOAD)
    assert response.status_code == 200
    assert "临沂市民政局" in response.text and "兴义市应急管理局" in response.text
    assert 'type="file"' not in response.text


def test_staff_without_the_import_permission_cannot_upload(client, staff_user):
    client.force_login(staff_user)
    response = client.post(UPLOAD, {"files": [upload_file("002")]})
    assert response.status_code == 403
    assert not ImportedReport.objects.exists()


def test_the_report_page_shows_quality_checks_and_the_report(
    client, staff_user, stored
):
    client.force_login(staff_user)
    linyi = stored[0]
    response = client.get(reverse("importer:detail", args=[linyi.pk]))
    assert response.status_code == 200
    text = response.text
    assert "STAT.channels" in text and "STAT.refusal_reasons" in text
    assert "Q.checks" in text
    assert "5.其他方式公开政府信息数" in text  # the report itself, as read


def test_the_report_downloads_in_the_open_schema(client, staff_user, stored):
    client.force_login(staff_user)
    response = client.get(reverse("importer:download", args=[stored[1].pk, "json"]))
    assert response.status_code == 200
    assert response.json()["format"] == "guizhou-2019"


def test_a_region_side_by_side_and_an_agencys_trend(client, staff_user, stored):
    client.force_login(staff_user)
    region = client.get(reverse("importer:region"), {"region": "兴义市", "year": 2019})
    assert region.status_code == 200
    assert "兴义市应急管理局" in region.text and "临沂市民政局" not in region.text
    agency = client.get(reverse("importer:agency"), {"name": "临沂市民政局"})
    assert agency.status_code == 200
    assert "<svg" in agency.text and "393" in agency.text
    missing = client.get(reverse("importer:agency"), {"name": "没有这个机关"})
    assert missing.status_code == 404
