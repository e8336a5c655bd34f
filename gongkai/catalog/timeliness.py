"""Publishing on time: the deadline of 《政府信息公开条例》第二十六条 (pure).

"属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
法律、法规对政府信息公开的期限另有规定的，从其规定。"

The period runs from the day the information was formed (生成日期), or changed when
it changed, and counts working days after that day. An item published after its due
date, or still unpublished past it, is late.
"""

from __future__ import annotations

from datetime import date

from .workdays_adapter import Workdays

PROACTIVE_DEADLINE_WORKDAYS = 20  # 第二十六条


def publication_due_on(
    workdays: Workdays, *, formed_on: date, changed_on: date | None = None
) -> date:
    """The last day on which the item is published on time (第二十六条)."""
    start = max(formed_on, changed_on) if changed_on else formed_on
    return workdays.add_workdays(start, PROACTIVE_DEADLINE_WORKDAYS)


def is_late(*, due_on: date | None, published_on: date | None, today: date) -> bool:
    """Published after ``due_on``, or unpublished and past it."""
    if due_on is None:
        return False
    return (published_on or today) > due_on
