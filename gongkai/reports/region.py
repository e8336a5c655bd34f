"""A government's report of its region: who counts from the ledger, who from an
imported published report, and who is missing.

The region's figures from the ledger are one computation over the whole subtree
(``scope.Scope(region=True)``). A unit with no record in the ledger for the year
does not use gongkai (or not yet): its share is the figures of its own published
report when one was read in (``contributions``), added cell by cell and marked in
each cell's provenance; a unit with neither is listed as missing, so the region's
report never silently counts it as zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from django.db.models import Model, QuerySet

from gongkai.agencies.models import Agency
from gongkai.core.compiled import compiled

from .contributions import Contribution, contributions
from .data import Finding, ReportData, Value
from .formats import Format
from .indicators import QueryCache, Tally
from .indicators.base import AGENCY, measure_column
from .models import ReportReview, ReportVersion
from .plans import plan
from .scope import Scope


class UnitSource(StrEnum):
    LEDGER = "ledger"
    IMPORTED = "imported"
    MISSING = "missing"


SOURCE_NAMES: dict[str, str] = {
    UnitSource.LEDGER: "本系统台账",
    UnitSource.IMPORTED: "已导入的公开年报",
    UnitSource.MISSING: "缺报",
}


class Unit(NamedTuple):
    """A unit as its region's list names it (a thousand units are read as rows,
    not as ``Agency`` instances: ten times cheaper, and all a list shows)."""

    pk: int
    name: str
    kind: str


class RegionUnit(NamedTuple):
    """One unit of the region (the government itself among them) and where its
    figures in the region's report come from."""

    agency: Unit
    source: UnitSource
    contribution: Contribution | None = None

    @property
    def source_name(self) -> str:
        return SOURCE_NAMES[self.source]


def region_units(
    *, agency: Agency, year: int, fmt: Format, cache: QueryCache | None = None
) -> list[RegionUnit]:
    """Every agency of ``agency``'s subtree (itself first, then by path) with the
    source of its figures on ``year``: the ledger, an imported report, or none
    (``cache``: the build's, see ``ledger_agency_ids``)."""
    units = [Unit._make(row) for row in _subtree_units(path=agency.path)]
    ids = [unit.pk for unit in units]
    in_ledger = _in_ledger(agency, year, fmt, cache or QueryCache(), set(ids))
    found = contributions(
        agency_ids=[pk for pk in ids if pk not in in_ledger], year=year
    )
    return [_unit(unit, in_ledger, found) for unit in units]


@compiled()
def _subtree_units(*, path: str) -> QuerySet[Agency, tuple[int, str, str]]:
    """The subtree under ``path`` by path, as ``Unit`` rows (compiled once per
    region: a thousand rows read through Django's iteration cost 1.5 ms)."""
    subtree = Agency.objects.filter(path__startswith=path).order_by("path")
    return subtree.values_list("pk", "name", "kind")


def outside_contributions(
    *, agency: Agency, year: int, fmt: Format
) -> list[Contribution]:
    """The imported reports of the units of ``agency``'s region that keep no
    ledger here on ``year`` (what ``region_units`` adds, without naming the
    missing). The imported reports are looked for first, the units asked as a
    subquery: who keeps a ledger is asked only when some unit has one."""
    units = agency.subtree().exclude(pk=agency.pk)
    found = contributions(agency_ids=units.values("pk"), year=year)
    if not found:
        return []
    in_ledger = ledger_agency_ids(agency=agency, year=year, fmt=fmt)
    ordered = units.order_by("path").values_list("pk", flat=True)
    return [found[pk] for pk in ordered if pk in found and pk not in in_ledger]


def _unit(
    unit: Unit, in_ledger: set[int], found: dict[int, Contribution]
) -> RegionUnit:
    if unit.pk in in_ledger:
        return RegionUnit(unit, UnitSource.LEDGER)
    if unit.pk in found:
        return RegionUnit(unit, UnitSource.IMPORTED, found[unit.pk])
    return RegionUnit(unit, UnitSource.MISSING)


def region_merge(report: ReportData, units: Iterable[RegionUnit]) -> None:
    """Complete a region's report computed from the ledger (in place): add the
    imported figures of the units outside the ledger, and name the units missing
    in a warning, so the report says whom it does not count."""
    units = list(units)
    contributions_add(report, [u.contribution for u in units if u.contribution])
    missing = [u.agency.name for u in units if u.source == UnitSource.MISSING]
    if missing:
        report.extend_findings(
            [
                Finding(
                    MISSING_RULE,
                    "warning",
                    f"以下{len(missing)}个单位既无本系统台账记录，也无已导入的"
                    f"公开年报，未计入本地区汇总：{'、'.join(missing)}",
                )
            ]
        )


MISSING_RULE = "region.units_missing"


