"""Decisions on proposals and applying them to the text.

A row's decision is one of `accept` (take the proposed replacement), `reject`, `altN` (take the Nth
alternative), `edit` (take the text of the edit cell), `delete` (remove the original), or empty
(undecided). Only accepted, chosen, edited and deleted rows change the text; everything else leaves it
exactly as it was, so rejecting every row gives back the input byte for byte.

Removing text takes the word `delete`: an `edit` with an empty edit cell, and an alternative that is
empty, are refused rather than taken as deletions, since an empty cell is also what a forgotten edit
looks like, or a spreadsheet that dropped the cell.

Applying refuses, naming the rows, rather than guessing: a row whose original is no longer what the
text holds at its offsets (the file changed after the review was made), and accepted rows whose spans
overlap (only one of them can win, and which one is the reviewer's call).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ocr_fix.errors import OcrFixError
from ocr_fix.proposal import AUTO

if TYPE_CHECKING:
    from ocr_fix.proposal import Proposal
    from ocr_fix.review.reviewfile import ReviewFile, ReviewRow

ACCEPT = "accept"
REJECT = "reject"
EDIT = "edit"
DELETE = "delete"
UNDECIDED = ""
MAX_ALTERNATIVES = 3
ALTERNATIVES = tuple(f"alt{n}" for n in range(1, MAX_ALTERNATIVES + 1))
DECISIONS = (ACCEPT, REJECT, EDIT, DELETE) + ALTERNATIVES

DECISION_HELP = ("accept, reject, edit (uses the edit column), delete (removes the original), alt1, alt2 or alt3 "
                 "(an alternative), or empty (undecided)")


def _row_key(row: ReviewRow) -> tuple:
    return (row.original, row.replacement, row.alternatives, row.rule, row.context)


def same_rows(review: ReviewFile, template: ReviewFile) -> ReviewFile:
    """`review` with `template`'s decisions taken for its identical rows (the same original, proposal,
    alternatives, rule and context: the same proposal on the same text, as a batch of forms or copies
    has it): a row still as proposed (undecided, or an automatic one pre-accepted) takes the decision
    (and edit) made in the template; a row this review decided otherwise keeps its own."""
    from dataclasses import replace

    decided = {}
    for row in template.rows:
        if row.decision or row.edit:
            decided.setdefault(_row_key(row), row)
    if not decided:
        return review
    rows = []
    for row in review.rows:
        model = decided.get(_row_key(row))
        as_proposed = not row.edit and row.decision == (ACCEPT if row.bin == AUTO and row.replacement
                                                        and row.replacement != row.original else UNDECIDED)
        if model is not None and as_proposed:
            row = replace(row, decision=model.decision, edit=model.edit)
        rows.append(row)
    return replace(review, rows=tuple(rows))


def initial_decision(proposal: Proposal) -> str:
    """What a new review file says for a proposal: the automatic bin is pre-filled `accept`, so
    accepting the file as proposed gives exactly what `fix` gives (which skips a no-op or empty
    replacement, hence the same test as `TextCorrection.applied`)."""
    return ACCEPT if proposal.bin == AUTO and proposal.changes_text else UNDECIDED


# What a reviewer may type in the decision column besides the words themselves: the keys of the
# terminal review (in the Latin layout and in the Russian one, where the same keys give ф, к, у, since
# the reviewer types names in it), the alternatives' numbers, and yes/no. Deleting text has no short
# form: it is written out as `delete`, so that no slip of one key removes a word.
DECISION_ALIASES = {
    **dict.fromkeys(("a", "y", "yes", "ф", "да"), ACCEPT),
    **dict.fromkeys(("r", "n", "no", "к", "нет"), REJECT),
    **dict.fromkeys(("e", "у"), EDIT),
    **{str(n): f"alt{n}" for n in range(1, MAX_ALTERNATIVES + 1)},
}


def normalise(cell: str) -> str:
    """A decision cell as the canonical word; ValueError with a readable message otherwise."""
    word = cell.strip().lower()
    if word in DECISIONS or word == UNDECIDED:
        return word
    if word in DECISION_ALIASES:
        return DECISION_ALIASES[word]
    raise ValueError(f"unknown decision {_show(cell)} (use {DECISION_HELP}; "
                     "a, r, e, 1-3, yes and no stand for them too)")


def alternative_number(decision: str) -> int | None:
    """1 for `alt1` ..., None for other decisions."""
    return int(decision[3:]) if decision in ALTERNATIVES else None


def row_problem(row: ReviewRow) -> str | None:
    """Why a row's decision cannot be carried out as written, or None when it can."""
    decision = row.decision
    n = alternative_number(decision)
    if n is not None and n > len(row.alternatives):
        have = f"only {len(row.alternatives)}" if row.alternatives else "none"
        return f"row {row.id}: decision {decision} but the row has {have} alternative(s)"
    if n is not None and not row.alternatives[n - 1]:
        return (f"row {row.id}: decision {decision} but alternative {n} is empty; "
                "write delete as the decision to remove the text")
    if decision == ACCEPT and not row.replacement:
        return f"row {row.id}: nothing to accept, no replacement was proposed; write edit and fill the edit column"
    if decision == EDIT and not row.edit:
        return (f"row {row.id}: decision edit but the edit column is empty; write the new text there, "
                "or write delete as the decision to remove the text")
    if row.edit and decision not in (EDIT, UNDECIDED, REJECT):
        return (f"row {row.id}: the edit column is filled but the decision is {decision}; "
                "write edit to use the edit, or clear the edit column")
    return None


