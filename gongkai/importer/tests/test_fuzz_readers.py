"""Fuzzing the readers added for issue 16: run-together text, .mht web archives,
tables with odd spans, images for OCR, and the whole import on damaged reports.

The only outcomes allowed are a parsed report, or the importer's own refusal (a
``ReadError`` from the readers, a ``ParseError`` from the parser) whose message is
Chinese, for the staff member who imported the file. Any other exception escapes
``outcome`` below and fails the test: it is a bug, not a malformed file.
"""

from __future__ import annotations

import base64
import quopri
import re
import shutil
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.importer.bench_kinds import run_together
from gongkai.importer.importing import limits_from_settings
from gongkai.importer.parsing import Parsed, ParseError, ParseOptions, parse_document
from gongkai.importer.readers import ReadError, read_document
from gongkai.importer.readers.flattened import is_run_together, pieces
from gongkai.importer.readers.html import MAX_SPAN
from gongkai.importer.samples import sample_report
from gongkai.reports.formats import get_format
from gongkai.reports.render import render

from .helpers import DATA, SEEDS

LIMITS = limits_from_settings()
OPTIONS = ParseOptions()
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# What a message must not show the user: a Python exception's name or a trace.
LEAKED = re.compile(r"Traceback|Error\b|Exception|\bNone\b")


