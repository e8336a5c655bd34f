"""Static files served by gongkai itself, in development and in production alike.

Government intranets are often cut off from the internet, so every stylesheet,
script and icon comes from gongkai; and a deployment should work with nothing but
``gongkai serve``. Files are looked up where ``collectstatic`` put them
(``STATIC_ROOT``) and else in the apps (the staticfiles finders), so nothing has
to be collected first. Answers carry a validator and a day's caching; nginx may
serve ``STATIC_ROOT`` itself instead (docs/how-to/deploy.md).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.static import serve

CACHE_SECONDS = 24 * 3600


@lru_cache(maxsize=1024)
def _located(path: str) -> Path | None:
    """Where the file named ``path`` is, or None; ``..`` never leaves the roots."""
    clean = posixpath.normpath(path).lstrip("/")
    if clean.startswith("..") or clean != path.lstrip("/"):
        return None
    collected = Path(settings.STATIC_ROOT) / clean
    try:
        if collected.is_file():
            return collected
        found = finders.find(clean)
    except OSError:  # a name too long for the file system, or otherwise unusable
        return None
    return Path(found) if found else None


def static_file(request: HttpRequest, path: str) -> HttpResponseBase:
    located = _located(path)
    if located is None:
        raise Http404("没有这个文件")
    response = serve(request, located.name, document_root=str(located.parent))
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
