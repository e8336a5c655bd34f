"""A search for an item's 索引号 or 文号 finds that item first, whatever the other
words of the catalogue match."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.catalog.models import Item, ItemStatus
from gongkai.catalog.search import SearchFilters, SearchQuery, Sort, search
from gongkai.catalog.search.exact import identifier, plausible
from gongkai.catalog.search.index import index_items
from gongkai.testing import factories

pytestmark = pytest.mark.django_db

NUMBER = "黔府办发〔2024〕3号"


@pytest.fixture
def catalogue(agency):
    """The item named 黔府办发〔2024〕3号, and 25 newer ones of the same office and
    year whose 文号 share every word of it (黔府办发, 2024, 3, 号)."""
    wanted = factories.ItemFactory(
        agency=agency,
        title="关于印发全县防汛抗旱应急预案的通知",
        document_number=NUMBER,
        index_number="11522301MB1234567X/2024-00003",
        published_on=date(2024, 1, 5),
    )
    for n in range(25):
        factories.ItemFactory(
            agency=agency,
            title=f"关于做好第{n}批3号文件落实工作的通知",
            document_number=f"黔府办发〔2024〕{30 + n}号",
            published_on=date(2024, 6, 1 + n),
        )
    index_items(Item.objects.all())
    return wanted


def first(text: str, **filters) -> tuple[int | None, int]:
    """The id of the item shown first, and the number of hits."""
    page = search(SearchQuery(text=text, filters=SearchFilters(**filters)))
    shown = [hit.item.pk for hit in page.exact + page.hits]
    return (shown[0] if shown else None), page.total


@pytest.mark.parametrize(
    "typed",
    [
        NUMBER,
        "黔府办发[2024]3号",
        "黔府办发【2024】3号",
        " 黔府办发 〔2024〕 3号 ",
    ],
)
def test_a_document_number_finds_its_item_first(catalogue, typed):
    found, _ = first(typed)
    assert found == catalogue.pk


def test_an_index_number_finds_its_item_though_it_is_not_in_the_text(catalogue):
    found, total = first("11522301MB1234567X/2024-00003")
    assert found == catalogue.pk
    assert total == 1


def test_an_index_number_is_found_in_lower_case(catalogue):
    found, _ = first("11522301mb1234567x/2024-00003")
    assert found == catalogue.pk


def test_the_item_named_is_not_listed_twice(catalogue):
    page = search(SearchQuery(text=NUMBER))
    assert [hit.item.pk for hit in page.exact] == [catalogue.pk]
    assert catalogue.pk not in [hit.item.pk for hit in page.hits]
    assert page.total == 26  # every 文号 of the office that year has its words


def test_only_the_first_page_leads_with_it(catalogue):
    page = search(SearchQuery(text=NUMBER, page=2, per_page=10))
    assert page.exact == []


def test_the_filters_still_hold(catalogue):
    """Searching another agency's catalogue for this 文号 or 索引号 finds nothing."""
    other = factories.AgencyFactory(name="另一个机关")
    for text in (NUMBER, "11522301MB1234567X/2024-00003"):
        assert first(text, agency_ids=(other.pk,)) == (None, 0)


def test_an_unpublished_item_is_never_named(catalogue):
    Item.objects.filter(pk=catalogue.pk).update(status=ItemStatus.WITHDRAWN)
    page = search(SearchQuery(text="11522301MB1234567X/2024-00003"))
    assert page.exact == [] and page.total == 0


def test_words_alone_still_search_by_relevance(catalogue):
    page = search(SearchQuery(text="防汛抗旱", sort=Sort.RELEVANCE))
    assert page.exact == []
    assert [hit.item.pk for hit in page.hits] == [catalogue.pk]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("黔府办发[2024]3号", "黔府办发〔2024〕3号"),
        ("黔府办发（2024）3号", "黔府办发〔2024〕3号"),
        ("abc-2024-0001x", "ABC-2024-0001X"),
    ],
)
def test_identifiers_are_compared_without_spaces_and_brackets_alike(text, expected):
    assert identifier(text) == expected


def test_words_without_digits_are_not_taken_for_an_identifier():
    assert not plausible("防汛抗旱应急预案")
    assert plausible("青府发〔2017〕2号")
