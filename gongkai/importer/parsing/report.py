"""A read document → the ``ReportData`` of the report it prints.

The steps: tokens (``tokens``); whose report and which year (``identify``); which
format (``detect``, unless given); every table of the format read (``tables``);
the narrative cut into sections (``sections``); for tables the report does not
print, the figures its sentences state (``facts``); then the format's checks
(``gongkai.reports.checks``) on the result, exactly as on a computed report.

Every cell of the format is in the result: with the figure printed, ``None`` for
a blank (printed empty, or not printed at all), and a source saying where it was
read: ``{"kind": "import", "file", "page" | "line" | "table", "row", "column",
"printed", "label"}`` for a table cell, ``{"kind": "import", "file", …, "stated"}``
for a figure from a sentence. What the import itself noticed (a corrected charset,
a table not found, a row it could not read) is reported as findings with rule ids
``IMPORT.*``, beside the checks' own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai.importer.readers.document import Document, Paragraph, Position, Table
from gongkai.reports.checks import run_checks
from gongkai.reports.data import AgencyRef, CellRef, Finding, PrintedTable, ReportData
from gongkai.reports.formats import Format, all_formats, get_format

from .align import Matcher
from .detect import choose_format, fit
from .facts import Stated, stated
from .identify import Identity, identify
from .printed import continues, join, printed_checks, read_printed
from .runtogether import cut_at_labels
from .sections import narrative_sections
from .tables import ReadCell, TableReading, read_table, table_name
from .tokens import Options, Token, TokenKind, tokenize

SOURCE_KIND = "import"
# Labels of a table placed for it to count as printed, though too few to read it:
# its cells are never filled from the narrative (a figure or two in a table the
# importer could not read would only make its sums fail).
SEEN = 3
# Tesseract's confidence (0–100) under which a scanned figure is listed for checking.
OCR_DOUBT = 80
# A grid table whose figures the format's tables took fewer of than this share is
# also kept as printed (issue 16): a province's own table, or a national table with
# columns the format lacks (two period columns), loses no figure.
COVERED = 0.9
# A format table read from such a table keeps its cells only when it placed this
# share of its rows, each with one figure: a reading that found a few rows of a
# regrouped table, or took one of two period columns, would put figures in cells
# they do not belong to (the whole table is kept as printed instead).
TRUSTED = 0.8
MAX_TOKENS = 30_000  # paragraphs and cells: a report has a few thousand at most


class ParseError(Exception):
    """The document cannot be made into a report; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ParseOptions:
    format_id: str | None = None  # skip detection
    agency: str | None = None  # when the report does not name itself
    year: int | None = None
    dash_means: str = "blank"  # GONGKAI_IMPORT_DASH_MEANS


@dataclass
class Parsed:
    report: ReportData
    format: Format
    identity: Identity
    tables: dict[str, bool]  # table id → found in the document
    stated_cells: int  # cells filled from sentences
    fits: list[tuple[str, float]] = field(default_factory=list)  # format id, score

    @property
    def narrative_text(self) -> str:
        """The narrative, for comparing reports' wording."""
        return "\n".join(s.text for s in self.report.sections)


def parse_document(
    document: Document, options: ParseOptions = ParseOptions()
) -> Parsed:
    token_options = Options(dash_means=options.dash_means)
    tokens = tokenize(document, token_options)
    if document.run_together:
        tokens = cut_at_labels(tokens, all_formats().values(), token_options)
    if len(tokens) > MAX_TOKENS:
        raise ParseError(
            f"文件有 {len(tokens)} 个段落和单元格，远多于一份年度报告，未予解析。"
        )
    matcher = Matcher(tokens)
    identity = identify(document)
    year = options.year or identity.year
    if options.format_id:
        chosen = fit(get_format(options.format_id), tokens, matcher, year)
        fits = [chosen]
    else:
        chosen, fits = choose_format(tokens, matcher, year)
    fmt = chosen.format
    if year is None:
        raise ParseError(
            "无法从报告中读出报告年度（标题、统计期限中都没有找到），请指定年度后再导入。"
        )
    notes = [Finding("IMPORT.reader", "warning", note) for note in document.notes]
    agency = options.agency or identity.agency
    if not agency:
        agency = document.name.rsplit(".", 1)[0] or "（未识别的机关）"
        notes.append(
            Finding(
                "IMPORT.agency",
                "warning",
                f"未能从报告中读出机关名称，暂以文件名「{agency}」代替，请核对。",
            )
        )
    report = ReportData(format=fmt.id, agency=AgencyRef(agency), year=year)
    readings = [read_table(r, tokens, fmt) for r in chosen.readings if r.found]
    kept = _keep_printed(document, tokens, readings, token_options)
    readings = _trusted(readings, {number for number, _ in kept})
    _fill_tables(report, fmt, readings, document.name)
    as_printed = _named([table for _, table in kept], fmt)
    for table in as_printed:
        report.add_printed(table, {"kind": SOURCE_KIND, "file": document.name})
    skip = _table_blocks(readings, tokens) | {number for number, _ in kept}
    report.sections = narrative_sections(document, fmt, skip, identity.title)
    found = {r.table.id for r in readings}
    printed = found | {r.table.id for r in chosen.readings if len(r.placed) >= SEEN}
    paragraphs = _narrative_paragraphs(document, skip)
    facts = stated([text for text, _ in paragraphs], fmt)
    stated_count = _fill_from_sentences(report, document, paragraphs, facts, printed)
    notes += _missing_tables(fmt, found, stated_count)
    notes += _narrative_against_tables(report, facts, found)
    notes += _doubtful_figures(report)
    notes += _recognised_in_part(fmt, found, as_printed)
    for table in as_printed:
        notes += printed_checks(table)
    for reading in readings:
        notes += reading.findings
    report.findings = [*run_checks(report, fmt), *notes]
    return Parsed(
        report=report,
        format=fmt,
        identity=identity,
        tables={t.id: t.id in found for t in fmt.tables},
        stated_cells=stated_count,
        fits=[(f.format.id, round(f.score, 2)) for f in fits],
    )


