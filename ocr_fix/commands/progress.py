"""Progress of one long file on standard error: how many of its sections are done, and about how long
the rest will take, on one line rewritten in place (at a terminal only)."""

from __future__ import annotations

import sys
import time
from typing import Callable


def seconds_left(elapsed: float, done: int, total: int, workers: int) -> float:
    """The time the remaining sections will take. Sections run `workers` at a time and are reported in
    order, so time goes by rounds of `workers` sections: the rounds left times the time a round has
    taken. (Counting by sections, the first estimate with two workers was twice too long.)"""
    if done >= total or done <= 0:
        return 0.0
    workers = max(1, min(workers, total))
    rounds_done = -(-done // workers)
    rounds_all = -(-total // workers)
    return elapsed / rounds_done * (rounds_all - rounds_done) if rounds_all > rounds_done else \
        elapsed / rounds_done * (total - done) / workers


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    return f"{round(seconds / 60)} min"


def section_progress(workers: int, stream=None) -> Callable[[int, int], None] | None:
    """A `progress(done, total)` for `api.correct_text` and `check_text`, or None when standard error
    is not a terminal (a log file gets no carriage returns)."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    started = time.monotonic()

    def report(done: int, total: int) -> None:
        left = seconds_left(time.monotonic() - started, done, total, workers)
        tail = f", about {_duration(left)} left" if done < total else "\n"
        stream.write(f"\r\x1b[Kocr-fix: {done} of {total} sections done{tail}")
        stream.flush()

    return report
