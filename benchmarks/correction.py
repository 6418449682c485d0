#!/usr/bin/env python3
"""Correction quality of `ocr-fix fix` (automatic bin only) on (OCR, gold) pairs, per wear level,
next to plain baselines so the gain is visible.

usage: python benchmarks/correction.py [PAIRS_DIR ...] [--json OUT] [--no-baselines]

With no PAIRS_DIR it reads the project's copies of the dev sets, benchmarks/data/dev-set/pairs and
benchmarks/data/dev-set-real/pairs (the same pairs as ../shared/dev-set/pairs and
../shared/dev-set-real/pairs, which it reads when named), skipping a set that is not there with a
note. A set is named after its folder, or after the folder above when that one is called `pairs`
(dev-set, dev-set-real, heldout).

Baselines:
  nearest    every unknown word replaced by the most frequent dictionary word at the smallest plain
             edit distance (what a naive spell checker does);
  symspellpy the same through symspellpy over wordfreq's Russian list (when symspellpy is installed:
             pip install -e '.[bench]').
Figures (pooled over the pairs of a level, ../shared/tools/score.py conventions): CER before and
after, improvement = (before - after) / before, the share of wrong words fixed, the share of right
words broken, and the number of documents made worse.

Per rule (for `ocr-fix fix`, per set and level): the `rule` of each applied proposal, how many OCR
words its changes touched, how many wrong gold words it fixed and how many right gold words it
broke. Fixed and broken are evaluate.py's own per-word verdicts (a gold word is right when the word
aligned to it is identical), so the per-rule columns add up to the fixed and broken totals; a
broken word is traced through the OCR-gold word alignment to its OCR word and the applied
proposals touching it, a fixed word through the corrected-gold alignment to its corrected word.
A word touched by proposals of several rules is counted under `rule1+rule2`; a word whose verdict
changed without any proposal touching it (the alignment moved around a change nearby) under
`(no change on the word)`. The broken words themselves are listed, identical ones together with
their count (the 40 most frequent kinds of a set; every broken word in --json).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from array import array
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from rapidfuzz.distance import Levenshtein  # noqa: E402
from tabulate import tabulate  # noqa: E402

from ocr_fix.api import correct_text  # noqa: E402
from ocr_fix.language.normalize import fold, match_case  # noqa: E402
from ocr_fix.quality.align import Keys, opcodes  # noqa: E402
from ocr_fix.quality.evaluate import Evaluation, PairResult, evaluate, evaluate_pair, find_pairs  # noqa: E402
from ocr_fix.quality.score import Normalization  # noqa: E402
from ocr_fix.session import resources  # noqa: E402
from ocr_fix.tokens import Kind, tokenize  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_PAIRS = [DATA / "dev-set" / "pairs", DATA / "dev-set-real" / "pairs"]
BROKEN_SHOWN = 40  # kinds of broken word printed per set (all broken words go to --json)
NO_CHANGE = "(no change on the word)"


def set_name(folder: Path) -> str:
    folder = Path(os.path.normpath(folder.absolute()))
    return folder.parent.name if folder.name == "pairs" and folder.parent.name else folder.name


# --- which rule changed which word -----------------------------------------------------------------

_WORD = re.compile(r"\S+")  # the words score.py compares: whitespace-separated pieces


@dataclass(frozen=True)
class Change:
    """An applied proposal: a span of the OCR text, its replacement and its rule."""

    start: int
    end: int
    replacement: str
    rule: str


@dataclass
class RuleCounts:
    words: int = 0  # OCR words its changes touched
    fixed: int = 0  # wrong gold words made right
    broken: int = 0  # right gold words made wrong


@dataclass(frozen=True)
class BrokenWord:
    name: str
    ocr: str  # the OCR word, right before
    changed_to: str  # the OCR word with the changes touching it applied
    gold: str
    rule: str


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def aligned(reference: str, hypothesis: str) -> list[int]:
    """For each reference word, the index of the identical hypothesis word aligned to it, else -1.

    The same word alignment as score.py with the default normalisation (NFC, whitespace folded):
    the words keyed in the same order and aligned by the same `opcodes`, so its matches are
    score()'s `word_right` (rule_counts checks that they are).
    """
    keys = Keys()
    ref = [keys.code(unicodedata.normalize("NFC", reference[a:b])) for a, b in _spans(reference)]
    hyp = [keys.code(unicodedata.normalize("NFC", hypothesis[a:b])) for a, b in _spans(hypothesis)]
    ref_seq, hyp_seq = keys.sequence(array("L", ref)), keys.sequence(array("L", hyp))
    match = [-1] * len(ref)
    for tag, i1, i2, j1, _j2 in opcodes(ref_seq, hyp_seq):
        if tag == "equal":
            for k in range(i2 - i1):
                match[i1 + k] = j1 + k
    return match


def apply_changes(text: str, changes: list[Change]) -> tuple[str, list[tuple[int, int]]]:
    """`text` with the changes applied (they do not overlap), and each change's span in the result."""
    out, spans, at, shift = [], [], 0, 0
    for c in changes:
        out.append(text[at:c.start])
        out.append(c.replacement)
        spans.append((c.start + shift, c.start + shift + len(c.replacement)))
        shift += len(c.replacement) - (c.end - c.start)
        at = c.end
    out.append(text[at:])
    return "".join(out), spans


