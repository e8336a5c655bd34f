"""Reading one of the format's tables out of the token stream.

The table is laid out as the format prints it (``reports.layout``): headers, row
labels and value cells in reading order. Its labels are placed on the document's
tokens (``align``); the figures of a row are then the value tokens that follow its
label, up to the next label. Between two placed labels lie the value cells of one
or more printed rows, and the document's tokens there split into runs at each
label token; rows and runs are paired in order.

A run gives a row's figures by these rules, in order:

1. units and stray characters are dropped; as many tokens as the row has cells:
   one each, blanks included (a blank stays blank);
2. a row of one cell (the statistics tables): the last figure printed, if any;
3. as many figures as cells once blanks are dropped: one each;
4. a grid row with more cells than the format: the rightmost ones (labels and
   notes sit on the left);
5. fewer figures than cells, all whole numbers: split by the row's sums (``split``),
   accepted when exactly one split keeps them;
6. anything else is left blank and reported, never guessed.

A parent row printed alone where the format has sub-rows (many 2021 reports still
print （六）其他处理 as one row, as the 2019 table did) is *collapsed*: its figures
go to the parent's own cells, which the format does not have (``ReadCell.collapses``
names the sub-rows they stand for), and the sub-rows stay blank — never the first
sub-row, whose figure it is not. Rows and columns printed beyond the format,
and columns printed merged, are worked out in ``extras``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from gongkai.reports.checks import run_checks
from gongkai.reports.data import AgencyRef, CellRef, Finding, ReportData
from gongkai.reports.formats import PATH_SEPARATOR, Format
from gongkai.reports.formats import Table as FormatTable
from gongkai.reports.layout import CellKind, GridCell, layout_table

from . import extras
from .align import Match, Matcher, align
from .split import Relation, splits
from .tokens import Reading, Token, TokenKind

FOUND_SHARE = 0.3  # of a table's data rows placed for the table to count as found
FOUND_ROWS = 5  # … or at least this many (a long table printed in part)
MAX_RUN = 64  # tokens read after a label: a table row is never longer
CLUSTER_GAP = 60  # tokens between placed labels that part two clusters


@dataclass(frozen=True)
class ReadCell:
    ref: CellRef
    reading: Reading
    tokens: tuple[Token, ...]  # what was printed for it
    label: Token | None  # the row label it was read under
    split: bool = False  # cut out of figures printed together
    collapses: tuple[str, ...] = ()  # a parent's cell: the sub-rows it stands for
    axis: str = "row"  # … or, "column", the sub-columns
    printed_child: bool = False  # a row or column the format lacks, kept as printed


@dataclass(frozen=True)
class PendingSplit:
    """A row whose figures were printed together, with every split that keeps the
    row's own sums; which one is right is settled over the whole table."""

    cells: tuple[GridCell, ...]
    candidates: tuple[tuple[int, ...], ...]
    figures: tuple[Token, ...]
    label: Token


@dataclass
class TableReading:
    table: FormatTable
    anchors: int  # labels the format prints for this table
    rows: int  # of which labels of rows with figures
    placed: dict[int, Match]  # anchor item index → matched token
    placed_rows: int
    anchor_items: tuple[int, ...] = ()  # the layout indexes of the labels
    cells: dict[CellRef, ReadCell] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    collapsed: set[str] = field(default_factory=set)  # sub-row labels not printed
    pending: list[PendingSplit] = field(default_factory=list)  # rows to settle
    unread: set[CellRef] = field(default_factory=set)  # printed, but not readable
    merged: dict[tuple[str, ...], str] = field(default_factory=dict)  # columns
    extra_columns: list[extras.ExtraColumn] = field(default_factory=list)
    printed_rows: list[tuple[str, str]] = field(default_factory=list)  # extra rows
    printed_columns: set[str] = field(default_factory=set)  # extra columns read
    merged_read: set[str] = field(default_factory=set)  # merged columns read

    @property
    def score(self) -> float:
        return sum(m.score for m in self.placed.values())

    @property
    def found(self) -> bool:
        """Enough of its row labels (or, for table 四 which has none, of its
        headers) are placed to read the table."""
        if self.rows:
            return self.placed_rows >= min(FOUND_ROWS, FOUND_SHARE * self.rows)
        return len(self.placed) >= max(2, FOUND_SHARE * self.anchors)

    def missing_between(self) -> int:
        """The table's labels not found between the first and the last found."""
        if not self.placed:
            return 0
        first, last = min(self.placed), max(self.placed)
        return sum(
            1 for i in self.anchor_items if first < i < last and i not in self.placed
        )

    def token_span(self) -> tuple[int, int] | None:
        used = [m.token for m in self.placed.values()]
        used += [t.index for cell in self.cells.values() for t in cell.tokens]
        return (min(used), max(used)) if used else None


