"""``gongkai serve`` and the web benchmark start the same production server, which
refuses to serve the public with unsafe settings (issue 12, finding 4)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.portal.bench import _database_url
from gongkai.portal.server import (
    DEVELOPMENT_SECRET_KEY,
    gunicorn_command,
    server_environment,
    unsafe_setting,
)

SAFE_KEY = "k3" * 30


def test_the_server_is_gunicorn_with_several_workers_on_the_wsgi_app():
    command = gunicorn_command(bind="unix:/run/gongkai/gunicorn.sock", workers=3)
    assert command[1:4] == ["-m", "gunicorn", "gongkai.wsgi:application"]
    assert command[command.index("--bind") + 1] == "unix:/run/gongkai/gunicorn.sock"
    assert command[command.index("--workers") + 1] == "3"


def test_the_page_cache_is_on_unless_the_environment_says_otherwise():
    assert server_environment({})["GONGKAI_PORTAL_CACHE_SECONDS"] == "300"
    said = server_environment({"GONGKAI_PORTAL_CACHE_SECONDS": "0"})
    assert said["GONGKAI_PORTAL_CACHE_SECONDS"] == "0"


def test_the_benchmark_server_reads_the_benchmark_database(monkeypatch):
    monkeypatch.delenv("GONGKAI_BENCH_DATABASE_URL", raising=False)
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/data/bench.sqlite3"}
    assert _database_url(sqlite) == "sqlite:////data/bench.sqlite3"
    postgres = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "gongkai_bench",
        "USER": "gongkai",
        "PASSWORD": "p@ss",
        "HOST": "db",
        "PORT": 5432,
    }
    assert _database_url(postgres) == "postgres://gongkai:p%40ss@db:5432/gongkai_bench"


@pytest.mark.parametrize(
    ("debug", "key", "hosts", "says"),
    [
        (True, SAFE_KEY, ["gongkai.example.gov.cn"], "DJANGO_SETTINGS_MODULE"),
        (False, DEVELOPMENT_SECRET_KEY, ["gongkai.example.gov.cn"], "SECRET_KEY"),
        (False, "x", ["gongkai.example.gov.cn"], "至少 50 个字符"),
        (False, "k" * 49, ["gongkai.example.gov.cn"], "至少 50 个字符"),
        (False, SAFE_KEY, ["gongkai.example.gov.cn", "*"], "GONGKAI_ALLOWED_HOSTS"),
    ],
)
def test_unsafe_settings_are_named_with_what_to_set(debug, key, hosts, says):
    """DEBUG, the development key, a key under 50 characters and a host of "*"
    each give one Chinese line that names the variable to set."""
    reason = unsafe_setting(debug=debug, secret_key=key, allowed_hosts=hosts)
    assert reason is not None and says in reason and "\n" not in reason


def test_safe_settings_are_let_through():
    """A long random key, DEBUG off and named hosts start the server."""
    safe = unsafe_setting(
        debug=False, secret_key=SAFE_KEY, allowed_hosts=["gongkai.example.gov.cn"]
    )
    assert safe is None


def _run(tmp_path: Path, command: list[str], **environment: str):
    """``command`` in an environment of none of this process's gongkai, Django
    or database settings but ``environment``'s, its data in ``tmp_path``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(GONGKAI_DATA_DIR=str(tmp_path), **environment)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def _gongkai(tmp_path: Path, *args: str, **environment: str):
    command = [str(Path(sys.executable).with_name("gongkai")), *args]
    return _run(tmp_path, command, **environment)


@pytest.mark.slow
def test_serve_with_the_development_key_exits_1_with_one_chinese_line(tmp_path):
    """``gongkai serve`` under the production settings but without a key of its
    own exits with status 1 and one line saying to set GONGKAI_SECRET_KEY, no
    traceback."""
    done = _gongkai(
        tmp_path, "serve", DJANGO_SETTINGS_MODULE="gongkai.settings.production"
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "GONGKAI_SECRET_KEY" in done.stderr and "拒绝启动" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_the_documented_production_settings_pass_the_deploy_check(tmp_path):
    """``manage check --deploy`` finds nothing to warn about under the production
    settings with a key and hosts: HTTPS redirect, HSTS, secure cookies."""
    done = _gongkai(
        tmp_path,
        "manage",
        "check",
        "--deploy",
        DJANGO_SETTINGS_MODULE="gongkai.settings.production",
        GONGKAI_SECRET_KEY=SAFE_KEY + "Zq9",
        GONGKAI_ALLOWED_HOSTS="gongkai.example.gov.cn",
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.slow
def test_what_loading_made_is_left_out_of_garbage_collection(tmp_path):
    """The application as gunicorn loads it before forking its workers: Django,
    gongkai and the search's word list are frozen out of the garbage collector,
    so that a worker's full collection looks only at what the worker made (and
    leaves the pages it shares with the master unwritten)."""
    program = (
        "import gc, gongkai.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    )
    done = _run(
        tmp_path,
        [sys.executable, "-c", program],
        DJANGO_SETTINGS_MODULE="gongkai.settings.production",
        GONGKAI_SECRET_KEY=SAFE_KEY + "Zq9",
        GONGKAI_ALLOWED_HOSTS="gongkai.example.gov.cn",
    )
    assert done.returncode == 0, done.stderr
    frozen, collected = map(int, done.stdout.split())
    assert frozen > 50_000
    assert collected < frozen / 20
