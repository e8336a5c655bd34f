"""The catalogue's search as a visitor uses it: an item found by the 索引号 or the 文号
shown on every result, words found by relevance even when typed on a page that was
listing the newest first, a choice of agency, and a summary under each hit."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.catalog.search.index import index_items
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(agency):
    other = factories.AgencyFactory(name="青溪县教育局")
    items = {
        "old": factories.ItemFactory(
            agency=agency,
            title="青溪县防汛抗旱应急预案",
            summary="明确汛期各部门的职责和应急响应的分级。",
            document_number="青府办发〔2023〕7号",
            index_number="1152232904945541XM/2023-00007",
            published_on=date(2023, 5, 4),
        ),
        "new": factories.ItemFactory(
            agency=agency,
            title="全县安全生产工作会议召开",
            body="会议要求做好防汛抗旱准备。",
            published_on=date(2025, 6, 1),
        ),
        "school": factories.ItemFactory(
            agency=other,
            title="青溪县中小学防汛抗旱安全教育通知",
            published_on=date(2024, 4, 1),
        ),
    }
    index_items(Item.objects.all())
    return {**items, "other": other}


def _links(page: str) -> list[str]:
    """The items a results page links to, in order."""
    return re.findall(r'href="(/catalog/\d+/)"', page)


def _get(client, **params) -> str:
    return client.get(reverse("portal:catalog"), params).content.decode()


def _url(item) -> str:
    return reverse("portal:item", args=[item.pk])


INDEX_NUMBER = "1152232904945541XM/2023-00007"


@pytest.mark.parametrize(
    "typed", [INDEX_NUMBER, "青府办发〔2023〕7号", "青府办发[2023]7号"]
)
def test_the_index_or_document_number_shown_on_a_result_finds_its_item_first(
    client, catalogue, typed
):
    page = _get(client, q=typed)
    assert _links(page)[0] == _url(catalogue["old"])
    assert "没有找到" not in page


def test_words_typed_on_the_catalogue_page_are_found_by_relevance(client, catalogue):
    """The catalogue lists the newest first; words searched from it bring the item
    with the words in its title ahead of a newer one with them in its text."""
    browsing = _get(client)
    assert 'value="relevance" selected' in browsing  # what the form sends
    page = _get(client, q="防汛抗旱", sort="relevance")
    links = _links(page)
    assert links.index(_url(catalogue["old"])) < links.index(_url(catalogue["new"]))
    assert _links(_get(client, q="防汛抗旱"))[:2] == links[:2]


def test_the_newest_first_when_asked(client, catalogue):
    links = _links(_get(client, q="防汛抗旱", sort="newest"))
    assert links[0] == _url(catalogue["new"])


def test_a_visitor_chooses_the_agency(client, catalogue, agency):
    page = _get(client)
    assert f'<option value="{catalogue["other"].pk}">' in page
    chosen = _get(client, q="防汛抗旱", agency=catalogue["other"].pk)
    assert _links(chosen) == [_url(catalogue["school"])]
    assert f'<option value="{catalogue["other"].pk}" selected>' in chosen


def _offered(page: str) -> list[str]:
    """The agencies the filter offers, as shown (indented by ideographic spaces)."""
    select = re.search(r'<select name="agency">(.*?)</select>', page).group(1)
    return re.findall(r'<option value="\d+"(?: selected)?>([^<]*)</option>', select)


def test_a_large_tree_is_offered_a_level_at_a_time(client, monkeypatch):
    """A province's thousands of agencies are not all listed on every search page:
    the governments at the top, then the units of each one chosen, down to it."""
    from gongkai.portal import queries

    province = factories.AgencyFactory(government=True, name="某省人民政府")
    city = factories.AgencyFactory(
        government=True, name="某市人民政府", parent=province
    )
    county = factories.AgencyFactory(government=True, name="某县人民政府", parent=city)
    factories.AgencyFactory(name="某县教育局", parent=county)
    factories.AgencyFactory(name="某市财政局", parent=city)
    factories.AgencyFactory(name="某省财政厅", parent=province)
    other = factories.AgencyFactory(government=True, name="另一省人民政府")
    factories.AgencyFactory(name="另一省财政厅", parent=other)
    whole = [
        "另一省人民政府",
        "\u3000另一省财政厅",
        "某省人民政府",
        "\u3000某市人民政府",
        "\u3000\u3000某县人民政府",
        "\u3000\u3000\u3000某县教育局",
        "\u3000\u3000某市财政局",
        "\u3000某省财政厅",
    ]
    assert sorted(_offered(_get(client))) == sorted(whole)

    monkeypatch.setattr(queries, "WHOLE_TREE_AT_MOST", 5)
    assert sorted(_offered(_get(client))) == ["另一省人民政府", "某省人民政府"]
    opened = [name for name in whole if "县教育局" not in name and "财政厅" not in name]
    assert sorted(_offered(_get(client, agency=city.pk))) == sorted(
        [*opened, "\u3000某省财政厅"]
    )
    chosen = _get(client, agency=county.pk)
    assert "\u3000\u3000\u3000某县教育局" in _offered(chosen)
    assert f'<option value="{county.pk}" selected>' in chosen


def test_each_hit_shows_its_summary(client, catalogue):
    page = _get(client, q="应急预案")
    assert "明确汛期各部门的职责" in page
    assert "青府办发〔2023〕7号" in page and "1152232904945541XM/2023-00007" in page


def test_an_identifier_costs_one_query_more_than_words_whatever_the_catalogue(
    client, catalogue
):
    """Looking up a 索引号 is one query by its unique index."""

    def queries(text: str) -> int:
        with CaptureQueriesContext(connection) as done:
            _get(client, q=text)
        return len(done)

    _get(client, q="防汛抗旱")
    words, number = queries("防汛抗旱"), queries(INDEX_NUMBER)
    for n in range(30):
        factories.ItemFactory(agency=catalogue["other"], title=f"第{n}号防汛通知")
    index_items(Item.objects.all())

    assert number == queries(INDEX_NUMBER) <= words + 1


def test_the_word_list_is_loaded_as_the_web_process_starts(monkeypatch):
    """Before any request: no visitor's search waits for jieba's dictionary."""
    from django.core.handlers.wsgi import WSGIHandler

    from gongkai.catalog.search import segment

    monkeypatch.setattr(segment, "_jieba", None)
    WSGIHandler()  # what gunicorn's workers and runserver build as they start

    assert segment._jieba is not None
