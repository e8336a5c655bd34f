"""Applying online and following the application with its query code."""

import re

import pytest
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.portal.guard import DIGITS, TOKEN_FIELD
from gongkai.portal.tracking import secret_matches, tracking_secret

pytestmark = pytest.mark.django_db

FIELDS = {
    "applicant_type": "natural_person",
    "name": "钱七",
    "id_kind": "resident_id",
    "id_number": "110101198001011232",
    "phone": "13600000000",
    "description": "2024年本局政府采购合同",
    "requested_form": "electronic",
    "delivery_method": "email",
    "email": "qian@example.com",
}


@pytest.fixture(autouse=True)
def no_waiting(settings):
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 0


def _apply(client, agency, **changes):
    url = reverse("portal:apply_form", args=[agency.pk])
    page = client.get(url).content.decode()
    a, b = re.search(f"([{DIGITS}])加([{DIGITS}])等于几", page).groups()
    answer = DIGITS.index(a) + DIGITS.index(b)
    token = re.search(f'name="{TOKEN_FIELD}" value="([^"]+)"', page).group(1)
    data = {**FIELDS, "challenge_answer": answer, TOKEN_FIELD: token, **changes}
    return client.post(url, data)


def test_an_online_application_awaits_confirmation_and_gives_a_code(client, agency):
    response = _apply(client, agency)
    assert response["Location"] == reverse("portal:apply_done")
    application = Application.objects.get()
    assert application.channel == "online"
    assert application.received_on is None  # received once confirmed (第三十一条)
    page = client.get(response["Location"]).content.decode()
    assert application.tracking_number in page
    assert tracking_secret(application.tracking_number) in page


def test_a_robot_gets_no_application(client, agency):
    _apply(client, agency, website="spam")
    _apply(client, agency, challenge_answer=99)
    assert not Application.objects.exists()


def test_the_tracking_page_needs_the_number_and_its_code(client, agency):
    _apply(client, agency)
    number = Application.objects.get().tracking_number
    stranger = client.__class__()
    detail = reverse("portal:track_detail", args=[number])
    assert stranger.get(detail).status_code == 404
    wrong = stranger.post(
        reverse("portal:track"), {"tracking_number": number, "secret": "AAAAAAAAAA"}
    )
    assert wrong.status_code == 200
    right = stranger.post(
        reverse("portal:track"),
        {"tracking_number": number.lower(), "secret": tracking_secret(number).lower()},
    )
    assert right["Location"] == detail
    page = stranger.get(detail).content.decode()
    # Behind the code, the page shows the request as submitted (issue 13).
    assert "2024年本局政府采购合同" in page
    assert agency.name in page


def test_the_tracking_page_shows_the_service_and_the_last_days_to_challenge(
    client, agency, staff_user
):
    """Once the reply is served electronically (available Fri 24 Jan 2025), the
    applicant reads when it was served and the last days to apply for review (Tue
    25 Mar) and to sue (Thu 24 Jul), with the articles."""
    from datetime import date, datetime

    import time_machine
    from django.utils import timezone

    from gongkai.applications import services as s

    with time_machine.travel(datetime(2025, 1, 6, 10, 0)):
        _apply(client, agency)
    application = Application.objects.get()
    application = s.application_confirm(
        acting_user=staff_user, application=application, confirmed_on=date(2025, 1, 6)
    )
    application = s.application_decide(
        acting_user=staff_user,
        application=application,
        outcome="disclosed",
        closed_on=date(2025, 1, 20),
    )
    reply = s.letter_issue(
        acting_user=staff_user,
        application=application,
        kind="reply",
        issued_on=date(2025, 1, 20),
    )
    number = application.tracking_number
    client.post(
        reverse("portal:track"),
        {"tracking_number": number, "secret": tracking_secret(number)},
    )
    detail = reverse("portal:track_detail", args=[number])
    assert "如对答复不服" not in client.get(detail).content.decode()
    s.delivery_record(
        acting_user=staff_user,
        letter=reply,
        method="online",
        available_at=timezone.make_aware(datetime(2025, 1, 24, 9, 0)),
    )
    page = client.get(detail).content.decode()
    assert "2025-01-24网上送达" in page
    assert "申请行政复议</dt><dd><strong>2025年3月25日</strong>前" in page
    assert "提起行政诉讼</dt><dd><strong>2025年7月24日</strong>前" in page
    assert "《行政诉讼法》第四十六条第一款" in page


@pytest.mark.parametrize(
    ("number", "code", "matches"),
    [
        ("YSQ20250303-ABC123", None, True),
        ("YSQ20250303-ABC123", "XXXXXXXXXX", False),
        ("YSQ20250303-ABC124", None, False),  # another number's code
    ],
)
def test_a_code_belongs_to_one_number(number, code, matches):
    code = code or tracking_secret("YSQ20250303-ABC123")
    assert secret_matches(number, code) is matches


def test_the_guide_page_shows_what_the_agency_wrote(client, agency, staff_user):
    from gongkai.agencies.services import guide_update

    url = reverse("portal:guide", args=[agency.pk])
    assert "政府信息公开指南" in client.get(url).content.decode()
    guide_update(
        acting_user=staff_user, agency=agency, office_hours="工作日 9:00–17:00"
    )
    page = client.get(url).content.decode()
    assert "办公时间" in page and "工作日 9:00–17:00" in page
