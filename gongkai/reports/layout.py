"""Table layout: a format's table as a grid of positioned, merged cells.

The official formats draw their tables with merged cells: table 三's corner spans
three label columns and three header rows, 「三、本年度办理结果」 spans every result
row, table 二 repeats a title row and a header row for each 第二十条 item, table 四
has a three-level column header and no row labels, and the statistics tables print
「统计指标 | 单位 | 统计数」 with indented sub-rows. This module derives that grid once,
from the format alone (no report values, no database), so that every renderer
(HTML, DOCX, PDF, XLSX, text) draws the same merges without re-deriving them.

Two row styles exist:

- **nested** (tables 二, 三, 四): each level of the row tree has its own label column;
  an inner label spans its descendants' rows, and a label with fewer levels spans
  the remaining label columns;
- **indented** (statistics tables, recognised by their unit column): one label
  column, every row of the tree printed on its own line, indented by its depth;
  headings such as 「一、主动公开情况」 are rows without values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from .data import CellRef
from .schema import Block, CellSpec, HeaderPath, Node, Table

# Rows that fit on one A4 page at 10.5pt under a heading (the 2021 table 三 has 28).
KEEP_WHOLE_MAX_ROWS = 30


class CellKind(StrEnum):
    HEADER = "header"  # column headers, the corner, a block's title row
    LABEL = "label"  # row labels
    VALUE = "value"  # a data cell (``ref`` set), or a blank beside a heading row
    UNIT = "unit"  # the unit column of a statistics table


@dataclass(frozen=True)
class GridCell:
    """One printed cell: where its top-left corner sits and how far it spans."""

    row: int
    col: int
    kind: CellKind
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    ref: CellRef | None = None  # value cells that carry data
    spec: CellSpec | None = None  # how that value is printed (signed, decimals)
    indent: int = 0  # depth of an indented label
    block: int = 0  # index of the format block the cell belongs to
    leaf: bool = True  # a header or label with no sub-headers under it
    block_title: bool = (
        False  # the full-width title row of a block (第二十条第（一）项)
    )

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1

    def covers(self, row: int, col: int) -> bool:
        return self.row <= row <= self.last_row and self.col <= col <= self.last_col


@dataclass(frozen=True)
class TableLayout:
    """The grid of one table: its cells, sorted by position, and its proportions."""

    table: Table
    n_rows: int
    n_cols: int
    label_cols: int  # leading columns holding row labels (0: the rows have none)
    cells: tuple[GridCell, ...]
    header_rows: int  # leading rows to repeat on a page break (0: none)
    column_weights: tuple[float, ...]  # relative widths, one per grid column

    @property
    def keep_whole(self) -> bool:
        """Short enough to print on one page: start it on the next page rather
        than split it (tables 二, 三, 四; the statistics tables are longer)."""
        return self.n_rows <= KEEP_WHOLE_MAX_ROWS

    def rows(self) -> Iterator[list[GridCell]]:
        """Each grid row with the cells whose top-left corner is on it."""
        by_row: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            by_row[cell.row].append(cell)
        yield from by_row

    def value_cells(self) -> Iterator[GridCell]:
        return (c for c in self.cells if c.ref is not None)

    def is_corner(self, cell: GridCell) -> bool:
        """The top-left header over the row labels (table 三's 勾稽 note)."""
        return (
            cell.kind is CellKind.HEADER
            and not cell.block_title
            and cell.col < self.label_cols
        )

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell that covers a grid position (merged cells cover several)."""
        return next((c for c in self.cells if c.covers(row, col)), None)

    def headers_of(self, cell: GridCell) -> list[GridCell]:
        """The header and label cells that describe a value cell, outermost first:
        the column headers above it in its block, then the row labels to its left."""
        above = [
            c
            for c in self.cells
            if c.block == cell.block
            and c.kind is CellKind.HEADER
            and c.last_row < cell.row
            and c.col <= cell.col
            and cell.last_col <= c.last_col
            and not c.block_title
        ]
        left = [
            c
            for c in self.cells
            if c.kind is CellKind.LABEL
            and c.text
            and c.col < cell.col
            and c.row <= cell.row <= c.last_row
        ]
        return above + left


def layout_table(table: Table) -> TableLayout:
    """Lay out every block of ``table`` below the previous one on one grid."""
    specs = {spec.ref: spec for spec in table.cells()}
    label_cols = max(_label_columns(block) for block in table.blocks)
    n_cols = max(
        label_cols + _unit_columns(block) + len(block.data_columns())
        for block in table.blocks
    )
    builder = _GridBuilder(table.id, specs, label_cols, n_cols)
    for index, block in enumerate(table.blocks):
        builder.add_block(index, block)
    cells = tuple(sorted(builder.cells, key=lambda c: (c.row, c.col)))
    single = len(table.blocks) == 1 and table.blocks[0].title is None
    return TableLayout(
        table=table,
        n_rows=builder.next_row,
        n_cols=n_cols,
        label_cols=label_cols,
        cells=cells,
        header_rows=builder.first_header_rows if single else 0,
        column_weights=_column_weights(cells, n_cols),
    )


# -- building ------------------------------------------------------------------------


def _is_indented(block: Block) -> bool:
    """Statistics tables (those with a unit column) indent their sub-rows."""
    return block.unit_column is not None


def _label_columns(block: Block) -> int:
    if block.corner is None:
        return 0
    return 1 if _is_indented(block) else _depth(block.rows)


def _unit_columns(block: Block) -> int:
    return 1 if block.unit_column is not None else 0


def _depth(nodes: tuple[Node, ...]) -> int:
    return max((1 + _depth(n.children) for n in nodes), default=0)


def _row_count(node: Node) -> int:
    """Grid rows a node's subtree fills in the nested style."""
    own = 1 if node.is_leaf or node.own_indicator else 0
    return own + sum(_row_count(c) for c in node.children)


@dataclass
class _GridBuilder:
    table_id: str
    specs: dict[CellRef, CellSpec]
    label_cols: int
    n_cols: int
    cells: list[GridCell] = field(default_factory=list)
    next_row: int = 0
    first_header_rows: int = 0

    # A block: optional title row, column headers, then data rows.

    def add_block(self, index: int, block: Block) -> None:
        if block.title is not None:
            self._add(
                index,
                CellKind.HEADER,
                block.title,
                colspan=self.n_cols,
                block_title=True,
            )
            self.next_row += 1
        unit_cols = _unit_columns(block)
        first_data_col = self.label_cols + unit_cols
        widths = self._leaf_widths(block, self.n_cols - first_data_col)
        columns = self._add_column_headers(index, block, first_data_col, widths)
        if _is_indented(block):
            self._add_indented_rows(index, block, columns)
        else:
            self._add_nested_rows(index, block, columns)

    def _leaf_widths(self, block: Block, available: int) -> list[int]:
        """One grid column per data column; the last absorbs any spare width, as
        the 2021 table 二 draws 「本年处理决定数量」 across the three value columns."""
        count = len(block.data_columns())
        widths = [1] * count
        widths[-1] += available - count
        return widths

    def _add_column_headers(
        self, index: int, block: Block, first_col: int, widths: list[int]
    ) -> list[tuple[HeaderPath, int, int]]:
        """Place the header rows; return each data column with its grid position."""
        depth = _depth(block.columns)
        top = self.next_row
        if self.label_cols:
            self._add(
                index,
                CellKind.HEADER,
                block.corner or "",
                row=top,
                rowspan=depth,
                colspan=self.label_cols,
            )
        if block.unit_column is not None:
            self._add(
                index,
                CellKind.HEADER,
                block.unit_column,
                row=top,
                col=self.label_cols,
                rowspan=depth,
            )
        leaves = iter(widths)
        placed: list[tuple[HeaderPath, int, int]] = []

        def place(nodes: tuple[Node, ...], level: int, col: int, above: tuple) -> int:
            for node in nodes:
                path = (*above, node)
                if node.is_leaf:
                    width = next(leaves)
                    placed.append((HeaderPath(path), col, width))
                else:
                    width = place(node.children, level + 1, col, path) - col
                rowspan = depth - level if node.is_leaf else 1
                self._add(
                    index,
                    CellKind.HEADER,
                    node.label,
                    row=top + level,
                    col=col,
                    rowspan=rowspan,
                    colspan=width,
                    leaf=node.is_leaf,
                )
                col += width
            return col

        place(block.columns, 0, first_col, ())
        self.next_row = top + depth
        if index == 0:
            self.first_header_rows = self.next_row
        return placed

    def _add_nested_rows(
        self, index: int, block: Block, columns: list[tuple[HeaderPath, int, int]]
    ) -> None:
        prefix = (block.title,) if block.title else ()
        labelled = self.label_cols > 0

        def place(nodes: tuple[Node, ...], level: int, above: tuple) -> None:
            for node in nodes:
                path = (*above, node)
                if labelled:
                    self._add(
                        index,
                        CellKind.LABEL,
                        node.label,
                        col=level,
                        rowspan=_row_count(node),
                        colspan=1 if node.children else self.label_cols - level,
                        leaf=node.is_leaf,
                    )
                if node.is_leaf or node.own_indicator:
                    if node.children and labelled:
                        # The inner row's own figures: nothing to its right but values.
                        self._add(
                            index,
                            CellKind.LABEL,
                            "",
                            col=level + 1,
                            colspan=self.label_cols - level - 1,
                        )
                    self._add_values(index, HeaderPath(path, prefix), columns)
                    self.next_row += 1
                place(node.children, level + 1, path)

        place(block.rows, 0, ())

    def _add_indented_rows(
        self, index: int, block: Block, columns: list[tuple[HeaderPath, int, int]]
    ) -> None:
        prefix = (block.title,) if block.title else ()

        def place(nodes: tuple[Node, ...], level: int, above: tuple) -> None:
            for node in nodes:
                path = (*above, node)
                carries_data = node.is_leaf or node.own_indicator
                row = HeaderPath(path, prefix)
                if self.label_cols:
                    self._add(
                        index,
                        CellKind.LABEL,
                        node.label,
                        colspan=self.label_cols,
                        indent=level,
                        leaf=node.is_leaf,
                    )
                unit = self._unit_of(row, columns) if carries_data else ""
                self._add(index, CellKind.UNIT, unit or "", col=self.label_cols)
                if carries_data:
                    self._add_values(index, row, columns)
                else:
                    for _, col, width in columns:
                        self._add(index, CellKind.VALUE, col=col, colspan=width)
                self.next_row += 1
                place(node.children, level + 1, path)

        place(block.rows, 0, ())

    def _unit_of(
        self, row: HeaderPath, columns: list[tuple[HeaderPath, int, int]]
    ) -> str | None:
        units = {self._spec(row, column).unit for column, _, _ in columns}
        return units.pop() if len(units) == 1 else None

    def _add_values(
        self, index: int, row: HeaderPath, columns: list[tuple[HeaderPath, int, int]]
    ) -> None:
        for column, col, width in columns:
            spec = self._spec(row, column)
            self._add(
                index, CellKind.VALUE, col=col, colspan=width, ref=spec.ref, spec=spec
            )

    def _spec(self, row: HeaderPath, column: HeaderPath) -> CellSpec:
        return self.specs[CellRef(self.table_id, row.label, column.label)]

    def _add(
        self,
        block: int,
        kind: CellKind,
        text: str = "",
        *,
        row: int | None = None,
        col: int = 0,
        rowspan: int = 1,
        colspan: int = 1,
        ref: CellRef | None = None,
        spec: CellSpec | None = None,
        indent: int = 0,
        leaf: bool = True,
        block_title: bool = False,
    ) -> None:
        self.cells.append(
            GridCell(
                row=self.next_row if row is None else row,
                col=col,
                kind=kind,
                text=text,
                rowspan=rowspan,
                colspan=colspan,
                ref=ref,
                spec=spec,
                indent=indent,
                block=block,
                leaf=leaf,
                block_title=block_title,
            )
        )


# -- proportions ---------------------------------------------------------------------

LABEL_CHARS_PER_WEIGHT = 6  # a value column is worth about this many label characters
MIN_LABEL_WEIGHT = 1.6
MAX_LABEL_WEIGHT = 5.5
UNIT_WEIGHT = 0.7


def _column_weights(cells: tuple[GridCell, ...], n_cols: int) -> tuple[float, ...]:
    """Relative column widths: a value column is 1; a label column grows with the
    longest label it holds alone (wrapped labels stay readable, values stay narrow)."""
    weights = [1.0] * n_cols
    label_chars: dict[int, int] = {}
    for cell in cells:
        if cell.kind is CellKind.UNIT:
            weights[cell.col] = UNIT_WEIGHT
        elif cell.kind is CellKind.LABEL:
            # A spanning label is measured against the last column it covers.
            longest = max((len(line) for line in cell.text.splitlines()), default=0)
            chars = longest + 2 * cell.indent
            label_chars[cell.last_col] = max(label_chars.get(cell.last_col, 0), chars)
            label_chars.setdefault(cell.col, 0)
    for col, chars in label_chars.items():
        weights[col] = min(
            MAX_LABEL_WEIGHT, max(MIN_LABEL_WEIGHT, chars / LABEL_CHARS_PER_WEIGHT)
        )
    return tuple(weights)
