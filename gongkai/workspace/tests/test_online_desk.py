"""The staff side of the applicant's desk (issue 13): the application page shows
the online correction with its files and privacy findings and the payment
receipts; the files reach staff only; a confirmed receipt is the payment; the
dashboard counts what waits."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import services as s
from gongkai.applications.models import Application
from gongkai.portal.tests.test_applicant_desk import ID_NUMBER, tiny_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _received(region) -> Application:
    return s.application_register(
        acting_user=region.users["staff"],
        agency=region.a,
        received_on=date(2026, 11, 2),
        channel="in_person",
        applicant=s.ApplicantDetails(name="钱七", applicant_type="natural_person"),
    )


def _answered(region) -> Application:
    application = s.correction_request(
        acting_user=region.users["staff"],
        application=_received(region),
        notified_on=date(2026, 11, 4),
        items="请写明项目名称。",
    )
    s.correction_answer_online(
        acting_user=None,
        application=application,
        text=f"项目名称：维修工程。联系人身份证 {ID_NUMBER}",
        files=[SimpleUploadedFile("材料.pdf", tiny_pdf("hello"))],
        received_on=date(2026, 11, 10),
    )
    return Application.objects.get(pk=application.pk)


def _with_receipt(region):
    application = s.fee_notify(
        acting_user=region.users["staff"],
        application=_received(region),
        basis="per_page",
        pages=300,
        notified_on=date(2026, 11, 3),
    )
    receipt = s.payment_receipt_upload(
        acting_user=None,
        application=application,
        file=SimpleUploadedFile("回单.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
        uploaded_on=date(2026, 11, 5),
    )
    return application, receipt


def test_staff_see_the_online_correction_with_its_scan(region, client_as):
    application = _answered(region)
    client = client_as(region.users["staff"])
    page = client.get(reverse("workspace:application", args=[application.pk]))
    html = page.content.decode()
    assert "项目名称：维修工程。" in html
    assert "材料.pdf" in html
    findings = html[html.index('id="online-correction-findings"') :]
    assert "补正内容：居民身份证号 110101********1232" in findings  # masked
    file = application.correction.online_answer.files.get()
    url = reverse(
        "workspace:application_correction_file", args=[application.pk, file.pk]
    )
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("role", "status"), [("other_staff", 403), ("public", 302)])
def test_the_files_are_for_the_agency_s_staff_only(region, client_as, role, status):
    application = _answered(region)
    file = application.correction.online_answer.files.get()
    _, receipt = _with_receipt(region)
    client = client_as(region.users[role])
    for url in (
        reverse(
            "workspace:application_correction_file", args=[application.pk, file.pk]
        ),
        reverse(
            "workspace:application_receipt_file",
            args=[receipt.fee_notice.application_id, receipt.pk],
        ),
    ):
        assert client.get(url).status_code == status


def test_the_dashboard_lists_an_online_correction_until_it_is_read(region, client_as):
    application = _answered(region)
    client = client_as(region.users["staff"])
    dashboard = client.get(reverse("workspace:dashboard"))
    assert dashboard.context["counts"]["online_corrections"] == 1
    listed = client.get(
        reverse("workspace:applications"), {"bucket": "online_corrections"}
    )
    assert application.tracking_number in listed.content.decode()
    client.post(reverse("workspace:application_correction_seen", args=[application.pk]))
    dashboard = client.get(reverse("workspace:dashboard"))
    assert dashboard.context["counts"]["online_corrections"] == 0


def test_staff_confirm_a_receipt_and_the_fee_is_paid(region, client_as):
    application, receipt = _with_receipt(region)
    client = client_as(region.users["staff"])
    assert (
        client.get(reverse("workspace:dashboard")).context["counts"][
            "receipts_to_confirm"
        ]
        == 1
    )
    page = client.get(reverse("workspace:application", args=[application.pk]))
    assert "回单.png" in page.content.decode()
    client.post(
        reverse(
            "workspace:application_receipt_confirm", args=[application.pk, receipt.pk]
        ),
        {f"receipt-{receipt.pk}-paid_on": "2026-11-05"},
    )
    application.refresh_from_db()
    assert application.fee_notice.paid_on == date(2026, 11, 5)
    assert application.status == "received"  # the clock runs again
    assert application.fee_amount == application.fee_notice.amount_due
    receipt.refresh_from_db()
    assert receipt.confirmed_by == region.users["staff"]
    assert (
        client.get(reverse("workspace:dashboard")).context["counts"][
            "receipts_to_confirm"
        ]
        == 0
    )


def test_staff_of_another_agency_cannot_confirm(region, client_as):
    application, receipt = _with_receipt(region)
    client = client_as(region.users["other_staff"])
    response = client.post(
        reverse(
            "workspace:application_receipt_confirm", args=[application.pk, receipt.pk]
        ),
        {f"receipt-{receipt.pk}-paid_on": "2026-11-05"},
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.fee_notice.paid_on is None


def test_the_letters_are_offered_as_pdf_and_docx(region, client_as):
    application = s.correction_request(
        acting_user=region.users["staff"],
        application=_received(region),
        notified_on=date(2026, 11, 4),
        items="请写明项目名称。",
    )
    letter = s.letter_issue(
        acting_user=region.users["staff"],
        application=application,
        kind="correction",
        issued_on=date(2026, 11, 4),
    )
    client = client_as(region.users["staff"])
    html = client.get(
        reverse("workspace:application", args=[application.pk])
    ).content.decode()
    pdf = reverse("workspace:application_letter_pdf", args=[application.pk, letter.pk])
    docx = reverse("workspace:application_letter", args=[application.pk, letter.pk])
    assert f'href="{pdf}">PDF</a>' in html
    assert f'href="{docx}">DOCX</a>' in html
    response = client.get(pdf)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_as(region.users["other_staff"]).get(pdf).status_code == 403
