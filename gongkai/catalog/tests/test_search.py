"""Chinese full-text search over the published catalogue: words cut by jieba,
filters, sorting, highlighted snippets, and nothing unpublished ever shown."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.conf import settings as django_settings
from django.db import DatabaseError, OperationalError, connection

from gongkai.catalog import services
from gongkai.catalog.models import ItemStatus, SearchIndexBuild
from gongkai.catalog.search import SearchFilters, SearchQuery, Sort, search
from gongkai.catalog.search.highlight import mark, snippet
from gongkai.catalog.search.segment import index_text, query_terms
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


def titles(text: str = "", **options) -> list[str]:
    filters = options.pop("filters", SearchFilters())
    page = search(SearchQuery(text=text, filters=filters, **options))
    return [hit.item.title for hit in page.hits]


def published(agency, staff, walk, title: str, on: date, **fields):
    item = services.item_record(
        acting_user=staff.clerk, agency=agency, title=title, formed_on=on, **fields
    )
    walk(item, ItemStatus.SIGN_OFF)
    return services.item_publish(
        acting_user=staff.head, item=item, channels={"website": on}
    )


@pytest.fixture
def catalogue(agency, staff, walk):
    """Three published items, a draft and an item under review."""
    published(
        agency,
        staff,
        walk,
        "关于开展安全生产大检查的通知",
        date(2025, 3, 3),
        summary="部署全市安全生产大检查。",
        category="工作动态类",
        article20_item=12,
    )
    published(
        agency,
        staff,
        walk,
        "兴义市城乡居民最低生活保障实施办法",
        date(2024, 6, 1),
        body="本办法所称最低生活保障，是指对家庭人均收入低于当地标准的居民给予救助。",
        category="规范性文件",
        document_number="兴府发〔2024〕3号",
        document_kind="normative",
        article20_item=1,
    )
    published(
        agency,
        staff,
        walk,
        "2025年安全生产工作要点",
        date(2025, 1, 10),
        category="计划总结类",
    )
    services.item_record(
        acting_user=staff.clerk,
        agency=agency,
        title="安全生产检查草稿",
        formed_on=date(2025, 3, 3),
    )
    under_review = services.item_record(
        acting_user=staff.clerk,
        agency=agency,
        title="安全生产审核中的文件",
        formed_on=date(2025, 3, 3),
    )
    walk(under_review, ItemStatus.REVIEW)
    return agency


def test_jieba_cuts_chinese_into_words_for_the_index_and_the_query():
    assert index_text("关于开展社会保障大检查的通知").split() == [
        "开展",
        "社会",
        "保障",
        "社会保障",
        "大",
        "检查",
        "通知",
    ]
    assert query_terms("社会保障的通知") == ["社会保障", "通知"]


def test_a_word_finds_the_published_items_that_contain_it_and_nothing_else(catalogue):
    assert sorted(titles("安全生产")) == [
        "2025年安全生产工作要点",
        "关于开展安全生产大检查的通知",
    ]


def test_every_word_of_the_query_must_match(catalogue):
    assert titles("安全生产 要点") == ["2025年安全生产工作要点"]
    assert titles("安全生产 低保") == []


def test_words_inside_the_body_are_found(catalogue):
    assert titles("人均收入") == ["兴义市城乡居民最低生活保障实施办法"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            SearchFilters(year=2025),
            ["关于开展安全生产大检查的通知", "2025年安全生产工作要点"],
        ),
        (SearchFilters(category="计划总结类"), ["2025年安全生产工作要点"]),
        (SearchFilters(article20_item=12), ["关于开展安全生产大检查的通知"]),
        (SearchFilters(agency_ids=(0,)), []),
    ],
)
def test_filters_narrow_a_search(catalogue, filters, expected):
    assert sorted(titles("安全生产", filters=filters)) == sorted(expected)


def test_a_part_of_the_document_number_filters(catalogue):
    only = SearchFilters(document_number="〔2024〕3号")
    assert titles("办法", filters=only) == ["兴义市城乡居民最低生活保障实施办法"]
    assert titles(filters=only) == ["兴义市城乡居民最低生活保障实施办法"]


def test_results_sort_by_date_either_way(catalogue):
    assert titles("安全生产", sort=Sort.OLDEST) == [
        "2025年安全生产工作要点",
        "关于开展安全生产大检查的通知",
    ]
    assert titles("安全生产", sort=Sort.NEWEST)[0] == "关于开展安全生产大检查的通知"


def test_a_title_match_ranks_above_a_body_match(agency, staff, walk):
    published(agency, staff, walk, "工作通知", date(2025, 3, 3), body="涉及救助事项。")
    published(agency, staff, walk, "社会救助工作通知", date(2025, 3, 3))
    assert titles("救助") == ["社会救助工作通知", "工作通知"]


def test_hits_show_the_title_and_a_snippet_with_the_words_marked(catalogue):
    page = search(SearchQuery(text="最低生活保障"))
    (hit,) = page.hits
    assert hit.title_html == "兴义市城乡居民<mark>最低生活保障</mark>实施办法"
    assert "是指对家庭人均收入" in hit.snippet_html
    assert "<mark>最低生活保障</mark>" in hit.snippet_html
    assert page.total == 1


def test_without_words_the_published_catalogue_is_listed_newest_first(catalogue):
    assert titles() == [
        "关于开展安全生产大检查的通知",
        "2025年安全生产工作要点",
        "兴义市城乡居民最低生活保障实施办法",
    ]


def test_a_withdrawn_item_leaves_the_search_and_a_correction_is_found(catalogue, staff):
    item = catalogue.items.get(title="2025年安全生产工作要点")
    services.item_correct(
        acting_user=staff.reviewer,
        item=item,
        reason="标题有误",
        changes={"title": "2025年安全生产和消防工作要点"},
    )
    assert titles("消防") == ["2025年安全生产和消防工作要点"]
    services.item_withdraw(acting_user=staff.head, item=item, reason="已废止")
    assert titles("消防") == []


def test_the_text_of_attachments_is_searched(agency, staff, walk):
    document = docx.Document()
    document.add_paragraph("附件：全市地质灾害隐患点分布情况一览。")
    buffer = io.BytesIO()
    document.save(buffer)
    item = services.item_record(
        acting_user=staff.clerk,
        agency=agency,
        title="防汛通知",
        formed_on=date(2025, 3, 3),
    )
    services.item_attach(
        acting_user=staff.clerk, item=item, file=buffer, name="一览表.docx"
    )
    walk(item, ItemStatus.PUBLISHED)
    page = search(SearchQuery(text="地质灾害"))
    assert [h.item.title for h in page.hits] == ["防汛通知"]
    assert "<mark>地质灾害</mark>" in page.hits[0].snippet_html


def test_attachments_are_read_only_for_a_hit_whose_own_text_lacks_the_words(
    agency, staff, walk
):
    """Their text can make a better snippet only then: a page of hits whose
    titles or bodies show every word never reads it."""
    from django.test.utils import CaptureQueriesContext

    def attached(title: str, body: str, annex: str):
        document = docx.Document()
        document.add_paragraph(annex)
        buffer = io.BytesIO()
        document.save(buffer)
        item = services.item_record(
            acting_user=staff.clerk,
            agency=agency,
            title=title,
            body=body,
            formed_on=date(2025, 3, 3),
        )
        services.item_attach(
            acting_user=staff.clerk, item=item, file=buffer, name="附件.docx"
        )
        walk(item, ItemStatus.PUBLISHED)

    attached("防汛通知", "做好防汛工作。", "附件：防汛物资储备一览。")
    with CaptureQueriesContext(connection) as asked:
        page = search(SearchQuery(text="防汛"))
    assert page.hits[0].snippet_html == "做好<mark>防汛</mark>工作。"
    assert not any("segments" in q["sql"] for q in asked.captured_queries)

    attached("防汛抗旱通知", "请各单位做好准备。", "附件：防汛抗旱物资储备一览。")
    with CaptureQueriesContext(connection) as asked:
        page = search(SearchQuery(text="抗旱"))
    assert page.hits[0].snippet_html == "请各单位做好准备。"  # the title says it
    assert not any("segments" in q["sql"] for q in asked.captured_queries)

    attached("抗旱通知", "做好抗旱工作。", "附件：全市防汛抗旱物资储备一览。")
    with CaptureQueriesContext(connection) as asked:
        page = search(SearchQuery(text="防汛 抗旱"))
    assert [h.item.title for h in page.hits] == ["防汛抗旱通知", "抗旱通知"]
    assert "<mark>防汛抗旱</mark>" in page.hits[1].snippet_html
    assert any("segments" in q["sql"] for q in asked.captured_queries)


def test_rebuilding_the_index_finds_items_imported_behind_its_back(agency):
    factories.ItemFactory(agency=agency, title="关于做好春季造林绿化工作的通知")
    assert titles("造林") == []
    build = services.search_rebuild(acting_user=None)
    assert titles("造林") == ["关于做好春季造林绿化工作的通知"]
    assert (build.items, SearchIndexBuild.objects.count()) == (1, 1)


def test_pages_of_results(agency):
    for n in range(25):
        factories.ItemFactory(agency=agency, title=f"第{n}期政务信息")
    services.search_rebuild(acting_user=None)
    page = search(SearchQuery(text="政务信息", page=2, per_page=20))
    assert (page.total, page.pages, len(page.hits)) == (25, 2, 5)


def test_highlighting_escapes_html_and_marks_every_term():
    assert (
        mark("<b>安全</b>生产", ["安全"]) == "&lt;b&gt;<mark>安全</mark>&lt;/b&gt;生产"
    )
    text = "甲" * 200 + "安全生产" + "乙" * 200
    assert snippet([text], ["安全生产"]).startswith("…" + "甲" * 20 + "<mark>")


def test_a_snippet_of_a_long_body_is_its_passage_with_whitespace_squeezed():
    body = (
        "开头。\n\n\u3000\u3000" + "其他内容。" * 40 + "\n\u3000\u3000做好防汛\n工作。"
    )
    shown = snippet(["", body + "后文。" * 2000], ["防汛"])
    assert shown.startswith("…") and shown.endswith("…")
    assert "\n" not in shown and "\u3000" not in shown
    assert "做好<mark>防汛</mark> 工作。后文" in shown


def test_a_passage_is_sought_among_a_texts_first_mentions_of_the_words():
    """A word on every line of a long body: a passage is weighed at each of its
    first 64 places, not at every one (the cost of a snippet is bounded)."""
    line = "安全检查。\n"
    late = line * 100 + "安全生产月。"
    assert "月" not in snippet([late], ["安全", "月"])
    assert "<mark>月</mark>" in snippet([line * 10 + "安全生产月。"], ["安全", "月"])


@pytest.mark.parametrize("words", [["防汛"], ["防汛", "抗旱"], ["flood"]])
def test_where_no_text_has_a_word_the_snippet_is_the_start_of_the_first(words):
    """Found by its attachment, say: the snippet of its own texts is their start
    (one Chinese word, several, or a word with letters), the empty ones passed."""
    shown = snippet(["", "  ", "第一段" * 60, "第二段"], words)
    assert shown.startswith("第一段") and shown.endswith("…")
    assert "第二段" not in shown and "<mark>" not in shown


@pytest.fixture
def five_reliefs(agency):
    """Five items on 救助, one a year; the oldest has it in its title."""
    factories.ItemFactory(
        agency=agency, title="社会救助办法", published_on=date(2020, 5, 1)
    )
    for year in range(2021, 2025):
        factories.ItemFactory(
            agency=agency,
            title=f"{year}年工作通知",
            summary="涉及救助事项。",
            published_on=date(year, 5, 1),
        )
    services.search_rebuild(acting_user=None)


def test_beyond_the_count_limit_the_total_says_more(five_reliefs, settings):
    settings.GONGKAI_SEARCH_COUNT_LIMIT = 3
    page = search(SearchQuery(text="救助"))
    assert (page.total, page.more, len(page.hits)) == (3, True, 5)


@pytest.mark.parametrize(
    ("text", "filters", "total", "more"),
    [
        ("救助", SearchFilters(), 3, True),
        ("救助 事项", SearchFilters(), 3, True),
        ("救助", SearchFilters(year=2020), 1, False),
        ("救助", SearchFilters(year=2023), 1, False),
    ],
)
def test_counts_with_several_words_or_a_filter_stop_at_the_limit_too(
    five_reliefs, settings, text, filters, total, more
):
    settings.GONGKAI_SEARCH_COUNT_LIMIT = 3
    page = search(SearchQuery(text=text, filters=filters))
    assert (page.total, page.more) == (total, more)


@pytest.fixture
def tiers(agency):
    """救助 in two titles, two summaries (one of them with 社会 in its title) and
    two bodies, the newest of each kind in 2024, the oldest in 2021."""
    for title, summary, body, year in (
        ("社会救助办法", "", "", 2021),
        ("临时救助规程", "", "", 2024),
        ("工作通知", "涉及救助事项。", "", 2022),
        ("社会工作通知", "涉及救助事项。", "", 2023),
        ("工作简报", "", "本期介绍救助工作。", 2023),
        ("工作动态", "", "本期介绍社会救助工作。", 2024),
    ):  # each on 1 May: on one day, the later recorded is the newer
        factories.ItemFactory(
            agency=agency,
            title=title,
            summary=summary,
            body=body,
            published_on=date(year, 5, 1),
        )
    services.search_rebuild(acting_user=None)


BY_TIER = [
    "临时救助规程",
    "社会救助办法",
    "社会工作通知",
    "工作通知",
    "工作动态",
    "工作简报",
]


def test_by_relevance_titles_come_first_then_summaries_then_the_rest_newest_first(
    tiers,
):
    page = search(SearchQuery(text="救助"))
    assert [hit.item.title for hit in page.hits] == BY_TIER
    assert [hit.tier for hit in page.hits] == [1, 1, 2, 2, 3, 3]
    assert titles("救助", sort=Sort.NEWEST)[:3] == [
        "工作动态",
        "临时救助规程",
        "工作简报",
    ]


def test_every_word_counts_where_it_is_found(tiers):
    """社会救助: both words in the title; in the title and the summary; in a body."""
    assert titles("社会 救助") == ["社会救助办法", "社会工作通知", "工作动态"]


@pytest.mark.parametrize("per_page", [1, 2, 4, 5])
def test_pages_by_relevance_run_on_across_the_tiers(tiers, per_page):
    """Whatever the page size, the pages put together are the one ranking, each
    starting where the last stopped, in the middle of a tier or at its edge."""
    pages = [
        search(SearchQuery(text="救助", page=number, per_page=per_page))
        for number in range(1, 8)
    ]
    assert [hit.item.title for p in pages for hit in p.hits] == BY_TIER
    assert {p.total for p in pages} == {6}


def test_a_year_filter_and_date_sorts_follow_the_publication_day(five_reliefs):
    assert titles("救助", filters=SearchFilters(year=2022)) == ["2022年工作通知"]
    assert titles("救助", sort=Sort.OLDEST)[:2] == ["社会救助办法", "2021年工作通知"]


def test_words_of_government_affairs_are_cut_whole_and_a_local_list_adds_more(
    settings, tmp_path
):
    from gongkai.catalog.search.segment import dictionary_words

    assert query_terms("安全生产 最低生活保障") == ["安全生产", "最低生活保障"]
    local = tmp_path / "words.txt"
    local.write_text("# 本县村名\n青岩村 龙溪组\n", encoding="utf-8")
    settings.GONGKAI_SEARCH_DICTIONARY = str(local)
    assert {"青岩村", "龙溪组", "河长制"} <= set(dictionary_words())


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the planner's settings are PostgreSQL's")
    from gongkai.catalog.search.backends import postgresql

    return postgresql


def _slowed(postgresql, monkeypatch) -> list[dict[str, str]]:
    """Every statement run under a time budget sleeps for a second first."""
    real, asked = postgresql._results_under, []

    def slow(cursor, statements, **settings):
        asked.append(settings)
        if "statement_timeout" in settings:  # cancelled at the budget
            statements = [
                (f"SELECT * FROM ({statement}) AS page, pg_sleep(1)", values)
                for statement, values in statements
            ]
        return real(cursor, statements, **settings)

    monkeypatch.setattr(postgresql, "_results_under", slow)
    monkeypatch.setattr(postgresql, "PLAN_BUDGET", "20ms")
    return asked


def test_a_page_the_planner_is_too_slow_for_comes_from_the_indexes(
    tiers, postgresql, monkeypatch
):
    """A plan past its budget is cancelled by PostgreSQL, and the page is asked
    for again with the table read through its indexes only: same hits."""
    asked = _slowed(postgresql, monkeypatch)
    assert titles("救助") == BY_TIER
    assert {"enable_seqscan": "off", "enable_indexscan": "off"} in asked


def _setting(cursor, name: str) -> str:
    cursor.execute(f"SHOW {name}")
    return cursor.fetchone()[0]


def _seqscan_under_off(postgresql, cursor) -> str:
    """``enable_seqscan`` as a statement run with it off sees it."""
    sql = "SELECT current_setting(%s)"
    [(seen,)] = postgresql._rows_under(
        cursor, sql, ["enable_seqscan"], enable_seqscan="off"
    )
    return seen


def test_the_planner_settings_are_put_back_after_an_error_too(db, postgresql):
    with connection.cursor() as cursor:
        with pytest.raises(DatabaseError):
            postgresql._rows_under(cursor, "SELECT 1 / 0", [], enable_seqscan="off")
        assert _setting(cursor, "enable_seqscan") == "on"
        assert _seqscan_under_off(postgresql, cursor) == "off"
        assert _setting(cursor, "enable_seqscan") == "on"


@pytest.mark.skipif(  # before the database is set up: a transactional test
    connection.vendor != "postgresql",  # skipped half-way unsettles the next one
    reason="the planner's settings are PostgreSQL's",
)
@pytest.mark.django_db(  # as in portal/tests/test_browser.py: a flush that cascades
    transaction=True,
    serialized_rollback=True,
    available_apps=list(django_settings.INSTALLED_APPS),
)
def test_outside_a_transaction_the_settings_hold_for_their_statement_alone(
    postgresql,
):
    """One round trip, the settings and the statements together: they hold for
    each, a time budget cancels them, and neither outlives them."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sent, connection.cursor() as cursor:
        assert _seqscan_under_off(postgresql, cursor) == "off"
        assert len(sent.captured_queries) == 1
        assert _setting(cursor, "enable_seqscan") == "on"
        with pytest.raises(OperationalError):
            postgresql._rows_under(
                cursor, "SELECT pg_sleep(1)", [], statement_timeout="20ms"
            )
        assert _setting(cursor, "statement_timeout") == "0"
        asked = [
            ("SELECT current_setting('enable_seqscan')", []),
            ("SELECT %s::int, current_setting('enable_seqscan')", [2]),
        ]
        before = len(sent.captured_queries)
        results = postgresql._results_under(cursor, asked, enable_seqscan="off")
        assert results == [[("off",)], [(2, "off")]]
        assert len(sent.captured_queries) == before + 1
        assert _setting(cursor, "enable_seqscan") == "on"


