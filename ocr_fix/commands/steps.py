"""Steps the workflow commands share: reading the input, the options, loading and checking a review,
showing a diff, saying what was left out."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from ocr_fix.commands.app import fail, note
from ocr_fix.errors import OcrFixError


def shell_word(path: Path) -> str:
    """`path` as a hint's command line must say it to be pasted into a shell: quoted where it has spaces
    or shell characters, and with `./` before a leading dash (else it reads as an option). Standard
    input has no name to give again: FILE stands in for it."""
    import shlex

    name = str(path)
    if name == "-":
        return "FILE"
    if name.startswith("-"):
        name = "./" + name
    return shlex.quote(name)


def read_source(path: Path, options):
    """The input read through the one reader (ocr_fix.inputs); an encoding ocr-fix chose itself is
    always said out loud."""
    from ocr_fix.inputs import read_input

    return read_input(path, options, note=note)


def command_options(lexicon=None, translation: Optional[Path] = None, encoding: Optional[str] = None,
                    output_encoding: Optional[str] = None, jobs: Optional[int] = None, join_hyphenation: bool = False,
                    to: Optional[str] = None, profile: Optional[Path] = None, decisions=None):
    """The command's options as one checked value (ocr_fix.options), the translation read once."""
    from ocr_fix.inputs import pass_options

    return pass_options(lexicon, translation, encoding, output_encoding, jobs, join_hyphenation, note=note, to=to,
                        profile=profile, decisions=decisions)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def use_color(choice: str) -> bool:
    if choice not in ("auto", "always", "never"):
        fail(f"unknown --color {choice!r} (use auto, always or never)")
    if choice == "auto":
        return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return choice == "always"


def print_diff(old: str, new: str, old_name: str, new_name: str, color: bool, context: int = 3,
               word_diff: bool = False) -> bool:
    from ocr_fix.diffing import unified_diff

    # control characters are shown, not sent, wherever the diff reaches a screen; a diff piped on keeps
    # every byte, so that `patch` applies it
    diff = unified_diff(old, new, old_name, new_name, context=context, color=color,
                        for_terminal=color or stdout_is_terminal(), word_diff=word_diff)
    if diff:
        typer.echo(diff, nl=False, color=True)  # as it is: click would strip escapes from a piped diff
    return bool(diff)


def load_review(path: Path, fold: bool = False):
    """The review file with the decisions of a review that was killed before it could fold its journal
    in (see ocr_fix.review.journal): in memory, or with `fold` written into the file."""
    from ocr_fix.review import journal
    from ocr_fix.review.reviewfile import load, save

    review, replayed = journal.replay(path, load(path))
    if replayed and fold:
        save(review, path)
        journal.path_for(path).unlink()
        note(f"{replayed} decision(s) of an interrupted review recovered from {journal.path_for(path)} into {path}")
    elif replayed:
        note(f"{replayed} decision(s) of an unfinished review taken from {journal.path_for(path)} "
              f"(`ocr-fix review` folds them into {path})")
    return review


def check_against(decoded, review, text_path: Path, review_path: Path, rows, what: str) -> None:
    """Refuse a review whose rows no longer match the text; warn when only the hash says it changed."""
    from ocr_fix.review.decisions import already_applied, stale_message, stale_rows

    stale = stale_rows(decoded.text, rows)
    if stale and already_applied(decoded.text, rows):
        raise OcrFixError(f"{text_path} already has the {len(rows)} accepted correction(s) of this review "
                          "(it was applied before); nothing to do", str(review_path))
    if stale:
        raise OcrFixError(stale_message(stale, what), str(review_path))
    if review.sha256 and decoded.sha256 and review.sha256 != decoded.sha256:
        note(f"{text_path} is not the file {review_path} was made for (its sha256 differs), "
              "but every row concerned still matches the text; going on")


def report_left_out(source) -> None:
    """Corrections the output's layout could not hold (one across two lines of an hOCR file, say): named,
    so that a person makes them; the file was written without them."""
    for (start, end, replacement), reason in source.left_out:
        where = source.located(start, end) or f"offset {start}"
        note(f"{source.path}: not written, for a person to make ({where}): "
              f"{source.text[start:end]!r} -> {replacement!r}: {reason}")
