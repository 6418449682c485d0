"""A text value in a review file's TSV cell and back: escaped, formula-guarded, alternatives joined.

The rules are described in ocr_fix.review.reviewfile.
"""

from __future__ import annotations

import re

from ocr_fix.resources import cached

_ESCAPE = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "|": "|"}
_FORMULA_START = "=+-@'"  # the quote itself too, so that reading can always drop one leading quote


# What `escape` changes: a backslash, the control characters and the line separators some tools
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


def escape(value: str, extra: str = "") -> str:
    pattern = _special(extra)
    if pattern.search(value) is None:
        return value
    return pattern.sub(lambda found: _code(found.group(), extra), value)


def _guard(cell: str) -> str:
    return "'" + cell if cell[:1] and cell[0] in _FORMULA_START else cell


def _unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def unescape(cell: str) -> str:
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
    return _guard(escape(value))


def decode_cell(cell: str) -> str:
    return unescape(_unguard(cell))


_EMPTY_ITEM = "\\e"  # an empty alternative, which would otherwise vanish between two separators


def encode_alternatives(alternatives: tuple[str, ...]) -> str:
    return _guard(" | ".join(escape(a, extra="|") if a else _EMPTY_ITEM for a in alternatives))


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
    return tuple("" if p == _EMPTY_ITEM else unescape(p) for p in parts)
