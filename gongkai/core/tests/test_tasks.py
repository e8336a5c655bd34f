"""The worker: tasks queued in the database, retried with back-off, and a task
whose worker died queued again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.core.tasks import abandoned_tasks_requeue, retry_delay, task
from gongkai.core.workflow import Refused
from gongkai.testing.tasks import run_queue

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
RUNS: list[str] = []


@task()
def flaky(label: str) -> str:
    """Fails its first run, succeeds after."""
    RUNS.append(label)
    if RUNS.count(label) == 1:
        raise RuntimeError("数据库暂时不可用")
    return label


@task()
def refused() -> None:
    raise Refused("不允许。")


def due_now(result_id: str) -> None:
    DBTaskResult.objects.filter(pk=result_id).update(run_after=timezone.now())


@pytest.fixture(autouse=True)
def database_tasks(db):
    RUNS.clear()
    with override_settings(TASKS=DATABASE_TASKS, GONGKAI_TASK_ATTEMPTS=3):
        yield


def test_the_retry_delay_doubles_at_each_attempt(settings):
    settings.GONGKAI_TASK_RETRY_DELAY = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]


def test_a_task_that_raises_is_tried_again_later_and_then_succeeds():
    result = flaky.enqueue("a")
    run_queue()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "READY" and row.run_after > timezone.now()
    assert "数据库暂时不可用" in row.traceback
    due_now(result.id)
    run_queue()
    row.refresh_from_db()
    assert (row.status, row.return_value, RUNS) == ("SUCCESSFUL", "a", ["a", "a"])


def test_a_task_that_keeps_failing_is_failed_after_its_last_attempt(settings):
    settings.GONGKAI_TASK_ATTEMPTS = 1
    result = flaky.enqueue("b")
    run_queue()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED" and "RuntimeError" in row.exception_class_path
    assert DBTaskResult.objects.failed().count() == 1


def test_a_refusal_is_not_retried():
    result = refused.enqueue()
    run_queue()
    assert DBTaskResult.objects.get(pk=result.id).status == "FAILED"


def running_since(result_id: str, seconds: int, workers: int) -> None:
    DBTaskResult.objects.filter(pk=result_id).update(
        status="RUNNING",
        started_at=timezone.now() - timedelta(seconds=seconds),
        worker_ids=[f"dead-{n}" for n in range(workers)],
    )


def test_a_task_whose_worker_died_is_queued_again_and_run_by_another():
    result = flaky.enqueue("c")
    RUNS.append("c")  # its first run, by the worker that died
    running_since(result.id, seconds=700, workers=1)
    assert abandoned_tasks_requeue(after=600) == 1
    run_queue()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "SUCCESSFUL"
    assert row.worker_ids == ["dead-0", "test-worker"]


def test_a_task_still_within_its_time_is_left_running():
    result = flaky.enqueue("d")
    running_since(result.id, seconds=100, workers=1)
    assert abandoned_tasks_requeue(after=600) == 0
    assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"


def test_a_task_abandoned_on_its_last_attempt_is_failed():
    result = flaky.enqueue("e")
    running_since(result.id, seconds=700, workers=3)
    assert abandoned_tasks_requeue(after=600) == 0
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED" and "不再重试" in row.traceback
