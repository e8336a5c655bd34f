"""Public pages served from the cache until anything changes, and never to
someone with a session."""

import pytest
from django.urls import reverse

from gongkai.core.events import event_record
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 60


def test_a_page_is_renewed_by_the_next_change_to_the_ledger(client, agency):
    factories.ItemFactory(agency=agency, title="第一条公开信息")
    assert "第一条公开信息" in client.get(reverse("portal:home")).content.decode()
    second = factories.ItemFactory(agency=agency, title="第二条公开信息")
    assert "第二条公开信息" not in client.get(reverse("portal:home")).content.decode()
    event_record(actor=None, verb="item_published", target=second)  # as services do
    assert "第二条公开信息" in client.get(reverse("portal:home")).content.decode()


def test_someone_signed_in_never_gets_a_cached_page(client, agency, staff_user):
    client.get(reverse("portal:home"))  # cached for the public
    factories.ItemFactory(agency=agency, title="刚刚公开的信息")
    client.force_login(staff_user)
    assert "刚刚公开的信息" in client.get(reverse("portal:home")).content.decode()


def test_with_the_cache_off_every_page_is_fresh(client, agency, settings):
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 0
    client.get(reverse("portal:home"))
    factories.ItemFactory(agency=agency, title="不经缓存的信息")
    assert "不经缓存的信息" in client.get(reverse("portal:home")).content.decode()
