"""Each step that concerns the applicant sends them a notice, by e-mail and by
SMS, recorded with its try (issue 13, item 1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from gongkai.applications import services as s
from gongkai.applications.models import Application
from gongkai.notices.models import Notice, NoticeKind, NoticeStatus

from .conftest import EMAIL, PHONE, applicant

RECEIVED = date(2025, 3, 3)  # a Monday with no holiday near
LATER = date(2025, 3, 5)


def registered(agency, user, **details: Any) -> Application:
    return s.application_register(
        acting_user=user,
        agency=agency,
        received_on=RECEIVED,
        channel="in_person",
        applicant=applicant(**details),
        description="2024年度部门预算",
    )


def submitted(agency, user) -> Application:
    return s.application_submit(
        acting_user=user,
        agency=agency,
        submitted_on=RECEIVED,
        channel="online",
        applicant=applicant(),
        description="2024年度部门预算",
    )


def confirmed(agency, user) -> Application:
    application = submitted(agency, user)
    return s.application_confirm(
        acting_user=user, application=application, confirmed_on=LATER
    )


def corrected(agency, user) -> Application:
    return s.correction_request(
        acting_user=user,
        application=registered(agency, user),
        notified_on=LATER,
        items="请写明文件名称",
    )


def consulting(agency, user) -> Application:
    return s.consultation_start(
        acting_user=user,
        application=registered(agency, user),
        kind="third_party",
        party="某公司",
        sent_on=LATER,
    )


def fee_notified(agency, user) -> Application:
    return s.fee_notify(
        acting_user=user,
        application=registered(agency, user),
        basis="per_page",
        pages=150,
        notified_on=LATER,
    )


def extended(agency, user) -> Application:
    return s.application_extend(
        acting_user=user,
        application=registered(agency, user),
        days=20,
        reason="需要调取档案",
        approved_by=user,
        decided_on=date(2025, 3, 20),
        notified_on=date(2025, 3, 20),
    )


def delayed(agency, user) -> Application:
    return s.application_delay(
        acting_user=user,
        application=registered(agency, user),
        days=20,
        reason="申请数量明显超过合理范围",
        decided_on=date(2025, 3, 20),
        notified_on=date(2025, 3, 20),
    )


def closed(agency, user) -> Application:
    return s.application_decide(
        acting_user=user,
        application=registered(agency, user),
        outcome="disclosed",
        closed_on=date(2025, 3, 20),
    )


def served(agency, user) -> Application:
    application = closed(agency, user)
    letter = s.letter_issue(
        acting_user=user,
        application=application,
        kind="reply",
        issued_on=date(2025, 3, 20),
    )
    s.delivery_record(
        acting_user=user,
        letter=letter,
        method="collect",
        delivered_on=date(2025, 3, 21),
        proof="申请人本人签收",
    )
    return application


# Each step, the notice it gives, and what the texts must say.
STEPS: list[tuple[Callable[..., Application], str, str]] = [
    (submitted, NoticeKind.SUBMITTED, "已提交"),
    (registered, NoticeKind.RECEIVED, "2025年3月31日前"),
    (confirmed, NoticeKind.RECEIVED, "收到"),
    (corrected, NoticeKind.CORRECTION, "补正"),
    (consulting, NoticeKind.CONSULTATION, "征求意见"),
    (fee_notified, NoticeKind.FEE, "元"),
    (extended, NoticeKind.EXTENSION, "延长"),
    (delayed, NoticeKind.DELAY, "延迟答复"),
    (closed, NoticeKind.CLOSED, "办结"),
    (served, NoticeKind.DELIVERED, "2025年3月21日"),
]


@pytest.mark.parametrize(
    ("step", "kind", "says"), STEPS, ids=[kind for _step, kind, _ in STEPS]
)
def test_a_step_sends_its_notice_by_email_and_sms(
    step, kind, says, agency, head, sms_outbox, django_capture_on_commit_callbacks
):
    """The applicant is told of the step by e-mail and by SMS, each naming the
    tracking number; each send is recorded with its try."""
    with django_capture_on_commit_callbacks(execute=True):
        application = step(agency, head)
    notices = Notice.objects.filter(application=application, kind=kind)
    assert sorted(n.channel for n in notices) == ["email", "sms"]
    for notice in notices:
        assert notice.status == NoticeStatus.SENT
        assert notice.sent_at is not None
        assert [t.succeeded for t in notice.tries.all()] == [True]
        assert says in notice.text
        assert application.tracking_number in notice.text
    email = [m for m in mail.outbox if application.tracking_number in m.subject][-1]
    assert email.to == [EMAIL]
    assert says in email.body
    assert sms_outbox[-1].phone == PHONE
    assert application.tracking_number in sms_outbox[-1].text


@pytest.mark.parametrize(
    ("step", "kind", "says"), STEPS, ids=[kind for _step, kind, _ in STEPS]
)
def test_a_steps_notice_that_cannot_be_sent_is_retried_then_shown_to_the_handler(
    step,
    kind,
    says,
    agency,
    head,
    client,
    settings,
    gateway,
    django_capture_on_commit_callbacks,
):
    """The gateway refuses every try: the step's SMS is retried, each try
    recorded, and after the last one the handler sees it on the dashboard."""
    from django.urls import reverse

    from gongkai.notices.sending import notice_attempt

    settings.GONGKAI_NOTICE_ATTEMPTS = 2
    gateway.answers = [(503, {"code": "503", "message": "Service Unavailable"})]
    with django_capture_on_commit_callbacks(execute=True):
        application = step(agency, head)
    notice = Notice.objects.get(application=application, kind=kind, channel="sms")
    assert notice.status == NoticeStatus.RETRYING
    notice = notice_attempt(notice_id=notice.pk, now=notice.next_attempt_at)
    assert notice.status == NoticeStatus.FAILED
    assert [t.succeeded for t in notice.tries.all()] == [False, False]
    client.force_login(head)
    dashboard = client.get(reverse("workspace:dashboard")).content.decode()
    assert "通知发送失败" in dashboard and application.tracking_number in dashboard


def test_nothing_is_sent_before_the_step_commits(agency, head, sms_outbox):
    """A notice exists with the step, but is sent only once the step is stored
    (here the test's transaction never commits)."""
    application = registered(agency, head)
    assert application.notices.filter(status=NoticeStatus.PENDING).count() == 2
    assert mail.outbox == [] and sms_outbox == []


def test_a_step_rolled_back_leaves_no_notice_and_sends_nothing(
    agency, head, sms_outbox, django_capture_on_commit_callbacks
):
    """When the transaction of the step is rolled back (an error after the step),
    its notices go with it and nothing is sent."""
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        registered(agency, head)
        raise RuntimeError("after the step")
    assert not Notice.objects.exists()
    assert mail.outbox == [] and sms_outbox == []


def test_only_the_channels_the_applicant_gave(
    agency, head, sms_outbox, django_capture_on_commit_callbacks
):
    """No e-mail address: SMS only. A landline: no SMS (it cannot take one)."""
    with django_capture_on_commit_callbacks(execute=True):
        sms_only = registered(agency, head, email="")
        landline = registered(agency, head, phone="010-12345678")
    assert [n.channel for n in sms_only.notices.all()] == ["sms"]
    assert [n.channel for n in landline.notices.all()] == ["email"]


def test_no_contact_no_notice(agency, head, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = registered(agency, head, email="", phone="")
    assert not application.notices.exists()


def test_a_kind_switched_off_is_not_sent(
    settings, agency, head, django_capture_on_commit_callbacks
):
    settings.GONGKAI_NOTICES_OFF = ["consultation"]
    with django_capture_on_commit_callbacks(execute=True):
        application = consulting(agency, head)
    assert not application.notices.filter(kind="consultation").exists()
    assert application.notices.filter(kind="received").count() == 2
