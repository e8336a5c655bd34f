"""A list's pages: where the reader is, and links to the pages either side that
keep the list's other parameters."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation

PAGES = Template("{% load pages %}{% pagination %}")


def _pagination(number: int, count: int, query_string: str = "") -> str:
    page = Paginator(range(count), 10).page(number)
    with translation.override("zh-hans"):
        return PAGES.render(Context({"page_obj": page, "query_string": query_string}))


def test_one_page_has_no_pagination():
    assert _pagination(1, 10).strip() == ""


def test_a_middle_page_links_both_neighbours_and_keeps_the_search():
    html = _pagination(2, 30, "q=%E4%BD%8F%E6%88%BF&category=x")

    assert '<span aria-current="page">第2页，共3页</span>' in html
    kept = "?q=%E4%BD%8F%E6%88%BF&amp;category=x&amp;page="
    assert f'<a href="{kept}1" rel="prev">上一页</a>' in html
    assert f'<a href="{kept}3" rel="next">下一页</a>' in html
    assert 'aria-label="分页"' in html


def test_the_first_and_last_pages_link_only_inwards():
    first, last = _pagination(1, 25), _pagination(3, 25)

    assert 'rel="prev"' not in first and '<a href="?page=2" rel="next">' in first
    assert 'rel="next"' not in last and '<a href="?page=2" rel="prev">' in last
    assert "第3页，共3页" in last


def test_what_the_query_string_holds_is_escaped():
    html = _pagination(2, 30, 'q="><script>')

    assert "<script>" not in html
    assert "?q=&quot;&gt;&lt;script&gt;&amp;page=1" in html


def test_english_pages_say_it_in_english():
    page = Paginator(range(30), 10).page(2)
    with translation.override("en"):
        html = PAGES.render(Context({"page_obj": page}))

    assert "Page 2 of 3" in html and ">Previous</a>" in html and ">Next</a>" in html
