"""What the OCR engine said about each word it read: how sure it was, and what else it might have read.

An hOCR, ALTO or PAGE file records for every word the engine's confidence and, with some engines, its
other readings; bare text records neither. The correction passes read them through `EngineReadings`,
which follows the text through the edits of each pass (a word an edit touched is no longer the
engine's reading, so its evidence is dropped).

Confidences are on one scale here, 0..1, whatever the format's own (hOCR `x_wconf` 0-100, ALTO `WC`
0-1, PAGE `@conf` 0-1): the readers convert them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple

# Calibrated on Tesseract 5's hOCR of the worn copies in ../shared/dev-set-formats (see
# benchmarks/formats.py): of the words read with 0.95 or more, about 1 in 100 is wrong at any level
# of wear, of those under 0.6 one in two or more.
SURE = 0.95  # a word read this surely is left alone unless the document itself says otherwise
DOUBTFUL = 0.6  # a word read less surely than this may be a misreading even if it is a real word


class EngineReading(NamedTuple):
    start: int  # the word's span in the text
    end: int
    confidence: float | None  # 0..1; None where the file gives none
    alternatives: tuple[str, ...] = ()  # the engine's other readings of the word, best first


class EngineReadings:
    """The engine's readings of a text's words, by span (sorted, not overlapping)."""

    __slots__ = ("_readings", "_starts")

    def __init__(self, readings: Iterable[EngineReading]):
        self._readings = sorted(r for r in readings if r.end > r.start)
        self._starts = [r.start for r in self._readings]

    def __len__(self) -> int:
        return len(self._readings)

    def __iter__(self):
        return iter(self._readings)

    def at(self, start: int, end: int) -> EngineReading | None:
        """The engine's word holding the span `start:end` (a token inside it: `Сталину` in `Сталину,`)."""
        k = bisect_right(self._starts, start) - 1
        if k < 0:
            return None
        reading = self._readings[k]
        return reading if reading.start <= start and end <= reading.end else None

    def confidence(self, start: int, end: int) -> float | None:
        reading = self.at(start, end)
        return None if reading is None else reading.confidence

    def window(self, start: int, end: int) -> EngineReadings:
        """The readings inside `start:end`, on the offsets of that piece of the text."""
        k = bisect_right(self._starts, start - 1)
        out = []
        for reading in self._readings[k:]:
            if reading.start >= end:
                break
            if reading.start >= start and reading.end <= end:
                out.append(reading._replace(start=reading.start - start, end=reading.end - start))
        return EngineReadings(out)

    def edited(self, edits: Sequence[tuple[int, int, str]]) -> EngineReadings:
        """The readings on the text after `edits` (start, end, replacement; sorted, not overlapping):
        a word an edit touches loses its reading, the others move with the text."""
        if not edits:
            return self
        out, shift, k = [], 0, 0
        for reading in self._readings:
            while k < len(edits) and edits[k][1] <= reading.start and edits[k][0] < reading.start:
                start, end, replacement = edits[k]
                shift += len(replacement) - (end - start)
                k += 1
            if k < len(edits) and edits[k][0] <= reading.end and edits[k][1] >= reading.start:
                continue  # an edit inside or at the edge of the word: the engine did not read that
            out.append(reading._replace(start=reading.start + shift, end=reading.end + shift))
        return EngineReadings(out)
