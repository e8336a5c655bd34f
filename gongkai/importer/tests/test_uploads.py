"""Reports uploaded on the import page are read in the background: the upload
returns at once, a worker reads one file per task, and the page follows them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.core.models import Event
from gongkai.importer.models import ImportedReport, ImportUpload
from gongkai.importer.uploads import import_upload_run
from gongkai.testing.factories import UserFactory
from gongkai.testing.tasks import run_queue

from .helpers import seed

UPLOAD = reverse("importer:upload")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HOSTILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 900  # an old .doc


@pytest.fixture
def supervisor(db, government):
    return UserFactory(username="jiandu", role=User.Role.SUPERVISOR, agency=government)


@pytest.fixture(autouse=True)
def queued_in_the_database(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def upload_file(number: str) -> SimpleUploadedFile:
    path = seed(number)
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def upload_three(client) -> str:
    """Two reports and a hostile file; the state URL of their upload."""
    files = [
        upload_file("002"),
        SimpleUploadedFile("junk.doc", HOSTILE),
        upload_file("004"),
    ]
    response = client.post(UPLOAD, {"files": files})
    assert response.status_code == 302
    batch = ImportUpload.objects.values_list("batch", flat=True).first()
    assert response["Location"].endswith(f"?batch={batch}")
    return reverse("importer:batch_state", args=[batch])


def test_an_upload_returns_before_any_file_is_read(client, supervisor):
    client.force_login(supervisor)
    state_url = upload_three(client)
    assert not ImportedReport.objects.exists()
    page = client.get(UPLOAD, {"batch": state_url.split("/")[-1][:-5]})
    assert page.text.count('data-upload="') == 3 and "junk.doc" in page.text
    assert "badge--bad" not in page.text  # nothing has failed (nor been read)
    state = client.get(state_url).json()
    assert state["finished"] is False
    assert [f["status"] for f in state["files"]] == ["waiting"] * 3


def test_the_worker_stores_the_good_files_and_the_hostile_one_fails_alone(
    client, supervisor
):
    client.force_login(supervisor)
    state_url = upload_three(client)
    run_queue()
    state = client.get(state_url).json()
    assert state["finished"] is True
    linyi, junk, jiamusi = state["files"]
    assert (linyi["result"], linyi["agency"]) == ("stored", "临沂市民政局")
    assert linyi["format"] == "政府信息公开工作情况统计表（山东省）"  # not its file id
    assert (jiamusi["result"], jiamusi["agency"]) == (
        "stored",
        "佳木斯市前进区人民政府",
    )
    assert junk["result"] == "failed" and "旧版 Office 文件" in junk["error"]
    stored = ImportedReport.objects.get(agency_name="佳木斯市前进区人民政府")
    assert stored.imported_by == supervisor
    assert jiamusi["url"] == reverse("importer:detail", args=[stored.pk])
    page = client.get(UPLOAD)
    assert "junk.doc" in page.text and "旧版 Office 文件" in page.text


def test_a_task_run_again_stores_nothing_twice(client, supervisor):
    client.force_login(supervisor)
    upload_three(client)
    run_queue()
    events = Event.objects.filter(verb="report_imported").count()
    for upload in ImportUpload.objects.all():
        before = upload.result
        assert import_upload_run(upload_id=upload.pk) == before
    assert ImportedReport.objects.count() == 2
    assert Event.objects.filter(verb="report_imported").count() == events == 2


def test_a_task_interrupted_while_reading_reads_again_and_stores_once(
    client, supervisor
):
    client.force_login(supervisor)
    client.post(UPLOAD, {"files": [upload_file("003")]})
    upload = ImportUpload.objects.get()
    upload.status = ImportUpload.Status.READING  # its worker died while reading
    upload.attempts = 1
    upload.save()
    assert import_upload_run(upload_id=upload.pk) == "stored"
    assert import_upload_run(upload_id=upload.pk) == "stored"
    upload.refresh_from_db()
    assert (upload.status, upload.attempts) == ("finished", 2)
    assert ImportedReport.objects.count() == 1


def test_the_same_report_uploaded_again_is_already_imported(client, supervisor):
    client.force_login(supervisor)
    client.post(UPLOAD, {"files": [upload_file("003")]})
    client.post(UPLOAD, {"files": [upload_file("003")]})
    run_queue()
    results = sorted(ImportUpload.objects.values_list("result", flat=True))
    assert results == ["stored", "unchanged"]
    assert ImportedReport.objects.count() == 1


def test_another_users_failed_files_are_shown_to_an_administrator_only(
    client, supervisor, government
):
    client.force_login(supervisor)
    client.post(UPLOAD, {"files": [SimpleUploadedFile("junk.doc", HOSTILE)]})
    run_queue()
    other = UserFactory(username="other", role=User.Role.SUPERVISOR, agency=government)
    client.force_login(other)
    assert "junk.doc" not in client.get(UPLOAD).text
    admin = UserFactory(username="admin", role=User.Role.ADMINISTRATOR)
    client.force_login(admin)
    assert "junk.doc" in client.get(UPLOAD).text


def test_only_the_uploader_follows_an_upload(client, supervisor, staff_user):
    """Another user learns nothing of someone's upload (its file names); a
    visitor is sent to sign in."""
    client.force_login(supervisor)
    state_url = upload_three(client)
    assert client.get(state_url).status_code == 200
    client.force_login(staff_user)
    assert client.get(state_url).status_code == 403
    client.logout()
    assert client.get(state_url).status_code == 302
