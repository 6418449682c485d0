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

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ocr_fix.display import visible_line
from ocr_fix.errors import OcrFixError
from ocr_fix.proposal import BINS
from ocr_fix.resources import cached
from ocr_fix.review import decisions

FORMAT_VERSION = 1
MAGIC = "ocr-fix review file"
COLUMNS = ("id", "line", "col", "original", "replacement", "alternatives", "score", "rule", "context",
           "decision", "edit", "bin", "start", "end", "explanation")
# Needed to apply a row; the rest only help a person decide.
REQUIRED = ("id", "original", "replacement", "decision", "start", "end")
CONTEXT_CHARS = 40
SPAN_OPEN, SPAN_CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: rarer in archival text than [ ], which marks [SIC]


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


# --- cells -----------------------------------------------------------------------------------------


def _cell_text(value) -> str:
    """An extra column's value in a TSV cell: (name, value) pairs as `name=value; ...`, yes/no for flags."""
    if isinstance(value, dict):
        return "; ".join(f"{k}={'yes' if v is True else 'no' if v is False else v}" for k, v in value.items())
    return str(value)

_ESCAPE = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "|": "|"}
_FORMULA_START = "=+-@'"  # the quote itself too, so that reading can always drop one leading quote


# What `_escape` changes: a backslash, the control characters and the line separators some tools
# split rows on (each written \\u....), and the `extra` ones.
# Found with a regular expression, so that the text around them (most cells have none) is copied
# as it is, not looked at character by character in Python: a review file of 50,000 rows spent
# most of its 3 s write here.
_SPECIAL = "\\\\\x00-\x1f\x7f-\x9f\u2028\u2029"


@cached("reviewfile.special")
def _special(extra: str) -> re.Pattern:
    return re.compile("[" + _SPECIAL + re.escape(extra) + "]")


def _code(ch: str, extra: str) -> str:
    if ch in _ESCAPE:
        return _ESCAPE[ch]
    if ch in extra:
        return "\\" + ch
    return f"\\u{ord(ch):04x}"


def _escape(value: str, extra: str = "") -> str:
    pattern = _special(extra)
    if pattern.search(value) is None:
        return value
    return pattern.sub(lambda found: _code(found.group(), extra), value)


def _guard(cell: str) -> str:
    return "'" + cell if cell[:1] and cell[0] in _FORMULA_START else cell


def _unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def _unescape(cell: str) -> str:
    if "\\" not in cell:
        return cell
    out = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        code = cell[i + 1:i + 2]
        if code in _UNESCAPE:
            out.append(_UNESCAPE[code])
            i += 2
        elif code == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", cell[i + 2:i + 6]):
            out.append(chr(int(cell[i + 2:i + 6], 16)))
            i += 6
        else:
            raise ValueError(f"bad escape {cell[i:i + 2]!r} (write a backslash as \\\\)")
    return "".join(out)


def encode_cell(value: str) -> str:
    """A text value as a TSV cell (escaped, formula-guarded)."""
    return _guard(_escape(value))


def decode_cell(cell: str) -> str:
    return _unescape(_unguard(cell))


_EMPTY_ITEM = "\\e"  # an empty alternative, which would otherwise vanish between two separators


def encode_alternatives(alternatives: tuple[str, ...]) -> str:
    return _guard(" | ".join(_escape(a, extra="|") if a else _EMPTY_ITEM for a in alternatives))


def decode_alternatives(cell: str) -> tuple[str, ...]:
    cell = _unguard(cell)
    if not cell:
        return ()
    parts = []
    current = []
    i = 0
    while i < len(cell):
        if cell[i] == "\\":
            current.append(cell[i:i + 2])
            i += 2
        elif cell[i] == "|":
            parts.append("".join(current))
            current = []
            i += 1
        else:
            current.append(cell[i])
            i += 1
    parts.append("".join(current))
    # the separator is " | ": drop the one space on each side of it, and only that
    for k in range(len(parts)):
        if k > 0 and parts[k].startswith(" "):
            parts[k] = parts[k][1:]
        if k < len(parts) - 1 and parts[k].endswith(" "):  # spaces are never escaped: this one is the separator's
            parts[k] = parts[k][:-1]
    return tuple("" if p == _EMPTY_ITEM else _unescape(p) for p in parts)


