"""What a public page renders once per process (``portal/templatetags/layout.py``)
must still be right on every page, and nothing a change to the ledger touches is
kept that way."""

import re
from datetime import date

import pytest
from django.urls import reverse, set_script_prefix

from gongkai.catalog.models import Item, ItemStatus
from gongkai.catalog.search.index import index_items
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


def _current(page: str) -> str:
    """Where the menu entry marked as the page being read leads."""
    marked = [line for line in page.splitlines() if 'aria-current="page"' in line]
    assert len(marked) == 1, marked
    return marked[0].split('href="', 1)[1].split('"', 1)[0]


def test_the_menu_marks_the_page_being_read_whichever_page_came_first(client, db):
    home = client.get(reverse("portal:home")).content.decode()
    catalogue = client.get(reverse("portal:catalog")).content.decode()
    reports = client.get(reverse("portal:report_index")).content.decode()
    home_again = client.get(reverse("portal:home")).content.decode()

    assert _current(home) == _current(home_again) == reverse("portal:home")
    assert _current(catalogue) == reverse("portal:catalog")
    assert _current(reports) == reverse("portal:report_index")


def test_a_list_links_each_item_to_its_own_page(client, agency):
    first = factories.ItemFactory(
        agency=agency, title="第一份通知", published_on=date(2024, 3, 1)
    )
    second = factories.ItemFactory(
        agency=agency, title="第二份通知", published_on=date(2024, 3, 2)
    )
    page = client.get(reverse("portal:home")).content.decode()
    for item in (first, second):
        link = f'<a href="{reverse("portal:item", args=[item.pk])}">{item.title}</a>'
        assert link in page
    assert '<time datetime="2024-03-02">2024-03-02</time>' in page


def test_the_home_page_shows_an_item_published_after_it_was_first_rendered(
    client, agency
):
    client.get(reverse("portal:home"))
    factories.ItemFactory(agency=agency, title="刚刚公开的通知")
    assert "刚刚公开的通知" in client.get(reverse("portal:home")).content.decode()


def test_a_search_never_shows_an_item_no_longer_published(client, agency):
    """The index may lag behind the catalogue; the hits are checked again."""
    shown = factories.ItemFactory(agency=agency, title="安全生产检查的通知")
    hidden = factories.ItemFactory(agency=agency, title="安全生产整治的通知")
    index_items(Item.objects.all())
    Item.objects.filter(pk=hidden.pk).update(status=ItemStatus.DRAFT)

    page = client.get(reverse("portal:catalog") + "?q=安全生产").content.decode()

    assert reverse("portal:item", args=[shown.pk]) in page
    assert reverse("portal:item", args=[hidden.pk]) not in page


def test_the_frame_links_under_the_address_the_site_is_served_at(client, db):
    """One process may serve the site at the root and under a prefix (behind
    nginx at /gongkai/, as WSGI's SCRIPT_NAME): each page's frame links under
    its own."""
    plain = client.get("/catalog/").content.decode()
    set_script_prefix("/gongkai/")  # what gunicorn's handler does per request
    try:
        prefixed = client.get("/catalog/").content.decode()
    finally:
        set_script_prefix("/")
    plain_again = client.get("/catalog/").content.decode()

    assert _current(prefixed) == "/gongkai/catalog/"
    assert 'class="site-brand" href="/gongkai/"' in prefixed
    assert _current(plain) == _current(plain_again) == "/catalog/"
    assert 'class="site-brand" href="/"' in plain_again


def test_a_filters_options_kept_for_any_value_asked_stay_few():
    """The value a filter marks comes from the address, any text at all: its
    renderings are kept, but never more than ``MAX_VARIANTS``, and each still
    marks its own."""
    from django.template import Context

    from gongkai.portal.templatetags import layout

    categories = ["政策文件", "统计信息"]
    for n in range(3 * layout.MAX_VARIANTS):
        assert "selected" not in layout.options(Context(), categories, f"<x>{n}")
    assert len(layout._rendered_options) <= layout.MAX_VARIANTS
    assert layout.options(Context(), categories, "统计信息") == (
        "<option>政策文件</option><option selected>统计信息</option>"
    )


