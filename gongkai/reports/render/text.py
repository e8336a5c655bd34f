"""The report as plain text, in the shape of the published reports gongkai imports.

Title, then each section (heading, paragraphs, then its table), paragraphs separated
by blank lines. A table is flattened one cell per line in reading order (left to
right, top to bottom; a merged cell once, where its top-left corner is), each line
ending in " |" as seed 002 prints its table, so that a blank cell is a line "|" and
never disappears: the importer reads the cells back by position.
"""

from __future__ import annotations

from ..data import ReportData
from ..formats import Format
from .outline import PrintedTable, outline
from .values import cell_text

CELL_END = "|"


def render_text(report: ReportData, fmt: Format) -> bytes:
    printed = outline(report, fmt)
    blocks: list[str] = [printed.title]
    for section in printed.sections:
        if section.heading:
            blocks.append(section.heading)
        blocks.extend(section.paragraphs)
        if section.table:
            blocks.append(table_text(section.table, report))
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def table_text(table: PrintedTable, report: ReportData) -> str:
    lines = [table.caption] if table.caption else []
    for row in table.layout.rows():
        for cell in row:
            text = cell_text(cell, report).replace("\n", "")  # one cell, one line
            lines.append(f"{text} {CELL_END}" if text else CELL_END)
    return "\n".join(lines)
