#!/usr/bin/env python3
"""Speed and memory of `ocr-fix check` and `ocr-fix fix` on a large OCR-like corpus, side by side
with symspellpy (and hunspell-ru, where installed) on the same corpus, and where the time goes.

usage: python benchmarks/speed.py [--words 1000000] [--repeat 1] [--hunspell-words 50000]
                                  [--profile-words 100000] [--no-profile] [--compare OTHER_CHECKOUT]

The corpus is the project's benchmarks/data/perf-corpus (1,000,000 words made once by
../shared/tools/make_perf_corpus.py, see benchmarks/data/README.md), decompressed once into
benchmarks/out/; with --words N below a million, its first lines holding N words.
Every figure is a separate process run from the shell, so start-up is included: wall time, words per
second, words per second per core used, and peak memory (benchmarks/measure.py): the largest single
process's resident set, and the whole process tree's proportional set size (PSS), which counts the
pages workers share once.

- `check` and `fix` run with `--jobs 1` and with their default number of workers.
- symspellpy looks up every word of the corpus (distance 2, the closest most frequent term) against
  wordfreq's Russian list, in one process, loading its dictionary from a pickle as its users do
  (`SymSpell.save_pickle` once, `SymSpell.load_pickle` on every run): the pickle is made on the first
  run and kept in benchmarks/out/; its making is not timed.
- hunspell runs on a slice (`hunspell -a`, every word checked, suggestions for the misspelled ones)
  and its time is scaled to the whole corpus.
- With --repeat N every command runs N times, one round after the other (each round runs all of them
  in turn), and the table gives median times: the speed of a shared machine drifts within an hour,
  while the ratio of runs side by side holds. Memory is the highest seen over the runs.
- With --compare DIR, check and fix of another checkout (the code before a change) run in the same
  rounds, so that a before/after table is measured side by side.
- One page: `ocr-fix fix SAMPLE -o /dev/null`, five runs after one to warm the cache, median.
- Profile: cProfile of `fix --jobs 1` on the first --profile-words words of the corpus and on the
  one page, in a process of its own each, every section in that process (not in a worker, where
  cProfile would not see it); the top entries by cumulative and by own time.

Needs: pip install -e '.[bench]' (symspellpy); hunspell is optional (apt-get install hunspell hunspell-ru).
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from tabulate import tabulate

from ocr_fix.pool import worker_count

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PERF_CORPUS = HERE / "data" / "perf-corpus" / "perf_corpus_1000000.txt.xz"
PERF_CORPUS_WORDS = 1_000_000
SAMPLE = ROOT / "samples" / "1949-05-18_kovalev_telegram_mao_kim_il.txt"

# Made once (not timed): symspellpy's dictionary from wordfreq's Russian list, saved as its pickle.
SYMSPELL_MAKE = r"""
import sys, wordfreq, regex
from symspellpy import SymSpell
speller = SymSpell(max_dictionary_edit_distance=2)
for word, freq in wordfreq.get_frequency_dict("ru", "large").items():
    if regex.fullmatch(r"\p{Cyrillic}+", word):
        speller.create_dictionary_entry(word, max(1, int(freq * 1e9)))
speller.save_pickle(sys.argv[1])
"""

# Timed: load the pickle, look up every word of the corpus.
SYMSPELL_RUN = r"""
import sys
from symspellpy import SymSpell, Verbosity
speller = SymSpell(max_dictionary_edit_distance=2)
speller.load_pickle(sys.argv[1])
out = []
for line in open(sys.argv[2], encoding="utf-8"):
    words = []
    for word in line.split():
        core = word.strip(".,;:")
        hits = speller.lookup(core.lower(), Verbosity.TOP, max_edit_distance=2) if core.isalpha() else []
        words.append(word.replace(core, hits[0].term) if hits and hits[0].term != core.lower() else word)
    out.append(" ".join(words))
open(sys.argv[3], "w", encoding="utf-8").write("\n".join(out))
"""

# cProfile of one `ocr-fix fix` run in this process; prints the top entries both ways.
PROFILE_RUN = r"""
import cProfile, io, pstats, sys
import ocr_fix.api
from ocr_fix.cli import main
ocr_fix.api.SECTIONS_PER_WORKER = 10 ** 9  # every section in this process, where cProfile sees it
sys.argv = ["ocr-fix"] + sys.argv[2:]
top = int(sys.argv.pop(1))
profiler = cProfile.Profile()
profiler.enable()
try:
    main()
except SystemExit:
    pass