def test_on_postgresql_a_first_page_brings_its_hits_rows_along(tiers, postgresql):
    """The hits' rows come with the page's ids, in the same round trip, as the
    catalogue holds them: what the search would otherwise ask of it apart."""
    from django.test.utils import CaptureQueriesContext

    from gongkai.catalog.search import _hit_along, _hit_rows, page_request
    from gongkai.catalog.search.backends import backend_for
    from gongkai.catalog.search.backends.base import search_page

    with CaptureQueriesContext(connection) as asked:
        page = search(SearchQuery(text="救助", sort=Sort.NEWEST))
    assert [hit.item.title for hit in page.hits][:2] == ["工作动态", "临时救助规程"]
    assert page.hits[0].item.published_on == date(2024, 5, 1)
    assert page.hits[0].item.agency.name
    assert not [q for q in asked.captured_queries if 'FROM "catalog_item"' in q["sql"]]

    request = page_request(SearchQuery(text="救助"), ["救助"])
    with connection.cursor() as cursor:
        found = search_page(backend_for(connection), cursor, request, _hit_along())
    titled = [item_id for item_id, tier in found.hits if tier == 1]
    assert [row[0] for row in found.along] == titled  # the title tier's page
    rows = _hit_rows(ids=titled)
    assert found.along == sorted(rows, key=lambda row: titled.index(row[0]))


