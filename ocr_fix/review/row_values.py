"""Reading a review file's values: each one's type and size checked, a row built from them.

A problem is a ValueError naming the column; the TSV and JSON readers add the file, line and row.
"""

from __future__ import annotations

import json
import math
import re

from ocr_fix.errors import OcrFixError
from ocr_fix.proposal import BINS
from ocr_fix.review import decisions
from ocr_fix.review.rows import ReviewFile, ReviewRow

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


def json_int(text: str):
    return int(text) if len(text) <= 2 * MAX_DIGITS else _LongNumber(len(text.lstrip("-")))


def shown(value) -> str:
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
    return column if _PLAIN_NAME.fullmatch(column) else shown(column)


def _too_long(column: str, digits: int) -> ValueError:
    return ValueError(f"{column}: a {digits}-digit number is too large (at most {MAX_DIGITS} digits)")


def whole_number(value, column: str) -> int:
    """A whole number of 0 or more from a JSON number or a TSV cell; ValueError otherwise."""
    if isinstance(value, _LongNumber):
        raise _too_long(column, value.digits)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{column}: expected a whole number, found {shown(value)}")
    if isinstance(value, str):
        text = value.strip()
        if not _WHOLE.fullmatch(text):
            raise ValueError(f"{column}: expected a whole number, found {shown(value)}")
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
            raise ValueError(f"{column}: expected a number, found {shown(value)}") from None
    else:
        raise ValueError(f"{column}: expected a number, found {shown(value)}")
    if not math.isfinite(number):
        raise ValueError(f"{column}: expected a number, found {shown(value)}")
    return number


def _no_surrogates(value: str, column: str) -> None:
    # only an escape (\ud800 in JSON or a TSV cell) makes one; no file can be written with it
    found = _SURROGATE.search(value)
    if found:
        raise ValueError(f"{column}: {found.group()!r} is half of a surrogate pair, not a character")


def text_value(value, column: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{column}: expected text, found {shown(value)}")
    _no_surrogates(value, column)
    return value


def check_kept(column: str, value) -> None:
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
                    raise ValueError(f"{name}: the key {shown(item.repeated)} appears twice")
                for key in item:
                    _no_surrogates(key, name)
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item)


def make_row(fields: dict, extra: tuple, file_line: int) -> ReviewRow:
    """A row from field values already decoded from their cells; ValueError names the problem."""
    alternatives = fields.get("alternatives", ())
    if not isinstance(alternatives, (list, tuple)) or not all(isinstance(a, str) for a in alternatives):
        raise ValueError(f"alternatives: expected a list of texts, found {shown(alternatives)}")
    if len(alternatives) > decisions.MAX_ALTERNATIVES:
        raise ValueError(f"alternatives: at most {decisions.MAX_ALTERNATIVES}, found {len(alternatives)}")
    for alternative in alternatives:
        _no_surrogates(alternative, "alternatives")
    row_id = whole_number(fields["id"], "id")
    if row_id < 1:
        raise ValueError("id: expected a number from 1 up")
    start, end = whole_number(fields["start"], "start"), whole_number(fields["end"], "end")
    if end < start:
        raise ValueError(f"end ({end}) is before start ({start})")
    original = text_value(fields["original"], "original")
    bin_ = text_value(fields.get("bin", "review"), "bin").strip() or "review"
    if bin_ not in BINS:
        raise ValueError(f"bin: unknown {shown(bin_)} (use {', '.join(BINS)})")
    row = ReviewRow(
        id=row_id, start=start, end=end,
        line=whole_number(fields.get("line", 0), "line"), col=whole_number(fields.get("col", 0), "col"),
        original=original, replacement=text_value(fields["replacement"], "replacement"),
        alternatives=tuple(alternatives), score=_float(fields.get("score", 0.0), "score"),
        rule=text_value(fields.get("rule", ""), "rule"), bin=bin_,
        explanation=text_value(fields.get("explanation", ""), "explanation"),
        context=text_value(fields.get("context", ""), "context"),
        decision=decisions.normalise(text_value(fields["decision"], "decision")),
        edit=text_value(fields.get("edit", ""), "edit"), extra=extra, file_line=file_line)
    for column, value in extra:
        check_kept(column, value)
    problem = decisions.row_problem(row)
    if problem:
        raise ValueError(problem.split(": ", 1)[1])
    return row


def check_ids(rows: list[ReviewRow], where: str) -> None:
    seen: dict[int, ReviewRow] = {}
    for row in rows:
        if row.id in seen:
            raise OcrFixError(f"row id {row.id} appears twice (also on line {seen[row.id].file_line})", where,
                              row.file_line or None)
        seen[row.id] = row



def review_file_of(meta: dict, rows: list[ReviewRow], where: str, extra_columns: tuple, header_line) -> ReviewFile:
    try:
        source, sha256, encoding = (text_value(meta.get(key, ""), key) for key in ("file", "sha256", "encoding"))
        value = meta.get("next")
        next_id = 1 if value is None or value == "" else (whole_number(value, "next") or 1)
    except ValueError as exc:
        raise OcrFixError(f"header {exc}", where, header_line) from None
    return ReviewFile(source, sha256, encoding, tuple(rows), next_id, extra_columns)
