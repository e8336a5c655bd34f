"""The background tasks as an administrator sees them: failed first, with the error.

The rows are django-tasks-db's task results (``DBTaskResult``), which the worker
(``gongkai.core.tasks``) keeps: a task that raised is queued again until its last
attempt, then stays ``FAILED`` with its traceback. Each task gongkai declares has a
Chinese name here (``TASK_NAMES``; a test fails for a task without one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count
from django_tasks_db.models import DBTaskResult

# A task's dotted path → what the page calls it.
TASK_NAMES: dict[str, str] = {
    "gongkai.applications.tasks.deadlines_recompute_after": (
        "工作日日历调整后重算答复期限"
    ),
    "gongkai.catalog.tasks.search_reindex": "重建主动公开信息检索索引",
    "gongkai.importer.tasks.upload_import": "读取上传的年度报告文件",
    "gongkai.notices.tasks.notice_send": "向申请人发送通知（短信、电子邮件）",
    "gongkai.reports.tasks.version_files_render": "生成已发布年度报告的下载文件",
}
UNNAMED = "其他后台任务"

FAILED, READY, RUNNING, SUCCESSFUL = "FAILED", "READY", "RUNNING", "SUCCESSFUL"
# How many of each kind the page lists (the counts above them count them all).
SHOWN = {FAILED: 100, READY: 20, RUNNING: 50, SUCCESSFUL: 20}


@dataclass(frozen=True)
class TaskRow:
    """One task result as the page shows it."""

    id: str
    name: str
    status: str
    enqueued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    run_after: datetime | None
    attempts: int
    error: str
    traceback: str


@dataclass(frozen=True)
class TaskBoard:
    failed: list[TaskRow]
    queued: list[TaskRow]
    running: list[TaskRow]
    succeeded: list[TaskRow]
    counts: dict[str, int]


def task_name(task_path: str) -> str:
    return TASK_NAMES.get(task_path, UNNAMED)


def error_of(traceback: str) -> str:
    """The error a failed task ended with: the traceback's last line, without the
    exception's dotted class name (a refusal's message is Chinese already)."""
    lines = [line for line in traceback.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    last = lines[-1].strip()
    head, sep, message = last.partition(": ")
    if not (sep and " " not in head and message):
        return last
    # A refusal (a ValidationError) prints its messages as a list: ['…'].
    if message.startswith("['") and message.endswith("']"):
        return message[2:-2].replace("', '", "；")
    return message


def task_board() -> TaskBoard:
    """Failed tasks (newest first), queued ones (next due first), running ones and
    the latest successes, and how many of each there are; five queries."""
    counts = {
        row["status"]: row["n"]
        for row in DBTaskResult.objects.order_by()
        .values("status")
        .annotate(n=Count("id"))
    }
    return TaskBoard(
        failed=_rows(FAILED, "-finished_at"),
        queued=_rows(READY, "run_after", "enqueued_at"),
        running=_rows(RUNNING, "started_at"),
        succeeded=_rows(SUCCESSFUL, "-finished_at"),
        counts={s: counts.get(s, 0) for s in (FAILED, READY, RUNNING, SUCCESSFUL)},
    )


def _rows(status: str, *order: str) -> list[TaskRow]:
    results = DBTaskResult.objects.filter(status=status).order_by(*order, "id")
    fields = (
        "id",
        "task_path",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "run_after",
        "worker_ids",
        "traceback",
    )
    return [_row(r) for r in results.values(*fields)[: SHOWN[status]]]


def _row(result: dict[str, Any]) -> TaskRow:
    run_after = result["run_after"]
    failed = result["status"] == FAILED
    return TaskRow(
        id=str(result["id"]),
        name=task_name(result["task_path"]),
        status=result["status"],
        enqueued_at=result["enqueued_at"],
        started_at=result["started_at"],
        finished_at=result["finished_at"],
        # django-tasks-db stores "no delay" as the largest date.
        run_after=run_after if run_after and run_after.year < 9999 else None,
        attempts=len(result["worker_ids"] or []),
        error=error_of(result["traceback"]) if failed else "",
        traceback=result["traceback"] if failed else "",
    )
