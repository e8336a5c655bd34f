"""The daily log files survive being rotated by several workers at once."""

from __future__ import annotations

import logging
from pathlib import Path

from gongkai.core.logs import SharedTimedRotatingFileHandler


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("gongkai.security", logging.INFO, "", 0, message, (), None)


def _lines(folder: Path) -> list[str]:
    return sorted(line for f in folder.iterdir() for line in f.read_text().splitlines())


def test_two_workers_rotating_the_same_day_lose_no_line(tmp_path):
    """Two workers (two handlers on one file) both pass midnight: the first
    renames the day's file, the second only reopens, and every line written
    before and after is still in one of the files."""
    log = tmp_path / "security.log"
    first, second = (
        SharedTimedRotatingFileHandler(log, when="midnight", backupCount=200)
        for _ in range(2)
    )
    first.emit(_record("yesterday, first worker"))
    second.emit(_record("yesterday, second worker"))
    for handler in (first, second):
        handler.rolloverAt = 0  # midnight has passed for both
    first.emit(_record("today, first worker"))
    second.emit(_record("today, second worker"))
    first.close()
    second.close()
    assert _lines(tmp_path) == sorted(
        [
            "today, first worker",
            "today, second worker",
            "yesterday, first worker",
            "yesterday, second worker",
        ]
    )
    assert len(list(tmp_path.iterdir())) == 2  # today's file and yesterday's