def _fill_tables(
    report: ReportData, fmt: Format, readings: list[TableReading], file: str
) -> None:
    read: dict[CellRef, ReadCell] = {}
    unread: set[CellRef] = set()
    for reading in readings:
        read.update(reading.cells)
        unread |= reading.unread
    for spec in fmt.cells():
        cell = read.get(spec.ref)
        if cell is None and spec.ref in unread:  # printed, but not readable
            report.set(
                spec.ref, None, {"kind": SOURCE_KIND, "file": file, "unread": True}
            )
        elif cell is None:
            report.set(spec.ref, None)
        else:
            report.set(spec.ref, cell.reading.value, _table_source(cell, file))
    for cell in read.values():
        # A parent printed alone, or a row or column printed beyond the format:
        # cells the format lacks, kept as printed (never over a format cell).
        if (cell.collapses or cell.printed_child) and not report.has(cell.ref):
            report.set(cell.ref, cell.reading.value, _table_source(cell, file))


def _table_source(cell: ReadCell, file: str) -> dict[str, Any]:
    first = cell.tokens[0]
    source: dict[str, Any] = {"kind": SOURCE_KIND, "file": file}
    source.update(first.position.as_dict())
    source["printed"] = "".join(t.text for t in cell.tokens)
    if cell.split:
        source["split"] = True
    if cell.collapses:
        source["collapsed"] = list(cell.collapses)
        if cell.axis == "column":  # sub-columns, not sub-rows
            source["collapsed_axis"] = "column"
    if cell.printed_child:
        source["printed_child"] = True
    if cell.reading.meaning in ("dash", "none"):
        source["meaning"] = cell.reading.meaning
    if cell.label is not None:
        source["label"] = cell.label.text
    return source


def _table_blocks(readings: list[TableReading], tokens: Sequence[Token]) -> set[int]:
    """The document blocks the tables were read from: not part of the narrative."""
    blocks: set[int] = set()
    for reading in readings:
        span = reading.token_span()
        if span:
            blocks.update(t.block for t in tokens[span[0] : span[1] + 1])
    return blocks


def _keep_printed(
    document: Document,
    tokens: Sequence[Token],
    readings: list[TableReading],
    options: Options,
) -> list[tuple[int, PrintedTable]]:
    """The grid tables the format's tables did not cover, read as printed, with
    the number of the block each was read from."""
    figures: Counter[int] = Counter(
        t.block for t in tokens if t.kind is TokenKind.VALUE and t.row is not None
    )
    taken: Counter[int] = Counter(
        t.block
        for reading in readings
        for cell in reading.cells.values()
        for t in cell.tokens
        if t.kind is TokenKind.VALUE
    )
    kept: list[tuple[int, PrintedTable]] = []
    for number, block in enumerate(document.blocks):
        if not isinstance(block, Table) or block.flattened or not figures[number]:
            continue
        if taken[number] >= COVERED * figures[number]:
            continue
        table = read_printed(block, options=options)
        if table is None:
            continue
        if (
            kept
            and _next_to(document, kept[-1][0], number)
            and continues(kept[-1][1], table)
        ):
            join(kept[-1][1], table)  # the rest of a table a page break cut
            continue
        table.title = table.title or _title_before(document, number)
        kept.append((number, table))
    return kept


def _next_to(document: Document, first: int, second: int) -> bool:
    """Only short paragraphs (a page number, a running head) between two blocks."""
    between = document.blocks[first + 1 : second]
    return len(between) <= 3 and all(
        isinstance(b, Paragraph) and len(b.text.strip()) <= 30 for b in between
    )


def _trusted(readings: list[TableReading], kept: set[int]) -> list[TableReading]:
    """The readings whose cells may stand: all but those read wholly from tables
    kept as printed that did not read well."""

    def read_well(reading: TableReading) -> bool:
        several = any(f.rule == "IMPORT.several_values" for f in reading.findings)
        return not several and reading.placed_rows >= TRUSTED * reading.rows

    def blocks(reading: TableReading) -> set[int]:
        return {t.block for cell in reading.cells.values() for t in cell.tokens}

    return [r for r in readings if read_well(r) or not blocks(r) <= kept]


