"""Reading a catalogue file into rows of cells: CSV in any common encoding (found
by charset-normalizer: UTF-8, GBK, GB18030, UTF-16...) or XLSX (the first sheet).
The first row holds the headers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from charset_normalizer import from_bytes


class UnreadableFile(ValueError):
    """A file that is not a catalogue gongkai can read; the message says why."""


@dataclass(frozen=True)
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as the file shows it, cells)


def read_sheet(file: IO[bytes], filename: str) -> Sheet:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".csv":
        lines = list(_csv_rows(file.read()))
    elif suffix == ".xlsx":
        lines = list(_xlsx_rows(file))
    else:
        raise UnreadableFile(f"只能导入 CSV 或 XLSX 文件，{filename} 不是。")
    lines = [(n, cells) for n, cells in lines if any(_filled(c) for c in cells)]
    if not lines:
        raise UnreadableFile(f"{filename} 是空的。")
    (_, headers), *rows = lines
    return Sheet([str(h or "").strip() for h in headers], rows)


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


def decode(data: bytes) -> str:
    """The text of a CSV file, whatever its encoding (a BOM is honoured)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFile("无法识别该 CSV 文件的字符编码，请另存为 UTF-8 后再导入。")
    return str(best)


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    text = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    yield from enumerate(csv.reader(io.StringIO(text), dialect), start=1)


def _xlsx_rows(file: IO[bytes]) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # a damaged or mislabelled file raises many kinds
        raise UnreadableFile("无法打开该 XLSX 文件：文件已损坏或不是 XLSX。") from error
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()
