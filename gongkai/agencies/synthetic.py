"""Synthetic agency records: the agency itself, its years, query points, meetings,
trainings and attested figures.

One of the per-app generators (each ledger app has its ``synthetic`` module) used by
the test ledgers (``gongkai.testing.ledgers``), the benchmarks and the demo's
synthetic county. Every function draws from the ``random.Random`` it is given, so a
seed makes the same records. Two families:

- ``random_*``: records spread over every combination the models allow (blank
  years, closed query points, negative changes), written in bulk: for the tests that
  build reports from *any* ledger, and for the benchmarks;
- ``county_*``: records as a county's office keeps them, on working days, returned
  unsaved and without their agency, for the demo to write idempotently.

Generators create rows directly, past the services: they are fixtures, not a door
for people. They must still make valid records.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Model
from django.utils import timezone

from gongkai.workdays.synthetic import local_moment, workday_in

from .attested import NATIONAL_KEYS
from .codes import credit_code_check_char
from .models import Agency, AgencyYear, AttestedFigure, Meeting, QueryPoint, Training

BATCH = 2000


def bulk_save(model: type[Model], rows: Iterable[Model], batch: int = BATCH) -> None:
    """Write ``rows`` of ``model`` in batches (no ``save()``, no signals)."""
    model._default_manager.bulk_create(rows, batch_size=batch)


def day_in(rng: random.Random, year: int) -> date:
    """Any day of ``year``, working or not."""
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    """One value of ``(value, weight)`` pairs, drawn by weight."""
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def synthetic_agency(
    *, name: str, code_stem: str, level: str, kind: str
) -> tuple[Agency, bool]:
    """The agency whose credit code is ``code_stem`` (17 characters) and its check
    character, created when missing; and whether it was created. A benchmark's
    agency is found by its code, so its records are made once."""
    code = code_stem + credit_code_check_char(code_stem)
    found = Agency.objects.filter(credit_code=code).first()
    if found is not None:
        return found, False
    agency = Agency(name=name, credit_code=code, level=level, kind=kind)
    agency.save()
    return agency, True


# -- every combination the models allow ------------------------------------------


def random_agency_records(
    agency: Agency,
    *,
    years: Sequence[int],
    rng: random.Random,
    attested_keys: Sequence[str] = tuple(NATIONAL_KEYS),
) -> None:
    """Years (some never entered: blank, not 0), query points (some closed),
    meetings, trainings and attested figures (some never attested) of ``agency``."""
    bulk_save(
        AgencyYear,
        (
            AgencyYear(
                agency=agency,
                year=year,
                dedicated_offices=rng.randint(0, 2),
                full_time_staff=rng.randint(0, 5),
                part_time_staff=rng.randint(0, 10),
                budget=Decimal(rng.randint(0, 500)) / 100,
            )
            for year in years
            if rng.random() < 0.8
        ),
    )
    bulk_save(
        QueryPoint,
        (
            QueryPoint(
                agency=agency,
                name=f"查阅点{i}",
                opened_on=day_in(rng, min(years) - 1),
                closed_on=day_in(rng, max(years)) if rng.random() < 0.3 else None,
            )
            for i in range(rng.randint(0, 4))
        ),
    )
    for year in years:
        _random_year(agency, year, rng, attested_keys)


def _random_year(
    agency: Agency, year: int, rng: random.Random, keys: Sequence[str]
) -> None:
    bulk_save(
        Meeting,
        (
            Meeting(agency=agency, held_on=day_in(rng, year), title=f"会议{i}")
            for i in range(rng.randint(0, 4))
        ),
    )
    bulk_save(
        Training,
        (
            Training(
                agency=agency,
                held_on=day_in(rng, year),
                title=f"培训{i}",
                attendees=rng.randint(5, 120),
            )
            for i in range(rng.randint(0, 3))
        ),
    )
    bulk_save(
        AttestedFigure,
        (
            AttestedFigure(
                agency=agency,
                year=year,
                key=key,
                value=Decimal(rng.randint(-30 if "change" in key else 0, 900)),
                source_document="业务系统年度统计表",
                attested_at=timezone.now(),
            )
            for key in keys
            if rng.random() < 0.7  # the others were never attested: blank
        ),
    )


# -- a county's office ------------------------------------------------------------


def county_query_points(
    *, name: str, short_name: str, address: str, county: str | None = None
) -> list[QueryPoint]:
    """Where the public reads disclosed information: the agency's own reading
    point, a service window and an old office closed in 2021; the ``county``
    government's archive and library too."""
    points = [
        QueryPoint(
            name=f"{name}政府信息公开查阅点",
            address=address,
            opened_on=date(2015, 7, 1),
        ),
        QueryPoint(
            name=f"{short_name}便民服务窗口",
            address=address,
            opened_on=date(2019, 4, 1),
        ),
        QueryPoint(
            name=f"{short_name}临时查阅点（老办公区）",
            address="老城区办公楼",
            opened_on=date(2016, 3, 1),
            closed_on=date(2021, 9, 30),
        ),
    ]
    if county:
        points += [
            QueryPoint(
                name=f"{county}档案馆政府信息查阅中心",
                address=f"{county}档案馆",
                opened_on=date(2014, 5, 1),
            ),
            QueryPoint(
                name=f"{county}图书馆政府信息查阅点",
                address=f"{county}图书馆",
                opened_on=date(2014, 5, 1),
            ),
        ]
    return points