def locate(
    table: FormatTable, tokens: Sequence[Token], matcher: Matcher
) -> TableReading:
    """Where the table's labels are in the document (no figures read yet)."""
    plan = _plan(table)
    chosen = align(
        [matcher.matches(plan.items[i].text) for i in plan.anchors], len(tokens)
    )
    placed = _main_cluster({plan.anchors[a]: match for a, match in chosen.items()})
    return TableReading(
        table=table,
        anchors=len(plan.anchors),
        rows=len(plan.row_anchors),
        placed=placed,
        placed_rows=sum(1 for i in plan.row_anchors if i in placed),
        anchor_items=plan.anchors,
    )


def read_table(
    reading: TableReading, tokens: Sequence[Token], fmt: Format
) -> TableReading:
    """Fill ``reading`` with the figures of every row whose label was placed."""
    items = layout_items(reading.table)
    relations = _row_relations(reading.table, fmt)
    gaps = list(_gaps(items, reading.placed, tokens))
    _find_column_changes(reading, items, gaps, tokens)
    for gap in gaps:
        _read_gap(reading, gap, relations)
    _settle_splits(reading, fmt)
    _note_missing_rows(reading, items)
    _note_printed_children(reading)
    return reading


def _note_missing_rows(reading: TableReading, items: list[GridCell]) -> None:
    """Data rows whose cells were not read because their label was not found (a
    table cut short, or a row the report left out)."""
    read_rows = {ref.row for ref in reading.cells}
    missing = [
        item.text
        for i, item in enumerate(items)
        if item.kind is CellKind.LABEL
        and i not in reading.placed
        and _row_has_values(items, i)
        and not any(item.text in r.split(PATH_SEPARATOR) for r in read_rows)
        and item.text not in reading.collapsed
    ]
    if missing:
        shown = "、".join(missing[:6]) + ("等" if len(missing) > 6 else "")
        reading.findings.append(
            _finding(
                "IMPORT.rows_missing",
                f"{table_name(reading.table.id)}中没有找到 {len(missing)} 行：{shown}；"
                "这些行的单元格留空。",
                [],
            )
        )


def _row_has_values(items: list[GridCell], label: int) -> bool:
    """Whether figures follow this label on its printed row (the row's innermost
    label; not a heading, nor a label spanning the rows of its sub-items)."""
    row = items[label].row
    for item in items[label + 1 :]:
        if item.row != row:
            return False
        if item.kind is CellKind.UNIT or (
            item.kind is CellKind.LABEL and not item.text
        ):
            continue
        return item.kind is CellKind.VALUE and item.ref is not None
    return False


def _main_cluster(placed: dict[int, Match]) -> dict[int, Match]:
    """The placed labels that lie together: a label matched far from the others
    (a heading of the narrative that reads like a row) is dropped."""
    clusters: list[dict[int, Match]] = []
    last = None
    for anchor, match in sorted(placed.items(), key=lambda item: item[1].token):
        if last is None or match.token - last > CLUSTER_GAP:
            clusters.append({})
        clusters[-1][anchor] = match
        last = match.token
    return max(clusters, key=lambda c: sum(m.score for m in c.values()), default={})


@dataclass(frozen=True)
class _Plan:
    """A format table as the parser looks for it, worked out once per table."""

    items: list[GridCell]  # the printed cells in reading order
    anchors: tuple[int, ...]  # the indexes of its labels (headers and rows)
    row_anchors: frozenset[int]  # … of which the labels of rows with figures


_PLANS: dict[int, tuple[FormatTable, _Plan]] = {}


def _plan(table: FormatTable) -> _Plan:
    """The table's plan (the formats are loaded once, and every document tries
    each of them, so it is kept)."""
    cached = _PLANS.get(id(table))
    if cached is None or cached[0] is not table:
        items = list(layout_table(table).cells)
        anchors = tuple(i for i, item in enumerate(items) if _is_anchor(item))
        rows = frozenset(
            i
            for i in anchors
            if items[i].kind is CellKind.LABEL and _row_has_values(items, i)
        )
        cached = _PLANS[id(table)] = (table, _Plan(items, anchors, rows))
    return cached[1]


