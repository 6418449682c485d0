#!/usr/bin/env python3
"""How much the engine's word confidences could add at most: an upper bound for issue 14's "hOCR cuts
CER 5 points more than the plain text".

usage: python benchmarks/formats_headroom.py [PAIRS_DIR] [--below 0.5,0.7,0.9]

For each NAME.hocr of PAIRS_DIR (default: the project's copy of the dev-set-formats pairs), the plain
text of the same recognition is corrected as `ocr-fix fix` corrects it (no confidences). Then, as if
confidences made every doubted word perfect, each word the engine read with a confidence below a
bar is replaced by its gold text (located through character alignments of the OCR text with the
corrected and the gold text); every other word keeps its correction. Two oracles:

- every doubted word: the most any use of confidence could give, non-words included (which the
  text alone already finds, so most of this is not confidence's to give);
- doubted dictionary words only: the errors the plain text cannot see at all (`на`/`за`), where
  confidence is the only evidence; this is the headroom of confidence as evidence.

A second table asks whether the review bin holds what the oracles lack: `fix` fed the hOCR, and each
proposal it leaves for review on a word read below 0.9, applied: how many were right, and how many
characters nearer the gold text the output would be (negative: farther).

Scored as benchmarks/formats.py scores (NFC, whitespace folded, pooled per level). The oracles
break no right word; a real corrector would, and the issue allows no more broken words than the
plain text's.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Levenshtein  # noqa: E402
from tabulate import tabulate  # noqa: E402

from ocr_fix.api import correct_file, correct_text, resources  # noqa: E402
from ocr_fix.formats import read_ocr  # noqa: E402
from ocr_fix.quality.align import opcodes  # noqa: E402
from ocr_fix.quality.evaluate import evaluate_outputs  # noqa: E402

DEFAULT_PAIRS = Path(__file__).resolve().parent / "data" / "dev-set-formats" / "pairs"
WORD = re.compile(r"\w+")


def boundary_map(source: str, target: str) -> list[int]:
    """For each position 0..len(source) of `source`, the position in `target` it aligns with."""
    mapped = [0] * (len(source) + 1)
    for tag, i1, i2, j1, j2 in opcodes(source, target):
        for k in range(i1, i2 + 1):
            if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
                mapped[k] = j1 + k - i1
            else:  # a span of another length: its ends map to the ends, the inside in proportion
                mapped[k] = j1 + round((k - i1) * (j2 - j1) / max(1, i2 - i1))
    return mapped


def oracle_text(text: str, corrected: str, gold: str, words: list) -> str:
    """`corrected` with each of `words` (OCR words, offsets on `text`) replaced by its gold text."""
    to_corrected, to_gold = boundary_map(text, corrected), boundary_map(text, gold)
    out, position = [], 0
    for word in words:
        start, end = to_corrected[word.start], to_corrected[word.end]
        if start < position:
            continue
        out += [corrected[position:start], gold[to_gold[word.start]:to_gold[word.end]]]
        position = end
    out.append(corrected[position:])
    return "".join(out)


REVIEW_BELOW = 0.9


def review_tally(path: Path, text: str, gold: str, words: list) -> tuple[int, int, int]:
    """(proposals left for review on words read below REVIEW_BELOW, how many are the gold text,
    characters gained by applying them all)."""
    doubted = {k for w in words if w.confidence is not None and w.confidence < REVIEW_BELOW
               for k in range(w.start, w.end)}
    to_gold = boundary_map(text, gold)
    count = right = gained = 0
    for proposal in correct_file(path).correction.proposals:
        if proposal.bin == "auto" or proposal.start not in doubted:
            continue
        truth, printed = gold[to_gold[proposal.start]:to_gold[proposal.end]], text[proposal.start:proposal.end]
        count, right = count + 1, right + (proposal.replacement == truth)
        gained += Levenshtein.distance(printed, truth) - Levenshtein.distance(proposal.replacement, truth)
    return count, right, gained


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--below", default="0.5,0.7,0.9", help="confidence bars (0-1), comma-separated")
    args = parser.parse_args()
    bars = [float(b) for b in args.below.split(",")]
    known = resources(()).lookup.known_word
    items: dict[tuple[str, str], list] = defaultdict(list)
    review: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    names = sorted(p.name[: -len(".hocr")] for p in args.pairs.glob("*.hocr"))
    if not names:
        raise SystemExit(f"no NAME.hocr in {args.pairs}")
    for name in names:
        level = re.search(r"\.L(\d)\.", name)
        level = f"L{level.group(1)}" if level else "?"
        gold = (args.pairs / f"{name}.gold.txt").read_text(encoding="utf-8")
        document = read_ocr((args.pairs / f"{name}.hocr").read_bytes(), name)
        text = document.text
        corrected = correct_text(text).text
        items[(level, "text fixed")].append((name, text, gold, corrected))
        tally = review_tally(args.pairs / f"{name}.hocr", text, gold, document.words)
        review[level] = [a + b for a, b in zip(review[level], tally)]
        for bar in bars:
            doubted = [w for w in document.words if w.confidence is not None and w.confidence < bar]
            dictionary = [w for w in doubted if (found := WORD.findall(text[w.start:w.end]))
                          and all(known(part) for part in found)]
            items[(level, f"every word < {bar:g} perfect")].append(
                (name, text, gold, oracle_text(text, corrected, gold, doubted)))
            items[(level, f"dictionary words < {bar:g} perfect")].append(
                (name, text, gold, oracle_text(text, corrected, gold, dictionary)))
    rows = []
    for level in sorted({level for level, _ in items}):
        base = None
        for (row_level, kind), pairs in items.items():
            if row_level != level:
                continue
            cut = 100 * (evaluate_outputs(pairs).figures()["improvement"] or 0)
            base = cut if base is None else base
            rows.append([level, kind, f"{cut:.1f}", "" if kind == "text fixed" else f"{cut - base:+.1f}"])
    print(f"CER cut of the plain text's correction, and of oracles that make doubted words perfect "
          f"({args.pairs})")
    print(tabulate(rows, headers=["level", "output", "CER cut %", "points over text"], tablefmt="github",
                   disable_numparse=True))
    print(f"\nfix fed the hOCR: its review proposals on words read below {REVIEW_BELOW:g}, if all were applied")
    print(tabulate([[level, *review[level]] for level in sorted(review)],
                   headers=["level", "proposals", "right", "characters gained"], tablefmt="github"))


if __name__ == "__main__":
    main()
