"""The application pages hand every decision to the services: the page offers the
adjustment reason only to who may correct a published report, shows a refusal
beside the form, and answers 403 to a user the service does not let act."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.agencies.models import Adjustment
from gongkai.agencies.periods import year_close
from gongkai.applications.models import Application
from gongkai.applications.services import ApplicantDetails, application_register
from gongkai.core.models import Event

YEAR = 2021
FIELD = "adjustment"


def _register_data(region, **extra):
    return {
        "agency": region.a.pk,
        "channel": "in_person",
        "received_on": f"{YEAR}-11-02",
        "applicant_type": "natural_person",
        "name": "李四",
        "id_kind": "resident_id",
        "id_number": "110101199001011237",
        "phone": "13800000000",
        "description": "某小区规划许可证",
        "requested_form": "paper",
        "delivery_method": "post",
        **extra,
    }


def _received(region):
    return application_register(
        acting_user=region.users["staff"],
        agency=region.a,
        received_on=date(YEAR, 3, 1),
        channel="in_person",
        applicant=ApplicantDetails(name="张三", applicant_type="natural_person"),
    )


@pytest.mark.parametrize(("role", "offered"), [("staff", False), ("office_head", True)])
def test_the_adjustment_reason_is_offered_to_who_may_correct_a_report(
    region, client_as, role, offered
):
    page = client_as(region.users[role]).get(reverse("workspace:application_new"))
    assert (FIELD in page.context["form"].fields) is offered
    application = _received(region)
    page = client_as(region.users[role]).get(
        reverse("workspace:application", args=[application.pk])
    )
    forms = dict((step.name, form) for step, form in page.context["steps"])
    assert (FIELD in forms["decide"].fields) is offered
    assert FIELD not in forms["request_correction"].fields  # counts in no year


def test_registering_into_a_published_year_shows_the_refusal(region, client_as):
    year_close(agency=region.a, year=YEAR, acting_user=None)
    response = client_as(region.users["staff"]).post(
        reverse("workspace:application_new"), _register_data(region), follow=True
    )
    assert response.status_code == 200
    assert "年度报告已经发布" in response.content.decode()
    assert not Application.objects.exists() and not Event.objects.exists()


def test_the_office_head_registers_into_a_published_year_with_a_reason(
    region, client_as
):
    year_close(agency=region.a, year=YEAR, acting_user=None)
    client = client_as(region.users["office_head"])
    response = client.post(
        reverse("workspace:application_new"),
        _register_data(region, adjustment="漏登的纸质申请"),
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "workspace:application", args=[application.pk]
    )
    assert Adjustment.objects.get().reason == "漏登的纸质申请"


def test_an_adjustment_slipped_into_staffs_form_is_ignored(region, client_as):
    """The field is not offered to staff: a value posted anyway is not read, and
    the service refuses the closed year."""
    year_close(agency=region.a, year=YEAR, acting_user=None)
    client_as(region.users["staff"]).post(
        reverse("workspace:application_new"),
        _register_data(region, adjustment="我自己补录"),
    )
    assert not Application.objects.exists() and not Adjustment.objects.exists()


def test_a_step_the_service_does_not_let_the_user_take_answers_403(region, client_as):
    """Staff may reach the step page but not approve an extension (第三十三条第二款):
    the service refuses, the page answers 403, nothing is written."""
    application = _received(region)
    before = Event.objects.count()
    response = client_as(region.users["staff"]).post(
        reverse("workspace:application_step", args=[application.pk, "extend"]),
        {
            "extend-days": "10",
            "extend-reason": "需要调取档案",
            "extend-decided_on": f"{YEAR}-03-10",
            "extend-notified_on": f"{YEAR}-03-10",
        },
    )
    assert response.status_code == 403
    assert Event.objects.count() == before
    assert not application.extensions.exists()


def test_a_step_refused_by_the_table_is_shown_beside_the_form(region, client_as):
    application = _received(region)
    response = client_as(region.users["staff"]).post(
        reverse("workspace:application_step", args=[application.pk, "pay_fee"]),
        {"pay_fee-paid_on": f"{YEAR}-03-10"},
        follow=True,
    )
    assert "申请当前为“办理中”，不能“缴纳费用”" in response.content.decode()


# -- 送达 and the remedy windows (issue 13) -------------------------------------------


def _replied(region):
    from gongkai.applications.services import application_decide, letter_issue

    staff = region.users["staff"]
    application = application_decide(
        acting_user=staff,
        application=application_register(
            acting_user=staff,
            agency=region.a,
            received_on=date(2025, 1, 6),
            channel="in_person",
            applicant=ApplicantDetails(name="张三", applicant_type="natural_person"),
        ),
        outcome="disclosed",
        closed_on=date(2025, 1, 20),
    )
    return letter_issue(
        acting_user=staff,
        application=application,
        kind="reply",
        issued_on=date(2025, 1, 20),
    )


def test_staff_record_a_service_by_post_and_see_the_remedy_windows(region, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    letter = _replied(region)
    page = reverse("workspace:application", args=[letter.application.pk])
    client = client_as(region.users["staff"])
    assert "记录送达" in client.get(page).content.decode()
    assert "申请人的救济期限" not in client.get(page).content.decode()
    response = client.post(
        reverse(
            "workspace:application_letter_delivery",
            args=[letter.application.pk, letter.pk],
        ),
        {
            "delivery-method": "post",
            "delivery-tracking_number": "EA123456789CN",
            "delivery-posted_on": "2025-01-21",
            "delivery-delivered_on": "2025-01-24",
            "delivery-proof_file": SimpleUploadedFile(
                "回执.pdf", b"%PDF-1.4 receipt", content_type="application/pdf"
            ),
        },
        follow=True,
    )
    text = response.content.decode()
    assert "已记录《政府信息公开申请答复书》的送达。" in text
    assert "送达 2025-01-24 · 邮寄 · 邮件号 EA123456789CN（2025-01-21 交寄）" in text
    # Served Fri 24 Jan 2025: review by Tue 25 Mar, suit by Thu 24 Jul.
    assert "申请行政复议</dt><dd><strong>2025年3月25日</strong>前" in text
    assert "提起行政诉讼</dt><dd><strong>2025年7月24日</strong>前" in text
    delivery = letter.deliveries.get()
    assert delivery.proof_file.name and "回执" not in delivery.proof_file.name


def test_a_service_missing_its_facts_is_refused_beside_the_form(region, client_as):
    letter = _replied(region)
    response = client_as(region.users["staff"]).post(
        reverse(
            "workspace:application_letter_delivery",
            args=[letter.application.pk, letter.pk],
        ),
        {"delivery-method": "post", "delivery-delivered_on": "2025-01-24"},
        follow=True,
    )
    assert "邮寄送达请填写邮件号。" in response.content.decode()
    assert not letter.deliveries.exists()


def test_another_agencys_staff_cannot_record_a_service(region, client_as):
    letter = _replied(region)
    response = client_as(region.users["other_staff"]).post(
        reverse(
            "workspace:application_letter_delivery",
            args=[letter.application.pk, letter.pk],
        ),
        {"delivery-method": "collect", "delivery-delivered_on": "2025-01-24"},
    )
    assert response.status_code in (403, 404)
    assert not letter.deliveries.exists()
