"""Working days, as the catalogue needs them: one small interface.

The calendar belongs to the ``workdays`` room (holidays and 调休 working weekends as
data, with years not yet announced counted provisionally with the law's holidays).
The catalogue asks two questions of it, and only through this module, so that it
does not depend on how that room is built:

- ``add_workdays(day, n)``: the n-th working day after ``day`` (``day`` itself not
  counted: periods run from the day after the event);
- ``workdays_between(a, b)``: how many working days ``d`` there are with
  ``a < d <= b``.

``calendar()`` returns both bound to the calendar as stored now; take it once for a
batch of items (reading the calendar is a query).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.workdays.arithmetic import WorkCalendar


@dataclass(frozen=True)
class Workdays:
    """The two questions, answered by one calendar."""

    calendar: WorkCalendar

    def add_workdays(self, day: date, n: int) -> date:
        return self.calendar.nth_after(day, n)

    def workdays_between(self, after: date, through: date) -> int:
        return self.calendar.count(after, through)


def calendar() -> Workdays:
    from gongkai.workdays.selectors import work_calendar

    return Workdays(work_calendar())


def add_workdays(day: date, n: int) -> date:
    return calendar().add_workdays(day, n)


def workdays_between(after: date, through: date) -> int:
    return calendar().workdays_between(after, through)
