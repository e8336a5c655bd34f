"""The production web server: gunicorn, several worker processes, the WSGI app.

One place builds its command line, so ``gongkai serve`` and ``gongkai bench web``
run the site the same way.
"""

from __future__ import annotations

import os
import sys

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_TIMEOUT = 120  # a region's PDF takes a few seconds; leave room
DEFAULT_CACHE_SECONDS = 300


def default_workers() -> int:
    """gunicorn's advice: two workers per core, plus one."""
    return 2 * (os.cpu_count() or 1) + 1


def gunicorn_command(
    *, bind: str, workers: int | None = None, timeout: int = DEFAULT_TIMEOUT
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "gongkai.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers or default_workers()),
        "--timeout",
        str(timeout),
        "--access-logfile",
        "-",
        "--worker-tmp-dir",
        "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",
    ]


def server_environment(
    base: dict[str, str], *, cache_seconds: int = DEFAULT_CACHE_SECONDS
) -> dict[str, str]:
    """The workers' environment: public pages cached (``gongkai.portal.caching``)
    unless the environment already says otherwise."""
    return {"GONGKAI_PORTAL_CACHE_SECONDS": str(cache_seconds), **base}
