"""Reading a report for ``formats learn``: its year, agency and tables as printed.

The file is read as ``gongkai import report`` reads it (the same readers, the same
limits, in a child process confined as the import's is); each grid table is read by
``parsing.printed.read_printed``, with the two headers it does not keep (above the
row labels, above the unit column), which a format prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gongkai.reports.data import PrintedTable

from ..parsing.normalize import is_unit_header
from ..readers import ReadError
from ..readers.document import Paragraph, Table

CAPTION_MAX = 60  # characters: a longer paragraph before a table is prose
PAGE_MARK_MAX = 30  # characters: a page number or running head between two parts


class LearnError(Exception):
    """The file cannot be learned from; the message is for the user, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class LearnedTable:
    """A grid table as printed, with the headers ``read_printed`` does not keep."""

    printed: PrintedTable
    corner: str | None  # the header above the row labels, e.g. 统计指标
    unit_header: str | None  # the unit column's header, e.g. 单位


@dataclass
class Source:
    """What a report file gives a draft: its name, year and tables."""

    name: str
    year: int | None
    agency: str | None
    tables: list[LearnedTable] = field(default_factory=list)


# -- reading -------------------------------------------------------------------------


def read_source(data: bytes, name: str) -> Source:
    """The report's tables as printed (here and now)."""
    from ..importing import limits_from_settings
    from ..parsing.identify import identify
    from ..parsing.printed import continues, join, read_printed
    from ..readers import read_document

    document = read_document(data, name, limits_from_settings())
    identity = identify(document)
    source = Source(name=name, year=identity.year, agency=identity.agency)
    before = ""
    adjacent = False  # only a page number or a running head since the last table
    for block in document.blocks:
        if isinstance(block, Paragraph):
            text = " ".join(block.text.split())
            if text:
                before = text
                adjacent = adjacent and len(text) <= PAGE_MARK_MAX
            continue
        # The paragraph just above a table names it when it says 表 (附表：…统计表).
        caption = before if "表" in before and len(before) <= CAPTION_MAX else ""
        printed = read_printed(block, caption)
        if printed is None:
            adjacent = False
        elif adjacent and continues(source.tables[-1].printed, printed):
            join(source.tables[-1].printed, printed)  # the rest, past a page break
        else:
            source.tables.append(LearnedTable(printed, *_headers(block, printed)))
            adjacent = True
        before = ""
    return source


def _headers(table: Table, printed: PrintedTable) -> tuple[str | None, str | None]:
    """The texts above the label column and above the unit column, in the header
    rows (those above the first row whose label ``printed`` kept)."""
    row_labels = {part for row in printed.rows for part in row}
    header_cells = []
    for cell in table.cells:  # in reading order: the headers come first
        text = " ".join(cell.text.split())
        if text in row_labels:
            break
        header_cells.append((cell, text))
    column_words = {part for column in printed.columns for part in column}
    corner = next(
        (
            text
            for cell, text in header_cells
            if cell.column == 0
            and text
            and text not in column_words
            and cell.colspan < _width(table)
        ),
        None,
    )
    unit = next(
        (text for _, text in header_cells if is_unit_header(text)),
        None,
    )
    return corner, unit


def _width(table: Table) -> int:
    return max((c.column + c.colspan for c in table.cells), default=0)


def read_file(path: Path, timeout: float) -> Source:
    """``read_source`` on the file at ``path``, in a child process confined as the
    import's is (``importing.confine``), stopped after ``timeout`` seconds
    (0: in this process, without a limit)."""
    from ..importing import limits_from_settings

    try:
        size = path.stat().st_size
        limits_from_settings().check_size(size)
        data = path.read_bytes()
    except ReadError as exc:
        raise LearnError(exc.message) from None
    except OSError as exc:
        raise LearnError(f"无法打开文件 {path}：{exc.strerror}。") from None
    if timeout <= 0:
        return _read_guarded(data, path.name)
    return _read_isolated(data, path.name, timeout)


def _read_guarded(data: bytes, name: str) -> Source:
    from ..parsing import ParseError

    try:
        return read_source(data, name)
    except (ReadError, ParseError) as exc:
        raise LearnError(exc.message) from None
    except (RecursionError, MemoryError):
        raise LearnError("文件过于复杂，无法读取。") from None


def _read_isolated(data: bytes, name: str, timeout: float) -> Source:
    from ..importing import Stopped, run_isolated

    try:
        outcome: Source | str = run_isolated(_answer, (data, name), timeout)
    except Stopped as exc:
        raise LearnError(exc.message) from None
    if isinstance(outcome, str):
        raise LearnError(outcome)
    return outcome


def _answer(data: bytes, name: str) -> Source | str:
    """``_read_guarded`` as the child answers: the tables, or what went wrong."""
    try:
        return _read_guarded(data, name)
    except LearnError as exc:
        return exc.message
    except Exception as exc:  # the last guard: a bug is reported, not a hang
        return (
            f"读取时发生意外错误（{type(exc).__name__}：{exc}）。"
            "请将此文件提交给维护人员。"
        )