def contributions_add(report: ReportData, added: Iterable[Contribution]) -> None:
    """Add each contribution's figures to ``report``'s cells of the same table,
    row and column (in place), naming it in the cell's provenance under
    ``imported``. A cell the region's format does not have is left out, and so is
    a blank or zero figure: it adds nothing, and marking it would mark every cell
    (the unit is listed among the region's units all the same)."""
    for contribution in added:
        for ref, cell in contribution.report.cells.items():
            if not cell.value or ref not in report.cells:
                continue
            mine = report.cells[ref]
            source: dict[str, Any] = (
                dict(mine.source) if mine.source else {"kind": "imported"}
            )
            source["imported"] = [
                *source.get("imported", []),
                contribution.as_source(_plain(cell.value)),
            ]
            report.set(ref, _sum(mine.value, cell.value), source)


def _sum(a: Value, b: Value) -> Value:
    if a is None:
        return b
    if b is None:
        return a
    total = a + b
    if isinstance(total, Decimal) and total == total.to_integral_value():
        return int(total)
    return total


def _plain(value: Value) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# -- who keeps a ledger --------------------------------------------------------------


def ledger_agency_ids(
    *, agency: Agency, year: int, fmt: Format, cache: QueryCache | None = None
) -> set[int]:
    """The agencies of ``agency``'s subtree counted from the ledger on ``year``:
    ``agency`` itself (a government compiling its region's report keeps its
    ledger here, empty or not), and every unit under it that uses gongkai: a
    record counted by the format's figures, or its own report reviewed or
    published here.

    One query per kind of record at most, whatever the number of units, the
    smallest kinds first (``_FEWEST_FIRST``), stopping once every unit is found:
    a region whose units all attest their figures here is answered without
    reading a single item or application. A family whose rows are one per unit
    (the attested figures) answers from its rows, those of the build's
    ``cache`` when it has them."""
    units = set(agency.subtree().values_list("pk", flat=True))
    return _in_ledger(agency, year, fmt, cache or QueryCache(), units)


def _in_ledger(
    agency: Agency, year: int, fmt: Format, cache: QueryCache, units: set[int]
) -> set[int]:
    """``ledger_agency_ids`` of the region's ``units`` (its subtree's ids)."""
    scope = Scope(agency, region=True)
    found = {agency.pk}
    questions = [question for _, question in plan(fmt)]
    tally = Tally(scope, year, cache, questions)
    families = {q.family.name: q.family for q in questions}.values()
    for family in sorted(families, key=lambda f: _size_rank(f.model)):
        if found >= units:
            return found
        if AGENCY in family.dimensions:
            counted = measure_column("count")
            found |= {row[AGENCY] for row in tally.rows(family).rows if row[counted]}
            continue
        rows = family.source(scope, tally.bounds)
        column = _agency_column(rows.model)
        if column is not None:
            found |= _having(rows, column, units - found)
    # A unit with its own report here and no record of the year is rare.
    for model in (ReportReview, ReportVersion):
        if found >= units:
            return found
        reports = model.objects.filter(
            agency_id__in=scope.agency_ids, year=year, region=False
        )
        found |= _having(reports, "agency_id", units - found)
    return found


# Up to this many units left to find, a kind of record is asked about them by
# their ids (an index lookup each), not read for the whole region.
_ASKED_BY_ID = 100


def _having(rows: QuerySet, column: str, unfound: set[int]) -> set[int]:
    """The agencies of ``rows`` (by ``column``), of those in ``unfound`` when
    they are few."""
    if len(unfound) <= _ASKED_BY_ID:
        rows = rows.filter(**{f"{column}__in": sorted(unfound)})
    return set(rows.order_by().values_list(column, flat=True).distinct())


# The kinds of records by how many a unit has in a year, fewest first: a unit's
# profile, its attested figures and its cases are a few rows, its applications
# tens to thousands, its catalogue hundreds to hundreds of thousands. Kinds not
# named come last.
_FEWEST_FIRST = (
    "agencies.agencyyear",
    "agencies.attestedfigure",
    "agencies.querypoint",
    "agencies.meeting",
    "agencies.training",
    "cases.litigation",
    "cases.administrativereview",
    "catalog.archivetransfer",
    "activities.activity",
    "catalog.interpretation",
    "applications.application",
    "catalog.item",
)


def _size_rank(model: str) -> int:
    return _FEWEST_FIRST.index(model) if model in _FEWEST_FIRST else len(_FEWEST_FIRST)


def _agency_column(model: type[Model]) -> str | None:
    """The column holding a record's agency: its own, or its parent record's (a
    channel row's item)."""
    if _has_agency(model):
        return "agency_id"
    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        if field.many_to_one and related is not None and _has_agency(related):
            return f"{field.name}__agency_id"
    return None


def _has_agency(model: Any) -> bool:
    return any(f.name == "agency" for f in model._meta.get_fields())
