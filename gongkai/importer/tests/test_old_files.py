"""Old and odd files real sites publish import like the DOCX/XLSX/HTML they were
made from: Word 97 (.doc) and WPS (.wps) text, Excel 97 (.xls) and WPS (.et)
spreadsheets, RTF, and .mht web archives.

The samples are made here from gongkai's own renderings: LibreOffice saves the DOCX
as .doc/.rtf and the XLSX as .xls (a WPS file is the same binary format under
another name), and the HTML is wrapped in a MIME web archive as a browser's "save
as single file" does, in GB18030, as older sites' pages are.
"""

from __future__ import annotations

import shutil
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from gongkai.core.soffice import soffice_convert
from gongkai.importer.importing import (
    import_bytes,
    limits_from_settings,
    options_from_settings,
)
from gongkai.importer.readers import ReadError, read_document
from gongkai.importer.samples import sample_report
from gongkai.reports.formats import get_format
from gongkai.reports.render import render

from .test_roundtrip import differences, imported

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


def saved_as(data: bytes, *, suffix: str, to: str) -> bytes:
    return soffice_convert(data, suffix=suffix, to=to, command="soffice", timeout=120)


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize(
    ("format_id", "source", "saved", "name"),
    [
        ("2021", "docx", "doc", "report.doc"),
        ("2019", "docx", "doc", "report.wps"),  # WPS text: Word's binary format
        ("legacy", "docx", "rtf", "report.rtf"),
        ("2021", "xlsx", "xls", "report.xls"),
        ("2019", "xlsx", "xls", "report.et"),  # WPS spreadsheet: Excel's
    ],
)
def test_an_old_office_file_imports_like_its_original(format_id, source, saved, name):
    fmt = get_format(format_id)
    report = sample_report(fmt)
    original = imported(report, fmt, source)
    old = saved_as(render(report, fmt, source), suffix=f".{source}", to=saved)
    document = read_document(old, name, limits_from_settings())
    assert document.kind == ("rtf" if saved == "rtf" else saved)
    got = import_bytes(old, name, limits_from_settings(), options_from_settings())
    assert got.parsed is not None, got.error
    assert got.parsed.report.format == format_id
    assert differences(report, got.parsed.report) == []
    assert len(got.parsed.report.cells) == len(original.cells)


def web_archive(html: bytes, charset: str = "gb18030") -> bytes:
    archive = MIMEMultipart("related", type="text/html")
    archive["Subject"] = "政府信息公开工作年度报告"
    archive["MIME-Version"] = "1.0"
    page = MIMEText(html.decode("utf-8"), "html", charset)
    page["Content-Location"] = "http://www.example.gov.cn/zwgk/ndbg/report.html"
    archive.attach(page)
    archive.attach(MIMEText("body { font-size: 14px }", "css", "utf-8"))
    return archive.as_bytes()


@pytest.mark.parametrize("format_id", ("legacy", "2019", "2021"))
def test_a_web_archive_imports_like_its_page(format_id):
    fmt = get_format(format_id)
    report = sample_report(fmt)
    html = render(report, fmt, "html")
    got = import_bytes(
        web_archive(html), "report.mht", limits_from_settings(), options_from_settings()
    )
    assert got.parsed is not None, got.error
    assert got.kind == "mht"
    assert differences(report, got.parsed.report) == []


def test_a_web_archive_without_a_page_says_so():
    archive = MIMEMultipart("related")
    archive["MIME-Version"] = "1.0"
    archive.attach(MIMEText("body {}", "css", "utf-8"))
    with pytest.raises(ReadError, match="没有网页内容"):
        read_document(archive.as_bytes(), "x.mht", limits_from_settings())


def test_an_old_office_file_that_is_neither_text_nor_spreadsheet_is_refused():
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + "PowerPoint Document".encode("utf-16-le")
        + b"\0" * 600
    )
    with pytest.raises(ReadError, match="既不是 Word/WPS 文字文档"):
        read_document(ole, "slides.doc", limits_from_settings())


def test_without_libreoffice_an_old_word_file_fails_alone_in_chinese():
    limits = limits_from_settings()
    limits = type(limits)(**{**limits.__dict__, "soffice": "no-such-soffice"})
    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")
    with pytest.raises(ReadError, match="未安装 LibreOffice"):
        read_document(doc + b"\0" * 600, "report.doc", limits)


@needs_libreoffice
def test_a_damaged_word_file_is_a_chinese_message_not_a_crash():
    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")
    limits, options = limits_from_settings(), options_from_settings()
    got = import_bytes(doc + b"\x07" * 3000, "broken.doc", limits, options)
    assert got.parsed is None
    assert "无法" in (got.error or "") or "没有可读取" in (got.error or "")
