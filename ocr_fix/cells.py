"""Cells of the CSV files ocr-fix writes, made safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or line break before one) is run as a formula
by Excel and LibreOffice: a file named `=HYPERLINK(...).txt` in a report would become a live link,
`@SUM(1).txt` a calculation. Such a text cell gets a leading apostrophe, which the spreadsheet shows
as text and hides; numbers are written as they are.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(value):
    """`value` with a leading apostrophe when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
