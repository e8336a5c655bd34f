"""The applicant on the pages: the public form and the staff form refuse nonsense
(finding 9 of issue 12) with Chinese messages; the public form never changes a
known applicant (finding 1); the workspace shows the identity number masked until a
handler asks to see it (recorded), and links an application to a known applicant."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gongkai.applications import services as s
from gongkai.applications.models import Applicant, Application
from gongkai.core.models import Event
from gongkai.portal.guard import DIGITS, TOKEN_FIELD
from gongkai.testing import factories as f

from .helpers import RECEIVED

pytestmark = pytest.mark.django_db

NUMBER = "110101199001011237"
APPLICANT = {
    "applicant_type": "natural_person",
    "name": "张三",
    "id_kind": "resident_id",
    "id_number": NUMBER,
    "phone": "13800000000",
    "email": "zhang@example.cn",
    "address": "北京市东城区某街1号",
    "postcode": "100010",
    "description": "2024年本局政府采购合同",
    "requested_form": "electronic",
    "delivery_method": "email",
}
NONSENSE = {"id_number": "123", "phone": "abc", "postcode": "12"}
MESSAGES = ["居民身份证号码应为18位", "请填写有效的电话号码", "邮政编码应为6位数字"]


@pytest.fixture(autouse=True)
def no_waiting(settings):
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 0


def _apply(client, agency, **changes):
    url = reverse("portal:apply_form", args=[agency.pk])
    page = client.get(url).content.decode()
    a, b = re.search(f"([{DIGITS}])加([{DIGITS}])等于几", page).groups()
    answer = DIGITS.index(a) + DIGITS.index(b)
    token = re.search(f'name="{TOKEN_FIELD}" value="([^"]+)"', page).group(1)
    data = {**APPLICANT, "challenge_answer": answer, TOKEN_FIELD: token, **changes}
    return client.post(url, data)


def _register(client, agency, **changes):
    data = {
        **APPLICANT,
        "agency": agency.pk,
        "channel": "in_person",
        "received_on": RECEIVED.isoformat(),
        "requested_form": "paper",
        "delivery_method": "post",
        **changes,
    }
    return client.post(reverse("workspace:application_new"), data)


@pytest.fixture
def known(agency, clerk) -> Applicant:
    return s.application_register(
        acting_user=clerk,
        agency=agency,
        received_on=RECEIVED,
        channel="in_person",
        applicant=s.ApplicantDetails(
            name="张三",
            applicant_type="natural_person",
            id_kind="resident_id",
            id_number=NUMBER,
            phone="13800000000",
            address="北京市东城区某街1号",
        ),
    ).applicant


# -- finding 9: nonsense is refused on both forms ------------------------------------


def test_the_public_form_refuses_nonsense_with_chinese_messages(client, agency):
    page = _apply(client, agency, **NONSENSE)
    assert page.status_code == 200
    text = page.content.decode()
    for message in MESSAGES:
        assert message in text
    assert not Application.objects.exists()


def test_the_staff_form_refuses_nonsense_with_chinese_messages(client, agency, clerk):
    client.force_login(clerk)
    page = _register(client, agency, **NONSENSE)
    assert page.status_code == 200
    text = page.content.decode()
    for message in MESSAGES:
        assert message in text
    assert not Application.objects.exists()


def test_a_good_application_passes_both_forms(client, agency, clerk):
    assert _apply(client, agency).status_code == 302
    client.force_login(clerk)
    assert _register(client, agency, id_number=NUMBER.lower()).status_code == 302
    assert Application.objects.count() == 2


# -- finding 1: the public form never changes a known applicant -----------------------


def test_applying_online_with_a_known_id_number_changes_nobody(client, agency, known):
    response = _apply(
        client, agency, name="冒名者", phone="13900000000", address="别处"
    )
    assert response.status_code == 302
    known.refresh_from_db()
    assert (known.name, known.phone, known.address) == (
        "张三",
        "13800000000",
        "北京市东城区某街1号",
    )
    online = Application.objects.get(channel="online")
    assert online.applicant is None and online.applicant_name == "冒名者"


# -- the workspace: masked until read, and the read recorded --------------------------


def test_the_id_number_is_masked_until_a_handler_asks_and_the_read_is_recorded(
    client, agency, clerk, known
):
    application = known.applications.get()
    client.force_login(clerk)
    page = client.get(reverse("workspace:application", args=[application.pk]))
    text = page.content.decode()
    assert NUMBER not in text and "1101**********1237" in text
    shown = client.post(
        reverse("workspace:application_applicant_id", args=[application.pk])
    )
    assert NUMBER in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    read = Event.objects.get(verb="applicant_id_number_read")
    assert read.actor == clerk and read.object_id == str(application.pk)


def test_a_supervisor_sees_the_contact_masked_and_cannot_read_the_id_number(
    client, agency, known
):
    application = known.applications.get()
    client.force_login(f.UserFactory(username="sup", role="supervisor", agency=agency))
    text = client.get(
        reverse("workspace:application", args=[application.pk])
    ).content.decode()
    assert "138****0000" in text and "13800000000" not in text
    assert NUMBER not in text
    refused = client.post(
        reverse("workspace:application_applicant_id", args=[application.pk])
    )
    assert refused.status_code == 403
    assert not Event.objects.filter(verb="applicant_id_number_read").exists()


def test_staff_link_an_online_application_from_its_page(client, agency, clerk, known):
    _apply(client, agency, phone="13900000000")
    online = Application.objects.get(channel="online")
    client.force_login(clerk)
    page = client.get(reverse("workspace:application", args=[online.pk]))
    assert "未关联已登记的申请人。" in page.content.decode()
    assert "已有使用此证件的申请人" in page.content.decode()
    response = client.post(
        reverse("workspace:application_applicant_link", args=[online.pk]), {}
    )
    assert response.status_code == 302
    online.refresh_from_db()
    known.refresh_from_db()
    assert online.applicant == known and known.phone == "13800000000"
    assert Event.objects.filter(verb="applicant_linked", actor=clerk).count() == 1


def test_staff_merge_two_records_of_one_person_from_the_page(
    client, agency, clerk, known
):
    other = s.application_register(
        acting_user=clerk,
        agency=agency,
        received_on=RECEIVED,
        channel="in_person",
        applicant=s.ApplicantDetails(
            name="张三",
            applicant_type="natural_person",
            id_kind="passport",
            id_number="E12345678",
        ),
    )
    client.force_login(clerk)
    client.post(
        reverse("workspace:application_applicant_link", args=[other.pk]),
        {"applicant-id_number": NUMBER, "applicant-merge": "on"},
    )
    other.refresh_from_db()
    assert other.applicant == known
    assert Applicant.objects.count() == 1
