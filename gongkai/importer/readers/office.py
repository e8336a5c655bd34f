"""Word (DOCX) and Excel (XLSX) files: zip archives of XML.

Both are opened only after the archive's unpacked size is checked (a "zip bomb" of
a few kilobytes can unpack to gigabytes), and XML is parsed without resolving
entities or fetching anything. The sizes the archive declares are checked first, then
the bytes actually inflated are counted while each member is read (``Unpacking``): a
hostile file can declare a few bytes and inflate to gigabytes, and is stopped at the
limit, not after it.

**DOCX**: the body is read in order, paragraphs and tables (content controls are
looked into). A table's merged cells are counted once: ``w:gridSpan`` gives a cell's
column span, and a ``w:vMerge`` run of cells in one column is one cell whose row span
is the run's length; ``w:gridBefore`` shifts a row's first cell. A paragraph's
position is its number in the body (``line``); a cell's is its table, row and column.

**XLSX**: every worksheet, cached values (a formula's last computed result). A sheet
whose text sits in column A alone is read as paragraphs (gongkai's front sheet);
any other sheet is cut into tables at empty rows, each a grid with the merged
ranges as spans and empty cells kept (a blank figure must stay blank).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from lxml import etree

from .document import Block, Document, Paragraph, Position, Table, TableCell
from .errors import MEGABYTE, CellCounter, Limits, ReadError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)


def open_archive(data: bytes, limits: Limits, what: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ReadError(f"{what}文件已损坏或不完整。") from None
    if unpacked > limits.max_unpacked_bytes:
        raise ReadError(
            f"{what}文件解压后达 {unpacked // (1024 * 1024)} MB，超过上限，"
            "不像是一份年度报告，已停止读取。"
        )
    return archive


CHUNK = 64 * 1024  # of inflated bytes at a time
ENCRYPTED = 0x1  # general purpose flag bit 0
LOCAL_HEADER = 30  # bytes of a local file header before its name and extra field


class Unpacking:
    """The members of one archive, unpacked by counting the bytes that actually come
    out of the decompressor, against ``Limits.max_unpacked_bytes`` for all members
    read together: past the limit the reading stops with the refusal, whatever the
    archive declares. A member whose bytes differ from what it declares (its size,
    its CRC) is damaged, as Python's ``zipfile`` would say."""

    def __init__(self, data: bytes, limits: Limits, what: str) -> None:
        self.archive = open_archive(data, limits, what)
        self.data = memoryview(data)
        self.limit = limits.max_unpacked_bytes
        self.what = what
        self.unpacked = 0

    def read(self, name: str) -> bytes:
        """The member ``name``, unpacked."""
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            raise ReadError(
                f"{self.what}文件缺少 {name}，已损坏或不是{self.what}文件。"
            ) from None
        return b"".join(self._unpacked(info))

    def check_all(self) -> None:
        """Unpack every member (and keep none), so that a library that unzips the
        file after this meets no member larger than the limit allows."""
        for info in self.archive.infolist():
            for _ in self._unpacked(info):
                pass

    def _unpacked(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        if info.flag_bits & ENCRYPTED:
            raise ReadError(
                f"{self.what}文件已加密，无法读取；请另存为未加密的文件后再导入。"
            )
        crc = size = 0
        try:
            for piece in self._pieces(info):
                self._count(len(piece))
                crc, size = zlib.crc32(piece, crc), size + len(piece)
                yield piece
        except (zlib.error, struct.error):
            raise ReadError(f"{self.what}文件已损坏或不完整。") from None
        if size != info.file_size or crc != info.CRC:
            raise ReadError(f"{self.what}文件已损坏或不完整。")

    def _count(self, n: int) -> None:
        self.unpacked += n
        if self.unpacked > self.limit:
            raise ReadError(
                f"{self.what}文件解压后超过 {self.limit / MEGABYTE:.0f} MB 的上限，"
                "不像是一份年度报告，已停止读取。"
            )

    def _pieces(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        raw = self._raw(info)
        if info.compress_type == zipfile.ZIP_STORED:
            for start in range(0, len(raw), CHUNK):
                yield bytes(raw[start : start + CHUNK])
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            yield from _inflated(raw)
        else:  # Office and OpenDocument files use these two only
            raise ReadError(f"{self.what}文件使用了不支持的压缩方式，无法读取。")

    def _raw(self, info: zipfile.ZipInfo) -> memoryview:
        """The member's compressed bytes: after its local header, as many as the
        central directory says (no more than the file holds)."""
        offset = info.header_offset
        header = self.data[offset : offset + LOCAL_HEADER]
        if len(header) < LOCAL_HEADER or bytes(header[:4]) != b"PK\x03\x04":
            raise ReadError(f"{self.what}文件已损坏或不完整。")
        name_length, extra_length = struct.unpack_from("<HH", header, 26)
        start = offset + LOCAL_HEADER + name_length + extra_length
        return self.data[start : start + info.compress_size]


def _inflated(raw: memoryview) -> Iterator[bytes]:
    """The deflated stream ``raw`` inflated at most ``CHUNK`` bytes at a time, so
    that no more is ever produced than is counted."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    position = 0
    while not inflater.eof:
        if inflater.unconsumed_tail:
            given = inflater.unconsumed_tail
        else:
            given = bytes(raw[position : position + CHUNK])
            position += len(given)
        piece = inflater.decompress(given, CHUNK)
        if piece:
            yield piece
        elif not given:  # the stream ends before its end: the size check says so
            return


# -- DOCX ----------------------------------------------------------------------------


def read_docx(data: bytes, name: str, limits: Limits) -> Document:
    xml = Unpacking(data, limits, "Word ").read("word/document.xml")
    try:
        root = etree.fromstring(xml, _XML)
    except etree.XMLSyntaxError:
        raise ReadError("Word 文件已损坏：正文无法解析。") from None
    body = root.find(f"{W}body")
    if body is None:
        raise ReadError("Word 文件没有正文。")
    reader = _DocxReader(CellCounter(limits))
    reader.read(body)
    return Document(name=name, kind="docx", blocks=reader.blocks)


def _paragraph_text(element: etree._Element) -> str:
    parts: list[str] = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        else:
            parts.append(" ")
    return "".join(parts).strip()


def _val(element: etree._Element | None, child: str) -> str | None:
    if element is None:
        return None
    found = element.find(f"{W}{child}")
    if found is None:
        return None
    return found.get(f"{W}val", "")


def _int(value: str | None, default: int = 1) -> int:
    try:
        return max(1, min(1000, int(value))) if value else default
    except ValueError:
        return default


class _DocxReader:
    def __init__(self, counter: CellCounter) -> None:
        self.counter = counter
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0

    def read(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == f"{W}p":
                self.paragraphs += 1
                text = _paragraph_text(child)
                if text:
                    self.blocks.append(Paragraph(text, Position(line=self.paragraphs)))
            elif child.tag == f"{W}tbl":
                self.tables += 1
                self.blocks.append(self._table(child, self.tables))
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.read(content)

    def _table(self, table: etree._Element, number: int) -> Table:
        cells: list[dict[str, Any]] = []
        open_merges: dict[int, int] = {}  # grid column → index of the merge's cell
        for r, row in enumerate(table.iterfind(f"{W}tr")):
            column = _int(_val(row.find(f"{W}trPr"), "gridBefore"), default=0)
            for cell in row.iterfind(f"{W}tc"):
                properties = cell.find(f"{W}tcPr")
                span = _int(_val(properties, "gridSpan"))
                merge = _val(properties, "vMerge")
                if merge is not None and merge != "restart" and column in open_merges:
                    cells[open_merges[column]]["rowspan"] += 1
                else:
                    self.counter.add(1)
                    if merge == "restart":
                        open_merges[column] = len(cells)
                    else:
                        open_merges.pop(column, None)
                    cells.append(
                        {
                            "text": "".join(
                                _paragraph_text(p) for p in cell.iter(f"{W}p")
                            ),
                            "row": r,
                            "column": column,
                            "colspan": span,
                            "rowspan": 1,
                        }
                    )
                column += span
        return Table(
            tuple(
                TableCell(
                    **c,
                    position=Position(
                        table=number, row=c["row"] + 1, column=c["column"] + 1
                    ),
                )
                for c in cells
            ),
            Position(table=number),
        )


# -- XLSX ----------------------------------------------------------------------------


def read_xlsx(data: bytes, name: str, limits: Limits) -> Document:
    Unpacking(data, limits, "Excel ").check_all()  # before openpyxl unzips
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise ReadError("Excel 文件已损坏或不完整，无法打开。") from None
    counter = CellCounter(limits)
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        blocks.extend(_sheet_blocks(sheet, counter, len(blocks)))
    return Document(name=name, kind="xlsx", blocks=blocks)


def cell_text(value: Any) -> str:
    """A spreadsheet value as printed: 212.15, 3 (not 3.0), a date as 2020-01-20."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        number = Decimal(repr(value))
        if number == number.to_integral_value():
            return str(int(number))
        return format(number.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value).strip()


def _sheet_blocks(sheet: Any, counter: CellCounter, tables_so_far: int) -> list[Block]:
    grid = _sheet_text(sheet, counter)
    if not grid:
        return []
    if all(column == 1 for _, column in grid):
        return [
            Paragraph(text, Position(sheet=sheet.title, row=row))
            for (row, _), text in sorted(grid.items())
        ]
    spans, covered = _merges(sheet, counter)
    blocks: list[Block] = []
    for rows in _row_runs(sorted({r for r, _ in grid} | {r for r, _ in spans})):
        number = tables_so_far + len(blocks) + 1
        blocks.append(_xlsx_table(sheet.title, rows, grid, spans, covered, number))
    return blocks


def _sheet_text(sheet: Any, counter: CellCounter) -> dict[tuple[int, int], str]:
    """The sheet's non-empty cells by (row, column); every stored cell counts."""
    grid: dict[tuple[int, int], str] = {}
    for row in sheet.iter_rows():
        counter.add(len(row))
        for cell in row:
            text = cell_text(cell.value)
            if text:
                grid[(cell.row, cell.column)] = text
    return grid


def _merges(
    sheet: Any, counter: CellCounter
) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """Each merged range's top-left cell with its (rows, columns), and the
    positions the ranges cover beside their top-left cells."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        rows = merged.max_row - merged.min_row + 1
        columns = merged.max_col - merged.min_col + 1
        counter.add(rows * columns)
        spans[(merged.min_row, merged.min_col)] = (rows, columns)
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                covered.add((r, c))
        covered.discard((merged.min_row, merged.min_col))
    return spans, covered


def _row_runs(rows: list[int]) -> list[list[int]]:
    """Rows with content, cut into runs at empty rows: one run, one table."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def _xlsx_table(
    title: str,
    rows: list[int],
    grid: dict[tuple[int, int], str],
    spans: dict[tuple[int, int], tuple[int, int]],
    covered: set[tuple[int, int]],
    number: int,
) -> Table:
    columns = [c for (r, c) in grid if r in set(rows)]
    columns += [c + span[1] - 1 for (r, c), span in spans.items() if r in set(rows)]
    first, last = min(columns), max(columns)
    cells: list[TableCell] = []
    for r in rows:
        for c in range(first, last + 1):
            if (r, c) in covered:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            cells.append(
                TableCell(
                    grid.get((r, c), ""),
                    row=r - rows[0],
                    column=c - first,
                    rowspan=rowspan,
                    colspan=colspan,
                    position=Position(sheet=title, row=r, column=c),
                )
            )
    return Table(tuple(cells), Position(sheet=title, table=number))
