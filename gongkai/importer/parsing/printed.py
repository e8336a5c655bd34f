"""A table no format describes, read as printed (issue 16: keep every figure).

Before 2019 provinces and cities printed statistics tables of their own: other rows,
other groupings, two period columns (本年 and 累计), a unit column. Forcing such a
table onto the nearest format loses its figures, so a table the format readers did
not cover is read from its grid alone:

- **header rows** are the rows above the first row that prints a figure beside a
  label; a figure column's path is the header text above it, top down (a header
  cell spanning several columns is the parent of the ones under it);
- **label columns** are the columns left of the figures that hold no figure; a
  unit column (单位, or cells that are all units) and a 序号 column are told apart;
- **a row's path** is its labels as printed, from a label cell spanning several
  rows (a vertical group such as 「三、本年度办理结果」) down to the row's own
  label, nested by the printed numbering (一、 ⊃ （一） ⊃ 1. ⊃ (1) ⊃ ①) and by
  其中 (a 其中 row is a part of the row above it);
- **every figure** is kept with its row and column path, its value and where it
  was printed; a blank or a dash is kept as blank.

Pure Python: no Django, no I/O. The checks the table's own structure implies are in
``printed_checks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from gongkai.importer.readers.document import Table, TableCell
from gongkai.reports.data import Finding, PrintedFigure, PrintedTable, Value

from .normalize import is_total, is_unit_header, is_where_of, numbering_level, width
from .tokens import UNITS, Options, read_value

RULE = "IMPORT.printed_sum"
_YEAR = re.compile(r"^\s*(?:19|20)\d\d\s*(?:年度?)?\s*$")
_ORDINAL_HEADER = re.compile(r"^\s*(?:序\s*号|编\s*号|序)\s*$")


@dataclass(frozen=True)
class _Slot:
    """What a grid position holds: the printed cell covering it and its reading."""

    cell: TableCell
    kind: str  # "value", "blank", "unit", "label"
    value: Value = None


_DEFAULT = Options()
_Grid = dict[tuple[int, int], "_Slot"]


@dataclass
class _Layout:
    """Which grid rows and columns are what."""

    first: int  # the first body row
    n_rows: int
    figures: list[int]  # columns of figures
    labels: list[int]  # columns of row labels
    units: list[int]  # columns of units


def read_printed(
    table: Table, title: str = "", options: Options = _DEFAULT
) -> PrintedTable | None:
    """The table as printed, or None when it prints no figure beside a label
    (a layout table, a signature block)."""
    grid = _grid(table, options)
    found = _layout(grid)
    if found is None:
        return None
    columns = _column_paths(grid, found.first, found.figures)
    printed = PrintedTable(
        title=title or _caption(grid, found.first),
        columns=list(columns.values()),
        source={**table.position.as_dict()},
    )
    nesting = _Nesting()
    seen: set[tuple[str, ...]] = set()
    for r in range(found.first, found.n_rows):
        label = _row_label(grid, r, found.labels)
        slots = [grid.get((r, c)) for c in found.figures]
        own = [
            (c, slot)
            for c, slot in zip(found.figures, slots, strict=True)
            # a cell spanning rows or columns is counted once, where it starts
            if slot is not None
            and slot.kind in ("value", "blank")
            and (slot.cell.row, slot.cell.column) == (r, c)
        ]
        if label and not own and _spans_figures(grid, r, found.figures):
            nesting.heading(label)  # a heading printed across the body
            continue
        if not label and not own:
            continue
        path = nesting.path(_group_labels(grid, r, found.labels, found.first), label)
        if not own:
            continue  # a parent row with no figures: a part of its children's path
        path = _unique(path or (f"第{r + 1}行",), seen, r)  # a row with no label
        printed.rows.append(path)
        unit = _unit(grid, r, found.units)
        for c, slot in own:
            source = {**slot.cell.position.as_dict(), "printed": slot.cell.text}
            if unit:
                source["unit"] = unit
            printed.figures.append(PrintedFigure(path, columns[c], slot.value, source))
    if not any(f.value is not None for f in printed.figures):
        return None
    return printed


def _layout(grid: _Grid) -> _Layout | None:
    if not grid:
        return None
    n_columns = max(c for _, c in grid) + 1
    n_rows = max(r for r, _ in grid) + 1
    first = _first_data_row(grid, n_rows, n_columns)
    if first is None:
        return None
    # Rows printing one text across the whole table just above the first figures
    # are headings of the body (「一、主动公开情况」), not column headers.
    while first > 0 and _full_width(grid, first - 1):
        if first - 1 == 0 and "表" in _text(grid, 0, 0):
            break  # the table's own title, printed in its first row
        first -= 1
    body = range(first, n_rows)
    figures = [
        c
        for c in range(n_columns)
        if any(_kind(grid, r, c) == "value" for r in body)
        and not _is_ordinal_column(grid, first, c)
    ]
    if not figures:
        return None
    units = [
        c
        for c in range(n_columns)
        if c not in figures and _is_unit_column(grid, first, body, c)
    ]
    labels = [c for c in range(min(figures)) if c not in units]
    return _Layout(first, n_rows, figures, labels, units)


# -- the grid -------------------------------------------------------------------


def _grid(table: Table, options: Options) -> _Grid:
    """Each grid position and the cell covering it. Spans are clipped to the
    rows and columns where cells start: a hostile ``colspan="99999"`` makes no
    grid larger than the table printed."""
    grid: _Grid = {}
    if not table.cells:
        return grid
    rows = max(cell.row for cell in table.cells) + 1
    columns = max(cell.column for cell in table.cells) + 1
    for cell in table.cells:
        slot = _slot(cell, options)
        for r in range(cell.row, min(rows, cell.row + max(1, cell.rowspan))):
            for c in range(
                cell.column, min(columns, cell.column + max(1, cell.colspan))
            ):
                grid.setdefault((r, c), slot)
    return grid


def _slot(cell: TableCell, options: Options) -> _Slot:
    text = width(cell.text).strip()
    reading = read_value(text, options)
    if reading is not None and reading.meaning == "blank":
        return _Slot(cell, "blank")
    if reading is not None and not _YEAR.match(text):
        return _Slot(
            cell, "value" if reading.value is not None else "blank", reading.value
        )
    if text in UNITS:
        return _Slot(cell, "unit")
    return _Slot(cell, "label")


def _kind(grid: _Grid, r: int, c: int) -> str | None:
    slot = grid.get((r, c))
    return slot.kind if slot else None


def _text(grid: _Grid, r: int, c: int) -> str:
    slot = grid.get((r, c))
    return " ".join(slot.cell.text.split()) if slot else ""  # as printed


def _first_data_row(grid: _Grid, n_rows: int, n_columns: int) -> int | None:
    """The first row printing a figure to the right of a label."""
    for r in range(n_rows):
        labelled = False
        for c in range(n_columns):
            kind = _kind(grid, r, c)
            if kind == "value" and labelled:
                return r
            labelled = labelled or kind == "label"
    return None


def _is_ordinal_column(grid: _Grid, first: int, c: int) -> bool:
    """A 序号 column: headed so, or its figures count 1, 2, 3 … left of a label."""
    if any(_ORDINAL_HEADER.match(_text(grid, r, c)) for r in range(first)):
        return True
    right_labels = any(
        _kind(grid, r, x) == "label"
        for r in range(first, first + 3)
        for x in range(c + 1, c + 3)
    )
    numbers = [
        s.value
        for r in range(first, first + 6)
        if (s := grid.get((r, c))) is not None and s.kind == "value"
    ]
    return (
        right_labels
        and len(numbers) >= 3
        and numbers
        == list(range(int(numbers[0] or 0), int(numbers[0] or 0) + len(numbers)))
    )


def _is_unit_column(grid: _Grid, first: int, body: range, c: int) -> bool:
    if any(is_unit_header(_text(grid, r, c)) for r in range(first)):
        return True
    kinds = [_kind(grid, r, c) for r in body]
    return kinds.count("unit") >= 2 and set(kinds) <= {"unit", "blank", None}


def _unit(grid: _Grid, r: int, unit_columns: list[int]) -> str:
    return next((t for c in unit_columns if (t := _text(grid, r, c))), "")


def _column_paths(
    grid: _Grid, first: int, figure_columns: list[int]
) -> dict[int, tuple[str, ...]]:
    paths: dict[int, tuple[str, ...]] = {}
    headers = [r for r in range(first) if not _full_width(grid, r)]  # not the title
    for number, c in enumerate(figure_columns, start=1):
        path: list[str] = []
        for r in headers:
            text = _text(grid, r, c)
            if text and (not path or path[-1] != text):
                path.append(text)
        paths[c] = tuple(path) or (f"第{number}列",)
    if len(set(paths.values())) < len(paths):  # a header that does not tell them apart
        paths = {
            c: (*path, f"第{number}列")
            for number, (c, path) in enumerate(paths.items(), start=1)
        }
    return paths


def _full_width(grid: _Grid, r: int) -> bool:
    """One label across the whole row."""
    slot = grid.get((r, 0))
    return (
        slot is not None
        and slot.kind == "label"
        and all(s is slot for (row, _), s in grid.items() if row == r)
    )


def _caption(grid: _Grid, first: int) -> str:
    """A first row printing one text across the whole table is its title."""
    if first > 0 and _full_width(grid, 0):
        return _text(grid, 0, 0)
    return ""


def _spans_figures(grid: _Grid, r: int, figure_columns: list[int]) -> bool:
    slot = grid.get((r, figure_columns[0]))
    return slot is not None and slot.kind == "label"


# -- rows ---------------------------------------------------------------------


def _group_labels(
    grid: _Grid, r: int, label_columns: list[int], first: int
) -> list[str]:
    """Labels of cells spanning several rows that this row sits in (a vertical
    group such as 「三、本年度办理结果」), outermost first."""
    labels = []
    for c in label_columns[:-1] if len(label_columns) > 1 else []:
        slot = grid.get((r, c))
        if slot is None or slot.kind != "label" or slot.cell.row < first:
            continue
        text = _text(grid, r, c)
        spans = slot.cell.rowspan > 1 or slot.cell.row != r
        if (spans or _next_label(grid, r, c, label_columns)) and text not in labels:
            labels.append(text)
    return labels


def _next_label(grid: _Grid, r: int, c: int, label_columns: list[int]) -> bool:
    return any(
        _kind(grid, r, x) == "label" and grid[(r, x)] is not grid[(r, c)]
        for x in label_columns
        if x > c
    )


def _row_label(grid: _Grid, r: int, label_columns: list[int]) -> str:
    """The row's own label: the innermost label cell that starts in this row."""
    for c in reversed(label_columns):
        slot = grid.get((r, c))
        if slot is not None and slot.kind == "label" and slot.cell.row == r:
            return _text(grid, r, c)
    return ""


