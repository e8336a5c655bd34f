"""Malformed input gives a clear Chinese error, never a crash or a hang.

Every case goes through ``import_bytes`` or ``import_file``, the functions the
command and the upload page call, and must come back as an outcome: either a
report (read as far as the file allows, with what it lacked said in findings) or
an error message for the user. The fuzzing tests feed random and mutated files.
"""

from __future__ import annotations

import io
import os
import struct
import time
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.importer import importing
from gongkai.importer.importing import (
    import_bytes,
    import_file,
    import_isolated,
    limits_from_settings,
)
from gongkai.importer.parsing import ParseOptions
from gongkai.importer.readers import Limits
from gongkai.importer.samples import sample_report

from .helpers import DATA, seed

LIMITS = limits_from_settings()
OPTIONS = ParseOptions()
MEGABYTE = 1024 * 1024


def outcome_of(data: bytes, name: str = "report", limits: Limits = LIMITS):
    return import_bytes(data, name, limits, OPTIONS)


def error_of(data: bytes, name: str = "report", limits: Limits = LIMITS) -> str:
    outcome = outcome_of(data, name, limits)
    assert not outcome.ok, "expected an error"
    assert outcome.error
    return outcome.error


def rendered_pdf() -> bytes:
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    fmt = get_format("2019")
    return render(sample_report(fmt), fmt, "pdf")


# -- files that are not reports -------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件是空的"),
        (b"   \n\t\n", "文件是空的"),
        (os.urandom(0) + bytes(range(256)) * 40, "无法识别的文件类型"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "旧版 Office 文件"),
        (b"PK\x03\x04 this is no zip", "已损坏或不完整"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj garbage", "PDF"),
    ],
    ids=["empty", "blank", "binary", "old-doc", "broken-zip", "broken-pdf"],
)
def test_files_that_are_not_reports_are_told_so(data, message):
    assert message in error_of(data)


def test_a_zip_that_is_neither_word_nor_excel():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("report.txt", "hello")
    assert "不是 Word（.docx）或 Excel（.xlsx）文件" in error_of(buffer.getvalue())


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (3 * MEGABYTE))
    small = replace(limits_from_settings(), max_unpacked_bytes=MEGABYTE)
    assert "解压后达 3 MB，超过上限" in error_of(buffer.getvalue(), "a.docx", small)


def test_a_50_megabyte_file_is_refused_without_being_read(tmp_path):
    big = tmp_path / "huge.pdf"
    with big.open("wb") as handle:
        handle.truncate(50 * MEGABYTE)  # sparse: nothing is written, or read
    outcome = import_file(big, LIMITS, OPTIONS)
    assert outcome.error == (
        "文件大小为 50.0 MB，超过导入上限 20 MB（GONGKAI_IMPORT_MAX_BYTES）。"
        "年度报告一般不超过几 MB，请确认文件是否正确。"
    )


def test_a_missing_file_is_an_error_not_a_crash(tmp_path):
    outcome = import_file(tmp_path / "gone.html", LIMITS, OPTIONS)
    assert outcome.error and "无法打开文件" in outcome.error


# -- damaged reports ----------------------------------------------------------------


