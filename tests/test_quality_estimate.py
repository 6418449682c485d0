"""Quality without a ground truth (ocr_fix/quality/estimate.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from ocr_fix.api import assess_text
from ocr_fix.quality import estimate
from ocr_fix.quality.estimate import assess, estimated_cer

DEV_PAIRS = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "dev-set" / "pairs"
KNOWN = {"в", "москву", "прибыл", "посол", "китая"}


@dataclass(frozen=True)
class F:
    category: str
    start: int


def known(word: str) -> bool:
    return word.lower() in KNOWN


def test_figures_of_a_file():
    text = "Посол Китая прибыл в Москзу.\n"
    seg, = assess(text, [F("error", text.index("Москзу")), F("furniture", 0)], known)
    assert (seg.unit, seg.number, seg.first_line) == ("file", 1, 1)
    assert (seg.words, seg.known, seg.suspicious) == (5, 4, 1)  # furniture is not suspicious
    assert seg.known_share == pytest.approx(0.8)
    assert seg.suspicious_per_1000 == pytest.approx(200.0)
    assert seg.estimated_cer == pytest.approx(estimated_cer(0.2, 0.2))


def test_clean_text_estimates_zero_and_worse_text_estimates_more():
    assert estimated_cer(0.0, 0.0) == 0.0
    values = [estimated_cer(x, x) for x in (0.05, 0.2, 0.45, 0.9)]
    assert values == sorted(values) and len(set(values)) == 4
    assert estimated_cer(1.0, 5.0) == 1.0  # capped


def test_calibration_reproduces_the_dev_set_levels():
    # the dev set's levels: about 5% unknown words at 1.5% CER, 45% at 15%
    assert 0.005 < estimated_cer(0.05, 0.06) < 0.02
    assert 0.10 < estimated_cer(0.43, 0.50) < 0.20
    assert "dev set" in estimate.CALIBRATION


def test_by_line_and_by_page():
    text = "Посол прибыл\n\nв Москзу\n\fКитая\nxyz\n"  # Tesseract ends each page with a form feed
    lines = assess(text, [F("error", text.index("Москзу"))], known, by="line")
    # neither the blank line 2 nor line 5 (`xyz`, Latin letters: no Russian words) is listed
    assert [(s.number, s.words, s.known, s.suspicious) for s in lines] == [(1, 2, 2, 0), (3, 2, 1, 1), (4, 1, 1, 0)]
    _, noise = assess("Посол\n;;; ||| ;;;\n", [F("error", 7)], known, by="line")
    assert (noise.number, noise.words, noise.suspicious, noise.estimated_cer) == (2, 0, 1, None)
    pages = assess(text, [F("layout", text.index("Москзу"))], known, by="page")
    assert [(s.number, s.first_line, s.words, s.suspicious) for s in pages] == [(1, 1, 4, 1), (2, 4, 1, 0)]


def test_a_segment_without_words_has_no_estimate():
    seg, = assess("--- 12 ---\n", [], known)
    assert seg.words == 0 and seg.estimated_cer is None and seg.known_share is None
    assert assess("", [], known)[0].estimated_cer is None


def test_english_lines_are_left_out():
    seg, = assess("The Ambassador arrived in Moscow.\nПосол прибыл в Москву.\n", [], known)
    assert (seg.words, seg.known) == (4, 4)


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="by must be one of"):
        assess("x", [], known, by="paragraph")


@pytest.mark.skipif(not DEV_PAIRS.is_dir(), reason="benchmarks/data/dev-set is not here")
@pytest.mark.parametrize("text", ["d02_harbin.freemono", "d03_pyongyang.cmu", "d04_report.cmu"])
def test_estimates_rank_the_wear_levels_of_real_ocr(text):
    estimates = []
    for level, seed in (("L1", 11), ("L2", 12), ("L3", 13)):
        ocr = (DEV_PAIRS / f"{text}.{level}.s{seed}.ocr.txt").read_text(encoding="utf-8")
        estimates.append(assess_text(ocr)[0].estimated_cer)
    assert estimates == sorted(estimates) and estimates[0] < 0.03 and estimates[2] > 0.08