profiler.disable()
for order, title in (("cumulative", "by cumulative time"), ("tottime", "by own time")):
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    # by cumulative time, the command's own framework (typer, the cli) would fill the top: left out
    stats.sort_stats(order).print_stats(*((r"ocr_fix/(?!cli|commands|__main__)", top) if order == "cumulative" else (top,)))
    lines = stream.getvalue().splitlines()
    head = next(k for k, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    total = next((line.strip() for line in lines if "function calls" in line), "")
    print(f"-- {title} ({total})")
    for line in lines[head:]:
        if line.strip():
            print(line.replace(sys.prefix + "/lib/", ""))
"""


def count_words(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        return sum(len(line.split()) for line in handle)


def measured(command: list[str], cwd: Path = ROOT) -> tuple[float, float, float | None]:
    """Wall seconds, the largest process's peak MB, the process tree's peak MB (PSS)."""
    probe = subprocess.run([sys.executable, str(HERE / "measure.py")] + command,
                           capture_output=True, text=True, cwd=cwd)
    if probe.returncode:
        sys.exit(f"measuring {' '.join(command)} failed: {probe.stderr}")
    report = json.loads(probe.stdout)
    if report["returncode"] not in (0, 1):
        sys.exit(f"{' '.join(command)} failed: {report['stderr']}")
    return report["wall"], report["largest_mb"], report["tree_mb"]


def first_words(corpus: Path, target: Path, count: int) -> int:
    """The first lines of `corpus` holding at least `count` words, written to `target`; their words."""
    taken, lines = 0, []
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            lines.append(line)
            taken += len(line.split())
            if taken >= count:
                break
    target.write_text("".join(lines), encoding="utf-8")
    return taken


def corpus_file(words: int, out: Path) -> Path:
    """The speed corpus in `out`, decompressed from the project's copy on first use; for fewer words
    than it holds, its first lines holding `words` words."""
    whole = out / PERF_CORPUS.name.removesuffix(".xz")
    if not whole.exists():
        partial = whole.with_name(whole.name + ".part")  # an interrupted run leaves no short corpus behind
        with lzma.open(PERF_CORPUS) as packed, open(partial, "wb") as unpacked:
            shutil.copyfileobj(packed, unpacked)
        partial.replace(whole)
    if words == PERF_CORPUS_WORDS:
        return whole
    if words > PERF_CORPUS_WORDS:
        sys.exit(f"--words {words}: the corpus ({PERF_CORPUS.relative_to(ROOT)}) holds {PERF_CORPUS_WORDS:,} words")
    part = out / f"{whole.stem}.first_{words}.txt"
    if not part.exists():
        first_words(whole, part, words)
    return part


def profile(arguments: list[str], top: int) -> str:
    """The profile's printout of `ocr-fix ARGUMENTS`, trimmed of the repository's own path."""
    run = subprocess.run([sys.executable, "-c", PROFILE_RUN, "x", str(top)] + arguments,
                         capture_output=True, text=True, cwd=ROOT)
    if run.returncode not in (0, 1):
        return f"(profiling failed: {run.stderr[-400:]})"
    return run.stdout.replace(str(ROOT) + "/", "")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=PERF_CORPUS_WORDS)
    parser.add_argument("--repeat", type=int, default=1, help="rounds of every run, side by side (medians)")
    parser.add_argument("--hunspell-words", type=int, default=50_000)
    parser.add_argument("--profile-words", type=int, default=100_000, help="the slice `fix --jobs 1` is profiled on")
    parser.add_argument("--profile-top", type=int, default=15, help="entries of the profile shown each way")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--compare", type=Path, default=None,
                        help="another checkout of ocr-fix (say, the code before a change, built): its check and "
                             "fix run in the same rounds, side by side (`python -m ocr_fix` run from that folder)")
    return parser.parse_args()


Runs = dict[str, tuple[list[str], int, Path]]  # label -> (command, cores it uses, folder it runs in)
Measures = dict[str, list[tuple[float, float, float | None]]]  # label -> (wall, largest MB, tree MB) per round


def ocr_fix_runs(corpus: Path, tmp: Path, compare: Path | None) -> Runs:
    """check and fix, with --jobs 1 and with the default workers, of this checkout and of `compare`."""
    ocr_fix = [sys.executable, "-m", "ocr_fix"]
    default_workers = worker_count(None)
    runs: Runs = {}
    trees = [("", ROOT)] + ([(f" [{compare}]", compare.resolve())] if compare else [])
    for jobs, cores in ((["--jobs", "1"], 1), ([], default_workers)):
        said = "--jobs 1" if jobs else f"default ({default_workers} workers)"
        for command in ("check", "fix"):
            for name, tree in trees:
                arguments = ["-f", "json"] if command == "check" else \
                    ["-o", str(tmp / f"fixed{len(name)}.txt"), "--force"]
                runs[f"ocr-fix {command}, {said}{name}"] = (ocr_fix + [command, str(corpus)] + arguments + jobs,
                                                          cores, tree)
    return runs


def add_symspell(runs: Runs, out: Path, corpus: Path, tmp: Path) -> str | None:
    """symspellpy's run added to `runs` (its pickle made once, untimed); its label, None when not installed."""
    try:
        import symspellpy  # noqa: F401
    except ImportError:
        return None
    pickle = out / "symspell_wordfreq_ru_d2.pickle"
    if not pickle.exists():
        print(f"making symspellpy's pickle once: {pickle}", file=sys.stderr)
        subprocess.run([sys.executable, "-c", SYMSPELL_MAKE, str(pickle)], check=True)
    script = tmp / "symspell_run.py"
    script.write_text(SYMSPELL_RUN, encoding="utf-8")
    label = "symspellpy (dictionary from its pickle, distance 2)"
    runs[label] = ([sys.executable, str(script), str(pickle), str(corpus), str(tmp / "symspell.txt")], 1, ROOT)
    return label


def table_rows(runs: Runs, results: Measures, words: int) -> list[list]:
    rows = []
    for label, (_command, cores, _tree) in runs.items():
        walls = [w for w, _, _ in results[label]]
        wall = median(walls)
        largest = max(l for _, l, _ in results[label])
        trees = [t for _, _, t in results[label] if t is not None]
        rows.append([label, f"{wall:.1f}", f"{words / wall:,.0f}", cores, f"{words / wall / cores:,.0f}",
                     f"{largest:.0f}", f"{max(trees):.0f}" if trees else ""])
    return rows


def hunspell_row(corpus: Path, tmp: Path, words: int, slice_words: int) -> list:
    """hunspell-ru on the corpus's first `slice_words` words, its time scaled to the whole corpus."""
    slice_path = tmp / "slice.txt"
    taken = first_words(corpus, slice_path, slice_words)
    wall, largest, tree = measured(["sh", "-c", f"hunspell -a -d ru_RU < {slice_path} > /dev/null"])
    scaled = wall * words / taken
    return [f"hunspell-ru -a ({taken:,}-word slice, scaled)", f"{scaled:.1f}", f"{taken / wall:,.0f}", 1,
            f"{taken / wall:,.0f}", f"{largest:.0f}", "" if tree is None else f"{tree:.0f}"]


def print_ratios(runs: Runs, results: Measures, symspell_label: str) -> None:
    rounds = len(results[symspell_label])
    for label in runs:
        if label == symspell_label:
            continue
        ratios = [results[label][k][0] / results[symspell_label][k][0] for k in range(rounds)]
        print(f"{label}: {median(ratios):.2f} times symspellpy's time"
              + (f" (per round: {', '.join(f'{r:.2f}' for r in ratios)})" if rounds > 1 else ""))


def print_profiles(corpus: Path, tmp: Path, profile_words: int, top: int) -> None:
    slice_path = tmp / "profile_slice.txt"
    taken = first_words(corpus, slice_path, profile_words)
    print(f"\n## profile: fix --jobs 1 on the corpus's first {taken:,} words (cProfile, in a process of its own)")
    print(profile(["fix", str(slice_path), "-o", "/dev/null", "--jobs", "1"], top))
    print(f"## profile: fix on one page ({SAMPLE.name})")
    print(profile(["fix", str(SAMPLE), "-o", "/dev/null"], top))


def main() -> None:
    args = arguments()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    corpus = corpus_file(args.words, out)
    words = count_words(corpus)
    tmp = Path(tempfile.mkdtemp(prefix="ocr-fix-speed-"))
    runs = ocr_fix_runs(corpus, tmp, args.compare)
    symspell_label = add_symspell(runs, out, corpus, tmp)

    results: Measures = {label: [] for label in runs}
    for _ in range(max(1, args.repeat)):  # round by round, so all see the machine at the same speed
        for label, (command, _cores, tree) in runs.items():
            results[label].append(measured(command, tree))

    rows = table_rows(runs, results, words)
    if symspell_label is None:
        rows.append(["symspellpy", "not installed (pip install -e '.[bench]')", "", "", "", "", ""])
    if shutil.which("hunspell"):
        rows.append(hunspell_row(corpus, tmp, words, args.hunspell_words))

    page_command = [sys.executable, "-m", "ocr_fix", "fix", str(SAMPLE), "-o", "/dev/null"]
    measured(page_command)  # warms the cache
    page_runs = [measured(page_command) for _ in range(5)]

    print(f"corpus: {corpus.relative_to(ROOT)} ({words:,} words), {os.cpu_count()} cores; "
          f"medians of {max(1, args.repeat)} rounds, every run in each round side by side")
    print(tabulate(rows, headers=["run", "wall s", "words/s", "cores", "words/s per core", "largest process MB",
                                  "all processes MB (PSS)"], tablefmt="github"))
    if symspell_label is not None:
        print_ratios(runs, results, symspell_label)
    walls = sorted(w for w, _, _ in page_runs)
    print(f"one page ({SAMPLE.name}, `ocr-fix fix ... -o /dev/null`): median {median(walls):.2f} s of five "
          f"(cache warm; {', '.join(f'{w:.2f}' for w in walls)}), peak {max(l for _, l, _ in page_runs):.0f} MB")

    if not args.no_profile:
        print_profiles(corpus, tmp, args.profile_words, args.profile_top)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
