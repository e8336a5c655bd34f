"""Query parameters are read one way: a clean default, a value in range, or a 400."""

from __future__ import annotations

import pytest
from django.core.exceptions import BadRequest
from django.http import Http404, QueryDict

from gongkai.core.params import (
    choice_param,
    id_param,
    page_param,
    text_param,
    year_or_404,
    year_param,
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", None), ("year=", None), ("year=2021", 2021), ("year=%202021%20", 2021)],
)
def test_a_year_absent_gives_the_default_and_a_year_in_range_is_read(query, expected):
    assert year_param(QueryDict(query)) == expected


@pytest.mark.parametrize(
    "value", ["0", "-1", "99999", "99999999999999999999", "²", "٣", "３", "x", "2021x"]
)
def test_a_year_that_cannot_be_is_refused_with_a_400(value):
    """Unicode digits (which str.isdigit and int accept) are refused as well."""
    with pytest.raises(BadRequest):
        year_param({"year": value})


@pytest.mark.parametrize(("value", "page"), [(None, 1), ("", 1), ("3", 3)])
def test_a_page_is_1_unless_a_page_is_given(value, page):
    assert page_param({} if value is None else {"page": value}) == page


@pytest.mark.parametrize("value", ["0", "-1", "10001", "²", "1.5"])
def test_a_page_that_cannot_exist_is_refused(value):
    with pytest.raises(BadRequest):
        page_param({"page": value})


def test_an_id_is_positive_and_fits_the_database():
    assert id_param({"agency": "7"}, "agency") == 7
    assert id_param({}, "agency") is None
    for value in ("0", "9" * 20, "²"):
        with pytest.raises(BadRequest):
            id_param({"agency": value}, "agency")


def test_a_choice_outside_the_list_is_refused():
    assert choice_param({}, "sort", ["new", "old"], "new") == "new"
    assert choice_param({"sort": "old"}, "sort", ["new", "old"], "new") == "old"
    with pytest.raises(BadRequest):
        choice_param({"sort": "evil"}, "sort", ["new", "old"], "new")


def test_text_with_a_nul_or_too_long_is_refused():
    assert text_param({"q": " 预算 "}, "q") == "预算"
    for value in ("a\x00b", "x" * 201):
        with pytest.raises(BadRequest):
            text_param({"q": value}, "q")


def test_a_year_in_the_path_outside_the_range_is_not_found():
    assert year_or_404(2021) == 2021
    with pytest.raises(Http404):
        year_or_404(99999)
