"""Sending through the SMS gateway, retrying what failed, and the handler told of
what failed for good (issue 13, items 1 and 5). The gateway is a fake one on this
machine (conftest.gateway), never the internet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.core.models import Event
from gongkai.notices.models import Notice, NoticeStatus
from gongkai.notices.sending import notice_attempt
from gongkai.notices.tasks import notice_send, notices_send_due

from .conftest import PHONE
from .test_steps import corrected, registered

OK = (200, {"code": "0", "message": "OK", "id": "m-1"})
DOWN = (503, {"code": "503", "message": "Service Unavailable"})
THROTTLED = (200, {"code": "isv.BUSINESS_LIMIT_CONTROL", "message": "触发流控"})


def sms_of(application) -> Notice:
    return application.notices.get(channel="sms")


def test_the_gateway_is_posted_the_message(
    gateway, agency, head, django_capture_on_commit_callbacks
):
    """JSON with the number, the sign, the text; the key in the header; the
    gateway's message id kept with the try."""
    with django_capture_on_commit_callbacks(execute=True):
        application = registered(agency, head)
    [body] = gateway.received
    assert body["phone"] == PHONE
    assert body["sign_name"] == "某县政府信息公开"
    assert application.tracking_number in body["text"]
    assert body["kind"] == "received"
    assert gateway.headers[0]["Authorization"] == "Bearer test-key"
    notice = sms_of(application)
    assert notice.status == NoticeStatus.SENT
    assert notice.tries.get().reference == "m-1"


@pytest.mark.parametrize(
    ("answer", "error"),
    [(DOWN, "HTTP 503"), (THROTTLED, "isv.BUSINESS_LIMIT_CONTROL 触发流控")],
)
def test_a_refused_send_is_recorded_and_retried_later(
    answer, error, gateway, agency, head, django_capture_on_commit_callbacks
):
    """The first try fails (gateway down, or its error code); the notice waits
    for a retry, which sends it; the e-mail, sent the first time, is not sent
    again."""
    gateway.answers = [answer, OK]
    with django_capture_on_commit_callbacks(execute=True):
        application = registered(agency, head)
    notice = sms_of(application)
    assert notice.status == NoticeStatus.RETRYING
    assert error in notice.last_error
    assert notice.next_attempt_at > timezone.now()
    notices_send_due()  # too early: nothing is tried
    assert len(gateway.received) == 1
    notices_send_due(now=notice.next_attempt_at + timedelta(seconds=1))
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
    assert [t.succeeded for t in notice.tries.all()] == [False, True]
    assert len(mail.outbox) == 1


def test_a_gateway_that_does_not_answer_in_time(
    gateway, agency, head, django_capture_on_commit_callbacks
):
    gateway.delay = 2  # the time-out is 1 second
    with django_capture_on_commit_callbacks(execute=True):
        application = registered(agency, head)
    notice = sms_of(application)
    assert notice.status == NoticeStatus.RETRYING
    assert "1 秒内没有应答" in notice.tries.get().error


