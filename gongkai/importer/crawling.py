"""``gongkai crawl``: run the crawler (``importer.crawl``) in a process of its own and
feed what it found to the import queue, as uploads are.

Each site has its folder under ``DATA_DIR/crawl/<host>/``: the saved files with
their manifest, and the crawl's state (what was fetched, and a job folder while a
run is under way). The delay between two requests to the site is
``GONGKAI_CRAWL_DELAY`` unless given.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core.files import File

from gongkai.accounts.models import User
from gongkai.core.workflow import Refused

from .crawl.recognise import is_file
from .crawl.state import Found
from .tasks import uploads_enqueue


def site_folder(url: str) -> Path:
    host = urlparse(url).netloc.replace(":", "_") or "site"
    return Path(settings.DATA_DIR) / "crawl" / host


def crawl_site(url: str, *, until: int | None, delay: float | None) -> list[Found]:
    """The reports found on the site's column at ``url`` in this run (not the ones
    an earlier run found)."""
    if urlparse(url).scheme not in ("http", "https"):
        raise Refused("请给出以 http:// 或 https:// 开头的栏目网址。")
    folder = site_folder(url)
    command = [
        sys.executable, "-m", "gongkai.importer.crawl.run", url,
        "--out", str(folder / "files"), "--state", str(folder / "state"),
        "--delay", str(settings.GONGKAI_CRAWL_DELAY if delay is None else delay),
    ]  # fmt: skip
    if until is not None:
        command += ["--until", str(until)]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        last = (finished.stderr.strip().splitlines() or ["（无输出）"])[-1]
        raise Refused(f"收集未能完成：{last}")
    return [Found(**json.loads(line)) for line in finished.stdout.splitlines()]


def found_enqueue(
    found: list[Found], *, url: str, region: str | None, acting_user: User | None
) -> uuid.UUID:
    """Queue the files ``found`` for import, as one batch of uploads."""
    folder = site_folder(url) / "files"
    handles = [(folder / item.file).open("rb") for item in found]
    try:
        files: list[File[Any]] = [
            File(handle, name=_name(item))
            for handle, item in zip(handles, found, strict=True)
        ]
        options = {"region": region or "", "agency": "", "year": None, "format": ""}
        return uploads_enqueue(files=files, options=options, acting_user=acting_user)
    finally:
        for handle in handles:
            handle.close()


def _name(item: Found) -> str:
    """The name the import shows: a file's own, or the title of an article."""
    if is_file(item.url):
        return PurePosixPath(urlparse(item.url).path).name
    return f"{item.title[:80] or item.sha256[:16]}{PurePosixPath(item.file).suffix}"
