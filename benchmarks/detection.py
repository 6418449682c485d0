#!/usr/bin/env python3
"""Word-level detection quality of `ocr-fix check` on (OCR, gold) pairs, per wear level.

usage: python benchmarks/detection.py [PAIRS_DIR ...] [--verbose]

With no PAIRS_DIR it reads the project's copies of the dev sets, benchmarks/data/dev-set/pairs and
benchmarks/data/dev-set-real/pairs (the pairs of ../shared/dev-set/pairs and ../shared/dev-set-real/pairs,
which it reads when named), skipping a set that is not there with a note.

Words are the tokens of ocr-fix's tokenizer that contain letters (numbers are aligned too, but a
misread digit is not a word error and is not counted). An OCR word is wrong when it differs from
the gold token it is aligned to (token-level Levenshtein alignment). A word is flagged when a
finding other than page furniture covers it. Recall: the share of wrong words flagged. Precision:
the share of flagged words that are really wrong.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys
import unicodedata
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from tabulate import tabulate  # noqa: E402

from ocr_fix.api import check_text  # noqa: E402
from ocr_fix.quality.align import hypothesis_word_status  # noqa: E402
from ocr_fix.tokens import Kind, tokenize  # noqa: E402

DATA = os.path.join(os.path.dirname(__file__), "data")
DEFAULT_PAIRS = [os.path.join(DATA, "dev-set", "pairs"), os.path.join(DATA, "dev-set-real", "pairs")]


def word_tokens(text: str):
    return [t for t in tokenize(text) if t.kind in (Kind.WORD, Kind.NUMBER)]


def score_pair(ocr: str, gold: str, verbose: bool = False, name: str = ""):
    ocr = unicodedata.normalize("NFC", ocr)
    gold = unicodedata.normalize("NFC", gold)
    hyp = word_tokens(ocr)
    ref = [t.text for t in word_tokens(gold)]
    right = hypothesis_word_status(ref, [t.text for t in hyp])
    spans = [(f.start, f.end, f.rule) for f in check_text(ocr).findings if f.category != "furniture"]
    rules = [next((r for s, e, r in spans if s < t.end and t.start < e), None) for t in hyp]
    flagged = [r is not None for r in rules]
    is_word = [t.kind is Kind.WORD for t in hyp]
    hyp = [t for t, w in zip(hyp, is_word) if w]
    right = [r for r, w in zip(right, is_word) if w]
    rules = [r for r, w in zip(rules, is_word) if w]
    flagged = [f for f, w in zip(flagged, is_word) if w]
    per_rule = {}
    for rule, r in zip(rules, right):
        if rule:
            per_rule.setdefault(rule, [0, 0])[0 if not r else 1] += 1
    counts = dict(
        words=len(hyp),
        wrong=sum(not r for r in right),
        flagged=sum(flagged),
        hit=sum(f and not r for f, r in zip(flagged, right)),
    )
    if verbose:
        for tok, r, f, rule in zip(hyp, right, flagged, rules):
            if f and r:
                print(f"  {name}: flagged but right: {tok.text} [{rule}]")
            elif not f and not r:
                print(f"  {name}: missed: {tok.text}  | {ocr[max(0, tok.start - 30):tok.end + 30]!r}")
    counts.update({f"rule:{k}:hit": v[0] for k, v in per_rule.items()})
    counts.update({f"rule:{k}:false": v[1] for k, v in per_rule.items()})
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="*")
    parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--only", default=None, help="regular expression on pair names")
    args = parser.parse_args()
    folders = args.pairs
    if not folders:
        folders = [f for f in DEFAULT_PAIRS if os.path.isdir(f)]
        for missing in [f for f in DEFAULT_PAIRS if f not in folders]:
            print(f"note: {os.path.normpath(missing)} is not there; skipped", file=sys.stderr)
    for folder in folders:
        totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for gold_path in sorted(glob.glob(os.path.join(folder, "*.gold.txt"))):
            name = os.path.basename(gold_path)[: -len(".gold.txt")]
            if args.only and not re.search(args.only, name):
                continue
            level = re.search(r"\.L(\d)\.", name)
            level = f"L{level.group(1)}" if level else "?"
            with open(gold_path, encoding="utf-8") as g, open(gold_path.replace(".gold.txt", ".ocr.txt"), encoding="utf-8") as o:
                counts = score_pair(o.read(), g.read(), args.verbose, name)
            for key, value in counts.items():
                totals[level][key] += value
                totals["all"][key] += value
        rows = []
        for level in sorted(totals, key=lambda k: (k == "all", k)):
            t = totals[level]
            recall = 100 * t["hit"] / max(1, t["wrong"])
            precision = 100 * t["hit"] / max(1, t["flagged"])
            rows.append([level, t["words"], t["wrong"], t["flagged"], f"{recall:.1f}", f"{precision:.1f}"])
        if args.verbose:
            rule_names = sorted({k.split(":")[1] for k in totals["all"] if k.startswith("rule:")})
            print(tabulate([[r, totals["all"].get(f"rule:{r}:hit", 0), totals["all"].get(f"rule:{r}:false", 0)]
                            for r in rule_names], headers=["rule", "right flags", "false flags"]))
        print(f"\n{os.path.normpath(folder)}")
        print(tabulate(rows, headers=["level", "OCR words", "wrong", "flagged", "recall %", "precision %"],
                       tablefmt="github"))


if __name__ == "__main__":
    main()