def _touching(word: tuple[int, int], spans: list[tuple[int, int]]) -> list[int]:
    """Indices of the spans inside, over or at an edge of the word (an insertion just before or
    after it, a joined space, change the word as compared)."""
    s, e = word
    return [k for k, (a, b) in enumerate(spans) if a <= e and b >= s]


def _rule_key(rules: set[str]) -> str:
    return "+".join(sorted(rules)) if rules else NO_CHANGE


def _changed_to(word: tuple[int, int], touching: list[int], changes: list[Change], corrected: str) -> str:
    """What the OCR word became: the corrected text over the word and the changes touching it,
    widened to whole words (a joined space makes one word of two). `changes` are sorted and do
    not overlap, so the changes before the word are those before the first touching one."""
    def delta(some: list[Change]) -> int:
        return sum(len(c.replacement) - (c.end - c.start) for c in some)

    if not touching:
        shift = delta([c for c in changes if c.end <= word[0]])
        return corrected[word[0] + shift:word[1] + shift]
    start = min(word[0], changes[touching[0]].start) + delta(changes[:touching[0]])
    end = max(word[1], changes[touching[-1]].end) + delta(changes[:touching[-1] + 1])
    while start > 0 and not corrected[start - 1].isspace():
        start -= 1
    while end < len(corrected) and not corrected[end].isspace():
        end += 1
    return corrected[start:end].strip()


def rule_counts(name: str, ocr: str, gold: str, changes: list[Change], corrected: str,
                result: PairResult) -> tuple[dict[str, RuleCounts], list[BrokenWord]]:
    """Per rule: words changed, gold words fixed and broken, for one pair evaluated as `result`
    (evaluate_pair of `ocr` and `gold`, the correction being `corrected`); and the broken words."""
    changes = sorted(changes, key=lambda c: (c.start, c.end))
    rebuilt, new_spans = apply_changes(ocr, changes)
    if rebuilt != corrected:
        raise ValueError(f"{name}: the applied proposals do not give the corrected text")
    before, after = aligned(gold, ocr), aligned(gold, corrected)
    if [j >= 0 for j in before] != list(result.before.word_right) or \
            [k >= 0 for k in after] != list(result.after.word_right):
        raise ValueError(f"{name}: the word alignment differs from score()'s")
    counts: dict[str, RuleCounts] = defaultdict(RuleCounts)
    old_spans = [(c.start, c.end) for c in changes]
    ocr_words, new_words, gold_words = _spans(ocr), _spans(corrected), _spans(gold)
    for word in ocr_words:
        for k in _touching(word, old_spans):
            counts[changes[k].rule].words += 1
    broken = []
    for i, (j, k) in enumerate(zip(before, after)):
        if j >= 0 and k < 0:  # right before, wrong after
            touching = _touching(ocr_words[j], old_spans)
            rule = _rule_key({changes[t].rule for t in touching})
            counts[rule].broken += 1
            broken.append(BrokenWord(name, ocr[slice(*ocr_words[j])],
                                     _changed_to(ocr_words[j], touching, changes, corrected),
                                     gold[slice(*gold_words[i])], rule))
        elif j < 0 and k >= 0:  # wrong before, right after
            counts[_rule_key({changes[t].rule for t in _touching(new_words[k], new_spans)})].fixed += 1
    return dict(counts), broken


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


def grouped(broken: list[BrokenWord]) -> list[list[BrokenWord]]:
    """The broken words by (OCR word, changed to, gold, rule), most frequent first, else in order."""
    groups: dict[tuple, list[BrokenWord]] = {}
    for w in broken:
        groups.setdefault((w.ocr, w.changed_to, w.gold, w.rule), []).append(w)
    return sorted(groups.values(), key=len, reverse=True)


def _files(words: list[BrokenWord]) -> str:
    files = list(dict.fromkeys(w.name for w in words))
    return files[0] + (f" and {len(files) - 1} other files" if len(files) > 1 else "")


