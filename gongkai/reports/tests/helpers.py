"""Bringing a report to where a test needs it, through the services."""

from __future__ import annotations

from datetime import date

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.importer.models import ImportedReport
from gongkai.reports.builder import build_report
from gongkai.reports.formats import Format, national_format_for_year
from gongkai.reports.services import narrative_save, report_sign_off, report_submit
from gongkai.testing import factories as f

TEXT = "本年度，本机关依法做好政府信息公开工作。"


def narratives_write(
    agency: Agency,
    year: int,
    *,
    user: User | None = None,
    fmt: Format | None = None,
    text: str = TEXT,
) -> None:
    """Write every narrative section of the report, so no 【…】 of the draft is
    left (and no figure is stated that a table could contradict)."""
    fmt = fmt or national_format_for_year(year)
    for section in fmt.sections:
        if section.narrative:
            narrative_save(
                acting_user=user,
                agency=agency,
                year=year,
                key=section.narrative,
                text=text,
            )


def signed_off(
    agency: Agency,
    year: int,
    *,
    staff: User | None = None,
    head: User | None = None,
    fmt: Format | None = None,
) -> None:
    """The report written, submitted by ``staff`` and signed off by ``head``
    (the system when None)."""
    narratives_write(agency, year, user=staff, fmt=fmt)
    report_submit(acting_user=staff, agency=agency, year=year)
    report_sign_off(acting_user=head, agency=agency, year=year)


def imported_report(unit: Agency, year: int, *, received: int = 2) -> ImportedReport:
    """``unit``'s published report on ``year`` as the importer stores it: the
    report of an agency outside every region (``received`` applications, the
    first of them answered, one review concluded), named as ``unit``."""
    elsewhere = f.AgencyFactory(name=f"外省某局（{unit.name}）")
    for n in range(received):
        f.ApplicationFactory(
            agency=elsewhere, received_on=date(year, 3, 1 + n), closed=n == 0
        )
    f.AdministrativeReviewFactory(
        agency=elsewhere, filed_on=date(year, 5, 6), concluded=True
    )
    data = build_report(agency=elsewhere, year=year).to_dict()
    data["agency"] = {"name": unit.name, "code": None}
    return ImportedReport.objects.create(
        agency_name=unit.name,
        agency=unit,
        year=year,
        format=data["format"],
        data=data,
        file_name=f"{unit.name}{year}年年报.html",
        file_kind="html",
        file_sha256=f"{unit.pk:064d}",
        published_on=date(year + 1, 1, 20),
    )