def fuzz(examples: int) -> settings:
    """Few examples and no deadline: the whole file stays under a minute, and a
    slow example (a PDF, OCR) is not a failure."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def outcome(data: bytes, name: str) -> Parsed | None:
    """The report read from ``data``, or None when the importer refused it with a
    message for the user. Any other exception propagates: a bug."""
    try:
        return parse_document(read_document(data, name, LIMITS), OPTIONS)
    except (ReadError, ParseError) as error:
        assert CHINESE.search(error.message), error.message
        assert not LEAKED.search(error.message), error.message
        return None


def seeds() -> dict[str, str]:
    return {p.name[:3]: p.read_text("utf-8") for p in sorted(SEEDS.glob("0*.txt"))}


SEED_TEXTS = seeds()


# -- mutations ------------------------------------------------------------------------

# (what, where, how much): deleting characters, duplicating lines, swapping digits.
edits = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate_lines", "delete_lines", "swap_digits"]),
        st.integers(0, 1 << 20),
        st.integers(1, 300),
    ),
    min_size=1,
    max_size=8,
)


def mutated(text: str, operations: list[tuple[str, int, int]]) -> str:
    for what, where, size in operations:
        if what in ("duplicate_lines", "delete_lines"):
            lines = text.split("\n")
            at = where % len(lines)
            span = lines[at : at + 1 + size % 12]
            if what == "duplicate_lines":
                lines[at:at] = span
            else:
                del lines[at : at + len(span)]
            text = "\n".join(lines)
        elif what == "delete":
            at = where % max(1, len(text))
            text = text[:at] + text[at + size % 40 :]
        else:
            text = _swap_digits(text, where, size)
    return text


def _swap_digits(text: str, where: int, size: int) -> str:
    """The digits of a figure somewhere in ``text`` changed: two neighbours swapped,
    or one replaced."""
    digits = [m.start() for m in re.finditer(r"\d", text)]
    if not digits:
        return text
    at = digits[where % len(digits)]
    chars = list(text)
    if at + 1 < len(chars) and chars[at + 1].isdigit() and size % 2:
        chars[at], chars[at + 1] = chars[at + 1], chars[at]
    else:
        chars[at] = str(size % 10)
    return "".join(chars)


# -- the whole import on damaged reports -----------------------------------------------


@fuzz(60)
@given(number=st.sampled_from(sorted(SEED_TEXTS)), operations=edits)
def test_fuzz_damaged_seed_reports(number, operations):
    """Real reports with lines lost or doubled and figures mistyped are read, or
    refused in Chinese."""
    outcome(mutated(SEED_TEXTS[number], operations).encode("utf-8"), "report.txt")


# -- run-together text -----------------------------------------------------------------


def printed_labels() -> list[str]:
    """Every row and column label the national formats print, each piece apart."""
    labels: set[str] = set()
    for format_id in ("legacy", "2019", "2021"):
        for spec in get_format(format_id).cells():
            labels.update(spec.ref.row.split("/"))
            labels.update(spec.ref.column.split("/"))
    return sorted(labels)


LABELS = printed_labels()
TITLE = "青溪县卫生健康局2021年政府信息公开工作年度报告"

run_together_pieces = st.lists(
    st.one_of(
        st.sampled_from(LABELS),
        st.text(alphabet="0123456789", min_size=1, max_size=30),
        st.integers(-99, 10**6).map(str),
        st.sampled_from(["。", "，", "件", "2021年", "第", "（", "）", ".", "、", "-"]),
        st.text(max_size=6),
    ),
    min_size=20,
    max_size=160,
)


@fuzz(60)
@given(parts=run_together_pieces)
def test_fuzz_run_together_text(parts):
    """Labels, digit strings and punctuation run together in any order: cutting
    the line loses and reorders nothing, and the import reads or refuses it."""
    text = TITLE + "".join(parts)
    squeezed = "".join(text.split())
    if is_run_together(squeezed):
        assert "".join(pieces(squeezed)) == squeezed
    outcome(squeezed.encode("utf-8"), "run-together.txt")


FLATTENED_SEEDS = {
    number: "".join(text.split())
    for number, text in SEED_TEXTS.items()
    if is_run_together("".join(text.split()))
}


@fuzz(40)
@given(number=st.sampled_from(sorted(FLATTENED_SEEDS)), operations=edits)
def test_fuzz_damaged_run_together_reports(number, operations):
    """Real reports scraped with their whitespace collapsed, then damaged: digits
    swapped, pieces lost or doubled."""
    text = mutated(FLATTENED_SEEDS[number], operations)
    outcome(text.encode("utf-8"), "run-together.txt")


def _flattened_sample(format_id: str) -> str:
    fmt = get_format(format_id)
    return run_together(render(sample_report(fmt), fmt, "html"))


@pytest.mark.slow
@fuzz(6)
@given(format_id=st.sampled_from(["legacy", "2019", "2021"]), operations=edits)
def test_fuzz_damaged_run_together_samples(format_id, operations):
    """gongkai's own reports flattened: every cell its own figure, so no sum holds
    and the splitter tries every candidate of every row (its slowest case)."""
    if format_id not in _FLATTENED:
        _FLATTENED[format_id] = _flattened_sample(format_id)
    text = mutated(_FLATTENED[format_id], operations)
    outcome(text.encode("utf-8"), "run-together.txt")


_FLATTENED: dict[str, str] = {}


# -- web archives (.mht) ---------------------------------------------------------------

PAGE = (DATA / "word-export-gbk-2021.html").read_bytes()


def archive(page: bytes, charset: str, encoding: str, damage: list[tuple]) -> bytes:
    """A page saved as a web archive by hand: its declared charset and transfer
    encoding as given (sometimes nonsense), its encoded body damaged."""
    try:
        body = page.decode("gb18030").encode(charset or "utf-8")
    except (LookupError, UnicodeError):
        body = page
    if encoding == "base64":
        body = base64.encodebytes(body)
    elif encoding == "quoted-printable":
        body = quopri.encodestring(body)
    for at, length, insert in damage:
        at %= max(1, len(body))
        body = body[:at] + insert + body[at + length :]
    head = (
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; boundary="----=_NextPart"; '
        'type="text/html"\r\n\r\n'
        "------=_NextPart\r\n"
        f'Content-Type: text/html; charset="{charset}"\r\n'
        f"Content-Transfer-Encoding: {encoding}\r\n"
        "Content-Location: http://www.example.gov.cn/ndbg/report.html\r\n\r\n"
    )
    return head.encode("ascii") + body + b"\r\n------=_NextPart--\r\n"


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable", "8bit"])
def test_an_undamaged_archive_is_read_whatever_its_transfer_encoding(encoding):
    """The fuzzing below starts from archives that read: damage is what fails."""
    parsed = outcome(archive(PAGE, "gb18030", encoding, []), "report.mht")
    assert parsed is not None and parsed.report.format == "2021"


damage = st.lists(
    st.tuples(st.integers(0, 1 << 20), st.integers(0, 200), st.binary(max_size=20)),
    max_size=4,
)


@fuzz(50)
@given(
    charset=st.sampled_from(
        ["gb18030", "gb2312", "utf-8", "utf-16", "utf-7", "latin-1", "x-unknown", ""]
    ),
    encoding=st.sampled_from(["base64", "quoted-printable", "8bit", "x-uuencode"]),
    damage=damage,
)
def test_fuzz_web_archives(charset, encoding, damage):
    outcome(archive(PAGE, charset, encoding, damage), "report.mht")


@fuzz(40)
@given(cut=st.integers(0, 4000), tail=st.binary(max_size=200))
def test_fuzz_truncated_web_archives(cut, tail):
    """An archive cut short anywhere (a download that stopped), garbage after."""
    whole = archive(PAGE, "gb18030", "base64", [])
    outcome(whole[: 200 + cut] + tail, "report.mht")


# -- tables with odd spans and nesting -------------------------------------------------

# Span values a page may carry. The huge ones (clamped to the standard's 1,000)
# are a few choices among many small ones: a grid of many such cells is refused
# past the cell limit, and below it is slow to parse, which is no reader's bug.
spans = st.one_of(
    st.sampled_from(
        [
            "0",
            "-1",
            "-5",
            "1000000",
            "99999999999999999999",
            "abc",
            "2.5",
            " 3 ",
            "1e3",
            "",
            "٣",
            "３",
            "0x10",
            "+2",
            "1,000",
        ]
    ),
    st.integers(-5, 40).map(str),
)


@st.composite
def tables(draw, depth: int = 0) -> str:
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        cells = []
        for _ in range(draw(st.integers(0, 8))):
            tag = draw(st.sampled_from(["td", "th", "td", "span"]))
            attributes = "".join(
                f' {name}="{draw(spans)}"'
                for name in ("rowspan", "colspan")
                if draw(st.booleans())
            )
            inner = draw(
                st.one_of(
                    st.sampled_from(LABELS),
                    st.integers(0, 10**4).map(str),
                    st.just(""),
                )
            )
            if depth < 2 and draw(st.integers(0, 9)) == 0:
                inner += draw(tables(depth + 1))
            closing = f"</{tag}>" if draw(st.integers(0, 4)) else ""
            cells.append(f"<{tag}{attributes}>{inner}{closing}")
        row = "<tr>" + "".join(cells) + ("</tr>" if draw(st.booleans()) else "")
        wrapper = draw(st.sampled_from(["", "", "thead", "tbody", "tfoot"]))
        rows.append(f"<{wrapper}>{row}</{wrapper}>" if wrapper else row)
    return "<table>" + "".join(rows) + "</table>"


@fuzz(80)
@given(table=tables(), before=st.sampled_from(["", "<div><span>", "<p>"]))
def test_fuzz_tables_with_odd_spans(table, before):
    """Spans of zero, negative, huge or not numbers; rows outside sections,
    cells left open, tables nested in cells. Every cell read sits on the grid
    with a span of at least one and at most the standard's limit."""
    page = f"<p>{TITLE}</p>{before}{table}".encode()
    try:
        document = read_document(page, "table.html", LIMITS)
    except ReadError as error:
        assert CHINESE.search(error.message), error.message
        return
    for block in document.tables():
        for cell in block.cells:
            assert cell.row >= 0 and cell.column >= 0
            assert 1 <= cell.rowspan <= MAX_SPAN and 1 <= cell.colspan <= MAX_SPAN
            assert cell.row + cell.rowspan <= block.n_rows
    outcome(page, "table.html")


