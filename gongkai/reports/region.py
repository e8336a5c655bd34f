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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from django.db.models import Model, QuerySet

from gongkai.agencies.models import Agency

from .contributions import Contribution, contributions
from .data import Finding, ReportData, Value
from .formats import Format
from .indicators import INDICATORS, ArgumentError
from .indicators.base import Family
from .models import ReportReview, ReportVersion
from .scope import Scope, YearBounds


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


@dataclass(frozen=True)
class RegionUnit:
    """One unit of the region (the government itself among them) and where its
    figures in the region's report come from."""

    agency: Unit
    source: UnitSource
    contribution: Contribution | None = None

    @property
    def source_name(self) -> str:
        return SOURCE_NAMES[self.source]


def region_units(*, agency: Agency, year: int, fmt: Format) -> list[RegionUnit]:
    """Every agency of ``agency``'s subtree (itself first, then by path) with the
    source of its figures on ``year``: the ledger, an imported report, or none."""
    units = [
        Unit(*row)
        for row in agency.subtree().order_by("path").values_list("pk", "name", "kind")
    ]
    ids = [unit.pk for unit in units]
    in_ledger = ledger_agency_ids(agency=agency, year=year, fmt=fmt)
    found = contributions(
        agency_ids=[pk for pk in ids if pk not in in_ledger], year=year
    )
    return [_unit(unit, in_ledger, found) for unit in units]


def outside_contributions(
    *, agency: Agency, year: int, fmt: Format
) -> list[Contribution]:
    """The imported reports of the units of ``agency``'s region that keep no
    ledger here on ``year`` (what ``region_units`` adds, without naming the
    missing). The imported reports are looked for first: who keeps a ledger
    reads every record of the year, and is asked only when some unit has one."""
    units = agency.subtree().exclude(pk=agency.pk).order_by("path")
    ids = list(units.values_list("pk", flat=True))
    found = contributions(agency_ids=ids, year=year)
    if not found:
        return []
    in_ledger = ledger_agency_ids(agency=agency, year=year, fmt=fmt)
    return [found[pk] for pk in ids if pk in found and pk not in in_ledger]


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


def ledger_agency_ids(*, agency: Agency, year: int, fmt: Format) -> set[int]:
    """The agencies of ``agency``'s subtree counted from the ledger on ``year``:
    ``agency`` itself (a government compiling its region's report keeps its
    ledger here, empty or not), and every unit under it that uses gongkai: its
    own report reviewed or published here, or a record counted by the format's
    figures.

    One query per kind of record at most, whatever the number of units, the
    smallest kinds first (``_FEWEST_FIRST``), stopping once every unit is found:
    a region whose units all attest their figures here is answered without
    reading a single item or application."""
    scope = Scope(agency, region=True)
    units = set(agency.subtree().values_list("pk", flat=True))
    found = {agency.pk}
    for rows, column in _record_kinds(scope, year, fmt):
        if found >= units:
            break
        found.update(rows.order_by().values_list(column, flat=True).distinct())
    return found


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


def _record_kinds(
    scope: Scope, year: int, fmt: Format
) -> Iterator[tuple[QuerySet, str]]:
    """The year's records that tell a unit uses gongkai, each with the column of
    its agency: its reports here first, then the format's families by size."""
    for model in (ReportReview, ReportVersion):
        reports = model.objects.filter(
            agency_id__in=scope.agency_ids, year=year, region=False
        )
        yield reports, "agency_id"
    bounds = YearBounds(year)
    for family in sorted(families_of(fmt), key=lambda f: _size_rank(f.model)):
        rows = family.source(scope, bounds)
        column = _agency_column(rows.model)
        if column is not None:
            yield rows, column


def _size_rank(model: str) -> int:
    return _FEWEST_FIRST.index(model) if model in _FEWEST_FIRST else len(_FEWEST_FIRST)


_FAMILIES: dict[int, tuple[Format, tuple[Family, ...]]] = {}


def families_of(fmt: Format) -> tuple[Family, ...]:
    """The families of records the cells of ``fmt`` read, each once."""
    cached = _FAMILIES.get(id(fmt))
    if cached is not None and cached[0] is fmt:
        return cached[1]
    families: dict[str, Family] = {}
    for spec in fmt.cells():
        try:
            family = INDICATORS[spec.indicator].ask(spec.args).family
        except (KeyError, ArgumentError):
            continue
        families.setdefault(family.name, family)
    _FAMILIES[id(fmt)] = (fmt, tuple(families.values()))
    return _FAMILIES[id(fmt)][1]


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
