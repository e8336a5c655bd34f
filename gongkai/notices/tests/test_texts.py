"""The texts of notices: short SMS, every kind shipped, and an agency's own text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.core.workflow import NotPermitted, Refused
from gongkai.notices.models import Channel, NoticeKind, NoticeTemplate
from gongkai.notices.services import notice_template_save
from gongkai.notices.sms import signed
from gongkai.notices.texts import render, shipped_defaults, text_for
from gongkai.testing import factories as f

from .test_steps import registered

# A long case: a four-character name, a tracking number as gongkai makes them,
# the longest dates of a year, a five-digit fee, a long letter title.
LONG = {
    "name": "欧阳明远",
    "tracking_number": "YSQ20251231-ABCDEF",
    "agency": "某某市某某区人民政府办公室",
    "received_on": "2025年12月31日",
    "due_on": "2026年12月31日",
    "correct_by": "2025年12月31日",
    "pay_by": "2025年12月31日",
    "amount": "12345.00",
    "outcome": "予以公开",
    "letter_title": "政府信息公开申请答复书",
    "letter_number": "某某局依申请公开〔2025〕123号",
    "delivered_on": "2025年12月31日",
    "delivery_method": "邮寄",
    "closed_on": "2025年12月31日",
    "correction_items": "请写明文件名称",
    "track_url": "",
}


def test_every_kind_has_an_email_and_an_sms():
    shipped = shipped_defaults()
    for kind in NoticeKind.values:
        assert shipped[(kind, Channel.EMAIL)].subject
        assert shipped[(kind, Channel.EMAIL)].body
        assert shipped[(kind, Channel.SMS)].body


@pytest.mark.parametrize("kind", NoticeKind.values)
def test_an_sms_fits_in_one_message_with_its_sign(settings, kind):
    """One SMS is 70 characters, the sign (【…】, 8 characters here) included."""
    settings.GONGKAI_SMS_SIGN_NAME = "某县政府信息公开"
    text = render(shipped_defaults()[(kind, Channel.SMS)], LONG).body
    assert "{{" not in text and "  " not in text
    assert len(signed(text)) <= 70, (len(signed(text)), text)


def test_an_sms_names_the_applicant_and_no_other_personal_data():
    for kind in NoticeKind.values:
        body = shipped_defaults()[(kind, Channel.SMS)].body
        names = set(__import__("re").findall(r"{{\s*(\w+)", body))
        assert "name" in names and "tracking_number" in names
        assert not names & {"id_number", "phone", "email", "address"}


def test_the_tracking_link_is_given_when_the_site_is_known(settings, agency, head):
    settings.GONGKAI_PUBLIC_URL = "https://gk.example.cn/"
    application = registered(agency, head)
    email = application.notices.get(channel="email")
    assert "https://gk.example.cn/track/" in email.text


def test_an_agency_writes_its_own_text(agency, head):
    """The agency's own text wins over the default; another agency keeps it."""
    notice_template_save(
        acting_user=head,
        kind="received",
        channel="sms",
        subject="",
        body="{{ name }}，本局已收到您的申请{{ tracking_number }}。",
        agency=agency,
    )
    application = registered(agency, head)
    sms = application.notices.get(channel="sms")
    assert sms.text == f"张三，本局已收到您的申请{application.tracking_number}。"
    other = f.AgencyFactory(name="另一个局")
    assert "本局已收到" not in text_for("received", "sms", other).body


def test_a_text_that_does_not_compile_is_refused(agency, head):
    with pytest.raises(Refused):
        notice_template_save(
            acting_user=head,
            kind="received",
            channel="sms",
            subject="",
            body="{% if name %}没有结束",
            agency=agency,
        )


def test_the_shared_default_is_the_administrators(agency, head):
    with pytest.raises(NotPermitted):
        notice_template_save(
            acting_user=head, kind="received", channel="sms", subject="", body="x"
        )


def test_the_admin_edits_a_text_through_the_service(client, agency):
    admin = f.UserFactory(
        username="root", role="administrator", is_staff=True, is_superuser=True
    )
    client.force_login(admin)
    url = reverse("admin:notices_noticetemplate_add")
    response = client.post(
        url,
        {
            "kind": "fee",
            "channel": "email",
            "agency": "",
            "subject": "收费通知 {{ tracking_number }}",
            "body": "{{ name }}：请缴费 {{ amount }} 元。",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = NoticeTemplate.objects.get()
    assert saved.updated_by == admin
    assert text_for("fee", "email", agency).subject == "收费通知 {{ tracking_number }}"
