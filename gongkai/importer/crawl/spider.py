"""The spider that walks a 政府信息公开年报 column.

From the column's first list page it follows, on the same site:

- the links whose title names an annual report (``recognise``): a file is saved
  as it is; an article is read for the report — printed inline (the page has a
  table or the report's section headings: the page itself is saved) or attached
  (the attachments whose name or the article's title names a report);
- the "下一页" link, while the page had something new on it (or the last run was
  cut short).

robots.txt is obeyed, one request at a time per site with a delay between them, and
reports older than ``until`` are passed over.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from .recognise import Recognised, is_file, is_next_page, recognise
from .state import CrawlState

INLINE_MARKERS = (
    "收到和处理政府信息公开申请情况",
    "主动公开政府信息情况",
    "政府信息公开情况统计表",
)


class ReportSpider(scrapy.Spider):
    name = "gongkai-reports"

    def __init__(
        self, *, start_url: str, state: CrawlState, until: int | None = None,
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(**kwargs)
        # Not ``self.state``: Scrapy keeps a dict of its own there with a job folder.
        self.start_url, self.reports, self.until = start_url, state, until
        self.host = urlparse(start_url).netloc

    async def start(self) -> Any:
        yield scrapy.Request(self.start_url, callback=self.parse_list, dont_filter=True)

    def _ours(self, url: str) -> bool:
        return urlparse(url).netloc == self.host

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        new, next_url = 0, None
        for link in response.css("a[href]"):
            url = response.urljoin(link.attrib["href"])
            text = " ".join(" ".join(link.css("::text").getall()).split())
            if not self._ours(url):
                continue
            if is_next_page(text):
                next_url = url
                continue
            found = recognise(link.attrib.get("title") or text)
            if found is None or self._too_old(found) or url in self.reports.seen:
                continue
            new += 1
            yield self._fetch(
                url, response.url, link.attrib.get("title") or text, found
            )
        if next_url and (new or self.reports.resuming):
            yield scrapy.Request(next_url, callback=self.parse_list)

    def _too_old(self, found: Recognised) -> bool:
        return (
            self.until is not None
            and found.year is not None
            and found.year < self.until
        )

    def _fetch(
        self, url: str, page: str, title: str, found: Recognised
    ) -> scrapy.Request:
        kwargs = {"page": page, "title": title, "found": found}
        callback = self.save_file if is_file(url) else self.parse_article
        return scrapy.Request(
            url, callback=callback, cb_kwargs=kwargs, errback=self.forbidden
        )

    def forbidden(self, failure: Failure) -> None:
        """A report link robots.txt forbids is remembered, never asked for again
        (a network error is not: the next run tries again)."""
        if failure.check(IgnoreRequest):
            self.reports.seen.add(failure.request.url)  # type: ignore[attr-defined]
            self.reports.save(complete=False)

    def parse_article(
        self, response: Response, *, page: str, title: str, found: Recognised
    ) -> Iterator[scrapy.Request]:
        if not hasattr(response, "css"):  # not a web page: a file after all
            yield from self.save_file(response, page=page, title=title, found=found)
            return
        text = " ".join(response.css("body ::text").getall())
        if response.css("table") or any(marker in text for marker in INLINE_MARKERS):
            self.reports.keep(
                url=response.url, page=page, title=title, year=found.year,
                agency=found.agency, body=response.body, suffix=".html",
            )  # fmt: skip
            return
        for link in response.css("a[href]"):
            url = response.urljoin(link.attrib["href"])
            name = " ".join(" ".join(link.css("::text").getall()).split())
            if not (self._ours(url) and is_file(url)) or url in self.reports.seen:
                continue
            attached = recognise(name) or found
            yield scrapy.Request(
                url,
                callback=self.save_file,
                cb_kwargs={
                    "page": response.url,
                    "title": name or title,
                    "found": attached,
                    "article": response.url,
                },
            )

    def save_file(
        self,
        response: Response,
        *,
        page: str,
        title: str,
        found: Recognised,
        article: str = "",
    ) -> Iterator[scrapy.Request]:
        suffix = PurePosixPath(urlparse(response.url).path).suffix.lower()[:8] or ".bin"
        self.reports.keep(
            url=response.url, page=page, title=title, year=found.year,
            agency=found.agency, body=response.body, suffix=suffix,
        )  # fmt: skip
        if article:  # the article that attached it is done with too
            self.reports.seen.add(article)
            self.reports.save(complete=False)
        yield from ()
