"""``gongkai backup`` and ``gongkai restore``: a copy of the database and the stored
files that comes back whole into an empty instance, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.catalog.models import Attachment, Item
from gongkai.core import backup as backup_module
from gongkai.core.backup import SUMS, backup, restore
from gongkai.testing import factories

CONTENT = "关于2021年预算的说明".encode()
# Outside a transaction, as a backup sees the database; as in
# portal/tests/test_browser.py, every app named so that the flushes cascade (the
# catalogue's search table on PostgreSQL) and what the migrations loaded comes back.
WHOLE_DATABASE = pytest.mark.django_db(
    transaction=True,
    serialized_rollback=True,
    available_apps=list(django_settings.INSTALLED_APPS),
)


@pytest.fixture
def media(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _ledger() -> Attachment:
    agency = factories.AgencyFactory(name="青溪县财政局")
    factories.UserFactory(username="staff", role=User.Role.STAFF, agency=agency)
    item = factories.ItemFactory(agency=agency, title="2021年预算公开")
    attachment = Attachment(
        item=item, name="预算.docx", kind="docx", size=len(CONTENT), digest="0" * 64
    )
    attachment.file.save("预算.docx", ContentFile(CONTENT), save=False)
    attachment.save()
    return attachment


def _backup(tmp_path: Path) -> Path:
    result = CliRunner().invoke(backup, [str(tmp_path / "backups")])
    assert result.exit_code == 0, result.output
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert folder.is_dir()
    return folder


def _empty_instance(media: Path) -> None:
    """What a new server has: the schema, no records, no files."""
    call_command("flush", interactive=False, verbosity=0, allow_cascade=True)
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def _round_trip(tmp_path: Path, media: Path) -> None:
    attachment = _ledger()
    stored = attachment.file.name
    folder = _backup(tmp_path)
    listed = (folder / SUMS).read_text("utf-8")
    assert f"files/{stored}" in listed

    _empty_instance(media)
    assert not Agency.objects.exists()
    assert not (media / stored).exists()

    result = CliRunner().invoke(restore, [str(folder)])
    assert result.exit_code == 0, result.output
    connection.close()  # the restored database, as a new process would see it
    assert Agency.objects.get().name == "青溪县财政局"
    assert User.objects.get().username == "staff"
    assert Item.objects.get().title == "2021年预算公开"
    restored = Attachment.objects.get()
    assert restored.file.name == stored
    assert restored.file.read() == CONTENT


@WHOLE_DATABASE
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path")
def test_a_backup_restores_into_an_empty_instance(tmp_path, media):
    """Back up, start from an empty instance, restore: the same records and the
    same files, by the same names."""
    _round_trip(tmp_path, media)


# Only one test here needs the whole database (two in a run trip over the content
# types that each flush and setup make again). The refusals come before anything
# is written, so their backups hold a stand-in for the database: inside the test's
# transaction neither SQLite's backup nor pg_dump could copy it.


@pytest.fixture
def stand_in_dump(monkeypatch):
    def dump(alias: str, path: Path) -> None:
        path.write_bytes(b"the database")

    monkeypatch.setattr(backup_module, "_sqlite_dump", dump)
    monkeypatch.setattr(backup_module, "_pg_dump", dump)


def test_a_restore_refuses_an_instance_with_records(tmp_path, media, stand_in_dump):
    """Restoring over a database that has users or agencies is refused, in
    Chinese, and changes nothing."""
    _ledger()
    folder = _backup(tmp_path)
    factories.AgencyFactory(name="另一个机关")
    result = CliRunner().invoke(restore, [str(folder)])
    assert result.exit_code == 1
    assert "数据库不是空的（已有 1 个用户、2 个机关）" in result.stderr
    assert Agency.objects.filter(name="另一个机关").exists()


def test_a_damaged_backup_is_refused_before_anything_is_restored(
    tmp_path, media, stand_in_dump
):
    """A file whose checksum no longer matches stops the restore before anything
    else is looked at."""
    stored = _ledger().file.name
    folder = _backup(tmp_path)
    (folder / "files" / stored).write_bytes(b"changed")
    result = CliRunner().invoke(restore, [str(folder)])
    assert result.exit_code == 1
    assert f"备份已损坏：files/{stored} 的校验和不符" in result.stderr
