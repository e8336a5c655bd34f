"""A published version's files are rendered once, when it is published, and every
download after that sends those very bytes; a correction has files of its own."""

from pathlib import Path
from unittest import mock

import docx
import pytest

from gongkai.accounts.models import User
from gongkai.reports import published
from gongkai.reports.models import ReportFile, ReportVersion
from gongkai.reports.published import STORED, file_hash, version_file
from gongkai.reports.services import report_correct, report_publish
from gongkai.reports.tests.helpers import signed_off
from gongkai.reports.views import DOWNLOADS, published_download
from gongkai.testing import factories as f

pytestmark = pytest.mark.django_db

YEAR = 2021


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    settings.GONGKAI_FILES_X_ACCEL_PREFIX = ""
    return tmp_path


@pytest.fixture
def head(agency):
    return f.UserFactory(username="head", agency=agency, role=User.Role.OFFICE_HEAD)


@pytest.fixture
def counted():
    """The renderer the stored files come from, counting its calls."""
    with mock.patch.object(published, "render", wraps=published.render) as spy:
        yield spy


def publish(agency, staff, head, run_tasks, capture) -> ReportVersion:
    signed_off(agency, YEAR, staff=staff, head=head)
    with capture(execute=run_tasks):
        return report_publish(agency=agency, year=YEAR, acting_user=staff)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def stored_files(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file())


def test_every_download_but_the_snapshot_is_a_stored_file():
    """The JSON download is the snapshot itself; every other one is stored."""
    assert set(STORED) == set(DOWNLOADS) - {"json"}


def test_publishing_renders_each_file_once_and_downloads_render_nothing(
    agency, staff_user, head, counted, django_capture_on_commit_callbacks, media
):
    version = publish(
        agency, staff_user, head, True, django_capture_on_commit_callbacks
    )

    assert counted.call_count == len(STORED)
    assert sorted(version.files.values_list("extension", flat=True)) == sorted(STORED)
    counted.reset_mock()
    first = body(published_download(version, "pdf", "报告.pdf"))
    second = body(published_download(version, "pdf", "报告.pdf"))
    assert counted.call_count == 0
    assert first == second
    assert first.startswith(b"%PDF")
    assert file_hash(first) == ReportFile.objects.get(extension="pdf").sha256
    assert len(stored_files(media)) == len(STORED)


def test_the_files_are_rendered_only_once_the_publication_commits(
    agency, staff_user, head, counted, django_capture_on_commit_callbacks
):
    publish(agency, staff_user, head, False, django_capture_on_commit_callbacks)

    assert counted.call_count == 0
    assert not ReportFile.objects.exists()


def test_a_file_not_stored_yet_is_rendered_by_the_first_download_only(
    agency, staff_user, head, counted, django_capture_on_commit_callbacks
):
    version = publish(
        agency, staff_user, head, False, django_capture_on_commit_callbacks
    )

    first = body(published_download(version, "docx", "报告.docx"))
    second = body(published_download(version, "docx", "报告.docx"))

    assert counted.call_count == 1
    assert first == second
    assert ReportFile.objects.filter(version=version).count() == 1


def test_the_download_is_named_and_typed(
    agency, staff_user, head, django_capture_on_commit_callbacks
):
    version = publish(
        agency, staff_user, head, False, django_capture_on_commit_callbacks
    )

    response = published_download(version, "xlsx", "某机关2021年报告.xlsx")

    assert response["Content-Type"] == DOWNLOADS["xlsx"][1]
    assert "attachment" in response["Content-Disposition"]
    assert "2021" in response["Content-Disposition"]


def test_the_json_download_is_the_snapshot_and_stores_nothing(
    agency, staff_user, head, counted, django_capture_on_commit_callbacks
):
    version = publish(
        agency, staff_user, head, False, django_capture_on_commit_callbacks
    )

    response = published_download(version, "json", "报告.json")

    assert b'"cells"' in response.content
    assert counted.call_count == 0
    assert not ReportFile.objects.exists()


