#!/usr/bin/env python3
"""Speed and memory of `ocr-fix check` and `ocr-fix fix` on a large OCR-like corpus, side by side
with hunspell-ru and symspellpy on the same corpus.

usage: python benchmarks/speed.py [--words 1000000] [--jobs 2] [--hunspell-words 50000] [--repeat 1]

The corpus comes from ../shared/tools/make_perf_corpus.py (written once to benchmarks/out/).
Every figure is a separate process run from the shell, so start-up is included: wall time,
words per second and peak memory (maximum resident set size of the process and its workers).
hunspell runs on a slice (`hunspell -a`, every word checked, suggestions for the misspelled ones)
and its time is scaled to the whole corpus; symspellpy looks up every word of the corpus against
wordfreq's Russian list, as its own process, dictionary loading included. With --repeat N, `fix` and
symspellpy run N times each, one after the other, and the table gives their median times: the speed
of a shared machine drifts by a third within an hour, and the ratio of two runs side by side holds.
Needs: pip install -e '.[bench]' (symspellpy); apt-get install hunspell hunspell-ru.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from tabulate import tabulate

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


def count_words(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        return sum(len(line.split()) for line in handle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=2)
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

    # Measure peak memory per command: ru_maxrss of RUSAGE_CHILDREN is the largest child so far, so
    # each measurement runs from a fresh Python that reports only its own children.
    def measured(command: list[str]) -> tuple[float, float]:
        probe = subprocess.run(
            [sys.executable, "-c",
             "import resource, subprocess, sys, time\n"
             "start = time.perf_counter()\n"
             "proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
             "wall = time.perf_counter() - start\n"
             "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
             "print(wall, peak, proc.returncode)\n"
             "sys.stderr.write(proc.stderr.decode()[-400:])\n"] + command,
            capture_output=True, text=True, cwd=ROOT)
        wall, peak, code = probe.stdout.split()
        if int(code) not in (0, 1):
            sys.exit(f"{' '.join(command)} failed: {probe.stderr}")
        return float(wall), float(peak)

    page_wall, page_peak = measured(ocr_fix + ["fix", str(SAMPLE), "-o", str(tmp / "page.txt")])
    rows.append(["ocr-fix fix, one page (sample, 1,000 words)", f"{page_wall:.2f}", "", f"{page_peak:.0f}"])
    wall, peak = measured(ocr_fix + ["check", str(corpus), "-f", "json", "--jobs", str(args.jobs)])
    rows.append([f"ocr-fix check --jobs {args.jobs}, {words:,} words", f"{wall:.1f}", f"{words / wall:,.0f}", f"{peak:.0f}"])
    fix_command = ocr_fix + ["fix", str(corpus), "-o", str(tmp / "fixed.txt"), "--force", "--jobs", str(args.jobs)]
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
    wall, peak = median(w for w, _ in fix_runs), max(p for _, p in fix_runs)
    rows.append([f"ocr-fix fix --jobs {args.jobs}, {words:,} words", f"{wall:.1f}", f"{words / wall:,.0f}", f"{peak:.0f}"])
    fix_wall = wall
    ratios = []  # timings on a shared machine drift; ratios within one run do not
    if symspell_command:
        wall, peak = median(w for w, _ in symspell_runs), max(p for _, p in symspell_runs)
        rows.append([f"symspellpy (wordfreq list, distance 2), {words:,} words", f"{wall:.1f}",
                     f"{words / wall:,.0f}", f"{peak:.0f}"])
        pairs = [f / s for (f, _), (s, _) in zip(fix_runs, symspell_runs)]
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
        wall, peak = measured(["sh", "-c", f"hunspell -a -d ru_RU < {slice_path} > /dev/null"])
        scaled = wall * words / taken
        rows.append([f"hunspell-ru -a ({taken:,}-word slice, scaled to {words:,})", f"{scaled:.1f}",
                     f"{taken / wall:,.0f}", f"{peak:.0f}"])
        ratios.append(f"hunspell takes {scaled / fix_wall:.1f} times fix's time")
    else:
        rows.append(["hunspell-ru", "not installed (apt-get install hunspell hunspell-ru)", "", ""])
    print(f"corpus: {corpus} ({words:,} words), {os.cpu_count()} cores")
    print(tabulate(rows, headers=["run", "wall s", "words/s", "peak MB"], tablefmt="github"))
    if ratios:
        print("in this run: " + "; ".join(ratios))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
