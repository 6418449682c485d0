"""The review file as values: its rows, its columns and the header fields it carries."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

FORMAT_VERSION = 1
MAGIC = "ocr-fix review file"
COLUMNS = ("id", "line", "col", "original", "replacement", "alternatives", "score", "rule", "context",
           "decision", "edit", "bin", "start", "end", "explanation")
# Needed to apply a row; the rest only help a person decide.
REQUIRED = ("id", "original", "replacement", "decision", "start", "end")


@dataclass(frozen=True)
class ReviewRow:
    id: int
    start: int  # offsets into the decoded text of the reviewed file
    end: int
    line: int  # 1-based, where `start` is
    col: int
    original: str
    replacement: str  # "" when nothing was proposed (a flag)
    alternatives: tuple[str, ...] = ()
    score: float = 0.0
    rule: str = ""
    bin: str = "review"
    explanation: str = ""
    context: str = ""
    decision: str = ""  # see decisions.DECISIONS; "" is undecided
    edit: str = ""
    extra: tuple[tuple[str, object], ...] = ()  # columns ocr-fix does not know, kept as found
    file_line: int = field(default=0, compare=False)  # where the row was read from, for error messages


@dataclass(frozen=True)
class ReviewFile:
    source: str  # the reviewed file, as named when the review was made
    sha256: str  # of its bytes then
    encoding: str
    rows: tuple[ReviewRow, ...]
    next: int = 1  # id of the row the interactive review shows next
    extra_columns: tuple[str, ...] = ()

    def row(self, row_id: int) -> ReviewRow:
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(row_id)

    def with_row(self, new: ReviewRow) -> ReviewFile:
        return replace(self, rows=tuple(new if r.id == new.id else r for r in self.rows))
