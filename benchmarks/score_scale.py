#!/usr/bin/env python3
"""Time and peak memory of `ocr-fix score` on a large reference and its OCR (issue 19: 10 MB against
10 MB within 60 s and 1 GB).

usage: python benchmarks/score_scale.py [--mb 10] [--case numbered|repeated|both] [--seed 1]

The texts are built from the held-out set inside the project (benchmarks/heldout/pairs): the
reference repeats the 12 gold texts, each copy in its own shuffled order, until it reaches --mb
megabytes (UTF-8); the hypothesis puts in each gold text's place the real Tesseract output of that
text in one of its six variants (two fonts × three degradation levels), picked at random, so its
errors are real OCR errors, from light (L1) to heavy (L3: lost header lines, garbled words).

- numbered: each copy starts with a line `Документ № N`, so the texts hold a few words that occur
  only once; everything else repeats hundreds of times, as boilerplate does in an archive.
- repeated: no such line; no word is unique, so the alignment cannot anchor on any and runs through
  its sliding windows from end to end (the hardest case for it).

Each case runs `ocr-fix score REFERENCE HYPOTHESIS` as its own process, through benchmarks/measure.py
(wall time with start-up; the largest process's resident set; the process tree's PSS). The texts,
the table `score` printed and a JSON summary go to benchmarks/out/.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from measure import measured  # benchmarks/ is on the path when a script here runs
from tabulate import tabulate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAIRS = HERE / "heldout" / "pairs"
OUT = HERE / "out"
TARGET_SECONDS, TARGET_MB = 60, 1024


def variants() -> dict[str, tuple[str, list[str]]]:
    """For each held-out text: its gold text and the OCR texts of its variants."""
    found: dict[str, tuple[str, list[str]]] = {}
    for gold in sorted(PAIRS.glob("*.gold.txt")):
        name = gold.name.split(".")[0]
        ocr = gold.with_name(gold.name.replace(".gold.txt", ".ocr.txt"))
        text = gold.read_text(encoding="utf-8")
        entry = found.setdefault(name, (text, []))
        if entry[0] != text:
            sys.exit(f"{gold.name}: the gold texts of {name} differ between variants")
        entry[1].append(ocr.read_text(encoding="utf-8"))
    return found


def build(case: str, megabytes: float, seed: int) -> tuple[Path, Path]:
    texts = variants()
    if not texts:
        sys.exit(f"no pairs in {PAIRS}")
    rng = random.Random(seed)
    names = sorted(texts)
    reference, hypothesis = OUT / f"score_scale_{case}.ref.txt", OUT / f"score_scale_{case}.hyp.txt"
    limit = megabytes * 1_000_000
    size = copy = 0
    with open(reference, "w", encoding="utf-8") as ref, open(hypothesis, "w", encoding="utf-8") as hyp:
        while size < limit:
            copy += 1
            if case == "numbered":
                header = f"Документ № {copy}\n\n"
                ref.write(header)
                hyp.write(header)
                size += len(header.encode("utf-8"))
            rng.shuffle(names)
            for name in names:
                gold, ocrs = texts[name]
                ref.write(gold.rstrip("\n") + "\n\n")
                hyp.write(rng.choice(ocrs).rstrip("\n") + "\n\n")
                size += len(gold.encode("utf-8")) + 1
    return reference, hypothesis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=10.0, help="size of the reference in MB (default 10)")
    parser.add_argument("--case", choices=("numbered", "repeated", "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    rows, results = [], []
    for case in ("numbered", "repeated") if args.case == "both" else (args.case,):
        reference, hypothesis = build(case, args.mb, args.seed)
        table = OUT / f"score_scale_{case}.table.txt"
        report = measured([sys.executable, "-m", "ocr_fix", "score", str(reference), str(hypothesis),
                           "-o", str(table), "--force"])
        first = table.read_text(encoding="utf-8").splitlines()[2].split()  # the figures row
        cer, wer = float(first[1]), float(first[2])
        ref_mb, hyp_mb = reference.stat().st_size / 1e6, hypothesis.stat().st_size / 1e6
        peak = max(report["largest_mb"], report["tree_mb"] or 0)
        met = report["wall"] <= TARGET_SECONDS and peak <= TARGET_MB
        rows.append([case, f"{ref_mb:.1f}", f"{hyp_mb:.1f}", f"{report['wall']:.1f}", f"{report['largest_mb']:.0f}",
                     "" if report["tree_mb"] is None else f"{report['tree_mb']:.0f}", f"{cer:.2f}", f"{wer:.2f}",
                     "yes" if met else "NO"])
        results.append({"case": case, "reference_mb": ref_mb, "hypothesis_mb": hyp_mb, "wall": report["wall"],
                        "largest_mb": report["largest_mb"], "tree_mb": report["tree_mb"], "cer_percent": cer,
                        "wer_percent": wer, "target_met": met})
    print(tabulate(rows, headers=["case", "reference MB", "hypothesis MB", "wall s", "largest MB", "tree MB (PSS)",
                                  "CER %", "WER %", f"within {TARGET_SECONDS} s and {TARGET_MB} MB"],
                   tablefmt="github", disable_numparse=True))
    summary = OUT / "score_scale.json"
    summary.write_text(json.dumps({"command": sys.argv, "results": results}, indent=1), encoding="utf-8")
    print(f"\n(also in {summary.relative_to(ROOT)}; the tables `score` printed are next to it)")


if __name__ == "__main__":
    main()
