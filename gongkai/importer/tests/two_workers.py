"""CI: two ``gongkai worker`` processes drain 200 imports on PostgreSQL.

Run with ``.venv/bin/python gongkai/importer/tests/two_workers.py`` and
``DATABASE_URL=postgres://…`` (.ci/run does, against its throwaway cluster). In a
database of its own on that server (``gongkai_two_workers``, made afresh and dropped
at the end) it enqueues 200 uploads of small generated reports, starts two workers,
freezes the first in the middle of a task and kills it (SIGKILL), and waits until
the queue is drained. It then checks that every file was imported exactly once (one
report, one event each) and that the killed worker's task was run again, to the
end, by the other worker. Exit status 0 when all holds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES = 200
ABANDONED_AFTER = 10  # seconds: an import here takes well under one
DRAIN_TIMEOUT = 150
DATABASE = "gongkai_two_workers"
ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "gongkai" / "reports" / "tests" / "data" / "seeds"
DIGITS = "零一二三四五六七八九"


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("two_workers.py: DATABASE_URL must name a PostgreSQL server")
        return 2
    server = url.rsplit("/", 1)[0]
    _database_made_afresh(server)
    data_dir = tempfile.mkdtemp(prefix="gongkai-two-workers-")
    os.environ.update(
        DATABASE_URL=f"{server}/{DATABASE}",
        GONGKAI_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="gongkai.settings.base",
    )
    try:
        return _run()
    finally:
        from django.db import connections

        connections.close_all()
        _database_dropped(server)
        shutil.rmtree(data_dir, ignore_errors=True)


def _run() -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _enqueue()
    workers = {name: _worker(name) for name in ("w1", "w2")}
    try:
        killed = _kill_mid_task(workers["w1"])
        drained = _wait_until_drained()
    finally:
        for process in workers.values():
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
    print(f"two workers: drained={drained} in {time.perf_counter() - started:.1f} s")
    passed = drained and _checked(killed)
    print(f"two workers: {'passed' if passed else 'FAILED'}")
    return 0 if passed else 1


def _enqueue() -> None:
    from django.core.files.base import ContentFile

    from gongkai.importer.tasks import uploads_enqueue

    text = next(SEED.glob("003_*.txt")).read_text(encoding="utf-8")
    files = []
    for n in range(1, FILES + 1):
        name = "".join(DIGITS[int(d)] for d in str(n))
        report = text.replace("兴义市应急管理局", f"兴义市{name}号应急管理局")
        files.append(ContentFile(report.encode(), name=f"report-{n:03}.txt"))
    uploads_enqueue(files=files, options={}, acting_user=None)


def _worker(name: str) -> subprocess.Popen[bytes]:
    gongkai = Path(sys.executable).parent / "gongkai"
    return subprocess.Popen(
        [
            str(gongkai),
            "worker",
            "--interval=0.2",
            f"--abandoned-after={ABANDONED_AFTER}",
            f"--worker-id={name}",
            "--quiet",
        ]
    )


def _running_on(worker: str) -> str | None:
    """The task ``worker`` is running now, if any."""
    from django_tasks_db.models import DBTaskResult

    for pk, worker_ids in DBTaskResult.objects.running().values_list(
        "pk", "worker_ids"
    ):
        if worker_ids and worker_ids[-1] == worker:
            return str(pk)
    return None


def _kill_mid_task(process: subprocess.Popen[bytes]) -> str:
    """Once a fifth of the files are done, freeze the worker while a task of its
    is running, and kill it there."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        done = DBTaskResult.objects.successful().count()
        if done >= FILES // 5 and _running_on("w1") is not None:
            process.send_signal(signal.SIGSTOP)
            task = _running_on("w1")
            if task is not None:
                process.kill()
                process.wait()
                print(f"two workers: w1 killed while running task {task}")
                return task
            process.send_signal(signal.SIGCONT)
        time.sleep(0.01)
    raise SystemExit("two workers: w1 never ran a task")


def _wait_until_drained() -> bool:
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + DRAIN_TIMEOUT
    while time.monotonic() < deadline:
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            return True
        time.sleep(0.5)
    return False


def _checked(killed: str) -> bool:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from gongkai.core.models import Event
    from gongkai.importer.models import ImportedReport, ImportUpload

    uploads = ImportUpload.objects.all()
    results = dict(uploads.values_list("result").annotate(n=Count("pk")))
    reports = ImportedReport.objects.count()
    files = ImportedReport.objects.values("file_sha256").distinct().count()
    events = Event.objects.filter(verb="report_imported").count()
    task = DBTaskResult.objects.get(pk=killed)
    upload = uploads.get(task_id=killed)
    by_worker = {
        name: sum(
            1
            for ids in DBTaskResult.objects.values_list("worker_ids", flat=True)
            if name in ids
        )
        for name in ("w1", "w2")
    }
    checks = {
        f"all {FILES} uploads stored": results == {"stored": FILES},
        "one report per file": reports == files == FILES,
        "one event per file": events == FILES,
        "no task failed": not DBTaskResult.objects.failed().exists(),
        "the killed task was run again by w2": task.status == "SUCCESSFUL"
        and task.worker_ids == ["w1", "w2"],
        "both workers took tasks": all(by_worker.values()),
    }
    print(f"two workers: the killed task's file was read {upload.attempts} times")
    print(
        f"two workers: results {results}, reports {reports}, events {events}, "
        f"tasks per worker {by_worker}"
    )
    for check, held in checks.items():
        print(f"two workers: {'ok  ' if held else 'FAIL'} {check}")
    return all(checks.values())


def _admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _database_made_afresh(server: str) -> None:
    _database_dropped(server)
    _admin(server, f"CREATE DATABASE {DATABASE}")


def _database_dropped(server: str) -> None:
    _admin(server, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
