"""The text inside an attachment, for the privacy scan and for search (pure).

PDF through pdfplumber, DOCX through python-docx, XLSX through openpyxl; each piece
of text keeps where it was (第2页, 表格1, Sheet1!第3行) so that a finding can say
where to look. Images have no text layer: they are accepted, and reported as not
scannable; so is a PDF made of scanned pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any, cast

KINDS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    **dict.fromkeys(
        (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"), "image"
    ),
}
# What each kind's file begins with: a renamed file is refused.
_MAGIC = {"pdf": (b"%PDF",), "docx": (b"PK\x03\x04",), "xlsx": (b"PK\x03\x04",)}

IMAGE_PROBLEM = "图片没有文字层，无法扫描，请人工核查"
SCANNED_PDF_PROBLEM = "PDF 没有文字层（可能是扫描件），无法扫描，请人工核查"


class ExtractionError(ValueError):
    """A file gongkai does not accept, or cannot read; the message is for users."""


@dataclass(frozen=True)
class Segment:
    where: str
    text: str


@dataclass(frozen=True)
class Extraction:
    kind: str
    segments: tuple[Segment, ...]
    problem: str = ""  # why the text could not be read, when it could not

    @property
    def scannable(self) -> bool:
        return not self.problem


def kind_of(filename: str) -> str:
    """The attachment kind of a file name, or an error naming the accepted ones."""
    kind = KINDS.get(PurePath(filename).suffix.lower())
    if kind is None:
        raise ExtractionError(
            f"不支持的附件类型：{filename}。可以上传 PDF、DOCX、XLSX 和图片"
            "（旧版 DOC、XLS 请先另存为 DOCX、XLSX）。"
        )
    return kind


def extract(file: IO[bytes], filename: str) -> Extraction:
    """Read the text of ``file``; raises ``ExtractionError`` when it is not the
    kind its name says, or is damaged."""
    kind = kind_of(filename)
    if kind == "image":
        return Extraction(kind, (), IMAGE_PROBLEM)
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not head.startswith(_MAGIC[kind]):
        raise ExtractionError(f"{filename} 的内容不是 {kind.upper()} 文件。")
    reader = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx}[kind]
    try:
        segments = tuple(s for s in reader(file) if s.text.strip())
    except Exception as error:  # the libraries raise many kinds on a damaged file
        raise ExtractionError(f"无法读取 {filename}：文件已损坏或加密。") from error
    if kind == "pdf" and not segments:
        return Extraction(kind, (), SCANNED_PDF_PROBLEM)
    return Extraction(kind, segments)


def _pdf(file: IO[bytes]) -> Iterator[Segment]:
    import pdfplumber

    with pdfplumber.open(cast(Any, file)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            yield Segment(f"第{number}页", page.extract_text() or "")


def _docx(file: IO[bytes]) -> Iterator[Segment]:
    import docx

    document = docx.Document(cast(Any, file))  # any binary file object
    yield Segment("正文", "\n".join(p.text for p in document.paragraphs))
    for number, table in enumerate(document.tables, start=1):
        rows = ("\t".join(cell.text for cell in row.cells) for row in table.rows)
        yield Segment(f"表格{number}", "\n".join(rows))
    for section in document.sections:
        for where, part in (("页眉", section.header), ("页脚", section.footer)):
            yield Segment(where, "\n".join(p.text for p in part.paragraphs))


def _xlsx(file: IO[bytes]) -> Iterator[Segment]:
    import openpyxl

    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(value) for value in row if value is not None]
                yield Segment(f"{sheet.title}!第{number}行", "\t".join(cells))
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    """A cell as a person reads it: a whole number without ``.0`` (an ID number
    typed as a number is still an ID number)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
