"""The tracking page as the applicant's desk (issue 13): what each status means,
the request as submitted, letters as PDF and DOCX, answering a 补正 notice online
and uploading a payment receipt; all behind the tracking number and its code."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pdfplumber
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import services as s
from gongkai.applications.models import (
    Application,
    OnlineCorrection,
    PaymentReceipt,
)
from gongkai.applications.status_text import MEANINGS
from gongkai.core.models import Event
from gongkai.portal.guard import TOKEN_FIELD
from gongkai.portal.tracking import tracking_secret

pytestmark = pytest.mark.django_db

ID_NUMBER = "110101198001011232"
# Tue 10 Nov 2026: the day the applicant answers the 补正 notice online.
ANSWER_DAY = datetime(2026, 11, 10, 15, 0)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer is ``text`` (ASCII), written by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _received(staff_user, agency, day=date(2026, 11, 2)) -> Application:
    return s.application_register(
        acting_user=staff_user,
        agency=agency,
        received_on=day,
        channel="in_person",
        applicant=s.ApplicantDetails(name="钱七", applicant_type="natural_person"),
        description="2026年本局政府采购合同",
    )


def _awaiting_correction(staff_user, agency) -> Application:
    return s.correction_request(
        acting_user=staff_user,
        application=_received(staff_user, agency),
        notified_on=date(2026, 11, 4),
        items="请写明所需合同的项目名称。",
    )


def _track(client, application) -> str:
    number = application.tracking_number
    client.post(
        reverse("portal:track"),
        {"tracking_number": number, "secret": tracking_secret(number)},
    )
    return reverse("portal:track_detail", args=[number])


def _token(page: str, form_id: str) -> str:
    form = page[page.index(f'id="{form_id}"') :]
    return re.search(f'name="{TOKEN_FIELD}" value="([^"]+)"', form).group(1)


def _answer(client, application, token, *files, text="项目名称：办公楼维修工程。"):
    url = reverse("portal:track_correction", args=[application.tracking_number])
    return client.post(
        url, {"text": text, "attachments": list(files), TOKEN_FIELD: token}
    )


def _pdf(name="补正材料.pdf", text=f"ID {ID_NUMBER}"):
    return SimpleUploadedFile(name, tiny_pdf(text), content_type="application/pdf")


def test_the_page_says_what_the_status_means_and_shows_the_request(
    client, staff_user, agency
):
    application = _awaiting_correction(staff_user, agency)
    page = client.get(_track(client, application)).content.decode()
    assert MEANINGS["awaiting_correction"] in page
    assert "2026年本局政府采购合同" in page  # the request as submitted
    assert "请写明所需合同的项目名称。" in page
    assert 'id="correction-form"' in page


def test_every_status_has_a_sentence():
    from gongkai.applications.models import ApplicationStatus

    assert set(MEANINGS) == {status.value for status in ApplicationStatus}
    assert all(sentence.strip() for sentence in MEANINGS.values())


def test_the_applicant_answers_a_correction_online_and_the_clock_restarts(
    client, staff_user, agency
):
    """Answered online on 10 Nov: that is the day the corrected application is
    received, and the reply period runs anew from it (第三十条), exactly as for the
    same correction received on paper that day."""
    application = _awaiting_correction(staff_user, agency)
    paper = s.correction_receive(
        acting_user=staff_user,
        application=_awaiting_correction(staff_user, agency),
        corrected_on=date(2026, 11, 10),
    )
    detail = _track(client, application)
    with time_machine.travel(ANSWER_DAY):
        token = _token(client.get(detail).content.decode(), "correction-form")
        response = _answer(client, application, token, _pdf())
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.correction.corrected_on == date(2026, 11, 10)
    assert application.status == "received"
    assert application.due_on is not None
    assert application.due_on == paper.due_on
    answer = OnlineCorrection.objects.get()
    assert answer.text == "项目名称：办公楼维修工程。"
    stored = answer.files.get()
    assert stored.name == "补正材料.pdf"
    assert "补正材料" not in stored.file.name  # a random name on disk
    # The privacy scan read the PDF's text: the ID number is a finding for staff.
    assert [f["label"] for f in answer.findings] == ["居民身份证号"]
    assert ID_NUMBER not in str(answer.findings)
    page = client.get(detail).content.decode()
    assert "2026年11月10日" in page
    assert 'id="correction-form"' not in page
    assert ID_NUMBER not in page


def test_a_double_submit_records_one_correction(client, staff_user, agency):
    application = _awaiting_correction(staff_user, agency)
    detail = _track(client, application)
    token = _token(client.get(detail).content.decode(), "correction-form")
    first = _answer(client, application, token, _pdf())
    second = _answer(client, application, token, _pdf())
    assert first.status_code == second.status_code == 302
    assert OnlineCorrection.objects.count() == 1
    assert Event.objects.filter(verb="correction_received").count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.exe", b"MZ\x90\x00"), "不接受“a.exe”这种文件"),
        (SimpleUploadedFile("b.pdf", b"not a pdf at all"), "内容与文件类型不符"),
        (SimpleUploadedFile("c.png", b"\x89PNG\r\n\x1a\n" + b"0" * 2048), "超过"),
    ],
)
def test_a_bad_file_is_refused_in_chinese(
    client, staff_user, agency, settings, upload, message
):
    settings.GONGKAI_UPLOAD_MAX_BYTES = 1024
    application = _awaiting_correction(staff_user, agency)
    detail = _track(client, application)
    token = _token(client.get(detail).content.decode(), "correction-form")
    response = _answer(client, application, token, upload)
    assert response.status_code == 400
    assert message in response.content.decode()
    application.refresh_from_db()
    assert application.correction.corrected_on is None
    assert not OnlineCorrection.objects.exists()


def test_too_many_files_are_refused(client, staff_user, agency, settings):
    settings.GONGKAI_UPLOAD_MAX_FILES = 2
    application = _awaiting_correction(staff_user, agency)
    detail = _track(client, application)
    token = _token(client.get(detail).content.decode(), "correction-form")
    files = [_pdf(f"{n}.pdf") for n in range(3)]
    response = _answer(client, application, token, *files)
    assert "最多可以上传 2 个文件" in response.content.decode()
    assert not OnlineCorrection.objects.exists()


def test_a_stranger_without_the_code_gets_404(client, staff_user, agency):
    application = _awaiting_correction(staff_user, agency)
    letter = s.letter_issue(
        acting_user=staff_user,
        application=application,
        kind="correction",
        issued_on=date(2026, 11, 4),
    )
    number = application.tracking_number
    for url in (
        reverse("portal:track_detail", args=[number]),
        reverse("portal:track_letter_pdf", args=[number, letter.pk]),
    ):
        assert client.get(url).status_code == 404
    answer = _answer(client, application, "x" * 43, _pdf())
    assert answer.status_code == 404
    receipt = client.post(
        reverse("portal:track_receipt", args=[number]), {"file": _pdf()}
    )
    assert receipt.status_code == 404
    assert not OnlineCorrection.objects.exists()


def test_every_letter_is_offered_as_pdf_and_docx(client, staff_user, agency):
    application = _awaiting_correction(staff_user, agency)
    letter = s.letter_issue(
        acting_user=staff_user,
        application=application,
        kind="correction",
        issued_on=date(2026, 11, 4),
    )
    page = client.get(_track(client, application)).content.decode()
    number = application.tracking_number
    pdf_url = reverse("portal:track_letter_pdf", args=[number, letter.pk])
    assert f'href="{pdf_url}"' in page
    assert f'href="{reverse("portal:track_letter", args=[number, letter.pk])}"' in page
    response = client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert letter.title in text.replace("\n", "")
    assert letter.number in text


def test_the_fee_shows_how_to_pay_and_takes_a_receipt(client, staff_user, agency):
    application = s.fee_notify(
        acting_user=staff_user,
        application=_received(staff_user, agency),
        basis="per_page",
        pages=300,
        notified_on=date(2026, 11, 3),
    )
    detail = _track(client, application)
    page = client.get(detail).content.decode()
    assert "如何缴费" in page
    assert str(application.fee_notice.amount_due) in page
    token = _token(page, "receipt-form")
    url = reverse("portal:track_receipt", args=[application.tracking_number])
    receipt = SimpleUploadedFile("回单.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    for _ in range(2):  # a double click
        client.post(url, {"file": receipt, "note": "11月5日转账", TOKEN_FIELD: token})
        receipt.seek(0)
    stored = PaymentReceipt.objects.get()
    assert stored.note == "11月5日转账"
    application.refresh_from_db()
    assert application.fee_notice.paid_on is None  # paid once staff confirm
    assert "待本机关确认" in client.get(detail).content.decode()
