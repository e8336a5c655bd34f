"""Reading imported reports: lists, history, comparisons, similarity, quality."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from gongkai.reports.data import ReportData, Value
from gongkai.reports.formats import Format, FormatError, get_format

from . import quality
from .compare import KEY_FIGURES, YearOverYear, key_figures, year_over_year
from .models import ImportedReport
from .names import is_government
from .similarity import estimate, similarity

SIMILARITY_CANDIDATES = 10  # reports compared in full after the sketches
SKETCH_FLOOR = 0.2  # estimated overlap below which a report is not compared


def current_reports(
    *, year: int | None = None, region: str | None = None
) -> QuerySet[ImportedReport]:
    reports = ImportedReport.objects.filter(replaced_at__isnull=True)
    if year is not None:
        reports = reports.filter(year=year)
    if region:
        reports = reports.filter(region=region)
    return reports.order_by("region", "agency_name", "-year")


def report_history(report: ImportedReport) -> QuerySet[ImportedReport]:
    """Every import of the agency's report on that year, newest first."""
    return ImportedReport.objects.filter(
        agency_name=report.agency_name, year=report.year
    ).order_by("-created_at", "-id")


def agency_reports(agency_name: str) -> QuerySet[ImportedReport]:
    """The agency's current report on each year, oldest first."""
    return ImportedReport.objects.filter(
        agency_name=agency_name, replaced_at__isnull=True
    ).order_by("year")


def previous_report(report: ImportedReport) -> ImportedReport | None:
    return (
        ImportedReport.objects.filter(
            agency_name=report.agency_name,
            year=report.year - 1,
            replaced_at__isnull=True,
        )
        .order_by("-created_at")
        .first()
    )


def report_data(report: ImportedReport) -> tuple[ReportData, Format | None]:
    data = ReportData.from_dict(report.data)
    try:
        return data, get_format(data.format)
    except FormatError:
        return data, None


@dataclass(frozen=True)
class Similar:
    report: ImportedReport
    similarity: float
    relation: str  # "previous" (the agency's own last report) or "other"


def similar_reports(report: ImportedReport, limit: int = 5) -> list[Similar]:
    """The reports whose wording is closest to ``report``'s: the agency's previous
    report, and other agencies' reports on the same year, most similar first."""
    found: list[Similar] = []
    previous = previous_report(report)
    if previous is not None and previous.narrative:
        found.append(
            Similar(
                previous, similarity(report.narrative, previous.narrative), "previous"
            )
        )
    others = (
        ImportedReport.objects.filter(year=report.year, replaced_at__isnull=True)
        .exclude(agency_name=report.agency_name)
        .only("id", "agency_name", "year", "sketch", "region")
    )
    ranked = sorted(
        ((estimate(report.sketch, o.sketch), o) for o in others),
        key=lambda pair: pair[0],
        reverse=True,
    )
    close = [
        o.pk for score, o in ranked[:SIMILARITY_CANDIDATES] if score >= SKETCH_FLOOR
    ]
    for other in ImportedReport.objects.filter(pk__in=close):
        found.append(
            Similar(other, similarity(report.narrative, other.narrative), "other")
        )
    return sorted(found, key=lambda s: s.similarity, reverse=True)[:limit]


def report_quality(
    report: ImportedReport, similar: list[Similar] | None = None
) -> quality.Quality | None:
    data, fmt = report_data(report)
    if fmt is None:
        return None
    similar = similar_reports(report) if similar is None else similar
    context = quality.Context(
        tables_found=report.tables_found,
        published_on=report.published_on,
        government=is_government(report.agency_name),
        copied=max((s.similarity for s in similar), default=None),
        copy_threshold=settings.GONGKAI_IMPORT_COPY_THRESHOLD,
        deadline_before_2019=settings.GONGKAI_IMPORT_DEADLINE_BEFORE_2019,
    )
    return quality.score(data, fmt, context)


def report_year_over_year(report: ImportedReport) -> YearOverYear | None:
    previous = previous_report(report)
    if previous is None:
        return None
    data, fmt = report_data(report)
    previous_data, previous_fmt = report_data(previous)
    if fmt is None or previous_fmt is None:
        return None
    return year_over_year(data, fmt, previous_data, previous_fmt)


@dataclass(frozen=True)
class Row:
    report: ImportedReport
    figures: dict[str, Value]
    errors: int  # findings of severity error (checks)

    @property
    def values(self) -> list[Value]:
        """The key figures in the order of ``KEY_FIGURES``."""
        return [self.figures[f.id] for f in KEY_FIGURES]


def side_by_side(*, region: str, year: int) -> list[Row]:
    """A region's units on one year: each unit's key figures and check errors."""
    rows = []
    for report in current_reports(year=year, region=region):
        data, fmt = report_data(report)
        figures: dict[str, Value] = (
            key_figures(data, fmt) if fmt else {f.id: None for f in KEY_FIGURES}
        )
        rows.append(Row(report, figures, _errors(data)))
    return rows


def trend(agency_name: str) -> list[Row]:
    """The agency's key figures year by year, oldest first."""
    rows = []
    for report in agency_reports(agency_name):
        data, fmt = report_data(report)
        if fmt is not None:
            rows.append(Row(report, key_figures(data, fmt), _errors(data)))
    return rows


def _errors(data: ReportData) -> int:
    return sum(
        1
        for f in data.findings
        if f.severity == "error" and not f.rule.startswith("IMPORT.")
    )