def layout_items(table: FormatTable) -> list[GridCell]:
    return _plan(table).items


def _is_anchor(item: GridCell) -> bool:
    return item.kind in (CellKind.HEADER, CellKind.LABEL) and bool(item.text.strip())


# -- gaps between placed labels ------------------------------------------------------


@dataclass(frozen=True)
class _Gap:
    label: Token  # the placed label the gap follows
    heading: GridCell  # … and the format's label it was placed as
    rows: list[list[GridCell]]  # the printed rows in the gap, each its value cells
    runs: list[list[Token]]  # the document's runs of tokens in the gap
    run_labels: list[Token | None]  # the label each run follows (None: a grid row)
    row_labels: list[str]  # the format's label of each of ``rows``


def _gaps(
    items: list[GridCell], placed: dict[int, Match], tokens: Sequence[Token]
) -> Iterator[_Gap]:
    order = sorted(placed)
    for n, anchor in enumerate(order):
        end_item = order[n + 1] if n + 1 < len(order) else len(items)
        cells = [
            item for item in items[anchor + 1 : end_item] if item.kind is CellKind.VALUE
        ]
        if not cells:
            continue
        start = placed[anchor].token
        stop = placed[order[n + 1]].token if n + 1 < len(order) else None
        runs, labels = _runs(tokens, start, stop)
        rows = _by_row(cells)
        row_labels = [_row_label(items[anchor:end_item], row[0].row) for row in rows]
        yield _Gap(tokens[start], items[anchor], rows, runs, labels, row_labels)


def _row_label(items: list[GridCell], row: int) -> str:
    """The innermost label printed on a row of the format's grid."""
    labels = [
        item.text
        for item in items
        if item.kind is CellKind.LABEL and item.row == row and item.text
    ]
    return labels[-1] if labels else ""


def _by_row(cells: list[GridCell]) -> list[list[GridCell]]:
    rows: dict[int, list[GridCell]] = {}
    for cell in cells:
        rows.setdefault(cell.row, []).append(cell)
    return list(rows.values())


def _runs(
    tokens: Sequence[Token], start: int, stop: int | None
) -> tuple[list[list[Token]], list[Token | None]]:
    """The tokens after ``start``, cut into runs at labels and at grid rows, each
    with the label it follows (None when a grid row ended); the last gap of a
    table ends at the first label after it."""
    runs: list[list[Token]] = [[]]
    labels: list[Token | None] = [tokens[start]]
    anchor_row = tokens[start].row
    end = len(tokens) if stop is None else stop
    for token in tokens[start + 1 : min(end, start + 1 + MAX_RUN)]:
        if token.kind is TokenKind.LABEL:
            if stop is None:
                break
            runs.append([])
            labels.append(token)
            continue
        if token.kind is TokenKind.NOISE:
            continue
        current = runs[-1]
        last_row = current[-1].row if current else anchor_row
        if last_row is not None and token.row != last_row and current:
            runs.append([])  # the grid row ended (a page footer is no cell of it)
            labels.append(None)
        runs[-1].append(token)
    return runs, labels


def _read_gap(reading: TableReading, gap: _Gap, relations: _Relations) -> None:
    data_rows = [row for row in gap.rows if any(c.ref for c in row)]
    figure_runs = [run for run in gap.runs if _has_figures(run)]
    parent = _collapsed_parent(gap, data_rows, figure_runs)
    if parent is not None:
        _read_collapsed(reading, parent, data_rows, figure_runs[0], gap, relations)
        return
    if len(figure_runs) >= len(data_rows) >= 1 and _read_with_extras(
        reading, gap, relations
    ):
        return
    if len(gap.rows) == len(gap.runs):
        pairs = list(zip(gap.rows, gap.runs, strict=True))
    elif len(data_rows) > 1 and len(figure_runs) == len(data_rows):
        pairs = list(zip(data_rows, figure_runs, strict=True))
    elif len(data_rows) == 1:
        run = (
            gap.runs[0] if _has_figures(gap.runs[0]) else _first_with_figures(gap.runs)
        )
        pairs = [(data_rows[0], run)]
    else:
        pairs = list(zip(data_rows, gap.runs, strict=False))
        if len(data_rows) > len(gap.runs):
            _note_unread(reading, data_rows[len(gap.runs) :])
    for row, run in pairs:
        refs = [c for c in row if c.ref is not None]
        if refs:
            _read_row(reading, refs, run, gap.label, relations)
        elif _has_figures(run):
            _note_heading_figures(reading, row, run, gap.label)


