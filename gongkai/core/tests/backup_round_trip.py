"""CI: ``gongkai backup`` on PostgreSQL, restored with ``gongkai restore`` into a
new, empty instance, gives back every row and every stored file.

Run with ``.venv/bin/python gongkai/core/tests/backup_round_trip.py`` and
``DATABASE_URL=postgres://…`` (.ci/run does, against its throwaway cluster). On that
server it makes two databases of its own (``gongkai_backup_source`` and
``gongkai_backup_restored``, made afresh and dropped at the end), each with its own
data folder. The source gets the demo (``gongkai demo --no-serve``) and a few stored
files; ``gongkai backup`` copies it (``pg_dump``); the second instance is made as
docs/how-to/backup.md says (``gongkai manage migrate``, then ``gongkai restore``).
Then every table of the two databases must hold the same rows (their number and an
MD5 of them all), and every stored file must be there with the same SHA-256. Prints
``backup round trip: passed`` (exit status 0) or ``FAILED``.

The test suite cannot do this on PostgreSQL (its one database cannot be emptied and
restored twice in a run), so this script, like the two workers', runs beside it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCE = "gongkai_backup_source"
RESTORED = "gongkai_backup_restored"
ROOT = Path(__file__).resolve().parents[3]
GONGKAI = Path(sys.executable).parent / "gongkai"
STORED_FILES = 5


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("backup_round_trip.py: DATABASE_URL must name a PostgreSQL server")
        return 2
    server = url.rsplit("/", 1)[0]
    work = Path(tempfile.mkdtemp(prefix="gongkai-backup-round-trip-"))
    instances = {
        SOURCE: _environment(server, SOURCE, work / "source"),
        RESTORED: _environment(server, RESTORED, work / "restored"),
    }
    try:
        for database in instances:
            _database_made_afresh(server, database)
        return _run(server, instances, work)
    finally:
        for database in instances:
            _database_dropped(server, database)
        shutil.rmtree(work, ignore_errors=True)


def _environment(server: str, database: str, data_dir: Path) -> dict[str, str]:
    data_dir.mkdir(parents=True)
    return {
        **os.environ,
        "DATABASE_URL": f"{server}/{database}",
        "GONGKAI_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings.base",
    }


def _run(server: str, instances: dict[str, dict[str, str]], work: Path) -> int:
    started = time.perf_counter()
    source, restored = instances[SOURCE], instances[RESTORED]
    _gongkai(source, "demo", "--no-serve")
    _store_files(source)
    folder = Path(_gongkai(source, "backup", str(work / "backups")).split()[-1])
    print(f"backup round trip: backed up into {folder.name}")
    _gongkai(restored, "manage", "migrate", "--no-input", "--verbosity=0")
    _gongkai(restored, "restore", str(folder))
    elapsed = time.perf_counter() - started
    print(f"backup round trip: demo, backup and restore in {elapsed:.1f} s")
    passed = _compared(server, source, restored)
    print(f"backup round trip: {'passed' if passed else 'FAILED'}")
    return 0 if passed else 1


def _gongkai(environment: dict[str, str], *arguments: str) -> str:
    """Run a ``gongkai`` command in one instance; its standard output."""
    done = subprocess.run(
        [str(GONGKAI), *arguments],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-4000:], sep="\n")
        raise SystemExit(
            f"backup round trip: FAILED (gongkai {arguments[0]} exited "
            f"{done.returncode})"
        )
    return done.stdout


STORE = """
from django.core.files.base import ContentFile
from gongkai.catalog.models import Attachment, Item
for n, item in enumerate(Item.objects.order_by("pk")[:{count}]):
    body = ("第%d个附件：关于预算公开的说明。" % n).encode() * (n + 1)
    attachment = Attachment(item=item, name="附件%d.docx" % n, kind="docx",
                            size=len(body), digest="0" * 64)
    attachment.file.save("附件%d.docx" % n, ContentFile(body), save=False)
    attachment.save()
"""


def _store_files(environment: dict[str, str]) -> None:
    """A few catalogue attachments, stored as an upload stores them (the demo
    itself stores no file)."""
    _gongkai(environment, "manage", "shell", "-c", STORE.format(count=STORED_FILES))


def _compared(server: str, source: dict[str, str], restored: dict[str, str]) -> bool:
    before, after = _row_counts(server, SOURCE), _row_counts(server, RESTORED)
    differing = sorted(
        name
        for name in before.keys() | after.keys()
        if before.get(name) != after.get(name)
    )
    rows = sum(count for count, _ in before.values())
    files_before = _checksums(Path(source["GONGKAI_DATA_DIR"]) / "media")
    files_after = _checksums(Path(restored["GONGKAI_DATA_DIR"]) / "media")
    print(
        f"backup round trip: {len(before)} tables, {rows} rows; "
        f"{len(files_before)} stored files"
    )
    for name in differing:
        print(
            f"backup round trip: {name} differs: {before.get(name)} → {after.get(name)}"
        )
    checks = {
        "the source has rows and files to restore": rows > 0
        and len(files_before) >= STORED_FILES,
        "every table holds the same rows (count and MD5 of its rows)": not differing,
        "every stored file is back, with its SHA-256": files_before == files_after,
    }
    for check, held in checks.items():
        print(f"backup round trip: {'ok  ' if held else 'FAIL'} {check}")
    return all(checks.values())


def _row_counts(server: str, database: str) -> dict[str, tuple[int, str]]:
    """Each table's number of rows and an MD5 of all of them, in text order."""
    import psycopg
    from psycopg import sql

    digest = (
        "SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
        " FROM {} t"
    )

    with psycopg.connect(f"{server}/{database}") as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        return {
            table: connection.execute(
                sql.SQL(digest).format(sql.Identifier(table))
            ).fetchone()
            for table in tables
        }


def _checksums(media: Path) -> dict[str, str]:
    if not media.is_dir():
        return {}
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


def _admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _database_made_afresh(server: str, database: str) -> None:
    _database_dropped(server, database)
    _admin(server, f"CREATE DATABASE {database}")


def _database_dropped(server: str, database: str) -> None:
    _admin(server, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