def county_year(
    rng: random.Random, year: int, *, government: bool
) -> tuple[AgencyYear, list[Meeting], list[Training]]:
    """The office's staff and budget in ``year``, its meetings and trainings."""
    agency_year = AgencyYear(
        year=year,
        office_name="县人民政府办公室政务公开股" if government else "办公室",
        dedicated_offices=1,
        full_time_staff=rng.randint(2, 4) if government else rng.randint(0, 2),
        part_time_staff=rng.randint(1, 8),
        budget=Decimal(rng.randint(2, 60)) / 10,
    )
    meetings = [
        Meeting(
            held_on=workday_in(rng, year),
            attendees=rng.randint(8, 40),
            title=f"{year}年政务公开工作会议（第{n + 1}次）",
        )
        for n in range(rng.randint(1, 4))
    ]
    trainings = [
        Training(
            held_on=workday_in(rng, year),
            attendees=rng.randint(15, 120),
            title=f"{year}年政府信息公开业务培训班（第{n + 1}期）",
        )
        for n in range(rng.randint(1, 3))
    ]
    return agency_year, meetings, trainings


def county_attested(
    rng: random.Random, year: int, *, source: str, list_sizes: dict[str, int]
) -> list[AttestedFigure]:
    """Figures from other systems, attested in the January after ``year``; this
    year's list size is last year's plus its change, as the 2019 format's columns
    imply (``list_sizes`` carries them from one year to the next)."""
    values: dict[str, Decimal] = {}
    for subject in ("licensing", "other_services", "penalty", "coercion", "fees"):
        last = list_sizes.get(subject, rng.randint(0, 40))
        change = rng.randint(-min(last, 3), 5)
        list_sizes[subject] = last + change
        values[f"{subject}.items_last_year"] = Decimal(last)
        values[f"{subject}.items_change"] = Decimal(change)
        values[f"{subject}.decisions"] = Decimal(rng.randint(0, 600) if last else 0)
    values["fees.amount"] = Decimal(rng.randint(0, 500)) / 100
    values["procurement.projects"] = Decimal(rng.randint(0, 12))
    values["procurement.amount"] = Decimal(rng.randint(0, 30000)) / 100
    at = local_moment(date(year + 1, 1, 10))
    return [
        AttestedFigure(
            year=year,
            key=key,
            value=values[key],
            source_document=source,
            attested_at=at,
        )
        for key in NATIONAL_KEYS
        if key in values
    ]
