"""Bringing a report to where a test needs it, through the services."""

from __future__ import annotations

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.reports.formats import Format, national_format_for_year
from gongkai.reports.services import narrative_save, report_sign_off, report_submit

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
