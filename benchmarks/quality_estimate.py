#!/usr/bin/env python3
"""How well `ocr-fix quality` estimates CER without a ground truth, per wear level.

usage: python benchmarks/quality_estimate.py [PAIRS_DIR ...] [--fit] [--verbose]

For every NAME.ocr.txt / NAME.gold.txt pair the real CER comes from `ocr-fix score` (the gold as
reference) and the estimate from the OCR text alone. Printed per level (L1, L2, L3 in the name) and
overall: the Spearman rank correlation between estimate and real CER (the issue asks >= 0.8 on the
dev set), and the mean absolute error of the estimate in CER points. With no folder it reads the
project's copies of the dev sets (benchmarks/data/dev-set/pairs and benchmarks/data/dev-set-real/pairs,
those of ../shared/dev-set/pairs and ../shared/dev-set-real/pairs) and benchmarks/heldout/pairs, skipping
one that is not there with a note.

--fit refits the calibration (least squares through the origin of CER on x and x², x being the
combined signal of ocr_fix/quality/estimate.py) on the first folder and prints the constants.
"""

from __future__ import annotations

import argparse
import glob
import math
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from tabulate import tabulate  # noqa: E402

from ocr_fix.api import assess_text  # noqa: E402
from ocr_fix.quality import estimate  # noqa: E402
from ocr_fix.quality.score import score  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
DEFAULT_PAIRS = [os.path.join(DATA, "dev-set", "pairs"), os.path.join(DATA, "dev-set-real", "pairs"),
                 os.path.join(HERE, "heldout", "pairs")]


def ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def pearson(a: list[float], b: list[float]) -> float:
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    var = math.sqrt(sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b))
    return cov / var if var else float("nan")


def spearman(a: list[float], b: list[float]) -> float:
    return pearson(ranks(a), ranks(b))


def measure(folder: str, verbose: bool) -> list[dict]:
    rows = []
    for gold_path in sorted(glob.glob(os.path.join(folder, "*.gold.txt"))):
        name = os.path.basename(gold_path)[: -len(".gold.txt")]
        ocr_path = gold_path[: -len(".gold.txt")] + ".ocr.txt"
        with open(gold_path, encoding="utf-8") as g, open(ocr_path, encoding="utf-8") as o:
            gold, ocr = g.read(), o.read()
        seg = assess_text(ocr)[0]
        level = re.search(r"\.(L\d)\.", name)
        rows.append(dict(name=name, level=level.group(1) if level else "?", real=score(gold, ocr).cer,
                         estimate=seg.estimated_cer,
                         x=estimate.badness(1 - seg.known_share, seg.suspicious / seg.words)))
        if verbose:
            print(f"{name:45s} real {100 * rows[-1]['real']:6.2f}  estimate {100 * rows[-1]['estimate']:6.2f}",
                  file=sys.stderr)
    return rows


def fit(rows: list[dict]) -> tuple[float, float]:
    """Least squares of real = a·x + b·x², by the 2×2 normal equations."""
    s2 = sum(r["x"] ** 2 for r in rows)
    s3 = sum(r["x"] ** 3 for r in rows)
    s4 = sum(r["x"] ** 4 for r in rows)
    t1 = sum(r["x"] * r["real"] for r in rows)
    t2 = sum(r["x"] ** 2 * r["real"] for r in rows)
    det = s2 * s4 - s3 * s3
    return (t1 * s4 - s3 * t2) / det, (s2 * t2 - s3 * t1) / det


def summary(rows: list[dict]) -> list:
    out = []
    for level in sorted({r["level"] for r in rows}) + ["all"]:
        sub = [r for r in rows if level in ("all", r["level"])]
        est, real = [r["estimate"] for r in sub], [r["real"] for r in sub]
        mae = sum(abs(e - t) for e, t in zip(est, real)) / len(sub)
        out.append([level, len(sub), f"{100 * sum(real) / len(sub):.2f}", f"{100 * sum(est) / len(sub):.2f}",
                    f"{100 * mae:.2f}", f"{spearman(est, real):.3f}"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*")
    ap.add_argument("--fit", action="store_true", help="refit the calibration on the first folder")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    folders = args.folders
    if not folders:
        folders = [f for f in DEFAULT_PAIRS if os.path.isdir(f)]
        for missing in [f for f in DEFAULT_PAIRS if f not in folders]:
            print(f"note: {os.path.normpath(missing)} is not there; skipped", file=sys.stderr)
    for index, folder in enumerate(folders):
        rows = measure(folder, args.verbose)
        if not rows:
            sys.exit(f"{folder}: no pairs")
        print(f"\n{os.path.normpath(folder)} ({len(rows)} pairs)")
        print(tabulate(summary(rows), headers=["level", "pairs", "real CER %", "est. CER %", "mean abs err",
                                               "Spearman"], tablefmt="simple", disable_numparse=True))
        if args.fit and index == 0:
            a, b = fit(rows)
            mae = sum(abs(a * r["x"] + b * r["x"] ** 2 - r["real"]) for r in rows) / len(rows)
            print(f"fit: LINEAR = {a:.4f}, QUADRATIC = {b:.4f} (mean absolute error {100 * mae:.2f} points)")


if __name__ == "__main__":
    main()
