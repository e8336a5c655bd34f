"""The notices' background work: sending one notice, and queueing its tries.

A notice is queued once the transaction that created it commits
(``queue_on_commit``, called by ``services``); a failed try queues the next one for
later when the task backend can run a task later (the database queue can), else the
sweep ``notices_send_due`` (``gongkai notices send``, and the daily
``gongkai remind``) tries it when its time has come. The task is idempotent: a
notice sent, or being sent, is not sent again (``sending.notice_attempt``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core.tasks import task

from .models import Notice, NoticeStatus
from .sending import notice_attempt


@task()
def notice_send(notice_id: int) -> str:
    """Try to send notice ``notice_id``; its status afterwards."""
    return str(_try(notice_id).status)


def _try(notice_id: int, now: datetime | None = None) -> Notice:
    """One try; a notice left to retry is queued for its next try."""
    notice = notice_attempt(notice_id=notice_id, now=now)
    if notice.status == NoticeStatus.RETRYING:
        queue_on_commit(notice.pk, run_after=notice.next_attempt_at)
    return notice


def notice_queue(notice_id: int, *, run_after: datetime | None = None) -> None:
    """Queue the sending of a notice, now or at ``run_after`` (left to the sweep
    when the backend cannot run a task later)."""
    if run_after is None:
        notice_send.enqueue(notice_id)
    elif notice_send.get_backend().supports_defer:
        notice_send.using(run_after=run_after).enqueue(notice_id)


def queue_on_commit(notice_id: int, run_after: datetime | None = None) -> None:
    """Queue the notice once the transaction that made or changed it commits."""
    transaction.on_commit(lambda: notice_queue(notice_id, run_after=run_after))


def notices_send_due(*, now: datetime | None = None) -> int:
    """Try every notice whose time has come: those waiting for a retry, those
    whose first sending was never queued (the process stopped between the commit
    and the queue), and those a worker began to send and never finished. The
    safety net under the queue; run by ``gongkai notices send`` and by the daily
    ``gongkai remind``. How many were tried."""
    now = now or timezone.now()
    grace = timedelta(seconds=settings.GONGKAI_TASK_ABANDONED_AFTER)
    Notice.objects.filter(
        status=NoticeStatus.SENDING, claimed_at__lt=now - grace
    ).update(status=NoticeStatus.RETRYING, claimed_at=None, next_attempt_at=now)
    due = Notice.objects.filter(
        Q(status=NoticeStatus.RETRYING, next_attempt_at__lte=now)
        | Q(status=NoticeStatus.PENDING, created_at__lt=now - timedelta(minutes=5))
    ).values_list("pk", flat=True)
    tried = 0
    for notice_id in list(due):
        _try(notice_id, now=now)
        tried += 1
    return tried
