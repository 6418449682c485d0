"""JSON written as `json.dumps(value, ensure_ascii=False, indent=N)` writes it, quickly.

With an indent, the standard library encodes in Python, value by value; `ocr-fix check -f json` on
a million words writes some two million values, and that took a third of the command's time after
the workers had finished. Here each string, number and constant is encoded by the library's own
C functions and only the layout is Python's, so the text is the same character for character
(`tests/test_jsonout.py` compares the two).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function where the library has it

_INFINITY = float("inf")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def dumps_indented(value, indent: int = 1) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=indent)` for values made of dicts with string
    keys, lists, tuples, strings, numbers, booleans and None (anything else: the library's own)."""
    parts: list[str] = []
    try:
        _write(value, parts, "\n", " " * indent, {})
    except _Unsupported:
        return json.dumps(value, ensure_ascii=False, indent=indent)
    return "".join(parts)


class _Unsupported(Exception):
    pass


# a scalar's type -> how it is written (a subclass, such as a str subclass, is none of these: the library's own)
_SCALARS = {str: encode_basestring, int: int.__repr__, float: _float, type(None): lambda _value: "null",
            bool: lambda value: "true" if value else "false"}
_CONTAINERS = (dict, list, tuple)


def _scalar(value) -> str:
    write = _SCALARS.get(type(value))
    if write is None:
        raise _Unsupported
    return write(value)


def _write(value, parts: list[str], newline: str, step: str, layouts: dict) -> None:
    """Appends `value` written out; a list or dict as one string (its pieces joined at once, so that a
    long report is held as a string a finding rather than a dozen pieces each). `layouts`: each flat
    dict's text with a `%s` for each value, by its keys and depth, made once a call (a report's
    findings share one)."""
    kind = type(value)
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        try:  # most dicts hold strings and numbers only: their values written into their keys' layout
            written = tuple([_SCALARS[type(item)](item) for item in value.values()])
        except KeyError:  # a container (or a type of the library's own) among them
            written = None
        if written is not None:
            keys = (tuple(value), newline)
            layout = layouts.get(keys)
            if layout is None:
                layout = layouts[keys] = _layout(keys[0], newline + step, newline)
            parts.append(layout % written)
            return
        inner = newline + step
        mine = ["{"]
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported  # the library turns other keys into strings in ways of its own
            mine.append(f"{inner}{encode_basestring(key)}: ")
            if type(item) in _CONTAINERS:
                _write(item, mine, inner, step, layouts)
            else:
                mine.append(_scalar(item))
            mine.append(",")
        mine[-1] = newline + "}"
        parts.append("".join(mine))
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + step
        mine = ["["]
        for item in value:
            mine.append(inner)
            if type(item) in _CONTAINERS:
                _write(item, mine, inner, step, layouts)
            else:
                mine.append(_scalar(item))
            mine.append(",")
        mine[-1] = newline + "]"
        parts.append("".join(mine))
    else:
        parts.append(_scalar(value))


def _layout(keys: tuple, inner: str, newline: str) -> str:
    """A flat dict's text for these keys, its items at `inner`, a `%s` for each value."""
    if any(type(key) is not str for key in keys):
        raise _Unsupported  # the library turns other keys into strings in ways of its own
    return "{" + ",".join(f"{inner}{encode_basestring(key).replace('%', '%%')}: %s" for key in keys) + newline + "}"


# A finding of plain text as `json.dumps(payload, ensure_ascii=False, indent=1)` lays it out in `check -f
# json`'s report, its keys those of `LocatedFinding.as_dict`: a report's findings are most of it (a
# million words have some 170,000), each written straight into this, not made a dict and walked
# (tests/test_cli_check.py holds the two to the same text)
_FINDING_RECORD = ('\n   {\n    "rule": %s,\n    "start": %d,\n    "end": %d,\n    "text": %s,\n    "message": %s,'
                   '\n    "kind": %s,\n    "hint": %s,\n    "sure": %s,\n    "line": %d,\n    "col": %d\n   }')


def finding_records(located) -> str:
    """Located findings (`ocr_fix.api.LocatedFinding`) as the records of a file's list of findings in
    `check -f json`'s report, comma-joined; a long file's are made section by section, as each comes
    back from the workers (see `findings_list`)."""
    quoted = encode_basestring
    return ",".join([_FINDING_RECORD % (quoted(f.rule), f.start, f.end, quoted(f.text), quoted(f.message),
                                        quoted(f.category), "null" if f.hint is None else quoted(f.hint),
                                        "true" if f.sure else "false", one.line, one.col)
                     for one in located for f in (one.finding,)])


def findings_list(records) -> list[str]:
    """A file's list of findings in the report, from its `finding_records` (one string a section), as
    pieces to write one after the other: a million words' list is 45 MB, and each joining copied it."""
    parts = [part for part in records if part]
    if not parts:
        return ["[]"]
    pieces = ["["]
    for part in parts:
        pieces += (part, ",")
    pieces[-1] = "\n  ]"
    return pieces

