#!/usr/bin/env python3
"""What an archive profile (`ocr-fix profile`, `--profile`) adds to `fix` on a whole archive.

usage: python benchmarks/archive_profile.py [--make] [--files 300] [--archive DIR] [--jobs 2]

--make first builds the archive (unless it holds --files pairs already): the dev texts
(benchmarks/data/dev-set/src/*.txt, copied from ../shared/dev-set/src) and the held-out ones
(benchmarks/heldout/src/*.txt) are cut into pieces of about CHUNK characters at paragraph breaks (an
archive is many short papers about the same people), and every piece is typed, worn and read back
with Tesseract by ../shared/tools/make_ocr_set.py in several fonts, wear levels and seeds, so that
names recur across files, each file garbled its own way. It writes NAME.ocr.txt / NAME.gold.txt pairs
to --archive (benchmarks/out/archive-profile). The tool needs numpy and pillow: a scratch venv is made
for it under benchmarks/out/ocr-venv.

Then it profiles the archive's OCR files (`ocr-fix profile`, in --jobs processes), corrects every
file with `fix` without and with the profile, and prints CER cut and broken words both ways:
- on all files;
- on the files with a garbled name written correctly elsewhere in the archive: a gold word written
  with a capital inside a sentence (a name, or a word of one), which the file's OCR misread, while
  the OCR of another file of the archive reads it right.
Figures follow ../shared/tools/score.py's conventions (ocr_fix.quality.evaluate): CER before and
after over the pooled characters, the cut = (before - after) / before, broken = right words made wrong.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

OUT = HERE / "out"
DEFAULT_ARCHIVE = OUT / "archive-profile"
CHUNK = 450  # characters a piece of a source text has at least (cut at paragraph breaks, else at line ends)
# the variants each piece is typed in: font, wear level, seed (the seed also differs per piece)
VARIANTS = [("dejavu", 1), ("liberation", 2), ("dejavu", 3), ("liberation", 1), ("dejavu", 2), ("liberation", 3),
            ("dejavu", 2), ("liberation", 2)]


def sources() -> list[Path]:
    return sorted((HERE / "data" / "dev-set" / "src").glob("*.txt")) + sorted((HERE / "heldout" / "src").glob("*.txt"))


def pieces(text: str) -> list[str]:
    """A text cut at paragraph breaks into pieces of at least CHUNK characters (the last may be shorter,
    then joined to the one before)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    out, current = [], []
    for paragraph in paragraphs:
        current.append(paragraph)
        if sum(len(p) for p in current) >= CHUNK:
            out.append("\n\n".join(current))
            current = []
    if current:
        if out and sum(len(p) for p in current) < CHUNK // 2:
            out[-1] += "\n\n" + "\n\n".join(current)
        else:
            out.append("\n\n".join(current))
    return out


def _python_for_tool() -> str:
    venv = OUT / "ocr-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "numpy", "pillow", "regex"], check=True)
    return str(python)


