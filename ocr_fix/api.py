"""The Python API: what other tools call (`check_text`, later `correct`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ocr_fix.detect import detect
from ocr_fix.document import Document
from ocr_fix.findings import Finding
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
