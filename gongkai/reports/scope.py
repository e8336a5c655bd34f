"""What a report covers: one agency, or a government with every agency under it.

A region's report (a county's or a city's 年度报告 that sums its units, as seeds 001
and 004 do) is the same computation over more agencies, so an indicator never asks
which kind of scope it has: it filters on ``scope.q()`` and gets one agency's rows or
the whole subtree's. The subtree comes from ``Agency.path``, a materialised path, so
it is one indexed prefix match and never a recursive walk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency


@dataclass(frozen=True)
class YearBounds:
    """The statistical year: 1 January to 31 December, local dates, both included."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)

    def range(self) -> tuple[date, date]:
        """For ``field__range``: both ends included."""
        return (self.start, self.end)


@dataclass(frozen=True)
class Scope:
    """An agency alone (``region=False``) or a government with its whole subtree."""

    agency: Agency
    region: bool = False

    @property
    def agency_ids(self) -> list[int] | QuerySet[Agency, Any]:
        """The agencies covered: a list for one agency, a subquery for a region.

        Passed to ``agency__in`` the subquery stays in the database, so a region's
        report is still one query per indicator family however many units it has.
        """
        if not self.region:
            return [self.agency.pk]
        return Agency.objects.filter(path__startswith=self.agency.path).values("pk")

    def q(self, field: str = "agency") -> Q:
        """The filter on a model's agency foreign key (``field``) for this scope."""
        if not self.region:
            return Q(**{f"{field}_id": self.agency.pk})
        return Q(**{f"{field}_id__in": self.agency_ids})

    def agencies(self) -> QuerySet[Agency]:
        if not self.region:
            return Agency.objects.filter(pk=self.agency.pk)
        return self.agency.subtree()

    def describe(self) -> str:
        """How the scope is named to people, e.g. in the CLI and in provenance."""
        return f"{self.agency.name}（含所属单位）" if self.region else self.agency.name

    def as_dict(self) -> dict[str, object]:
        return {"agency": self.agency.pk, "region": self.region}
