"""benchmarks/correction.py: the per-rule tally of fixed and broken words, on tiny made-up pairs.

The changes are written by hand (no correction is run), so these tests hold the bookkeeping only.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ocr_fix.quality.evaluate import evaluate_pair
from ocr_fix.quality.score import score

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "correction.py"
_spec = importlib.util.spec_from_file_location("benchmark_correction", SCRIPT)
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # its dataclasses look their module up there
_spec.loader.exec_module(bench)
Change = bench.Change


def tally(ocr: str, gold: str, changes: list):
    corrected = bench.apply_changes(ocr, changes)[0]
    result = evaluate_pair("pair", ocr, gold, lambda _text: corrected)
    counts, broken = bench.rule_counts("pair", ocr, gold, changes, corrected, result)
    return result, counts, broken


def test_a_fix_and_a_break_are_counted_under_their_rules():
    gold = "мы видим дом и сад"
    ocr = "мы вндим дом и сад"
    result, counts, broken = tally(ocr, gold, [Change(3, 8, "видим", "unknown-word"),
                                               Change(13, 14, "а", "grammar-mismatch")])
    assert counts["unknown-word"] == bench.RuleCounts(words=1, fixed=1, broken=0)
    assert counts["grammar-mismatch"] == bench.RuleCounts(words=1, fixed=0, broken=1)
    assert sum(c.broken for c in counts.values()) == result.words.broken == 1
    assert sum(c.fixed for c in counts.values()) == result.words.fixed == 1
    assert broken == [bench.BrokenWord("pair", "и", "а", "и", "grammar-mismatch")]


def test_two_rules_on_one_word_and_an_insertion_at_its_edge():
    gold = "дом и сад"
    ocr = "дом и сад"
    # one rule changes a letter of `сад`, another appends a mark right after it
    result, counts, broken = tally(ocr, gold, [Change(6, 7, "з", "unknown-word"), Change(9, 9, ".", "noise")])
    assert result.words.broken == 1
    assert counts["noise+unknown-word"].broken == 1
    assert counts["noise"].words == counts["unknown-word"].words == 1
    assert broken[0].ocr == "сад" and broken[0].changed_to == "зад." and broken[0].rule == "noise+unknown-word"


def test_joining_two_words_touches_both():
    gold = "военно морской"
    ocr = "военно морской"
    result, counts, broken = tally(ocr, gold, [Change(6, 7, "-", "unknown-word")])
    assert counts["unknown-word"] == bench.RuleCounts(words=2, fixed=0, broken=2)
    assert result.words.broken == 2
    assert {w.changed_to for w in broken} == {"военно-морской"}


def test_changes_that_do_not_give_the_corrected_text_are_refused():
    ocr = gold = "дом и сад"
    result = evaluate_pair("pair", ocr, gold, lambda text: text)
    with pytest.raises(ValueError):
        bench.rule_counts("pair", ocr, gold, [Change(0, 3, "дым", "unknown-word")], ocr, result)


@pytest.mark.parametrize("gold, hyp", [
    ("мы видим дом и сад", "мы вн дим дом  и\nсад"),
    ("а б а б а", "б а б а б"),
    ("", "слово"),
    ("Cafe\u0301 и кафе", "Caf\u00e9 и  кафе"),  # NFC makes the two spellings one word
])
def test_the_alignment_is_the_scores(gold, hyp):
    matches = bench.aligned(gold, hyp)
    assert [m >= 0 for m in matches] == list(score(gold, hyp).word_right)
    hyp_words = hyp.split()
    for i, m in enumerate(matches):
        if m >= 0:
            assert bench.unicodedata.normalize("NFC", hyp_words[m]) == bench.unicodedata.normalize("NFC", gold.split()[i])


def test_a_set_is_named_after_its_folder():
    assert bench.set_name(Path("/x/shared/dev-set-real/pairs")) == "dev-set-real"
    assert bench.set_name(Path("/x/benchmarks/heldout/pairs/")) == "heldout"
    assert bench.set_name(Path("/x/my-pairs")) == "my-pairs"
