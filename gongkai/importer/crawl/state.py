"""What a crawl of one site has fetched, kept between runs.

``seen`` are the report pages and files already saved: a second run does not fetch
them again, and stops walking a column's pages at the first page with nothing new
on it — unless the last run was cut short (it never saved ``complete``), in which
case it walks every page again and Scrapy's job folder resumes the requests it had
queued. A finished run removes the job folder: its memory of requests made would
keep a later run from walking deeper pages. Each saved report is one line of
``manifest.jsonl`` beside the files.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Found:
    """One report saved by the crawl."""

    url: str  # of the file or of the article that prints it
    page: str  # the list or article page it was found on
    title: str
    year: int | None
    agency: str
    file: str  # the saved file's name in the output folder
    sha256: str


class CrawlState:
    def __init__(self, folder: Path, out: Path) -> None:
        self.folder, self.out = folder, out
        folder.mkdir(parents=True, exist_ok=True)
        out.mkdir(parents=True, exist_ok=True)
        data = self._read()
        seen = data.get("seen", [])
        self.seen: set[str] = (
            {str(u) for u in seen} if isinstance(seen, list) else set()
        )
        # The last run was cut short (or this is the first): walk every page.
        self.resuming: bool = not data.get("complete", False)
        self.found: list[Found] = []  # in this run

    @property
    def job_folder(self) -> Path:
        return self.folder / "job"

    def _read(self) -> dict[str, object]:
        try:
            loaded = json.loads((self.folder / "state.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def save(self, *, complete: bool) -> None:
        path = self.folder / "state.json"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(
            json.dumps({"seen": sorted(self.seen), "complete": complete}),
            encoding="utf-8",
        )
        os.replace(temporary, path)  # never half written

    def keep(
        self, *, url: str, page: str, title: str, year: int | None, agency: str,
        body: bytes, suffix: str,
    ) -> Found:  # fmt: skip
        """Save a report's bytes and remember its address."""
        digest = hashlib.sha256(body).hexdigest()
        name = f"{digest[:16]}{suffix}"
        (self.out / name).write_bytes(body)
        found = Found(url, page, title, year, agency, name, digest)
        with (self.out / "manifest.jsonl").open("a", encoding="utf-8") as manifest:
            manifest.write(json.dumps(asdict(found), ensure_ascii=False) + "\n")
        self.seen.add(url)
        self.found.append(found)
        self.save(complete=False)
        return found
