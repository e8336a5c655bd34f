"""Daily reminders: what falls due within 5 and within 1 working day, and what is
overdue, per handler and per office. A paused application is never overdue: only
applications whose clock runs are looked at (``selectors.applications_with_
running_clock``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.core.mail import EmailMessage
from django.dispatch import Signal

from gongkai.workdays.arithmetic import WorkCalendar, day_text
from gongkai.workdays.selectors import work_calendar

from .models import Application
from .selectors import AgencyIds, applications_with_running_clock

SOON = 5
VERY_SOON = 1

# Sent by ``gongkai remind`` (unless --no-mail) with ``day`` and ``agency_ids``: the
# rooms that remind someone else daily receive it (the applicants' notices,
# gongkai.notices); a receiver returns a line for the command to print, or "".
remind_run = Signal()


class Bucket(StrEnum):
    OVERDUE = "overdue"
    WITHIN_1 = "within_1"
    WITHIN_5 = "within_5"


BUCKET_LABELS = {
    Bucket.OVERDUE: "已逾期",
    Bucket.WITHIN_1: "1 个工作日内到期",
    Bucket.WITHIN_5: "5 个工作日内到期",
}


@dataclass(frozen=True)
class Reminder:
    application: Application
    bucket: Bucket
    workdays: int  # left until the due date, or (overdue) past it

    def line(self) -> str:
        a = self.application
        if self.bucket is Bucket.OVERDUE:
            when = f"已逾期 {self.workdays} 个工作日"
        elif self.workdays == 0:
            when = "今日到期"
        else:
            when = f"还剩 {self.workdays} 个工作日"
        return (
            f"{a.tracking_number}  {a.applicant_name or '—'}  "
            f"答复期限 {day_text(a.due_on) if a.due_on else '—'}（{when}）"
        )


def reminders_on(day: date, *, agency_ids: AgencyIds | None = None) -> list[Reminder]:
    """Every running application due by the 5th working day after ``day``, in
    the order of their due dates."""
    calendar = work_calendar()
    horizon = calendar.nth_after(day, SOON)
    applications = (
        applications_with_running_clock(agency_ids=agency_ids)
        .filter(due_on__lte=horizon)
        .select_related("agency", "handler")
        .order_by("due_on", "tracking_number")
    )
    return [_reminder(a, day, calendar) for a in applications]


def _reminder(application: Application, day: date, calendar: WorkCalendar) -> Reminder:
    due = application.due_on
    if due is None:  # never: only running clocks are listed; say so to the types
        raise ValueError(f"{application.tracking_number} has no due date")
    if due < day:
        return Reminder(application, Bucket.OVERDUE, calendar.count(due, day))
    left = calendar.count(day, due)
    bucket = Bucket.WITHIN_1 if left <= VERY_SOON else Bucket.WITHIN_5
    return Reminder(application, bucket, left)


def grouped(
    reminders: Iterable[Reminder], key: str
) -> dict[Any, dict[Bucket, list[Reminder]]]:
    """Reminders by ``handler`` or by ``agency`` (the office), then by bucket."""
    groups: dict[Any, dict[Bucket, list[Reminder]]] = defaultdict(
        lambda: {b: [] for b in Bucket}
    )
    for reminder in reminders:
        groups[getattr(reminder.application, key)][reminder.bucket].append(reminder)
    return dict(groups)


def person(user: Any) -> str:
    """A user as a Chinese reader names them: family name first, no space."""
    if user is None:
        return "未指定承办人"
    return f"{user.last_name}{user.first_name}" or user.username


def digest_text(title: str, buckets: dict[Bucket, list[Reminder]]) -> str:
    lines = [title, ""]
    for bucket in Bucket:
        if buckets[bucket]:
            lines.append(f"{BUCKET_LABELS[bucket]}（{len(buckets[bucket])} 件）：")
            lines.extend(f"  {r.line()}" for r in buckets[bucket])
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def reminder_mails(reminders: list[Reminder], day: date) -> list[EmailMessage]:
    """One mail to each handler with their applications, and one to each office's
    heads (users with the office-head role in the agency) with all of the office's."""
    from gongkai.accounts.models import User

    subject = f"政府信息公开申请到期提醒（{day_text(day)}）"
    mails = []
    for handler, buckets in grouped(reminders, "handler").items():
        if handler is not None and handler.email:
            body = digest_text(f"{person(handler)}：", buckets)
            mails.append(EmailMessage(subject, body, to=[handler.email]))
    for agency, buckets in grouped(reminders, "agency").items():
        heads = User.objects.filter(
            agency=agency, role=User.Role.OFFICE_HEAD, is_active=True
        ).exclude(email="")
        if heads:
            body = digest_text(f"{agency.name}政府信息公开工作机构：", buckets)
            mails.append(EmailMessage(subject, body, to=[u.email for u in heads]))
    return mails
