"""The applicant's side: choosing no SMS, the notices listed on the tracking page,
and the reminders before a deadline lapses."""

from __future__ import annotations

import re
from datetime import date

import pytest
from click.testing import CliRunner
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.cli import main
from gongkai.core.models import Event
from gongkai.notices.models import Notice, NoticeStatus
from gongkai.portal.guard import DIGITS, TOKEN_FIELD
from gongkai.portal.tracking import tracking_secret

from .test_steps import corrected, fee_notified, registered

FIELDS = {
    "applicant_type": "natural_person",
    "name": "钱七",
    "id_kind": "resident_id",
    "id_number": "110101198001011232",
    "phone": "13600000000",
    "email": "qian@example.com",
    "description": "2024年本局政府采购合同",
    "requested_form": "electronic",
    "delivery_method": "email",
}


@pytest.fixture(autouse=True)
def no_waiting(settings):
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 0
    cache.clear()


def apply(client, agency, **changes) -> Application:
    url = reverse("portal:apply_form", args=[agency.pk])
    page = client.get(url).content.decode()
    a, b = re.search(f"([{DIGITS}])加([{DIGITS}])等于几", page).groups()
    answer = DIGITS.index(a) + DIGITS.index(b)
    token = re.search(f'name="{TOKEN_FIELD}" value="([^"]+)"', page).group(1)
    data = {**FIELDS, "challenge_answer": answer, TOKEN_FIELD: token, **changes}
    assert client.post(url, data).status_code == 302
    return Application.objects.get()


def tracked(client, application) -> str:
    number = application.tracking_number
    client.post(
        reverse("portal:track"),
        {"tracking_number": number, "secret": tracking_secret(number)},
    )
    return reverse("portal:track_detail", args=[number])


def test_applying_online_sends_an_email_and_an_sms(
    client, agency, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(client, agency)
    assert [m.to for m in mail.outbox] == [["qian@example.com"]]
    assert application.tracking_number in mail.outbox[0].subject
    assert [m.phone for m in sms_outbox] == ["13600000000"]


def test_an_applicant_who_declines_sms_gets_email_only(
    client, agency, sms_outbox, django_capture_on_commit_callbacks
):
    """The box on the form: no SMS now or later; e-mail still goes."""
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(client, agency, sms_opt_out="on")
    assert application.sms_opt_out
    assert sms_outbox == []
    assert len(mail.outbox) == 1
    assert not application.notices.filter(channel="sms", status="sent").exists()


def test_the_tracking_page_lists_the_notices_and_stops_sms(
    client, agency, head, sms_outbox, django_capture_on_commit_callbacks
):
    """The page lists each notice (what, how, when, result); 停止短信通知 stops
    the SMS of every later step and leaves e-mail alone."""
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(client, agency)
    page_url = tracked(client, application)
    page = client.get(page_url).content.decode()
    assert "通知记录" in page
    assert "申请已提交" in page and "短信" in page and "已发送" in page
    assert "停止短信通知" in page
    stop = reverse("portal:track_sms_stop", args=[application.tracking_number])
    assert client.get(stop).status_code == 405
    response = client.post(stop)
    assert response["Location"] == page_url
    assert Event.objects.filter(verb="sms_opted_out").exists()
    with django_capture_on_commit_callbacks(execute=True):
        from gongkai.applications.services import application_confirm

        application_confirm(
            acting_user=head, application=application, confirmed_on=date.today()
        )
    assert len(sms_outbox) == 1  # the one before the opt-out
    assert application.notices.filter(kind="received", channel="email").exists()
    assert not application.notices.filter(kind="received", channel="sms").exists()
    page = client.get(page_url).content.decode()
    assert "您已选择不接收短信通知" in page
    assert "停止短信通知</button>" not in page


def test_opting_out_cancels_an_sms_not_yet_sent(
    client, agency, head, sms_outbox, gateway
):
    """An SMS waiting for a retry when the applicant opts out is not sent."""
    gateway.answers = [(503, {"code": "503"})]
    from gongkai.notices.sending import notice_attempt
    from gongkai.notices.services import application_sms_opt_out

    application = registered(agency, head)
    notice = application.notices.get(channel="sms")
    notice = notice_attempt(notice_id=notice.pk)
    assert notice.status == NoticeStatus.RETRYING
    application_sms_opt_out(acting_user=None, application=application)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CANCELLED
    notice_attempt(notice_id=notice.pk, now=notice.next_attempt_at)
    assert len(gateway.received) == 1


def test_a_stranger_cannot_stop_the_sms(client, agency, head):
    application = registered(agency, head)
    stop = reverse("portal:track_sms_stop", args=[application.tracking_number])
    assert client.post(stop).status_code == 404
    application.refresh_from_db()
    assert not application.sms_opt_out


@pytest.fixture
def run_remind(django_capture_on_commit_callbacks):
    """`gongkai remind --date DAY`, its commits taking effect (the notices sent)."""

    def run(day: date) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            result = CliRunner().invoke(main, ["remind", "--date", day.isoformat()])
        assert result.exit_code == 0, result.output
        return result.output

    return run


def test_remind_tells_the_applicant_before_the_correction_deadline(
    agency, head, sms_outbox, settings, run_remind
):
    """补正 by 2025-03-26 (15 working days from 5 March): three working days
    before, `gongkai remind` reminds the applicant, once however often it runs."""
    settings.GONGKAI_NOTICE_REMIND_DAYS = 3
    application = corrected(agency, head)
    assert application.correction.correct_by == date(2025, 3, 26)
    run_remind(date(2025, 3, 20))  # 4 working days before: not yet
    assert not application.notices.filter(kind="correction_reminder").exists()
    output = run_remind(date(2025, 3, 21))
    reminders = application.notices.filter(kind="correction_reminder")
    assert sorted(n.channel for n in reminders) == ["email", "sms"]
    assert all(n.status == NoticeStatus.SENT for n in reminders)
    assert "2025年3月26日" in reminders.get(channel="sms").text
    assert "期限提醒" in output
    run_remind(date(2025, 3, 24))
    assert application.notices.filter(kind="correction_reminder").count() == 2


def test_remind_tells_the_applicant_before_the_payment_deadline(
    agency, head, run_remind
):
    application = fee_notified(agency, head)
    pay_by = application.fee_notice.pay_by
    run_remind(pay_by)
    sms = application.notices.get(kind="payment_reminder", channel="sms")
    assert f"{pay_by.year}年{pay_by.month}月{pay_by.day}日" in sms.text
    assert str(application.fee_notice.amount_due) in sms.text


def test_remind_no_mail_sends_nothing_to_applicants(agency, head):
    application = corrected(agency, head)
    day = application.correction.correct_by
    result = CliRunner().invoke(
        main, ["remind", "--date", day.isoformat(), "--no-mail"]
    )
    assert result.exit_code == 0
    assert not Notice.objects.filter(kind="correction_reminder").exists()


def test_past_the_retention_period_the_notices_forget_the_applicant(
    agency, head, django_capture_on_commit_callbacks
):
    """Anonymising an application (个人信息保护法第十九条) clears its notices'
    addresses and texts; what was sent, how and when stays."""
    from gongkai.applications.services import applications_anonymise

    from .test_steps import closed

    with django_capture_on_commit_callbacks(execute=True):
        application = closed(agency, head)
    applications_anonymise(acting_user=None, today=date(2040, 1, 1))
    notices = application.notices.all()
    assert len(notices) == 4
    assert all(n.recipient == "" and n.text == "" for n in notices)
    assert all(n.status == NoticeStatus.SENT for n in notices)
