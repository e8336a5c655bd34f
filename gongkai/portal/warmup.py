"""The search engine loaded when the site starts, not by its first visitor.

jieba reads its dictionary (about a second) the first time a process cuts words; a
search is the first to do so in a web process. This middleware loads it when the
process builds its request handler: once per gunicorn worker as it boots (each worker
loads the application before it accepts a request), and once as ``runserver`` starts
(``make demo``). It then steps aside (``MiddlewareNotUsed``), so no request pays
anything for it. Commands that serve no pages (migrate, worker, import) never load
it for nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse

from gongkai.catalog.search.segment import warm


class SearchWarmupMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        warm()
        raise MiddlewareNotUsed("jieba loaded")

    def __call__(self, request: HttpRequest) -> NoReturn:  # pragma: no cover
        raise AssertionError("never in the chain")
