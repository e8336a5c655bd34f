"""Read queries of the reports app: the records behind a cell, published versions,
where each report stands in its review, and how the ledger has moved since a
report was published.

``records_for`` is the drill-down: given a cell's ``source`` (its provenance, as
stored in a ``ReportData`` and in every published snapshot), it returns exactly the
records the figure counted, so staff can see why a number is what it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet

from gongkai.agencies.models import Adjustment, Agency
from gongkai.agencies.periods import adjustments_since

from .builder import build_report
from .data import CellRef, ReportData, Value
from .formats import FormatError, get_format, national_format_for_year
from .indicators import INDICATORS, ArgumentError
from .models import ReportReview, ReportVersion
from .region import RegionUnit, region_units
from .scope import Scope
from .workflow import PUBLISHED, ReportState


def records_for(source: dict[str, Any], scope: Scope, year: int) -> QuerySet[Any, Any]:
    """The records behind a cell whose provenance is ``source``.

    For a count, the queryset's ``count()`` is the cell's value; for a sum (fees,
    attendees) it holds the records summed; for an attested figure, the
    attestation(s) with their document. The figures a region's report took from
    imported published reports are not records of the ledger: they are listed in
    ``source["imported"]`` (``imported_for``).
    """
    kind = source.get("kind")
    if kind == "attested":
        return INDICATORS["attested"].records(scope, year, {"key": source["key"]})
    if kind != "ledger":
        raise ArgumentError(f"来源 {kind!r} 没有可追溯的记录")
    try:
        indicator = INDICATORS[source["indicator"]]
    except KeyError:
        raise ArgumentError(f"没有名为 {source.get('indicator')!r} 的指标") from None
    return indicator.records(scope, year, source.get("args") or {})


def imported_for(source: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The imported published reports a region's cell added, each with its unit,
    title, address and the figure it gave (``region.contributions_add``)."""
    return list((source or {}).get("imported") or [])


def report_versions(
    *, agency: Agency, year: int, region: bool = False
) -> QuerySet[ReportVersion]:
    """The published versions of a report (the agency's own, or its region's),
    newest first."""
    return ReportVersion.objects.filter(
        agency=agency, year=year, region=region
    ).order_by("-number")


def latest_version(
    *, agency: Agency, year: int, region: bool = False
) -> ReportVersion | None:
    return report_versions(agency=agency, year=year, region=region).first()


def latest_version_number(*, agency: Agency, year: int, region: bool = False) -> int:
    """The latest published version's number; 0 when nothing was published."""
    found = ReportVersion.objects.filter(
        agency=agency, year=year, region=region
    ).aggregate(n=Max("number"))
    return found["n"] or 0


# -- the review ----------------------------------------------------------------------

# Agency ids: a list, or a query of them (``agencies_in_scope(user).values("pk")``).
AgencyIds = Iterable[int] | QuerySet[Any, Any]


def report_review(
    *, agency: Agency, year: int, region: bool = False
) -> ReportReview | None:
    return (
        ReportReview.objects.filter(agency=agency, year=year, region=region)
        .select_related("submitted_by", "signed_off_by")
        .first()
    )


def report_state(*, agency: Agency, year: int, region: bool = False) -> ReportState:
    """Where the report stands: ``draft`` until its review says otherwise, and
    published once a version exists whatever the review says (a version stored
    without going through the review: data brought over from elsewhere)."""
    return report_states(agency_ids=[agency.pk], year=year, region=region).get(
        agency.pk, ReportState.DRAFT
    )


def report_states(
    *, agency_ids: AgencyIds, year: int, region: bool = False
) -> dict[int, ReportState]:
    """The state of each agency's report on ``year`` (their own, or with
    ``region`` the governments' reports of their regions), in two queries however
    many agencies (an agency missing from the result is ``draft``)."""
    states = {
        agency_id: ReportState(state)
        for agency_id, state in ReportReview.objects.filter(
            agency_id__in=agency_ids, year=year, region=region
        ).values_list("agency_id", "state")
    }
    versions = ReportVersion.objects.filter(
        agency_id__in=agency_ids, year=year, region=region
    )
    for agency_id in versions.order_by().values_list("agency_id", flat=True).distinct():
        if states.get(agency_id) not in PUBLISHED:
            states[agency_id] = ReportState.PUBLISHED
    return states


def reports_awaiting_sign_off(*, agency_ids: AgencyIds) -> QuerySet[ReportReview]:
    """Reports submitted and waiting for the office head, oldest first (an
    agency's own and a government's report of its region: ``review.region``)."""
    return (
        ReportReview.objects.filter(
            agency_id__in=agency_ids, state=ReportState.SUBMITTED
        )
        .select_related("agency")
        .order_by("submitted_at", "pk")
    )


# -- a region's report -----------------------------------------------------------------


@dataclass(frozen=True)
class RegionCompilation:
    """Where a government's report of its region stands on a year, and each unit
    with the source of its figures (``region.region_units``)."""

    agency: Agency
    year: int
    state: ReportState
    version: ReportVersion | None
    units: list[RegionUnit]


def region_compilation(*, agency: Agency, year: int) -> RegionCompilation | None:
    """The region's report of ``agency`` on ``year``: None for an agency with no
    unit under it, or a year no national format covers."""
    if not agency.children.exists():
        return None
    try:
        fmt = national_format_for_year(year)
    except FormatError:
        return None
    return RegionCompilation(
        agency=agency,
        year=year,
        state=report_state(agency=agency, year=year, region=True),
        version=latest_version(agency=agency, year=year, region=True),
        units=region_units(agency=agency, year=year, fmt=fmt),
    )


# -- the ledger since publication ----------------------------------------------------


@dataclass(frozen=True)
class MovedCell:
    ref: CellRef
    published: Value
    now: Value


@dataclass(frozen=True)
class Drift:
    """How the ledger differs from the latest published version: the adjustments
    made to the year since, and the cells whose value they moved."""

    version: ReportVersion
    adjustments: list[Adjustment]
    moved: list[MovedCell]

    @property
    def count(self) -> int:
        return len(self.adjustments)


def report_drift(*, agency: Agency, year: int, region: bool = False) -> Drift | None:
    """The difference between the ledger and the latest published version of the
    report, once adjustments were made to its closed year (None before publication
    and when nothing was adjusted since).

    The report is rebuilt in the version's own format and compared with the frozen
    snapshot cell by cell (``gongkai.agencies.periods``: the period lock lets an
    office head adjust a closed year, with a reason; this is what it moved). A
    region's report moves with the adjustments of any of its units.
    """
    version = latest_version(agency=agency, year=year, region=region)
    if version is None:
        return None
    if region:
        made = Adjustment.objects.filter(
            agency_id__in=Scope(agency, region=True).agency_ids,
            year=year,
            made_at__gt=version.published_at,
        )
    else:
        made = adjustments_since(agency=agency, year=year, since=version.published_at)
    adjustments = list(made.select_related("made_by").order_by("made_at", "pk"))
    if not adjustments:
        return None
    published = ReportData.from_dict(version.snapshot)
    now = build_report(
        agency=agency, year=year, fmt=get_format(version.format), region=region
    )
    refs = sorted(set(published.cells) | set(now.cells))
    moved = [
        MovedCell(ref, published.value(*_parts(ref)), now.value(*_parts(ref)))
        for ref in refs
        if published.value(*_parts(ref)) != now.value(*_parts(ref))
    ]
    return Drift(version, adjustments, moved)


def _parts(ref: CellRef) -> tuple[str, str, str]:
    return ref.table, ref.row, ref.column
