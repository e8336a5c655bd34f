"""The public's annual reports: only as published, every version, and the
figures across years."""

import hashlib
import json
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from gongkai.reports.services import report_correct, report_publish
from gongkai.reports.tests.helpers import signed_off
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(agency, staff_user):
    """Two applications in 2021, the report published, then a third and a
    correction."""
    for day in (date(2021, 3, 1), date(2021, 4, 1)):
        factories.ApplicationFactory(
            agency=agency, received_on=day, outcome="disclosed", closed_on=day
        )
    signed_off(agency, 2021)  # written, submitted and signed off (as the system)
    report_publish(agency=agency, year=2021, acting_user=staff_user)
    factories.ApplicationFactory(
        agency=agency,
        received_on=date(2021, 5, 1),
        outcome="disclosed",
        closed_on=date(2021, 5, 2),
    )
    report_correct(agency=agency, year=2021, acting_user=None, reason="漏报一件申请")
    return agency


def _received(data: dict) -> int:
    return next(
        c["value"]
        for c in data["cells"]
        if c["table"] == "三"
        and c["row"].startswith("一、")
        and c["column"] == "申请人情况/总计"
    )


def test_a_year_not_published_has_no_public_report(client, agency):
    factories.ApplicationFactory(agency=agency, received_on=date(2021, 3, 1))
    url = reverse("portal:report", args=[agency.pk, 2021])
    assert client.get(url).status_code == 404
    json_url = reverse("portal:report_download", args=[agency.pk, 2021, "json"])
    assert client.get(json_url).status_code == 404


def test_the_public_reads_the_latest_version_and_can_open_the_first(client, published):
    url = reverse("portal:report", args=[published.pk, 2021])
    latest = client.get(url).content.decode()
    assert "收到和处理政府信息公开申请情况" in latest
    assert "漏报一件申请" in latest  # the reason is published with the correction
    assert 'class="notice"' not in latest
    first = client.get(url + "?version=1").content.decode()
    assert 'class="notice"' in first  # an earlier version says so
    json_url = reverse("portal:report_download", args=[published.pk, 2021, "json"])
    assert _received(client.get(json_url).json()) == 3
    assert _received(client.get(json_url + "?version=1").json()) == 2


def test_the_json_download_is_the_snapshot_whose_hash_was_published(client, published):
    from gongkai.reports.models import ReportVersion

    version = ReportVersion.objects.get(agency=published, year=2021, number=2)
    url = reverse("portal:report_download", args=[published.pk, 2021, "json"])
    data = json.loads(client.get(url).content)
    canonical = json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    assert hashlib.sha256(canonical.encode()).hexdigest() == version.sha256


def test_the_docx_download_is_the_published_report(client, published):
    url = reverse("portal:report_download", args=[published.pk, 2021, "docx"])
    response = client.get(url)
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    text = "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)
    assert "总体情况" in text


def test_a_published_file_is_rendered_once_and_served_from_storage(
    client, published, monkeypatch
):
    """A version's file is rendered once and then served as stored: the same
    bytes each time. (Publishing queues the rendering once its transaction
    commits, which a test's transaction never does: here the first download
    renders and stores it.)"""
    from gongkai.reports import published as files

    renders = []
    real = files.render
    monkeypatch.setattr(
        files, "render", lambda *args: renders.append(args) or real(*args)
    )
    url = reverse("portal:report_download", args=[published.pk, 2021, "pdf"])
    first = b"".join(client.get(url).streaming_content)
    assert len(renders) == 1
    second = b"".join(client.get(url).streaming_content)
    assert first.startswith(b"%PDF") and first == second
    assert len(renders) == 1


def test_an_unknown_version_or_extension_is_not_found(client, published):
    base = reverse("portal:report", args=[published.pk, 2021])
    assert client.get(base + "?version=9").status_code == 404
    exe = reverse("portal:report_download", args=[published.pk, 2021, "exe"])
    assert client.get(exe).status_code == 404


def test_the_report_list_charts_the_figures_across_years(client, agency):
    for year, count in ((2019, 1), (2020, 3)):
        for month in range(1, count + 1):
            factories.ApplicationFactory(
                agency=agency, received_on=date(year, month, 1)
            )
    page = client.get(reverse("portal:reports", args=[agency.pk])).content.decode()
    assert "<svg" in page
    assert "2019 收到申请数：1" in page
    assert "2020 收到申请数：3" in page


def test_a_file_gone_from_storage_is_stored_again_by_the_next_download(
    client, published, settings, tmp_path
):
    """A media folder lost or not restored with the database: the public download
    renders the file again from the frozen snapshot, not a 404."""
    from gongkai.reports.models import ReportFile

    settings.MEDIA_ROOT = tmp_path
    settings.GONGKAI_FILES_X_ACCEL_PREFIX = ""
    url = reverse("portal:report_download", args=[published.pk, 2021, "docx"])
    first = b"".join(client.get(url).streaming_content)
    stored = ReportFile.objects.get(extension="docx", version__number=2)
    stored.file.storage.delete(stored.file.name)

    response = client.get(url)

    assert response.status_code == 200
    again = b"".join(response.streaming_content)
    assert "总体情况" in "\n".join(p.text for p in Document(BytesIO(again)).paragraphs)
    assert len(again) == len(first)
    kept = ReportFile.objects.get(extension="docx", version__number=2)
    assert kept.file.storage.exists(kept.file.name)
