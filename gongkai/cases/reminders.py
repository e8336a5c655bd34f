"""The answers to reviews and lawsuits in the daily ``gongkai remind``: those
overdue and those due within 5 working days, per agency, printed and mailed to the
disclosure office's heads. ``applications`` knows nothing of cases: the command
sends ``remind_listed`` and this receiver answers (connected in ``apps.py``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.core.mail import EmailMessage

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.workdays.arithmetic import day_text
from gongkai.workdays.selectors import work_calendar

from .models import Case
from .selectors import ANSWER_SOON, KIND_NAMES, answers_awaited
from .services import case_kind


def case_line(case: Case, day: date) -> str:
    """One case as the reminder names it."""
    due = case.answer_due
    if due is None:
        return ""
    calendar = work_calendar()
    if due < day:
        when = f"已逾期 {(day - due).days} 日"
    elif due == day:
        when = "今日到期"
    else:
        when = f"还剩 {calendar.count(day, due)} 个工作日"
    return (
        f"{KIND_NAMES[case_kind(case)]} {case.number or '（无案号）'}  "
        f"{case.body or '—'}  答复期限 {day_text(due)}（{when}）"
    )


def case_reminders(day: date, *, agency_ids: Any = None) -> dict[Agency, list[Case]]:
    """The answers awaited that are overdue or due by the 5th working day after
    ``day``, by agency."""
    horizon = work_calendar().nth_after(day, ANSWER_SOON)
    ids = agency_ids if agency_ids is not None else Agency.objects.values("pk")
    found: dict[Agency, list[Case]] = defaultdict(list)
    for case in answers_awaited(agency_ids=ids):
        if case.answer_due is not None and case.answer_due <= horizon:
            found[case.agency].append(case)
    return dict(found)


def on_remind_listed(
    sender: Any, *, day: date, agency_ids: Any = None, mail: bool = True, **_: Any
) -> str:
    """The receiver of ``gongkai remind``'s ``remind_listed``: the text to print."""
    groups = case_reminders(day, agency_ids=agency_ids)
    if not groups:
        return f"{day.isoformat()}：没有需要提醒的复议答复或诉讼答辩。"
    texts = []
    sent = 0
    for agency, cases in sorted(groups.items(), key=lambda x: x[0].name):
        text = "\n".join(
            [f"【{agency.name}】复议答复和诉讼答辩（{len(cases)} 件）："]
            + [f"  {case_line(c, day)}" for c in cases]
        )
        texts.append(text)
        if mail:
            sent += _mail(agency, text, day)
    if mail:
        texts.append(f"已发送 {sent} 封复议诉讼提醒邮件。")
    return "\n".join(texts) + "\n"


def _mail(agency: Agency, text: str, day: date) -> int:
    heads = User.objects.filter(
        agency=agency, role=User.Role.OFFICE_HEAD, is_active=True
    ).exclude(email="")
    if not heads:
        return 0
    subject = f"行政复议答复和行政诉讼答辩期限提醒（{day_text(day)}）"
    EmailMessage(subject, text + "\n", to=[u.email for u in heads]).send()
    return 1
