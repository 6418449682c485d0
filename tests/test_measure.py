"""benchmarks/measure.py: the figures the speed table is made of."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MEASURE = Path(__file__).resolve().parent.parent / "benchmarks" / "measure.py"

# A parent that forks a worker, each holding about 60 MB of its own for a second.
_TWO_PROCESSES = """
import os, time
block = bytearray(60 * 1024 * 1024)
pid = os.fork()
if pid == 0:
    mine = bytearray(60 * 1024 * 1024)
    time.sleep(1.0)
    os._exit(0)
time.sleep(1.0)
os.waitpid(pid, 0)
raise SystemExit(3)
"""


def measure(*command: str) -> dict:
    done = subprocess.run([sys.executable, str(MEASURE), *command], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="needs Linux /proc PSS")
def test_a_command_and_its_workers_are_measured_together():
    report = measure(sys.executable, "-c", _TWO_PROCESSES)
    assert report["returncode"] == 3
    assert report["wall"] >= 1.0
    assert report["largest_mb"] >= 60
    assert report["tree_mb"] >= 110  # both processes' own blocks, not just the largest


def test_a_command_that_cannot_start_is_reported():
    done = subprocess.run([sys.executable, str(MEASURE), "/nonexistent/command"], capture_output=True, text=True)
    assert done.returncode != 0
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("measure.py: ") and "cannot run /nonexistent/command" in line, line
