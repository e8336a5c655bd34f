"""The reply clock of an application, reckoned from what was recorded. No Django here.

The due date is never typed: it is derived from the events of the application's
deadline ledger (receipt, a corrected application, pauses, an extension, a delay)
over the working-day calendar, and every due date can say how it was reached.

The rules, each in one place:

- 《政府信息公开条例》第三十三条第二款: a reply within 20 working days of receipt
  (收到申请之日, fixed by 第三十一条), extendable once by at most 20 working days
  with the disclosure office head's approval, the applicant told.
- 第三十条: a 补正 notice within 7 working days of receipt; the reply period then
  runs from the day the corrected application is received.
- 第三十三条第三款 with 第三十二条 and 第三十四条: the time spent consulting a third
  party or another agency is not counted (each has 15 working days to answer).
- 国办函〔2020〕109号 and its implementing notices: 20 working days to pay after a
  fee notice. Whether the clock stands still from notice to payment the national
  text does not say; gongkai pauses it by default (setting
  ``GONGKAI_FEE_NOTICE_PAUSES_CLOCK``), and the caller decides.
- 第三十五条: for excessive requests found reasonable, the agency may fix a
  reasonable delay, recorded here as extra working days.

Counting: the receipt day itself is not counted by default (counting starts the day
after, setting ``GONGKAI_COUNT_FROM_NEXT_DAY``). A pause from F to T stops the clock
at the end of F and starts it again the day after T: the working days after F up
to and including T are not counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from gongkai.core.law import article
from gongkai.workdays.arithmetic import WorkCalendar, day_text, stretch_text

REPLY_PERIOD = 20  # 第三十三条第二款
MAX_EXTENSION = 20  # 第三十三条第二款
CORRECTION_NOTICE_PERIOD = 7  # 第三十条
CONSULTATION_PERIOD = 15  # 第三十二条、第三十四条
PAYMENT_PERIOD = 20  # 国办函〔2020〕109号

ART_RECEIPT = article("第三十一条")
ART_PERIOD = article("第三十三条第二款")
ART_CORRECTION = article("第三十条")
ART_DELAY = article("第三十五条")


class PauseKind(StrEnum):
    THIRD_PARTY = "third_party"
    OTHER_AGENCY = "other_agency"
    FEE = "fee"
    OTHER = "other"


# What each pause is, and the articles that take its time off the clock.
PAUSE_BASIS: dict[str, tuple[str, str]] = {
    PauseKind.THIRD_PARTY: (
        "征求第三方意见",
        article("第三十二条、第三十三条第三款"),
    ),
    PauseKind.OTHER_AGENCY: (
        "征求其他机关意见",
        article("第三十四条、第三十三条第三款"),
    ),
    PauseKind.FEE: ("收费通知至缴费", "国办函〔2020〕109号"),
    PauseKind.OTHER: ("征求意见等", article("第三十三条第三款")),
}


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    AWAITING_CORRECTION = "awaiting_correction"


@dataclass(frozen=True)
class Pause:
    """The clock stood still after ``starts_on`` up to and including ``ends_on``
    (``None``: it still does)."""

    kind: str
    starts_on: date
    ends_on: date | None = None


@dataclass(frozen=True)
class ClockInput:
    """Everything the due date depends on, as recorded."""

    received_on: date
    corrected_on: date | None = None
    awaiting_correction: bool = False
    pauses: tuple[Pause, ...] = ()
    extension_days: int = 0
    delay_days: int = 0
    count_from_next_day: bool = True

    @property
    def period(self) -> int:
        return REPLY_PERIOD + self.extension_days + self.delay_days


@dataclass(frozen=True)
class Counted:
    first: date
    last: date
    workdays: int


@dataclass(frozen=True)
class Skipped:
    """A pause as it affected the clock: the pauses merged into it, the days it
    covered and how many working days it kept off the count."""

    pauses: tuple[Pause, ...]
    starts_on: date
    ends_on: date | None
    workdays: int | None


@dataclass(frozen=True)
class Reckoning:
    """The outcome of reckoning a clock: the due date (``None`` while the clock is
    stopped), the state, the working days still to count, and the ledger walked."""

    input: ClockInput
    state: ClockState
    due: date | None
    remaining: int
    segments: tuple[Counted | Skipped, ...] = ()
    provisional: bool = False

    @property
    def day_zero(self) -> date:
        return self.input.corrected_on or self.input.received_on


@dataclass(frozen=True)
class DueDateLine:
    """One line of a due date's explanation."""

    kind: str
    text: str
    article: str = ""
    first: date | None = None
    last: date | None = None
    workdays: int | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "article": self.article,
            "from": self.first.isoformat() if self.first else None,
            "to": self.last.isoformat() if self.last else None,
            "workdays": self.workdays,
            **self.details,
        }


