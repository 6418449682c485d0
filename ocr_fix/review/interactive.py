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

# two lines, each narrower than an 80-column terminal with its indent
KEYS_LINE = ("a accept · r reject · 1-3 alternative · e edit · k keep the word · s skip\n"
             "  t/x take/reject rule · i identical rows · u undo · q quit · ? help")
HELP = """\
  a  accept the proposed replacement
  r  reject it: the text stays as it is
  1, 2, 3  take that alternative instead
  e  type your own replacement; Enter alone keeps the proposal, Ctrl-D cancels
  s  skip: leave the decision as it is and go on
  k  keep: the word is right; reject the row and add the word to your own list
     (~/.config/ocr-fix/my-words.txt), so that no command flags it again
  t  take this row and every later undecided row of the same rule (as git add -p's a)
  x  reject this row and every later undecided row of the same rule (as git add -p's d)
  i  then a, r, 1-3 or e: that decision on every identical row in the file (same original and
     replacement), earlier and automatic ones too
  u  undo: back to the previous row, its decision restored
  q  quit (Ctrl-C and Ctrl-D too); every decision is already saved, the next run resumes here
  ?  this help
  The keys work in the Russian layout too: ф a, к r, у e, ы s, л k, е t, ч x, ш i, г u, й q, and , for ?"""
WINDOW = 70  # characters of context on each side of the span, at most


@dataclass(frozen=True)
class Terminal:
    getchar: Callable[[], str]  # one key; "" at the end of input
    echo: Callable[[str], None]
    prompt: Callable[[str, str], str | None]  # (label, default) -> the line typed, None when cancelled
    style: Callable[..., str]  # typer.style, or a plain stand-in


def typer_terminal() -> Terminal:
    import typer

    def getchar() -> str:
        try:
            return typer.getchar()
        except EOFError:  # Ctrl-D
            return ""
        except OSError:  # no terminal at all (a cron job, a pipeline without /dev/tty)
            raise OcrFixError("the interactive review needs a terminal; decide in the review file itself "
                              "(a spreadsheet or a text editor) and run `ocr-fix apply`") from None

    def prompt(label: str, default: str) -> str | None:
        # The field starts empty and the proposal is shown as the default a plain Enter keeps: text
        # put into the field beforehand got the user's typing added to it, not replaced by it. The
        # whole prompt goes to input() itself, so that readline (imported for line editing) knows it
        # and draws it again after Ctrl-U or Ctrl-L; printed separately, it vanished.
        try:
            import readline  # noqa: F401  (line editing for input())
        except ImportError:  # pragma: no cover - no readline on this system
            pass
        if default:
            shown = f"{label} [{_visible(default)}; Enter keeps it, Ctrl-D cancels]: "
        else:
            shown = f"{label} (Ctrl-D cancels): "
        try:
            return input(shown)
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return None

    return Terminal(getchar, lambda text: typer.echo(text), prompt, typer.style)


# --- showing a row ---------------------------------------------------------------------------------


