"""``python -m gongkai.importer.crawl.run URL --out DIR --state DIR``: one crawl in a
process of its own (the ``gongkai crawl`` command starts it). Prints the reports
saved in this run as JSON lines on standard output."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import asdict
from pathlib import Path

from scrapy.crawler import CrawlerProcess

from .spider import ReportSpider
from .state import CrawlState

USER_AGENT = "gongkai-crawler/1.0 (政府信息公开工作年度报告收集)"
MAX_BYTES = 20 * 1024 * 1024  # a report file, as the importer's limit


def settings(state: CrawlState, delay: float) -> dict[str, object]:
    return {
        "ROBOTSTXT_OBEY": True,
        "USER_AGENT": USER_AGENT,
        "DOWNLOAD_DELAY": delay,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_MAXSIZE": MAX_BYTES,
        "DOWNLOAD_TIMEOUT": 60,
        "RETRY_TIMES": 2,
        "JOBDIR": str(state.job_folder),
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "COOKIES_ENABLED": False,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="收集政府网站的政府信息公开年报")
    parser.add_argument("url")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--until", type=int, default=None)
    parser.add_argument("--delay", type=float, default=1.0)
    args = parser.parse_args(argv)
    state = CrawlState(args.state, args.out)
    state.save(complete=False)  # until this run ends
    process = CrawlerProcess(settings(state, args.delay))
    process.crawl(ReportSpider, start_url=args.url, state=state, until=args.until)
    process.start()
    state.save(complete=True)
    shutil.rmtree(state.job_folder, ignore_errors=True)
    for found in state.found:
        sys.stdout.write(json.dumps(asdict(found), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
