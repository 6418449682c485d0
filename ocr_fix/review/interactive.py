"""The terminal review: one proposal at a time, its context highlighted, one key per decision.

It shows the rows that need a decision (with `everything`, the automatic, pre-accepted rows too).
Besides the decision on one row, `t` and `x` accept or reject the rest of the row's rule, and `i` then
a decision key decides every identical row of the file (same original and replacement).

Every key that changes something (a decision, or moving on) is handed at once to `save`, which the
`review` command makes a journal beside the review file (ocr_fix.review.journal: one fsynced line per
key, folded into the review file atomically when the review ends, replayed if a run was killed), so
quitting, Ctrl-C or a closed terminal loses nothing, and the next run starts at the row after the
last one seen (the file's `next`). Undo steps back through this session's moves and restores each
row's decision as it was (every row of a group move at once).

The terminal is reached through a small `Terminal` value so that tests can drive the review with
typer's CliRunner (whose input feeds both the single keys and the edit prompt).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from ocr_fix.errors import OcrFixError
from ocr_fix.lexicon.user import keep_word
from ocr_fix.proposal import AUTO
from ocr_fix.review import decisions
from ocr_fix.review.reviewfile import ReviewFile, ReviewRow
from ocr_fix.review.screen import HELP, KEYS_LINE, Terminal, decision_text, show, typer_terminal

__all__ = ["HELP", "KEYS_LINE", "RUSSIAN_LAYOUT", "ReviewOutcome", "Terminal", "effective_undecided", "needs_decision",
           "run", "show", "typer_terminal"]


# --- the loop --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewOutcome:
    """How a review run ended: the file as last saved, and what happened in this run."""

    review: ReviewFile
    decided: int  # decisions made in this run
    finished: bool  # every row has been gone through
    quit: bool


def effective_undecided(row: ReviewRow) -> bool:
    """Whether a row still waits for its decision."""
    return decisions.effective(row) == decisions.UNDECIDED


def needs_decision(row: ReviewRow) -> bool:
    """Whether the review shows a row without `--all`: every row but the automatic ones, which are
    pre-accepted (and a person may still go over them with `--all`)."""
    return row.bin != AUTO


def _start(review: ReviewFile, order: list[ReviewRow], restart: bool) -> int:
    if restart:
        return 0
    for index, row in enumerate(order):
        if row.id >= review.next:
            return index
    return len(order)


def _next_id(order: list[ReviewRow], index: int) -> int:
    return order[index].id if index < len(order) else (order[-1].id + 1 if order else 1)


# The same keys in the Russian layout (ЙЦУКЕН), which is the one the reviewer types names in:
# ф is where a is, к where r is, and so on; "," is the Russian layout's ? key.
RUSSIAN_LAYOUT = {"ф": "a", "к": "r", "у": "e", "ы": "s", "г": "u", "й": "q", "е": "t", "ч": "x", "ш": "i",
                  "л": "k", ",": "?"}


def _key(key: str) -> str:
    """A key as the review goes by it: lower case (Caps Lock changes nothing), the Latin letter in
    place of the Russian layout's."""
    key = key.lower()
    return RUSSIAN_LAYOUT.get(key, key)


def _decide(row: ReviewRow, key: str, typed: str = "") -> ReviewRow | str:
    """The row with the decision a key stands for, or why the key cannot apply to it."""
    if key == "a":
        if not row.replacement:
            return "nothing to accept: no replacement was proposed (e to type one, r to dismiss)"
        return replace(row, decision=decisions.ACCEPT, edit="")
    if key == "r":
        return replace(row, decision=decisions.REJECT, edit="")
    if key in ("1", "2", "3"):
        n = int(key)
        if n > len(row.alternatives):
            return f"there is no alternative {n}"
        return replace(row, decision=f"alt{n}", edit="")
    if key == "e":
        if typed == row.replacement:
            return replace(row, decision=decisions.ACCEPT, edit="")
        return replace(row, decision=decisions.EDIT, edit=typed)
    raise ValueError(key)


DECISION_KEYS = ("a", "r", "1", "2", "3", "e")