def _read_with_extras(reading: TableReading, gap: _Gap, relations: _Relations) -> bool:
    """More printed rows of figures than the format has here: each printed row is
    paired with the format row its label names (``extras.pair_rows``), and the
    rest are kept as printed children, never read into a format cell. False when
    the printed rows cannot be told apart (the rows are then read as before)."""
    rows = [
        (row, label)
        for row, label in zip(gap.rows, gap.row_labels, strict=True)
        if any(c.ref for c in row)
    ]
    printed = _printed_rows(gap)
    plan = extras.pair_rows([label for _, label in rows], printed)
    if plan is None or not plan[1]:
        return False
    pairs = plan[0]
    paired_at = {p: r for r, p in pairs}
    above: list[GridCell] | None = None
    for n, row in enumerate(printed):
        if n in paired_at:
            above = rows[paired_at[n]][0]
            refs = [c for c in above if c.ref is not None]
            _read_row(reading, refs, row.tokens, row.label or gap.label, relations)
        else:
            _read_printed_child(reading, above, rows[0][0], row, gap)
    return True


def _printed_rows(gap: _Gap) -> list[extras.PrintedRow]:
    """The gap's runs of figures, each with its printed label; a label wrapped
    over lines with no figures between is joined (its figures follow its last
    line), and a run whose label starts at the placed label is that row's own."""
    printed = []
    pending: list[Token] = []
    for n, (label, run) in enumerate(zip(gap.run_labels, gap.runs, strict=True)):
        if label is not None and (n > 0 or not pending):
            if pending and label.row is not None and pending[-1].row != label.row:
                pending = []  # a grid row of labels alone (a header a page repeats)
            pending.append(label)
        if not _has_figures(run):
            continue
        own = bool(pending) and pending[0] is gap.label
        if pending:
            text = "".join(t.text for t in pending)
            label = replace(pending[-1], text=text) if len(pending) > 1 else pending[0]
        printed.append(extras.PrintedRow(label, run, gap.heading.text if own else None))
        pending = []
    return printed


def _read_printed_child(
    reading: TableReading,
    above: list[GridCell] | None,
    first: list[GridCell],
    row: extras.PrintedRow,
    gap: _Gap,
) -> None:
    """A printed row the format lacks: its figures under the columns of the format
    row above it, in cells of its own (``extras.child_path``)."""
    assert row.label is not None
    columns = [c for c in (above or first) if c.ref is not None]
    if not columns or columns[0].ref is None:
        return
    if above is not None:
        path = extras.child_path(columns[0].ref.row, row.label.text)
    else:  # printed under a heading, before any of its rows
        parent = columns[0].ref.row.rsplit(PATH_SEPARATOR, 1)[0]
        path = PATH_SEPARATOR.join([parent, " ".join(row.label.text.split())])
    format_rows = {item.ref.row for item in layout_items(reading.table) if item.ref}
    if path in format_rows:
        return  # a format row printed out of its place: never a second copy of it
    cells = [
        replace(c, ref=CellRef(reading.table.id, path, c.ref.column))
        for c in columns
        if c.ref is not None
    ]
    values = [t for t in row.tokens if t.is_value]
    if reading.extra_columns:
        values = _without_extra_columns(reading, cells, values, row.label)
    figures = [t for t in values if t.kind is TokenKind.VALUE]
    chosen = _positional(len(cells), values, figures)
    if chosen is None:
        merged = _merged_cells(reading, cells, len(values), len(figures))
        if merged is not None:
            cells = merged[0]
            chosen = _positional(len(cells), values, figures)
    if chosen is not None:
        for cell, token in zip(cells, chosen, strict=True):
            if token.reading is not None and cell.ref is not None:
                reading.cells[cell.ref] = ReadCell(
                    cell.ref, token.reading, (token,), row.label, printed_child=True
                )
    reading.printed_rows.append((path, _printed(figures) if chosen is None else ""))


