"""``gongkai remind`` and ``gongkai workdays due``, run as staff would."""

import json
from datetime import date

import pytest
from click.testing import CliRunner
from django.core import mail

from gongkai.applications import services as s
from gongkai.applications.cli import remind
from gongkai.applications.models import ApplicationStatus
from gongkai.applications.reminders import Bucket, reminders_on
from gongkai.testing import factories as f
from gongkai.workdays.cli import workdays

from .helpers import in_status, registered

pytestmark = pytest.mark.django_db
D = date
TODAY = D(2025, 3, 24)  # a Monday


@pytest.fixture
def desk(agency, head, clerk):
    """Applications due at every distance from Mon 2025-03-24.

    Received Mon 3/3 → due Mon 3/31 (5 working days on: 3/25–28, 3/31).
    Received Fri 2/21 → due Fri 3/21: overdue by one working day (3/24).
    Received Mon 2/24 → due Mon 3/24: due today.
    Received Tue 2/25 → due Tue 3/25: one working day left.
    Received Tue 3/4 → due Tue 4/1: six left, not yet reminded.
    A consultation paused since 3/5 on one received 2/21: never overdue.
    """
    made = {
        "in_5": registered(agency, head, received_on=D(2025, 3, 3), handler=clerk),
        "overdue": registered(agency, head, received_on=D(2025, 2, 21), handler=clerk),
        "today": registered(agency, head, received_on=D(2025, 2, 24)),
        "in_1": registered(agency, head, received_on=D(2025, 2, 25), handler=clerk),
        "later": registered(agency, head, received_on=D(2025, 3, 4), handler=clerk),
    }
    paused = registered(agency, head, received_on=D(2025, 2, 21), handler=clerk)
    made["paused"] = s.consultation_start(
        acting_user=head,
        application=paused,
        kind="third_party",
        party="某公司",
        sent_on=D(2025, 3, 5),
    )
    return made


def test_reminders_fall_in_their_buckets(desk):
    found = {r.application.pk: (r.bucket, r.workdays) for r in reminders_on(TODAY)}
    assert found == {
        desk["overdue"].pk: (Bucket.OVERDUE, 1),
        desk["today"].pk: (Bucket.WITHIN_1, 0),
        desk["in_1"].pk: (Bucket.WITHIN_1, 1),
        desk["in_5"].pk: (Bucket.WITHIN_5, 5),
    }


def test_a_paused_application_is_never_overdue(desk):
    assert desk["paused"].status == ApplicationStatus.CONSULTING
    later = reminders_on(D(2025, 12, 31))
    assert desk["paused"].pk not in {r.application.pk for r in later}


def test_remind_prints_per_office_and_handler_and_mails_them(desk, agency):
    result = CliRunner().invoke(remind, ["--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert f"【{agency.name}】" in result.output
    assert "【承办人：王小明】" in result.output
    assert "【承办人：未指定承办人】" in result.output
    assert "已逾期（1 件）" in result.output
    assert "今日到期" in result.output
    recipients = sorted(tuple(m.to) for m in mail.outbox)
    assert recipients == [("clerk@example.cn",), ("head@example.cn",)]
    clerk_mail = next(m for m in mail.outbox if m.to == ["clerk@example.cn"])
    assert desk["today"].tracking_number not in clerk_mail.body  # not hers
    assert desk["overdue"].tracking_number in clerk_mail.body
    office_mail = next(m for m in mail.outbox if m.to == ["head@example.cn"])
    assert desk["today"].tracking_number in office_mail.body


def test_remind_can_list_without_mailing(desk):
    result = CliRunner().invoke(remind, ["--date", TODAY.isoformat(), "--no-mail"])
    assert result.exit_code == 0 and mail.outbox == []


def test_remind_says_when_nothing_is_due(db):
    result = CliRunner().invoke(remind, ["--date", "2025-03-24"])
    assert "没有需要提醒的申请" in result.output


def test_remind_narrows_to_one_agency(desk, agency, head):
    other = f.AgencyFactory(name="另一个局")
    registered(other, None, received_on=D(2025, 2, 21))
    result = CliRunner().invoke(
        remind, ["--date", TODAY.isoformat(), "--agency", "另一个局", "--no-mail"]
    )
    assert "【另一个局】" in result.output and agency.name not in result.output


# -- gongkai workdays due ------------------------------------------------------------


def due(*args):
    return CliRunner().invoke(workdays, ["due", *args])


def test_due_prints_the_date_and_how_it_was_reached(db):
    result = due(
        "--received", "2025-09-26", "--pause", "2025-10-09:2025-10-14", "--extend", "5"
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # As worked out in test_clock: 25 working days, 4 kept off by the pause.
    assert lines[0] == "答复期限：2025-11-12"
    assert lines[1].startswith("  1. 收到申请：2025年9月26日")
    assert any("暂停（征求意见等）" in line for line in lines)
    assert lines[-1] == "  6. 答复期限：2025年11月12日。"


def test_due_as_json(db):
    result = due("--received", "2024-09-02", "--corrected", "2024-09-20", "--json")
    data = json.loads(result.output)
    # 补正 restart on Fri 9/20, worked in test_clock: 2024-10-23.
    assert data["due"] == "2024-10-23" and data["state"] == "running"
    assert [s["kind"] for s in data["steps"]] == ["restart", "period", "count", "due"]
    assert data["steps"][2]["holidays"] == [
        {"name": "国庆节", "from": "2024-10-01", "to": "2024-10-07"}
    ]


def test_due_with_an_open_pause_has_no_date(db):
    data = json.loads(
        due("--received", "2025-03-03", "--pause", "2025-03-07:", "--json").output
    )
    assert data["due"] is None and data["state"] == "paused"
    assert data["steps"][-1]["workdays"] == 16


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--received", "2025-03-03", "--pause", "2025-03-07"],
            "应写成 开始日期:结束日期",
        ),
        (
            ["--received", "2025-03-03", "--pause", "2025-03-07:2025-03-01"],
            "结束日期早于开始日期",
        ),
        (
            ["--received", "2025-03-03", "--corrected", "2025-03-01"],
            "不能早于收到申请之日",
        ),
        (["--received", "2025-03-03", "--extend", "21"], "21"),
    ],
)
def test_due_refuses_what_cannot_be(db, args, message):
    result = due(*args)
    assert result.exit_code == 2 and message in result.output


def test_a_paused_status_in_the_fixture_helpers(agency, head):
    assert in_status(ApplicationStatus.AWAITING_PAYMENT, agency, head).due_on is None
