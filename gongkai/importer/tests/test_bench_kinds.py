"""``gongkai bench import``: the kinds it times are the kinds it says, and a kind
whose program is missing is skipped with a note, not an error."""

from __future__ import annotations

from gongkai.importer.bench_kinds import (
    Skipped,
    converted_kind,
    mht_kind,
    ocr_kind,
    run_together_kind,
)
from gongkai.importer.readers import ocr, sniff
from gongkai.importer.readers.flattened import is_run_together
from gongkai.importer.samples import sample_report
from gongkai.reports.formats import get_format
from gongkai.reports.render import render


def rendered() -> dict[str, list[tuple[str, bytes]]]:
    fmt = get_format("2021")
    report = sample_report(fmt)
    return {
        "html": [("sample-2021.html", render(report, fmt, "html"))],
        "text": [("sample-2021.txt", render(report, fmt, "text"))],
    }


def test_the_run_together_sample_is_what_a_scraper_gives():
    kind = run_together_kind(rendered())
    ((_, data),) = kind.files
    text = data.decode("utf-8")
    assert not any(ch.isspace() for ch in text)
    assert is_run_together(text)  # the importer takes the run-together path


def test_the_web_archive_sample_is_read_as_one():
    ((_, data),) = mht_kind(rendered()).files
    assert sniff(data, "sample.html") == "mht"


def test_without_libreoffice_the_old_office_files_are_skipped_with_a_note(settings):
    settings.GONGKAI_SOFFICE = "no-such-soffice"
    assert converted_kind({"docx": []}, "doc") == Skipped(
        "Word 97（.doc，经 LibreOffice 转换）", "未安装 LibreOffice"
    )


def test_without_tesseract_the_scans_are_skipped_with_a_note(monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_available", lambda *args: False)
    assert ocr_kind({}) == Skipped("扫描件（OCR）", "未安装 Tesseract（tesseract-ocr）")
