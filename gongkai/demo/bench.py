"""``gongkai bench web``: the public pages of the demo, served by the production
server.

The benchmark database (``gongkai.core.bench``) gets the demo region (loaded once),
with the reports of its past years published; the portal's load test
(``gongkai.portal.bench``) then serves it with gunicorn and asks each page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db.models import Count

from gongkai.agencies.models import Agency
from gongkai.catalog.search import SearchQuery, search, search_rebuild
from gongkai.core.bench import Measurement, Progress, analyze, benchmark
from gongkai.portal import queries
from gongkai.portal.bench import Page, web_measure
from gongkai.reports.selectors import latest_version
from gongkai.reports.services import report_publish_through_review

from .loader import demo_load

PUBLISHED_YEARS = range(2019, 2025)


def _site(progress: Progress) -> list[Page]:
    """The demo, loaded once, with its past reports published; the pages to ask."""
    progress("载入演示数据（首次运行需要一两分钟）……")
    demo_load()
    agency = Agency.objects.annotate(n=Count("items")).order_by("-n", "path").first()
    assert agency is not None  # the demo has just been loaded
    _publish_past_reports(agency)
    item = queries.items_public(agency).first()
    word = item.title[:2] if item else "公开"
    if not search(SearchQuery(text=word)).total:  # not indexed yet
        progress("建立检索索引……")
        search_rebuild(acting_user=None)
    # The planner's statistics, as autovacuum keeps them on a running site: without
    # them PostgreSQL guesses a handful of published items and sorts 13,000 rows
    # for the home page's ten.
    analyze()
    year = max(PUBLISHED_YEARS)
    return [
        Page("web.bare", "/healthz"),
        Page("web.home", "/"),
        Page("web.search", f"/catalog/?q={quote(word)}"),
        Page("web.item", f"/catalog/{item.pk}/" if item else "/catalog/"),
        Page("web.report", f"/agencies/{agency.pk}/reports/{year}/"),
        *_downloads(agency, year),
    ]


def _downloads(agency: Agency, year: int) -> list[Page]:
    """The published report's DOCX and PDF (stored once, as publication does),
    each beside a static file of the same bytes, its baseline."""
    from django.conf import settings

    from gongkai.reports.published import version_file

    version = latest_version(agency=agency, year=year)
    if version is None:
        return []
    folder = Path(settings.STATIC_ROOT) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for extension in ("docx", "pdf"):
        stored = version_file(version=version, extension=extension)
        with stored.file.open("rb") as handle:
            (folder / f"same-size.{extension}").write_bytes(handle.read())
        pages += [
            Page(f"web.static.{extension}", f"/static/bench/same-size.{extension}"),
            Page(
                f"web.download.{extension}",
                f"/agencies/{agency.pk}/reports/{year}/report.{extension}",
                baseline=f"web.static.{extension}",
            ),
        ]
    return pages


def _publish_past_reports(agency: Agency) -> None:
    for year in PUBLISHED_YEARS:
        if latest_version(agency=agency, year=year) is None:
            try:
                report_publish_through_review(
                    agency=agency, year=year, acting_user=None
                )
            except ValidationError:
                continue  # a year whose checks fail stays unpublished


@benchmark("web")
def web_benchmark(*, runs: int, progress: Progress) -> list[Measurement]:
    """The home, search, item and report pages against the bare Django view, on
    gunicorn with the workers and the page cache ``gongkai serve`` starts with
    (target: each at least 0.8 of the bare view's requests per second); then
    every request missing the page cache (``.uncached``: at least 0.3), what the
    first visit after a change costs (``gongkai.portal.bench``). The published
    report's DOCX and PDF downloads against a static file of the same size
    (``web.download.*``: at least 0.5)."""
    return web_measure(_site(progress), runs=runs, progress=progress)
