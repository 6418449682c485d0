"""The bounded alignment (ocr_fix/quality/align.py): exact below its limit, the same as exact on
OCR-like input when cut at anchors, and always a valid alignment never cheaper than the optimum."""

from __future__ import annotations

import random
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from ocr_fix.quality import align
from ocr_fix.quality.align import Keys, Limits, align_words, anchors, exact, keys, opcodes
from tests.garbled_text import garbled_text, heldout_texts

# every stretch longer than a few items is cut or windowed: the machinery runs on small inputs
TINY = Limits(exact_cells=0, span=8, window=8, context=1)


def cost(ops) -> int:
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def assert_valid(a, b, ops) -> None:
    """The operations turn a into b, one after the other, with no gap."""
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        elif tag == "replace":
            assert i2 - i1 == j2 - j1 > 0
            assert all(x != y for x, y in zip(a[i1:i2], b[j1:j2]))
        elif tag == "delete":
            assert i2 > i1 and j2 == j1
        else:
            assert tag == "insert" and j2 > j1 and i2 == i1
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))


def test_below_the_limit_it_is_rapidfuzz():
    a, b = "японских войск и флота", "японскнх воиск и флотаа"
    assert list(opcodes(a, b)) == Levenshtein.opcodes(a, b).as_list()
    assert list(opcodes("", "")) == []
    assert list(opcodes("", "аб")) == [("insert", 0, 0, 0, 2)]
    assert list(opcodes("аб", "", limits=TINY)) == [("delete", 0, 2, 0, 0)]


@pytest.mark.parametrize("span", [16, 32, 64])
def test_anchored_word_alignment_is_the_exact_one_on_ocr_like_pairs(span):
    limits = Limits(exact_cells=0, span=span, window=span)
    texts = heldout_texts()
    for seed in range(40):
        rng = random.Random(seed)
        reference = texts[seed % len(texts)].split()
        hypothesis = garbled_text(rng, " ".join(reference), rng.choice([0.02, 0.05, 0.1, 0.2])).split()
        a, b = keys(reference, hypothesis)
        assert list(opcodes(a, b, limits=limits)) == exact(a, b), seed


_SYMBOLS = st.sampled_from("аабвгд")


@settings(max_examples=300, deadline=None)
@given(st.lists(_SYMBOLS, max_size=60).map("".join), st.lists(_SYMBOLS, max_size=60).map("".join),
       st.sampled_from([TINY, Limits(exact_cells=0, span=4, window=4, context=2),
                        Limits(exact_cells=0, span=16, window=6, context=1)]))
def test_any_input_gets_a_valid_alignment_never_cheaper_than_the_optimum(a, b, limits):
    ops = list(opcodes(a, b, limits=limits))
    assert_valid(a, b, ops)
    assert cost(ops) >= Levenshtein.distance(a, b)


def test_adversarial_inputs_stay_valid():
    rng = random.Random(3)
    words = "товарищ сталин москва пекин корея войск флота".split()
    repeated = " ".join(words * 60)
    cases = [
        (repeated, repeated[::-1]),  # nothing in common in the same order
        (repeated, " ".join(rng.sample(words * 60, len(words) * 60))),  # the same words shuffled
        ("а" * 500, "а" * 480 + "б" * 30),  # one letter, nothing unique
        (repeated, repeated[1000:] + repeated[:1000]),  # a block moved from the start to the end
        ("".join(rng.choice("аб") for _ in range(800)), "".join(rng.choice("аб") for _ in range(700))),
    ]
    for a, b in cases:
        for limits in (TINY, Limits(exact_cells=0, span=64, window=64)):
            ops = list(opcodes(a, b, limits=limits))
            assert_valid(a, b, ops)
            assert cost(ops) >= Levenshtein.distance(a, b)


def test_windows_see_a_shift_up_to_half_their_width():
    """Without cuts (nothing unique), 300 extra letters in the middle are seen as an insertion by
    windows of 1024 items; windows of 256 cannot see past them (the documented limit), and align
    the rest shifted, at a higher cost."""
    text = " ".join(f"слово{k}" for k in range(400))
    a, b = list(text), list(text[:1000] + "ъ" * 300 + text[1000:2000] + "ы" + text[2000:])
    wide = list(opcodes(a, b, cuts=[], limits=Limits(exact_cells=0, span=1024, window=1024)))
    narrow = list(opcodes(a, b, cuts=[], limits=Limits(exact_cells=0, span=256, window=256)))
    assert_valid(a, b, wide)
    assert_valid(a, b, narrow)
    assert cost(wide) == Levenshtein.distance(a, b) == 301
    assert cost(narrow) > 301


def test_anchors_are_unique_items_in_an_order_both_agree_on_with_context():
    a = list("xabcdefgy")
    b = list("zabcdgfey")
    found = anchors(a, b, 0, len(a), 0, len(b), context=1)
    # a, e, f, g and y are unique in both too, but an item next to each differs (and only one of
    # e, f, g keeps the order); a cut goes before the item, with `context` equal items on each side
    assert found == [(2, 2), (3, 3), (4, 4)]
    assert all(a[i] == b[j] for i, j in found)


def test_keys_give_equal_words_equal_keys_and_fall_back_to_an_array(monkeypatch):
    a, b = keys(["мао", "цзэ-дун", "мао"], ["цзэ-дун", "ким"])
    assert isinstance(a, str) and a[0] == a[2] and a[1] == b[0] and b[1] not in a
    maker = Keys()
    codes = [maker.code(k) for k in range(0xD800 + 5)]
    assert all(not 0xD800 <= c < 0xE000 for c in codes)  # no surrogates: the keys encode as a str
    assert len(set(codes)) == len(codes)
    monkeypatch.setattr(Keys, "_FIT", 2)
    a, b = keys(["мао", "цзэ-дун", "мао"], ["цзэ-дун", "ким"])
    assert isinstance(a, array) and list(a) == [0, 1, 0] and list(b) == [1, 2]
    assert [tag for tag, *_ in opcodes(a, b, limits=TINY)] == [tag for tag, *_ in exact(list(a), list(b))]


def test_word_status_helpers():
    ref, hyp = ["японских", "войск", "и", "флота"], ["японских", "войскак", "флота"]
    assert align_words(ref, hyp) == [0, 1, None, 2]
    assert align.reference_word_status(ref, hyp) == [True, False, False, True]
    assert align.hypothesis_word_status(ref, hyp) == [True, False, True]
