"""Background work: Django's Tasks API, and the worker that runs gongkai's tasks.

Tasks are declared with ``task`` (the django-tasks backport of Django 6's
``django.tasks``; upgrading changes the one import below) in each room's
``tasks.py``, take JSON arguments (ids, not objects) and are idempotent: a task run
twice changes nothing twice. They are queued in the database (``TASKS`` in the
settings) and run by ``gongkai worker``, any number of them on any number of
machines: on PostgreSQL each worker takes the next task with ``SELECT … FOR UPDATE
SKIP LOCKED``, so no two take the same one.

What django-tasks' database worker does not do, ``Worker`` adds
(docs/adr/0016-background-work-on-django-tasks.md):

- a task that raised is tried again, up to ``GONGKAI_TASK_ATTEMPTS`` runs in all,
  after ``GONGKAI_TASK_RETRY_DELAY`` seconds doubled at each attempt; a refusal
  (``Refused``, ``PermissionDenied``) is final at once;
- a task left running by a worker that died (killed, the machine lost) is queued
  again once it has run longer than ``GONGKAI_TASK_ABANDONED_AFTER`` seconds, by
  whichever worker looks first; after its last attempt it is marked failed.

A failed task stays in the table of task results (the admin site lists them, by
status) with its exception and traceback.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task  # Django 6: from django.tasks import task
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult

from .workflow import Refused

__all__ = ["Worker", "abandoned_tasks_requeue", "retry_delay", "task"]

logger = logging.getLogger("gongkai.tasks")

FINAL = (Refused, PermissionDenied)
READY, RUNNING, FAILED = "READY", "RUNNING", "FAILED"


def retry_delay(attempt: int) -> timedelta:
    """The wait before the run after ``attempt`` (1, 2 …): doubled each time."""
    seconds = settings.GONGKAI_TASK_RETRY_DELAY * 2 ** max(attempt - 1, 0)
    return timedelta(seconds=seconds)


def abandoned_tasks_requeue(*, after: float | None = None) -> int:
    """Queue again the tasks running longer than ``after`` seconds (default
    ``GONGKAI_TASK_ABANDONED_AFTER``): their worker died. A task that has had
    all its attempts is marked failed instead. Returns how many were queued."""
    seconds = settings.GONGKAI_TASK_ABANDONED_AFTER if after is None else after
    now = timezone.now()
    requeued = 0
    stale = DBTaskResult.objects.running().filter(
        started_at__lt=now - timedelta(seconds=seconds)
    )
    for result in stale.only("id", "started_at", "worker_ids"):
        # Only the one whose update matches the row it read takes it: two workers
        # looking at once do not both queue it.
        same = DBTaskResult.objects.filter(
            pk=result.pk, status=RUNNING, started_at=result.started_at
        )
        if len(result.worker_ids) >= settings.GONGKAI_TASK_ATTEMPTS:
            same.update(
                status=FAILED,
                finished_at=now,
                exception_class_path="gongkai.core.tasks.WorkerLost",
                traceback=f"任务运行超过 {seconds:g} 秒仍未结束，执行它的进程已"
                f"不存在；已尝试 {len(result.worker_ids)} 次，不再重试。",
            )
            continue
        requeued += same.update(status=READY, run_after=now)
        logger.warning("Task id=%s abandoned by its worker: queued again", result.pk)
    return requeued


def _is_final(exception_class_path: str) -> bool:
    """Whether the exception a task raised is a refusal, which no retry changes."""
    try:
        kind = import_string(exception_class_path)
    except ImportError:
        return False
    return isinstance(kind, type) and issubclass(kind, FINAL)


class Worker(DatabaseWorker):
    """django-tasks' database worker, with retries and the recovery of tasks
    whose worker died (checked in a thread of its own, so an idle worker recovers
    too)."""

    def __init__(self, *, abandoned_after: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.abandoned_after = abandoned_after
        self._stopped = threading.Event()

    def run(self) -> None:
        watcher = threading.Thread(
            target=self._watch_abandoned, name="abandoned-tasks", daemon=True
        )
        watcher.start()
        try:
            super().run()
        finally:
            self._stopped.set()

    def _watch_abandoned(self) -> None:
        every = max(1.0, min(self.abandoned_after / 4, 60.0))
        while not self._stopped.wait(every):
            try:
                abandoned_tasks_requeue(after=self.abandoned_after)
            except OperationalError:  # SQLite busy: look again next time
                pass
            finally:
                close_old_connections()
        connection.close()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == FAILED:
            self._retry_later(db_task_result)

    def _retry_later(self, result: DBTaskResult[Any, Any]) -> None:
        attempts = len(result.worker_ids)
        final = _is_final(result.exception_class_path)
        if final or attempts >= settings.GONGKAI_TASK_ATTEMPTS:
            logger.error("Task id=%s failed after %d attempts", result.pk, attempts)
            return
        result.status = READY
        result.run_after = timezone.now() + retry_delay(attempts)
        result.finished_at = None
        result.save(update_fields=["status", "run_after", "finished_at"])
        logger.warning(
            "Task id=%s failed (attempt %d): tried again after %s",
            result.pk,
            attempts,
            result.run_after.isoformat(timespec="seconds"),
        )
