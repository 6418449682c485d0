"""benchmarks/archive_profile.py: how the archive is cut into files and which files count as having a
garbled name written right elsewhere (no OCR and no correction is run)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "archive_profile.py"
_spec = importlib.util.spec_from_file_location("benchmark_archive_profile", SCRIPT)
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench
_spec.loader.exec_module(bench)


def test_pieces_cut_at_paragraphs_keep_every_paragraph():
    paragraphs = [f"Абзац {k} " + "слово " * (20 + 15 * k) for k in range(7)]
    text = "\n\n".join(paragraphs)
    pieces = bench.pieces(text)
    assert len(pieces) > 1
    assert "\n\n".join(pieces) == text
    assert all(len(p) >= bench.CHUNK for p in pieces[:-1])


def test_name_words_are_capitalised_inside_a_sentence():
    gold = "Посол ВАН ЦЗЯ-СЯН посетил Харбин. Затем уехал.\nМосква"
    assert bench.name_words(gold) == {"ВАН", "ЦЗЯ-СЯН", "Харбин"}


def test_a_garbled_name_counts_only_where_another_file_writes_it_right():
    pairs = {
        "a": ("Посол ВАЙ посетил Харбин.", "Посол ВАН посетил Харбин."),  # ВАН misread, b writes it right
        "b": ("Посол ВАН посетил Харбип.", "Посол ВАН посетил Харбин."),  # Харбин misread, a writes it right
        "c": ("Вчера Кимм уехал.", "Вчера Ким уехал."),  # Ким misread, written right nowhere
    }
    assert bench.garbled_names(pairs) == {"a": ["ВАН"], "b": ["Харбин"]}