def test_rows_of_the_widest_cells_stop_the_reader():
    """Every grid position a cell covers counts towards the cell limit, across
    as well as down: twenty rows of two hundred ``colspan="1000"`` cells are four
    million positions, refused by the reader before the parser meets them."""
    row = "<tr>" + '<td colspan="1000">1</td>' * 200 + "</tr>"
    page = f"<p>{TITLE}</p><table>{row * 20}</table>".encode()
    with pytest.raises(ReadError, match="单元格超过"):
        read_document(page, "wide.html", LIMITS)


# -- images read through OCR -----------------------------------------------------------


def chunk(kind: bytes, body: bytes) -> bytes:
    crc = struct.pack(">I", zlib.crc32(kind + body))
    return struct.pack(">I", len(body)) + kind + body + crc


def png(width: int, height: int, *, data: bool = True) -> bytes:
    """A grey PNG of that size; without ``data`` only its header."""
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    if not data:
        return b"\x89PNG\r\n\x1a\n" + header
    rows = zlib.compress(b"".join(b"\0" + b"\xc0" * width for _ in range(height)))
    return b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def bomb(width: int, height: int) -> bytes:
    """A PNG that declares a huge page and carries almost nothing."""
    compressor = zlib.compressobj(9)
    rows = compressor.compress(b"\0" * 4096) + compressor.flush()
    return png(width, height, data=False) + chunk(b"IDAT", rows)


needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="no Tesseract"
)
# Found by this file (issue 16): an image too small or too thin for OpenCV's
# resizing crashed it (cv2.error), and a page of more pixels than Pillow allows
# raised its DecompressionBombError; both are refused with a message now, and a
# page no scanner makes is refused before it is decoded (a 12000×12000 image
# would take gigabytes).


@needs_tesseract
@pytest.mark.parametrize(
    "image",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n", id="png-signature-only"),
        pytest.param(png(40, 40, data=False), id="png-header-only"),
        pytest.param(png(200, 200)[:-40], id="png-truncated"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"\0" * 40, id="jpeg-header-only"),
        pytest.param(b"II*\x00" + b"\xff" * 40, id="tiff-garbage"),
        pytest.param(png(1, 1), id="1x1"),
        pytest.param(png(20000, 1), id="20000x1"),
        pytest.param(png(1, 20000), id="1x20000"),
        pytest.param(bomb(30000, 30000), id="declared-30000x30000"),
    ],
)
def test_an_image_no_scanner_makes_is_refused_in_chinese(image):
    with pytest.raises(ReadError) as refused:
        read_document(image, "scan.png", LIMITS)
    assert CHINESE.search(refused.value.message)


@needs_tesseract
@fuzz(25)
@given(
    magic=st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00"]),
    rest=st.binary(max_size=300),
)
def test_fuzz_garbage_after_an_image_signature(magic, rest):
    """Bytes that only begin like an image: refused in Chinese, never a crash."""
    outcome(magic + rest, "scan.png")
