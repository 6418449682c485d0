"""The Python API for other tools.

    >>> from ocr_fix.api import correct_text
    >>> result = correct_text(open("telegram.txt", encoding="utf-8").read())
    >>> result.text            # the text with the automatic corrections applied
    >>> result.proposals       # every proposal: span, original, replacement, score, bin, explanation

`check_text` reports findings only. All offsets point into the exact input text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ocr_fix.detect import detect
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.proposal import AUTO, Proposal
from ocr_fix.session import resources


@dataclass(frozen=True)
class LocatedFinding:
    """A finding with its 1-based line and column, as reported to users."""

    finding: Finding
    line: int
    col: int

    def __getattr__(self, name):
        return getattr(self.finding, name)

    def as_dict(self) -> dict:
        data = asdict(self.finding)
        data.update(line=self.line, col=self.col)
        return data


@dataclass(frozen=True)
class CheckReport:
    text: str
    findings: list[LocatedFinding]


def check_text(text: str, lexicons: tuple[str, ...] = ()) -> CheckReport:
    """Find likely OCR errors in `text`; `lexicons` are extra word/name list files."""
    res = resources(tuple(lexicons))
    doc = Document(text)
    located = []
    for f in detect(doc, res.lookup):
        line, col = doc.line_col(f.start)
        located.append(LocatedFinding(f, line, col))
    return CheckReport(text, located)


@dataclass(frozen=True)
class Correction:
    original: str
    text: str  # the original with every automatic proposal applied
    proposals: list[Proposal]  # all proposals, on the original's offsets, in text order

    @property
    def applied(self) -> list[Proposal]:
        return [p for p in self.proposals if p.bin == AUTO and p.changes_text]


def correct_text(text: str, lexicons: tuple[str, ...] = (), translation: str | None = None) -> Correction:
    """Propose corrections for `text` and apply the confident ones.

    `translation` is a translation of the document to read names from; by default the file's own
    non-Russian lines serve (the seed document carries its English translation above the Russian).
    """
    from ocr_fix.propose.passes import fix_passes

    res = resources(tuple(lexicons))
    corrected, proposals = fix_passes(text, res, translation)
    return Correction(text, corrected, proposals)
