#!/usr/bin/env python3
"""`ocr-fix fix` over an archive of OCR'd typescripts: the local worker pool against a 2-worker Dask
LocalCluster (`--scheduler local`), side by side, and whether they write the same bytes.

usage: python benchmarks/archive_speed.py [--archive DIR] [--files 300] [--repeat 3] [--workers 2]

The archive is benchmarks/make_archive.py's (made first if it is missing: OUT/ocr/*.txt). Each run is
a separate process started as from the shell, so start-up (and, for the cluster, starting the
scheduler and its workers and loading their dictionaries) is included. The runs alternate, local
then cluster, N times, and the table gives each one's median wall time: the speed of a shared machine
drifts, and the ratio of two runs side by side holds. Every run's output folder is compared with the
first local run's, file by file, byte for byte. Needs: pip install -e '.[dask]'.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from tabulate import tabulate

HERE = Path(__file__).resolve().parent
DEFAULT_ARCHIVE = HERE / "out" / "archive"
TARGET = 1.3  # issue 16: the LocalCluster takes at most 1.3 times the local batch's wall time


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _fix(inputs: Path, out: Path, extra: list[str]) -> tuple[float, str]:
    """One `ocr-fix fix` run: its wall time and its summary line."""
    command = [sys.executable, "-m", "ocr_fix", "fix", str(inputs), "--out-dir", str(out), *extra]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: a file failed, which the summary says
        sys.exit(f"archive_speed: {' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return wall, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, help="made by make_archive.py")
    parser.add_argument("--files", type=int, default=300, help="files to make when the archive is missing")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="the LocalCluster's workers (default 2)")
    args = parser.parse_args(argv)
    inputs = args.archive / "ocr"
    if not inputs.is_dir():
        subprocess.run([sys.executable, str(HERE / "make_archive.py"), "--files", str(args.files),
                        "--out", str(args.archive)], check=True)
    files = len([p for p in inputs.rglob("*.txt")])
    engines = {"local pool": [], f"LocalCluster, {args.workers} workers": ["--scheduler", "local", "--jobs",
                                                                           str(args.workers)]}
    times: dict[str, list[float]] = {name: [] for name in engines}
    summaries: dict[str, str] = {}
    identical = True
    reference: dict[str, bytes] | None = None
    with tempfile.TemporaryDirectory(dir=HERE / "out") as scratch:
        for run in range(args.repeat):
            for name, extra in engines.items():
                out = Path(scratch) / f"{run}-{len(times[name])}-{name.split()[0]}"
                wall, summaries[name] = _fix(inputs, out, extra)
                times[name].append(wall)
                written = _tree(out)
                if reference is None:
                    reference = written
                elif written != reference:
                    identical = False
                    differing = sorted(k for k in set(written) | set(reference) if written.get(k) != reference.get(k))
                    print(f"{name}, run {run + 1}: {len(differing)} file(s) differ, e.g. {differing[:3]}",
                          file=sys.stderr)
                print(f"run {run + 1}, {name}: {wall:.1f} s", file=sys.stderr)
    local = median(times["local pool"])
    rows = []
    for name, extra in engines.items():
        wall = median(times[name])
        rows.append([name, " ".join(["ocr-fix fix ARCHIVE --out-dir OUT", *extra]), files, f"{wall:.1f}",
                     " ".join(f"{t:.1f}" for t in times[name]), f"{wall / local:.2f}"])
    print(f"archive: {inputs} ({files} files); machine: {os.cpu_count()} cores; medians of {args.repeat} run(s)")
    print(tabulate(rows, headers=["engine", "command", "files", "wall s (median)", "runs", "× local"],
                   disable_numparse=True))
    for name, line in summaries.items():
        print(f"{name}: {line}")
    ratio = median(times[list(engines)[1]]) / local
    print(f"outputs byte-identical across all runs: {'yes' if identical else 'NO'}; "
          f"LocalCluster / local = {ratio:.2f} (target ≤ {TARGET})")
    return 0 if identical and ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
