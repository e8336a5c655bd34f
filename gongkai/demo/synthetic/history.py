"""Drawing one synthetic agency's nine years from a seeded generator.

The records are made by the ledger apps' generators (``gongkai.<app>.synthetic``,
their ``county_*`` family); this module only decides who the agency is, in which
order its years are drawn, and links cases to the applications they are about.
"""

from __future__ import annotations

import random
from datetime import date

from gongkai.activities.synthetic import county_activities
from gongkai.agencies.synthetic import county_attested, county_query_points, county_year
from gongkai.applications.models import Application, Outcome
from gongkai.applications.synthetic import county_application
from gongkai.cases.models import AdministrativeReview, Litigation, Result
from gongkai.cases.synthetic import county_case, county_complaints
from gongkai.catalog.synthetic import CountyCatalogue

from ..ledger import Ledger, LitigationSpec, ReviewSpec
from ..region import QINGXI_GOVERNMENT, SPECS
from .profiles import COUNTY, Profile

FIRST_YEAR = 2017
LAST_YEAR = 2025
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
END = date(LAST_YEAR, 12, 31)  # nothing happens after the demo's last year


class History:
    """Nine years of one agency, drawn in a fixed order from one seeded generator."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.spec = SPECS[profile.key]
        self.rng = random.Random(f"gongkai-demo:{profile.key}")
        self.government = profile.key == QINGXI_GOVERNMENT
        self.data = Ledger()
        self.list_sizes: dict[str, int] = {}
        self.catalogue = CountyCatalogue(
            rng=self.rng,
            credit_code=self.spec.credit_code,
            name=self.spec.name,
            topics=profile.topics,
            document_prefix=profile.document_prefix,
            normative=profile.normative,
            government=self.government,
            county=COUNTY,
            until=END,
        )

    def ledger(self) -> Ledger:
        self.data.query_points += county_query_points(
            name=self.spec.name,
            short_name=self.spec.short_name,
            address=self.profile.address,
            county=COUNTY if self.government else None,
        )
        for year in YEARS:
            growth = 1 + 0.08 * (year - FIRST_YEAR)
            self._year(year)
            self._items(
                year, round(self.profile.items * growth * self.rng.uniform(0.85, 1.15))
            )
            self._documents(year)
            self._applications(
                year,
                round(self.profile.applications * growth * self.rng.uniform(0.7, 1.3)),
            )
            self.data.complaints += county_complaints(self.rng, year=year, until=END)
            for activity, channels in county_activities(
                self.rng, year=year, government=self.government
            ):
                self.data.add_activity(activity, channels)
            if year >= 2019:
                self.data.attested += county_attested(
                    self.rng,
                    year,
                    source=f"{self.spec.name}{year}年度行政执法和政务服务统计",
                    list_sizes=self.list_sizes,
                )
        return self.data

    def _year(self, year: int) -> None:
        agency_year, meetings, trainings = county_year(
            self.rng, year, government=self.government
        )
        self.data.years.append(agency_year)
        self.data.meetings += meetings
        self.data.trainings += trainings

    # -- proactive disclosure ------------------------------------------------------

    def _items(self, year: int, count: int) -> None:
        for item, channels in self.catalogue.items(year, count):
            self.data.add_item(item, channels)
        self.data.archive_transfers += self.catalogue.archive_transfers(year)

    def _documents(self, year: int) -> None:
        for item, channels, interpretation in self.catalogue.documents(year):
            self.data.add_item(item, channels)
            if interpretation is not None:
                self.data.interpretations.append((item.index_number, interpretation))

    # -- applications and the cases they lead to -----------------------------------

    def _applications(self, year: int, count: int) -> None:
        for n in range(count):
            application = county_application(
                self.rng,
                year=year,
                tracking_number=f"{self.profile.tracking_prefix}-{year}-{n + 1:04d}",
                subjects=[stem for stem, _, _ in self.profile.topics],
                until=END,
            )
            self.data.applications.append(application)
            if application.closed_on and application.outcome not in {
                Outcome.DISCLOSED,
                Outcome.OTHER,
            }:
                self._cases(application)

    def _cases(self, application: Application) -> None:
        """Some answers are challenged: a review (perhaps followed by a lawsuit)
        or a lawsuit brought directly."""
        rng, closed = self.rng, application.closed_on
        assert closed is not None
        roll = rng.random()
        if roll < 0.08:
            review = county_case(rng, AdministrativeReview, after=closed, until=END)
            if review is None:
                return
            self.data.reviews.append(ReviewSpec(application.tracking_number, review))
            if review.result == Result.UPHELD and rng.random() < 0.35:
                self._lawsuit(application, review.concluded_on, review.filed_on)
        elif roll < 0.11:
            self._lawsuit(application, closed, None)

    def _lawsuit(
        self, application: Application, after: date | None, review_filed_on: date | None
    ) -> None:
        litigation = (
            county_case(self.rng, Litigation, after=after, until=END) if after else None
        )
        if litigation is not None:
            self.data.litigations.append(
                LitigationSpec(application.tracking_number, litigation, review_filed_on)
            )
