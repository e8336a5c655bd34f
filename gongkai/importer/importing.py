"""One file in, one outcome out: read, parse, check, never raise.

``import_file`` and ``import_bytes`` do the work in this process; ``import_isolated``
does it in a forked child process that is stopped after ``GONGKAI_IMPORT_TIMEOUT``
seconds, so that a pathological PDF cannot hang a batch and a crash in a C library
cannot take the batch down. Whatever happens, the outcome says it in Chinese,
beside the file's name, and the batch goes on.
"""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .parsing import Parsed, ParseError, ParseOptions, parse_document
from .readers import Limits, ReadError, read_document

T = TypeVar("T")

SUFFIXES = frozenset(
    [
        ".txt",
        ".text",
        ".htm",
        ".html",
        ".shtml",
        ".xhtml",
        ".jsp",
        ".asp",
        ".aspx",
        ".php",
        ".docx",
        ".pdf",
        ".xlsx",
        ".doc",
        ".xls",
        ".wps",
        ".et",
        ".rtf",
        ".mht",
        ".mhtml",
        ".png",
        ".jpg",
        ".jpeg",
        ".tif",
        ".tiff",
    ]
)


@dataclass
class ImportOutcome:
    name: str  # the file's name, as the report's sources cite it
    parsed: Parsed | None = None
    error: str | None = None
    kind: str | None = None  # readers.KINDS: text, html, docx, pdf, xlsx, doc…
    sha256: str = ""
    seconds: float = 0.0
    size: int = 0

    @property
    def ok(self) -> bool:
        return self.parsed is not None

    def as_dict(self) -> dict[str, Any]:
        """The outcome for ``--json``: the report in the open schema, or the error."""
        return {
            "file": self.name,
            "ok": self.ok,
            "error": self.error,
            "kind": self.kind,
            "sha256": self.sha256,
            "report": self.parsed.report.to_dict() if self.parsed else None,
        }


def limits_from_settings() -> Limits:
    from django.conf import settings

    return Limits(
        max_bytes=settings.GONGKAI_IMPORT_MAX_BYTES,
        max_pages=settings.GONGKAI_IMPORT_MAX_PAGES,
        max_unpacked_bytes=settings.GONGKAI_IMPORT_MAX_UNPACKED_BYTES,
        max_cells=settings.GONGKAI_IMPORT_MAX_CELLS,
        soffice=settings.GONGKAI_SOFFICE,
        convert_seconds=settings.GONGKAI_IMPORT_TIMEOUT,
    )


def options_from_settings(**given: Any) -> ParseOptions:
    from django.conf import settings

    return ParseOptions(dash_means=settings.GONGKAI_IMPORT_DASH_MEANS, **given)


def import_bytes(
    data: bytes, name: str, limits: Limits, options: ParseOptions
) -> ImportOutcome:
    """Read and parse ``data`` here and now."""
    started = time.perf_counter()
    outcome = ImportOutcome(
        name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
    )
    try:
        document = read_document(data, name, limits)
        outcome.kind = document.kind
        outcome.parsed = parse_document(document, options)
    except (ReadError, ParseError) as exc:
        outcome.error = exc.message
    except RecursionError:
        outcome.error = "文件结构嵌套过深，无法读取。"
    except MemoryError:
        outcome.error = "文件过于复杂，读取时内存不足。"
    except Exception as exc:  # the last guard: a bug must not stop the batch
        outcome.error = (
            f"读取时发生意外错误（{type(exc).__name__}：{exc}）。"
            "请将此文件提交给维护人员。"
        )
    outcome.seconds = time.perf_counter() - started
    return outcome


def import_file(path: Path, limits: Limits, options: ParseOptions) -> ImportOutcome:
    """Read and parse the file at ``path`` here and now; its size is checked
    before a byte of it is read."""
    try:
        size = path.stat().st_size
        limits.check_size(size)
        data = path.read_bytes()
    except ReadError as exc:
        return ImportOutcome(name=path.name, error=exc.message, size=size)
    except OSError as exc:
        return ImportOutcome(name=path.name, error=f"无法打开文件：{exc.strerror}。")
    return import_bytes(data, path.name, limits, options)


def warm_up() -> None:
    """Load what every import needs (the libraries, the format files and their
    layouts, the parser's data files) once, in this process: forked children then
    share it instead of each loading it again."""
    import openpyxl  # noqa: F401
    import pdfplumber  # noqa: F401

    from .parsing.warm import warm_up as warm_parser

    warm_parser()


def import_isolated(
    path: Path, limits: Limits, options: ParseOptions, timeout: float
) -> ImportOutcome:
    """``import_file`` in a child process, stopped after ``timeout`` seconds
    (0: in this process, without a limit)."""
    if timeout <= 0:
        return import_file(path, limits, options)
    started = time.perf_counter()
    try:
        outcome: ImportOutcome = run_isolated(
            import_file, (path, limits, options), timeout
        )
    except Stopped as exc:
        outcome = ImportOutcome(name=path.name, error=exc.message)
    outcome.seconds = time.perf_counter() - started
    return outcome


class Stopped(Exception):
    """The child reading a file gave no answer: too slow, or it died. The message
    is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def run_isolated(work: Callable[..., T], args: tuple[Any, ...], timeout: float) -> T:
    """``work(*args)`` in a forked child process confined as every read of a
    published file is (``confine``), its result sent back; ``Stopped`` after
    ``timeout`` seconds or when the child dies. ``work`` must return, not raise:
    what goes wrong in it is part of its answer."""
    warm_up()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(sender, work, args, os.getpid(), _memory_allowance()),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise Stopped(
                f"读取超过 {timeout:g} 秒仍未完成，已停止"
                "（GONGKAI_IMPORT_TIMEOUT）。文件可能已损坏或结构异常。"
            )
        return receiver.recv()
    except (EOFError, OSError):
        raise Stopped("读取此文件时处理进程意外退出，文件可能已损坏。") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()


def _child(
    sender: Any,
    work: Callable[..., Any],
    args: tuple[Any, ...],
    parent: int,
    allowance: int,
) -> None:
    try:
        confine(parent=parent, allowance=allowance)
        sender.send(work(*args))
    finally:
        sender.close()


def _memory_allowance() -> int:
    from django.conf import settings

    return int(settings.GONGKAI_IMPORT_MAX_MEMORY)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def confine(*, parent: int, allowance: int) -> None:
    """Bound the parse child: it dies with the process that started it (a web or
    task worker killed mid-import must not leave a runaway child, whose time limit
    lived in the dead parent), and it may take at most ``allowance`` bytes of
    address space beyond what it inherited (a small DOCX that unpacks to hundreds
    of MB then fails with MemoryError, reported as such, instead of taking the
    machine). 0: no memory limit."""
    libc = ctypes.CDLL(None, use_errno=True)
    if hasattr(libc, "prctl"):
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    if allowance > 0:
        inherited = _address_space()
        ceiling = inherited + allowance
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def files_in(paths: list[Path]) -> tuple[list[Path], list[ImportOutcome]]:
    """The files named, directories searched for report files (recursively, in
    name order), and an outcome for each name that is no file."""
    files: list[Path] = []
    missing: list[ImportOutcome] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not p.name.startswith(".")
                    and p.suffix.lower() in SUFFIXES
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append(ImportOutcome(name=str(path), error="文件不存在。"))
    return files, missing
