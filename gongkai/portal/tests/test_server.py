"""``gongkai serve`` and the web benchmark start the same production server."""

from gongkai.portal.bench import _database_url
from gongkai.portal.server import gunicorn_command, server_environment


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
