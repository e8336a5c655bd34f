"""Running the task queue inside a test, as `gongkai worker --batch` would."""

from __future__ import annotations

from unittest import mock

from gongkai.core.tasks import Worker

# The worker closes "old" connections each time it wakes. Inside a test's
# transaction Django counts the test's own connection as old (its autocommit
# differs from the settings'), and on PostgreSQL it really closes it; a real worker
# runs outside any transaction, so in a test the check is left out.
_CLOSE_OLD = "django_tasks_db.management.commands.db_worker.close_old_connections"


def run_queue(*, worker_id: str = "test-worker", abandoned_after: int = 600) -> None:
    """A worker in this process, taking every queue's tasks until none is due."""
    with mock.patch(_CLOSE_OLD):
        _run(worker_id=worker_id, abandoned_after=abandoned_after)


def _run(*, worker_id: str, abandoned_after: int) -> None:
    Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        abandoned_after=abandoned_after,
    ).run()