def fix_pass(pairs: list[tuple[str, str, str]]) -> tuple[Evaluation, dict[str, RuleCounts], list[BrokenWord]]:
    """`ocr-fix fix` over the pairs of one level: evaluate.py's figures, per-rule counts, broken words."""
    results, totals, broken = [], defaultdict(RuleCounts), []
    for name, ocr, gold in pairs:
        done = {}

        def correct(text: str) -> str:
            done["correction"] = correct_text(text)
            return done["correction"].text

        result = evaluate_pair(name, ocr, gold, correct)
        correction = done["correction"]
        changes = [Change(p.start, p.end, p.replacement, p.rule) for p in correction.applied]
        counts, words = rule_counts(name, ocr, gold, changes, correction.text, result)
        for rule, c in counts.items():
            t = totals[rule]
            t.words, t.fixed, t.broken = t.words + c.words, t.fixed + c.fixed, t.broken + c.broken
        broken.extend(words)
        results.append(result)
    evaluation = Evaluation(tuple(results), Normalization())
    figures = evaluation.figures()
    if sum(c.broken for c in totals.values()) != figures["broken"] or \
            sum(c.fixed for c in totals.values()) != figures["fixed"]:
        raise SystemExit("the per-rule fixed and broken counts do not add up to the totals")
    return evaluation, dict(totals), broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="write all figures here")
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()
    folders = args.pairs
    if not folders:
        folders = []
        for folder in DEFAULT_PAIRS:
            if folder.is_dir():
                folders.append(folder)
            else:
                print(f"note: {os.path.normpath(folder)} is not there; skipped", file=sys.stderr)
    passes = {"ocr-fix fix": None}
    if not args.no_baselines:
        passes["nearest"] = nearest_word_baseline()
        symspell = symspell_baseline()
        if symspell is not None:
            passes["symspellpy"] = symspell
    everything = {}
    for folder in folders:
        name = set_name(folder)
        by_level: dict[str, list] = defaultdict(list)
        for pair, ocr, gold in find_pairs(folder):
            level = re.search(r"\.L(\d)\.", pair)
            by_level[f"L{level.group(1)}" if level else "?"].append(
                (pair, ocr.read_text(encoding="utf-8"), gold.read_text(encoding="utf-8")))
        rows, rule_tables, broken = [], {}, []
        for level in sorted(by_level):
            for label, correct in passes.items():
                if correct is None:
                    evaluation, counts, words = fix_pass(by_level[level])
                    rule_tables[level] = counts
                    broken.extend(words)
                    everything[f"{name}/{level}/rules"] = {rule: asdict(c) for rule, c in sorted(counts.items())}
                else:
                    evaluation = evaluate(by_level[level], correct)
                figures = evaluation.figures()
                everything[f"{name}/{level}/{label}"] = figures
                rows.append([level, label, f"{100 * figures['cer_before']:.2f}", f"{100 * figures['cer_after']:.2f}",
                             f"{100 * (figures['improvement'] or 0):.1f}", f"{100 * figures['fixed_share']:.1f}",
                             f"{100 * figures['broken_share']:.2f}", f"{figures['fixed']}", f"{figures['broken']}",
                             f"{figures['documents_worse']}/{figures['documents']}"])
        everything[f"{name}/broken_words"] = [asdict(w) for w in broken]
        print(f"\n{name} ({os.path.normpath(folder)})")
        print(tabulate(rows, headers=["level", "pass", "CER before %", "CER after %", "improvement %",
                                      "fixed %", "broken %", "fixed", "broken", "docs worse"],
                       tablefmt="github", disable_numparse=True))
        for level, counts in rule_tables.items():
            order = sorted(counts.items(), key=lambda kv: (-kv[1].broken, -kv[1].words, kv[0]))
            table = [[rule, c.words, c.fixed, c.broken] for rule, c in order]
            table.append(["all", sum(c.words for c in counts.values()), sum(c.fixed for c in counts.values()),
                          sum(c.broken for c in counts.values())])
            print(f"\n{name} {level}: ocr-fix fix per rule")
            print(tabulate(table, headers=["rule", "words changed", "fixed", "broken"], tablefmt="github"))
        if broken:
            groups = grouped(broken)
            print(f"\n{name}: right words broken, {len(broken)} in {len(groups)} kinds "
                  f"({min(len(groups), BROKEN_SHOWN)} shown, most frequent first)")
            print(tabulate([[len(ws), ws[0].ocr, ws[0].changed_to, ws[0].gold, ws[0].rule, _files(ws)]
                            for ws in groups[:BROKEN_SHOWN]],
                           headers=["times", "OCR word", "changed to", "gold", "rule", "file"], tablefmt="github",
                           disable_numparse=True))
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