def _collapsed_parent(
    gap: _Gap, data_rows: list[list[GridCell]], figure_runs: list[list[Token]]
) -> str | None:
    """The row path of a parent printed alone: the gap follows a heading label (a
    row with no cells of its own), holds only that heading's sub-rows, none of
    whose labels was found, and one printed row of figures."""
    if len(data_rows) < 2 or len(figure_runs) != 1:
        return None
    if gap.heading.kind is not CellKind.LABEL:
        return None
    parents = {
        c.ref.row.rsplit(PATH_SEPARATOR, 1)[0]
        for row in data_rows
        for c in row
        if c.ref is not None
    }
    if len(parents) != 1:
        return None
    (parent,) = parents
    if parent.rsplit(PATH_SEPARATOR, 1)[-1] != gap.heading.text:
        return None
    return parent


def _read_collapsed(
    reading: TableReading,
    parent: str,
    data_rows: list[list[GridCell]],
    run: list[Token],
    gap: _Gap,
    relations: _Relations,
) -> None:
    """The parent's figures into the parent's own cells (one per column of its
    sub-rows); the sub-rows stay blank, with a finding that says so."""
    children = tuple(
        dict.fromkeys(c.ref.row for row in data_rows for c in row if c.ref)
    )
    columns = [c for c in data_rows[0] if c.ref is not None]
    cells = [
        replace(c, ref=CellRef(reading.table.id, parent, c.ref.column))
        for c in columns
        if c.ref is not None
    ]
    before = set(reading.cells)
    _read_row(reading, cells, run, gap.label, relations)
    for ref in set(reading.cells) - before:
        reading.cells[ref] = replace(reading.cells[ref], collapses=children)
    names = [child.rsplit(PATH_SEPARATOR, 1)[-1] for child in children]
    reading.collapsed.update(names)
    shown = "、".join(names[:3]) + ("等" if len(names) > 3 else "")
    reading.findings.append(
        _finding(
            "IMPORT.collapsed",
            f"{table_name(reading.table.id)}「{_row_name(gap.label)}」只印了一行"
            f"（{_printed([t for t in run if t.is_value])}），没有分列其下 "
            f"{len(names)} 项（{shown}）；数值记入「{gap.heading.text}」本身，"
            "其下各项留空。",
            [c.ref for c in cells],
        )
    )


# -- columns printed merged or beyond the format ---------------------------------------

HEADER_NOTE_MAX = 40  # characters of a header cell that may name an extra column


def _find_column_changes(
    reading: TableReading,
    items: list[GridCell],
    gaps: list[_Gap],
    tokens: Sequence[Token],
) -> None:
    """Before any row is read: which parent columns the report prints merged
    (from how many figures its rows print), and which 「其中」 columns it adds
    (from its header)."""
    samples = []
    for gap in gaps:
        columns = next(
            (
                tuple(c.ref.column for c in row if c.ref)
                for row in gap.rows
                if any(c.ref for c in row)
            ),
            (),
        )
        if not columns:
            continue
        for run in gap.runs:
            if _has_figures(run):
                samples.append((columns, sum(1 for t in run if t.is_value)))
    reading.merged = extras.merged_columns(samples)
    rows = [
        m.token for i, m in reading.placed.items() if items[i].kind is CellKind.LABEL
    ]
    if not rows or not reading.placed:
        return
    start = min(m.token for m in reading.placed.values())
    header = [t for t in tokens[start : min(rows)] if len(t.text) <= HEADER_NOTE_MAX]
    printed_columns = list(
        dict.fromkeys(i.ref.column for i in items if i.ref is not None)
    )
    reading.extra_columns = extras.extra_columns(header, printed_columns)


def _merged_cells(
    reading: TableReading, cells: list[GridCell], n_values: int, n_figures: int
) -> tuple[list[GridCell], tuple[str, ...]] | None:
    """A row's cells with the parent column the report prints merged in place of
    its sub-columns, and those sub-columns; None unless the row printed as many
    figures as that."""
    columns = tuple(c.ref.column for c in cells if c.ref)
    parent = reading.merged.get(columns)
    if parent is None:
        return None
    children = tuple(c for c in columns if extras.under(c, parent))
    merged: list[GridCell] = []
    for cell in cells:
        assert cell.ref is not None
        if not extras.under(cell.ref.column, parent):
            merged.append(cell)
        elif cell.ref.column == children[0]:
            merged.append(replace(cell, ref=replace(cell.ref, column=parent)))
    if len(merged) not in (n_values, n_figures):
        return None
    return merged, children


