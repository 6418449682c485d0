"""The review file as JSON: one row a line, so that an error can name the line; numbers written as numbers."""

from __future__ import annotations

import json
import re

from ocr_fix.errors import OcrFixError
from ocr_fix.review import decisions
from ocr_fix.review.row_values import (IN_JSON, MAX_DIGITS, check_kept, json_int, make_row, review_file_of, shown,
                                       whole_number)
from ocr_fix.review.rows import COLUMNS, FORMAT_VERSION, MAGIC, REQUIRED, ReviewFile, ReviewRow


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


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def row_starts(data: str) -> list[int]:
    """Where each entry of the top-level "rows" list begins in `data`, found by stepping over the
    document's values one at a time; [] when the layout cannot be followed. Only an error message needs
    this, so it is worked out then, whatever the file's layout (one row a line, indented, or minified)."""
    decoder = json.JSONDecoder(parse_int=json_int)

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
            self.starts = row_starts(self.data)
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
        raise ValueError(f"expected an object {{...}}, found {shown(item)}")
    if getattr(item, "repeated", None) is not None:
        raise ValueError(f"the key {shown(item.repeated)} appears twice")
    missing = [c for c in REQUIRED if c not in item]
    if missing:
        raise ValueError(f"lacks {', '.join(missing)}")
    for column in _JSON_NUMBERS:
        if isinstance(item.get(column), str):
            kind = "a number" if column == "score" else "a whole number"
            raise ValueError(f"{column}: expected {kind}, found the text {shown(item[column])} {IN_JSON}")
    fields = {k: v for k, v in item.items() if k in COLUMNS}
    extra = tuple((k, v) for k, v in item.items() if k not in COLUMNS)
    return make_row(fields, extra, 0)


def _json_meta(doc: dict) -> dict:
    """The review file's own fields, their JSON types checked; ValueError names the problem."""
    if getattr(doc, "repeated", None) is not None:
        raise ValueError(f"the key {shown(doc.repeated)} appears twice")
    for key, value in doc.items():
        if key != "rows":  # the file's own fields and any other: what json kept silently is looked at too
            check_kept(key, value)
    for key in ("next", "version"):
        value = doc.get(key)
        if isinstance(value, str):
            raise ValueError(f"{key}: expected a whole number, found the text {shown(value)} {IN_JSON}")
        if value is not None:
            whole_number(value, key)
    return {k: doc[k] for k in ("file", "sha256", "encoding", "next") if doc.get(k) is not None}


def parse_json(data: str, where: str) -> ReviewFile:
    if data.startswith("\ufeff"):
        data = data[1:]
    try:
        doc = json.loads(data, parse_int=json_int, object_pairs_hook=_json_object)
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
    return review_file_of(meta, rows, where, extra_columns, None)
