#!/usr/bin/env python3
"""Correction quality of `ocr-fix fix` (automatic bin only) on (OCR, gold) pairs, per wear level,
next to plain baselines so the gain is visible.

usage: python benchmarks/correction.py [PAIRS_DIR ...] [--json OUT]

Baselines:
  nearest    every unknown word replaced by the most frequent dictionary word at the smallest plain
             edit distance (what a naive spell checker does);
  symspellpy the same through symspellpy over wordfreq's Russian list (when symspellpy is installed:
             pip install -e '.[bench]').
Figures (pooled over the pairs of a level, ../shared/tools/score.py conventions): CER before and
after, improvement = (before - after) / before, the share of wrong words fixed, the share of right
words broken, and the number of documents made worse.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from rapidfuzz.distance import Levenshtein  # noqa: E402
from tabulate import tabulate  # noqa: E402

from ocr_fix.api import correct_text  # noqa: E402
from ocr_fix.language.normalize import fold, match_case  # noqa: E402
from ocr_fix.quality.evaluate import evaluate, find_pairs  # noqa: E402
from ocr_fix.session import resources  # noqa: E402
from ocr_fix.tokens import Kind, tokenize  # noqa: E402

DEFAULT_PAIRS = [Path(__file__).resolve().parent.parent.parent / "shared" / "dev-set" / "pairs"]


def nearest_word_baseline():
    lookup = resources().lookup

    def correct(text: str) -> str:
        out = []
        for tok in tokenize(text):
            folded = fold(tok.text)
            if tok.kind is Kind.WORD and not lookup.is_known(folded) and folded.isalpha():
                pool = lookup.index.words_near(folded)
                if pool:
                    best = min(pool, key=lambda w: (Levenshtein.distance(w, folded), -pool[w], w))
                    out.append(match_case(best, tok.text))
                    continue
            out.append(tok.text)
        return "".join(out)

    return correct


def symspell_baseline():
    try:
        import wordfreq
        from symspellpy import SymSpell, Verbosity
    except ImportError:
        return None
    speller = SymSpell(max_dictionary_edit_distance=2)
    for word, freq in wordfreq.get_frequency_dict("ru", "large").items():
        if word.isalpha():
            speller.create_dictionary_entry(word, max(1, int(freq * 1e9)))

    def correct(text: str) -> str:
        out = []
        for tok in tokenize(text):
            if tok.kind is Kind.WORD and tok.text.isalpha():
                hits = speller.lookup(tok.text.lower(), Verbosity.TOP, max_edit_distance=2)
                if hits and hits[0].term != tok.text.lower():
                    out.append(match_case(hits[0].term, tok.text))
                    continue
            out.append(tok.text)
        return "".join(out)

    return correct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="*", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--json", type=Path, help="write all figures here")
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()
    passes = {"ocr-fix fix": lambda text: correct_text(text).text}
    if not args.no_baselines:
        passes["nearest"] = nearest_word_baseline()
        symspell = symspell_baseline()
        if symspell is not None:
            passes["symspellpy"] = symspell
    everything = {}
    for folder in args.pairs:
        by_level: dict[str, list] = defaultdict(list)
        for name, ocr, gold in find_pairs(folder):
            level = re.search(r"\.L(\d)\.", name)
            by_level[f"L{level.group(1)}" if level else "?"].append(
                (name, ocr.read_text(encoding="utf-8"), gold.read_text(encoding="utf-8")))
        rows = []
        for level in sorted(by_level):
            for label, correct in passes.items():
                figures = evaluate(by_level[level], correct).figures()
                everything[f"{folder.name}/{level}/{label}"] = figures
                rows.append([level, label, f"{100 * figures['cer_before']:.2f}", f"{100 * figures['cer_after']:.2f}",
                             f"{100 * (figures['improvement'] or 0):.1f}", f"{100 * figures['fixed_share']:.1f}",
                             f"{100 * figures['broken_share']:.2f}", f"{figures['documents_worse']}/{figures['documents']}"])
        print(f"\n{folder}")
        print(tabulate(rows, headers=["level", "pass", "CER before %", "CER after %", "improvement %",
                                      "fixed %", "broken %", "docs worse"], tablefmt="github"))
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