def test_two_processes_storing_at_once_leave_one_file_and_send_the_same_bytes(
    agency, staff_user, head, django_capture_on_commit_callbacks, media
):
    """Two requests rendered the same version before either stored it: the first
    to store keeps its file; the second drops its copy and sends the first's."""
    version = publish(
        agency, staff_user, head, False, django_capture_on_commit_callbacks
    )
    winner = published._store(version, "txt", b"first")

    loser = published._store(version, "txt", b"second")

    assert loser.pk == winner.pk
    assert body(published_download(version, "txt", "报告.txt")) == b"first"
    assert len(stored_files(media)) == 1


def test_storing_again_keeps_the_stored_bytes(
    agency, staff_user, head, django_capture_on_commit_callbacks
):
    """The task run a second time (a retry, a second worker) changes nothing."""
    version = publish(
        agency, staff_user, head, True, django_capture_on_commit_callbacks
    )
    before = {r.extension: (r.file.name, r.sha256) for r in version.files.all()}

    published.version_files_store(version_id=version.pk)

    after = {r.extension: (r.file.name, r.sha256) for r in version.files.all()}
    assert after == before


def test_a_correction_has_files_of_its_own_and_the_first_keeps_its_own(
    agency, staff_user, head, django_capture_on_commit_callbacks
):
    first = publish(agency, staff_user, head, True, django_capture_on_commit_callbacks)
    pdf = version_file(version=first, extension="pdf")
    old_bytes = pdf.file.open("rb").read()
    pdf.file.close()

    with django_capture_on_commit_callbacks(execute=True):
        second = report_correct(
            acting_user=head, agency=agency, year=YEAR, reason="更正统计口径"
        )

    assert second.number == 2
    assert second.files.count() == len(STORED)
    new_pdf = second.files.get(extension="pdf")
    assert new_pdf.file.name != pdf.file.name
    assert body(published_download(first, "pdf", "报告.pdf")) == old_bytes
    assert first.files.get(extension="pdf").sha256 == file_hash(old_bytes)
    served = body(published_download(second, "pdf", "报告（第2版）.pdf"))
    assert file_hash(served) == new_pdf.sha256


def test_a_file_gone_from_storage_is_rendered_and_stored_again(
    agency, staff_user, head, django_capture_on_commit_callbacks
):
    version = publish(
        agency, staff_user, head, True, django_capture_on_commit_callbacks
    )
    lost = version.files.get(extension="docx")
    lost.file.storage.delete(lost.file.name)

    again = version_file(version=version, extension="docx")

    assert version.files.filter(extension="docx").count() == 1
    assert again.file.storage.exists(again.file.name)
    assert docx.Document(again.file.open("rb")).paragraphs
    again.file.close()


def test_an_unknown_kind_of_file_is_not_stored(agency, staff_user, head):
    version = ReportVersion(agency=agency, year=YEAR, format="2021", number=1)

    with pytest.raises(ValueError):
        version_file(version=version, extension="exe")


def test_the_files_go_through_the_storage_api_so_any_store_serves(
    agency,
    staff_user,
    head,
    counted,
    django_capture_on_commit_callbacks,
    settings,
    media,
):
    """Object storage (S3, MinIO) instead of a folder: nothing needs a local path."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    version = publish(
        agency, staff_user, head, True, django_capture_on_commit_callbacks
    )
    counted.reset_mock()

    served = body(published_download(version, "docx", "报告.docx"))

    assert counted.call_count == 0
    assert file_hash(served) == version.files.get(extension="docx").sha256
    assert served.startswith(b"PK")
    assert stored_files(media) == []  # nothing written to the folder


def test_behind_nginx_the_stored_file_is_named_for_nginx_to_send(
    agency, staff_user, head, django_capture_on_commit_callbacks, settings
):
    settings.GONGKAI_FILES_X_ACCEL_PREFIX = "/protected/"
    version = publish(
        agency, staff_user, head, True, django_capture_on_commit_callbacks
    )

    response = published_download(version, "pdf", "报告.pdf")

    stored = version.files.get(extension="pdf").file.name
    assert response["X-Accel-Redirect"] == f"/protected/{stored}"
    assert stored.startswith("reports/") and stored.endswith(".pdf")
    assert "报告" not in stored  # a random name, not the download's
    assert response.content == b""
