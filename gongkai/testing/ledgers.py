"""Random ledgers: every kind of record, plausibly spread, reproducible by seed.

Used by the tests (a report built from *any* ledger must pass every check) and by
``gongkai bench report`` (the same generator at 100,000 items). Records are written
with ``bulk_create``; nothing here goes through the services, which is the point:
the generator may produce every combination the models allow, not only those the
workflow would.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Model
from django.utils import timezone

from gongkai.activities.models import (
    Activity,
    ActivityChannel,
    ActivityKind,
    ResponseChannel,
)
from gongkai.agencies.attested import NATIONAL_KEYS
from gongkai.agencies.models import (
    Agency,
    AgencyYear,
    AttestedFigure,
    Meeting,
    QueryPoint,
    Training,
)
from gongkai.applications.models import (
    ApplicantType,
    Application,
    ApplicationChannel,
    Ground,
    Outcome,
)
from gongkai.cases.models import AdministrativeReview, Complaint, Litigation, Result
from gongkai.catalog.models import (
    ArchiveTransfer,
    Interpretation,
    Item,
    ItemChannel,
    PublicationChannel,
)

BATCH = 2000

# Grounds that refine an outcome (the older formats count them apart).
GROUNDS: dict[str, Sequence[str]] = {
    Outcome.DISCLOSED: ("", Ground.ALREADY_PUBLIC),
    Outcome.WITHHELD_THIRD_PARTY: ("", Ground.TRADE_SECRET, Ground.PRIVACY),
    Outcome.UNABLE_NOT_HELD: ("", Ground.NOT_THIS_AGENCY),
}
# Roughly how often each applicant type applies: mostly people.
APPLICANT_WEIGHTS = {
    ApplicantType.NATURAL_PERSON: 70,
    ApplicantType.BUSINESS: 12,
    ApplicantType.RESEARCH: 2,
    ApplicantType.NONPROFIT: 2,
    ApplicantType.LEGAL_SERVICE: 8,
    ApplicantType.OTHER_ORGANISATION: 6,
}


@dataclass(frozen=True)
class LedgerSize:
    """How many records of the main kinds, per generated year."""

    items: int = 120
    applications: int = 60
    activities: int = 40
    case_share: float = 0.08  # reviews per application; lawsuits about half as many


def random_ledger(
    agency: Agency,
    *,
    years: Sequence[int],
    seed: int,
    size: LedgerSize = LedgerSize(),
    attested_keys: Sequence[str] = tuple(NATIONAL_KEYS),
) -> None:
    """Write a random ledger for ``agency`` over ``years`` (each year ``size``).

    Applications received late in a year may close the next, or stay open; cases
    may outlive their year; documents are issued and repealed across years. So the
    carry-overs, pending cases and documents in force all get exercised.
    """
    rng = random.Random(seed)
    tag = f"{agency.pk}-{seed}"
    _agency_set_up(agency, years, rng, attested_keys)
    items = _items(agency, years, rng, size, tag)
    _save(Item, items)
    _save(ItemChannel, _item_channels(items, rng))
    _save(Interpretation, _interpretations(agency, years, rng, size))
    _save(ArchiveTransfer, _archive_transfers(agency, years, rng))
    applications = _applications(agency, years, rng, size, tag)
    _save(Application, applications)
    _cases(agency, applications, rng, size)
    activities = _activities(agency, years, rng, size)
    _save(Activity, activities)
    _save(ActivityChannel, _activity_channels(activities, rng))


def _save(model: type[Model], rows: Iterable[Model]) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH)


def _day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _agency_set_up(
    agency: Agency, years: Sequence[int], rng: random.Random, keys: Sequence[str]
) -> None:
    AgencyYear.objects.bulk_create(
        AgencyYear(
            agency=agency,
            year=year,
            dedicated_offices=rng.randint(0, 2),
            full_time_staff=rng.randint(0, 5),
            part_time_staff=rng.randint(0, 10),
            budget=Decimal(rng.randint(0, 500)) / 100,
        )
        for year in years
        if rng.random() < 0.8  # some years nobody entered: blank, not 0
    )
    QueryPoint.objects.bulk_create(
        QueryPoint(
            agency=agency,
            name=f"查阅点{i}",
            opened_on=_day(rng, min(years) - 1),
            closed_on=_day(rng, max(years)) if rng.random() < 0.3 else None,
        )
        for i in range(rng.randint(0, 4))
    )
    for year in years:
        Meeting.objects.bulk_create(
            Meeting(agency=agency, held_on=_day(rng, year), title=f"会议{i}")
            for i in range(rng.randint(0, 4))
        )
        Training.objects.bulk_create(
            Training(
                agency=agency,
                held_on=_day(rng, year),
                title=f"培训{i}",
                attendees=rng.randint(5, 120),
            )
            for i in range(rng.randint(0, 3))
        )
        AttestedFigure.objects.bulk_create(
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
        )


def _items(
    agency: Agency,
    years: Sequence[int],
    rng: random.Random,
    size: LedgerSize,
    tag: str,
) -> list[Item]:
    items = []
    for year in years:
        for n in range(size.items):
            published_on = _day(rng, year)
            roll = rng.random()
            kind = "normative" if roll < 0.03 else "rule" if roll < 0.04 else ""
            status = rng.choices(("published", "withdrawn", "draft"), (90, 5, 5))[0]
            formed_on = published_on - timedelta(days=rng.randint(0, 20))
            repealed = kind and rng.random() < 0.25
            items.append(
                Item(
                    agency=agency,
                    index_number=f"R{tag}-{year}-{n:07d}",
                    title=f"随机条目{n}",
                    article20_item=rng.randint(1, 15),
                    document_kind=kind,
                    formed_on=formed_on,
                    published_on=None if status == "draft" else published_on,
                    repealed_on=(
                        formed_on + timedelta(days=rng.randint(30, 700))
                        if repealed
                        else None
                    ),
                    origin=rng.choices(
                        ("ordinary", "from_application", "declassified"), (95, 3, 2)
                    )[0],
                    status=status,
                )
            )
    return items


def _item_channels(items: list[Item], rng: random.Random) -> Iterator[ItemChannel]:
    channels = PublicationChannel.values
    for item in items:
        if item.published_on is None:
            continue
        for channel in rng.sample(channels, rng.choices((1, 2, 3), (60, 30, 10))[0]):
            # Usually the same day; now and then a repost days later, which may
            # fall in the next year.
            delay = 0 if rng.random() < 0.8 else rng.randint(1, 5)
            yield ItemChannel(
                item=item,
                channel=channel,
                published_on=item.published_on + timedelta(days=delay),
            )


def _interpretations(
    agency: Agency, years: Sequence[int], rng: random.Random, size: LedgerSize
) -> list[Interpretation]:
    return [
        Interpretation(
            agency=agency,
            title=f"解读{n}",
            published_on=_day(rng, year),
            by_principal_leader=rng.random() < 0.2,
        )
        for year in years
        for n in range(max(1, size.items // 50))
    ]


def _archive_transfers(
    agency: Agency, years: Sequence[int], rng: random.Random
) -> list[ArchiveTransfer]:
    return [
        ArchiveTransfer(
            agency=agency,
            sent_on=_day(rng, year),
            recipient=rng.choice(("市档案馆", "市图书馆")),
            paper_items=rng.randint(0, 50),
            electronic_items=rng.randint(0, 200),
        )
        for year in years
        for _ in range(rng.randint(0, 3))
    ]


def _applications(
    agency: Agency,
    years: Sequence[int],
    rng: random.Random,
    size: LedgerSize,
    tag: str,
) -> list[Application]:
    outcomes = Outcome.values
    types, weights = zip(*APPLICANT_WEIGHTS.items(), strict=True)
    rows = []
    for year in years:
        for n in range(size.applications):
            received_on = _day(rng, year)
            application = Application(
                agency=agency,
                tracking_number=f"R{tag}-{year}-{n:06d}",
                received_on=received_on,
                channel=rng.choice(ApplicationChannel.values),
                applicant_type=rng.choices(types, weights)[0],
            )
            if rng.random() < 0.93:  # the rest are still open, whatever the date
                outcome = rng.choice(outcomes)
                application.outcome = outcome
                application.ground = rng.choice(GROUNDS.get(outcome, ("",)))
                application.closed_on = received_on + timedelta(days=rng.randint(0, 60))
                application.extended = rng.random() < 0.15
                if rng.random() < 0.05:
                    application.fee_amount = Decimal(rng.randint(1, 40) * 100)
            rows.append(application)
    return rows


def _result_and_end(rng: random.Random, filed_on: date) -> tuple[str, date | None]:
    if rng.random() < 0.3:  # not concluded yet
        return "", None
    return rng.choice(Result.values), filed_on + timedelta(days=rng.randint(10, 120))


def _cases(
    agency: Agency,
    applications: list[Application],
    rng: random.Random,
    size: LedgerSize,
) -> None:
    answered = [a for a in applications if a.closed_on]
    reviews = []
    for application in rng.sample(answered, int(len(answered) * size.case_share)):
        filed_on = application.closed_on + timedelta(days=rng.randint(1, 60))
        result, concluded_on = _result_and_end(rng, filed_on)
        reviews.append(
            AdministrativeReview(
                agency=agency,
                application=application,
                filed_on=filed_on,
                result=result,
                concluded_on=concluded_on,
            )
        )
    _save(AdministrativeReview, reviews)
    reviewed = {r.application.pk: r for r in reviews if r.application}
    lawsuits = []
    for application in rng.sample(answered, int(len(answered) * size.case_share / 2)):
        review = reviewed.get(application.pk)
        filed_on = application.closed_on + timedelta(days=rng.randint(15, 180))
        result, concluded_on = _result_and_end(rng, filed_on)
        lawsuits.append(
            Litigation(
                agency=agency,
                application=application,
                filed_on=filed_on,
                result=result,
                concluded_on=concluded_on,
                after_review=review is not None or rng.random() < 0.2,
                review=review,
            )
        )
    _save(Litigation, lawsuits)
    complaints = []
    for _ in range(max(1, len(answered) // 40)):
        filed_on = rng.choice(answered).closed_on + timedelta(days=rng.randint(1, 30))
        result, concluded_on = _result_and_end(rng, filed_on)
        complaints.append(
            Complaint(
                agency=agency,
                filed_on=filed_on,
                result=result,
                concluded_on=concluded_on,
            )
        )
    _save(Complaint, complaints)


def _activities(
    agency: Agency, years: Sequence[int], rng: random.Random, size: LedgerSize
) -> list[Activity]:
    rows = []
    for year in years:
        for _ in range(size.activities):
            received = rng.randint(0, 50)
            rows.append(
                Activity(
                    agency=agency,
                    kind=rng.choice(ActivityKind.values),
                    held_on=_day(rng, year),
                    principal_leader=rng.random() < 0.3,
                    participants=rng.randint(0, 80),
                    feedback_count=rng.randint(0, 40),
                    opinions_received=received,
                    opinions_not_adopted=rng.randint(0, received),
                    result_published=rng.random() < 0.6,
                )
            )
    return rows


def _activity_channels(
    activities: list[Activity], rng: random.Random
) -> Iterator[ActivityChannel]:
    for activity in activities:
        if activity.kind != ActivityKind.RESPONSE:
            continue
        for channel in rng.sample(ResponseChannel.values, rng.randint(1, 3)):
            yield ActivityChannel(activity=activity, channel=channel)
