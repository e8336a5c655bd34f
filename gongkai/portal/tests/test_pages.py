"""The public pages: what a visitor sees, and what it never sees."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.activities.services import enquiry_answer, enquiry_ask, enquiry_publish
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_published_items_and_never_a_draft(client, agency):
    factories.ItemFactory(agency=agency, title="关于春季防火的通告")
    factories.ItemFactory(agency=agency, title="尚未审核的草稿", draft=True)
    page = client.get(reverse("portal:home")).content.decode()
    assert "关于春季防火的通告" in page
    assert "尚未审核的草稿" not in page


def test_an_unpublished_item_is_not_found_by_the_public(client, agency):
    draft = factories.ItemFactory(agency=agency, draft=True)
    published = factories.ItemFactory(agency=agency, title="已公开的通知")
    assert client.get(reverse("portal:item", args=[draft.pk])).status_code == 404
    page = client.get(reverse("portal:item", args=[published.pk]))
    assert page.status_code == 200
    assert "已公开的通知" in page.content.decode()


def test_the_item_page_shows_the_metadata_block(client, agency):
    item = factories.ItemFactory(
        agency=agency,
        index_number="11520000-2021-00001",
        document_number="测民发〔2021〕3号",
        formed_on=date(2021, 3, 1),
        published_on=date(2021, 3, 4),
    )
    page = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    for shown in (
        "索引号",
        "11520000-2021-00001",
        "成文日期",
        "2021-03-01",
        "发布日期",
    ):
        assert shown in page
    assert "测民发〔2021〕3号" in page
    assert "文件类型" not in page and "有效性" not in page  # neither is set


def test_the_item_page_names_a_repealed_normative_document(client, agency):
    item = factories.ItemFactory(
        agency=agency,
        document_kind="normative",
        validity="repealed",
        repealed_on=date(2025, 1, 1),
        genre="通知",
        keywords="防汛",
    )
    page = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    for shown in (
        "<dt>文件类型</dt><dd>行政规范性文件</dd>",
        "<dt>有效性</dt><dd>废止（2025-01-01）</dd>",
        "<dt>体裁分类</dt><dd>通知</dd>",
        "<dt>关键词</dt><dd>防汛</dd>",
    ):
        assert shown in page


def test_the_agency_page_names_the_agency_and_its_units(client, government):
    page = client.get(reverse("portal:agency", args=[government.pk])).content.decode()
    assert "测试县人民政府" in page
    assert "测试县教育局" in page


@pytest.mark.parametrize(
    "name", ["portal:agencies", "portal:report_index", "portal:apply"]
)
def test_a_province_lists_its_top_two_levels_and_each_page_its_units(
    client, db, monkeypatch, name
):
    """Thousands of agencies are not put on one page: the two levels at the top
    are listed, the page says so, and each agency's own page lists its units."""
    from gongkai.portal import queries

    province = factories.AgencyFactory(government=True, name="某省人民政府")
    city = factories.AgencyFactory(
        government=True, name="某市人民政府", parent=province
    )
    county = factories.AgencyFactory(government=True, name="某县人民政府", parent=city)
    url = reverse(name)
    assert "某县人民政府" in client.get(url).content.decode()

    monkeypatch.setattr(queries, "WHOLE_TREE_AT_MOST", 2)
    page = client.get(url).content.decode()
    assert "某省人民政府" in page and "某市人民政府" in page
    assert "某县人民政府" not in page
    assert "机关较多：这里列出最上两级" in page
    city_page = client.get(reverse("portal:agency", args=[city.pk])).content.decode()
    assert reverse("portal:agency", args=[county.pk]) in city_page


def test_an_unknown_agency_is_not_found(client, db):
    assert client.get(reverse("portal:agency", args=[999999])).status_code == 404


def test_an_answer_is_public_only_once_published(client, agency, staff_user):
    enquiry = enquiry_ask(
        acting_user=None,
        agency=agency,
        mailbox="leader",
        asker_name="李四",
        asker_contact="lisi@example.com",
        subject="关于养老补贴的咨询",
        question="申请条件是什么？",
        publication_allowed=True,
    )
    enquiry_answer(
        acting_user=staff_user,
        enquiry=enquiry,
        answer="年满八十周岁。",
        answered_on=date.today(),
    )
    url = reverse("portal:enquiry", args=[enquiry.pk])
    assert client.get(url).status_code == 404
    enquiry_publish(acting_user=None, enquiry=enquiry, publish=True)
    page = client.get(url).content.decode()
    assert "年满八十周岁。" in page
    assert "李四" not in page and "lisi@example.com" not in page


@pytest.mark.parametrize(
    "name", ["home", "agencies", "catalog", "report_index", "enquiries"]
)
def test_every_public_list_opens_without_an_account(client, agency, name):
    assert client.get(reverse(f"portal:{name}")).status_code == 200


def test_static_files_are_served_by_gongkai_itself(client, db):
    response = client.get("/static/gongkai/site.css")
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    assert b"Noto Sans CJK SC" in b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "path", ["/static/../settings/base.py", "/static/gongkai/nothing.css"]
)
def test_a_static_path_outside_the_files_is_not_found(client, db, path):
    assert client.get(path).status_code == 404


def test_pages_load_nothing_from_another_site(client, agency):
    """No CDN, no outside fonts: every stylesheet, script and image is local."""
    factories.ItemFactory(agency=agency)
    page = client.get(reverse("portal:home")).content.decode()
    for attribute in ('src="http', "src='http", 'href="http', "@import", "//cdn"):
        assert attribute not in page


def test_the_catalogue_finds_published_items_by_their_words(client, agency):
    from gongkai.catalog.search.index import index_items

    wanted = factories.ItemFactory(
        agency=agency, title="城乡居民最低生活保障标准的通知"
    )
    other = factories.ItemFactory(agency=agency, title="春季森林防火工作安排")
    index_items([wanted, other])
    page = client.get(reverse("portal:catalog"), {"q": "最低生活保障"})
    hits = [hit.item.pk for hit in page.context["found"].hits]
    assert hits == [wanted.pk]
    assert "<mark>" in page.content.decode()


def test_the_catalogue_says_how_hits_are_ordered_and_when_counting_stopped(
    client, agency, settings
):
    from gongkai.catalog.search.index import index_items

    settings.GONGKAI_SEARCH_COUNT_LIMIT = 1
    index_items(
        [factories.ItemFactory(agency=agency, title=f"安全生产通知{n}") for n in "一二"]
    )
    text = client.get(reverse("portal:catalog"), {"q": "安全生产"}).content.decode()
    assert "（至少；计数到此为止）" in text
    assert "标题含全部检索词的在前" in text
    two = client.get(reverse("portal:catalog"), {"q": "通知一"}).content.decode()
    assert "（至少" not in two
    by_date = client.get(reverse("portal:catalog"), {"q": "安全生产", "sort": "newest"})
    assert "标题含全部检索词的在前" not in by_date.content.decode()


def test_a_page_past_the_last_leads_to_the_last(client, agency):
    """An old link, or a search that now finds fewer: not an empty "page 3 of 2"."""
    from gongkai.catalog.search.index import index_items

    index_items([factories.ItemFactory(agency=agency, title="安全生产通知")])
    response = client.get(reverse("portal:catalog"), {"q": "通知", "page": "3"})
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("portal:catalog") + "?q=%E9%80%9A%E7%9F%A5&page=1"
    )
