"""Plain text, as scraped from government pages or written by gongkai itself.

Scraped reports flatten their tables in a few recognisable ways, and this reader
keeps what each way says about empty cells (a blank cell must stay blank):

- **one cell per line, ending in "|"** (seed 002, gongkai's own text rendering): a
  run of such lines is a flattened table; a line "|" alone is an empty cell;
- **cells separated by "|" or tabs on one line** (copied from a spreadsheet or a
  Markdown table): a run of such lines is a table with a real grid;
- **double-spaced text** (seeds 003 and 004: every paragraph, and every table cell,
  followed by an empty line): consecutive lines form one paragraph (a cell whose
  label wrapped), a line holding only spaces is an empty cell, and every further
  pair of empty lines is one more empty cell;
- otherwise, every non-empty line is a paragraph.

An empty cell outside a table becomes an empty ``Paragraph``; the parser reads it as
a blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Block, Document, Paragraph, Position, Table, TableCell

CELL_END = "|"
GRID_CELL_MAX = 200  # characters: a table cell is a label or a figure, never pages
DOUBLE_SPACED_SHARE = 0.6  # of content lines followed by an empty line
DOUBLE_SPACED_MIN_LINES = 5


def read_text(text: str, name: str) -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    builder = _Builder(double_spaced=_is_double_spaced(lines))
    for number, line in enumerate(lines, start=1):
        builder.add(line, number)
    builder.flush()
    return Document(name=name, kind="text", blocks=builder.blocks)


def _is_cell_line(line: str) -> bool:
    stripped = line.strip()
    return stripped.endswith(CELL_END) and stripped.count(CELL_END) == 1


def _grid_fields(line: str) -> list[str] | None:
    """The cells of a line that prints a whole table row, or None."""
    stripped = line.strip()
    if stripped.count(CELL_END) >= 2:
        fields = stripped.strip(CELL_END).split(CELL_END)
    elif stripped.count("\t") >= 1 and len(stripped.split("\t")) >= 2:
        fields = stripped.split("\t")
    else:
        return None
    fields = [f.strip() for f in fields]
    if max(len(f) for f in fields) > GRID_CELL_MAX:
        return None  # prose with a "|" in it (a page's text run together), not a row
    return fields


def _is_double_spaced(lines: list[str]) -> bool:
    content = [
        i
        for i, line in enumerate(lines)
        if line.strip() and not _is_cell_line(line) and _grid_fields(line) is None
    ]
    if len(content) < DOUBLE_SPACED_MIN_LINES:
        return False
    followed = sum(1 for i in content if i + 1 < len(lines) and not lines[i + 1])
    return followed / len(content) >= DOUBLE_SPACED_SHARE


def _join(parts: list[str]) -> str:
    """Lines of one paragraph: CJK runs on without a space, Latin words keep one."""
    text = ""
    for part in parts:
        if text and text[-1].isascii() and text[-1].isalnum() and part[:1].isascii():
            text += " "
        text += part
    return text


@dataclass
class _Builder:
    double_spaced: bool
    blocks: list[Block] = field(default_factory=list)
    _cells: list[tuple[str, int]] = field(default_factory=list)  # flattened cells
    _rows: list[tuple[list[str], int]] = field(default_factory=list)  # grid rows
    _paragraph: list[str] = field(default_factory=list)
    _paragraph_line: int = 0
    _empty_run: int = 0

    def add(self, line: str, number: int) -> None:
        if _is_cell_line(line):
            self._flush_paragraph()
            self._flush_grid()
            self._cells.append((line.strip()[: -len(CELL_END)].strip(), number))
            return
        fields = _grid_fields(line)
        if fields is not None:
            self._flush_paragraph()
            self._flush_cells()
            self._rows.append((fields, number))
            return
        self._flush_cells()
        self._flush_grid()
        if self.double_spaced:
            self._add_double_spaced(line, number)
        elif line.strip():
            self.blocks.append(Paragraph(line.strip(), Position(line=number)))

    def _add_double_spaced(self, line: str, number: int) -> None:
        if not line:
            self._flush_paragraph()
            self._empty_run += 1
            return
        if self._empty_run:
            for _ in range((self._empty_run - 1) // 2):
                self.blocks.append(Paragraph("", Position(line=number - 1)))
            self._empty_run = 0
        if not line.strip():  # a line of spaces: an empty cell
            self._flush_paragraph()
            self.blocks.append(Paragraph("", Position(line=number)))
            return
        if not self._paragraph:
            self._paragraph_line = number
        self._paragraph.append(line.strip())

    def flush(self) -> None:
        self._flush_paragraph()
        self._flush_cells()
        self._flush_grid()

    def _flush_paragraph(self) -> None:
        if self._paragraph:
            text = _join(self._paragraph)
            self.blocks.append(Paragraph(text, Position(line=self._paragraph_line)))
            self._paragraph = []

    def _flush_cells(self) -> None:
        if not self._cells:
            return
        cells = tuple(
            TableCell(text, row=i, column=0, position=Position(line=number))
            for i, (text, number) in enumerate(self._cells)
        )
        self.blocks.append(
            Table(cells, Position(line=self._cells[0][1]), flattened=True)
        )
        self._cells = []

    def _flush_grid(self) -> None:
        if not self._rows:
            return
        cells = tuple(
            TableCell(text, row=r, column=c, position=Position(line=number))
            for r, (fields, number) in enumerate(self._rows)
            for c, text in enumerate(fields)
        )
        self.blocks.append(Table(cells, Position(line=self._rows[0][1])))
        self._rows = []
