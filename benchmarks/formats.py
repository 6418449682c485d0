#!/usr/bin/env python3
"""What the OCR engine's own file adds: `ocr-fix fix` fed the plain text, the hOCR and the ALTO of the
same recognition, side by side per wear level.

usage: python benchmarks/formats.py [PAIRS_DIR] [--json OUT] [--jobs N]

PAIRS_DIR holds, for each NAME, `NAME.ocr.txt`, `NAME.hocr`, `NAME.alto.xml` (one Tesseract recognition
written three ways) and `NAME.gold.txt`, as benchmarks/data/dev-set-formats/pairs does (the default: the
project's copy of ../shared/dev-set-formats/pairs) and as `../shared/tools/make_ocr_formats.py` makes
them. Each input is corrected from the shell as a user would (`ocr-fix fix NAME.hocr -o fixed.txt`),
and the corrected text is scored against the gold text with the conventions of
benchmarks/correction.py (NFC, whitespace folded, pooled per level): CER before and after,
improvement, the share of right words broken, documents made worse. "Before" is the text of the input
as ocr-fix reads it (for hOCR and ALTO: the words in reading order, which for Tesseract's files is
the plain text it wrote).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tabulate import tabulate  # noqa: E402

from ocr_fix.quality.evaluate import evaluate_outputs  # noqa: E402

DEFAULT_PAIRS = Path(__file__).resolve().parent / "data" / "dev-set-formats" / "pairs"
INPUTS = {"text": ".ocr.txt", "hOCR": ".hocr", "ALTO": ".alto.xml"}


def input_text(path: Path) -> str:
    """The text ocr-fix reads from the input (for an XML file, its words in reading order)."""
    raw = path.read_bytes()
    if path.name.endswith(".ocr.txt"):
        return raw.decode("utf-8")
    from ocr_fix.formats import read_ocr

    return read_ocr(raw, str(path)).text


def fix_from_shell(source: Path, target: Path) -> str:
    """`ocr-fix fix SOURCE -o TARGET` as a user runs it; the corrected text."""
    done = subprocess.run([sys.executable, "-m", "ocr_fix", "fix", str(source), "-o", str(target), "--force"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"ocr-fix fix {source} failed: {done.stderr.strip()}")
    return target.read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--json", type=Path, help="write all figures here")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="files corrected at a time")
    args = parser.parse_args()
    names = sorted(p.name[: -len(".gold.txt")] for p in args.pairs.glob("*.gold.txt"))
    if not names:
        raise SystemExit(f"no NAME.gold.txt in {args.pairs}")
    work = [(name, kind, args.pairs / (name + suffix)) for name in names for kind, suffix in INPUTS.items()
            if (args.pairs / (name + suffix)).exists()]
    with tempfile.TemporaryDirectory() as scratch, ThreadPoolExecutor(args.jobs) as pool:
        def run(item):
            name, kind, source = item
            target = Path(scratch) / f"{name}.{kind}.txt"
            return item, input_text(source), fix_from_shell(source, target)

        done = list(pool.map(run, work))
    by_level: dict[tuple[str, str], list] = defaultdict(list)
    for (name, kind, _source), before, after in done:
        level = re.search(r"\.L(\d)\.", name)
        gold = (args.pairs / f"{name}.gold.txt").read_text(encoding="utf-8")
        by_level[(f"L{level.group(1)}" if level else "?", kind)].append((name, before, gold, after))
    rows, everything = [], {}
    for (level, kind) in sorted(by_level, key=lambda k: (k[0], list(INPUTS).index(k[1]))):
        figures = evaluate_outputs(by_level[(level, kind)]).figures()
        everything[f"{level}/{kind}"] = figures
        rows.append([level, kind, f"{100 * figures['cer_before']:.2f}", f"{100 * figures['cer_after']:.2f}",
                     f"{100 * (figures['improvement'] or 0):.1f}", f"{100 * figures['broken_share']:.2f}",
                     f"{figures['fixed']}", f"{figures['broken']}",
                     f"{figures['documents_worse']}/{figures['documents']}"])
    print(f"ocr-fix fix, by input ({os.path.normpath(args.pairs)})")
    print(tabulate(rows, headers=["level", "input", "CER before %", "CER after %", "improvement %", "broken %",
                                  "fixed", "broken", "docs worse"], tablefmt="github", disable_numparse=True))
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
