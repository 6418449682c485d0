"""OCR-like damage to a whole text, built on tests/garbling.py: misread words, lost and doubled words
(a doubled word is where a tie between alignments hides), and lost lines."""

from __future__ import annotations

import random
from pathlib import Path

from tests.garbling import garbled

HELDOUT_TEXTS = Path(__file__).resolve().parent.parent / "benchmarks" / "heldout" / "src"


def garbled_text(rng: random.Random, text: str, rate: float) -> str:
    """`text` with about `rate` of its words misread (one to three edits each), a fifth as many lost
    and as many doubled (the copy misread), and a quarter as many lines lost."""
    lines = []
    for line in text.split("\n"):
        if rng.random() < rate / 4:
            continue
        words = []
        for word in line.split(" "):
            roll = rng.random()
            if not word or roll >= rate * 1.4:
                words.append(word)
            elif roll < rate:
                words.append(garbled(rng, word, rng.randint(1, 3)))
            elif roll >= rate * 1.2:
                words.extend([word, garbled(rng, word, 1)])
        lines.append(" ".join(words))
    return "\n".join(lines)


def heldout_texts() -> list[str]:
    """The 12 clean texts of the held-out set (written for the project)."""
    return [path.read_text(encoding="utf-8") for path in sorted(HELDOUT_TEXTS.glob("*.txt"))]
