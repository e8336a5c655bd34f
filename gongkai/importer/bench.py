"""``gongkai bench import``: how fast published reports import.

For each kind of input (text, HTML, PDF) the benchmark imports a set of reports
(read, parse, check: what ``gongkai import report`` does for each file, here in one
process) and extracts the bare text of the same files with the same libraries
(decoding the text; lxml's text of the page; pdfplumber's text of every page). Each
metric is reports per second; its baseline is the bare extraction's rate, so the
ratio is the share of text extraction's speed the full import keeps.

The inputs are made on the spot, nothing is read from the database: the five seeds
(text, when present) and a sample report in each national format (legacy, 2019,
2021) rendered by gongkai to text, HTML and PDF.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from gongkai.core.bench import Measurement, Progress, benchmark, best_of, measuring

SEEDS = Path(__file__).resolve().parents[1] / "reports" / "tests" / "data" / "seeds"
FORMATS = ("legacy", "2019", "2021")
KINDS = ("text", "html", "pdf")
QUEUE_COUNT = 1000  # PDF reports through the queue (issue 11)

Sample = tuple[str, bytes]  # file name, content


def samples(progress: Progress) -> dict[str, list[Sample]]:
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    from .samples import sample_report

    progress("正在生成样本：各格式的报告渲染为文本、网页和 PDF……")
    made: dict[str, list[Sample]] = {
        "text": [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("0*.txt"))]
    }
    for fmt_id in FORMATS:
        fmt = get_format(fmt_id)
        report = sample_report(fmt)
        for kind in KINDS:
            suffix = "txt" if kind == "text" else kind
            made.setdefault(kind, []).append(
                (f"sample-{fmt_id}.{suffix}", render(report, fmt, kind))
            )
    return made


def extract_text(kind: str, data: bytes) -> str:
    """Bare text extraction of one file, the baseline."""
    if kind == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if kind == "html":
        from lxml import html

        return html.document_fromstring(data).text_content()
    from .readers.charset import decode

    return decode(data).text


def measure(kind: str, files: list[Sample], runs: int) -> Measurement:
    from .importing import import_bytes, limits_from_settings, options_from_settings
    from .parsing.warm import warm_up

    warm_up()
    limits, options = limits_from_settings(), options_from_settings()

    def import_all() -> None:
        for name, data in files:
            outcome = import_bytes(data, name, limits, options)
            if not outcome.ok:
                raise RuntimeError(f"{name}: {outcome.error}")

    def extract_all() -> None:
        for _, data in files:
            extract_text(kind, data)

    import_time, extract_time = _alternating(runs, import_all, extract_all)
    return Measurement(
        f"import.{kind}",
        len(files) / import_time,
        "reports/s",
        baseline=len(files) / extract_time,
    )


def _alternating(
    runs: int, first: Callable[[], None], second: Callable[[], None]
) -> tuple[float, float]:
    """The best time of each, timed in turns so both meet the same machine load."""
    best_first = best_second = float("inf")
    for _ in range(max(1, runs)):
        best_first = min(best_first, best_of(1, first))
        best_second = min(best_second, best_of(1, second))
    return best_first, best_second


@benchmark("import")
def import_benchmark(
    *,
    runs: int,
    progress: Progress,
    workers: int | None = None,
    count: int | None = None,
) -> list[Measurement]:
    """Reports imported per second from text, HTML and PDF, against the rate of bare
    text extraction of the same files; with ``workers``, PDF reports imported per
    second through the task queue by that many workers, against one worker
    (``bench_queue``; ``count`` files, 1,000 by default)."""
    if workers is not None:
        from .bench_queue import queue_benchmark

        return queue_benchmark(
            workers=workers, count=count or QUEUE_COUNT, progress=progress
        )
    made = samples(progress)
    measuring(progress)
    measurements = []
    for kind in KINDS:
        progress(f"计时：{kind}（{len(made[kind])} 份报告）")
        measurements.append(measure(kind, made[kind], runs))
    return measurements
