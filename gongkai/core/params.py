"""One way to read a query parameter: a number in a range, a year, a page, a choice.

A parameter that is absent or empty gives the default; one that is present but not
what the page can use (letters, ``²`` and other Unicode digits that ``str.isdigit``
accepts, a year no report can have, a number too large for the database, a NUL) is
refused with :class:`django.core.exceptions.BadRequest`, which Django answers with
the 400 page. Either way the view never sees a value it cannot use, so no parameter
gives a 500.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping

from django.core.exceptions import BadRequest, FieldDoesNotExist, ObjectDoesNotExist
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

# ASCII digits only: int() also reads "٣" and "３", str.isdigit() also accepts "²".
_DIGITS = re.compile(r"[0-9]{1,18}")

# The years a disclosure record can belong to: the 条例 took effect on 2008-05-01,
# and reports of earlier years are imported; nothing is dated centuries ahead.
YEAR_MIN = 1990
YEAR_MAX = 2100
# No list is this long; a larger number is an old or a forged link.
PAGE_MAX = 10_000
# Identifiers fit a 64-bit signed integer (the database's bigint).
ID_MAX = 2**63 - 1


def _raw(params: Mapping[str, str], name: str) -> str:
    value = params.get(name)
    return value.strip() if isinstance(value, str) else ""


def int_param(
    params: Mapping[str, str],
    name: str,
    *,
    low: int = 0,
    high: int = ID_MAX,
    default: int | None = None,
) -> int | None:
    """``params[name]`` as an int in ``low..high``; ``default`` when absent or
    empty; a 400 when it is anything else."""
    value = _raw(params, name)
    if not value:
        return default
    if not _DIGITS.fullmatch(value) or not low <= int(value) <= high:
        raise BadRequest(f"参数 {name} 不是 {low}–{high} 之间的整数")
    return int(value)


def id_param(params: Mapping[str, str], name: str) -> int | None:
    """A record's id (1 and up), or ``None`` when absent or empty; a 400 else."""
    return int_param(params, name, low=1)


def year_param(
    params: Mapping[str, str], name: str = "year", *, default: int | None = None
) -> int | None:
    """A year between ``YEAR_MIN`` and ``YEAR_MAX``, or ``default``; a 400 else."""
    return int_param(params, name, low=YEAR_MIN, high=YEAR_MAX, default=default)


def page_param(params: Mapping[str, str], name: str = "page") -> int:
    """A page number (1 when absent or empty); a 400 for anything not a page."""
    page = int_param(params, name, low=1, high=PAGE_MAX, default=1)
    return page if page is not None else 1


def choice_param(
    params: Mapping[str, str], name: str, choices: Collection[str], default: str
) -> str:
    """One of ``choices``, or ``default`` when absent or empty; a 400 else."""
    value = _raw(params, name)
    if not value:
        return default
    if value not in choices:
        raise BadRequest(f"参数 {name} 的值无效")
    return value


def text_param(params: Mapping[str, str], name: str, *, max_length: int = 200) -> str:
    """Free text, stripped ('' when absent); a 400 when longer than
    ``max_length`` or holding a NUL, which no database column accepts."""
    value = _raw(params, name)
    if len(value) > max_length or "\x00" in value:
        raise BadRequest(f"参数 {name} 过长或含有无效字符")
    return value


def year_or_404(year: int) -> int:
    """A year taken from the path: one between ``YEAR_MIN`` and ``YEAR_MAX``, or
    a 404 (no record of that year can exist)."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404(f"没有 {year} 年的记录")
    return year


class OddInputMiddleware:
    """The safety net behind the functions above: an address holding a NUL (which
    PostgreSQL refuses in any text) is a 400 before any view reads it. In the
    admin, whose views are Django's and its plug-ins', a record that does not
    exist is a 404 (django-otp's device pages use ``objects.get``) and a field
    asked for by an empty or unknown ``_to_field`` is a 400, not a 500; gongkai's
    own views look records up with ``get_object_or_404``, and a miss elsewhere
    stays a 500, logged, because it is a bug."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return response_for_exception(
                request, BadRequest("地址中含有无效字符（NUL）")
            )
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponseBase | None:
        if getattr(request.resolver_match, "namespace", "") != "admin":
            return None
        if isinstance(exception, ObjectDoesNotExist):
            return response_for_exception(request, Http404(str(exception)))
        if isinstance(exception, FieldDoesNotExist):
            return response_for_exception(request, BadRequest(str(exception)))
        return None
