"""Many people at the same moment, against the production server (gunicorn,
several worker processes, on the configured database, behind a unix socket as in
docs/how-to/deploy.md): no application is lost, none is stored twice, and one
address's limit holds across the workers; and the workers share the application
they were forked from (ADR 23)."""

from __future__ import annotations

import http.client
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from gongkai.portal.guard import DIGITS, TOKEN_FIELD
from gongkai.portal.server import gunicorn_command

# The server gets a database of its own (migrated afresh, on the configured kind of
# database), so this test leaves nothing in the test database.
pytestmark = pytest.mark.slow

REPOSITORY = Path(settings.BASE_DIR).parent
SETTINGS = """\
from gongkai.settings.test import *  # noqa: F403

GONGKAI_CHALLENGE_MIN_SECONDS = 0
GONGKAI_RATE_LIMITS = {"application": 3, "enquiry": 10}
"""
WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def resident_id(serial: int) -> str:
    """A well-formed 居民身份证号码 (GB 11643 check digit) for person ``serial``."""
    body = f"11010519900101{serial:03d}"
    check = "10X98765432"[
        sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11
    ]
    return body + check


class SocketConnection(http.client.HTTPConnection):
    """HTTP over gunicorn's unix socket, as nginx speaks to it."""

    def __init__(self, path: Path) -> None:
        super().__init__("localhost", timeout=120)
        self.socket_path = str(path)

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.socket_path)


class Visitor:
    """One person's browser behind nginx: its cookies, its forwarded address."""

    def __init__(self, server: Path, address: str) -> None:
        self.server, self.address, self.cookies = server, address, SimpleCookie()

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"X-Forwarded-For": self.address, "Host": "localhost"}
        if self.cookies:
            headers["Cookie"] = "; ".join(
                f"{k}={m.value}" for k, m in self.cookies.items()
            )
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = SocketConnection(self.server)
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            page = response.read().decode()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(cookie)
            return response.status, response.getheader("Location"), page
        finally:
            conn.close()

    def filled_form(self, path: str, serial: int) -> dict:
        """Open the application form and fill it in as a person would."""
        status, _, page = self.request("GET", path)
        assert status == 200, page[:500]
        a, b = re.search(f"([{DIGITS}])加([{DIGITS}])等于几", page).groups()

        def hidden(name: str) -> str:
            return re.search(f'name="{name}" value="([^"]+)"', page).group(1)

        return {
            "applicant_type": "natural_person",
            "name": f"申请人{serial}",
            "id_kind": "resident_id",
            "id_number": resident_id(serial),
            "phone": f"136{serial:08d}",
            "description": f"第{serial}号申请：2024年本局政府采购合同",
            "requested_form": "electronic",
            "delivery_method": "email",
            "email": f"person{serial}@example.com",
            "challenge_answer": DIGITS.index(a) + DIGITS.index(b),
            TOKEN_FIELD: hidden(TOKEN_FIELD),
            "csrfmiddlewaretoken": hidden("csrfmiddlewaretoken"),
        }


PREPARE = """
import django

django.setup()
from django.core.management import call_command
from gongkai.testing import factories

call_command("migrate", verbosity=0)
print(factories.AgencyFactory(name="测试市民政局").pk)
"""


