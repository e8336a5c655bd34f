"""A local mirror of a government site's 政府信息公开年报 column, for the crawler's
tests: list pages split over two pages, articles printing the report inline or
attaching it (PDF, DOCX, an old .doc saved as .wps would be the same path), a link
straight to a file, a notice that is not a report, and a report under a path that
robots.txt forbids. The reports are gongkai's own renderings, so their figures can
be checked after import. Served by Python's http.server in a thread, which records
every path asked for."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from gongkai.importer.samples import sample_report
from gongkai.reports.formats import get_format
from gongkai.reports.render import render

AGENCY = "青溪县交通运输局"
# year → (format, how the article gives it)
REPORTS = {
    2023: ("2021", "inline"),
    2022: ("2021", "docx"),
    2021: ("2021", "pdf"),
    2020: ("2019", "file"),  # the list links the file itself
    2019: ("2019", "inline"),
}


def page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><h1>{title}</h1>{body}</body></html>"
    )


def report_bytes(year: int, kind: str) -> bytes:
    fmt = get_format(REPORTS[year][0])
    report = sample_report(fmt, agency=AGENCY)
    report.year = year
    return render(report, fmt, kind)


def build_site(root: Path) -> dict[int, str]:
    """Write the mirror under ``root``; the address of each year's report."""
    column = root / "zwgk" / "ndbg"
    column.mkdir(parents=True)
    (root / "private").mkdir()
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    addresses: dict[int, str] = {}
    entries: dict[int, str] = {}
    for year, (_, how) in REPORTS.items():
        title = f"{AGENCY}{year}年政府信息公开工作年度报告"
        if how == "inline":
            html = report_bytes(year, "html").decode("utf-8")
            body = html.split("<body>", 1)[-1].rsplit("</body>", 1)[0]
            (column / f"art_{year}.html").write_text(page(title, body), "utf-8")
            addresses[year] = f"/zwgk/ndbg/art_{year}.html"
        elif how == "file":
            (column / f"report_{year}.pdf").write_bytes(report_bytes(year, "pdf"))
            addresses[year] = f"/zwgk/ndbg/report_{year}.pdf"
        else:
            (column / f"att_{year}.{how}").write_bytes(report_bytes(year, how))
            link = f'<p>附件：<a href="att_{year}.{how}">{year}年年报.{how}</a></p>'
            body = f"<p>现将本机关{year}年度报告全文发布如下，详见附件。</p>{link}"
            (column / f"art_{year}.html").write_text(page(title, body), "utf-8")
            addresses[year] = f"/zwgk/ndbg/att_{year}.{how}"
        target = addresses[year] if how == "file" else f"art_{year}.html"
        entries[year] = f'<li><a href="{target}" title="{title}">{title}</a></li>'
    notice = (
        '<li><a href="notice.html">'
        "关于做好2024年政府信息公开工作年度报告编制的通知</a></li>"
    )
    (column / "notice.html").write_text(page("通知", "<p>请各单位……</p>"), "utf-8")
    hidden = (
        f'<li><a href="/private/x.html">{AGENCY}2018年政府信息公开工作年度报告</a></li>'
    )
    (root / "private" / "x.html").write_text(page("x", "<table></table>"), "utf-8")
    first = "".join(entries[y] for y in (2023, 2022, 2021)) + notice + hidden
    second = "".join(entries[y] for y in (2020, 2019))
    (column / "index.html").write_text(
        page("政府信息公开年报", f'<ul>{first}</ul><a href="index_1.html">下一页</a>'),
        "utf-8",
    )
    (column / "index_1.html").write_text(
        page("政府信息公开年报", f'<ul>{second}</ul><a href="index.html">上一页</a>'),
        "utf-8",
    )
    return addresses


@dataclass
class Mirror:
    root: Path
    server: ThreadingHTTPServer
    asked: list[str] = field(default_factory=list)

    @property
    def column(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/zwgk/ndbg/index.html"


def serve(root: Path) -> Mirror:
    asked: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            asked.append(self.path)

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Mirror(root, server, asked)
