"""Figures a region's report takes from outside the ledger: the published reports
of units that do not keep their records in gongkai.

A government's report of its region sums its own ledger and every unit's under it
(seeds 001 and 004). A unit that does not use gongkai still publishes its report;
once that report is read in (``gongkai.importer``), its figures are the unit's
share of the region's. ``reports`` may not import the importer (the import-linter
forbids it: the importer reads reports, not the other way round), so the
dependency is inverted: this module declares what a *provider* answers, and an app
that holds such figures registers one when it starts (``AppConfig.ready``). See
docs/adr/0019-region-reports-and-contribution-providers.md.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from .data import ReportData


@dataclass(frozen=True)
class Contribution:
    """One unit's published figures on a year, brought from outside the ledger.

    ``title`` and ``url`` name the document the figures were read from, as the
    drill-down cites it; ``reference`` is the provider's own key for it (the
    imported report's id), kept in the region report's provenance.
    """

    agency_id: int
    report: ReportData
    title: str
    url: str = ""
    published_on: date | None = None
    reference: str = ""

    def as_source(self, value: Any) -> dict[str, Any]:
        """How the contribution is recorded in a cell's provenance."""
        return {
            "agency": self.agency_id,
            "unit": self.report.agency.name,
            "title": self.title,
            "url": self.url,
            "reference": self.reference,
            "value": value,
        }


# A provider answers, for the agencies asked and a year, the contribution of each
# agency it holds figures for (an agency it has none for is left out).
Provider = Callable[..., dict[int, Contribution]]

_PROVIDERS: list[Provider] = []


def provider_register(provider: Provider) -> None:
    """Register ``provider`` (once: registering it again changes nothing).

    It is called as ``provider(agency_ids=..., year=2025)``, the ids a list or
    a queryset of them (a region's units, asked in the database as a subquery).
    """
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def providers() -> tuple[Provider, ...]:
    return tuple(_PROVIDERS)


def contributions(
    *, agency_ids: Collection[int] | QuerySet[Any, Any], year: int
) -> dict[int, Contribution]:
    """Each asked agency's contribution on ``year``, from the first provider that
    has one for it. ``agency_ids`` is a list of ids or a queryset of them: a
    region's thousand units are asked as a subquery, not as a thousand
    parameters."""
    found: dict[int, Contribution] = {}
    if not isinstance(agency_ids, QuerySet) and not agency_ids:
        return found  # every unit keeps a ledger: nobody to ask about
    for provider in _PROVIDERS:
        for agency_id, contribution in provider(
            agency_ids=agency_ids, year=year
        ).items():
            found.setdefault(agency_id, contribution)
    return found
