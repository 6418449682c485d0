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
        _write(value, parts, "\n", " " * indent)
    except _Unsupported:
        return json.dumps(value, ensure_ascii=False, indent=indent)
    return "".join(parts)


class _Unsupported(Exception):
    pass


def _scalar(value) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is float:
        return _float(value)
    raise _Unsupported


def _write(value, parts: list[str], newline: str, step: str) -> None:
    """Appends `value` written out; a list or dict as one string (its pieces joined at once, so that a
    long report is held as a string a finding rather than a dozen pieces each)."""
    kind = type(value)
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + step
        mine = ["{"]
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported  # the library turns other keys into strings in ways of its own
            mine.append(inner)
            mine.append(encode_basestring(key))
            mine.append(": ")
            if type(item) in (dict, list, tuple):
                _write(item, mine, inner, step)
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
            if type(item) in (dict, list, tuple):
                _write(item, mine, inner, step)
            else:
                mine.append(_scalar(item))
            mine.append(",")
        mine[-1] = newline + "]"
        parts.append("".join(mine))
    else:
        parts.append(_scalar(value))
