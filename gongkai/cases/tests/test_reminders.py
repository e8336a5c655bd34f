"""``gongkai remind`` names the answers to reviews and lawsuits due within 5
working days or overdue, per agency, and mails them to the office heads."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.accounts.models import User
from gongkai.cases import services
from gongkai.cases.reminders import on_remind_listed
from gongkai.testing import factories

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def served(agency):
    """A review served Wed 2025-04-02: due Thu 4/17 (10 working days, 清明 off)."""
    review = services.review_file(
        acting_user=None, agency=agency, filed_on=D(2025, 4, 1), number="复-9"
    )
    return services.case_serve(acting_user=None, case=review, served_on=D(2025, 4, 2))


def test_an_answer_due_within_five_working_days_is_listed(served):
    assert "复-9" not in on_remind_listed(None, day=D(2025, 4, 9), mail=False)
    soon = on_remind_listed(None, day=D(2025, 4, 10), mail=False)
    assert "还剩 5 个工作日" in soon
    assert "今日到期" in on_remind_listed(None, day=D(2025, 4, 17), mail=False)
    assert "已逾期 1 日" in on_remind_listed(None, day=D(2025, 4, 18), mail=False)


def test_an_answered_case_is_not_listed(served):
    services.case_answer(acting_user=None, case=served, answered_on=D(2025, 4, 15))
    said = on_remind_listed(None, day=D(2025, 4, 16), mail=False)
    assert "复-9" not in said and "没有需要提醒" in said


def test_the_office_heads_are_mailed(served, mailoutbox):
    factories.UserFactory(
        username="head",
        agency=served.agency,
        role=User.Role.OFFICE_HEAD,
        email="head@example.org",
    )
    said = on_remind_listed(None, day=D(2025, 4, 18), mail=True)
    assert "已发送 1 封" in said
    (mail,) = mailoutbox
    assert mail.to == ["head@example.org"] and "复-9" in mail.body
