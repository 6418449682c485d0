#!/usr/bin/env python3
"""How the ranking weights of ocr_fix/propose/ranking.py were chosen: a grid search over the
development pairs, checked on the held-out pairs.

usage: python benchmarks/tune_ranking.py [DEV_PAIRS] [HELDOUT_PAIRS]
(by default benchmarks/data/dev-set/pairs, the project's copy of ../shared/dev-set/pairs, and
benchmarks/heldout/pairs)

For every non-word proposal of every pair it records the candidates with their features (confusion
cost, frequency, grammar fit, document evidence), then re-scores them under each combination of
weights and sums, per level, the characters the automatic bin would fix (edit distance to the gold
word before minus after) and the right words it would break. The objective is the characters fixed
minus ten per word broken, over the development set; the held-out figures show whether the choice
carries over. The weights in use are printed first.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from ocr_fix.propose import ranking, word_bins  # noqa: E402
from ocr_fix.propose.engine import propose  # noqa: E402
from ocr_fix.quality.align import align_words  # noqa: E402
from ocr_fix.session import resources  # noqa: E402
from ocr_fix.tokens import Kind, tokenize  # noqa: E402

HERE = Path(__file__).resolve().parent


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().replace("ё", "е")


def traces(folder: Path) -> list[dict]:
    """Every non-word proposal of the folder's pairs, with the gold word aligned to it."""
    res = resources()
    rows = []
    for gold_path in sorted(folder.glob("*.gold.txt")):
        ocr = unicodedata.normalize("NFC", gold_path.with_name(gold_path.name.replace(".gold.", ".ocr.")).read_text("utf-8"))
        gold = unicodedata.normalize("NFC", gold_path.read_text("utf-8"))
        hyp = [t for t in tokenize(ocr) if t.kind in (Kind.WORD, Kind.NUMBER)]
        ref = [t.text for t in tokenize(gold) if t.kind in (Kind.WORD, Kind.NUMBER)]
        gold_at = {hyp[j].start: ref[i] for i, j in enumerate(align_words(ref, [t.text for t in hyp])) if j is not None}
        trace: list[dict] = []
        propose(ocr, res, trace=trace)
        level = re.search(r"\.L(\d)\.", gold_path.name)
        for row in trace:
            row["gold"] = gold_at.get(row["start"])
            row["level"] = f"L{level.group(1)}" if level else "?"
            if row["gold"] is not None and not row["real_word"]:
                g = fold(row["gold"])
                row["before"] = Levenshtein.distance(g, fold(row["text"]))
                row["after"] = {o[0]: Levenshtein.distance(g, o[0]) for o in row["options"]}
                rows.append(row)
    return rows


def evaluate(rows: list[dict], cost: float, zipf: float, none: float, threshold: float) -> tuple[Counter, Counter]:
    """Characters fixed and right words broken per level, with these weights and this threshold: each
    recorded proposal ranked again by the passes' own `ranking.rank`, every other weight as in use."""
    weights = replace(ranking.WEIGHTS, cost=cost, zipf=zipf, none_base=none)
    gained, broken = Counter(), Counter()
    for row in rows:
        ranked, _none = ranking.rank(*row["rank_inputs"], weights=weights)
        options = [r for r in ranked if r.candidate.source != "original"
                   and (len(r.candidate.word) > 1 or r.candidate.word in "авиксоуя")]
        if not options:
            continue
        best = options[0]
        length = len(fold(row["text"]))
        needed = word_bins.AUTO_PROBABILITY_CAPITALISED if row["capitalised"] else threshold
        if best.probability < needed or best.candidate.cost > max(word_bins.AUTO_MAX_COST, word_bins.AUTO_COST_PER_LETTER * length):
            continue
        after = Levenshtein.distance(fold(row["gold"]), best.candidate.word)
        gained[row["level"]] += row["before"] - after
        broken[row["level"]] += row["gold"] == row["text"]
    return gained, broken


def main() -> None:
    dev = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "data" / "dev-set" / "pairs"
    held = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "heldout" / "pairs"
    dev_rows, held_rows = traces(dev), traces(held)
    current = (ranking.WEIGHTS.cost, ranking.WEIGHTS.zipf, ranking.WEIGHTS.none_base, word_bins.AUTO_PROBABILITY)
    print("in use", current, "dev", evaluate(dev_rows, *current), "held-out", evaluate(held_rows, *current))
    results = []
    for params in itertools.product((2.5, 3.0, 3.5), (0.8, 1.0, 1.2), (-1.5, -1.0, -0.5, 0.0), (0.1, 0.2, 0.3)):
        gained, broken = evaluate(dev_rows, *params)
        results.append((sum(gained.values()) - 10 * sum(broken.values()), params, gained, broken))
    results.sort(key=lambda r: -r[0])
    for objective, params, gained, broken in results[:5]:
        print(objective, params, "dev", dict(gained), dict(broken), "held-out", evaluate(held_rows, *params))


if __name__ == "__main__":
    main()
