"""The public forms' limits counted in Redis, where a site configures it
(``GONGKAI_REDIS_URL``): every worker shares one count, and a limit tripped by one
address leaves another free.

Runs against a real ``redis-server`` started for the test on a free port, so it is
skipped where none is installed (Debian: ``apt-get install redis-server``) or the
``redis`` package is missing; the database cache, the default, is tested in
``gongkai/portal/tests/test_limits.py``.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse

from gongkai.activities.models import Enquiry
from gongkai.portal.guard import DIGITS, TOKEN_FIELD, WINDOW_SECONDS, rate_take

redis = pytest.importorskip("redis", reason="the redis package is not installed")
pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="no redis-server on this machine"
)

QUESTION = {
    "mailbox": "enquiry",
    "asker_name": "王五",
    "asker_contact": "13900000000",
    "subject": "查阅点开放时间",
    "question": "政府信息查阅点周末开放吗？",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory) -> Iterator[str]:
    """A redis-server of this test module's own, keeping nothing on disk."""
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
    command += ["--save", "", "--appendonly", "no", "--dir", str(folder)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        for _ in range(100):
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def limits_in_redis(settings, redis_url) -> str:
    """The ``limits`` cache in Redis, as base.py configures it for
    GONGKAI_REDIS_URL; emptied before each test."""
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "limits",
        },
    }
    redis.Redis.from_url(redis_url).flushdb()
    return redis_url


def test_eight_workers_at_once_let_exactly_the_limit_through(limits_in_redis, settings):
    """Eight submissions from one address at the same moment, each through its
    own connection (a worker's), with a limit of three: three are let through."""
    settings.GONGKAI_RATE_LIMITS = {"enquiry": 3}
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
    start = Barrier(8)

    def submit(_: int) -> bool:
        start.wait()
        try:
            return rate_take("enquiry", request)
        finally:
            caches["limits"].close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        taken = list(pool.map(submit, range(8)))
    assert taken.count(True) == 3
    other = RequestFactory().post("/", REMOTE_ADDR="203.0.113.6")
    assert rate_take("enquiry", other)


def test_the_count_ends_with_its_hour(limits_in_redis, settings):
    """Counting more does not push the window's end further: the key expires an
    hour after the first submission."""
    settings.GONGKAI_RATE_LIMITS = {"enquiry": 10}
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    rate_take("enquiry", request)
    store = redis.Redis.from_url(limits_in_redis)
    (key,) = store.keys("*203.0.113.7*")
    first_ttl = store.ttl(key)
    rate_take("enquiry", request)
    assert 0 < store.ttl(key) <= first_ttl <= WINDOW_SECONDS
    assert caches["limits"].get("gongkai:rate:enquiry:203.0.113.7") == 2


@pytest.mark.django_db
def test_a_tripped_limit_shows_its_page_and_spares_another_visitor(
    limits_in_redis, settings, agency
):
    """Behind nginx's socket, the visitor over the limit gets the Chinese 429
    page; the next visitor's question is still taken."""
    settings.GONGKAI_RATE_LIMITS = {"enquiry": 1}
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 0
    url = reverse("portal:ask", args=[agency.pk])

    def ask(client: Client) -> int:
        page = client.get(url).content.decode()
        a, b = re.search(f"([{DIGITS}])加([{DIGITS}])等于几", page).groups()
        token = re.search(f'name="{TOKEN_FIELD}" value="([^"]+)"', page).group(1)
        answer = DIGITS.index(a) + DIGITS.index(b)
        data = {**QUESTION, "challenge_answer": answer, TOKEN_FIELD: token}
        return client.post(url, data).status_code

    first = Client(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="198.51.100.7")
    second = Client(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert ask(first) == 302
    refused = first.post(url, QUESTION)
    assert refused.status_code == 429
    assert "提交过于频繁" in refused.content.decode()
    assert ask(second) == 302
    assert Enquiry.objects.count() == 2