# --- writing ---------------------------------------------------------------------------------------


def format_of(path: str | Path) -> str:
    suffix = Path(str(path)).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".tsv":
        return "tsv"
    raise OcrFixError(f"unknown review file type {suffix or '(no extension)'!r}; name it .tsv or .json", str(path))


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
        writer.writerow([f"# {key}: {_escape(value)}"])
    writer.writerow(list(COLUMNS) + list(review.extra_columns))
    for row in review.rows:
        cells = _row_cells(row)
        extra = dict(row.extra)
        writer.writerow([cells[c] for c in COLUMNS]
                        + [encode_cell(_cell_text(extra.get(c, ""))) for c in review.extra_columns])
    return buffer.getvalue()


def render_json(review: ReviewFile) -> str:
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = {"format": MAGIC, "version": FORMAT_VERSION, "file": review.source, "sha256": review.sha256,
            "encoding": review.encoding, "next": review.next, "decision_values": decisions.DECISION_HELP}
    lines = ["{"] + [f" {dump(k)}: {dump(v)}," for k, v in head.items()] + [' "rows": [']
    for i, row in enumerate(review.rows):
        item = {"id": row.id, "line": row.line, "col": row.col, "original": row.original,
                "replacement": row.replacement, "alternatives": list(row.alternatives), "score": row.score,
                "rule": row.rule, "context": row.context, "decision": row.decision, "edit": row.edit,
                "bin": row.bin, "start": row.start, "end": row.end, "explanation": row.explanation}
        item.update(row.extra)
        lines.append("  " + dump(item) + ("," if i < len(review.rows) - 1 else ""))
    lines += [" ]", "}", ""]
    return "\n".join(lines)


def render(review: ReviewFile, fmt: str) -> str:
    return render_json(review) if fmt == "json" else render_tsv(review)


def save(review: ReviewFile, path: str | Path) -> None:
    """Write the review file atomically (an interrupted save leaves the previous version whole)."""
    from ocr_fix.writing import write_output

    fmt = format_of(path)
    # Excel reads a UTF-8 TSV as the local code page unless it starts with a byte-order mark
    write_output(path, render(review, fmt), encoding="utf-8-sig" if fmt == "tsv" else "utf-8")


# --- reading ---------------------------------------------------------------------------------------


MAX_DIGITS = 12  # ids, offsets and line numbers: no archive holds a text of a trillion characters
MAX_NESTING = 16  # [ ] and { } inside the value of a JSON key ocr-fix does not know
IN_JSON = "(in JSON, write numbers without quotes)"
_WHOLE = re.compile(r"-?[0-9]+")  # ASCII digits only: int() would also take ٣ or a full-width ３
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN_NAME = re.compile(r"[\w .-]{1,40}")


class _LongNumber:
    """A JSON whole number too long to be turned into an int (Python refuses 4,300 digits and more, with
    advice meant for programmers): kept as its length, refused where a number is read."""

    __slots__ = ("digits",)

    def __init__(self, digits: int):
        self.digits = digits


def _json_int(text: str):
    return int(text) if len(text) <= 2 * MAX_DIGITS else _LongNumber(len(text.lstrip("-")))


class _JsonObject(dict):
    """A JSON object that remembers a key written twice in it (json keeps the last one without a word)."""

    repeated: str | None = None


def _json_object(pairs: list) -> _JsonObject:
    obj = _JsonObject(pairs)
    if len(obj) < len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                obj.repeated = key
                break
            seen.add(key)
    return obj


def _shown(value) -> str:
    """A value as an error message shows it: on one line, short, a JSON value as JSON writes it."""
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:39] + "…")
    if isinstance(value, list):
        return "a list [...]"
    if isinstance(value, dict):
        return "an object {...}"
    if isinstance(value, _LongNumber):
        return f"a {value.digits}-digit number"
    return json.dumps(value)  # true, false, null, 12, 0.5, NaN, Infinity


def _name(column: str) -> str:
    """A column or key name as an error message shows it (quoted when it is not a plain word)."""
    return column if _PLAIN_NAME.fullmatch(column) else _shown(column)


def _too_long(column: str, digits: int) -> ValueError:
    return ValueError(f"{column}: a {digits}-digit number is too large (at most {MAX_DIGITS} digits)")