# -- reckoning -----------------------------------------------------------------------


def reckon(clock: ClockInput, calendar: WorkCalendar) -> Reckoning:
    """Walk the clock's ledger over the calendar and find the due date."""
    if clock.awaiting_correction and clock.corrected_on is None:
        return Reckoning(clock, ClockState.AWAITING_CORRECTION, None, clock.period)
    segments: list[Counted | Skipped] = []
    due, remaining = _walk(clock, calendar, segments)
    if due is None:
        return Reckoning(clock, ClockState.PAUSED, None, remaining, tuple(segments))
    day_zero = clock.corrected_on or clock.received_on
    provisional = any(
        year not in calendar.years for year in range(day_zero.year, due.year + 1)
    )
    return Reckoning(
        clock, ClockState.RUNNING, due, 0, tuple(segments), provisional=provisional
    )


def due_date(clock: ClockInput, calendar: WorkCalendar) -> date | None:
    """The due date alone (``None`` while the clock stands still): what a
    recomputation of many applications needs, without the explanation."""
    if clock.awaiting_correction and clock.corrected_on is None:
        return None
    return _walk(clock, calendar, None)[0]


def _walk(
    clock: ClockInput, calendar: WorkCalendar, segments: list[Counted | Skipped] | None
) -> tuple[date | None, int]:
    """Count working days from day zero, skipping the pauses, until the period is
    used up: the due date (or ``None`` inside an open pause) and the days left.
    When ``segments`` is a list, the stretches counted and skipped are put in it."""
    day_zero = clock.corrected_on or clock.received_on
    cursor = day_zero if clock.count_from_next_day else day_zero - timedelta(days=1)
    need = clock.period
    for group in _merged_pauses(clock.pauses, cursor) if clock.pauses else ():
        if group.starts_on > cursor:
            available = calendar.count(cursor, group.starts_on)
            if available >= need:
                break
            if segments is not None:
                segments.append(
                    Counted(cursor + timedelta(1), group.starts_on, available)
                )
            need -= available
        if segments is not None:
            segments.append(group)
        if group.ends_on is None:
            return None, need
        cursor = max(cursor, group.ends_on)
    due = calendar.nth_after(cursor, need)
    if segments is not None:
        segments.append(Counted(cursor + timedelta(1), due, need))
    return due, 0


def _merged_pauses(pauses: Sequence[Pause], cursor: date) -> list[Skipped]:
    """The pauses that matter after ``cursor``, overlapping ones merged, in order.

    A pause that began before the clock (re)started counts from the (re)start.
    """
    relevant = sorted(
        (p for p in pauses if p.ends_on is None or p.ends_on > cursor),
        key=lambda p: p.starts_on,
    )
    groups: list[Skipped] = []
    for pause in relevant:
        start = max(pause.starts_on, cursor)
        last = groups[-1] if groups else None
        if last and (last.ends_on is None or start <= last.ends_on):
            end = (
                None
                if last.ends_on is None or pause.ends_on is None
                else max(last.ends_on, pause.ends_on)
            )
            groups[-1] = Skipped((*last.pauses, pause), last.starts_on, end, None)
        else:
            groups.append(Skipped((pause,), start, pause.ends_on, None))
    return groups


# -- explaining ----------------------------------------------------------------------


def explain(reckoning: Reckoning, calendar: WorkCalendar) -> list[DueDateLine]:
    """The due date, line by line: the start, each stretch counted with the holidays
    skipped, each pause, the extension and delay, and the result."""
    clock = reckoning.input
    lines = [_start_line(clock)]
    if reckoning.state is ClockState.AWAITING_CORRECTION:
        lines.append(
            DueDateLine(
                "awaiting_correction",
                "等待申请人补正：答复期限自收到补正后的申请之日起重新计算。",
                ART_CORRECTION,
            )
        )
        return lines
    lines.append(_period_line(clock))
    for segment in reckoning.segments:
        if isinstance(segment, Counted):
            stretch = calendar.stretch(segment.first, segment.last)
            lines.append(
                DueDateLine(
                    "count",
                    stretch_text(stretch),
                    first=segment.first,
                    last=segment.last,
                    workdays=segment.workdays,
                    details=_stretch_details(stretch),
                )
            )
        else:
            lines.append(_pause_line(segment, calendar))
    lines.append(_result_line(reckoning, calendar))
    return lines


