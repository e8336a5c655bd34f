"""Load-testing the public pages served by the production server
(``gongkai bench web``, registered by ``gongkai.demo.bench``, which provides the
site: the demo region in the benchmark database).

gunicorn serves the benchmark database (``gongkai.core.bench``) on 127.0.0.1 with
the workers ``gongkai serve`` would start; a client in this process sends a bounded
number of requests over loopback to each page, and to the bare Django view
(``/healthz``: the whole middleware stack, no database) on the same server in the
same run. Each page's requests per second is printed with the bare view's as its
baseline; the ratio is the share of the bare view's throughput a page keeps.

The pages are asked in cycles, one round each, the bare view first; a page's ratio
in a cycle is its rate over its baseline's rate in the same cycle, seconds apart,
under the same load. The figure printed is the cycle of the median ratio: its
page's and its baseline's rates. A shared machine's speed moves by a fifth from one
minute to the next; a ratio of two rounds side by side moves far less, and the
median is not moved by one lucky or unlucky round (the best of each, compared, set
a page's best beside the bare view's luckiest round of another minute: ADR 22).

A published report's DOCX and PDF downloads (``web.download.docx``, ``.pdf``:
the file stored at publication, ``gongkai.reports.published``) have as their
baseline a static file of the same bytes served by gongkai's static view
(``web.static.docx``, ``.pdf``) in the same run (target: at least 0.5).

Twice: with the page cache (``gongkai.portal.caching``) as ``gongkai serve`` runs
it, every page but the first served from it (target: at least 0.8); then
``.uncached``, what the first view after a change costs (target: at least 0.3):
the same server and cache, but every request's address carries a number of its
own (``?_=17``), so each one misses the cache as the first request after a
change does: the ledger's version asked, the page rendered and stored. What a
process keeps whatever the ledger holds (compiled templates, a published
version's rendering, the menu) stays kept, as it does after a change.
"""

from __future__ import annotations

import http.client
import itertools
import os
import secrets
import socket
import statistics
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from gongkai.core.bench import Measurement, Progress, explicit_url, measuring

from .server import DEFAULT_CACHE_SECONDS, default_workers, gunicorn_command

REQUESTS_PER_ROUND = 200
STARTUP_SECONDS = 60
# A worker's first search loads jieba's dictionary (seconds, longer on a busy
# machine): the unmeasured warming round waits for it.
WARMING_SECONDS = 300


@dataclass(frozen=True)
class Page:
    """A page to ask, and the metric whose rate is its baseline: the bare view's,
    or, for a download, a static file of the same size (``web.static.*``)."""

    metric: str
    path: str
    baseline: str = "web.bare"


def _database_url(config: dict[str, Any]) -> str:
    """The benchmark database as a URL, for the server's environment."""
    if url := explicit_url("web"):
        return url
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    user = quote(config.get("USER") or "")
    password = quote(config.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = config.get("HOST") or ""
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{config['NAME']}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _server(database_url: str, workers: int, cache_seconds: int) -> Iterator[int]:
    """gunicorn with the production settings on a free loopback port."""
    port = _free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings.production",
        "DATABASE_URL": database_url,
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(40),
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
        "GONGKAI_HTTPS": "0",  # plain HTTP on the loopback: no redirect to HTTPS
        "GONGKAI_PORTAL_CACHE_SECONDS": str(cache_seconds),
    }
    command = gunicorn_command(bind=f"127.0.0.1:{port}", workers=workers)
    command[command.index("--access-logfile") + 1] = "/dev/null"
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = (
                process.stderr.read().decode(errors="replace") if process.stderr else ""
            )
            raise RuntimeError(f"gunicorn 未能启动：{error[-2000:]}")
        try:
            if _get(port, "/healthz") == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn 在一分钟内未能启动")


def _get(port: int, path: str, timeout: float = 30) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


_numbers = itertools.count(1)


def _round(
    port: int, path: str, clients: int, *, miss: bool = False, timeout: float = 30
) -> float:
    """Requests per second for ``REQUESTS_PER_ROUND`` requests from ``clients``
    concurrent connections; with ``miss``, each to an address of its own, which
    the page cache has never seen."""
    per_client = REQUESTS_PER_ROUND // clients
    joiner = "&" if "?" in path else "?"

    def one_client() -> None:
        for _ in range(per_client):
            asked = f"{path}{joiner}_={next(_numbers)}" if miss else path
            status = _get(port, asked, timeout)
            if status != 200:
                raise RuntimeError(f"{asked} 返回 {status}")

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(one_client) for _ in range(clients)]:
            future.result()
    return per_client * clients / (time.perf_counter() - started)


def _measure(
    pages: list[Page], database_url: str, workers: int, runs: int, *, miss: bool
) -> dict[str, list[float]]:
    """Each page's requests per second in each of ``runs // 2`` cycles."""
    rates: dict[str, list[float]] = {p.metric: [] for p in pages}
    with _server(database_url, workers, DEFAULT_CACHE_SECONDS) as port:
        for page in pages:  # warm every worker's caches and connections
            _round(port, page.path, clients=workers, timeout=WARMING_SECONDS)
        for _ in range(max(1, runs // 2)):
            for page in pages:  # a cycle: every page once, beside its baseline
                rates[page.metric].append(
                    _round(port, page.path, clients=workers, miss=miss)
                )
    return rates


def median_cycle(ratios: list[float]) -> int:
    """The cycle whose ratio is the median (the lower of the two middle ones for
    an even number of cycles)."""
    return ratios.index(statistics.median_low(ratios))


def _measurements(
    pages: list[Page], rates: dict[str, list[float]], suffix: str, progress: Progress
) -> list[Measurement]:
    measurements = []
    for page in pages:
        said = f"{page.metric}{suffix}：各轮 " + " ".join(
            f"{rate:.0f}" for rate in rates[page.metric]
        )
        if page.metric == "web.bare":
            progress(f"{said} 次/秒")
            middle = statistics.median_low(rates[page.metric])
            measurements.append(Measurement(page.metric + suffix, middle, "req/s"))
            continue
        baseline = rates[page.baseline]
        ratios = [
            rate / base for rate, base in zip(rates[page.metric], baseline, strict=True)
        ]
        cycle = median_cycle(ratios)
        progress(f"{said} 次/秒，比值 " + " ".join(f"{r:.2f}" for r in ratios))
        measurements.append(
            Measurement(
                page.metric + suffix,
                rates[page.metric][cycle],
                "req/s",
                baseline[cycle],
            )
        )
    return measurements


def web_measure(
    pages: list[Page], *, runs: int, progress: Progress
) -> list[Measurement]:
    """Each of ``pages`` served by gunicorn with the workers and the page cache
    ``gongkai serve`` starts with, then every request missing the cache
    (``.uncached``), what every first visit after a change costs. The first page
    is the bare view, every other page's baseline."""
    from django.db import connection

    workers = default_workers()
    database_url = _database_url(connection.settings_dict)
    connection.close()  # the server's workers open their own
    measuring(progress)
    progress(f"gunicorn：{workers} 个工作进程；每页每轮 {REQUESTS_PER_ROUND} 个请求")
    cached = _measure(pages, database_url, workers, runs, miss=False)
    uncached = _measure(pages, database_url, workers, runs, miss=True)
    return _measurements(pages, cached, "", progress) + _measurements(
        pages, uncached, ".uncached", progress
    )
