"""``gongkai bench import``: how fast published reports import.

For each kind of input the benchmark imports a set of reports (read, parse, check:
what ``gongkai import report`` does for each file, here in one process) and runs a
baseline on the same files in the same run, timed in turns with the import; for
most kinds the baseline is the bare text extraction with the same libraries (for
text, HTML and PDF: decoding the text; lxml's text of the page; pdfplumber's text
of every page). Each metric is reports per second; its baseline is the baseline's
rate, so the ratio is the share of the baseline's speed the full import keeps. The
kinds and their baselines are ``bench_kinds``: text, HTML, PDF, DOCX, run-together
text, .mht web archives, .doc and .rtf converted by LibreOffice, scanned PDFs read
through OCR; a kind whose program is missing is skipped with a note.

The inputs are made on the spot (the set-up, printed apart), nothing is read from
the database: the five seeds (text, when present) and a sample report in each
national format (legacy, 2019, 2021) rendered by gongkai to text, HTML, PDF and
DOCX, and made from those into the other kinds.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gongkai.core.bench import Measurement, Progress, benchmark, best_of, measuring

from .bench_kinds import (
    Kind,
    Made,
    Sample,
    Skipped,
    converted_kind,
    docx_kind,
    mht_kind,
    ocr_kind,
    run_together_kind,
    share_right,
)

SEEDS = Path(__file__).resolve().parents[1] / "reports" / "tests" / "data" / "seeds"
FORMATS = ("legacy", "2019", "2021")
RENDERED = ("text", "html", "pdf", "docx")
QUEUE_COUNT = 1000  # PDF reports through the queue (issue 11)


def sample_reports() -> dict[str, tuple[Any, Any]]:
    from gongkai.reports.formats import get_format

    from .samples import sample_report

    return {
        fmt_id: (get_format(fmt_id), sample_report(get_format(fmt_id)))
        for fmt_id in FORMATS
    }


def rendered_samples(reports: dict[str, tuple[Any, Any]]) -> dict[str, list[Sample]]:
    """Each sample report rendered by gongkai to text, HTML, PDF and DOCX."""
    from gongkai.reports.render import render

    made: dict[str, list[Sample]] = {}
    for fmt_id, (fmt, report) in reports.items():
        for kind in RENDERED:
            suffix = "txt" if kind == "text" else kind
            made.setdefault(kind, []).append(
                (f"sample-{fmt_id}.{suffix}", render(report, fmt, kind))
            )
    return made


def extract_text(kind: str, data: bytes) -> str:
    """Bare text extraction of one text, HTML or PDF file, the baseline."""
    if kind == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if kind == "html":
        from lxml import html

        return html.document_fromstring(data).text_content()
    from .readers.charset import decode

    return decode(data).text


def extracted(kind: str, label: str, files: list[Sample]) -> Kind:
    """Text, HTML or PDF files, with their bare text extraction as the baseline."""

    def baseline() -> None:
        for _, data in files:
            extract_text(kind, data)

    return Kind(kind, label, files, baseline)


def kinds(progress: Progress) -> list[Kind]:
    """Every kind this installation can import, made on the spot; those it cannot
    are said and left out."""
    progress("正在生成样本：各格式的报告渲染为文本、网页、PDF 和 Word……")
    reports = sample_reports()
    rendered = rendered_samples(reports)
    seeds = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("0*.txt"))]
    made: list[Made] = [
        extracted("text", "文本", seeds + rendered["text"]),
        extracted("html", "网页", rendered["html"]),
        extracted("pdf", "PDF", rendered["pdf"]),
        docx_kind(rendered),
        run_together_kind(rendered),
        mht_kind(rendered),
    ]
    progress("正在用 LibreOffice 把 Word 样本另存为 .doc 和 .rtf……")
    made += [converted_kind(rendered, "doc"), converted_kind(rendered, "rtf")]
    progress("正在生成扫描件样本（栅格化、加印章、倾斜）……")
    made.append(ocr_kind(reports))
    for kind in made:
        if isinstance(kind, Skipped):
            progress(f"跳过{kind.label}：{kind.reason}。")
    return [kind for kind in made if isinstance(kind, Kind)]


class ImportFailed(Exception):
    """A sample the importer could not read: a bug, said and not timed."""


def measure(kind: Kind, runs: int) -> list[Measurement]:
    from .importing import import_bytes, limits_from_settings, options_from_settings
    from .parsing.warm import warm_up

    warm_up()
    limits, options = limits_from_settings(), options_from_settings(**kind.given)
    last: list[Any] = []

    def import_all() -> None:
        last.clear()
        for name, data in kind.files:
            outcome = import_bytes(data, name, limits, options)
            if outcome.parsed is None:
                raise ImportFailed(f"{name}：{outcome.error}")
            last.append(outcome.parsed.report)

    runs = min(runs, kind.runs) if kind.runs else runs
    import_time, baseline_time = _alternating(runs, import_all, kind.baseline)
    count = len(kind.files)
    measurements = [
        Measurement(
            f"import.{kind.name}",
            count / import_time,
            "reports/s",
            baseline=count / baseline_time,
        )
    ]
    if kind.expected is not None:
        share = share_right(kind.expected, last[0])
        measurements.append(Measurement(f"import.{kind.name}.cells", 100 * share, "%"))
    return measurements


def _alternating(
    runs: int, first: Callable[[], None], second: Callable[[], object]
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
    """Reports imported per second from text, HTML, PDF, DOCX, run-together text,
    web archives, .doc/.rtf (LibreOffice) and scans (OCR), each against a baseline
    on the same files (``bench_kinds``); with ``workers``, PDF reports imported per
    second through the task queue by that many workers, against one worker
    (``bench_queue``; ``count`` files, 1,000 by default)."""
    if workers is not None:
        from .bench_queue import queue_benchmark

        return queue_benchmark(
            workers=workers, count=count or QUEUE_COUNT, progress=progress
        )
    made = kinds(progress)
    measuring(progress)
    measurements = []
    for kind in made:
        progress(f"计时：{kind.label}（{len(kind.files)} 份报告）")
        try:
            measurements.extend(measure(kind, runs))
        except ImportFailed as failed:
            # One kind's bug does not cost the others' figures; it is said.
            progress(f"{kind.label}未计时：样本导入失败（{failed}）")
    return measurements
