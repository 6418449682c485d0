"""CER/WER with counts, normalisation options, per-line figures and confusions (ocr_fix/quality/score.py)."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocr_fix.errors import OcrFixError
from ocr_fix.quality import compared_text
from ocr_fix.quality.align import Limits
from ocr_fix.quality.score import Counts, Normalization, error_rate, score
from tests.conftest import DEV_SET
from tests.garbled_text import garbled_text, heldout_texts
from tests.score_reference import reference_score

DEV_PAIRS = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "dev-set" / "pairs"


def edit_distance(a: list[str], b: list[str]) -> int:
    """Plain dynamic-programming Levenshtein distance, independent of the code under test."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def folded(text: str) -> str:
    """NFC with whitespace runs folded to one space, as ../shared/tools/score.py compares."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def test_identical_texts_have_no_errors():
    s = score("Мао Цзэ-дун прибыл.\n", "Мао Цзэ-дун прибыл.\n")
    assert (s.cer, s.wer) == (0.0, 0.0)
    assert s.chars == Counts(19, 19, 0, 0, 0)
    assert s.words == Counts(3, 3, 0, 0, 0)
    assert s.confusions == ()


def test_substitution_deletion_insertion_are_counted_apart():
    s = score("войск", "воиск")
    assert (s.chars.substitutions, s.chars.deletions, s.chars.insertions) == (1, 0, 0)
    assert s.cer == pytest.approx(1 / 5)
    s = score("войск", "вой ск")
    assert (s.chars.substitutions, s.chars.deletions, s.chars.insertions) == (0, 0, 1)
    assert (s.words.reference, s.words.hypothesis, s.words.edits) == (1, 2, 2)
    s = score("войска", "войск")
    assert (s.chars.substitutions, s.chars.deletions, s.chars.insertions) == (0, 1, 0)


def test_wer_counts_words():
    s = score("японских войск и флота", "японских войскак и флота")
    assert s.words == Counts(4, 4, 1, 0, 0)
    assert s.wer == pytest.approx(0.25)
    assert s.word_right == (True, False, True, True)


def test_grapheme_clusters_and_nfc():
    decomposed = "и\u0306"  # й typed as и + combining breve: NFC makes it one letter
    assert score("мой", "мо" + decomposed).cer == 0.0
    accented = "е\u0301"  # е with a stress mark has no precomposed form: one grapheme of two code points
    s = score("бе", "б" + accented)
    assert s.chars == Counts(2, 2, 1, 0, 0)
    assert s.confusions[0].reference == "е" and s.confusions[0].hypothesis == accented


def test_whitespace_modes():
    ref, hyp = "ПРИБЫЛ\nв  Москву", "ПРИБЫЛ в Москву\n\n"
    assert score(ref, hyp).cer == 0.0
    assert score(ref, hyp, Normalization(whitespace="keep")).chars.edits > 0
    split = score("в Москву", "вМоск ву", Normalization(whitespace="ignore"))
    assert split.cer == 0.0
    assert split.wer > 0  # words are still split on whitespace


def test_case_yo_and_punctuation_options():
    ref, hyp = "Ёлка, ЁЖ.", "елка еж"
    assert score(ref, hyp).chars.edits == 5  # Ё→е, Ё→е, Ж→ж, two marks deleted
    assert score(ref, hyp, Normalization(fold_case=True)).chars.edits == 4
    assert score(ref, hyp, Normalization(fold_case=True, fold_yo=True)).chars.edits == 2
    assert score(ref, hyp, Normalization(fold_case=True, fold_yo=True, drop_punctuation=True)).cer == 0.0
    assert score("ЁЖ", "ЕЖ", Normalization(fold_yo=True)).cer == 0.0


def test_unknown_whitespace_mode_is_refused():
    with pytest.raises(ValueError, match="whitespace"):
        Normalization(whitespace="squash")


def test_empty_reference_rule():
    assert error_rate(0, 0) == 0.0
    assert error_rate(3, 0) == 1.0
    assert score("", "").cer == 0.0
    assert score(" \n ", "").cer == 0.0
    s = score("", "абв")
    assert s.cer == 1.0 and s.wer == 1.0
    assert s.chars == Counts(0, 3, 0, 0, 3)
    assert [ln.line for ln in s.lines] == [1]
    gone = score("абв", "")
    assert gone.cer == 1.0 and gone.chars.deletions == 3


def test_lines_carry_their_errors_and_sum_to_totals():
    ref = "Первая строка\nвторая строка\n\nчетвертая\n"
    hyp = "Первая строка\nвтораа строка\n\nчетвертая лишнее\n"
    s = score(ref, hyp)
    assert [ln.line for ln in s.lines] == [1, 2, 4]
    assert [ln.chars.edits for ln in s.lines] == [0, 1, 7]
    assert s.lines[1].reference.strip() == "вторая строка"
    assert s.lines[1].hypothesis.strip() == "втораа строка"
    assert s.worst_lines()[0].line == 4
    assert s.worst_lines(1) == [s.lines[2]]
    assert [ln.line for ln in s.worst_lines()] == [4, 2]  # line 1 has no errors
    total = Counts(0, 0)
    for ln in s.lines:
        total = total + ln.chars
    assert total == s.chars


def test_insertion_at_a_line_start_belongs_to_that_line():
    s = score("один\nдва", "один\nXдва")
    assert [ln.chars.insertions for ln in s.lines] == [0, 1]


def test_confusions_group_short_misreadings():
    s = score("наш ваш", "наии ваии")
    assert s.confusions[0].reference == "ш" and s.confusions[0].hypothesis == "ии" and s.confusions[0].count == 2


def test_long_garble_is_counted_letter_by_letter():
    s = score("абвгдежз", "ъыьэюяйц")
    assert sum(c.count for c in s.confusions) == 8
    assert all(len(c.reference) == 1 and len(c.hypothesis) == 1 for c in s.confusions)


def test_as_dict_carries_counts():
    d = score("кот", "кит").as_dict()
    assert d["cer"] == pytest.approx(1 / 3)
    assert d["chars"]["substitutions"] == 1 and d["chars"]["edits"] == 1
    assert d["lines"][0]["hypothesis"] == "кит"
    assert d["confusions"] == [{"reference": "о", "hypothesis": "и", "count": 1}]


_ALPHABET = st.sampled_from(list("аоиш ¸\n") + ["е\u0301"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=25).map("".join), st.lists(_ALPHABET, max_size=25).map("".join))
def test_counts_are_consistent_with_an_independent_distance(ref, hyp):
    s = score(ref, hyp)
    graphemes = lambda t: re.findall(r"(?:\S\u0301?| )", folded(t))  # noqa: E731
    assert s.chars.edits == edit_distance(graphemes(ref), graphemes(hyp))
    assert s.chars.reference == len(graphemes(ref)) and s.chars.hypothesis == len(graphemes(hyp))
    assert s.chars.insertions - s.chars.deletions == s.chars.hypothesis - s.chars.reference
    assert s.words.edits == edit_distance(folded(ref).split(), folded(hyp).split())
    total = Counts(0, 0)
    for ln in s.lines:
        total = total + ln.chars
    assert total == s.chars


@pytest.mark.skipif(not DEV_PAIRS.is_dir(), reason="benchmarks/data/dev-set is not here")
@pytest.mark.parametrize("name", ["d01_wang.cmu.L1.s11", "d02_harbin.freemono.L2.s12", "d03_pyongyang.cmu.L3.s13",
                                  "d04_report.freemono.L3.s13"])
def test_score_agrees_with_an_independent_computation_on_dev_pairs(name):
    gold = (DEV_PAIRS / f"{name}.gold.txt").read_text(encoding="utf-8")
    ocr = (DEV_PAIRS / f"{name}.ocr.txt").read_text(encoding="utf-8")
    s = score(gold, ocr)
    ref, hyp = folded(gold), folded(ocr)
    distance = edit_distance(list(ref), list(hyp))
    assert s.chars.edits == distance
    assert s.cer == pytest.approx(distance / len(ref))
    assert s.wer == pytest.approx(edit_distance(ref.split(" "), hyp.split(" ")) / len(ref.split(" ")))
    assert s.cer > 0


# --- the compact implementation against the previous one, and the anchored alignment ----------------

HELDOUT_PAIRS = Path(__file__).resolve().parents[1] / "benchmarks" / "heldout" / "pairs"
NORMALIZATIONS = [Normalization(), Normalization(whitespace="keep"), Normalization(whitespace="ignore"),
                  Normalization(fold_case=True, fold_yo=True, drop_punctuation=True)]
# a few letters, whitespace of every kind, clusters of several code points (stress mark, CR LF,
# Hangul), a private-use character, punctuation and case the options fold
_TRICKY = st.sampled_from(list("аоиш Ёё.,-\n\r\t\u3000\ue000") + ["е\u0301", "\r\n", "\u0301", "가", "각"])


def same_figures(a, b) -> bool:
    return a.as_dict() == b.as_dict() and a.word_right == b.word_right


@settings(max_examples=300, deadline=None)
@given(st.lists(_TRICKY, max_size=30).map("".join), st.lists(_TRICKY, max_size=30).map("".join),
       st.sampled_from(NORMALIZATIONS))
def test_figures_are_those_of_the_previous_implementation(ref, hyp, norm):
    assert same_figures(score(ref, hyp, norm), reference_score(ref, hyp, norm))


def test_figures_are_those_of_the_previous_implementation_on_real_ocr():
    for gold in sorted(HELDOUT_PAIRS.glob("*.L[13].*.gold.txt"))[:12]:
        ocr = gold.with_name(gold.name.replace(".gold.txt", ".ocr.txt")).read_text(encoding="utf-8")
        truth = gold.read_text(encoding="utf-8")
        for norm in NORMALIZATIONS[:3]:
            assert same_figures(score(truth, ocr, norm), reference_score(truth, ocr, norm)), (gold.name, norm)


def real_pairs():
    pairs = sorted(HELDOUT_PAIRS.glob("*.gold.txt"))
    if DEV_SET.is_dir():
        pairs += sorted(DEV_SET.glob("*.gold.txt"))
    return pairs


def test_anchored_alignment_gives_the_exact_figures_on_real_ocr_pairs():
    """Forced to cut every few hundred graphemes (by default it cuts only above 50,000 × 50,000),
    the anchored alignment finds the very alignment of the exact one on every held-out pair and
    every dev-set pair: same counts, lines, confusions, right words."""
    cut_often = Limits(exact_cells=0, span=512, window=512)
    pairs = real_pairs()
    assert len(pairs) >= 102  # 72 held-out and 30 dev-set pairs
    for gold in pairs:
        truth = gold.read_text(encoding="utf-8")
        ocr = gold.with_name(gold.name.replace(".gold.txt", ".ocr.txt")).read_text(encoding="utf-8")
        for norm in NORMALIZATIONS[:3]:
            assert same_figures(score(truth, ocr, norm, cut_often), score(truth, ocr, norm)), (gold.name, norm)


@pytest.mark.parametrize("whitespace", ["fold", "keep", "ignore"])
def test_anchored_alignment_gives_the_exact_figures_on_random_ocr_like_pairs(whitespace):
    cut_often = Limits(exact_cells=0, span=768, window=768)
    norm = Normalization(whitespace=whitespace)
    texts = heldout_texts()
    for seed in range(30):
        rng = random.Random(seed)
        truth = texts[seed % len(texts)]
        ocr = garbled_text(rng, truth, rng.choice([0.02, 0.05, 0.1, 0.2]))
        assert same_figures(score(truth, ocr, norm, cut_often), score(truth, ocr, norm)), seed


def test_anchored_alignment_never_finds_fewer_edits_than_the_exact_one():
    """Heavier damage, longer texts and tiny windows: the figures may differ, never downwards."""
    texts = heldout_texts()
    truth = "\n".join(texts[:4])
    for seed in range(6):
        rng = random.Random(seed)
        ocr = garbled_text(rng, truth, 0.3)
        exact = score(truth, ocr)
        for limits in (Limits(exact_cells=0, span=64, window=64), Limits(exact_cells=0, span=256, window=256)):
            anchored = score(truth, ocr, Normalization(), limits)
            assert anchored.chars.edits >= exact.chars.edits and anchored.words.edits >= exact.words.edits
            assert (anchored.chars.reference, anchored.chars.hypothesis) == (exact.chars.reference,
                                                                              exact.chars.hypothesis)
            total = Counts(0, 0)
            for ln in anchored.lines:
                total = total + ln.chars
            assert total == anchored.chars


def test_clusters_of_several_code_points_and_private_use_characters_come_back_as_they_were():
    ref = "уда\u0301р\r\nк\ue000т 가\n"
    s = score(ref, "удар\r\nкот 각\n", Normalization(whitespace="keep"))
    assert "".join(ln.reference for ln in s.lines) == ref
    assert {(c.reference, c.hypothesis) for c in s.confusions} == {("а\u0301", "а"), ("\ue000", "о"), ("가", "각")}


def test_too_many_distinct_clusters_is_an_error_not_a_wrong_figure(monkeypatch):
    monkeypatch.setattr(compared_text, "_POOL", ((0xE000, 0xE001),))  # room for two keys
    assert score("а\u0301е\u0301", "а\u0301").chars.edits == 1
    with pytest.raises(OcrFixError, match="grapheme clusters"):
        score("а\u0301е\u0301", "о\u0301")
