"""Random ledgers: every kind of record, plausibly spread, reproducible by seed.

Used by the tests (a report built from *any* ledger must pass every check). The
records are made by each ledger app's generator (``gongkai.<app>.synthetic``,
their ``random_*`` family), called here in a fixed order from one seeded
``random.Random``; nothing goes through the services, which is the point: the
generators may produce every combination the models allow, not only those the
workflow would.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.activities.synthetic import random_activities
from gongkai.agencies.attested import NATIONAL_KEYS
from gongkai.agencies.models import Agency
from gongkai.agencies.synthetic import random_agency_records
from gongkai.applications.synthetic import random_applications
from gongkai.cases.synthetic import random_cases
from gongkai.catalog.synthetic import random_catalogue


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
    random_agency_records(agency, years=years, rng=rng, attested_keys=attested_keys)
    random_catalogue(agency, years=years, rng=rng, items=size.items, tag=tag)
    applications = random_applications(
        agency, years=years, rng=rng, count=size.applications, tag=tag
    )
    random_cases(agency, applications=applications, rng=rng, share=size.case_share)
    random_activities(agency, years=years, rng=rng, count=size.activities)