def _start_line(clock: ClockInput) -> DueDateLine:
    start = "自次日起计算" if clock.count_from_next_day else "当日起计算"
    if clock.corrected_on is None:
        return DueDateLine(
            "start",
            f"收到申请：{day_text(clock.received_on)}，{start}。",
            ART_RECEIPT,
            first=clock.received_on,
        )
    return DueDateLine(
        "restart",
        f"收到申请：{day_text(clock.received_on)}；收到补正后的申请："
        f"{day_text(clock.corrected_on)}，答复期限自该日重新计算，{start}。",
        ART_CORRECTION,
        first=clock.corrected_on,
    )


def _period_line(clock: ClockInput) -> DueDateLine:
    parts = [f"法定答复期限 {REPLY_PERIOD} 个工作日"]
    articles = [ART_PERIOD]
    if clock.extension_days:
        parts.append(f"经政府信息公开工作机构负责人同意延长 {clock.extension_days} 个")
    if clock.delay_days:
        parts.append(f"延迟答复 {clock.delay_days} 个")
        articles.append(ART_DELAY)
    text = " ＋ ".join(parts)
    if len(parts) > 1:
        text += f" ＝ 共 {clock.period} 个工作日"
    return DueDateLine(
        "period", text + "。", "、".join(articles), workdays=clock.period
    )


def _pause_line(segment: Skipped, calendar: WorkCalendar) -> DueDateLine:
    names = "、".join(dict.fromkeys(PAUSE_BASIS[p.kind][0] for p in segment.pauses))
    articles = "；".join(dict.fromkeys(PAUSE_BASIS[p.kind][1] for p in segment.pauses))
    if segment.ends_on is None:
        text = f"暂停（{names}）：自{day_text(segment.starts_on)}起暂停计算，尚未恢复。"
        return DueDateLine("pause", text, articles, first=segment.starts_on)
    skipped = calendar.count(segment.starts_on, segment.ends_on)
    text = (
        f"暂停（{names}）：{day_text(segment.starts_on)}至"
        f"{day_text(segment.ends_on)}，其间 {skipped} 个工作日不计入期限。"
    )
    return DueDateLine(
        "pause",
        text,
        articles,
        first=segment.starts_on,
        last=segment.ends_on,
        workdays=skipped,
    )


def _result_line(reckoning: Reckoning, calendar: WorkCalendar) -> DueDateLine:
    version = {"calendar_version": calendar.version}
    if reckoning.due is None:
        return DueDateLine(
            "paused",
            f"暂停中：尚余 {reckoning.remaining} 个工作日，恢复计算后确定答复期限。",
            workdays=reckoning.remaining,
            details=version,
        )
    text = f"答复期限：{day_text(reckoning.due)}。"
    if reckoning.provisional:
        text += "（部分年度节假日安排尚未录入，录入后可能变动）"
    return DueDateLine("due", text, last=reckoning.due, details=version)


def _stretch_details(stretch: Any) -> dict[str, Any]:
    def runs(items: Sequence[Any]) -> list[dict[str, str]]:
        return [
            {"name": r.name, "from": r.first.isoformat(), "to": r.last.isoformat()}
            for r in items
        ]

    return {
        "holidays": runs(stretch.holidays),
        "make_up_workdays": runs(stretch.make_up_days),
        "provisional_years": list(stretch.provisional),
    }


# -- the other deadlines of the procedure ----------------------------------------------


def correction_notice_due(received_on: date, calendar: WorkCalendar) -> date:
    """The last day to send the 补正 notice: 7 working days after receipt (第三十条)."""
    return calendar.nth_after(received_on, CORRECTION_NOTICE_PERIOD)


def consultation_answer_due(sent_on: date, calendar: WorkCalendar) -> date:
    """A consulted party's last day to answer: 15 working days (第三十二条、
    第三十四条)."""
    return calendar.nth_after(sent_on, CONSULTATION_PERIOD)


def payment_due(notified_on: date, calendar: WorkCalendar) -> date:
    """The last day to pay a fee: 20 working days from the day after the notice was
    received (国办函〔2020〕109号, as the provincial implementing notices word it)."""
    return calendar.nth_after(notified_on, PAYMENT_PERIOD)
