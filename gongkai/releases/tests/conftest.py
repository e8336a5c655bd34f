"""Fixtures for released files: stored files in a temporary folder, an application
of the agency, and the documents to redact, made in the test (a PDF with PyMuPDF,
a DOCX with python-docx, an XLSX with openpyxl), each holding an ID number and a
mobile number in its text and in its properties."""

from __future__ import annotations

import io
import shutil

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog.privacy import id_check_char
from gongkai.testing import factories as f

ID_NUMBER = "11010119900307777" + id_check_char("11010119900307777")  # …7774
PHONE = "13812345678"
NAME = "李四"
REGION_TEXT = "SEALED-REGION-TEXT"
KEPT = "申请公开的政府信息"  # a sentence that must survive
# Where REGION_TEXT is written on page 1 of the PDF (points, top-left origin).
REGION = (60.0, 280.0, 320.0, 310.0)

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: make system-deps",
)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def application(db, agency):
    return f.ApplicationFactory(agency=agency, tracking_number="YSQ-20260001")


@pytest.fixture
def clerk(db, agency):
    return f.UserFactory(username="clerk", agency=agency)


def make_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    lines = [f"{KEPT}：申请人{NAME}，", f"身份证号 {ID_NUMBER}，电话 {PHONE}。"]
    for number, line in enumerate(lines):
        page.insert_text((72, 100 + 16 * number), line, fontname="china-s", fontsize=10)
    page.insert_text((72, 300), REGION_TEXT, fontsize=11)
    page.insert_text((72, 500), "Outside the region stays.", fontsize=11)
    doc.set_metadata({"author": f"{NAME} {PHONE}", "title": ID_NUMBER})
    doc.set_xml_metadata(f"<x:xmpmeta xmlns:x='adobe:ns:meta/'>{ID_NUMBER}</x:xmpmeta>")
    data: bytes = doc.tobytes()
    return data


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(f"{KEPT}：申请人{NAME}")
    document.add_paragraph(f"身份证号 {ID_NUMBER}")
    document.add_paragraph(f"电话 {PHONE}")
    document.core_properties.author = f"{NAME} {PHONE}"
    document.core_properties.title = ID_NUMBER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["事项", KEPT])
    sheet.append(["申请人", NAME])
    sheet.append(["身份证号", ID_NUMBER])
    sheet.append(["电话", PHONE])
    sheet.column_dimensions["B"].width = 30
    book.properties.creator = f"{NAME} {PHONE}"
    book.properties.title = ID_NUMBER
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
