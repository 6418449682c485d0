"""A long file's progress: sections done, and an estimate of the rest that is right from the start."""

from __future__ import annotations

import io
import math

import pytest

import ocr_fix.api as api
from ocr_fix.commands.progress import seconds_left, section_progress


def test_the_estimate_goes_by_rounds_of_workers_from_the_first_section_on():
    # two workers, a section takes 10 s: the first is reported at 10 s with the second; the 8 left
    # take 4 rounds, 40 s (counting 10 s a section would say 90 s)
    assert seconds_left(10.0, 1, 10, workers=2) == 40.0
    assert seconds_left(10.0, 1, 10, workers=1) == 90.0
    assert seconds_left(50.0, 10, 10, workers=2) == 0.0
    for workers in (1, 2, 3, 4):  # sections of equal length: the estimate is the time left, every time
        for total in range(2, 40):
            for done in range(1, total):
                elapsed = math.ceil(done / workers) * 10.0
                left = math.ceil(total / workers) * 10.0 - elapsed
                if left:
                    assert seconds_left(elapsed, done, total, workers) == pytest.approx(left)


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_shown_at_a_terminal_only_and_hears_of_every_section(monkeypatch):
    assert section_progress(2, io.StringIO()) is None
    screen = Terminal()
    report = section_progress(2, screen)
    monkeypatch.setattr(api, "SECTION_WORDS", 20)
    text = ("Вчера тов. Ковалев сообщил, что японских войскак в районе нет и не будет.\n\n") * 6
    heard = []
    corrected = api.correct_text(text, jobs=1, progress=lambda done, total: (heard.append((done, total)),
                                                                             report(done, total)))
    assert heard == [(k, len(heard)) for k in range(1, len(heard) + 1)] and len(heard) >= 3
    assert "войскак" not in corrected.text
    assert screen.getvalue().endswith(f"ocr-fix: {len(heard)} of {len(heard)} sections done\n")
    assert "left" in screen.getvalue()