def test_once_every_match_is_on_the_page_no_further_tier_is_asked(tiers):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as asked:
        assert titles("临时") == ["临时救助规程"]
    pages = [q for q in asked.captured_queries if "ORDER BY" in q["sql"]]
    assert len(pages) == 1  # the titles' page; the count says it holds every match


def _title_page_plan(postgresql, along=None) -> str:
    """The plan of a first page's title tier when it is read newest first (with
    its rows ``along``, as a search's first page is asked)."""
    from gongkai.catalog.search import Tier, page_request

    request = page_request(SearchQuery(text="救助"), ["救助"])
    statement, values = postgresql._page(request, 20, 0, Tier.TITLE, along)
    with connection.cursor() as cursor:
        rows = postgresql._rows_under(
            cursor,
            f"EXPLAIN {statement}",
            values,
            enable_seqscan="off",
            enable_bitmapscan="off",
            **(postgresql.AS_WRITTEN if along else {}),
        )
    return "\n".join(line for (line,) in rows)


def test_the_title_tier_newest_first_reads_the_sort_keys_index_alone(tiers, postgresql):
    """The sort key's index carries the ids and the title's words, so a page of
    the title tier read newest first visits no row of the table."""
    from gongkai.catalog.search import _hit_along

    assert "Index Only Scan Backward using catalog_search_sort_key" in (
        _title_page_plan(postgresql)
    )
    # With the hits' rows brought along, the page is planned as alone: how each
    # row is then reached is the planner's choice, by the tables' sizes.
    with_rows = _title_page_plan(postgresql, _hit_along())
    assert "Index Only Scan Backward using catalog_search_sort_key" in with_rows
    assert titles("救助") == BY_TIER


