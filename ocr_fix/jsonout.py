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


# a scalar's type -> how it is written (a subclass, such as a str subclass, is none of these: the library's own)
_SCALARS = {str: encode_basestring, int: int.__repr__, float: _float, type(None): lambda _value: "null",
            bool: lambda value: "true" if value else "false"}
_CONTAINERS = (dict, list, tuple)


def _scalar(value) -> str:
    write = _SCALARS.get(type(value))
    if write is None:
        raise _Unsupported
    return write(value)


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
        scalars = _SCALARS
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported  # the library turns other keys into strings in ways of its own
            write = scalars.get(type(item))
            if write is not None:  # most values: the item as one piece (a report has millions of them)
                mine.append(f"{inner}{encode_basestring(key)}: {write(item)},")
                continue
            if type(item) not in _CONTAINERS:
                raise _Unsupported
            mine.append(f"{inner}{encode_basestring(key)}: ")
            _write(item, mine, inner, step)
            mine.append(",")
        mine[-1] = mine[-1][:-1] + newline + "}"
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
                _write(item, mine, inner, step)
            else:
                mine.append(_scalar(item))
            mine.append(",")
        mine[-1] = newline + "]"
        parts.append("".join(mine))
    else:
        parts.append(_scalar(value))
