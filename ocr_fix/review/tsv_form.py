"""The review file as TSV: written for a spreadsheet, read back exactly (see ocr_fix.review.reviewfile)."""

from __future__ import annotations

import csv
import io

from ocr_fix.errors import OcrFixError
from ocr_fix.review import decisions
from ocr_fix.review.row_values import check_ids, make_row, review_file_of, shown
from ocr_fix.review.rows import COLUMNS, FORMAT_VERSION, MAGIC, REQUIRED, ReviewFile, ReviewRow
from ocr_fix.review.tsv_cells import (decode_alternatives, decode_cell, encode_alternatives, encode_cell, escape,
                                      unescape)


def _cell_text(value) -> str:
    """An extra column's value in a TSV cell: (name, value) pairs as `name=value; ...`, yes/no for flags."""
    if isinstance(value, dict):
        return "; ".join(f"{k}={'yes' if v is True else 'no' if v is False else v}" for k, v in value.items())
    return str(value)


def _row_cells(row: ReviewRow) -> dict[str, str]:
    return {"id": str(row.id), "line": str(row.line), "col": str(row.col), "original": encode_cell(row.original),
            "replacement": encode_cell(row.replacement), "alternatives": encode_alternatives(row.alternatives),
            "score": repr(row.score), "rule": encode_cell(row.rule), "context": encode_cell(row.context),
            "decision": encode_cell(row.decision), "edit": encode_cell(row.edit), "bin": encode_cell(row.bin),
            "start": str(row.start), "end": str(row.end), "explanation": encode_cell(row.explanation)}


def _header_lines(review: ReviewFile) -> list[tuple[str, str]]:
    return [("decision", decisions.DECISION_HELP), ("file", review.source), ("sha256", review.sha256),
            ("encoding", review.encoding), ("next", str(review.next))]


def render_tsv(review: ReviewFile) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow([f"# {MAGIC}, format {FORMAT_VERSION}"])
    for key, value in _header_lines(review):
        writer.writerow([f"# {key}: {escape(value)}"])
    writer.writerow(list(COLUMNS) + list(review.extra_columns))
    for row in review.rows:
        cells = _row_cells(row)
        extra = dict(row.extra)
        writer.writerow([cells[c] for c in COLUMNS]
                        + [encode_cell(_cell_text(extra.get(c, ""))) for c in review.extra_columns])
    return buffer.getvalue()


def _header_field(first: str, meta: dict[str, str], where: str, line: int) -> bool:
    """Take a `# key: value` line into `meta`; False when the cell is not a comment line."""
    if not first.lstrip().startswith("#"):
        return False
    key, sep, value = first.lstrip().lstrip("#").partition(":")
    if sep:
        # the value is everything after ": ", its own spaces included (a path may have them)
        value = value[1:] if value.startswith(" ") else value
        try:
            meta[key.strip().lower()] = unescape(value)
        except ValueError as exc:
            raise OcrFixError(f"header {shown(key.strip())}: {exc}", where, line) from None
    return True


def _column_header(cells: list[str], where: str, line: int) -> list[str]:
    """The column names, lower case; refused when a needed one is missing or one is named twice."""
    header = [c.strip().lower() for c in cells]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        heading = [escape(c) for c in cells[:20]]  # on one line, and short
        found = ", ".join(c if len(c) <= 40 else c[:39] + "…" for c in heading)
        raise OcrFixError(f"the column header lacks {', '.join(missing)} (found: {found}"
                          f"{', …' if len(cells) > 20 else ''})",
                          where, line)
    dupes = sorted({c for c in header if header.count(c) > 1 and c})
    if dupes:
        raise OcrFixError(f"column {shown(dupes[0])} appears twice in the header", where, line)
    return header


def _row(cells: list[str], header: list[str], where: str, line: int) -> ReviewRow:
    if len(cells) > len(header):
        if any(c.strip() for c in cells[len(header):]):
            raise OcrFixError(f"the row has {len(cells)} cells but the header names {len(header)} columns",
                              where, line)
        cells = cells[:len(header)]
    cells = cells + [""] * (len(header) - len(cells))  # a spreadsheet may drop trailing empty cells
    raw = dict(zip(header, cells))
    try:
        fields = {}
        for column, cell in raw.items():
            if column == "alternatives":
                fields[column] = decode_alternatives(cell)
            elif column in COLUMNS:
                fields[column] = decode_cell(cell) if column not in ("id", "line", "col", "start", "end",
                                                                     "score") else cell
        extra = tuple((c, decode_cell(raw[c])) for c in header if c not in COLUMNS and c)
        return make_row(fields, extra, line)
    except ValueError as exc:
        raise OcrFixError(str(exc), where, line) from None


def parse_tsv(data: str, where: str) -> ReviewFile:
    if data.startswith("\ufeff"):
        data = data[1:]
    reader = csv.reader(io.StringIO(data, newline=""), delimiter="\t", quotechar='"', strict=True)
    meta: dict[str, str] = {}
    header: list[str] | None = None
    rows: list[ReviewRow] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                if not _header_field(cells[0], meta, where, line):
                    header = _column_header(cells, where, line)
                continue
            rows.append(_row(cells, header, where, line))
    except csv.Error as exc:
        raise OcrFixError(f"not a readable TSV file ({exc})", where, reader.line_num or None) from None
    if header is None:
        raise OcrFixError("no column header found (is this an ocr-fix review file?)", where)
    check_ids(rows, where)
    extra_columns = tuple(c for c in header if c not in COLUMNS and c)
    return review_file_of(meta, rows, where, extra_columns, header_line=None)
