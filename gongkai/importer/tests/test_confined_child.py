"""The child that reads one file is confined: it cannot take the machine's memory,
and it does not outlive the process that started it (issue 12, finding 6)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gongkai.importer.importing import confine

MEGABYTE = 1024 * 1024


def _allocate(sender, allowance: int, size: int) -> None:
    confine(parent=os.getppid(), allowance=allowance)
    try:
        block = bytearray(size)
        sender.send(f"allocated {len(block)}")
    except MemoryError:
        sender.send("MemoryError")


def _in_a_child(allowance: int, size: int) -> str:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_allocate, args=(sender, allowance, size))
    child.start()
    sender.close()
    answer = receiver.recv() if receiver.poll(30) else "no answer"
    child.join()
    return answer


def test_a_child_past_its_allowance_gets_a_memory_error_not_the_machine():
    assert _in_a_child(allowance=64 * MEGABYTE, size=512 * MEGABYTE) == "MemoryError"


def test_a_child_within_its_allowance_works_as_usual():
    answer = _in_a_child(allowance=256 * MEGABYTE, size=16 * MEGABYTE)
    assert answer == f"allocated {16 * MEGABYTE}"


SCRIPT = """
import os, sys, time
from gongkai.importer.importing import confine
parent = os.getpid()
pid = os.fork()
if pid == 0:
    confine(parent=parent, allowance=0)
    time.sleep(60)
    os._exit(0)
print(pid, flush=True)
os._exit(0)  # the parent dies at once, as a killed worker would
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state  # a zombie is dead, waiting to be reaped


@pytest.mark.skipif(not Path("/proc").exists(), reason="Linux /proc is needed")
def test_the_child_dies_with_its_parent():
    """A parse child whose worker was killed does not run on."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[3],
        check=True,
    )
    child = int(result.stdout.strip())
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
