"""The unzipped-size limit is counted while unpacking (issue 12, finding 6).

A zip archive declares each member's size in its headers, and a hostile one lies: it
declares a few bytes and inflates to gigabytes. These files are made here: a real
archive whose central directory (and local headers) are then patched to declare
small sizes. Word and Excel files must stop at the limit with the Chinese refusal,
and a batch goes on with its other files.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from gongkai.importer.importing import (
    import_bytes,
    import_isolated,
    limits_from_settings,
)
from gongkai.importer.parsing import ParseOptions
from gongkai.importer.samples import sample_report

MEGABYTE = 1024 * 1024
LIMIT = replace(limits_from_settings(), max_unpacked_bytes=MEGABYTE)
OPTIONS = ParseOptions()
REFUSAL = "解压后超过 1 MB 的上限，不像是一份年度报告，已停止读取。"


def archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as made:
        for name, content in members.items():
            made.writestr(name, content)
    return buffer.getvalue()


def declaring(data: bytes, name: str, size: int) -> bytes:
    """``data`` with member ``name`` declared ``size`` bytes unpacked, in the
    central directory and in its local header."""
    patched = bytearray(data)
    encoded = name.encode()
    for signature, size_at, name_at in (
        (b"PK\x01\x02", 24, 46),
        (b"PK\x03\x04", 22, 30),
    ):
        start = 0
        while (start := patched.find(signature, start)) != -1:
            if patched[start + name_at : start + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", patched, start + size_at, size)
            start += 4
    return bytes(patched)


def hostile(what: str, inflated: int = 3 * MEGABYTE) -> bytes:
    """A Word or Excel file of a few kilobytes whose one big member declares 1,000
    bytes and inflates to ``inflated``."""
    first = "word/document.xml" if what == "docx" else "xl/workbook.xml"
    data = archive({first: b"<x/>" + b" " * inflated})
    return declaring(data, first, 1000)


def error_of(data: bytes, name: str) -> str:
    outcome = import_bytes(data, name, LIMIT, OPTIONS)
    assert not outcome.ok
    assert outcome.error
    return outcome.error


@pytest.mark.parametrize(
    ("kind", "what"), [("docx", "Word 文件"), ("xlsx", "Excel 文件")]
)
def test_a_file_that_lies_about_its_size_is_stopped_at_the_limit(kind, what):
    """The header says 1,000 bytes; the limit is counted on what inflates."""
    data = hostile(kind)
    assert len(data) < 16 * 1024
    declared = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert declared < MEGABYTE  # the declared sizes alone would let it through
    assert error_of(data, f"report.{kind}") == what + REFUSAL


def test_the_limit_counts_every_member_of_a_workbook_together():
    """Two members of 600 KB each, one of them honest, are over the limit
    together, though the second declares 10 bytes."""
    data = archive(
        {
            "xl/workbook.xml": b"<x/>" + b" " * (600 * 1024),
            "xl/worksheets/sheet1.xml": b"<x/>" + b" " * (600 * 1024),
        }
    )
    data = declaring(data, "xl/worksheets/sheet1.xml", 10)
    assert error_of(data, "report.xlsx") == "Excel 文件" + REFUSAL


def test_a_member_smaller_than_it_inflates_but_under_the_limit_is_damaged():
    """A lie that stays under the limit is still a damaged file, not a crash."""
    data = declaring(
        archive({"word/document.xml": b"<x/>" * 1000}), "word/document.xml", 10
    )
    assert error_of(data, "report.docx") == "Word 文件已损坏或不完整。"


def test_an_honest_word_file_is_read_as_before():
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    fmt = get_format("2021")
    data = render(sample_report(fmt), fmt, "docx")
    outcome = import_bytes(data, "report.docx", limits_from_settings(), OPTIONS)
    assert outcome.ok, outcome.error
    assert outcome.parsed.report.agency.name == "青溪县卫生健康局"


@pytest.mark.slow
def test_a_hostile_file_fails_alone_in_a_batch(tmp_path: Path):
    """Each file is read in a child process of its own: the hostile one is refused
    with its message, the report beside it is read."""
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    fmt = get_format("2019")
    good = tmp_path / "good.xlsx"
    good.write_bytes(render(sample_report(fmt), fmt, "xlsx"))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(hostile("docx", inflated=8 * MEGABYTE))
    limits = replace(limits_from_settings(), max_unpacked_bytes=4 * MEGABYTE)
    refused, read = (import_isolated(p, limits, OPTIONS, 60) for p in (bad, good))
    assert refused.error == (
        "Word 文件解压后超过 4 MB 的上限，不像是一份年度报告，已停止读取。"
    )
    assert read.ok, read.error
    assert read.parsed.report.year == 2019
