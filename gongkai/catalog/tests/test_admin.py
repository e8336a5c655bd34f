"""The admin records drafts through the services and leaves published items as
they were published."""

import pytest
from django.urls import reverse

from gongkai.catalog.models import Item, ItemStatus
from gongkai.core.models import Event
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


def test_an_item_added_in_the_admin_gets_its_index_number(admin_client, agency):
    response = admin_client.post(
        reverse("admin:catalog_item_add"),
        {
            "agency": agency.pk,
            "title": "关于开展消防安全检查的通知",
            "formed_on": "2025-03-03",
            "disclosure": "proactive",
            "origin": "ordinary",
            **{f"{prefix}-TOTAL_FORMS": 0 for prefix in _inline_prefixes()},
            **{f"{prefix}-INITIAL_FORMS": 0 for prefix in _inline_prefixes()},
        },
    )
    assert response.status_code == 302, response.context["errors"]
    item = Item.objects.get()
    assert item.index_number == f"{agency.credit_code}/2025-00001"
    assert Event.objects.get(verb="item_recorded").actor.username == "admin"


def _inline_prefixes() -> list[str]:
    return ["channels", "attachments", "reviews", "corrections"]


def test_a_published_item_is_read_only_and_cannot_be_deleted(admin_client, agency):
    item = factories.ItemFactory(agency=agency)
    page = admin_client.get(reverse("admin:catalog_item_change", args=[item.pk]))
    assert 'name="title"' not in page.content.decode()
    delete = admin_client.get(reverse("admin:catalog_item_delete", args=[item.pk]))
    assert delete.status_code == 403
    assert Item.objects.get().status == ItemStatus.PUBLISHED
