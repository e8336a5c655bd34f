"""The demo office publishes a new item through every step, each person signing in
with the demo logins that ``gongkai demo`` prints: demo drafts, attaches a file and
submits; demo-reviewer clears the secrecy review and signs 初审; demo-reviewer2
signs 审核; demo-head signs 审发, which publishes. Every reviewer opens the
attachment from the item's page and sees what the privacy scan found there."""

from __future__ import annotations

import io

import docx
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.models import Item, ItemStatus
from gongkai.demo.loader import DEMO_STAFF, _demo_colleagues, _demo_staff
from gongkai.demo.region import QIANXINAN_GOVERNMENT, XINGYI_EMERGENCY, region_ensure

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


@pytest.fixture
def office():
    """The demo region and its logins, as the demo loads them."""
    agencies = region_ensure()
    _demo_staff(agencies[XINGYI_EMERGENCY])
    _demo_colleagues(agencies[XINGYI_EMERGENCY], agencies[QIANXINAN_GOVERNMENT])
    return agencies[XINGYI_EMERGENCY]


def _signed_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=DEMO_STAFF[1]), username
    return client


def _docx_with(text: str) -> SimpleUploadedFile:
    document = docx.Document()
    document.add_paragraph(text)
    body = io.BytesIO()
    document.save(body)
    return SimpleUploadedFile(
        "联系人名单.docx",
        body.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument"
        ".wordprocessingml.document",
    )


def _step(client: Client, item: Item, step: str, **fields: str) -> list[str]:
    data = {f"{step}-{name}": value for name, value in fields.items()}
    response = client.post(reverse("workspace:item_step", args=[item.pk, step]), data)
    assert response.status_code == 302
    return [str(m) for m in get_messages(response.wsgi_request)]


def _page(client: Client, item: Item) -> str:
    response = client.get(reverse("workspace:item", args=[item.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _opens_the_attachment(client: Client, item: Item) -> None:
    attachment = item.attachments.get()
    page = _page(client, item)
    url = reverse("workspace:item_attachment", args=[item.pk, attachment.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_the_demo_office_publishes_a_new_item_through_every_step(office):
    staff = _signed_in("demo")
    response = staff.post(
        reverse("workspace:item_new"),
        {
            "agency": office.pk,
            "title": "关于开展安全生产大检查的通知",
            "formed_on": timezone.localdate().isoformat(),
            "disclosure": "proactive",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Item.objects.get(title="关于开展安全生产大检查的通知")
    staff.post(
        reverse("workspace:item_attach", args=[item.pk]),
        {"file": _docx_with(f"联系人：王某，电话 {PHONE}")},
    )
    page = _page(staff, item)
    # At upload: the finding is shown, masked, before anyone reviews.
    assert "隐私检查" in page and "手机号码" in page and PHONE not in page
    _step(staff, item, "submit")

    reviewer = _signed_in("demo-reviewer")
    _opens_the_attachment(reviewer, item)
    assert "手机号码" in _page(reviewer, item)
    _step(reviewer, item, "clear_secrecy", opinion="不涉密。")
    _step(reviewer, item, "pass_first_review", opinion="同意。")
    item.refresh_from_db()
    assert item.status == ItemStatus.REVIEW
    # 初审 and 审核 are two people's: the same reviewer is refused.
    refused = _step(reviewer, item, "pass_review", opinion="同意。")
    assert any("不同的人员" in message for message in refused)

    second = _signed_in("demo-reviewer2")
    _opens_the_attachment(second, item)
    assert "手机号码" in _page(second, item)
    _step(second, item, "pass_review", opinion="同意发布。")
    item.refresh_from_db()
    assert item.status == ItemStatus.SIGN_OFF

    head = _signed_in("demo-head")
    _opens_the_attachment(head, item)
    assert "手机号码" in _page(head, item)
    today = timezone.localdate().isoformat()
    # The privacy finding blocks publication until a reason is given.
    refused = _step(
        head, item, "publish", channels="website", published_on=today, opinion="同意"
    )
    assert any("隐私检查" in message for message in refused)
    _step(
        head,
        item,
        "publish",
        channels="website",
        published_on=today,
        opinion="同意发布。",
        privacy_override_reason="电话为单位值班电话，可以公开。",
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    page = _page(head, item)
    for label in ("提交审查", "保密审查通过", "初审通过", "审核通过", "发布信息"):
        assert label in page, label
    assert Client().get(reverse("portal:item", args=[item.pk])).status_code == 200
