"""benchmarks/formats_headroom.py: the oracle puts the gold text in place of the doubted words only,
on offsets carried through alignments with the corrected and the gold text."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "formats_headroom.py"
_spec = importlib.util.spec_from_file_location("benchmark_formats_headroom", SCRIPT)
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench
_spec.loader.exec_module(bench)


def word(text: str, piece: str) -> SimpleNamespace:
    start = text.rindex(piece)  # the last: a one-letter word is also inside words before it
    return SimpleNamespace(start=start, end=start + len(piece))


def test_boundary_map_follows_insertions_and_deletions():
    mapped = bench.boundary_map("аб вг", "аб xвг")
    assert mapped[0] == 0 and mapped[3] in (3, 4) and mapped[5] == 6


def test_only_the_doubted_words_take_the_gold_text():
    text, corrected, gold = "к Москве прибыл тов. Ваиг", "к Москве прибыл тов. Ваиг", "и Москве прибыл тов. Ван"
    oracle = bench.oracle_text(text, corrected, gold, [word(text, "Ваиг")])
    assert oracle == "к Москве прибыл тов. Ван"  # the undoubted `к` keeps its reading


def test_a_word_the_correction_changed_is_located_in_the_corrected_text():
    text, corrected, gold = "прибьл в Пекин к", "прибыл в Пекин к", "прибыл в Пекин и"
    oracle = bench.oracle_text(text, corrected, gold, [word(text, "к")])
    assert oracle == "прибыл в Пекин и"