def make_archive(folder: Path, files: int, jobs: int) -> None:
    """--files (OCR, gold) pairs in `folder`, made as the module's docstring says."""
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("*.ocr.txt"))) >= files:
        return
    python = _python_for_tool()
    texts = OUT / "archive-profile-src"
    texts.mkdir(parents=True, exist_ok=True)
    plan = []  # (gold piece path, font, level, seed)
    all_pieces = []
    for source in sources():
        for k, piece in enumerate(pieces(source.read_text(encoding="utf-8"))):
            path = texts / f"{source.stem}.p{k:02d}.txt"
            path.write_text(piece.rstrip("\n") + "\n", encoding="utf-8")
            all_pieces.append(path)
    round_ = 0
    while len(plan) < files:
        font, level = VARIANTS[round_ % len(VARIANTS)]
        for k, path in enumerate(all_pieces):
            if len(plan) < files:
                plan.append((path, font, level, 100 * round_ + k + 1))
        round_ += 1
    todo = []
    for path, font, level, seed in plan:
        stem = f"{path.stem}.{font}.L{level}.s{seed}"
        if not (folder / f"{stem}.ocr.txt").exists():
            todo.append([python, str(SHARED / "tools" / "make_ocr_set.py"), str(path), "--font", font,
                         "--level", str(level), "--seed", str(seed), "--out", str(folder)])
    running: list[subprocess.Popen] = []
    done = 0
    while todo or running:
        while todo and len(running) < jobs:
            running.append(subprocess.Popen(todo.pop(0), stdout=subprocess.DEVNULL))
        time.sleep(0.2)
        for process in [p for p in running if p.poll() is not None]:
            running.remove(process)
            if process.returncode != 0:
                raise SystemExit(f"make_ocr_set.py failed: {process.args}")
            done += 1
            if done % 25 == 0:
                print(f"  made {done} files", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--make", action="store_true")
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.make:
        make_archive(args.archive, args.files, args.jobs)
    run(args.archive, args.jobs)


def _correct_both(args):
    """One file corrected without and with the profile (in a worker)."""
    from ocr_fix.api import correct_text

    name, ocr, profile = args
    return name, correct_text(ocr).text, correct_text(ocr, profile=profile).text


_NAME_WORD = regex.compile(r"[\p{Lu}][\p{L}\p{M}]*(?:-[\p{L}\p{M}]+)*")
_WORDS = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*")


def name_words(gold: str) -> set[str]:
    """Words written with a capital inside a sentence (names, or words of them), as the gold writes them."""
    out = set()
    for match in _NAME_WORD.finditer(gold):
        before = gold[:match.start()].rstrip(" \t")
        if not before or before[-1] in ".!?:\n" or len(match.group()) < 3:
            continue
        out.add(match.group())
    return out


def garbled_names(pairs: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    """For each file, the name words its OCR misreads (the gold writes a name more often than the OCR)
    that the OCR of another file writes right."""
    from collections import Counter

    ocr_words = {name: Counter(_WORDS.findall(ocr)) for name, (ocr, _gold) in pairs.items()}
    writers: dict[str, int] = Counter()
    for counts in ocr_words.values():
        writers.update(set(counts))
    out = {}
    for name, (ocr, gold) in pairs.items():
        gold_counts = Counter(_WORDS.findall(gold))
        missed = [w for w in sorted(name_words(gold)) if ocr_words[name][w] < gold_counts[w]
                  and writers[w] - (1 if ocr_words[name][w] else 0) > 0]
        if missed:
            out[name] = missed
    return out


def run(folder: Path, jobs: int) -> None:
    import multiprocessing

    from tabulate import tabulate

    from ocr_fix.quality.evaluate import Evaluation, evaluate_outputs
    from ocr_fix.quality.score import Normalization

    names = sorted(p.name[: -len(".ocr.txt")] for p in folder.glob("*.ocr.txt"))
    if len(names) < 300:
        print(f"note: {folder} holds {len(names)} files (--make --files 300 makes the archive)", file=sys.stderr)
    pairs = {n: ((folder / f"{n}.ocr.txt").read_text(encoding="utf-8"), (folder / f"{n}.gold.txt").read_text(encoding="utf-8"))
             for n in names}
    profile = OUT / "archive-profile.profile"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ocr_fix", "profile", *[str(folder / f"{n}.ocr.txt") for n in names],
                    "-o", str(profile), "--force", "--jobs", str(jobs)], check=True)
    profiled = time.perf_counter() - started
    from ocr_fix.session import resources

    resources()  # loaded once, shared by the forked workers
    work = [(n, pairs[n][0], str(profile)) for n in names]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        done = {name: (plain, with_profile) for name, plain, with_profile in pool.imap(_correct_both, work, chunksize=2)}
    targets = garbled_names(pairs)

    def figures(subset: list[str], which: int) -> dict:
        items = [(n, pairs[n][0], pairs[n][1], done[n][which]) for n in subset]
        return evaluate_outputs(items, Normalization()).figures()

    rows = []
    for label, subset in (("all files", names), ("garbled names written right elsewhere", sorted(targets))):
        plain, with_profile = figures(subset, 0), figures(subset, 1)
        for how, f in (("without", plain), ("with --profile", with_profile)):
            rows.append([label, len(subset), how, f"{100 * f['cer_before']:.2f}", f"{100 * f['cer_after']:.2f}",
                         f"{100 * f['improvement']:.1f}", f["fixed"], f["broken"]])
    print(f"archive: {folder} ({len(names)} files; profiled in {profiled:.0f} s)")
    print(tabulate(rows, headers=["files", "n", "fix", "CER before %", "CER after %", "CER cut %", "fixed words",
                                  "broken words"], disable_numparse=True))
    from collections import Counter

    def mended(which: int) -> int:
        """Occurrences of the garbled name words written right after fix that the OCR had wrong."""
        total = 0
        for n, words in targets.items():
            ocr, gold = (Counter(_WORDS.findall(t)) for t in pairs[n])
            out = Counter(_WORDS.findall(done[n][which]))
            total += sum(max(0, min(out[w], gold[w]) - ocr[w]) for w in words)
        return total

    missing = sum(max(0, Counter(_WORDS.findall(pairs[n][1]))[w] - Counter(_WORDS.findall(pairs[n][0]))[w])
                  for n, words in targets.items() for w in words)
    print(f"garbled name words written right elsewhere: {missing} occurrences in {len(targets)} files; "
          f"mended by fix: {mended(0)} without the profile, {mended(1)} with it")


if __name__ == "__main__":
    main()
