"""A table kept as printed, laid out for the page: its column headers as printed
(a header over several columns spans them) and its rows in order, each indented by
its depth, with a heading row wherever a group the rows sit in begins."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.reports.data import PrintedTable, Value


@dataclass(frozen=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Line:
    label: str
    depth: int
    values: tuple[Value, ...] = ()
    heading: bool = False  # a group's label with no figures of its own
    printed: tuple[str, ...] = ()  # the figures' text as printed (blank: "")


@dataclass
class Layout:
    title: str
    header: list[list[HeaderCell]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    corner_rowspan: int = 1
    width: int = 1  # columns, with the labels'


def layout(table: PrintedTable) -> Layout:
    depth = max((len(c) for c in table.columns), default=1)
    result = Layout(
        title=table.title, corner_rowspan=depth, width=len(table.columns) + 1
    )
    result.header = _header(table.columns, depth)
    figures = {(f.row, f.column): f for f in table.figures}
    shown: set[tuple[str, ...]] = set()
    for row in table.rows:
        for d in range(1, len(row)):
            prefix = row[:d]
            if prefix not in shown and prefix not in table.rows:
                result.lines.append(Line(prefix[-1], d - 1, heading=True))
            shown.add(prefix)
        shown.add(row)
        cells = [figures.get((row, c)) for c in table.columns]
        result.lines.append(
            Line(
                row[-1],
                len(row) - 1,
                tuple(f.value if f else None for f in cells),
                printed=tuple(
                    ((f.source or {}).get("printed") or "") if f else "" for f in cells
                ),
            )
        )
    return result


def _header(columns: list[tuple[str, ...]], depth: int) -> list[list[HeaderCell]]:
    """Header rows: a label shared by neighbouring columns at one level spans
    them; a column whose path is shorter than the deepest spans the rows below."""
    rows: list[list[HeaderCell]] = [[] for _ in range(depth)]
    for level in range(depth):
        index = 0
        while index < len(columns):
            path = columns[index]
            if len(path) <= level:
                index += 1
                continue
            span = 1
            while (
                index + span < len(columns)
                and len(columns[index + span]) > level
                and columns[index + span][: level + 1] == path[: level + 1]
            ):
                span += 1
            rowspan = depth - level if len(path) == level + 1 else 1
            rows[level].append(HeaderCell(path[level], span, rowspan))
            index += span
    return rows
