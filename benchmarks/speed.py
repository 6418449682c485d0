#!/usr/bin/env python3
"""Speed and memory of `ocr-fix check` and `ocr-fix fix` on a large OCR-like corpus, side by side
with hunspell-ru and symspellpy on the same corpus.

usage: python benchmarks/speed.py [--words 1000000] [--jobs N] [--hunspell-words 50000] [--repeat 1]

The corpus comes from ../shared/tools/make_perf_corpus.py (written once to benchmarks/out/).
Every figure is a separate process run from the shell, so start-up is included: wall time,
words per second and peak memory (benchmarks/measure.py): the largest single process's resident set,
and the whole process tree's proportional set size, which counts the pages workers share once.
hunspell runs on a slice (`hunspell -a`, every word checked, suggestions for the misspelled ones)
and its time is scaled to the whole corpus; symspellpy looks up every word of the corpus against
wordfreq's Russian list, as its own process, dictionary loading included. With --repeat N, `fix` and
symspellpy run N times each, one after the other, and the table gives their median times: the speed
of a shared machine drifts by a third within an hour, and the ratio of two runs side by side holds.
Needs: pip install -e '.[bench]' (symspellpy); apt-get install hunspell hunspell-ru.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from tabulate import tabulate

from ocr_fix.batch import worker_count

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED_TOOL = ROOT.parent / "shared" / "tools" / "make_perf_corpus.py"
SAMPLE = ROOT / "samples" / "1949-05-18_kovalev_telegram_mao_kim_il.txt"

SYMSPELL_SCRIPT = r"""
import sys, wordfreq, regex
from symspellpy import SymSpell, Verbosity
speller = SymSpell(max_dictionary_edit_distance=2)
for word, freq in wordfreq.get_frequency_dict("ru", "large").items():
    if regex.fullmatch(r"\p{Cyrillic}+", word):
        speller.create_dictionary_entry(word, max(1, int(freq * 1e9)))
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    words = []
    for word in line.split():
        core = word.strip(".,;:")
        hits = speller.lookup(core.lower(), Verbosity.TOP, max_edit_distance=2) if core.isalpha() else []
        words.append(word.replace(core, hits[0].term) if hits and hits[0].term != core.lower() else word)
    out.append(" ".join(words))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
