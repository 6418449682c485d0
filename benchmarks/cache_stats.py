#!/usr/bin/env python3
"""How full each named cache gets and how often it is hit (`ocr_fix.resources.stats()`), after
correcting some texts in one process: what to look at before changing a size in `CACHE_SIZES`.

usage: python benchmarks/cache_stats.py TEXT... [--all]

Only the caches that were made are listed, unless --all is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's ocr_fix

from ocr_fix import resources  # noqa: E402
from ocr_fix.api import correct_text  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="+", type=Path)
    parser.add_argument("--all", action="store_true", help="list the caches never made too")
    args = parser.parse_args()
    for path in args.texts:
        correct_text(path.read_text(encoding="utf-8"))
    print(f"{'cache':32} {'size':>9} {'live':>5} {'fill':>9} {'full':>5} {'hits':>10} {'misses':>9}")
    for row in resources.stats():
        if row.caches or args.all:
            full = f"{row.fill / (row.size * row.caches):.0%}" if row.caches else "-"
            hits = "-" if row.hits is None else row.hits
            print(f"{row.name:32} {row.size:>9} {row.caches:>5} {row.fill:>9} {full:>5} {hits:>10} {row.misses:>9}")


if __name__ == "__main__":
    main()
