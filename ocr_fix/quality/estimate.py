"""Transcription quality without a ground truth: known words, suspicious tokens, an estimated CER.

For each file, page (pages end at a form feed, as Tesseract writes them) or line, over the words of
its Russian lines (an English translation beside the Russian is left out):
- known share: words the lexicons, the dictionary or the frequency list know (names included);
- suspicious per 1000 words: findings of `check` of kind error or layout;
- estimated CER: a curve fitted on the dev set that maps these two to the CER the real ground truth
  gives. It is good at ranking files (which need a human first) and rough as an absolute figure.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ocr_fix.document import Document
from ocr_fix.tokens import Kind

UNITS = ("file", "page", "line")
PAGE_BREAK = "\f"
SUSPICIOUS_CATEGORIES = ("error", "layout")

# Estimated CER = LINEAR * x + QUADRATIC * x², where x is the mean of the unknown-word share and the
# suspicious tokens per word. Least squares through the origin over the 30 pairs of
# ../shared/dev-set (levels 1-3, two fonts), fitted by `python benchmarks/quality_estimate.py --fit`;
# both signals saturate as words get several errors each, which the quadratic term makes up for.
# Mean absolute error of the estimate, in CER (0.0076 = 0.76 points), measured by the same script:
# on the dev set (where it was fitted) and on benchmarks/heldout (where it was not).
LINEAR = 0.1534
QUADRATIC = 0.3708
DEV_MEAN_ABS_ERROR = 0.0076
HELDOUT_MEAN_ABS_ERROR = 0.0079
CALIBRATION = (f"estimated CER fitted on the dev set; mean absolute error {100 * DEV_MEAN_ABS_ERROR:.2f} points "
               f"there, {100 * HELDOUT_MEAN_ABS_ERROR:.2f} on held-out texts")


def badness(unknown_share: float, suspicious_per_word: float) -> float:
    """The one signal the estimate is a function of; the two inputs agree closely, their mean is steadier."""
    return (unknown_share + suspicious_per_word) / 2


def estimated_cer(unknown_share: float, suspicious_per_word: float) -> float:
    x = badness(unknown_share, suspicious_per_word)
    return min(1.0, LINEAR * x + QUADRATIC * x * x)


@dataclass(frozen=True)
class SegmentQuality:
    unit: str  # file, page or line
    number: int  # page or line number (1-based); 1 for a whole file
    first_line: int  # the 1-based line where the segment starts
    words: int  # words on Russian lines
    known: int
    suspicious: int

    @property
    def known_share(self) -> float | None:
        return self.known / self.words if self.words else None

    @property
    def suspicious_per_1000(self) -> float | None:
        return 1000 * self.suspicious / self.words if self.words else None

    @property
    def estimated_cer(self) -> float | None:
        """None when there are no words to judge by: such a segment needs a look, not a figure."""
        if not self.words:
            return None
        return estimated_cer(1 - self.known / self.words, self.suspicious / self.words)

    def as_dict(self) -> dict:
        return {"unit": self.unit, "number": self.number, "first_line": self.first_line, "words": self.words,
                "known": self.known, "suspicious": self.suspicious, "known_share": self.known_share,
                "suspicious_per_1000": self.suspicious_per_1000, "estimated_cer": self.estimated_cer}


def assess(text: str, findings: Iterable, is_known: Callable[[str], bool], by: str = "file") -> list[SegmentQuality]:
    """Quality signals per file, page or line; `findings` have .category and .start (an offset into text)."""
    if by not in UNITS:
        raise ValueError(f"by must be one of {', '.join(UNITS)}, not {by!r}")
    doc = Document(text)
    breaks = [i for i, ch in enumerate(text) if ch == PAGE_BREAK]

    def segment(offset: int) -> int:
        if by == "page":
            return bisect_left(breaks, offset)
        if by == "line":
            return doc.line_col(offset)[0] - 1
        return 0

    # a page or line is listed when it has Russian words or suspicious tokens: blank lines and the lines
    # of a translation have nothing to judge; a line of OCR noise has findings and is listed
    tallies: dict[int, list[int]] = {0: [0, 0, 0]} if by == "file" else {}  # -> words, known, suspicious
    for i, tok in enumerate(doc.tokens):
        if tok.kind is Kind.WORD and doc.is_russian(i):
            t = tallies.setdefault(segment(tok.start), [0, 0, 0])
            t[0] += 1
            t[1] += bool(is_known(tok.text))
    for f in findings:
        if f.category in SUSPICIOUS_CATEGORIES:
            tallies.setdefault(segment(f.start), [0, 0, 0])[2] += 1
    page_lines = [1] + [doc.line_col(b + 1)[0] for b in breaks]
    out = []
    for key in sorted(tallies):
        words, known, suspicious = tallies[key]
        first = key + 1 if by == "line" else page_lines[key] if by == "page" else 1
        out.append(SegmentQuality(by, key + 1, first, words, known, suspicious))
    return out