def _without_extra_columns(
    reading: TableReading, cells: list[GridCell], values: list[Token], label: Token
) -> list[Token]:
    """A row that prints the report's extra columns as well: their figures kept as
    the columns' printed children, the rest returned for the format's cells."""
    columns = [c.ref.column for c in cells if c.ref]
    applying = [
        e
        for e in reading.extra_columns
        if e.after in columns or any(extras.under(c, e.after) for c in columns)
    ]
    positions = extras.extra_positions(columns, applying)
    figures = [t for t in values if t.kind is TokenKind.VALUE]
    if not positions:
        return values
    if len(values) == len(cells) + len(positions):
        printed = values
    elif len(figures) == len(cells) + len(positions):
        printed = figures
    else:
        return values
    row = cells[0].ref.row if cells[0].ref else ""
    for extra, at in zip(applying, positions, strict=True):
        token = printed[at]
        ref = CellRef(
            reading.table.id, row, PATH_SEPARATOR.join([extra.after, extra.label])
        )
        if token.reading is not None:
            reading.cells[ref] = ReadCell(
                ref, token.reading, (token,), label, printed_child=True
            )
        reading.printed_columns.add(extra.label)
    return [t for n, t in enumerate(printed) if n not in positions]


def _note_printed_children(reading: TableReading) -> None:
    """The findings for the rows and columns kept as printed, and for the
    columns printed merged."""
    columns = [i.ref.column for i in layout_items(reading.table) if i.ref]
    reading.findings.extend(
        extras.findings(
            table_name(reading.table.id),
            reading.printed_rows,
            reading.printed_columns,
            {
                parent: [c for c in dict.fromkeys(columns) if extras.under(c, parent)]
                for parent in sorted(reading.merged_read)
            },
        )
    )


def _has_figures(run: list[Token]) -> bool:
    return any(t.kind is TokenKind.VALUE for t in run)


def _first_with_figures(runs: list[list[Token]]) -> list[Token]:
    return next((run for run in runs if _has_figures(run)), runs[0])


# -- one row -------------------------------------------------------------------------


def _read_row(
    reading: TableReading,
    cells: list[GridCell],
    run: list[Token],
    label: Token,
    relations: _Relations,
) -> None:
    values = [t for t in run if t.is_value]
    if reading.extra_columns:
        values = _without_extra_columns(reading, cells, values, label)
    figures = [t for t in values if t.kind is TokenKind.VALUE]
    if len(cells) == 1 and len(values) != 1:
        _read_single(reading, cells[0], values, figures, label)
        return
    if len(cells) not in (len(values), len(figures)):
        merged = _merged_cells(reading, cells, len(values), len(figures))
        if merged is not None:
            _read_merged(reading, merged, values, figures, label)
            return
    chosen = _positional(len(cells), values, figures)
    split = chosen is None and 0 < len(figures) < len(cells)
    if split and _split(reading, cells, figures, label, relations):
        return
    if chosen is None:
        _note_row(reading, cells, values, label)
        return
    for cell, token in zip(cells, chosen, strict=True):
        if token.reading is not None:
            _store(reading, cell, token.reading, (token,), label)


def _read_merged(
    reading: TableReading,
    merged: tuple[list[GridCell], tuple[str, ...]],
    values: list[Token],
    figures: list[Token],
    label: Token,
) -> None:
    """A row of a table printed with a parent column merged: the parent's figure
    into the parent's own cell, the sub-columns blank."""
    cells, children = merged
    chosen = _positional(len(cells), values, figures)
    if chosen is None:
        return
    for cell, token in zip(cells, chosen, strict=True):
        if token.reading is None or cell.ref is None:
            continue
        collapses: tuple[str, ...] = ()
        if any(extras.under(c, cell.ref.column) for c in children):  # the parent
            collapses = children
            reading.merged_read.add(cell.ref.column)
        reading.cells[cell.ref] = ReadCell(
            cell.ref, token.reading, (token,), label, collapses=collapses, axis="column"
        )


def _positional(
    n: int, values: list[Token], figures: list[Token]
) -> list[Token] | None:
    """Rules 1, 3 and 4: the tokens that fill a row of ``n`` cells one each."""
    if len(values) == n:
        return values
    if len(figures) == n:
        return figures
    if len(values) > n and values[0].row is not None:
        return values[-n:]
    return None


def _read_single(
    reading: TableReading,
    cell: GridCell,
    values: list[Token],
    figures: list[Token],
    label: Token,
) -> None:
    """Rule 2: a one-cell row takes the last figure printed (a blank if none)."""
    if len({t.reading.value for t in figures if t.reading}) > 1:
        _note_several(reading, cell, figures, label)
    token = figures[-1] if figures else (values[-1] if values else None)
    if token is not None and token.reading is not None:
        _store(reading, cell, token.reading, (token,), label)


