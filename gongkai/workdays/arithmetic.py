"""Working-day arithmetic on China's calendar, given as data. No Django here.

A working day (工作日) is a Monday to Friday that is not a holiday, or a weekend day
the State Council's yearly notice (《关于YYYY年部分节假日安排的通知》) makes a working
day (调休上班). Every peer FOI system hard-codes Saturday and Sunday; here the
calendar is passed in as data (``WorkCalendar``), loaded by the caller from wherever
it is kept, so this module can be tested and reasoned about without a database.

Years the calendar does not cover (the notice for next year is not out yet, or
nobody has entered it) are counted with the holidays the law itself fixes
(``statutory``: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 and their 补假) and otherwise
Monday to Friday, and reported as provisional: a due date is never refused for want
of a calendar, but it says that it may move (the 调休 swaps are not yet known).

Counting convention: ``count(after, through)`` counts the working days ``d`` with
``after < d <= through``; ``nth_after(day, n)`` is the n-th working day after
``day``. Periods in the Regulation run from the day after the triggering event
(whether the receipt day itself counts is a setting of the caller, not of this
module).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .statutory import statutory_holidays

# How far beyond the last known year dates are counted (provisionally).
PROVISIONAL_YEARS = 5
EARLIEST_YEAR = 2000
# The first year the present holidays apply to (国务院令第644号, in force 2014); an
# unknown year before it is counted Monday to Friday.
STATUTORY_SINCE = 2014


@dataclass(frozen=True)
class Run:
    """Consecutive days of one kind inside a stretch, for explanations: a holiday
    (春节 2月10日至17日) or a make-up working day (调休上班)."""

    name: str
    first: date
    last: date


@dataclass(frozen=True)
class Stretch:
    """A stretch of days from ``first`` to ``last`` (both included) in which
    ``workdays`` working days were counted, with what was skipped or added."""

    first: date
    last: date
    workdays: int
    holidays: tuple[Run, ...] = ()
    make_up_days: tuple[Run, ...] = ()
    provisional: tuple[int, ...] = ()  # years counted by the law's holidays only


@dataclass
class WorkCalendar:
    """The working-day calendar: holidays and 调休 working days, each with the name
    of its festival, and the years whose schedule is known."""

    holidays: Mapping[date, str]
    workdays: Mapping[date, str]
    years: frozenset[int]
    _ordinals: list[int] = field(default_factory=list, init=False, repr=False)
    _statutory: dict[int, Mapping[date, str]] = field(
        default_factory=dict, init=False, repr=False
    )
    _span: tuple[int, int] = field(default=(0, -1), init=False, repr=False)

    @classmethod
    def build(
        cls,
        *,
        holidays: Mapping[date, str] | Iterable[tuple[date, str]] = (),
        workdays: Mapping[date, str] | Iterable[tuple[date, str]] = (),
        years: Iterable[int] = (),
    ) -> WorkCalendar:
        holidays = dict(holidays)
        workdays = dict(workdays)
        clash = sorted(set(holidays) & set(workdays))
        if clash:
            raise ValueError(f"{clash[0]} 既是节假日又是调休上班日")
        known = frozenset(years) | {d.year for d in (*holidays, *workdays)}
        return cls(holidays=holidays, workdays=workdays, years=frozenset(known))

    # -- single days -------------------------------------------------------------

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if day.year not in self.years and day in self.provisional_holidays(day.year):
            return False
        return day.weekday() < 5

    def is_known(self, day: date) -> bool:
        return day.year in self.years

    def provisional_holidays(self, year: int) -> Mapping[date, str]:
        """The holidays counted in a year whose schedule is not known: those the
        law fixes (``statutory``); none for a known year."""
        if year in self.years or year < STATUTORY_SINCE:
            return {}
        try:
            return self._statutory[year]
        except KeyError:
            found = self._statutory[year] = statutory_holidays(year)
            return found

    def holiday_name(self, day: date) -> str | None:
        """The festival a day off belongs to, entered or (provisionally) fixed by
        law; None for a day that is not a holiday."""
        return self.holidays.get(day) or self.provisional_holidays(day.year).get(day)

    # -- counting ----------------------------------------------------------------

    def count(self, after: date, through: date) -> int:
        """How many working days ``d`` there are with ``after < d <= through``."""
        if through <= after:
            return 0
        self._cover(after.year, through.year)
        return self._index(through) - self._index(after)

    def nth_after(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day``; for ``n == 0``, ``day`` itself when
        it is a working day, else the next one."""
        if n < 0:
            raise ValueError("工作日数不能为负数")
        if n == 0:
            return day if self.is_workday(day) else self.nth_after(day, 1)
        self._cover(day.year, day.year + 1 + n // 200)
        position = self._index(day) + n - 1
        while position >= len(self._ordinals):  # beyond the span: widen it
            self._cover(day.year, self._span[1] + 1)
        return date.fromordinal(self._ordinals[position])

    def workdays_between(self, first: date, last: date) -> Iterator[date]:
        """The working days from ``first`` to ``last``, both included."""
        day = first
        while day <= last:
            if self.is_workday(day):
                yield day
            day += timedelta(days=1)

    # -- explaining --------------------------------------------------------------

    def stretch(self, first: date, last: date) -> Stretch:
        """What happened between ``first`` and ``last`` (both included): the working
        days counted, the holidays skipped and the make-up working days counted."""
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        holidays = _runs(
            (d, name) for d in days if (name := self.holiday_name(d)) is not None
        )
        make_up = _runs((d, self.workdays[d]) for d in days if d in self.workdays)
        unknown = sorted({d.year for d in days if not self.is_known(d)})
        return Stretch(
            first=first,
            last=last,
            workdays=self.count(first - timedelta(days=1), last),
            holidays=tuple(holidays),
            make_up_days=tuple(make_up),
            provisional=tuple(unknown),
        )

    @property
    def version(self) -> str:
        """A short fingerprint of the calendar's content: two calendars with the
        same version count every day alike. Due dates record it."""
        digest = hashlib.sha256()
        for day, kind in sorted(
            [(d, "h") for d in self.holidays] + [(d, "w") for d in self.workdays]
        ):
            digest.update(f"{day.isoformat()}{kind};".encode())
        digest.update(",".join(map(str, sorted(self.years))).encode())
        return digest.hexdigest()[:10]

    # -- the index behind ``count`` and ``nth_after`` ------------------------------

    def _index(self, day: date) -> int:
        """How many working days of the span fall on or before ``day``."""
        return bisect_right(self._ordinals, day.toordinal())

    def _cover(self, first_year: int, last_year: int) -> None:
        """Make the sorted list of working days span ``first_year``–``last_year``
        (and the known years around them), so that lookups are bisections."""
        if self._span[0] < first_year and last_year < self._span[1]:
            return  # the common case, first and cheap
        low = min(first_year - 1, min(self.years, default=first_year) - 1)
        high = max(
            last_year + 1, max(self.years, default=last_year) + PROVISIONAL_YEARS
        )
        low = max(low, EARLIEST_YEAR)
        covered_low, covered_high = self._span
        if covered_low <= low and high <= covered_high:
            return
        if covered_low <= covered_high:  # widen what is there, never narrow it
            low, high = min(low, covered_low), max(high, covered_high)
        start, end = date(low, 1, 1), date(high, 12, 31)
        self._ordinals = [
            ordinal
            for ordinal in range(start.toordinal(), end.toordinal() + 1)
            if self.is_workday(date.fromordinal(ordinal))
        ]
        self._span = (low, high)


def _runs(days: Iterable[tuple[date, str]]) -> list[Run]:
    """Group consecutive days that share a name into runs."""
    runs: list[Run] = []
    for day, name in days:
        last = runs[-1] if runs else None
        if last and last.name == name and (day - last.last).days == 1:
            runs[-1] = Run(name, last.first, day)
        else:
            runs.append(Run(name, day, day))
    return runs


# -- wording -------------------------------------------------------------------------


def day_text(day: date) -> str:
    """A date as official documents write it: 2024年10月8日."""
    return f"{day.year}年{day.month}月{day.day}日"


def run_text(run: Run) -> str:
    if run.first == run.last:
        return f"{run.name} {day_text(run.first)}"
    return f"{run.name} {day_text(run.first)}至{day_text(run.last)}"


def stretch_text(stretch: Stretch) -> str:
    """One line: the days counted, then what was skipped and added on the way."""
    text = (
        f"计入 {day_text(stretch.first)}至{day_text(stretch.last)}："
        f"{stretch.workdays} 个工作日"
    )
    notes = []
    if stretch.holidays:
        notes.append("跳过节假日 " + "、".join(map(run_text, stretch.holidays)))
    if stretch.make_up_days:
        days = "、".join(map(run_text, stretch.make_up_days))
        notes.append(f"调休上班日照常计入 {days}")
    if stretch.provisional:
        years = "、".join(f"{y}年" for y in stretch.provisional)
        notes.append(
            f"{years}节假日安排尚未公布或录入，暂按《全国年节及纪念日放假办法》"
            "规定的法定节假日计算，调休上班日未知"
        )
    return text + ("（" + "；".join(notes) + "）" if notes else "")