def _int(value, column: str) -> int:
    """A whole number of 0 or more from a JSON number or a TSV cell; ValueError otherwise."""
    if isinstance(value, _LongNumber):
        raise _too_long(column, value.digits)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{column}: expected a whole number, found {_shown(value)}")
    if isinstance(value, str):
        text = value.strip()
        if not _WHOLE.fullmatch(text):
            raise ValueError(f"{column}: expected a whole number, found {_shown(value)}")
        digits = len(text.lstrip("-").lstrip("0"))
        if digits > MAX_DIGITS:
            raise _too_long(column, digits)
        number = int(text)
    else:
        number = value
        if abs(number) >= 10 ** MAX_DIGITS:
            raise _too_long(column, len(str(abs(number))))  # a JSON int here has at most 2 * MAX_DIGITS digits
    if number < 0:
        raise ValueError(f"{column}: expected a whole number of 0 or more, found {number}")
    return number


def _float(value, column: str) -> float:
    if isinstance(value, _LongNumber):
        raise _too_long(column, value.digits)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")  # a spreadsheet in a Russian locale writes 0,85
        if text == "":
            return 0.0
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{column}: expected a number, found {_shown(value)}") from None
    else:
        raise ValueError(f"{column}: expected a number, found {_shown(value)}")
    if not math.isfinite(number):
        raise ValueError(f"{column}: expected a number, found {_shown(value)}")
    return number


def _no_surrogates(value: str, column: str) -> None:
    # only an escape (\ud800 in JSON or a TSV cell) makes one; no file can be written with it
    found = _SURROGATE.search(value)
    if found:
        raise ValueError(f"{column}: {found.group()!r} is half of a surrogate pair, not a character")


def _text(value, column: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{column}: expected text, found {_shown(value)}")
    _no_surrogates(value, column)
    return value


def _check_kept(column: str, value) -> None:
    """A column ocr-fix does not know is kept as found, so it must be something a file can hold again:
    no surrogates, no number too long to write, no repeated key, nesting within bounds (looked at
    without recursion, so depth itself cannot break the check)."""
    _no_surrogates(column, "a column name")
    name = _name(column)
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _no_surrogates(item, name)
        elif isinstance(item, _LongNumber):
            raise _too_long(name, item.digits)
        elif isinstance(item, (list, dict)):
            if depth >= MAX_NESTING:
                raise ValueError(f"{name}: [ ] and {{ }} nested more than {MAX_NESTING} levels deep")
            if isinstance(item, dict):
                if getattr(item, "repeated", None) is not None:
                    raise ValueError(f"{name}: the key {_shown(item.repeated)} appears twice")
                for key in item:
                    _no_surrogates(key, name)
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item)


def _make_row(fields: dict, extra: tuple, file_line: int) -> ReviewRow:
    """A row from field values already decoded from their cells; ValueError names the problem."""
    alternatives = fields.get("alternatives", ())
    if not isinstance(alternatives, (list, tuple)) or not all(isinstance(a, str) for a in alternatives):
        raise ValueError(f"alternatives: expected a list of texts, found {_shown(alternatives)}")
    if len(alternatives) > decisions.MAX_ALTERNATIVES:
        raise ValueError(f"alternatives: at most {decisions.MAX_ALTERNATIVES}, found {len(alternatives)}")
    for alternative in alternatives:
        _no_surrogates(alternative, "alternatives")
    row_id = _int(fields["id"], "id")
    if row_id < 1:
        raise ValueError("id: expected a number from 1 up")
    start, end = _int(fields["start"], "start"), _int(fields["end"], "end")
    if end < start:
        raise ValueError(f"end ({end}) is before start ({start})")
    original = _text(fields["original"], "original")
    bin_ = _text(fields.get("bin", "review"), "bin").strip() or "review"
    if bin_ not in BINS:
        raise ValueError(f"bin: unknown {_shown(bin_)} (use {', '.join(BINS)})")
    row = ReviewRow(
        id=row_id, start=start, end=end,
        line=_int(fields.get("line", 0), "line"), col=_int(fields.get("col", 0), "col"),
        original=original, replacement=_text(fields["replacement"], "replacement"),
        alternatives=tuple(alternatives), score=_float(fields.get("score", 0.0), "score"),
        rule=_text(fields.get("rule", ""), "rule"), bin=bin_,
        explanation=_text(fields.get("explanation", ""), "explanation"),
        context=_text(fields.get("context", ""), "context"),
        decision=decisions.normalise(_text(fields["decision"], "decision")),
        edit=_text(fields.get("edit", ""), "edit"), extra=extra, file_line=file_line)
    for column, value in extra:
        _check_kept(column, value)
    problem = decisions.row_problem(row)
    if problem:
        raise ValueError(problem.split(": ", 1)[1])
    return row


