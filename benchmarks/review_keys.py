#!/usr/bin/env python3
"""Time per key of the terminal review on a large review file (issue 18: under 50 ms at 50,000 rows).

usage: python benchmarks/review_keys.py [--rows 50000] [--keys 300] [--format tsv|json] [--dir FOLDER]

The data is made here from samples/: the sample telegram is corrected once, and the text and its
proposals are repeated (each copy's offsets shifted) until there are --rows proposals. The review
file is written as `ocr-fix propose` writes it, into a temporary folder (inside --dir: put it on the
disk the reviews live on, since each key's fsync costs what that disk makes it cost, and /tmp may be
memory), and read back as `ocr-fix review` reads it. The review is then driven with the keys a
reviewer presses (reject, skip, edit, accept, undo, in turn) through an injected terminal that
swallows the output, saving every key as the `review` command does (ocr_fix.review.journal: one
fsynced line per key). A key's time runs from the moment it is handed over to the moment the review
asks for the next one: the decision, the save and showing the next row.

Printed as JSON: the per-key median, 95th percentile and maximum in milliseconds; the time to fold the
journal into the review file when the review ends (once per run); and, for comparison, the time of
one whole atomic rewrite of the file, which is what every key cost before the journal.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "samples" / "1949-05-18_kovalev_telegram_mao_kim_il.txt"
KEYS = ["r", "s", "e", "a", "r", "u"]


def build(rows: int):
    from ocr_fix import api
    from ocr_fix.proposal import Proposal
    from ocr_fix.review import reviewfile

    sample = SAMPLE.read_text(encoding="utf-8")
    if not sample.endswith("\n"):
        sample += "\n"
    base = api.correct_text(sample).proposals
    copies = -(-rows // len(base))
    text = sample * copies
    proposals = []
    for copy in range(copies):
        shift = copy * len(sample)
        for p in base:
            proposals.append(Proposal(p.start + shift, p.end + shift, p.original, p.replacement, p.score, p.rule,
                                      p.explanation, p.bin, p.alternatives))
    return text, reviewfile.from_proposals(str(SAMPLE), "", "utf-8", text, proposals[:rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--format", choices=("tsv", "json"), default="tsv")
    parser.add_argument("--dir", default=None, help="where the temporary folder is made (default: the system's)")
    args = parser.parse_args()

    from ocr_fix.review import interactive, journal, reviewfile

    text, review = build(args.rows)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / f"review.{args.format}"
        started = time.perf_counter()
        reviewfile.save(review, path)
        full_save = time.perf_counter() - started
        current = reviewfile.load(path)

        handed: list[float] = []  # when each key was handed over
        asked: list[float] = []  # when the review asked for the next key
        pressed = [KEYS[i % len(KEYS)] for i in range(args.keys)]

        def getchar() -> str:
            asked.append(time.perf_counter())
            if not pressed:
                return "q"
            key = pressed.pop(0)
            handed.append(time.perf_counter())
            return key

        term = interactive.Terminal(getchar, lambda line: None, lambda label, default: default + "!",
                                    lambda text, **style: text)
        keeper = journal.Journal(path, current)
        interactive.run(text, current, keeper.save, term, everything=True)
        started = time.perf_counter()
        keeper.fold()
        fold = time.perf_counter() - started
        per_key = [(asked[i + 1] - handed[i]) * 1000 for i in range(len(handed))]
        per_key.sort()
        print(json.dumps({
            "rows": len(current.rows),
            "keys": len(per_key),
            "format": args.format,
            "key_ms_median": round(statistics.median(per_key), 2),
            "key_ms_p95": round(per_key[int(0.95 * (len(per_key) - 1))], 2),
            "key_ms_max": round(per_key[-1], 2),
            "fold_at_the_end_s": round(fold, 2),
            "one_whole_rewrite_s (each key before the journal)": round(full_save, 2),
        }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
