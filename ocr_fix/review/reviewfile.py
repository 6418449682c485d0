"""The review file: every proposal as a row a person decides on, in TSV (opens in a spreadsheet) or JSON.

TSV layout (UTF-8 with a byte-order mark, which Excel needs to read Cyrillic):

    # ocr-fix review file, format 1
    # decision: accept, reject, edit (uses the edit column), delete (removes the original), alt1, ...
    # file: samples/telegram.txt
    # sha256: 5d41...        (of the reviewed file's bytes)
    # encoding: utf-8
    # next: 1                (the row `ocr-fix review` shows next)
    id  line  col  original  replacement  alternatives      score  rule          context  decision  edit  bin ...
    1   112   5    войскак   войск        войска | войсках  0.392  unknown-word  …⟦войскак⟧…  accept  ...

(tab-separated; bin, start, end and explanation follow: start and end are the offsets applied,
line and col only help a person find the place).

Cells are written so that a spreadsheet shows them as text and the round trip is exact:
- a backslash, tab, line break and other control characters are escaped (`\\\\`, `\\t`, `\\n`, `\\r`,
  `\\u0000`), so a cell never splits a row;
- a cell starting with `=`, `+`, `-` or `@` would run as a formula when the file is opened, so it gets a
  single quote in front; so does a cell that itself starts with a quote, which is how reading can remove
  exactly one leading quote from every cell and get the value back;
- a cell holding a double quote is quoted CSV-style (`"..."`, inner quotes doubled), as spreadsheets
  expect when they open and save tab-separated files;
- alternatives are joined with ` | ` (a `|` inside one is written `\\|`, an empty one `\\e`).
Columns are found by their header, so a spreadsheet may reorder them; columns ocr-fix does not know
are kept as they are when `ocr-fix review` saves the file.

JSON holds the same fields, with one row per line so an error can name the line.

Reading checks each value's type and size, and refuses a file it cannot take as written, in one line
naming the file, the line and the row: in JSON a number is written as a number (`"start": "53"` and
`"id": "1"` are refused, not converted, and so is `true`), ids, offsets and line numbers have at most
12 digits, and a key written twice, nesting deeper than a review file needs and half a surrogate pair
are refused too.
"""

from __future__ import annotations
from pathlib import Path

from ocr_fix.display import visible_line
from ocr_fix.errors import OcrFixError
from ocr_fix.review import decisions
from ocr_fix.review.json_form import parse_json, render_json
from ocr_fix.review.rows import COLUMNS, FORMAT_VERSION, MAGIC, REQUIRED, ReviewFile, ReviewRow
from ocr_fix.review.tsv_cells import decode_alternatives, decode_cell, encode_alternatives, encode_cell
from ocr_fix.review.tsv_form import parse_tsv, render_tsv

__all__ = ["COLUMNS", "CONTEXT_CHARS", "FORMAT_VERSION", "MAGIC", "REQUIRED", "SPAN_CLOSE", "SPAN_OPEN", "ReviewFile",
           "ReviewRow", "context_of", "decode_alternatives", "decode_cell", "encode_alternatives", "encode_cell",
           "format_of", "from_proposals", "load", "parse", "parse_json", "parse_tsv", "render", "render_json",
           "render_tsv", "save"]

CONTEXT_CHARS = 40
SPAN_OPEN, SPAN_CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: rarer in archival text than [ ], which marks [SIC]


# --- building rows from proposals ------------------------------------------------------------------


def context_of(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """A one-line excerpt around a span, the span marked ⟦ ⟧ and line breaks shown as ⏎."""
    left = text[max(0, start - chars):start]
    right = text[end:end + chars]
    return (("…" if start > chars else "") + visible_line(left) + SPAN_OPEN + visible_line(text[start:end])
            + SPAN_CLOSE + visible_line(right) + ("…" if end + chars < len(text) else ""))


def from_proposals(source: str, sha256: str, encoding: str, text: str, proposals) -> ReviewFile:
    """A new review file for `text`: one row per proposal, in text order, automatic ones pre-accepted."""
    from ocr_fix.document import Document

    doc = Document(text)
    rows = []
    for number, p in enumerate(sorted(proposals, key=lambda p: (p.start, p.end)), start=1):
        line, col = doc.line_col(p.start)
        rows.append(ReviewRow(number, p.start, p.end, line, col, p.original, p.replacement, tuple(p.alternatives),
                              float(p.score), p.rule, p.bin, p.explanation, context_of(text, p.start, p.end),
                              decisions.initial_decision(p), extra=(("evidence", dict(p.evidence) if p.evidence else ""),)))
    # the evidence as (name, value) pairs beside the explanation's sentence: an object in JSON, `name=value; ...`
    # in TSV; a column ocr-fix only writes, kept as found when read
    return ReviewFile(source, sha256, encoding, tuple(rows), extra_columns=("evidence",))


def format_of(path: str | Path) -> str:
    suffix = Path(str(path)).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".tsv":
        return "tsv"
    raise OcrFixError(f"unknown review file type {suffix or '(no extension)'!r}; name it .tsv or .json", str(path))


def render(review: ReviewFile, fmt: str) -> str:
    return render_json(review) if fmt == "json" else render_tsv(review)


def save(review: ReviewFile, path: str | Path) -> None:
    """Write the review file atomically (an interrupted save leaves the previous version whole)."""
    from ocr_fix.writing import write_output

    fmt = format_of(path)
    # Excel reads a UTF-8 TSV as the local code page unless it starts with a byte-order mark
    write_output(path, render(review, fmt), encoding="utf-8-sig" if fmt == "tsv" else "utf-8")



def load(path: str | Path) -> ReviewFile:
    from ocr_fix.textio import read_bytes

    where = str(path)
    fmt = format_of(path)
    raw = read_bytes(path)
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OcrFixError("not UTF-8 (save the review file as UTF-8)", where,
                          raw[:exc.start].count(b"\n") + 1) from None
    return parse_json(data, where) if fmt == "json" else parse_tsv(data, where)


def parse(data: str, fmt: str, where: str) -> ReviewFile:
    return parse_json(data, where) if fmt == "json" else parse_tsv(data, where)