def test_the_orders_options_are_in_the_language_of_each_page(client, settings):
    """The order's labels are translated: the filters' kept renderings are kept
    per language, as the frame's fragments are."""
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 60
    catalogue = reverse("portal:catalog")
    chinese = client.get(catalogue + "?q=通知").content.decode()
    english = client.get(
        catalogue + "?q=公告", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert '<option value="newest">最新发布</option>' in chinese
    assert '<option value="newest">Newest first</option>' in english


def test_the_header_kept_for_visitors_is_never_a_signed_in_ones_and_follows_the_name(
    client, staff_user, settings
):
    """A visitor without an account gets the header rendered once per page name;
    a signed-in user, their own; a site renamed, the new name."""
    visitor = client.get(reverse("portal:catalog")).content.decode()
    client.force_login(staff_user)
    signed_in = client.get(reverse("portal:catalog")).content.decode()
    client.logout()
    settings.GONGKAI_SITE_NAME = "某县政府信息公开"
    renamed = client.get(reverse("portal:catalog")).content.decode()

    login = reverse("accounts:login")
    assert f'href="{login}"' in visitor and 'action="/accounts/logout/"' not in visitor
    assert f'href="{login}"' not in signed_in
    assert reverse("accounts:logout") in signed_in
    assert f">{staff_user.get_full_name()}</a>" in signed_in
    assert "<span>某县政府信息公开</span>" in renamed
    assert _current(renamed) == reverse("portal:catalog")


def test_a_searchs_status_line_counts_the_hits_and_names_the_words(client, agency):
    from gongkai.catalog.search.index import index_items

    index_items(
        [factories.ItemFactory(agency=agency, title=f"安全生产通知{n}") for n in "一二"]
    )
    none = client.get(reverse("portal:catalog"), {"q": "防汛"})
    english = client.get(
        reverse("portal:catalog"), {"q": "安全生产"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    one = client.get(reverse("portal:catalog"), {"q": "通知一"})

    status = '<p class="muted small" role="status">0条 · 检索词：防汛</p>'
    assert status in none.content.decode()
    assert "2 items · words searched：安全生产</p>" in english.content.decode()
    assert "1条 · 检索词：通知 一</p>" in one.content.decode()


def test_a_block_inside_an_unchanging_fragment_is_refused():
    """A page extending the template could fill the block its own way, and the
    first page's filling would be kept for every page."""
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template(
            "{% load layout %}{% unchanging %}{% block x %}{% endblock %}"
            "{% endunchanging %}"
        )


def test_a_message_for_the_visitor_is_shown_in_the_frame(client, rf):
    """The frame shows what a form left to say (the page cache is skipped for
    a visitor with a message waiting)."""
    from django.contrib.messages.storage.cookie import CookieStorage

    request = rf.get("/")
    storage = CookieStorage(request)
    storage.add(25, "已停止短信通知。")
    response = client.get("/")  # to have a response to store the cookie on
    storage.update(response)
    client.cookies[CookieStorage.cookie_name] = response.cookies[
        CookieStorage.cookie_name
    ].value
    page = client.get(reverse("portal:catalog")).content.decode()

    assert '<li class="message message--success">已停止短信通知。</li>' in page


def _title(page: str) -> str:
    return page.split("<title>", 1)[1].split("</title>", 1)[0]


def test_each_page_fills_the_kept_frame_with_its_own_blocks(client, db):
    """The frame is kept per page name; the title, breadcrumbs and content are
    each page's own, also where a template between the page and the frame
    fills them (an agency's column names its agency in all three)."""
    water = factories.AgencyFactory(name="青溪县水务局")
    roads = factories.AgencyFactory(name="青溪县交通运输局")
    notice = factories.ItemFactory(agency=water, title="关于汛期供水的通知")
    plan = factories.ItemFactory(agency=roads, title="农村公路养护计划")

    pages = {
        key: client.get(path).content.decode()
        for key, path in [
            ("water", reverse("portal:column", args=[water.pk])),
            ("roads", reverse("portal:column", args=[roads.pk])),
            ("notice", reverse("portal:item", args=[notice.pk])),
            ("plan", reverse("portal:item", args=[plan.pk])),
            ("water again", reverse("portal:column", args=[water.pk])),
        ]
    }

    assert pages["water"] == pages["water again"]
    for key, own, other in [("water", water, roads), ("roads", roads, water)]:
        assert own.name in _title(pages[key]) and other.name not in _title(pages[key])
        crumbs = pages[key].split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
        assert own.name in crumbs and other.name not in crumbs
    assert notice.title in _title(pages["notice"])
    assert plan.title in _title(pages["plan"]) and notice.title not in pages["plan"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_page_in_the_kept_frame_is_the_page_extends_renders(
    client, staff_user, signed_in, monkeypatch
):
    """Whether the frame was kept or not, the visitor gets the same page: the
    first rendering of a page name and the ones after it, for a visitor and for
    a signed-in user (whose frame is never kept)."""
    from django.template import engines
    from django.template.loader_tags import ExtendsNode

    from gongkai.portal.templatetags.frame import KeptFrameNode

    for loader in engines["django"].engine.template_loaders:
        loader.reset()  # templates read afresh: no frame kept by an earlier test
    agency = factories.AgencyFactory(name="青溪县水务局")
    item = factories.ItemFactory(agency=agency, title="关于汛期供水的通知")
    index_items([item])
    if signed_in:
        client.force_login(staff_user)
    paths = [
        reverse("portal:home"),
        reverse("portal:catalog") + "?q=供水",
        reverse("portal:item", args=[item.pk]),
        reverse("portal:agencies"),
        reverse("portal:column", args=[agency.pk]),
        reverse("portal:guide", args=[agency.pk]),
        reverse("portal:report_index"),
        reverse("portal:enquiries"),
    ]

    def pages() -> list[str]:
        # A form's CSRF token is masked afresh on every page.
        return [
            re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", page)
            for page in (client.get(path).content.decode() for path in paths)
        ]

    first, kept = pages(), pages()
    monkeypatch.setattr(KeptFrameNode, "render", ExtendsNode.render)
    whole = pages()

    assert first == kept == whole
    assert "关于汛期供水的通知" in first[2] and "\x00" not in "".join(first)


def test_a_pages_block_reaches_the_frames_own_through_block_super(rf, db):
    """``{{ block.super }}`` in a page's block is the frame's block of that name,
    the frame kept or not."""
    from django.contrib.auth.models import AnonymousUser
    from django.template import engines

    page = engines["django"].from_string(
        '{% extends "portal/base.html" %}'
        "{% block breadcrumbs %}<p>前</p>{{ block.super }}{% endblock %}"
    )
    request = rf.get("/")
    request.user = AnonymousUser()
    first, kept = (page.render({}, request) for _ in range(2))

    assert first == kept
    assert '<p>前</p>\n<nav class="breadcrumbs"' in kept
