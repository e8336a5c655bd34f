"""A partial release burns the redaction in: what is covered is gone from the
copy's text (read with pdfplumber and with PyMuPDF), from its metadata and from
every object of the file, for PDF, Word and Excel inputs alike."""

from __future__ import annotations

import io
import re

import pdfplumber
import pymupdf
import pytest

from gongkai.core.workflow import Refused
from gongkai.releases import redaction, services
from gongkai.releases.models import FileKind, MarkKind, ReviewStatus

from .conftest import (
    ID_NUMBER,
    KEPT,
    NAME,
    PHONE,
    REGION,
    REGION_TEXT,
    make_docx,
    make_pdf,
    make_xlsx,
    needs_soffice,
    upload,
)

SPACE = re.compile(r"\s+")


def texts(pdf: bytes) -> list[str]:
    """The copy's text as two readers see it, and everything else in the file:
    the information dictionary, the XMP metadata, and every object and stream."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        plumbed = "\n".join(page.extract_text() or "" for page in document.pages)
        plumbed_meta = " ".join(str(v) for v in document.metadata.values())
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        mupdf = "\n".join(page.get_text() for page in document.pages())
        meta = " ".join(str(v) for v in document.metadata.values() if v)
        xml = document.get_xml_metadata()
        objects = []
        for xref in range(1, document.xref_length()):
            objects.append(document.xref_object(xref))
            if document.xref_is_stream(xref):
                stream = document.xref_stream(xref) or b""
                objects.append(stream.decode("latin-1"))
    return [plumbed, plumbed_meta, mupdf, meta, xml, "\n".join(objects)]


def assert_absent(pdf: bytes, *values: str) -> None:
    for found in texts(pdf):
        flat = SPACE.sub("", found)
        for value in values:
            assert value not in flat, f"{value!r} survived the redaction"


def partly(clerk, application, name: str, data: bytes):
    file = services.release_file_attach(
        acting_user=clerk, application=application, upload=upload(name, data)
    )
    return services.release_file_review(
        acting_user=clerk, file=file, status=ReviewStatus.PARTLY_RELEASED
    )


def mark_numbers_and_name(clerk, file) -> None:
    for finding in ("id_card", "mobile"):
        services.redaction_add(
            acting_user=clerk,
            file=file,
            kind=MarkKind.FINDING,
            finding=finding,
            ground="privacy",
        )
    services.redaction_add(
        acting_user=clerk, file=file, kind=MarkKind.TERM, text=NAME, ground="privacy"
    )


def redacted_bytes(file) -> bytes:
    file.refresh_from_db()
    with file.redacted.open("rb") as stream:
        return bytes(stream.read())


def test_pdf_the_numbers_and_the_name_are_gone_and_the_rest_is_kept(clerk, application):
    """The ID number, the phone number and the name typed by staff are removed
    from the copy's text and metadata; the sentence around them stays."""
    file = partly(clerk, application, "答复材料.pdf", make_pdf())
    mark_numbers_and_name(clerk, file)
    services.release_file_redact(acting_user=clerk, file=file)
    pdf = redacted_bytes(file)
    assert_absent(pdf, ID_NUMBER, PHONE, NAME)
    assert KEPT in redaction.page_text(pdf)
    assert REGION_TEXT in redaction.page_text(pdf)  # not marked: not removed
    # The original is kept as it was, for staff.
    with file.original.open("rb") as stream:
        assert ID_NUMBER in redaction.page_text(stream.read())
    assert file.redacted_by == clerk and file.redacted_at is not None


def test_a_region_removes_the_text_inside_the_rectangle_only(clerk, application):
    file = partly(clerk, application, "答复材料.pdf", make_pdf())
    services.redaction_add(
        acting_user=clerk,
        file=file,
        kind=MarkKind.REGION,
        page=1,
        rect=REGION,
        ground="internal",
    )
    services.release_file_redact(acting_user=clerk, file=file)
    pdf = redacted_bytes(file)
    assert_absent(pdf, REGION_TEXT)
    text = redaction.page_text(pdf)
    assert "Outside the region stays." in text
    assert ID_NUMBER in text  # not marked here