def _store(
    reading: TableReading,
    cell: GridCell,
    value: Reading,
    tokens: tuple[Token, ...],
    label: Token,
    split: bool = False,
) -> None:
    assert cell.ref is not None
    reading.cells[cell.ref] = ReadCell(cell.ref, value, tokens, label, split)


def _split(
    reading: TableReading,
    cells: list[GridCell],
    figures: list[Token],
    label: Token,
    relations: _Relations,
) -> bool:
    """Rule 5: the splits of figures printed together that keep the row's sums,
    kept for ``_settle_splits``; False when there is none."""
    groups = [t.reading.digits if t.reading else "" for t in figures]
    if not all(groups):
        return False
    columns = [c.ref.column for c in cells if c.ref]
    result = splits(groups, len(cells), relations.for_row(columns))
    if not result.candidates:
        return False
    reading.pending.append(
        PendingSplit(
            tuple(cells),
            tuple(tuple(c) for c in result.candidates),
            tuple(figures),
            label,
        )
    )
    return True


MAX_COMBINATIONS = 4096  # of the pending rows' candidates, tried together


def _settle_splits(reading: TableReading, fmt: Format) -> None:
    """Choose each pending row's split by every sum the table states, over the
    whole table at once (the detail rows sum to （七）总计, 一+二 = 三+四 per column,
    table 四's blocks): the combinations of candidates that raise no sum error
    within the table are kept, and a row takes a split only when every kept
    combination gives it the same one. Any other row stays blank, with its
    candidates listed — never a guess."""
    pending = reading.pending
    if not pending:
        return
    combinations = 1
    for row in pending:
        combinations *= len(row.candidates)
    holding: list[tuple[tuple[int, ...], ...]] = []
    if combinations <= MAX_COMBINATIONS:
        holding = [
            combination
            for combination in itertools.product(*(p.candidates for p in pending))
            if _holds(reading, fmt, pending, combination)
        ]
    for n, row in enumerate(pending):
        chosen = {combination[n] for combination in holding}
        refs = [c.ref for c in row.cells if c.ref]
        printed = "".join(t.text for t in row.figures)
        name = f"{table_name(reading.table.id)}「{_row_name(row.label)}」行"
        if len(chosen) == 1:
            (values,) = chosen
            for cell, value in zip(row.cells, values, strict=True):
                _store(
                    reading,
                    cell,
                    Reading(value, "number"),
                    row.figures,
                    row.label,
                    True,
                )
            reading.findings.append(
                _finding(
                    "IMPORT.split",
                    f"{name}的数字连在一起印作“{printed}”，已按本表的合计关系拆分为 "
                    f"{'、'.join(map(str, values))}，请核对。",
                    refs,
                )
            )
            continue
        reading.unread.update(r for r in refs if r is not None)
        shown = sorted(chosen) if chosen else list(row.candidates)
        listed = "；".join("、".join(map(str, c)) for c in shown[:4])
        more = f"等 {len(shown)} 种" if len(shown) > 4 else ""
        why = (
            "有不止一种拆分都符合本表的合计关系"
            if len(chosen) > 1
            else "没有一种拆分能让全表的合计关系都成立"
        )
        reading.findings.append(
            _finding(
                "IMPORT.ambiguous_split",
                f"{name}的数字连在一起印作“{printed}”，{why}（{listed}{more}），"
                "未导入该行，请人工核对。",
                refs,
            )
        )


def _holds(
    reading: TableReading,
    fmt: Format,
    pending: list[PendingSplit],
    combination: tuple[tuple[int, ...], ...],
) -> bool:
    """Whether the table's own checks hold with ``combination`` in its rows."""
    table = reading.table.id
    report = ReportData(format=fmt.id, agency=AgencyRef(""), year=0)
    for ref, read in reading.cells.items():
        report.set(ref, read.reading.value, collapsed_source(read) or None)
    tried: set[CellRef] = set()
    for row, values in zip(pending, combination, strict=True):
        for grid, value in zip(row.cells, values, strict=True):
            if grid.ref is not None:
                report.set(grid.ref, value)
                tried.add(grid.ref)
    for finding in run_checks(report, fmt):
        if (
            finding.severity == "error"
            and finding.cells
            and all(ref.table == table for ref in finding.cells)
            and tried.intersection(finding.cells)
        ):
            return False
    return True


