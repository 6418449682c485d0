"""Text shown on one line (a table cell, a review row's context, the terminal review): every kind of
line break as ⏎ and tabs as spaces, the same everywhere so that a reader learns one sign."""

from __future__ import annotations

import re

LINE_BREAK_SIGN = "\u23ce"  # ⏎
_BREAK = re.compile(r"\r\n|\r|\n")


def visible_line(text: str) -> str:
    """`text` on one line: line breaks as ⏎, tabs as spaces."""
    return _BREAK.sub(LINE_BREAK_SIGN, text).replace("\t", " ")
