"""Synthetic applications and their deadline ledgers.

The applications' generator (each ledger app has its ``synthetic`` module; the
conventions are in ``gongkai.agencies.synthetic``):

- ``random_applications``: every channel, applicant type, outcome and ground the
  models allow, some extended, some with a fee, some still open whatever their
  date; written in bulk;
- ``county_application``: one application as a county office receives and answers
  it, on working days, unsaved and without the agency, for the demo;
- ``clocked_applications``: open applications with the records that move their
  clock (补正, consultations, fee notices, extensions), for the deadlines benchmark.

Open applications get the due date their deadline ledger gives
(``due_dates_set``), as the services would have derived it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.agencies.synthetic import bulk_save, day_in, pick
from gongkai.workdays.selectors import work_calendar
from gongkai.workdays.synthetic import workday_in, workdays_after

from . import clock
from .models import (
    ApplicantType,
    Application,
    ApplicationChannel,
    Consultation,
    CorrectionRequest,
    Extension,
    FeeNotice,
    Ground,
    Outcome,
)
from .selectors import clock_inputs_in

DUE_BATCH = 5000


def due_dates_set(agency: Agency) -> int:
    """Give ``agency``'s open, received applications the due date their deadline
    ledger and the stored calendar give (a derived field ``bulk_create`` leaves
    empty); returns how many were open."""
    calendar = work_calendar()
    rows = Application.objects.filter(
        agency=agency, closed_on__isnull=True, received_on__isnull=False
    ).order_by("pk")
    received = {
        pk: day for pk, day in rows.values_list("pk", "received_on") if day is not None
    }
    ids = list(received)
    for start in range(0, len(ids), DUE_BATCH):
        batch = ids[start : start + DUE_BATCH]
        scope = Q(application_id__gte=batch[0], application_id__lte=batch[-1])
        inputs = clock_inputs_in({pk: received[pk] for pk in batch}, scope)
        by_due: dict[date | None, list[int]] = {}
        for pk in batch:
            by_due.setdefault(clock.due_date(inputs[pk], calendar), []).append(pk)
        for due, same in by_due.items():
            Application.objects.filter(pk__in=same).update(due_on=due)
    return len(ids)


# -- every combination the models allow ------------------------------------------

# Grounds that refine an outcome (the older formats count them apart).
RANDOM_GROUNDS: dict[str, Sequence[str]] = {
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


def random_applications(
    agency: Agency, *, years: Sequence[int], rng: random.Random, count: int, tag: str
) -> list[Application]:
    """``count`` applications a year, 93% answered within 60 days (perhaps in the
    next year), the rest still open; saved, with their due dates. ``tag`` keeps
    tracking numbers apart between ledgers."""
    outcomes = Outcome.values
    types, weights = zip(*APPLICANT_WEIGHTS.items(), strict=True)
    rows = []
    for year in years:
        for n in range(count):
            received_on = day_in(rng, year)
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
                application.ground = rng.choice(RANDOM_GROUNDS.get(outcome, ("",)))
                application.closed_on = received_on + timedelta(days=rng.randint(0, 60))
                application.extended = rng.random() < 0.15
                if rng.random() < 0.05:
                    application.fee_amount = Decimal(rng.randint(1, 40) * 100)
            rows.append(application)
    bulk_save(Application, rows)
    due_dates_set(agency)
    return rows


# -- a county office -------------------------------------------------------------

# Invented weights, only loosely shaped like a county's year: most applications
# come online from natural persons, about a third end 予以公开 and a fifth
# 本机关不掌握相关政府信息.
COUNTY_CHANNELS = (
    (ApplicationChannel.ONLINE, 55),
    (ApplicationChannel.LETTER, 18),
    (ApplicationChannel.IN_PERSON, 13),
    (ApplicationChannel.EMAIL, 6),
    (ApplicationChannel.FAX, 3),
    (ApplicationChannel.OTHER, 5),
)
COUNTY_APPLICANTS = (
    (ApplicantType.NATURAL_PERSON, 82),
    (ApplicantType.BUSINESS, 7),
    (ApplicantType.RESEARCH, 2),
    (ApplicantType.NONPROFIT, 2),
    (ApplicantType.LEGAL_SERVICE, 5),
    (ApplicantType.OTHER_ORGANISATION, 2),
)
COUNTY_OUTCOMES = (
    (Outcome.DISCLOSED, 34),
    (Outcome.PARTIALLY_DISCLOSED, 8),
    (Outcome.WITHHELD_STATE_SECRET, 1),
    (Outcome.WITHHELD_PROHIBITED, 1),
    (Outcome.WITHHELD_SECURITY, 1),
    (Outcome.WITHHELD_THIRD_PARTY, 3),
    (Outcome.WITHHELD_INTERNAL, 2),
    (Outcome.WITHHELD_PROCESS, 3),
    (Outcome.WITHHELD_ENFORCEMENT, 1),
    (Outcome.WITHHELD_QUERY, 2),
    (Outcome.UNABLE_NOT_HELD, 20),
    (Outcome.UNABLE_NEEDS_CREATION, 3),
    (Outcome.UNABLE_UNCLEAR, 2),
    (Outcome.REFUSED_PETITION, 4),
    (Outcome.REFUSED_REPEAT, 3),
    (Outcome.REFUSED_PUBLICATION, 1),
    (Outcome.REFUSED_EXCESSIVE, 1),
    (Outcome.REFUSED_CONFIRMATION, 1),
    (Outcome.OTHER_NO_CORRECTION, 3),
    (Outcome.OTHER_UNPAID, 1),
    (Outcome.OTHER, 4),
)
COUNTY_GROUNDS: dict[str, tuple[tuple[str, int], ...]] = {
    Outcome.DISCLOSED: ((Ground.ALREADY_PUBLIC, 3), (Ground.NONE, 7)),
    Outcome.WITHHELD_THIRD_PARTY: (
        (Ground.TRADE_SECRET, 4),
        (Ground.PRIVACY, 5),
        (Ground.NONE, 1),
    ),
    Outcome.UNABLE_NOT_HELD: ((Ground.NOT_THIS_AGENCY, 35), (Ground.NONE, 65)),
}
FEES_FROM = date(2021, 1, 1)  # 国办函〔2020〕109号 信息处理费


def county_application(
    rng: random.Random,
    *,
    year: int,
    tracking_number: str,
    subjects: Sequence[str],
    until: date,
) -> Application:
    """An application received on a working day of ``year`` about one of
    ``subjects``,
    answered within 20 working days (40 when extended, 第三十三条第二款), or still
    open when the answer would fall after ``until``. No fee before 2021
    (国办函〔2020〕109号), and then only now and then for what was disclosed."""
    received = workday_in(rng, year)
    extended = rng.random() < 0.1
    closed_on = workdays_after(
        received, rng.randint(21, 40) if extended else rng.randint(1, 20), until=until
    )
    outcome = pick(rng, COUNTY_OUTCOMES) if closed_on else ""
    if outcome == Outcome.OTHER_UNPAID and received < FEES_FROM:
        outcome = Outcome.OTHER_NO_CORRECTION  # no fees before 109号
    fee = (
        Decimal(rng.choice((100, 200, 300)))
        if (
            outcome == Outcome.DISCLOSED
            and received >= FEES_FROM
            and rng.random() < 0.05
        )
        else Decimal(0)
    )
    return Application(
        tracking_number=tracking_number,
        received_on=received,
        channel=pick(rng, COUNTY_CHANNELS),
        applicant_type=pick(rng, COUNTY_APPLICANTS),
        applicant_name="",
        description=f"申请公开{rng.choice(subjects)}相关信息",
        outcome=outcome,
        ground=pick(rng, COUNTY_GROUNDS[outcome])
        if outcome in COUNTY_GROUNDS
        else Ground.NONE,
        closed_on=closed_on,
        extended=extended and closed_on is not None,
        fee_amount=fee,
    )


# -- open applications and their clocks ------------------------------------------


def clocked_applications(
    agency: Agency, *, year: int, count: int, rng: random.Random, prefix: str
) -> None:
    """``count`` open applications received evenly over ``year``, their deadline
    ledgers varied as real ones are: 补正 (most answered), consultations (most
    answered), fee notices (most paid), extensions; saved, with their due dates."""
    start = date(year, 1, 2)
    bulk_save(
        Application,
        (
            Application(
                agency=agency,
                tracking_number=f"{prefix}-{n:06d}",
                submitted_on=start + timedelta(days=n * 360 // count),
                received_on=start + timedelta(days=n * 360 // count),
                channel=ApplicationChannel.ONLINE,
                applicant_type=ApplicantType.NATURAL_PERSON,
            )
            for n in range(count)
        ),
        batch=5000,
    )
    rows = (
        Application.objects.filter(agency=agency)
        .order_by("pk")
        .values_list("pk", "received_on")
    )
    corrections, consultations, fees, extensions = [], [], [], []
    for pk, received in rows:
        assert received is not None  # made received just above
        roll = rng.random()
        if roll < 0.10:
            corrections.append(_correction(pk, received, rng))
        elif roll < 0.30:
            consultations.append(_consultation(pk, received, rng))
        elif roll < 0.35:
            fees.append(_fee(pk, received, rng))
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
    bulk_save(CorrectionRequest, corrections, batch=5000)
    bulk_save(Consultation, consultations, batch=5000)
    bulk_save(FeeNotice, fees, batch=5000)
    bulk_save(Extension, extensions, batch=5000)
    due_dates_set(agency)


def _correction(pk: int, received: date, rng: random.Random) -> CorrectionRequest:
    notified = received + timedelta(days=rng.randint(1, 9))
    corrected = (
        notified + timedelta(days=rng.randint(2, 20)) if rng.random() < 0.8 else None
    )
    return CorrectionRequest(
        application_id=pk,
        notified_on=notified,
        items="基准测试",
        correct_by=notified + timedelta(days=21),
        corrected_on=corrected,
    )


def _consultation(pk: int, received: date, rng: random.Random) -> Consultation:
    sent = received + timedelta(days=rng.randint(1, 14))
    answered = sent + timedelta(days=rng.randint(3, 21)) if rng.random() < 0.7 else None
    return Consultation(
        application_id=pk,
        kind=rng.choice(["third_party", "other_agency"]),
        party="基准测试",
        sent_on=sent,
        answer_due=sent + timedelta(days=21),
        answered_on=answered,
        opinion="consent" if answered else "",
    )


def _fee(pk: int, received: date, rng: random.Random) -> FeeNotice:
    notified = received + timedelta(days=rng.randint(1, 10))
    paid = notified + timedelta(days=rng.randint(1, 20)) if rng.random() < 0.6 else None
    return FeeNotice(
        application_id=pk,
        basis="per_page",
        quantity=150,
        amount=1700,
        notified_on=notified,
        pay_by=notified + timedelta(days=28),
        paid_on=paid,
    )
