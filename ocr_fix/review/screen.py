"""What the terminal review shows: the keys and their help, a row with its context highlighted, and
the terminal itself as a small value that tests can stand in for (ocr_fix.review.interactive runs it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ocr_fix.errors import OcrFixError
from ocr_fix.review import decisions
from ocr_fix.review.rows import ReviewRow

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


def decision_text(row: ReviewRow) -> str:
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
    term.echo(f"  decision: {decision_text(row)}")
    term.echo(term.style("  " + KEYS_LINE, dim=True))