def test_the_waits_double(settings, gateway, agency, head):
    settings.GONGKAI_NOTICE_RETRY_DELAY = 60
    gateway.answers = [DOWN]
    application = registered(agency, head)
    notice = sms_of(application)
    now = timezone.now()
    waits = []
    for _ in range(3):
        notice = notice_attempt(notice_id=notice.pk, now=now)
        waits.append(notice.next_attempt_at - notice.tries.last().at)
        now = notice.next_attempt_at
    assert [w.total_seconds() // 60 for w in waits] == [1, 2, 4]


def fail_for_good(gateway, agency, head, django_capture_on_commit_callbacks):
    """An application whose SMS failed at each of its tries."""
    gateway.answers = [THROTTLED]
    with django_capture_on_commit_callbacks(execute=True):
        application = corrected(agency, head)
    for notice in application.notices.filter(channel="sms"):
        while notice.status == NoticeStatus.RETRYING:
            notice = notice_attempt(notice_id=notice.pk, now=notice.next_attempt_at)
    return application


def test_after_the_last_try_the_handler_is_told(
    settings,
    gateway,
    agency,
    head,
    client,
    django_capture_on_commit_callbacks,
):
    """After GONGKAI_NOTICE_ATTEMPTS tries the notice is failed, an event says
    so, and the dashboard and the application's page show it to the handler."""
    settings.GONGKAI_NOTICE_ATTEMPTS = 3
    application = fail_for_good(
        gateway, agency, head, django_capture_on_commit_callbacks
    )
    failed = application.notices.filter(status=NoticeStatus.FAILED)
    assert sorted(n.kind for n in failed) == ["correction", "received"]
    assert all(n.attempts == 3 and n.tries.count() == 3 for n in failed)
    assert Event.objects.filter(verb="notice_failed").count() == 2
    client.force_login(head)
    page = client.get(reverse("workspace:dashboard")).content.decode()
    assert "通知发送失败" in page
    assert application.tracking_number in page
    assert "补正告知（短信）" in page
    detail = client.get(reverse("workspace:application", args=[application.pk]))
    assert "重新发送" in detail.content.decode()


def test_the_handler_sends_it_again(
    settings, gateway, agency, head, client, django_capture_on_commit_callbacks
):
    """重新发送: the notice gets new tries; sent, it leaves the dashboard."""
    settings.GONGKAI_NOTICE_ATTEMPTS = 2
    application = fail_for_good(
        gateway, agency, head, django_capture_on_commit_callbacks
    )
    notice = application.notices.get(channel="sms", kind="correction")
    gateway.answers = [OK]
    gateway.received.clear()
    client.force_login(head)
    url = reverse(
        "workspace:application_notice_resend", args=[application.pk, notice.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
    assert len(gateway.received) == 1
    page = client.get(reverse("workspace:dashboard")).content.decode()
    assert "补正告知（短信）" not in page


def test_the_handler_closes_it_after_telling_the_applicant_otherwise(
    settings, gateway, agency, head, client, django_capture_on_commit_callbacks
):
    settings.GONGKAI_NOTICE_ATTEMPTS = 1
    application = fail_for_good(
        gateway, agency, head, django_capture_on_commit_callbacks
    )
    notice = application.notices.get(channel="sms", kind="correction")
    client.force_login(head)
    url = reverse(
        "workspace:application_notice_dismiss", args=[application.pk, notice.pk]
    )
    client.post(url, {"reason": "已电话告知申请人"})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CANCELLED
    assert "已电话告知申请人" in notice.last_error
    page = client.get(reverse("workspace:dashboard")).content.decode()
    assert "补正告知（短信）" not in page


def test_a_sent_notice_is_never_sent_twice(
    gateway, agency, head, django_capture_on_commit_callbacks
):
    """The task run again (a worker retrying, the sweep) sends nothing more."""
    with django_capture_on_commit_callbacks(execute=True):
        application = registered(agency, head)
    notice = sms_of(application)
    notice_send.enqueue(notice.pk)
    notice_attempt(notice_id=notice.pk)
    notices_send_due(now=timezone.now() + timedelta(days=1))
    assert len(gateway.received) == 1
    assert notice.tries.count() == 1


def test_a_notice_being_sent_is_not_taken_twice(gateway, agency, head):
    """While one worker sends a notice, another finds it claimed and leaves it."""
    application = registered(agency, head)
    notice = sms_of(application)
    Notice.objects.filter(pk=notice.pk).update(
        status=NoticeStatus.SENDING, claimed_at=timezone.now()
    )
    notice_attempt(notice_id=notice.pk)
    assert gateway.received == []
    # …unless its worker died: after GONGKAI_TASK_ABANDONED_AFTER the sweep sends it.
    notices_send_due(now=timezone.now() + timedelta(hours=1))
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
    assert len(gateway.received) == 1


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_queue_a_retry_is_queued_for_later(
    gateway, agency, head, django_capture_on_commit_callbacks
):
    """On the database queue the first send and each retry are tasks; a retry
    runs no earlier than the notice's next try."""
    gateway.answers = [DOWN, OK]
    with django_capture_on_commit_callbacks(execute=True):
        application = registered(agency, head)
    notice = sms_of(application)
    queued = DBTaskResult.objects.filter(args_kwargs__args=[notice.pk])
    assert queued.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        notice_send.call(notice.pk)  # as the worker does
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.RETRYING
    assert queued.count() == 2
    assert queued.filter(run_after=notice.next_attempt_at).exists()
