"""``gongkai bench import --workers N``: imports through the task queue (issue 11).

``COUNT`` PDF reports (``--count``; 1,000 by default), each of its own agency so
that no two files are alike (the SHA-256 of a file already imported would make its
import a no-op), are stored as web uploads are (``importer.tasks.uploads_enqueue``:
a stored file and a queued ``upload_import`` task each) and drained by real
``gongkai worker --batch`` processes against the benchmark's own database: first by
one worker, then, the same files again from an emptied importer, by ``N``.

- ``import.queue.1worker``: reports per second through one worker;
- ``import.queue.Nworkers``: through ``N`` workers, with the one worker's rate as
  its baseline (the goal on two cores: at least 1.7).

A rate is the files over the time from the first task's start to the last one's
end (the task results' timestamps), so a worker's start-up (Django, the parser's
data) is not counted. Each run is checked: every upload finished once (one attempt,
stored), every task run once by one worker and successful, one report and one
``report_imported`` event per file. A check that fails stops the benchmark.

The PDFs are rendered once (in parallel, as set-up) and kept in the data folder
(``bench-import-pdfs``); the uploads are stored in a temporary folder, which the
workers use as their data folder too. Workers run with ``DEBUG`` off.
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import connection, transaction

from gongkai.core.bench import Measurement, Progress, measuring

FORMATS = ("legacy", "2019", "2021")
CACHE_FOLDER = "bench-import-pdfs-v1"
DIGITS = "零一二三四五六七八九"
WORKER_INTERVAL = 0.1  # seconds between a worker's looks at an empty queue


def agency_name(number: int) -> str:
    """A distinct agency for each file: 青溪县一二号卫生健康局 for 12."""
    return f"青溪县{''.join(DIGITS[int(d)] for d in str(number))}号卫生健康局"


def _render(number: int, folder: str) -> None:
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    from .samples import sample_report

    fmt = get_format(FORMATS[number % len(FORMATS)])
    data = render(sample_report(fmt, agency=agency_name(number)), fmt, "pdf")
    path = Path(folder) / f"{number:05}.pdf"
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)  # a run stopped half-way leaves no half-written PDF


def pdf_samples(count: int, progress: Progress) -> list[Path]:
    """``count`` PDF reports, rendered where missing (once, kept in the data
    folder), each of its own agency, the formats in turn."""
    folder = settings.DATA_DIR / CACHE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{number:05}.pdf" for number in range(1, count + 1)]
    missing = [n for n, path in enumerate(paths, start=1) if not path.exists()]
    if missing:
        progress(
            f"正在生成样本：{len(missing)} 份 PDF 报告（只在第一次生成，"
            f"保存在 {folder}）……"
        )
        connection.close()  # the forked renderers must not share it
        with ProcessPoolExecutor(
            max_workers=os.cpu_count() or 1, mp_context=get_context("fork")
        ) as pool:
            for _ in pool.map(_render, missing, [str(folder)] * len(missing)):
                pass
    return paths


def worker_database_url(config: dict[str, Any]) -> str:
    """The ``DATABASE_URL`` of the database ``config`` describes, for the workers."""
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    user = quote(config.get("USER") or "", safe="")
    password = quote(config.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{config['PORT']}" if config.get("PORT") else ""
    options = {
        key: value
        for key, value in (config.get("OPTIONS") or {}).items()
        if isinstance(value, str | int)
    }
    query = f"?{urlencode(options)}" if options else ""
    host = config.get("HOST") or ""
    return f"postgres://{credentials}{host}{port}/{quote(config['NAME'])}{query}"


def queue_benchmark(
    *, workers: int, count: int, progress: Progress
) -> list[Measurement]:
    """Reports per second through one worker, then through ``workers`` (one run
    each: ``--runs`` does not apply)."""
    files = pdf_samples(count, progress)
    url = worker_database_url(connection.settings_dict)
    measuring(progress)
    rates: dict[int, float] = {}
    with _temporary_data_folder() as data_folder:
        for n in (1, workers):
            progress(f"计时：{count} 份 PDF 报告经任务队列导入，{n} 个任务进程……")
            rates[n] = _drained(files, n, url, data_folder, progress)
            progress(f"  {n} 个任务进程：每秒 {rates[n]:.2f} 份；核对无误")
    return [
        Measurement("import.queue.1worker", rates[1], "reports/s"),
        Measurement(
            f"import.queue.{workers}workers",
            rates[workers],
            "reports/s",
            baseline=rates[1],
        ),
    ]


@contextmanager
def _temporary_data_folder() -> Iterator[Path]:
    """A data folder for the uploads, the workers' too, removed at the end."""
    from django.test.utils import override_settings

    with tempfile.TemporaryDirectory(prefix="gongkai-bench-import-") as folder:
        path = Path(folder)
        with override_settings(MEDIA_ROOT=path / "media"):
            yield path


