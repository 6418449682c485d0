"""A correction pass over (OCR, gold) pairs: before/after, fixed and broken words (ocr_fix/quality/evaluate.py)."""

from __future__ import annotations

import pytest

from ocr_fix.errors import OcrFixError
from ocr_fix.quality.evaluate import evaluate, evaluate_pair, find_pairs
from ocr_fix.quality.score import Normalization

GOLD = "японских войск прибыло\nв Москву\n"
OCR = "японских войскак прибыло\nв Москзу\n"


def identity(text: str) -> str:
    return text


def replacing(*pairs: tuple[str, str]):
    def correct(text: str) -> str:
        for old, new in pairs:
            text = text.replace(old, new)
        return text
    return correct


def test_identity_pass_changes_nothing():
    r = evaluate_pair("doc", OCR, GOLD, identity)
    assert r.before == r.after
    assert r.improvement == 0.0
    assert (r.words.fixed, r.words.broken, r.worse) == (0, 0, False)
    assert r.words.total == 5 and r.words.right_before == 3


def test_a_right_fix_counts_as_fixed():
    r = evaluate_pair("doc", OCR, GOLD, replacing(("войскак", "войск")))
    assert r.before.chars.edits == 3 and r.after.chars.edits == 1
    assert r.improvement == pytest.approx(2 / 3)
    assert (r.words.fixed, r.words.broken) == (1, 0)
    assert r.words.fixed_share == pytest.approx(1 / 2)
    assert r.after.wer == pytest.approx(1 / 5)


def test_a_change_to_a_right_word_counts_as_broken_and_worse():
    r = evaluate_pair("doc", OCR, GOLD, replacing(("прибыло", "прибыла")))
    assert (r.words.fixed, r.words.broken) == (0, 1)
    assert r.words.broken_share == pytest.approx(1 / 3)
    assert r.worse and r.improvement < 0


def test_totals_pool_the_counts_of_all_pairs():
    pairs = [("a", OCR, GOLD), ("b", "кот", "кит"), ("c", "как есть", "как есть")]
    ev = evaluate(pairs, replacing(("войскак", "войск"), ("кот", "кит")))
    f = ev.figures()
    before = sum(p.before.chars.edits for p in ev.pairs) / sum(p.before.chars.reference for p in ev.pairs)
    after = sum(p.after.chars.edits for p in ev.pairs) / sum(p.after.chars.reference for p in ev.pairs)
    assert f["cer_before"] == pytest.approx(before) and f["cer_after"] == pytest.approx(after)
    assert f["improvement"] == pytest.approx((before - after) / before)
    assert (f["documents"], f["fixed"], f["broken"], f["documents_worse"]) == (3, 2, 0, 0)
    assert f["fixed_share"] == pytest.approx(2 / 3)
    assert ev.pairs[2].improvement is None  # nothing to improve on a perfect OCR


def test_normalisation_applies_to_both_sides():
    r = evaluate_pair("doc", "Ёлка", "елка", identity, Normalization(fold_yo=True, fold_case=True))
    assert r.before.cer == 0.0 and r.words.right_before == 1


def test_as_dict_has_the_summary_and_each_document():
    ev = evaluate([("a", OCR, GOLD)], replacing(("войскак", "войск")))
    d = ev.as_dict()
    assert d["summary"]["fixed"] == 1
    assert d["documents"][0]["name"] == "a"
    assert d["documents"][0]["chars_after"]["edits"] == 1
    assert d["normalization"]["whitespace"] == "fold"


def test_find_pairs(tmp_path):
    for name in ("b", "a"):
        (tmp_path / f"{name}.ocr.txt").write_text("x", encoding="utf-8")
        (tmp_path / f"{name}.gold.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pair", encoding="utf-8")
    assert [(n, o.name, g.name) for n, o, g in find_pairs(tmp_path)] == [
        ("a", "a.ocr.txt", "a.gold.txt"), ("b", "b.ocr.txt", "b.gold.txt")]


def test_find_pairs_names_the_file_without_gold(tmp_path):
    (tmp_path / "lonely.ocr.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OcrFixError) as info:
        find_pairs(tmp_path)
    assert str(info.value) == f"{tmp_path / 'lonely.ocr.txt'}: has no gold text lonely.gold.txt next to it"


def test_find_pairs_refuses_an_empty_folder(tmp_path):
    with pytest.raises(OcrFixError, match="no NAME.ocr.txt / NAME.gold.txt pairs"):
        find_pairs(tmp_path)
