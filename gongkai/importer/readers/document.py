"""The document every reader produces: paragraphs and tables, in reading order.

Whatever a published report was (a scraped web page's text, HTML, Word, PDF, Excel),
the parser sees one shape: a list of blocks, each a ``Paragraph`` or a ``Table``,
every piece with the ``Position`` it was read from, so that each figure of the
imported report can say where it was printed. A table is a grid of cells, a merged
cell counted once at its top-left corner; a table recovered from flattened text
(one cell per line) has no grid and is marked ``flattened``.

Pure Python: no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Position:
    """Where something was printed; only the members that apply are set."""

    page: int | None = None  # 1-based page of a PDF
    line: int | None = (
        None  # 1-based line of a text or HTML file; a Word paragraph's number
    )
    table: int | None = None  # 1-based index of the table in the document
    row: int | None = None  # 1-based grid row within the table
    column: int | None = None  # 1-based grid column within the table
    sheet: str | None = None  # the worksheet of an Excel file
    confidence: float | None = None  # OCR's certainty of a scanned cell, 0–100

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Paragraph:
    text: str
    position: Position = field(default_factory=Position)


@dataclass(frozen=True)
class TableCell:
    """One printed cell: its text and where its top-left corner sits (0-based)."""

    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    position: Position = field(default_factory=Position)


@dataclass(frozen=True)
class Table:
    cells: tuple[TableCell, ...]  # in reading order: by row, then by column
    position: Position = field(default_factory=Position)
    flattened: bool = False  # read from text one cell per line: no real grid

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)


Block = Paragraph | Table


@dataclass
class Document:
    """A published report as read: its blocks, and what the reader noticed."""

    name: str  # the file name, as the report's sources cite it
    kind: str  # one of readers.KINDS: "text", "html", "docx", "pdf", "doc"…
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. a corrected charset
    pages: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. a PDF's title
    run_together: bool = False  # text with no separators, cut back (``flattened``)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def plain_text(self) -> str:
        """Every paragraph and table cell, one per line: what text extraction
        alone would give (the baseline of the import benchmark)."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend(cell.text for cell in block.cells)
        return "\n".join(lines)

    def is_empty(self) -> bool:
        return not any(line.strip() for line in self.plain_text().splitlines())