def effective(row: ReviewRow) -> str:
    """The decision as carried out: an edit typed into an undecided row counts as `edit`."""
    if row.decision == UNDECIDED and row.edit:
        return EDIT
    return row.decision


def chosen(row: ReviewRow) -> str | None:
    """The text the row puts in place of its original, or None when the row leaves the text alone."""
    decision = effective(row)
    if decision == ACCEPT:
        return row.replacement
    if decision == EDIT:
        return row.edit
    if decision == DELETE:
        return ""
    n = alternative_number(decision)
    if n is not None:
        return row.alternatives[n - 1]
    return None


def describe(row: ReviewRow) -> str:
    decision = effective(row)
    n = alternative_number(decision)
    return f"alternative {n}" if n else (decision or "undecided")


@dataclass(frozen=True)
class Change:
    """One replacement carried out on the text, and the row it came from."""

    id: int
    start: int
    end: int
    original: str
    replacement: str
    how: str  # accept, alternative N, edit, delete


@dataclass(frozen=True)
class AppliedReview:
    """`apply_review`'s result: the text with a review's decisions carried out, the changes made and how
    many rows each decision had."""

    text: str
    changes: tuple[Change, ...]
    tally: tuple[tuple[str, int], ...]  # decision -> rows, in DECISIONS order, then undecided

    def count(self, decision: str) -> int:
        return dict(self.tally).get(decision, 0)

    def summary(self) -> str:
        changed = sum(1 for c in self.changes if c.replacement != c.original)
        parts = [f"{n} {name or 'undecided'}" for name, n in self.tally if n]
        return f"{changed} change(s) applied" + (f" ({', '.join(parts)})" if parts else "")


def tally(rows) -> tuple[tuple[str, int], ...]:
    counts = Counter(effective(r) for r in rows)
    return tuple((d, counts[d]) for d in DECISIONS + (UNDECIDED,) if counts[d])