def _level(label: str) -> float | None:
    level = numbering_level(label)
    return float(level) if level else None


class _Nesting:
    """Row paths as the rows come: a heading printed across the table, the
    vertical group the row sits in, and the numbered rows open above it."""

    def __init__(self) -> None:
        self._heading: list[str] = []
        self._group: list[str] = []
        self._open: list[tuple[float, str]] = []  # (level, label), outermost first

    def heading(self, label: str) -> None:
        self._heading, self._group, self._open = [label], [], []

    def path(self, group: list[str], label: str) -> tuple[str, ...]:
        if group != self._group:  # numbering starts afresh in a new group
            self._group, self._open = group, []
        if label:
            level = self._level_of(label)
            while self._open and self._open[-1][0] >= level:
                self._open.pop()
            self._open.append((level, label))
        return (*self._heading, *group, *(text for _, text in self._open))

    def _level_of(self, label: str) -> float:
        innermost = self._open[-1][0] if self._open else 1.0
        if is_where_of(label) and self._open:
            return innermost + 0.5  # a part of the row above
        if is_total(label):  # 合计 closes the rows it sums, at their level
            return min((level for level, _ in self._open), default=1.0)
        numbered = _level(label)
        if numbered is not None:
            return numbered
        # Unnumbered: a sibling of the row above (a 其中 part's sibling is its
        # parent's sibling).
        return innermost - 0.5 if innermost % 1 else innermost


