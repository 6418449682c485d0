#!/usr/bin/env python3
"""Run one command and report its wall time and memory, as JSON on standard output.

usage: python benchmarks/measure.py COMMAND [ARGS...]

- wall: seconds from start to exit, start-up included;
- largest_mb: the largest resident set of any one process of the command (ru_maxrss of the
  children; this script runs a single command, so the figure is that command's);
- tree_mb: the peak of the process tree's summed proportional set size (PSS, Linux), sampled every
  0.2 s: worker processes forked from the main one share its pages, which a sum of resident sizes
  would count once per process, while PSS splits each shared page among its sharers. Null where
  /proc gives no PSS.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(name))
    return tree


def _tree_pss_kb(root: int) -> int | None:
    tree, todo, total, seen_any = _children(), [root], 0, False
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        seen_any = True
                        break
        except OSError:
            continue
    return total if seen_any else None


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as error:
        sys.exit(f"measure.py: cannot run {sys.argv[1]}: {error.strerror}")
    peak: list[int | None] = [None]

    def sample() -> None:
        while proc.poll() is None:
            now = _tree_pss_kb(proc.pid) if os.path.exists("/proc/self/smaps_rollup") else None
            if now is not None and (peak[0] is None or now > peak[0]):
                peak[0] = now
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    json.dump({"wall": wall, "largest_mb": largest, "tree_mb": None if peak[0] is None else peak[0] / 1024,
               "returncode": proc.returncode, "stderr": err.decode(errors="replace")[-400:]}, sys.stdout)


def measured(command: list[str], accepted_codes: tuple[int, ...] = (0,)) -> dict:
    """For the benchmark scripts: `command` measured by this script in a process of its own (so that
    ru_maxrss is that command's alone); the report as a dict, or an exit naming what failed."""
    here = os.path.dirname(os.path.abspath(__file__))
    probe = subprocess.run([sys.executable, os.path.join(here, "measure.py")] + command, capture_output=True,
                           text=True, cwd=os.path.dirname(here))
    if probe.returncode:
        sys.exit(f"measuring {' '.join(command)} failed: {probe.stderr}")
    report = json.loads(probe.stdout)
    if report["returncode"] not in accepted_codes:
        sys.exit(f"{' '.join(command)} failed: {report['stderr']}")
    return report


if __name__ == "__main__":
    main()