class _ReviewRun:
    """One run of the terminal review: the rows as decided so far, the row shown, and what undo restores."""

    def __init__(self, text: str, review: ReviewFile, save: Callable[[ReviewFile], None], term: Terminal,
                 order: list[ReviewRow], index: int):
        self.text, self.review, self.save, self.term, self.order = text, review, save, term, order
        self.ids = [r.id for r in review.rows]
        self.rows = {r.id: r for r in review.rows}
        self.index = index
        # before each move: the index it was made at, and each changed row's (id, decision, edit) before it
        self.history: list[tuple[int, list[tuple[int, str, str]]]] = []
        self.grouped: set[int] = set()  # rows decided in this run by a group key, not shown again
        self.decided = 0
        self.shown_index: int | None = None

    def commit(self, changed: list[ReviewRow], next_id: int) -> None:
        for new in changed:
            self.rows[new.id] = new
        self.review = replace(self.review, rows=tuple(self.rows[i] for i in self.ids), next=next_id)
        self.save(self.review)

    def advance(self, position: int) -> int:
        position += 1
        while position < len(self.order) and self.order[position].id in self.grouped:
            position += 1
        return position

    def step(self) -> bool:
        """Show the current row (unless it is on the screen already), read a key and do what it says;
        True when the key quits."""
        row = self.rows[self.order[self.index].id]
        if self.shown_index != self.index:
            show(self.text, row, self.index + 1, len(self.order), self.term)
            self.shown_index = self.index
        key = self.term.getchar()
        if key.startswith("\x1b"):  # Esc, or an arrow or function key: not a decision
            return False
        key = _key(key)
        if key in ("", "q", "\x04"):
            self.term.echo("quit: every decision is saved")
            return True
        if key == "?":
            self.term.echo(HELP)
        elif key == "u":
            self.undo()
        elif key in ("s", " "):
            self.history.append((self.index, [(row.id, row.decision, row.edit)]))
            self.index = self.advance(self.index)
            self.commit([], _next_id(self.order, self.index))
            self.term.echo("  → skipped")
        else:
            self.decide(row, key)
        return False

    def undo(self) -> None:
        term, index = self.term, self.index
        if self.history:
            index, before = self.history.pop()
            self.index = index
            self.commit([replace(self.rows[i], decision=d, edit=e) for i, d, e in before], self.order[index].id)
            self.grouped.difference_update(i for i, _, _ in before)
            if len(before) == 1:
                term.echo(f"undo: back to row {index + 1}, decision {before[0][1] or 'undecided'}")
            else:
                term.echo(f"undo: back to row {index + 1}, {len(before)} decisions restored")
        elif index > 0:
            self.index = index - 1
            self.commit([], self.order[self.index].id)
            term.echo(f"back to row {self.index + 1} (nothing to undo from this session; its decision is kept)")
        else:
            term.echo("nothing to undo")
        self.shown_index = None

    def decide(self, row: ReviewRow, key: str) -> None:
        """A decision key (or k, i, t, x, which lead to one) on the current row and the rows it carries to."""
        term = self.term
        if key == "k":
            try:
                kept = keep_word(row.original)
            except OcrFixError as exc:
                term.echo(f"  cannot keep it: {exc}")
                return
            term.echo(f"  {row.original!r} added to {kept}; no command flags it again")
            key = "r"
        group, same = None, []
        if key == "i":
            key, same = self.identical_rows(row)
            if key is None:
                return
            group = "identical"
        elif key in ("t", "x"):
            same = [row] + [self.rows[r.id] for r in self.order[self.index + 1:]
                            if r.rule == row.rule and r.id not in self.grouped
                            and decisions.effective(self.rows[r.id]) == decisions.UNDECIDED]
            key = "a" if key == "t" else "r"
            group = "rule"
        elif key not in DECISION_KEYS:
            term.echo(f"unknown key {key!r}; press ? for help")
            return
        typed = ""
        if key == "e":
            typed = self.typed_replacement(row)
            if typed is None:
                return
        new = _decide(row, key, typed)
        if isinstance(new, str):
            term.echo(new)
            return
        changed = [new]
        if group is not None:
            changed += _carried_to(row, same, key, typed)
            self.grouped.update(r.id for r in changed)
        self.history.append((self.index, [(r.id, self.rows[r.id].decision, self.rows[r.id].edit) for r in changed]))
        self.decided += len(changed)
        self.index = self.advance(self.index)
        self.commit(changed, _next_id(self.order, self.index))  # saved before it is confirmed on the screen
        if group == "identical":
            term.echo(f"  → {decision_text(new)} on {len(changed)} identical row(s)")
        elif group == "rule":
            term.echo(f"  → {decision_text(new)} on {len(changed)} row(s) of {row.rule}")
        else:
            term.echo(f"  → {decision_text(new)}")

    def identical_rows(self, row: ReviewRow) -> tuple[str | None, list[ReviewRow]]:
        """The decision key typed after `i` (None when cancelled) and the rows identical to `row`."""
        same = [r for r in (self.rows[i] for i in self.ids)
                if r.original == row.original and r.replacement == row.replacement]
        self.term.echo(f"  the same decision on {len(same)} identical row(s) ({row.original!r} → "
                       f"{row.replacement!r}): a, r, 1-3 or e")
        key = _key(self.term.getchar())
        if key not in DECISION_KEYS:
            self.term.echo("  identical rows: cancelled")
            self.shown_index = None
            return None, same
        return key, same

    def typed_replacement(self, row: ReviewRow) -> str | None:
        """The replacement typed after `e` (Enter alone keeps what was shown); None when cancelled."""
        start = decisions.chosen(row)
        default = row.replacement if start is None else start
        typed = self.term.prompt("  replacement", default)
        if typed == "":
            typed = default  # a plain Enter keeps what was shown
        if typed is None or typed == "":
            self.term.echo("edit cancelled")
            self.shown_index = None
            return None
        return typed


def _carried_to(row: ReviewRow, same: list[ReviewRow], key: str, typed: str) -> list[ReviewRow]:
    """The other rows of a group with the decision made on `row`, where it applies to them."""
    changed = []
    for other in same:
        if other.id == row.id:
            continue
        if key in ("1", "2", "3") and other.alternatives[int(key) - 1:int(key)] != \
                row.alternatives[int(key) - 1:int(key)]:
            continue  # the nth alternative differs: the choice does not carry over
        made = _decide(other, key, typed)
        if not isinstance(made, str):
            changed.append(made)
    return changed


def run(text: str, review: ReviewFile, save: Callable[[ReviewFile], None], term: Terminal,
        restart: bool = False, everything: bool = False) -> ReviewOutcome:
    """Go through the rows that need a decision (every row with `everything`) from where the last run
    stopped (from the first with `restart`), saving the review file with `save` after every key that
    changes it. The rows `save` is given are the same objects as before unless the key changed them,
    so a saver can find what changed by identity."""
    order = sorted((r for r in review.rows if everything or needs_decision(r)), key=lambda r: r.id)
    index = _start(review, order, restart)
    if index >= len(order):
        return ReviewOutcome(review, 0, True, False)
    review_run = _ReviewRun(text, review, save, term, order, index)
    while review_run.index < len(order):
        if review_run.step():
            return ReviewOutcome(review_run.review, review_run.decided, False, True)
    return ReviewOutcome(review_run.review, review_run.decided, True, False)
