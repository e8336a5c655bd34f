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


def test_a_process_trusts_the_version_it_read_for_a_second(
    client, agency, settings, monkeypatch
):
    """With GONGKAI_PORTAL_VERSION_SECONDS a cached page costs no query; a change
    shows once the process reads the version again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.portal import caching

    clock = [1000.0]
    monkeypatch.setattr(caching.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(caching, "_read", (float("-inf"), ""))
    settings.GONGKAI_PORTAL_VERSION_SECONDS = 1
    client.get(reverse("portal:home"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("portal:home"))
    assert len(queries) == 0  # the page and the version both from memory
    item = factories.ItemFactory(agency=agency, title="一秒之后可见的信息")
    event_record(actor=None, verb="item_published", target=item)
    assert (
        "一秒之后可见的信息" not in client.get(reverse("portal:home")).content.decode()
    )
    clock[0] += 1.5
    assert "一秒之后可见的信息" in client.get(reverse("portal:home")).content.decode()


def test_the_catalogue_filters_are_counted_once_until_the_ledger_changes(
    client, agency
):
    """Every search is a page of its own, but all offer the same categories: the
    second search does not count the catalogue again; a change renews them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.ItemFactory(agency=agency, title="救助通知", category="政策文件")
    first = client.get(reverse("portal:catalog") + "?q=救助").content.decode()
    assert "<option>政策文件</option>" in first
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("portal:catalog") + "?q=通知")
    assert not any("GROUP BY" in q["sql"] for q in queries.captured_queries)

    item = factories.ItemFactory(agency=agency, title="统计公报", category="统计信息")
    event_record(actor=None, verb="item_published", target=item)
    renewed = client.get(reverse("portal:catalog") + "?q=公报").content.decode()
    assert "<option>统计信息</option>" in renewed


def test_each_search_marks_its_own_choice_among_the_kept_filters(client, agency):
    """The filters' lists are kept until the ledger changes, and their options
    rendered once a list: each page still marks the category it was asked for."""
    factories.ItemFactory(agency=agency, title="救助通知", category="政策文件")
    factories.ItemFactory(agency=agency, title="统计公报", category="统计信息")
    catalogue = reverse("portal:catalog")

    def chosen(query: str) -> list[str]:
        page = client.get(catalogue + query).content.decode()
        return [label.split("<", 1)[0] for label in page.split("<option selected>")[1:]]

    assert chosen("?category=政策文件") == ["政策文件"]
    assert chosen("?category=统计信息") == ["统计信息"]
    assert chosen("?q=通知") == []
    assert chosen("?category=政策文件&sort=newest") == ["政策文件"]
