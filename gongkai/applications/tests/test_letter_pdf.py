"""A letter as PDF (issue 13): the same stored text as its DOCX, GB/T 9704-like,
every font embedded, rendered once and kept with the letter."""

from __future__ import annotations

from datetime import date

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1

from gongkai.applications import services as s
from gongkai.applications.models import LetterPdf

pytestmark = pytest.mark.django_db


def _fonts(pdf) -> list[dict]:
    """Every font of every page, with its descriptor (Type0 fonts: through their
    descendant)."""
    found = []
    for page in pdf.pages:
        resources = resolve1(page.page_obj.resources)
        for font in resolve1(resources.get("Font", {})).values():
            font = resolve1(font)
            for descendant in resolve1(font.get("DescendantFonts", [])) or []:
                font = resolve1(descendant)
            found.append(font)
    return found


@pytest.fixture
def letter(head, agency):
    application = s.application_register(
        acting_user=head,
        agency=agency,
        received_on=date(2026, 11, 2),
        channel="in_person",
        applicant=s.ApplicantDetails(name="钱七", applicant_type="natural_person"),
        description="2026年本局政府采购合同",
    )
    application = s.correction_request(
        acting_user=head,
        application=application,
        notified_on=date(2026, 11, 4),
        items="请写明所需合同的项目名称。",
    )
    return s.letter_issue(
        acting_user=head,
        application=application,
        kind="correction",
        issued_on=date(2026, 11, 4),
    )


def test_the_pdf_has_the_letter_s_text_and_embeds_its_fonts(letter, agency):
    with s.letter_pdf(letter).open("rb") as file, pdfplumber.open(file) as pdf:
        text = "".join(p.extract_text() for p in pdf.pages).replace("\n", "")
        fonts = _fonts(pdf)
    assert letter.number in text
    assert letter.title in text
    assert f"{letter.recipient}：" in text
    for paragraph in letter.body.splitlines():  # the same text as the DOCX
        assert paragraph.replace(" ", "") in text.replace(" ", "")
    assert agency.name in text
    assert "2026年11月4日" in text
    assert "— 1 —" in text
    assert fonts
    for font in fonts:
        descriptor = resolve1(font["FontDescriptor"])
        assert {"FontFile", "FontFile2", "FontFile3"} & set(descriptor), font


def test_the_pdf_is_rendered_once_and_kept(letter):
    first = s.letter_pdf(letter)
    second = s.letter_pdf(letter)
    assert first.name == second.name
    assert LetterPdf.objects.filter(letter=letter).count() == 1