@contextmanager
def _own_database(tmp_path: Path) -> Iterator[str]:
    """A database for the server alone, as a URL: a new file on SQLite, a new
    database on the same PostgreSQL server (dropped afterwards); ``PREPARE``
    migrates it."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'gongkai.sqlite3'}"
        return
    import psycopg

    name = f"gongkai_load_{secrets.token_hex(4)}"
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = quote(config.get("USER") or "")
    password = quote(config.get("PASSWORD") or "")
    who = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{config['PORT']}" if config.get("PORT") else ""
    try:
        yield f"postgres://{who}{config.get('HOST') or ''}{port}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _stored_numbers(database_url: str) -> list[str]:
    query = "SELECT tracking_number FROM applications_application"
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return [number for (number,) in db.execute(query)]
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as db:
        return [number for (number,) in db.execute(query)]


@pytest.fixture
def server(tmp_path):
    """gunicorn with four workers on a unix socket, on a database of its own with
    one agency; yields (socket, database URL, the agency's id, gunicorn's pid)."""
    (tmp_path / "load_settings.py").write_text(SETTINGS)
    with _own_database(tmp_path) as database_url:
        environment = {
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": f"{tmp_path}:{REPOSITORY}",
            "DJANGO_SETTINGS_MODULE": "load_settings",
            "DATABASE_URL": database_url,
            "GONGKAI_DATA_DIR": str(tmp_path / "data"),
            "GONGKAI_SECRET_KEY": secrets.token_urlsafe(50),
            "GONGKAI_PORTAL_CACHE_SECONDS": "0",
        }
        prepared = subprocess.run(
            [sys.executable, "-c", PREPARE],
            env=environment,
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            check=False,
        )
        assert prepared.returncode == 0, prepared.stderr[-2000:]
        agency_id = int(prepared.stdout.split()[-1])
        sock = tmp_path / "gunicorn.sock"
        command = gunicorn_command(bind=f"unix:{sock}", workers=4)
        process = subprocess.Popen(
            command,
            env=environment,
            cwd=REPOSITORY,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 60
            while not sock.exists() and process.poll() is None:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
            assert process.poll() is None, process.stderr.read().decode()
            yield sock, database_url, agency_id, process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)


def _all_at_once(actions) -> list:
    """Run the actions in threads released together; their results in order."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index: int) -> None:
        barrier.wait()
        results[index] = actions[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def test_many_at_once_lose_nothing_store_nothing_twice_and_keep_the_limit(server):
    """Fifty people press "submit" at the same moment, ten of them twice: fifty
    applications, fifty different tracking numbers, and each double-presser sees
    one number on both answers. Then eight people behind one address (the limit is
    three an hour) submit at once, reaching different workers: three are stored,
    five refused. (One test: the server is started once.)"""
    sock, database_url, agency_id, _ = server
    path = reverse("portal:apply_form", args=[agency_id])
    people = [Visitor(sock, f"198.51.100.{n + 1}") for n in range(50)]
    forms = [person.filled_form(path, n) for n, person in enumerate(people)]
    sends = [(person, form) for person, form in zip(people, forms, strict=True)]
    sends += sends[:10]  # ten double clicks
    answers = _all_at_once(
        [lambda p=p, f=f: p.request("POST", path, f) for p, f in sends]
    )
    assert [status for status, _, _ in answers] == [302] * 60, [
        re.findall(r'(?s)class="errorlist.{0,200}', page) or page[:300]
        for status, _, page in answers
        if status != 302
    ]
    numbers = _stored_numbers(database_url)
    assert len(numbers) == 50
    assert len(set(numbers)) == 50
    shown = [p.request("GET", reverse("portal:apply_done"))[2] for p in people]
    for page in shown:
        assert sum(number in page for number in numbers) == 1

    crowd = [Visitor(sock, "203.0.113.77") for _ in range(8)]
    forms = [person.filled_form(path, 100 + n) for n, person in enumerate(crowd)]
    answers = _all_at_once(
        [
            lambda p=p, f=f: p.request("POST", path, f)
            for p, f in zip(crowd, forms, strict=True)
        ]
    )
    assert sorted(status for status, _, _ in answers) == [302] * 3 + [429] * 5
    assert len(_stored_numbers(database_url)) == 53


def _parent(stat: Path) -> int | None:
    """The parent of the process whose ``/proc/PID/stat`` this is."""
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except OSError:  # the process has ended
        return None


def _memory(pid: str) -> dict[str, int]:
    """A process's memory in kB, from Linux's ``/proc/PID/smaps_rollup``."""
    lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    return {line.split(":")[0]: int(line.split()[1]) for line in lines}


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="Linux")
def test_the_workers_share_the_application_loaded_before_they_fork(server):
    """The application is loaded once, in gunicorn's master, and each worker
    forked from it: most of a worker's memory, after serving pages, is shared
    with the others (loaded in each worker, a sixth of it was)."""
    sock, _, agency_id, master = server
    visitor = Visitor(sock, "198.51.100.7")
    for path in ("/", reverse("portal:apply_form", args=[agency_id])):
        assert visitor.request("GET", path)[0] == 200
    workers = [
        stat.parent.name
        for stat in Path("/proc").glob("[0-9]*/stat")
        if _parent(stat) == master
    ]
    assert len(workers) == 4
    for worker in workers:
        memory = _memory(worker)
        shared = memory["Shared_Clean"] + memory["Shared_Dirty"]
        assert shared > memory["Rss"] / 2, memory
