#!/usr/bin/env python3
"""Peak memory of `ocr-fix fix` on hostile inputs: a 20 MB file, and a 100,000-letter word (issue 19).

usage: python benchmarks/hostile_memory.py [--megabytes 20] [--letters 100000] [--jobs N]

Two inputs, written once to benchmarks/out/ from texts inside the project:
  large       the OCR files of benchmarks/heldout/pairs, one after another, repeated up to 20 MB;
              target: under 1.5 GB for all processes together;
  long word   one of those files with a garbled run of 100,000 letters inside a sentence (the run of
              the issue, `японских войскаквойскак... нет.`); target: under 1 GB.
Each is corrected by `ocr-fix fix FILE -o OUT --force` as a user runs it from the shell (with fix's
default workers unless --jobs is given), and measured by benchmarks/measure.py: wall time, the
largest single process's peak resident set, and the peak of the whole process tree's proportional
set size (PSS: pages the workers share with the main process counted once). The figures are printed
as a table and written to benchmarks/out/hostile_memory.json; the exit status is 1 if a target is
missed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from measure import measured  # benchmarks/ is on the path when a script here runs
from tabulate import tabulate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAIRS = HERE / "heldout" / "pairs"
LARGE_TARGET_MB = 1500
LONG_WORD_TARGET_MB = 1000


def ocr_files() -> list[Path]:
    files = sorted(PAIRS.glob("*.ocr.txt"))
    if not files:
        sys.exit(f"no OCR files in {PAIRS}")
    return files


def large_file(path: Path, megabytes: int) -> Path:
    """The held-out OCR files, one after another, repeated until the file holds `megabytes` MB."""
    if path.exists():
        return path
    texts = [f.read_text(encoding="utf-8").strip("\n") + "\n\n" for f in ocr_files()]
    wanted, written = megabytes * 1_000_000, 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < wanted:
            for text in texts:
                handle.write(text)
                written += len(text.encode("utf-8"))
                if written >= wanted:
                    break
    return path


def long_word_file(path: Path, letters: int) -> Path:
    """An ordinary OCR file with a garbled run of `letters` letters inside a sentence of its middle."""
    if path.exists():
        return path
    text = ocr_files()[0].read_text(encoding="utf-8")
    run = ("войскак" * (letters // 7 + 1))[:letters]
    middle = text.index("\n", len(text) // 2) + 1
    path.write_text(f"{text[:middle]}Японских {run} нет.\n{text[middle:]}", encoding="utf-8")
    return path


def ocr_fix_command() -> list[str]:
    """`ocr-fix` as installed beside this Python (what a user types), else `python -m ocr_fix`."""
    script = Path(sys.executable).with_name("ocr-fix")
    if script.exists():
        return [str(script)]
    found = shutil.which("ocr-fix")
    return [found] if found else [sys.executable, "-m", "ocr_fix"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=int, default=20, help="size of the large file (default 20)")
    parser.add_argument("--letters", type=int, default=100_000, help="length of the long word (default 100,000)")
    parser.add_argument("--jobs", type=int, default=None, help="passed to fix (default: fix's own)")
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    inputs = [
        (f"{args.megabytes} MB of held-out OCR text", large_file(out / f"hostile_{args.megabytes}mb.txt", args.megabytes),
         LARGE_TARGET_MB),
        (f"a {args.letters:,}-letter word in ordinary text",
         long_word_file(out / f"hostile_word_{args.letters}.txt", args.letters), LONG_WORD_TARGET_MB),
    ]
    jobs = [] if args.jobs is None else ["--jobs", str(args.jobs)]
    rows, reports, missed = [], [], False
    for label, path, target in inputs:
        command = ocr_fix_command() + ["fix", str(path), "-o", str(path.with_suffix(".fixed.txt")), "--force"] + jobs
        report = measured(command, accepted_codes=(0, 1))
        tree = report["tree_mb"]
        peak = max(report["largest_mb"], tree or 0.0)  # the tree's PSS where /proc gives it
        ok = peak < target
        missed |= not ok
        rows.append([label, f"{report['wall']:.1f}", f"{report['largest_mb']:.0f}",
                     "" if tree is None else f"{tree:.0f}", f"< {target}", "yes" if ok else "NO"])
        reports.append({"input": label, "file": str(path), "bytes": path.stat().st_size, "command": command,
                        "target_mb": target, "within_target": ok, **report})
    print(tabulate(rows, headers=["ocr-fix fix on", "wall s", "largest process MB", "all processes MB (PSS)",
                                  "target MB", "within"], tablefmt="github"))
    (out / "hostile_memory.json").write_text(json.dumps(reports, indent=2, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
