"""转办 in the workspace: 甲局 transfers an application to 乙局 from the
application's page; 乙局's staff find it on the dashboard and in their queue, and
sign for it or return it; nobody else may."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications.models import Application, Transfer, TransferState
from gongkai.applications.services import (
    ApplicantDetails,
    application_register,
    application_transfer,
)

pytestmark = pytest.mark.django_db


def _received(region):
    return application_register(
        acting_user=region.users["staff"],
        agency=region.a,
        received_on=date(2025, 3, 3),
        channel="in_person",
        applicant=ApplicantDetails(name="张三", applicant_type="natural_person"),
        description="乙局的执法统计",
    )


def _sent(region):
    application_transfer(
        acting_user=region.users["staff"],
        application=_received(region),
        closed_on=date(2025, 3, 10),
        to_agency=region.b,
        note="请乙局办理",
    )
    return Transfer.objects.get()


def test_the_sender_transfers_from_the_applications_page(region, client_as):
    """The form lists the agencies using gongkai (not the sender itself)."""
    application = _received(region)
    client = client_as(region.users["staff"])
    page = client.get(reverse("workspace:application", args=[application.pk]))
    form = page.content.decode()
    assert 'name="transfer-to_agency"' in form
    options = page.context["steps"]
    (transfer_form,) = [f for step, f in options if step.name == "transfer"]
    assert list(transfer_form.fields["to_agency"].queryset) == [region.b]

    response = client.post(
        reverse("workspace:application_step", args=[application.pk, "transfer"]),
        {
            "transfer-closed_on": "2025-03-10",
            "transfer-to_agency": region.b.pk,
            "transfer-note": "请乙局办理",
        },
        follow=True,
    )
    text = response.content.decode()
    assert "转办至测试县乙局：待签收" in text
    transfer = Transfer.objects.get()
    assert (transfer.to_agency, transfer.note) == (region.b, "请乙局办理")


def test_the_receiver_sees_it_waiting_and_signs_for_it(region, client_as):
    transfer = _sent(region)
    client = client_as(region.users["other_staff"])
    dashboard = client.get(reverse("workspace:dashboard"))
    assert dashboard.context["transfers_waiting_count"] == 1
    assert "转办待签收" in dashboard.content.decode()
    queue = client.get(reverse("workspace:transfers")).content.decode()
    assert transfer.application.tracking_number in queue and "待签收" in queue
    detail = client.get(reverse("workspace:transfer", args=[transfer.pk]))
    text = detail.content.decode()
    assert "请乙局办理" in text and "2025-03-03" in text  # note, original receipt
    assert "乙局的执法统计" in text
    assert 'id="step-accept"' in text and 'id="step-return"' in text

    response = client.post(
        reverse("workspace:transfer_step", args=[transfer.pk, "accept"]),
        {"accept-accepted_on": "2025-03-12"},
        follow=True,
    )
    ours = Application.objects.get(agency=region.b)
    assert response.redirect_chain[-1][0] == reverse(
        "workspace:application", args=[ours.pk]
    )
    page = response.content.decode()
    assert "由测试县甲局于2025-03-10转办" in page
    assert ours.received_on == date(2025, 3, 12)
    # nothing waits any more
    assert (
        client.get(reverse("workspace:dashboard")).context["transfers_waiting_count"]
        == 0
    )


def test_the_receiver_returns_it_with_a_reason(region, client_as):
    transfer = _sent(region)
    client = client_as(region.users["other_staff"])
    response = client.post(
        reverse("workspace:transfer_step", args=[transfer.pk, "return"]),
        {"return-returned_on": "2025-03-12", "return-reason": "也不属于乙局"},
        follow=True,
    )
    assert "已退回转出机关" in response.content.decode()
    transfer.refresh_from_db()
    assert transfer.state == TransferState.RETURNED
    # back in the sender's queue, with the reason on its page
    sender = client_as(region.users["staff"])
    application = Application.objects.get(pk=transfer.application_id)
    page = sender.get(reverse("workspace:application", args=[application.pk]))
    assert "退回理由：也不属于乙局" in page.content.decode()
    assert application.status == "received"


def test_a_return_without_reason_is_shown_beside_the_form(region, client_as):
    transfer = _sent(region)
    response = client_as(region.users["other_staff"]).post(
        reverse("workspace:transfer_step", args=[transfer.pk, "return"]),
        {"return-returned_on": "2025-03-12", "return-reason": ""},
        follow=True,
    )
    assert "退回理由" in response.content.decode()
    transfer.refresh_from_db()
    assert transfer.state == TransferState.PENDING


def test_signing_for_it_twice_shows_the_refusal(region, client_as):
    transfer = _sent(region)
    client = client_as(region.users["other_staff"])
    url = reverse("workspace:transfer_step", args=[transfer.pk, "accept"])
    client.post(url, {"accept-accepted_on": "2025-03-12"})
    response = client.post(url, {"accept-accepted_on": "2025-03-12"}, follow=True)
    assert "转办当前为“已签收”，不能“签收”" in response.content.decode()
    assert Application.objects.filter(agency=region.b).count() == 1


@pytest.mark.parametrize("who", ["staff", "office_head", "supervisor"])
def test_only_the_receiving_agency_signs_for_it(region, client_as, who):
    """The sender's staff and head may read the transfer but not sign for it; a
    supervisor only reads."""
    transfer = _sent(region)
    client = client_as(region.users[who])
    page = client.get(reverse("workspace:transfer", args=[transfer.pk]))
    assert page.status_code == 200
    assert 'id="step-accept"' not in page.content.decode()
    response = client.post(
        reverse("workspace:transfer_step", args=[transfer.pk, "accept"]),
        {"accept-accepted_on": "2025-03-12"},
    )
    assert response.status_code == 403
    transfer.refresh_from_db()
    assert transfer.state == TransferState.PENDING


def test_an_agency_outside_the_transfer_cannot_read_it(region, client_as):
    from gongkai.testing import factories

    transfer = _sent(region)
    outsider = factories.UserFactory(
        username="c_staff", role="staff", agency=factories.AgencyFactory(name="丙局")
    )
    response = client_as(outsider).get(
        reverse("workspace:transfer", args=[transfer.pk])
    )
    assert response.status_code == 403
    queue = client_as(outsider).get(reverse("workspace:transfers")).content.decode()
    assert transfer.application.tracking_number not in queue


def test_the_story_from_transfer_to_both_reports(region, client_as):
    """甲局 transfers from the application's page → 乙局 signs for it → 乙局 answers
    it; 甲局's table 三 counts it as 本机关不掌握相关政府信息 (不属于本机关负责公开),
    乙局's as a new application received and answered."""
    from gongkai.reports.builder import build_report
    from gongkai.reports.formats import get_format

    application = _received(region)
    sender = client_as(region.users["staff"])
    sender.post(
        reverse("workspace:application_step", args=[application.pk, "transfer"]),
        {"transfer-closed_on": "2025-03-10", "transfer-to_agency": region.b.pk},
    )
    transfer = Transfer.objects.get()
    receiver = client_as(region.users["other_staff"])
    receiver.post(
        reverse("workspace:transfer_step", args=[transfer.pk, "accept"]),
        {"accept-accepted_on": "2025-03-12"},
    )
    ours = Application.objects.get(agency=region.b)
    receiver.post(
        reverse("workspace:application_step", args=[ours.pk, "decide"]),
        {
            "decide-outcome": "disclosed",
            "decide-closed_on": "2025-03-20",
        },
    )
    fmt = get_format("2021")
    new = "一、本年新收政府信息公开申请数量"
    results = "三、本年度办理结果/"
    not_held = results + "（四）无法提供/1.本机关不掌握相关政府信息"
    disclosed = results + "（一）予以公开"
    total = "申请人情况/总计"
    a = build_report(agency=region.a, year=2025, fmt=fmt)
    b = build_report(agency=region.b, year=2025, fmt=fmt)
    assert [a.value("三", row, total) for row in (new, not_held, disclosed)] == [
        1,
        1,
        0,
    ]
    assert [b.value("三", row, total) for row in (new, not_held, disclosed)] == [
        1,
        0,
        1,
    ]