def _search_indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'catalog_search'"
        )
        return dict(cursor.fetchall())


def test_a_rebuild_makes_the_indexes_the_migrations_made(db, postgresql):
    """Migration ``catalog.0008`` and a rebuild (which drops the indexes and
    makes them again) leave the same indexes."""
    migrated = _search_indexes()
    assert "INCLUDE (item_id, title_words)" in migrated["catalog_search_sort_key"]
    services.search_rebuild(acting_user=None)
    assert _search_indexes() == migrated


# -- the words' counts (PostgreSQL) --------------------------------------------------


def _miscounted_words() -> list[tuple[str, int, int]]:
    """The words whose kept count is not the number of indexed items holding
    them: (word, kept, found)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, coalesce(kept, 0), coalesce(found, 0) FROM "
            "(SELECT word, sum(items) AS kept FROM catalog_search_word "
            "GROUP BY word) AS k FULL JOIN "
            "(SELECT word, count(*) AS found FROM catalog_search, "
            "unnest(tsvector_to_array(document)) AS word GROUP BY word) AS f "
            "USING (word) WHERE coalesce(kept, 0) <> coalesce(found, 0)"
        )
        return cursor.fetchall()


def test_each_words_count_follows_the_index_whatever_changes_it(
    catalogue, staff, postgresql
):
    """Published, withdrawn, deleted outright (the index row goes by cascade),
    the index rebuilt: every word's count is its items, and a one-word search
    totals them."""
    from gongkai.catalog.models import Item

    assert titles("安全生产") and _miscounted_words() == []
    assert search(SearchQuery(text="安全生产")).total == 2
    withdrawn = Item.objects.get(title="关于开展安全生产大检查的通知")
    services.item_withdraw(acting_user=staff.head, item=withdrawn, reason="已废止")
    assert _miscounted_words() == []
    assert search(SearchQuery(text="安全生产")).total == 1
    Item.objects.filter(title="2025年安全生产工作要点").delete()
    assert _miscounted_words() == []
    assert search(SearchQuery(text="安全生产")).total == 0
    services.search_rebuild(acting_user=None)
    assert _miscounted_words() == []
    assert search(SearchQuery(text="最低生活保障")).total == 1


def test_a_one_word_search_reads_its_count_and_visits_no_match(
    five_reliefs, postgresql
):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as asked:
        page = search(SearchQuery(text="救助"))
    assert (page.total, page.more) == (5, False)
    counted = [q["sql"] for q in asked.captured_queries if "count(" in q["sql"]]
    assert counted == []  # no count(*) over the index: the word's row has it


@pytest.mark.parametrize("text", ["COVID-19", "救助 事项"])
def test_words_the_index_keeps_as_two_are_counted_by_their_matches(
    agency, postgresql, text
):
    """PostgreSQL's parser makes two words of COVID-19: no one row counts it."""
    factories.ItemFactory(agency=agency, title="COVID-19 防控 救助 事项")
    factories.ItemFactory(agency=agency, title="COVID 防控 救助")
    services.search_rebuild(acting_user=None)
    assert search(SearchQuery(text=text)).total == 1


