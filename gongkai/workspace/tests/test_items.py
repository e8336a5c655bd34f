"""The item page offers the steps the user's role and scope cover, and shows the
catalogue services' refusals (a closed year among them) instead of deciding
itself."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from gongkai.agencies.periods import year_close
from gongkai.catalog import services
from gongkai.catalog.models import Item, ItemStatus

from .conftest import Region

pytestmark = pytest.mark.django_db


def _item_at(region: Region, status: str) -> Item:
    """An item of agency A taken to ``status`` by A's people."""
    users = region.users
    item = services.item_record(
        acting_user=users["staff"],
        agency=region.a,
        title="2025年部门预算",
        formed_on=date(2025, 3, 3),
    )
    walk = [
        (ItemStatus.DRAFT, services.item_submit, "staff"),
        (ItemStatus.SECRECY_REVIEW, services.item_clear_secrecy, "reviewer"),
        (ItemStatus.FIRST_REVIEW, services.item_pass_first_review, "reviewer"),
        (ItemStatus.REVIEW, services.item_pass_review, "office_head"),
    ]
    for before, step, who in walk:
        if item.status == status:
            break
        assert item.status == before
        step(acting_user=users[who], item=item)
    return item


@pytest.mark.parametrize(
    ("role", "steps"),
    [
        ("staff", []),
        ("reviewer", ["clear_secrecy", "return_secrecy_review"]),
        ("office_head", ["clear_secrecy", "return_secrecy_review"]),
        ("administrator", []),
    ],
)
def test_the_page_offers_the_steps_the_users_role_may_take(
    region, client_as, role, steps
):
    item = _item_at(region, ItemStatus.SECRECY_REVIEW)
    response = client_as(region.users[role]).get(
        reverse("workspace:item", args=[item.pk])
    )
    assert response.status_code == 200
    assert [str(step.name) for step, _ in response.context["steps"]] == steps


def _publish(client, item: Item, **extra: str):
    data = {
        "publish-channels": ["website"],
        "publish-published_on": "2025-03-10",
        **{f"publish-{k}": v for k, v in extra.items()},
    }
    return client.post(reverse("workspace:item_step", args=[item.pk, "publish"]), data)


def test_publishing_into_a_closed_year_shows_why_and_an_adjustment_publishes(
    region, client_as, settings
):
    settings.GONGKAI_CATALOG_DISTINCT_REVIEWERS = False
    item = _item_at(region, ItemStatus.SIGN_OFF)
    year_close(agency=region.a, year=2025, acting_user=None)
    client = client_as(region.users["office_head"])

    response = _publish(client, item)
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("2025年年度报告已经发布" in message for message in shown)
    assert Item.objects.get(pk=item.pk).status == ItemStatus.SIGN_OFF

    _publish(client, item, adjustment="漏报的2025年预算公开")
    assert Item.objects.get(pk=item.pk).status == ItemStatus.PUBLISHED


def test_a_step_the_role_may_not_take_is_refused_with_the_services_reason(
    region, client_as
):
    item = _item_at(region, ItemStatus.SECRECY_REVIEW)
    client = client_as(region.users["staff"])
    response = client.post(
        reverse("workspace:item_step", args=[item.pk, "clear_secrecy"]), {}
    )
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["您的账号不能“保密审查”。"]
    assert Item.objects.get(pk=item.pk).status == ItemStatus.SECRECY_REVIEW