def _show(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


def stale_rows(text: str, rows) -> list[tuple[ReviewRow, str | None]]:
    """Rows whose original is not what `text` holds at their offsets, with what is there instead (None:
    the row reaches past the end of the text)."""
    out = []
    for row in rows:
        found = text[row.start:row.end] if row.end <= len(text) else None
        if found != row.original:
            out.append((row, found))
    return out


def _spreadsheet_change(original: str, found: str | None) -> str:
    """What a spreadsheet did to a cell, where that explains the difference: it reads `06` as the
    number 6 and writes it back without the zero."""
    if found is not None and original.isdigit() and found.isdigit() and found.startswith("0") \
            and found.lstrip("0") == original.lstrip("0"):
        return (f" (a spreadsheet dropped the leading zero of {_show(found)}: format the column as text and "
                f"write {_show(found)} again)")
    return ""


def already_applied(text: str, rows) -> bool:
    """Whether `text` is what applying these decided rows gives: every row's chosen replacement stands
    where the row would put it (the rows before it having moved it by their change of length), followed
    by the text the row's context shows after its original. Conservative: a row whose context cannot
    tell says no, and the review is reported stale as usual."""
    from ocr_fix.display import visible_line
    from ocr_fix.review.reviewfile import SPAN_CLOSE

    changes = sorted((row.start, row.end, chosen(row), row.context) for row in rows if chosen(row) is not None)
    if not changes:
        return False
    moved = 0
    for k, (start, end, new, context) in enumerate(changes):
        at = start + moved
        if text[at:at + len(new)] != new or SPAN_CLOSE not in context:
            return False
        after = context.split(SPAN_CLOSE, 1)[1].removesuffix("…")
        gap = changes[k + 1][0] - end if k + 1 < len(changes) else len(after)
        shown = min(CONTEXT_CHECKED, len(after), gap)
        if shown < 1 or visible_line(text[at + len(new):at + len(new) + 2 * shown])[:shown] != after[:shown]:
            return False
        moved += len(new) - (end - start)
    return True


CONTEXT_CHECKED = 8  # characters after a replacement compared with the row's context


def stale_message(stale: list[tuple[ReviewRow, str | None]], what: str) -> str:
    listed = "; ".join(
        f"row {row.id} (text line {row.line}) expects {_show(row.original)} but "
        + ("reaches past the end of the text" if found is None else f"finds {_show(found)}")
        + _spreadsheet_change(row.original, found)
        for row, found in stale[:5])
    more = f"; and {len(stale) - 5} more" if len(stale) > 5 else ""
    # the decisions stay: a person put work into them, and most rows of a review still match
    return (f"{len(stale)} {what} no longer match the text (the text changed since the review was made, or "
            f"these cells were edited; put them back, or reject these rows, and apply again): {listed}{more}")


SHOWN_CLASHES = 5  # pairs of overlapping rows an error message names


def _overlaps(changes: list[Change], limit: int = SHOWN_CLASHES) -> list[tuple[Change, Change]]:
    """Pairs of changes whose spans overlap, the first `limit` of them; two insertions (or an insertion
    and a span) at one offset count too, since their order would be a guess. Every later change the
    inner loop looks at makes a pair, so with the limit this is linear after the sort, even for a
    file that accepts one span thousands of times."""
    found = []
    ordered = sorted(changes, key=lambda c: (c.start, c.end))
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if b.start >= a.end and not (b.start == a.start):
                break
            if b.start < a.end or (b.start == a.start and (a.start == a.end or b.start == b.end)):
                found.append((a, b))
                if len(found) >= limit:
                    return found
    return found


def apply_review(text: str, review: ReviewFile, where: str, stale_checked: bool = False) -> AppliedReview:
    """The text with every accepted, chosen or edited row applied; `where` names the review file in
    errors. Raises OcrFixError for a row that cannot be carried out, a stale row (unless the caller
    has checked for stale rows already: `stale_checked`) or overlapping rows."""
    changes: list[Change] = []
    for row in review.rows:
        problem = row_problem(row)
        if problem:
            raise OcrFixError(problem, where, row.file_line or None)
        replacement = chosen(row)
        if replacement is not None:
            changes.append(Change(row.id, row.start, row.end, row.original, replacement, describe(row)))
    by_id = {row.id: row for row in review.rows}
    stale = [] if stale_checked else stale_rows(text, [by_id[c.id] for c in changes])
    if stale:
        raise OcrFixError(stale_message(stale, "accepted row(s)"), where)
    clashes = _overlaps(changes)
    if clashes:
        listed = "; ".join(f"rows {a.id} and {b.id} (text line {by_id[a.id].line}: {_show(a.original)} and "
                           f"{_show(b.original)})" for a, b in clashes)
        raise OcrFixError(f"accepted rows overlap, so only one of each pair can be applied; reject one of: {listed}",
                          where)
    changes.sort(key=lambda c: (c.start, c.end))
    pieces = []
    position = 0
    for c in changes:
        pieces.append(text[position:c.start])
        pieces.append(c.replacement)
        position = c.end
    pieces.append(text[position:])
    return AppliedReview("".join(pieces), tuple(changes), tally(review.rows))