def test_the_copy_carries_no_metadata(clerk, application):
    """Author, title and XMP (here the applicant's name and numbers) are cleared
    even where no mark covers them."""
    file = partly(clerk, application, "答复材料.pdf", make_pdf())
    services.redaction_add(
        acting_user=clerk,
        file=file,
        kind=MarkKind.TERM,
        text="Outside",
        ground="process",
    )
    services.release_file_redact(acting_user=clerk, file=file)
    with pymupdf.open(stream=redacted_bytes(file), filetype="pdf") as document:
        assert not any(v for k, v in document.metadata.items() if k != "format")
        assert document.get_xml_metadata() == ""


@needs_soffice
@pytest.mark.parametrize(
    ("name", "make"), [("合同.docx", make_docx), ("名单.xlsx", make_xlsx)]
)
def test_word_and_excel_are_printed_to_pdf_and_redacted(clerk, application, name, make):
    file = partly(clerk, application, name, make())
    assert file.kind == FileKind.OFFICE
    assert file.as_pdf, "converted when attached"
    with file.as_pdf.open("rb") as stream:
        converted = stream.read()
    assert ID_NUMBER in SPACE.sub("", redaction.page_text(converted))
    mark_numbers_and_name(clerk, file)
    services.release_file_redact(acting_user=clerk, file=file)
    pdf = redacted_bytes(file)
    assert_absent(pdf, ID_NUMBER, PHONE, NAME)
    assert KEPT in SPACE.sub("", redaction.page_text(pdf))
    file.refresh_from_db()
    assert file.release_name.endswith("（部分公开）.pdf")


def test_without_libreoffice_a_word_file_is_refused_in_chinese(
    clerk, application, settings
):
    settings.GONGKAI_SOFFICE = "no-such-soffice"
    file = partly(clerk, application, "合同.docx", make_docx())
    assert not file.as_pdf  # attached all the same
    mark_numbers_and_name(clerk, file)
    with pytest.raises(Refused, match="未安装 LibreOffice"):
        services.release_file_redact(acting_user=clerk, file=file)


def test_a_term_that_survives_refuses_the_copy():
    """A term written with spaces between its letters is not found by search;
    the read-back (spaces ignored) finds it, and no copy is made."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), "the code is A L P H A 7", fontsize=11)
    with pytest.raises(redaction.Incomplete, match="ALPHA7"):
        redaction.redact(doc.tobytes(), [redaction.Mark(redaction.TERM, text="ALPHA7")])


def test_a_term_over_two_lines_is_removed_from_both():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "the secret word is ALPHA", fontsize=11)
    page.insert_text((72, 114), "BRAVO and more", fontsize=11)
    result = redaction.redact(
        doc.tobytes(), [redaction.Mark(redaction.TERM, text="ALPHA BRAVO")]
    )
    text = redaction.page_text(result.pdf)
    assert "ALPHA" not in text and "BRAVO" not in text and "and more" in text


def test_an_image_is_redacted_by_region(clerk, application):
    """A scanned page has no text: a region blanks the image's own pixels under
    it (not only a box drawn over them)."""
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 100), False)
    pixmap.set_rect(pixmap.irect, (255, 0, 0))  # all red
    file = partly(clerk, application, "扫描件.png", pixmap.tobytes("png"))
    assert file.kind == FileKind.IMAGE
    services.redaction_add(
        acting_user=clerk,
        file=file,
        kind=MarkKind.REGION,
        page=1,
        rect=(0, 0, 100, 100),
        ground="privacy",
    )
    services.release_file_redact(acting_user=clerk, file=file)
    with pymupdf.open(stream=redacted_bytes(file), filetype="pdf") as document:
        (xref, *_rest), *_others = document[0].get_images()
        image = pymupdf.Pixmap(document, xref)
        assert image.pixel(150, 50) == (255, 0, 0)  # outside: still red
        assert image.pixel(50, 50) != (255, 0, 0)  # inside: the red is gone