"""


def _peaks(runs: list[tuple[float, float, float | None]]) -> tuple[float, float | None]:
    """The highest memory figures over repeated runs."""
    trees = [tree for _, _, tree in runs if tree is not None]
    return max(largest for _, largest, _ in runs), max(trees) if trees else None


def count_words(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        return sum(len(line.split()) for line in handle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=None, help="passed to check and fix (default: theirs)")
    parser.add_argument("--hunspell-words", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of fix and symspellpy, side by side (medians)")
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    corpus = out / f"perf_{args.words}.txt"
    if not corpus.exists():
        subprocess.run([sys.executable, str(SHARED_TOOL), str(corpus), "--words", str(args.words)], check=True)
    words = count_words(corpus)
    ocr_fix = [sys.executable, "-m", "ocr_fix"]
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="ocr-fix-speed-"))

    def measured(command: list[str]) -> tuple[float, float, float | None]:
        """Wall seconds, the largest process's peak MB, the process tree's peak MB (PSS)."""
        probe = subprocess.run([sys.executable, str(HERE / "measure.py")] + command,
                               capture_output=True, text=True, cwd=ROOT)
        if probe.returncode:
            sys.exit(f"measuring {' '.join(command)} failed: {probe.stderr}")
        report = json.loads(probe.stdout)
        if report["returncode"] not in (0, 1):
            sys.exit(f"{' '.join(command)} failed: {report['stderr']}")
        return report["wall"], report["largest_mb"], report["tree_mb"]

    def memory(largest: float, tree: float | None) -> list[str]:
        return [f"{largest:.0f}", "" if tree is None else f"{tree:.0f}"]

    jobs = [] if args.jobs is None else ["--jobs", str(args.jobs)]
    workers = f"--jobs {args.jobs}" if args.jobs is not None else f"{worker_count(None)} workers (default)"
    page_wall, page_largest, page_tree = measured(ocr_fix + ["fix", str(SAMPLE), "-o", str(tmp / "page.txt")])
    rows.append(["ocr-fix fix, one page (sample, 1,000 words)", f"{page_wall:.2f}", ""] + memory(page_largest, page_tree))
    wall, largest, tree = measured(ocr_fix + ["check", str(corpus), "-f", "json"] + jobs)
    rows.append([f"ocr-fix check, {workers}, {words:,} words", f"{wall:.1f}", f"{words / wall:,.0f}"]
                + memory(largest, tree))
    fix_command = ocr_fix + ["fix", str(corpus), "-o", str(tmp / "fixed.txt"), "--force"] + jobs
    try:
        import symspellpy  # noqa: F401

        script = tmp / "symspell_run.py"
        script.write_text(SYMSPELL_SCRIPT, encoding="utf-8")
        symspell_command = [sys.executable, str(script), str(corpus), str(tmp / "symspell.txt")]
    except ImportError:
        symspell_command = None
    fix_runs, symspell_runs = [], []
    for _ in range(max(1, args.repeat)):  # side by side, so both see the machine at the same speed
        fix_runs.append(measured(fix_command))
        if symspell_command:
            symspell_runs.append(measured(symspell_command))
    wall = median(w for w, _, _ in fix_runs)
    largest, tree = _peaks(fix_runs)
    rows.append([f"ocr-fix fix, {workers}, {words:,} words", f"{wall:.1f}", f"{words / wall:,.0f}"]
                + memory(largest, tree))
    fix_wall = wall
    ratios = []  # timings on a shared machine drift; ratios within one run do not
    if symspell_command:
        wall = median(w for w, _, _ in symspell_runs)
        largest, tree = _peaks(symspell_runs)
        rows.append([f"symspellpy (wordfreq list, distance 2), {words:,} words", f"{wall:.1f}",
                     f"{words / wall:,.0f}"] + memory(largest, tree))
        pairs = [f[0] / s[0] for f, s in zip(fix_runs, symspell_runs)]
        ratios.append(f"fix takes {median(pairs):.2f} times symspellpy's time"
                      + (f" (median of {len(pairs)} runs side by side: {', '.join(f'{r:.2f}' for r in pairs)})"
                         if len(pairs) > 1 else ""))
    else:
        rows.append(["symspellpy", "not installed (pip install -e '.[bench]')", "", ""])
    if shutil.which("hunspell"):
        slice_path = tmp / "slice.txt"
        taken, lines = 0, []
        for line in open(corpus, encoding="utf-8"):
            lines.append(line)
            taken += len(line.split())
            if taken >= args.hunspell_words:
                break
        slice_path.write_text("".join(lines), encoding="utf-8")
        wall, largest, tree = measured(["sh", "-c", f"hunspell -a -d ru_RU < {slice_path} > /dev/null"])
        scaled = wall * words / taken
        rows.append([f"hunspell-ru -a ({taken:,}-word slice, scaled to {words:,})", f"{scaled:.1f}",
                     f"{taken / wall:,.0f}"] + memory(largest, tree))
        ratios.append(f"hunspell takes {scaled / fix_wall:.1f} times fix's time")
    else:
        rows.append(["hunspell-ru", "not installed (apt-get install hunspell hunspell-ru)", "", ""])
    print(f"corpus: {corpus} ({words:,} words), {os.cpu_count()} cores")
    print(tabulate(rows, headers=["run", "wall s", "words/s", "largest process MB", "all processes MB (PSS)"],
                   tablefmt="github"))
    if ratios:
        print("in this run: " + "; ".join(ratios))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
