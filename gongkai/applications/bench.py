"""``gongkai bench deadlines``: recomputing open deadlines after a holiday change.

The benchmark database gets, once, an agency with 100,000 open applications over
2025, their deadline ledgers varied as real ones are (补正 restarts, consultations
open and finished, fee notices, extensions, delays). Each run then declares a
weekday a holiday and takes it back (``calendar_day_set``, the service staff use):
each change recomputes every open due date and records those that moved.

The baseline is a bare loop that, for each application, walks day by day from its
start adding the same number of working days (the period plus the working days
its pauses kept off the clock) over the same calendar, in memory.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from gongkai.reports.bench import Measurement, Progress, benchmark

SIZE = 100_000
YEAR = 2025
CODE_STEM = "11520000BENCH0002"
AGENCY = "基准测试市政务服务数据管理局"
CHANGED_DAY = date(YEAR, 6, 30)  # a Monday, made a holiday and back
SEED = 2025


def _agency(progress: Progress) -> Any:
    from gongkai.agencies.codes import credit_code_check_char
    from gongkai.agencies.models import Agency

    code = CODE_STEM + credit_code_check_char(CODE_STEM)
    found = Agency.objects.filter(credit_code=code).first()
    if found is not None:
        return found
    progress(f"首次运行：正在生成 {SIZE} 件未办结申请及其期限记录……")
    started = time.perf_counter()
    with transaction.atomic():
        agency = Agency(name=AGENCY, credit_code=code, level="city", kind="department")
        agency.save()
        _open_applications(agency, random.Random(SEED))
    from gongkai.workdays.selectors import work_calendar

    from .selectors import clock_inputs  # noqa: F401  (warm imports outside timing)
    from .services.deadlines import deadlines_recompute

    deadlines_recompute(acting_user=None, calendar=work_calendar())
    progress(f"合成数据已生成，用时 {time.perf_counter() - started:.1f} 秒")
    return agency


def _open_applications(agency: Any, rng: random.Random) -> None:
    """Open applications received over the year, with their clock records."""
    from .models import (
        Application,
        Consultation,
        CorrectionRequest,
        Extension,
        FeeNotice,
    )

    start = date(YEAR, 1, 2)
    Application.objects.bulk_create(
        (
            Application(
                agency=agency,
                tracking_number=f"BENCH-D-{n:06d}",
                submitted_on=start + timedelta(days=n * 360 // SIZE),
                received_on=start + timedelta(days=n * 360 // SIZE),
                channel="online",
                applicant_type="natural_person",
            )
            for n in range(SIZE)
        ),
        batch_size=5000,
    )
    rows = Application.objects.filter(agency=agency).values_list("pk", "received_on")
    corrections, consultations, fees, extensions = [], [], [], []
    for pk, received in rows:
        roll = rng.random()
        if roll < 0.10:
            corrections.append(_correction(pk, received, rng, CorrectionRequest))
        elif roll < 0.30:
            consultations.append(_consultation(pk, received, rng, Consultation))
        elif roll < 0.35:
            fees.append(_fee(pk, received, rng, FeeNotice))
        if rng.random() < 0.10:
            extensions.append(
                Extension(
                    application_id=pk,
                    kind="extension",
                    days=rng.randint(5, 20),
                    reason="基准测试",
                    decided_on=received + timedelta(days=20),
                    notified_on=received + timedelta(days=20),
                )
            )
    for model, batch in (
        (CorrectionRequest, corrections),
        (Consultation, consultations),
        (FeeNotice, fees),
        (Extension, extensions),
    ):
        model.objects.bulk_create(batch, batch_size=5000)


def _correction(pk, received, rng, model):
    notified = received + timedelta(days=rng.randint(1, 9))
    corrected = (
        notified + timedelta(days=rng.randint(2, 20)) if rng.random() < 0.8 else None
    )
    return model(
        application_id=pk,
        notified_on=notified,
        items="基准测试",
        correct_by=notified + timedelta(days=21),
        corrected_on=corrected,
    )


def _consultation(pk, received, rng, model):
    sent = received + timedelta(days=rng.randint(1, 14))
    answered = sent + timedelta(days=rng.randint(3, 21)) if rng.random() < 0.7 else None
    return model(
        application_id=pk,
        kind=rng.choice(["third_party", "other_agency"]),
        party="基准测试",
        sent_on=sent,
        answer_due=sent + timedelta(days=21),
        answered_on=answered,
        opinion="consent" if answered else "",
    )


def _fee(pk, received, rng, model):
    notified = received + timedelta(days=rng.randint(1, 10))
    paid = notified + timedelta(days=rng.randint(1, 20)) if rng.random() < 0.6 else None
    return model(
        application_id=pk,
        basis="per_page",
        quantity=150,
        amount=1700,
        notified_on=notified,
        pay_by=notified + timedelta(days=28),
        paid_on=paid,
    )


def _bare_loop_work(calendar: Any) -> list[tuple[date, int]]:
    """For each open application: the day it counts from and how many working days
    a plain day-by-day walk must add to reach its due date (untimed)."""
    from . import clock
    from .selectors import applications_open, clock_inputs

    work = []
    applications = list(applications_open().only("pk", "received_on"))
    for clock_in in clock_inputs(applications).values():
        reckoning = clock.reckon(clock_in, calendar)
        if reckoning.due is None:
            continue
        start = reckoning.day_zero
        work.append((start, calendar.count(start, reckoning.due)))
    return work


def _bare_loop(calendar: Any, work: list[tuple[date, int]]) -> None:
    holidays, workdays = set(calendar.holidays), set(calendar.workdays)
    one = timedelta(days=1)
    for start, n in work:
        day, counted = start, 0
        while counted < n:
            day += one
            if day in workdays or (day not in holidays and day.weekday() < 5):
                counted += 1


@benchmark("deadlines")
def deadlines_benchmark(*, runs: int, progress: Progress) -> list[Measurement]:
    """100,000 open applications' due dates recomputed after a holiday change,
    against a bare loop adding the same working days."""
    from gongkai.core.models import Event
    from gongkai.workdays.selectors import work_calendar
    from gongkai.workdays.services import calendar_day_set

    from .selectors import applications_open

    _agency(progress)
    calendar = work_calendar()
    work = _bare_loop_work(calendar)
    open_count = applications_open().count()
    recompute = loop = float("inf")
    moved = 0
    for _ in range(max(1, runs)):
        for kind in ("holiday", "normal"):
            first_event = (
                Event.objects.order_by("-pk").values_list("pk", flat=True).first()
            )
            started = time.perf_counter()
            calendar_day_set(
                acting_user=None, day=CHANGED_DAY, kind=kind, name="基准测试"
            )
            recompute = min(recompute, time.perf_counter() - started)
            moved = Event.objects.filter(
                pk__gt=first_event or 0, verb="deadline_recomputed"
            ).count()
            Event.objects.filter(pk__gt=first_event or 0).delete()  # keep it stable
        started = time.perf_counter()
        _bare_loop(calendar, work)
        loop = min(loop, time.perf_counter() - started)
    return [
        Measurement("deadlines.recompute", recompute, "s", baseline=loop),
        Measurement("deadlines.bare_loop", loop, "s"),
        Measurement("deadlines.applications", float(open_count), "applications"),
        Measurement("deadlines.with_due_date", float(len(work)), "applications"),
        Measurement("deadlines.moved", float(moved), "applications"),
    ]