def _visible(text: str) -> str:
    from ocr_fix.display import visible_line

    return visible_line(text)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    right_candidates = [i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return left, right


def context_line(text: str, row: ReviewRow, term: Terminal) -> str:
    """The row's line (cut to a window around the span) with the original struck through in red and
    the replacement it would get in green."""
    left, right = _line_bounds(text, row.start, row.end)
    begin = max(left, row.start - WINDOW)
    finish = min(right, row.end + WINDOW)
    before = ("…" if begin > left else "") + _visible(text[begin:row.start])
    after = _visible(text[row.end:finish]) + ("…" if finish < right else "")
    original = _visible(text[row.start:row.end]) or "(nothing)"
    new = decisions.chosen(row)
    if new is None:
        new = row.replacement
    shown = term.style(original, fg="red", strikethrough=True)
    if new and new != text[row.start:row.end]:
        shown = "[" + shown + " → " + term.style(_visible(new), fg="green", bold=True) + "]"
    else:
        shown = "[" + shown + "]"
    return before + shown + after


def _decision_text(row: ReviewRow) -> str:
    decision = decisions.effective(row)
    if decision == decisions.UNDECIDED:
        return "undecided"
    if decision == decisions.EDIT:
        return f"edit → {row.edit!r}"
    n = decisions.alternative_number(decision)
    if n is not None:
        return f"alternative {n} → {row.alternatives[n - 1]!r}"
    return decision


def show(text: str, row: ReviewRow, number: int, total: int, term: Terminal) -> None:
    # the score is how likely the proposed reading is, if the word was misread at all; whether it was
    # is what the bin (and the explanation's "left for a person") weighs: said so, they do not clash
    score = f"reading {row.score:.0%} likely"
    term.echo("")
    term.echo(term.style(f"[{number}/{total}] line {row.line}, col {row.col} · {row.rule} · {score} · {row.bin}",
                         bold=True))
    term.echo("  " + context_line(text, row, term))
    if row.explanation:
        term.echo("  why: " + row.explanation)
    if row.alternatives:
        term.echo("  alternatives: " + "  ".join(f"{i} {_visible(a)}" for i, a in enumerate(row.alternatives, 1)))
    if not row.replacement:
        term.echo("  (no replacement proposed: press e to type one, r to dismiss)")
    term.echo(f"  decision: {_decision_text(row)}")
    term.echo(term.style("  " + KEYS_LINE, dim=True))


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


def run(text: str, review: ReviewFile, save: Callable[[ReviewFile], None], term: Terminal,
        restart: bool = False, everything: bool = False) -> ReviewOutcome:
    """Go through the rows that need a decision (every row with `everything`) from where the last run
    stopped (from the first with `restart`), saving the review file with `save` after every key that
    changes it. The rows `save` is given are the same objects as before unless the key changed them,
    so a saver can find what changed by identity."""
    ids = [r.id for r in review.rows]
    rows = {r.id: r for r in review.rows}
    order = sorted((r for r in review.rows if everything or needs_decision(r)), key=lambda r: r.id)
    index = _start(review, order, restart)
    # before each move: the index it was made at, and each changed row's (id, decision, edit) before it
    history: list[tuple[int, list[tuple[int, str, str]]]] = []
    grouped: set[int] = set()  # rows decided in this run by a group key, not shown again
    decided = 0
    if index >= len(order):
        return ReviewOutcome(review, 0, True, False)

    def commit(changed: list[ReviewRow], next_id: int) -> None:
        nonlocal review
        for new in changed:
            rows[new.id] = new
        review = replace(review, rows=tuple(rows[i] for i in ids), next=next_id)
        save(review)

    def advance(position: int) -> int:
        position += 1
        while position < len(order) and order[position].id in grouped:
            position += 1
        return position

    shown_index = None
    while index < len(order):
        row = rows[order[index].id]
        if shown_index != index:
            show(text, row, index + 1, len(order), term)
            shown_index = index
        key = term.getchar()
        if key.startswith("\x1b"):  # Esc, or an arrow or function key: not a decision
            continue
        key = _key(key)
        if key in ("", "q", "\x04"):
            term.echo("quit: every decision is saved")
            return ReviewOutcome(review, decided, False, True)
        if key == "?":
            term.echo(HELP)
            continue
        if key == "u":
            if history:
                index, before = history.pop()
                commit([replace(rows[i], decision=d, edit=e) for i, d, e in before], order[index].id)
                grouped.difference_update(i for i, _, _ in before)
                if len(before) == 1:
                    term.echo(f"undo: back to row {index + 1}, decision {before[0][1] or 'undecided'}")
                else:
                    term.echo(f"undo: back to row {index + 1}, {len(before)} decisions restored")
            elif index > 0:
                index -= 1
                commit([], order[index].id)
                term.echo(f"back to row {index + 1} (nothing to undo from this session; its decision is kept)")
            else:
                term.echo("nothing to undo")
            shown_index = None
            continue
        if key in ("s", " "):
            history.append((index, [(row.id, row.decision, row.edit)]))
            index = advance(index)
            commit([], _next_id(order, index))
            term.echo("  → skipped")
            continue
        if key == "k":
            try:
                kept = keep_word(row.original)
            except OcrFixError as exc:
                term.echo(f"  cannot keep it: {exc}")
                continue
            term.echo(f"  {row.original!r} added to {kept}; no command flags it again")
            key = "r"
        group = None
        if key == "i":
            same = [r for r in (rows[i] for i in ids)
                    if r.original == row.original and r.replacement == row.replacement]
            term.echo(f"  the same decision on {len(same)} identical row(s) ({row.original!r} → "
                      f"{row.replacement!r}): a, r, 1-3 or e")
            key = _key(term.getchar())
            if key not in ("a", "r", "1", "2", "3", "e"):
                term.echo("  identical rows: cancelled")
                shown_index = None
                continue
            group = "identical"
        elif key in ("t", "x"):
            same = [rows[r.id] for r in order[index + 1:] if r.rule == row.rule and r.id not in grouped
                    and decisions.effective(rows[r.id]) == decisions.UNDECIDED]
            same = [row] + same
            key = "a" if key == "t" else "r"
            group = "rule"
        elif key not in ("a", "r", "1", "2", "3", "e"):
            term.echo(f"unknown key {key!r}; press ? for help")
            continue
        typed = ""
        if key == "e":
            start = decisions.chosen(row)
            default = row.replacement if start is None else start
            typed = term.prompt("  replacement", default)
            if typed == "":
                typed = default  # a plain Enter keeps what was shown
            if typed is None or typed == "":
                term.echo("edit cancelled")
                shown_index = None
                continue
        new = _decide(row, key, typed)
        if isinstance(new, str):
            term.echo(new)
            continue
        changed = [new]
        if group is not None:
            for other in same:
                if other.id == row.id:
                    continue
                if key in ("1", "2", "3") and other.alternatives[int(key) - 1:int(key)] != \
                        row.alternatives[int(key) - 1:int(key)]:
                    continue  # the nth alternative differs: the choice does not carry over
                made = _decide(other, key, typed)
                if not isinstance(made, str):
                    changed.append(made)
            grouped.update(r.id for r in changed)
        history.append((index, [(r.id, rows[r.id].decision, rows[r.id].edit) for r in changed]))
        decided += len(changed)
        index = advance(index)
        commit(changed, _next_id(order, index))  # saved before it is confirmed on the screen
        if group == "identical":
            term.echo(f"  → {_decision_text(new)} on {len(changed)} identical row(s)")
        elif group == "rule":
            term.echo(f"  → {_decision_text(new)} on {len(changed)} row(s) of {row.rule}")
        else:
            term.echo(f"  → {_decision_text(new)}")
    return ReviewOutcome(review, decided, True, False)