def _drained(
    files: list[Path], workers: int, url: str, data_folder: Path, progress: Progress
) -> float:
    """Enqueue ``files`` as uploads, drain the queue with ``workers`` processes,
    check the outcome; reports per second."""
    _importer_emptied()
    started = _enqueued(files)
    cpu_before = _children_cpu()
    processes = [_worker(n, url, data_folder) for n in range(1, workers + 1)]
    deadline = time.monotonic() + max(600.0, 30.0 * len(files) / workers)
    try:
        for process in processes:
            process.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise RuntimeError("任务进程超时仍未处理完队列。") from None
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    if any(process.returncode != 0 for process in processes):
        codes = "、".join(str(process.returncode) for process in processes)
        raise RuntimeError(f"任务进程异常退出（退出码 {codes}）。")
    cpu = _children_cpu() - cpu_before
    progress(f"  任务进程共用 CPU {cpu:.1f} 秒（每份 {cpu / len(files):.2f} 秒）")
    first, last = _checked(files, workers, started, progress)
    return len(files) / max((last - first).total_seconds(), 1e-9)


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the workers and the
    processes they forked to read each file): the same work whatever the number
    of workers, so a run that is slow for it met a busy machine, not a lock."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _importer_emptied() -> None:
    """The benchmark database without imported reports, uploads or tasks, so that
    every run stores every file afresh (events stay: the log is append-only)."""
    from django_tasks_db.models import DBTaskResult

    from .models import ImportedReport, ImportUpload

    with transaction.atomic():
        ImportUpload.objects.all().delete()
        ImportedReport.objects.update(replaced_by=None)
        ImportedReport.objects.all().delete()
        DBTaskResult.objects.all().delete()


def _enqueued(files: list[Path]) -> datetime:
    """Every file stored as an upload with its task, in one transaction (the
    workers find all of them at once); the time just before."""
    from django.core.files import File
    from django.utils import timezone

    from .tasks import uploads_enqueue

    def opened() -> Iterator[File[Any]]:
        for path in files:
            with path.open("rb") as handle:
                yield File(handle, name=path.name)

    started = timezone.now()
    with transaction.atomic():
        uploads_enqueue(files=opened(), options={}, acting_user=None)
    connection.close()  # nothing held while the workers run
    return started


def _worker(number: int, url: str, data_folder: Path) -> subprocess.Popen[bytes]:
    gongkai = Path(sys.executable).parent / "gongkai"
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "GONGKAI_DATA_DIR": str(data_folder),
        "GONGKAI_DEBUG": "0",
    }
    return subprocess.Popen(
        [
            str(gongkai),
            "worker",
            "--batch",
            "--quiet",
            f"--interval={WORKER_INTERVAL}",
            f"--worker-id=bench-{number}",
        ],
        env=environment,
    )


def _checked(
    files: list[Path], workers: int, started: datetime, progress: Progress
) -> tuple[datetime, datetime]:
    """Nothing lost, nothing done twice; the first task's start and the last
    one's end."""
    from django.db.models import Max, Min
    from django_tasks_db.models import DBTaskResult

    from gongkai.core.models import Event

    from .models import ImportedReport, ImportUpload

    n = len(files)
    uploads = ImportUpload.objects.all()
    tasks = DBTaskResult.objects.all()
    reports = ImportedReport.objects.all()
    shas = {hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    per_worker = [
        sum(1 for ids in tasks.values_list("worker_ids", flat=True) if ids == [w])
        for w in (f"bench-{k}" for k in range(1, workers + 1))
    ]
    checks = {
        "每个文件一次上传，均已完成并保存，只读取一次": uploads.filter(
            status=ImportUpload.Status.FINISHED,
            result=ImportUpload.Result.STORED,
            attempts=1,
        ).count()
        == uploads.count()
        == n,
        "每个任务成功，且只由一个进程执行一次": tasks.filter(
            status="SUCCESSFUL"
        ).count()
        == sum(per_worker)
        == n,
        "每个文件一份报告": reports.count() == n
        and set(reports.values_list("file_sha256", flat=True)) == shas
        and reports.values("agency_name").distinct().count() == n,
        "每份报告一条导入事件": Event.objects.filter(
            verb="report_imported", at__gte=started
        ).count()
        == n,
        "每个任务进程都执行了任务": all(per_worker),
    }
    failed = [check for check, held in checks.items() if not held]
    if failed:
        raise RuntimeError(f"核对未通过：{'；'.join(failed)}")
    seconds = sorted(
        (end - start).total_seconds()
        for start, end in tasks.values_list("started_at", "finished_at")
        if start and end
    )
    progress(
        f"  各任务进程执行的任务数：{per_worker}；每个任务用时中位数 "
        f"{seconds[len(seconds) // 2]:.2f} 秒，最长 {seconds[-1]:.2f} 秒"
    )
    span = tasks.aggregate(first=Min("started_at"), last=Max("finished_at"))
    return span["first"], span["last"]
