"""Running the task queue inside a test, as `gongkai worker --batch` would."""

from __future__ import annotations

from gongkai.core.tasks import Worker


def run_queue(*, worker_id: str = "test-worker", abandoned_after: int = 600) -> None:
    """A worker in this process, taking every queue's tasks until none is due."""
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
