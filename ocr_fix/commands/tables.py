"""Tables for the terminal: tabulate's "simple" layout, no wider than the screen.

A table is cut to the width in `COLUMNS` when it is set, else to the terminal's own width when
standard output is one; piped elsewhere (a file, `less -S`, another program) it keeps every character,
since JSON and CSV are there for machines but a person may still want the whole line. Cutting shortens
the widest columns first, never below what their header needs, and ends each cut cell with `…`;
line breaks inside a cell are shown as `⏎` so that a row stays one line.
"""

from __future__ import annotations

import os
import shutil
import sys

from ocr_fix.display import visible_line

GAP = 2  # tabulate's "simple" layout puts two spaces between columns
ELLIPSIS = "…"
NARROWEST = 6  # a column is not cut below this (or its header), however wide the table
HEADER_PADDING = 2  # tabulate's MIN_PADDING


def available_width() -> int | None:
    """The width to fit: `COLUMNS`, else the terminal's when standard output is one, else None."""
    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if sys.stdout.isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):
        pass
    return None


def _one_line(cell) -> str:
    return visible_line(str(cell))


def _header_width(header: str) -> int:
    return max(len(line) for line in header.split("\n"))


def _widths(rows: list[list[str]], headers: list[str], limit: int, padding: int) -> list[int]:
    # tabulate makes a column at least `padding` wider than its header
    widths = [max([_header_width(h) + padding] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    floors = [min(widths[i], max(_header_width(h) + padding, NARROWEST)) for i, h in enumerate(headers)]
    excess = sum(widths) + GAP * (len(headers) - 1) - limit
    while excess > 0:
        # one character off the column with the most to spare: the widest cells give way first
        spare, column = max((widths[i] - floors[i], i) for i in range(len(widths)))
        if spare <= 0:
            break  # as narrow as it goes: wider than the screen, but every header shows whole
        widths[column] -= 1
        excess -= 1
    return widths


def _cut(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[:max(width - 1, 0)] + ELLIPSIS


def table(rows, headers, width: int | None = None, **options) -> str:
    """`tabulate(rows, headers, tablefmt="simple", **options)`, cut to `width` (by default
    `available_width()`)."""
    from tabulate import tabulate  # imported when a table is printed: it takes a tenth of a second

    limit = available_width() if width is None else width
    cells = [[_one_line(c) for c in row] for row in rows]
    names = [str(h) for h in headers]
    padding = HEADER_PADDING
    if limit is not None and cells:
        if _least_width(names, padding) > limit:
            names = [name.replace(" ", "\n") for name in names]  # headers of several words: one a line
        if _least_width(names, padding) > limit:
            padding = 0  # and, still too wide, no room beside the headers either
        widths = _widths(cells, names, limit, padding)
        cells = [[_cut(c, w) for c, w in zip(row, widths)] for row in cells]
    import tabulate as layout

    kept, layout.MIN_PADDING = layout.MIN_PADDING, padding  # tabulate reads it at each call
    try:
        return tabulate(cells, headers=names, tablefmt="simple", **options)
    finally:
        layout.MIN_PADDING = kept


def _least_width(headers: list[str], padding: int) -> int:
    return sum(max(_header_width(h) + padding, NARROWEST) for h in headers) + GAP * (len(headers) - 1)


def fit_line(text: str) -> str:
    """A sentence the command prints beside a table, wrapped at the same width."""
    import textwrap

    limit = available_width()
    return textwrap.fill(text, limit, break_on_hyphens=False) if limit else text