def _check_ids(rows: list[ReviewRow], where: str) -> None:
    seen: dict[int, ReviewRow] = {}
    for row in rows:
        if row.id in seen:
            raise OcrFixError(f"row id {row.id} appears twice (also on line {seen[row.id].file_line})", where,
                              row.file_line or None)
        seen[row.id] = row


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
                first = cells[0]
                if first.lstrip().startswith("#"):
                    key, sep, value = first.lstrip().lstrip("#").partition(":")
                    if sep:
                        # the value is everything after ": ", its own spaces included (a path may have them)
                        value = value[1:] if value.startswith(" ") else value
                        try:
                            meta[key.strip().lower()] = _unescape(value)
                        except ValueError as exc:
                            raise OcrFixError(f"header {_shown(key.strip())}: {exc}", where, line) from None
                    continue
                header = [c.strip().lower() for c in cells]
                missing = [c for c in REQUIRED if c not in header]
                if missing:
                    shown = [_escape(c) for c in cells[:20]]  # on one line, and short
                    found = ", ".join(c if len(c) <= 40 else c[:39] + "…" for c in shown)
                    raise OcrFixError(f"the column header lacks {', '.join(missing)} (found: {found}"
                                      f"{', …' if len(cells) > 20 else ''})",
                                      where, line)
                dupes = sorted({c for c in header if header.count(c) > 1 and c})
                if dupes:
                    raise OcrFixError(f"column {_shown(dupes[0])} appears twice in the header", where, line)
                continue
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
                rows.append(_make_row(fields, extra, line))
            except ValueError as exc:
                raise OcrFixError(str(exc), where, line) from None
    except csv.Error as exc:
        raise OcrFixError(f"not a readable TSV file ({exc})", where, reader.line_num or None) from None
    if header is None:
        raise OcrFixError("no column header found (is this an ocr-fix review file?)", where)
    _check_ids(rows, where)
    extra_columns = tuple(c for c in header if c not in COLUMNS and c)
    return _finish(meta, rows, where, extra_columns, header_line=None)


def _finish(meta: dict, rows: list[ReviewRow], where: str, extra_columns: tuple, header_line) -> ReviewFile:
    try:
        source, sha256, encoding = (_text(meta.get(key, ""), key) for key in ("file", "sha256", "encoding"))
        value = meta.get("next")
        next_id = 1 if value is None or value == "" else (_int(value, "next") or 1)
    except ValueError as exc:
        raise OcrFixError(f"header {exc}", where, header_line) from None
    return ReviewFile(source, sha256, encoding, tuple(rows), next_id, extra_columns)


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _row_starts(data: str) -> list[int]:
    """Where each entry of the top-level "rows" list begins in `data`, found by stepping over the
    document's values one at a time; [] when the layout cannot be followed. Only an error message needs
    this, so it is worked out then, whatever the file's layout (one row a line, indented, or minified)."""
    decoder = json.JSONDecoder(parse_int=_json_int)

    def skip(i: int) -> int:
        return _JSON_SPACE.match(data, i).end()

    try:
        i = skip(0)
        if data[i:i + 1] != "{":
            return []
        i += 1
        while True:
            i = skip(i)
            if data[i:i + 1] != '"':
                return []
            key, i = decoder.raw_decode(data, i)
            i = skip(i)
            if data[i:i + 1] != ":":
                return []
            i = skip(i + 1)
            if key == "rows" and data[i:i + 1] == "[":
                starts: list[int] = []
                i = skip(i + 1)
                while data[i:i + 1] not in ("]", ""):
                    starts.append(i)
                    i = skip(decoder.raw_decode(data, i)[1])
                    if data[i:i + 1] == ",":
                        i = skip(i + 1)
                return starts
            i = skip(decoder.raw_decode(data, i)[1])
            if data[i:i + 1] != ",":
                return []
            i += 1
    except (ValueError, RecursionError):
        return []