def _named(tables: list[PrintedTable], fmt: Format) -> list[PrintedTable]:
    """Each table under a name of its own: its printed title, told apart from the
    format's tables and from each other (two tables under one heading)."""
    taken = {t.id for t in fmt.tables}
    for number, table in enumerate(tables, start=1):
        name = table.title or f"未命名表格{number}"
        if name in taken:
            name = f"{name}（原样）"
        suffix = 2
        base = name
        while name in taken:
            name = f"{base}（{suffix}）"
            suffix += 1
        taken.add(name)
        table.title = name
    return tables


def _title_before(document: Document, number: int) -> str:
    """The short paragraph printed just above a table, which names it."""
    for block in reversed(document.blocks[max(0, number - 2) : number]):
        if isinstance(block, Paragraph) and 0 < len(block.text.strip()) <= 60:
            return block.text.strip()
    return ""


def _recognised_in_part(
    fmt: Format, found: set[str], printed: list[PrintedTable]
) -> list[Finding]:
    if not printed:
        return []
    names = "、".join(f"「{t.title}」" if t.title else "（无标题）" for t in printed)
    count = sum(1 for t in printed for f in t.figures if f.value is not None)
    matched = (
        f"按{fmt.name}读出的表格：{'、'.join(table_name(t) for t in sorted(found))}"
        if found
        else f"没有表格能按{fmt.name}读出"
    )
    return [
        Finding(
            "IMPORT.printed",
            "warning",
            f"部分识别：{matched}；另有 {len(printed)} 张表格（{names}）与格式不符，"
            f"已按原样保存其行列标题和全部 {count} 个数字。",
        )
    ]


def _doubtful_figures(report: ReportData) -> list[Finding]:
    """Figures OCR read with doubt: listed for a person to check against the scan
    (a figure that breaks a sum is reported by the checks as well)."""
    doubtful = [
        cell
        for cell in report.cells.values()
        if cell.value is not None
        and cell.source
        and cell.source.get("confidence") is not None
        and cell.source["confidence"] < OCR_DOUBT
    ]
    if not doubtful:
        return []
    shown = "、".join(
        f"表{c.ref.table}「{c.ref.row.rsplit('/', 1)[-1]}」{c.value}"
        for c in doubtful[:8]
    )
    more = f"等 {len(doubtful)} 个" if len(doubtful) > 8 else ""
    return [
        Finding(
            "IMPORT.ocr_doubt",
            "warning",
            f"这些数字由 OCR 识别，把握不大，请对照扫描件核对：{shown}{more}。",
            cells=[c.ref for c in doubtful],
        )
    ]


def _narrative_paragraphs(
    document: Document, skip: set[int]
) -> list[tuple[str, Position]]:
    return [
        (block.text, block.position)
        for number, block in enumerate(document.blocks)
        if isinstance(block, Paragraph) and block.text and number not in skip
    ]


def _fill_from_sentences(
    report: ReportData,
    document: Document,
    paragraphs: list[tuple[str, Position]],
    facts: list[Stated],
    found: set[str],
) -> int:
    """Cells of tables the report does not print, from its sentences. A table the
    report prints is never filled from them: its figures are the table's."""
    count = 0
    for fact in facts:
        if fact.ref.table in found or report.value(*_parts(fact.ref)) is not None:
            continue
        position = paragraphs[fact.paragraph][1]
        source = {"kind": SOURCE_KIND, "file": document.name, **position.as_dict()}
        source["stated"] = fact.sentence
        report.set(fact.ref, fact.value, source)
        count += 1
    return count


def _narrative_against_tables(
    report: ReportData, facts: list[Stated], found: set[str]
) -> list[Finding]:
    """A figure the narrative states that the printed table contradicts (受理申请17件
    beside a table 三 of 95): both are reported, neither is changed — which one is
    wrong is for a person to decide."""
    findings = []
    for fact in facts:
        if fact.ref.table not in found:
            continue
        printed = report.value(*_parts(fact.ref))
        if printed is None or printed == fact.value:
            continue
        findings.append(
            Finding(
                "IMPORT.narrative_table",
                "warning",
                f"正文称「{fact.sentence}」，而表{fact.ref.table}中相应单元格为 "
                f"{printed}，两者不一致，请核对。",
                cells=[fact.ref],
            )
        )
    return findings


def _parts(ref: CellRef) -> tuple[str, str, str]:
    return ref.table, ref.row, ref.column


def _missing_tables(fmt: Format, found: set[str], stated_count: int) -> list[Finding]:
    missing = [t.id for t in fmt.tables if t.id not in found]
    if not missing:
        return []
    names = "、".join(table_name(t) for t in missing)
    how = (
        f"已从正文的叙述中读出 {stated_count} 个数字填入相应单元格，其余留空。"
        if stated_count
        else "相应单元格留空。"
    )
    return [
        Finding(
            "IMPORT.table_missing",
            "warning",
            f"报告中没有找到{fmt.name}的{names}；{how}",
        )
    ]
