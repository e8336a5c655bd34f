"""The printed order of a report: title, sections with their text and tables.

Every renderer walks the same outline, so a report reads the same in HTML, DOCX,
PDF, XLSX and text. The format decides the order and the headings (《政府信息公开
条例》第五十条 lists the contents; the national formats fix the headings); the report
supplies the narrative, matched to a format section by its key (drafted or written
in gongkai) or by its heading (imported reports).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data import Finding, ReportData, Section
from ..formats import Format, SectionSpec
from ..layout import TableLayout, layout_table

_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．]\s*")


@dataclass(frozen=True)
class PrintedTable:
    layout: TableLayout
    caption: str  # printed above the table; "" when the format prints none
    name: str  # the accessible name: the caption, else the section's heading


@dataclass(frozen=True)
class PrintedSection:
    heading: str  # "" for an unnumbered opening paragraph
    paragraphs: tuple[str, ...]
    table: PrintedTable | None = None


@dataclass(frozen=True)
class Outline:
    title: str
    sections: tuple[PrintedSection, ...]
    findings: tuple[Finding, ...]


def outline(report: ReportData, fmt: Format) -> Outline:
    """The report in printed order (sections the format does not know come last,
    an opening paragraph without a heading first)."""
    remaining = list(report.sections)
    printed = [
        _printed(spec, _take(remaining, spec), report, fmt) for spec in fmt.sections
    ]
    opening = [s for s in remaining if not s.heading.strip()]
    extra = [s for s in remaining if s.heading.strip()]
    return Outline(
        title=fmt.report_title(report.agency.name, report.year),
        sections=(
            *(PrintedSection("", paragraphs(s.text)) for s in opening),
            *printed,
            *(PrintedSection(s.heading, paragraphs(s.text)) for s in extra),
        ),
        findings=tuple(report.findings),
    )


def paragraphs(text: str) -> tuple[str, ...]:
    """A narrative's paragraphs: one per non-empty line."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _printed(
    spec: SectionSpec, section: Section | None, report: ReportData, fmt: Format
) -> PrintedSection:
    table = None
    if spec.table:
        layout = layout_table(fmt.table(spec.table))
        caption = layout.table.caption(report.year)
        table = PrintedTable(layout, caption, caption or spec.full_heading)
    text = section.text if section else ""
    return PrintedSection(spec.full_heading, paragraphs(text), table)


def _take(sections: list[Section], spec: SectionSpec) -> Section | None:
    for section in sections:
        by_key = spec.narrative is not None and section.key == spec.narrative
        if by_key or _bare(section.heading) == _bare(spec.heading):
            sections.remove(section)
            return section
    return None


def _bare(heading: str) -> str:
    return _NUMBERING.sub("", heading).strip()