def _unique(
    path: tuple[str, ...], seen: set[tuple[str, ...]], r: int
) -> tuple[str, ...]:
    if path in seen:
        path = (*path[:-1], f"{path[-1]}（第{r + 1}行）")
    seen.add(path)
    return path


# -- the table's own sums ------------------------------------------------------


def printed_checks(table: PrintedTable) -> list[Finding]:
    """What the table's structure itself states, checked: numbered rows under a
    row with a figure sum to it, 其中 rows are not more than it, a 合计 row is the
    sum of the rows above it at its level, a 合计 column the sum of its siblings.
    Warnings: the structure is read, not declared by a format."""
    findings = []
    for column in table.columns:
        findings += _row_sums(table, column)
    for row in table.rows:
        findings += _column_sums(table, row)
    return findings


def _children(table: PrintedTable, parent: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [
        r
        for r in table.rows
        if len(r) == len(parent) + 1 and r[: len(parent)] == parent
    ]


def _row_sums(table: PrintedTable, column: tuple[str, ...]) -> list[Finding]:
    findings = []
    for parent in table.rows:
        total = table.value(parent, column)
        children = _children(table, parent)
        if total is None or not children:
            continue
        parts = [r for r in children if not is_where_of(r[-1])]
        where_of = [r for r in children if is_where_of(r[-1])]
        if len(parts) >= 2:
            found = _sum(table.value(r, column) for r in parts)
            if found is not None and found != total:
                findings.append(
                    _finding(
                        table,
                        f"「{parent[-1]}」{_of(column)}为 {total}，"
                        f"其分项之和为 {found}",
                    )
                )
        for r in where_of:
            part = table.value(r, column)
            if part is not None and part > total:
                findings.append(
                    _finding(
                        table,
                        f"「{r[-1]}」{_of(column)}为 {part}，"
                        f"大于所属的「{parent[-1]}」{total}",
                    )
                )
    findings += _total_rows(table, column)
    return findings


def _total_rows(table: PrintedTable, column: tuple[str, ...]) -> list[Finding]:
    findings = []
    for index, row in enumerate(table.rows):
        if not is_total(row[-1].split("（第")[0]):
            continue
        total = table.value(row, column)
        above = [
            r
            for r in table.rows[:index]
            if len(r) == len(row) and r[:-1] == row[:-1] and not is_total(r[-1])
        ]
        found = _sum(table.value(r, column) for r in above) if above else None
        if total is not None and found is not None and found != total:
            findings.append(
                _finding(
                    table,
                    f"「{row[-1]}」{_of(column)}为 {total}，以上各行之和为 {found}",
                )
            )
    return findings


def _column_sums(table: PrintedTable, row: tuple[str, ...]) -> list[Finding]:
    findings = []
    for column in table.columns:
        if not is_total(column[-1]):
            continue
        siblings = [
            c
            for c in table.columns
            if c != column
            and c[: len(column) - 1] == column[:-1]
            and not any(is_total(part) for part in c)
            and not any(o != c and o[: len(c)] == c for o in table.columns)
        ]
        total = table.value(row, column)
        found = (
            _sum(table.value(row, c) for c in siblings) if len(siblings) >= 2 else None
        )
        if total is not None and found is not None and found != total:
            findings.append(
                _finding(
                    table,
                    f"「{row[-1]}」一行的「{column[-1]}」为 {total}，"
                    f"各列之和为 {found}",
                )
            )
    return findings


def _sum(values: Iterable[Value]) -> Value:
    """The sum, or None when a figure is blank (nothing to compare)."""
    total: int | Decimal = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _of(column: tuple[str, ...]) -> str:
    return f"（{'／'.join(column)}）"


def _finding(table: PrintedTable, what: str) -> Finding:
    name = f"「{table.title}」" if table.title else "原样保存的表格"
    return Finding(RULE, "warning", f"{name}中，{what}，请核对。")


# -- a table split over pages ------------------------------------------------


def continues(previous: PrintedTable, table: PrintedTable) -> bool:
    """Whether ``table`` is the rest of ``previous``, cut by a page break: the
    same columns, printed again or not printed at all."""
    if len(table.columns) != len(previous.columns) or table.title:
        return False
    unheaded = all(c == (f"第{n}列",) for n, c in enumerate(table.columns, start=1))
    return unheaded or table.columns == previous.columns


def join(previous: PrintedTable, table: PrintedTable) -> None:
    """Append the rest of a table to its first part: its columns are the first
    part's, and its first rows, numbered deeper than the rows the first part
    ended in, stay under them (「2.网络申请数」 under 「（一）收到申请数」)."""
    columns = dict(zip(table.columns, previous.columns, strict=True))
    ended_in = previous.rows[-1] if previous.rows else ()
    paths: dict[tuple[str, ...], tuple[str, ...]] = {}
    level = 1.0
    for row in table.rows:
        # A 合计 or an unnumbered row is at the level of the row before it.
        level = _level(row[0]) or level
        outer = ended_in
        while outer and (_level(outer[-1]) or 0) >= level:
            outer = outer[:-1]
        path = (*outer, *row)
        if path in previous.rows:
            path = (*path[:-1], f"{path[-1]}（续）")
        paths[row] = path
        previous.rows.append(path)
    for figure in table.figures:
        previous.figures.append(
            PrintedFigure(
                paths[figure.row], columns[figure.column], figure.value, figure.source
            )
        )
