"""The production web server: gunicorn, several worker processes, the WSGI app.

One place builds its command line, so ``gongkai serve`` and ``gongkai bench web``
run the site the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

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
        # The application (Django, gongkai, jieba's dictionary) loaded once, in
        # the master, and the workers forked from it: they share its memory (a
        # worker's own part 138 MB → 37 MB, ADR 23).
        "--preload",
    ]


def server_environment(
    base: dict[str, str], *, cache_seconds: int = DEFAULT_CACHE_SECONDS
) -> dict[str, str]:
    """The workers' environment: public pages cached (``gongkai.portal.caching``)
    unless the environment already says otherwise."""
    return {"GONGKAI_PORTAL_CACHE_SECONDS": str(cache_seconds), **base}


# The key ``gongkai.settings.base`` falls back to: public, in the repository.
DEVELOPMENT_SECRET_KEY = "gongkai-development-only-key-do-not-use-in-production"
MIN_SECRET_KEY_LENGTH = 50
# gunicorn halts (rather than restarting the worker) when a worker exits with this.
APP_LOAD_ERROR = 4


def unsafe_setting(
    *, debug: bool, secret_key: str, allowed_hosts: Sequence[str]
) -> str | None:
    """Why the site must not serve the public with these settings, in one Chinese
    line that says what to set; ``None`` when they are safe.

    The secret key signs sessions and derives every applicant's query code: with
    the development key (public) or a short one, anyone could compute them."""
    production = "DJANGO_SETTINGS_MODULE=gongkai.settings.production"
    if debug:
        return f"gongkai 拒绝启动：DEBUG 处于开启状态；请设置 {production}。"
    if secret_key == DEVELOPMENT_SECRET_KEY:
        return (
            "gongkai 拒绝启动：未设置 GONGKAI_SECRET_KEY（正在使用公开的开发密钥）；"
            "请设置至少 50 个字符的随机密钥，例如 "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' 的输出。"
        )
    if len(secret_key) < MIN_SECRET_KEY_LENGTH:
        return (
            f"gongkai 拒绝启动：GONGKAI_SECRET_KEY 只有 {len(secret_key)} 个字符；"
            f"请设置至少 {MIN_SECRET_KEY_LENGTH} 个字符的随机密钥。"
        )
    if "*" in allowed_hosts:
        return (
            "gongkai 拒绝启动：GONGKAI_ALLOWED_HOSTS 含有“*”；"
            "请列出本站的域名，以逗号分隔。"
        )
    return None


def refuse_if_unsafe(*, status: int = 1) -> None:
    """Exit with ``status`` and one line on stderr if the loaded Django settings
    are unsafe for the public (``gongkai serve`` and the WSGI entry call this)."""
    from django.conf import settings

    reason = unsafe_setting(
        debug=settings.DEBUG,
        secret_key=settings.SECRET_KEY,
        allowed_hosts=settings.ALLOWED_HOSTS,
    )
    if reason:
        sys.stderr.write(reason + "\n")
        sys.stderr.flush()
        raise SystemExit(status)
