"""Sending one notice and recording the try.

``notice_attempt`` first *claims* the notice (an update conditioned on its status,
so two workers never both send it), then sends it on its channel, then records the
try. A sent notice is never sent again. A failed try leaves the notice *retrying*
with the time of its next try (``GONGKAI_NOTICE_RETRY_DELAY`` seconds, doubled each
time) until ``GONGKAI_NOTICE_ATTEMPTS`` tries; then it is *failed*, with an event,
and its handler sees it on the dashboard. Queueing the next try is the caller's
(``tasks``): this module knows nothing of the queue.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core.events import event_record

from . import sms
from .models import Channel, Notice, NoticeAttempt, NoticeStatus

logger = logging.getLogger("gongkai.notices")
WAITING = (NoticeStatus.PENDING, NoticeStatus.RETRYING)


@dataclass(frozen=True)
class Outcome:
    sent: bool
    reference: str = ""
    error: str = ""


def _deliver(notice: Notice) -> Outcome:
    """Send the notice on its channel; what happened."""
    try:
        if notice.channel == Channel.EMAIL:
            EmailMessage(notice.subject, notice.text, to=[notice.recipient]).send()
            return Outcome(True)
        reference = sms.backend().send(
            sms.Sms(phone=notice.recipient, text=notice.text, kind=notice.kind)
        )
        return Outcome(True, reference=reference)
    except sms.SmsError as exc:
        return Outcome(False, error=str(exc))
    except Exception as exc:  # a mail server down, a backend misconfigured …
        logger.warning("Notice id=%s not sent", notice.pk, exc_info=True)
        return Outcome(False, error=f"{type(exc).__name__}: {exc}"[:1000])


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: doubled each time."""
    seconds = settings.GONGKAI_NOTICE_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=seconds)


def notice_attempt(*, notice_id: int, now: datetime | None = None) -> Notice:
    """Try to send one notice, if it waits to be sent and its time has come.

    Idempotent: the notice is claimed first (status ``sending``, by an update
    conditioned on its waiting status), so a notice sent, being sent, failed for
    good or not yet due is left as it is."""
    now = now or timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = Notice.objects.filter(due, pk=notice_id, status__in=WAITING).update(
        status=NoticeStatus.SENDING, claimed_at=now
    )
    notice = Notice.objects.select_related("application").get(pk=notice_id)
    if not claimed:
        return notice
    if notice.channel == Channel.SMS and notice.application.sms_opt_out:
        notice.status = NoticeStatus.CANCELLED
        notice.last_error = "申请人已选择不接收短信通知。"
        notice.save(update_fields=["status", "last_error", "updated_at"])
        return notice
    outcome = _deliver(notice)
    return _record(notice, outcome, now=timezone.now())


@transaction.atomic
def _record(notice: Notice, outcome: Outcome, *, now: datetime) -> Notice:
    NoticeAttempt.objects.create(
        notice=notice,
        at=now,
        succeeded=outcome.sent,
        reference=outcome.reference,
        error=outcome.error,
    )
    notice.attempts += 1
    notice.claimed_at = None
    if outcome.sent:
        notice.status = NoticeStatus.SENT
        notice.sent_at = now
        notice.next_attempt_at = None
        notice.last_error = ""
    elif notice.attempts >= settings.GONGKAI_NOTICE_ATTEMPTS:
        notice.status = NoticeStatus.FAILED
        notice.next_attempt_at = None
        notice.last_error = outcome.error
        event_record(
            actor=None,
            verb="notice_failed",
            target=notice.application,
            data={"notice": notice.pk, "kind": notice.kind, "channel": notice.channel},
        )
    else:
        notice.status = NoticeStatus.RETRYING
        notice.next_attempt_at = now + retry_delay(notice.attempts)
        notice.last_error = outcome.error
    notice.save()
    return notice