@pytest.fixture
def scratch_index(postgresql):
    """A copy of the index's two tables and its triggers in a schema of their
    own, committed (the test's transaction is invisible to other connections),
    then dropped: two connections can write it at once."""
    import psycopg

    settings_dict = connection.settings_dict
    params = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"],
        "host": settings_dict["HOST"],
        "port": settings_dict["PORT"] or None,
        "autocommit": True,
        "options": "-c search_path=scratch_words",
    }
    triggers = {
        "added": "INSERT ON catalog_search REFERENCING NEW TABLE AS added",
        "gone": "DELETE ON catalog_search REFERENCING OLD TABLE AS gone",
    }
    with psycopg.connect(**params) as setup:
        setup.execute("CREATE SCHEMA scratch_words")
        try:
            setup.execute("CREATE TABLE catalog_search (document tsvector)")
            setup.execute(
                "CREATE TABLE catalog_search_word "
                "(LIKE public.catalog_search_word INCLUDING ALL)"
            )
            for name, event in triggers.items():
                setup.execute(
                    f"CREATE TRIGGER {name} AFTER {event} FOR EACH STATEMENT "
                    "EXECUTE FUNCTION public.catalog_search_word_counted()"
                )
            yield lambda: psycopg.connect(**{**params, "autocommit": False})
        finally:
            setup.execute("DROP SCHEMA scratch_words CASCADE")


def test_two_writers_of_the_same_words_neither_wait_nor_miscount(scratch_index):
    """Two transactions index items with the same words at once: the second does
    not wait for the first (any lock wait fails at once here), and once both have
    committed each word counts both; a removal in a third is counted too."""
    row = "INSERT INTO catalog_search VALUES (to_tsvector('simple', %s))"
    with scratch_index() as one, scratch_index() as two:
        one.execute(row, ["防汛 通知"])  # the words' rows, committed
        one.commit()
        two.execute("SET lock_timeout = '1ms'")
        one.execute(row, ["防汛 救灾 通知"])  # folds (and locks) those rows
        two.execute(row, ["防汛 通知 通知"])  # passes them by
        two.commit()
        one.commit()
        one.execute("DELETE FROM catalog_search WHERE document @@ '救灾'")
        one.commit()
        counts = one.execute(
            "SELECT word, sum(items) FROM catalog_search_word GROUP BY word"
        ).fetchall()
    assert dict(counts) == {"防汛": 2, "通知": 2}