class _RowLines:
    """The line each row of a JSON review file starts on, found on the first error that needs one."""

    def __init__(self, data: str):
        self.data = data
        self.starts: list[int] | None = None

    def of(self, index: int) -> int | None:
        if self.starts is None:
            self.starts = _row_starts(self.data)
        if index < len(self.starts):
            return self.data.count("\n", 0, self.starts[index]) + 1
        return None


_JSON_NUMBERS = ("id", "line", "col", "start", "end", "score")


def _row_label(item, index: int) -> str:
    """How an error names a JSON row: by its id when that is a proper one, else by its place."""
    row_id = item.get("id") if isinstance(item, dict) else None
    if type(row_id) is int and 1 <= row_id < 10 ** MAX_DIGITS:
        return f"row {row_id}"
    return f"row at position {index + 1}"


def _json_row(item) -> ReviewRow:
    """A row from one entry of "rows", its JSON types checked first (a number written as a text is
    refused, not converted); ValueError names the problem."""
    if not isinstance(item, dict):
        raise ValueError(f"expected an object {{...}}, found {_shown(item)}")
    if getattr(item, "repeated", None) is not None:
        raise ValueError(f"the key {_shown(item.repeated)} appears twice")
    missing = [c for c in REQUIRED if c not in item]
    if missing:
        raise ValueError(f"lacks {', '.join(missing)}")
    for column in _JSON_NUMBERS:
        if isinstance(item.get(column), str):
            kind = "a number" if column == "score" else "a whole number"
            raise ValueError(f"{column}: expected {kind}, found the text {_shown(item[column])} {IN_JSON}")
    fields = {k: v for k, v in item.items() if k in COLUMNS}
    extra = tuple((k, v) for k, v in item.items() if k not in COLUMNS)
    return _make_row(fields, extra, 0)


def _json_meta(doc: dict) -> dict:
    """The review file's own fields, their JSON types checked; ValueError names the problem."""
    if getattr(doc, "repeated", None) is not None:
        raise ValueError(f"the key {_shown(doc.repeated)} appears twice")
    for key, value in doc.items():
        if key != "rows":  # the file's own fields and any other: what json kept silently is looked at too
            _check_kept(key, value)
    for key in ("next", "version"):
        value = doc.get(key)
        if isinstance(value, str):
            raise ValueError(f"{key}: expected a whole number, found the text {_shown(value)} {IN_JSON}")
        if value is not None:
            _int(value, key)
    return {k: doc[k] for k in ("file", "sha256", "encoding", "next") if doc.get(k) is not None}


def parse_json(data: str, where: str) -> ReviewFile:
    if data.startswith("\ufeff"):
        data = data[1:]
    try:
        doc = json.loads(data, parse_int=_json_int, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        raise OcrFixError(f"not valid JSON ({exc.msg}, column {exc.colno})", where, exc.lineno) from None
    except RecursionError:
        raise OcrFixError("[ ] and { } are nested too deeply for a review file", where) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("rows"), list):
        raise OcrFixError('not an ocr-fix review file (expected an object with a "rows" list)', where)
    try:
        meta = _json_meta(doc)
    except ValueError as exc:
        raise OcrFixError(f"header {exc}", where) from None
    lines = _RowLines(data)
    rows = []
    first: dict[int, int] = {}  # row id -> the index of the row that has it
    for index, item in enumerate(doc["rows"]):
        try:
            row = _json_row(item)
        except ValueError as exc:
            raise OcrFixError(f"{_row_label(item, index)}: {exc}", where, lines.of(index)) from None
        if row.id in first:
            raise OcrFixError(f"row id {row.id} appears twice (also on line {lines.of(first[row.id])})", where,
                              lines.of(index))
        first[row.id] = index
        rows.append(row)
    # the columns ocr-fix does not know, in the order the rows first name them (kept for a TSV written later)
    extra_columns = tuple(dict.fromkeys(column for row in rows for column, _ in row.extra))
    return _finish(meta, rows, where, extra_columns, None)


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