def collapsed_source(cell: ReadCell) -> dict[str, object]:
    """What a parent's cell says of the sub-rows (or sub-columns) it stands for,
    in its source: what the checks read to treat it as their sum."""
    if not cell.collapses:
        return {}
    source: dict[str, object] = {"collapsed": list(cell.collapses)}
    if cell.axis == "column":
        source["collapsed_axis"] = "column"
    return source


# -- the row sums of the format ------------------------------------------------------


class _Relations:
    """The format's per-row sums in one table (``equal`` checks ``for_each: row``),
    as index relations over a row's columns."""

    def __init__(self, checks: list[tuple[list[str], list[str]]]) -> None:
        self.checks = checks

    def for_row(self, columns: list[str]) -> list[Relation]:
        relations = []
        for left, right in self.checks:
            left_at = [_find(columns, path) for path in left]
            right_at = [_find(columns, path) for path in right]
            if all(i is not None for i in left_at + right_at):
                relations.append(
                    Relation(
                        tuple(i for i in left_at if i is not None),
                        tuple(i for i in right_at if i is not None),
                    )
                )
        return relations


def _row_relations(table: FormatTable, fmt: Format) -> _Relations:
    checks = []
    for check in fmt.checks:
        params = check.params
        if (
            check.kind == "equal"
            and params.get("for_each") == "row"
            and str(params.get("table")) == table.id
        ):
            checks.append((_paths(params.get("left")), _paths(params.get("right"))))
    return _Relations(checks)


def _paths(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _find(columns: list[str], path: str) -> int | None:
    for i, column in enumerate(columns):
        if column == path or column.endswith(PATH_SEPARATOR + path):
            return i
    return None


# -- findings ------------------------------------------------------------------------


def table_name(table_id: str) -> str:
    """表三, or 「政府信息公开情况统计表」 for a table named by its title."""
    return f"表{table_id}" if len(table_id) <= 2 else f"「{table_id}」"


def _finding(rule: str, message: str, refs: Sequence[CellRef | None]) -> Finding:
    return Finding(rule, "warning", message, [r for r in refs if r is not None])


def _row_name(label: Token) -> str:
    return label.text if len(label.text) <= 40 else label.text[:40] + "…"


def _printed(tokens: Sequence[Token]) -> str:
    return "、".join(t.text or "（空）" for t in tokens) or "（无）"


def _note_row(
    reading: TableReading, cells: list[GridCell], values: list[Token], label: Token
) -> None:
    if any(t.kind is TokenKind.VALUE for t in values):
        reading.unread.update(c.ref for c in cells if c.ref is not None)
    reading.findings.append(
        _finding(
            "IMPORT.row_values",
            f"{table_name(reading.table.id)}「{_row_name(label)}」行应有 "
            f"{len(cells)} 个数值，读到的是：{_printed(values)}；"
            "无法确定各数值对应的列，该行未导入。",
            [c.ref for c in cells],
        )
    )


def _note_several(
    reading: TableReading, cell: GridCell, figures: list[Token], label: Token
) -> None:
    reading.findings.append(
        _finding(
            "IMPORT.several_values",
            f"{table_name(reading.table.id)}「{_row_name(label)}」行印有多个数值"
            f"（{_printed(figures)}），已取最后一个 {figures[-1].text}。",
            [cell.ref],
        )
    )


def _note_heading_figures(
    reading: TableReading, row: list[GridCell], run: list[Token], label: Token
) -> None:
    figures = [t for t in run if t.kind is TokenKind.VALUE]
    reading.findings.append(
        _finding(
            "IMPORT.unexpected_value",
            f"{table_name(reading.table.id)}「{_row_name(label)}」这一标题行印有数值"
            f"{_printed(figures)}，报告格式中该行没有对应的单元格，未导入，请核对其含义。",
            [],
        )
    )


def _note_unread(reading: TableReading, rows: list[list[GridCell]]) -> None:
    refs = [c.ref for row in rows for c in row if c.ref]
    if not refs:
        return
    names = "、".join(dict.fromkeys(r.row.rsplit(PATH_SEPARATOR, 1)[-1] for r in refs))
    reading.findings.append(
        _finding(
            "IMPORT.rows_not_found",
            f"{table_name(reading.table.id)}中未能定位这些行的数值：{names}。",
            refs,
        )
    )