@pytest.mark.slow
def test_a_truncated_pdf_is_read_as_far_as_it_goes_or_refused_clearly():
    pdf = rendered_pdf()
    outcome = outcome_of(pdf[: len(pdf) // 3], "cut.pdf")
    if outcome.ok:
        assert any(f.rule == "IMPORT.reader" for f in outcome.parsed.report.findings)
    else:
        assert "PDF" in outcome.error


def _png(width: int = 40, height: int = 40) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\0" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.mark.slow
def test_a_scanned_pdf_with_nothing_legible_is_told_so(tmp_path):
    """A PDF of images only is read through OCR (readers.ocr); an image with no
    writing on it gives a report with no text, said in Chinese."""
    from weasyprint import HTML

    image = tmp_path / "scan.png"
    image.write_bytes(_png())
    pdf = HTML(string=f'<img src="{image.as_uri()}">').write_pdf()
    error = error_of(pdf, "scan.pdf")
    assert "没有可读取的文字" in error or "Tesseract" in error


def test_a_page_declaring_gb2312_but_written_in_utf8_is_read_with_a_note():
    page = (
        '<html><head><meta charset="gb2312"></head><body>'
        "<p>测试县水利局2020年政府信息公开工作年度报告</p><p>一、总体情况</p></body></html>"
    ).encode()
    report = outcome_of(page, "page.html").parsed.report
    assert report.agency.name == "测试县水利局"
    (note,) = [f for f in report.findings if f.rule == "IMPORT.reader"]
    assert (
        note.message == "文件声明的字符集为 gb2312，实际内容为 utf-8，已按 utf-8 读取。"
    )


def test_an_empty_table_is_a_report_with_its_tables_missing():
    page = (
        "<p>测试县水利局2020年政府信息公开工作年度报告</p><table><tr><td></td></tr>"
        "</table><table></table>"
    ).encode()
    report = outcome_of(page, "page.html").parsed.report
    assert all(c.value is None for c in report.cells.values())
    assert [f.rule for f in report.findings] == ["IMPORT.table_missing"]


def test_hostile_spans_stop_the_reader_with_a_message():
    row = '<tr><td rowspan="1000" colspan="1000">1</td></tr>' * 300
    page = f"<p>某局2020年政府信息公开工作年度报告</p><table>{row}</table>".encode()
    assert "单元格超过" in error_of(page, "spans.html")


def test_deeply_nested_markup_does_not_overflow_the_stack():
    """50,000 nested elements are read without recursion: the text before them
    makes a report; text buried under them is beyond what the HTML parser keeps,
    and the user is told what could not be found rather than seeing a crash."""
    title = "某局2020年政府信息公开工作年度报告".encode()
    nesting = b"<div>" * 50_000

    read = outcome_of(b"<p>" + title + b"</p>" + nesting, "deep.html")
    buried = outcome_of(b"<p>x</p>" + nesting + title, "deep.html")

    assert read.ok, read.error
    assert (read.parsed.report.agency.name, read.parsed.report.year) == ("某局", 2020)
    assert buried.error == (
        "无法从报告中读出报告年度（标题、统计期限中都没有找到），请指定年度后再导入。"
    )


# -- time limits and crashes -------------------------------------------------------


def _slow_parse(*args, **kwargs):
    time.sleep(30)


def test_a_file_that_takes_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(importing, "parse_document", _slow_parse)
    started = time.monotonic()
    outcome = import_isolated(seed("000"), LIMITS, OPTIONS, timeout=0.5)
    assert "读取超过 0.5 秒仍未完成，已停止" in outcome.error
    assert time.monotonic() - started < 20


def _crash(*args, **kwargs):
    os._exit(3)


def test_a_reader_that_dies_takes_only_its_own_file_down(monkeypatch):
    monkeypatch.setattr(importing, "parse_document", _crash)
    outcome = import_isolated(seed("000"), LIMITS, OPTIONS, timeout=10)
    assert outcome.error == "读取此文件时处理进程意外退出，文件可能已损坏。"


def test_an_isolated_import_returns_the_report():
    outcome = import_isolated(seed("002"), LIMITS, OPTIONS, timeout=30)
    assert outcome.ok and outcome.parsed.report.agency.name == "临沂市民政局"


# -- fuzzing ------------------------------------------------------------------------

SAMPLES = [seed(n).read_bytes() for n in ("002", "003", "004")] + [
    (DATA / "word-export-gbk-2021.html").read_bytes()
]


def _mutated(data: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    for position, length, insert in cuts:
        at = position % max(1, len(data))
        data = data[:at] + insert + data[at + length :]
    return data


mutations = st.lists(
    st.tuples(st.integers(0, 1 << 20), st.integers(0, 400), st.binary(max_size=40)),
    max_size=6,
)


def _never_raises(data: bytes, name: str) -> None:
    outcome = outcome_of(data, name)
    assert outcome.ok or (outcome.error and "意外错误" not in outcome.error), (
        outcome.error
    )


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.binary(max_size=4000), name=st.sampled_from(["a.txt", "a.html", "a"]))
def test_fuzz_random_bytes(data, name):
    _never_raises(data, name)


@settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(sample=st.sampled_from(SAMPLES), cuts=mutations)
def test_fuzz_mutated_reports(sample, cuts):
    _never_raises(_mutated(sample, cuts), "mutated.html")


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    cells=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "规章",
                    "（一）予以公开",
                    "总计",
                    "一、本年新收政府信息公开申请数量",
                    "|",
                    "—",
                ]
            ),
            st.integers(-10, 10**12).map(str),
            st.text(max_size=12),
        ),
        max_size=120,
    )
)
def test_fuzz_flattened_tables(cells):
    text = "某县某局2021年政府信息公开工作年度报告\n" + "\n".join(
        f"{c} |" for c in cells
    )
    _never_raises(text.encode("utf-8"), "table.txt")


def _office_sample(kind: str) -> bytes:
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    fmt = get_format("2021")
    return render(sample_report(fmt), fmt, kind)


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(kind=st.sampled_from(["docx", "xlsx", "pdf"]), cuts=mutations)
def test_fuzz_mutated_office_and_pdf_files(tmp_path_factory, kind, cuts):
    """Damaged Word, Excel and PDF files, each read in a child process with a time
    limit, as the command reads them."""
    path = Path(tmp_path_factory.mktemp("fuzz")) / f"damaged.{kind}"
    path.write_bytes(
        _mutated(_OFFICE_SAMPLES.setdefault(kind, _office_sample(kind)), cuts)
    )
    outcome = import_isolated(path, LIMITS, OPTIONS, timeout=20)
    assert outcome.ok or (outcome.error and "意外错误" not in outcome.error), (
        outcome.error
    )


_OFFICE_SAMPLES: dict[str, bytes] = {}
