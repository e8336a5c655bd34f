"""Web pages: the report as most agencies publish it.

The page is decoded by ``charset`` (detected, the declaration verified), parsed by
lxml's forgiving HTML parser, and walked in document order: text outside tables
becomes paragraphs (a paragraph ends at every block element and ``<br>``), and each
table becomes a grid whose ``rowspan`` and ``colspan`` are honoured, so a merged cell
is read once at its top-left corner. Word's "save as web page" markup (``<o:p>``,
conditional comments, ``mso-`` styles, ``&nbsp;`` in empty cells) reads like any
other. Scripts, styles and elements hidden with ``display:none`` are skipped; a
table's ``<caption>`` is read as the paragraph before it.

Positions are the source line of each paragraph and cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from .charset import declared_charset, decode
from .document import Block, Document, Paragraph, Position, Table, TableCell
from .errors import CellCounter, Limits, ReadError

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "ul",
        "title",
        "tr",
    ]
)
SKIPPED_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "select",
        "option",
        "button",
        "head",
    ]
)
MAX_SPAN = 1000  # the HTML standard's limit for colspan; rowspan is clamped alike
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u3000\u200b]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def read_html(data: bytes, name: str, limits: Limits) -> Document:
    decoded = decode(data, declared_charset(data))
    try:
        root = lxml_html.document_fromstring(
            decoded.text.encode("utf-8"),
            parser=lxml_html.HTMLParser(encoding="utf-8", remove_comments=True),
        )
    except (etree.ParserError, ValueError):
        raise ReadError("网页无法解析：内容不是有效的 HTML。") from None
    walker = _Walker(CellCounter(limits))
    walker.walk(root)
    document = Document(name=name, kind="html", blocks=walker.blocks)
    title = root.findtext(".//title")
    if title and title.strip():
        document.metadata["title"] = clean(title)
    if decoded.note:
        document.notes.append(decoded.note)
    return document


def clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _hidden(element: etree._Element) -> bool:
    return bool(_HIDDEN.search(element.get("style") or "")) or (
        element.get("hidden") is not None
    )


class _Walker:
    """Document order, without recursion (a hostile page may nest deeply)."""

    def __init__(self, counter: CellCounter) -> None:
        self.counter = counter
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._line: int | None = None

    def walk(self, root: etree._Element) -> None:
        events = etree.iterwalk(root, events=("start", "end"))
        for event, element in events:
            tag = _tag(element)
            if event == "start":
                if tag in SKIPPED_TAGS or tag == "table" or _hidden(element):
                    events.skip_subtree()
                    if tag == "table" and not _hidden(element):
                        self._flush()
                        self._table(element)
                    continue
                if tag in BLOCK_TAGS or tag == "br":
                    self._flush()
                self._add(element.text, element)
            else:
                if tag in BLOCK_TAGS or tag == "br" or tag == "table":
                    self._flush()
                self._add(element.tail, element)
        self._flush()

    def _add(self, text: str | None, element: etree._Element) -> None:
        if text and text.strip():
            if not self._parts:
                self._line = element.sourceline
            self._parts.append(text)

    def _flush(self) -> None:
        text = clean("".join(self._parts))
        if text:
            self.blocks.append(Paragraph(text, Position(line=self._line)))
        self._parts = []

    def _table(self, table: etree._Element) -> None:
        caption = table.find("caption")
        if caption is not None and not _hidden(caption):
            text = clean(caption.text_content())
            if text:
                self.blocks.append(Paragraph(text, Position(line=caption.sourceline)))
        cells = tuple(grid_cells(list(_rows(table)), self.counter))
        if cells:
            self.blocks.append(Table(cells, Position(line=table.sourceline)))


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows (not those of tables nested in its cells)."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if _tag(row) == "tr")


def _span(value: str | None) -> int:
    digits = re.match(r"\s*(\d+)", value or "")
    return min(MAX_SPAN, max(1, int(digits.group(1)))) if digits else 1


def grid_cells(rows: list[etree._Element], counter: CellCounter) -> Iterator[TableCell]:
    """Each cell placed on the grid: a cell goes to the first column of its row
    not covered by a cell above that spans down into it. A span never reaches past
    the table's last row, and every grid position a cell covers, across as well as
    down, counts towards the cell limit: a hostile ``rowspan="1000"
    colspan="1000"``, or rows of ``colspan="1000"`` cells, stop the reader before
    the parser meets a grid of millions of positions."""
    covered: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(rows):
        if _hidden(row):
            continue
        column = 0
        for cell in row:
            if _tag(cell) not in ("td", "th") or _hidden(cell):
                continue
            while covered.get((r, column)):
                column += 1
            rowspan = min(_span(cell.get("rowspan")), len(rows) - r)
            colspan = _span(cell.get("colspan"))
            counter.add(rowspan * colspan)
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    covered[(r + dr, column + dc)] = True
            yield TableCell(
                text=clean(_cell_text(cell)),
                row=r,
                column=column,
                rowspan=rowspan,
                colspan=colspan,
                position=Position(line=cell.sourceline),
            )
            column += colspan


def _cell_text(cell: etree._Element) -> str:
    """A cell's text; its own paragraphs and line breaks run on (a wrapped label)."""
    return "".join(cell.itertext())
