"""`ocr-fix propose`, `review`, `apply`, `diff` and `fix`: from proposals to a corrected file.

    ocr-fix fix FILE --diff                 see what the automatic pass would change
    ocr-fix propose FILE -o FILE.review.tsv every proposal, automatic ones pre-accepted
    ocr-fix review FILE FILE.review.tsv     decide in the terminal (or edit the TSV in a spreadsheet)
    ocr-fix apply FILE FILE.review.tsv -o OUT

The input is never changed unless --in-place is given (then atomically, the text it replaces kept as
FILE.orig, FILE.orig.1, ...), an existing output file is not overwritten without --force (a device or a
pipe is written into, never replaced), and output is written in the input's encoding (a BOM kept)
unless --output-encoding says otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ocr_fix.commands.app import (DECISIONS_HELP, ENCODING_HELP, JOBS_HELP, LEXICON_HELP, PROFILE_HELP, SCHEDULER_HELP,
                                  app, fail, need_scheduler)
from ocr_fix.errors import OcrFixError

JOIN_HYPHENATION_HELP = "Join words hyphenated at line ends (by default they are proposed for review)."
TRANSLATION_HELP = "A translation of the document to read names from (default: the file's own non-Russian lines)."
OUTPUT_ENCODING_HELP = "Encoding of the output (default: the input's, its BOM kept)."
FORCE_HELP = "Overwrite an existing output file."
IN_PLACE_HELP = ("Change FILE itself (atomically), keeping the text it replaces as FILE.orig "
                 "(FILE.orig.1, .2... on later runs).")
TO_HELP = ("For an hOCR, ALTO or PAGE input: write the result as text, hocr, alto or page (default: from the "
           "output's name, .txt text, .hocr/.html hOCR, .xml the input's own format; else the input's format).")
COLOR_HELP = "auto (in a terminal, unless NO_COLOR is set), always or never."


# --- shared steps ----------------------------------------------------------------------------------


def _shell_word(path: Path) -> str:
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


def _note(message: str) -> None:
    typer.echo(f"ocr-fix: {message}", err=True)


def _read(path: Path, options):
    """The input read through the one reader (ocr_fix.inputs); an encoding ocr-fix chose itself is
    always said out loud."""
    from ocr_fix.inputs import read_input

    return read_input(path, options, note=_note)


def _options(lexicon=None, translation: Optional[Path] = None, encoding: Optional[str] = None,
             output_encoding: Optional[str] = None, jobs: Optional[int] = None, join_hyphenation: bool = False,
             to: Optional[str] = None, profile: Optional[Path] = None, decisions=None):
    """The command's options as one checked value (ocr_fix.options), the translation read once."""
    from ocr_fix.options import pass_options

    return pass_options(lexicon, translation, encoding, output_encoding, jobs, join_hyphenation, note=_note, to=to,
                        profile=profile, decisions=decisions)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _color(choice: str) -> bool:
    if choice not in ("auto", "always", "never"):
        fail(f"unknown --color {choice!r} (use auto, always or never)")
    if choice == "auto":
        return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return choice == "always"


WORD_DIFF_HELP = "Without colour, show a changed line once with its changed words as [-old-]{+new+}, as git does."


def _print_diff(old: str, new: str, old_name: str, new_name: str, color: bool, context: int = 3,
                word_diff: bool = False) -> bool:
    from ocr_fix.diffing import unified_diff

    # control characters are shown, not sent, wherever the diff reaches a screen; a diff piped on keeps
    # every byte, so that `patch` applies it
    diff = unified_diff(old, new, old_name, new_name, context=context, color=color,
                        for_terminal=color or _stdout_is_terminal(), word_diff=word_diff)
    if diff:
        typer.echo(diff, nl=False, color=True)  # as it is: click would strip escapes from a piped diff
    return bool(diff)


def _load_review(path: Path, fold: bool = False):
    """The review file with the decisions of a review that was killed before it could fold its journal
    in (see ocr_fix.review.journal): in memory, or with `fold` written into the file."""
    from ocr_fix.review import journal
    from ocr_fix.review.reviewfile import load, save

    review, replayed = journal.replay(path, load(path))
    if replayed and fold:
        save(review, path)
        journal.path_for(path).unlink()
        _note(f"{replayed} decision(s) of an interrupted review recovered from {journal.path_for(path)} into {path}")
    elif replayed:
        _note(f"{replayed} decision(s) of an unfinished review taken from {journal.path_for(path)} "
              f"(`ocr-fix review` folds them into {path})")
    return review


def _check_against(decoded, review, text_path: Path, review_path: Path, rows, what: str) -> None:
    """Refuse a review whose rows no longer match the text; warn when only the hash says it changed."""
    from ocr_fix.review.decisions import already_applied, stale_message, stale_rows

    stale = stale_rows(decoded.text, rows)
    if stale and already_applied(decoded.text, rows):
        raise OcrFixError(f"{text_path} already has the {len(rows)} accepted correction(s) of this review "
                          "(it was applied before); nothing to do", str(review_path))
    if stale:
        raise OcrFixError(stale_message(stale, what), str(review_path))
    if review.sha256 and decoded.sha256 and review.sha256 != decoded.sha256:
        _note(f"{text_path} is not the file {review_path} was made for (its sha256 differs), "
              "but every row concerned still matches the text; going on")


# --- propose ---------------------------------------------------------------------------------------


def _new_review(source, options):
    """The review file of the input `source` (ocr_fix.inputs.Input): every proposal of one pass."""
    from ocr_fix.options import correct
    from ocr_fix.review.reviewfile import from_proposals

    result = correct(source.text, options, readings=source.readings)
    review = from_proposals(str(source.path), source.decoded.sha256, source.decoded.encoding, source.text,
                            result.proposals)
    if source.kind == "text":
        return review
    # an OCR file: each row also names the element it is about (page, line, word), as a column of its own
    from dataclasses import replace

    rows = tuple(replace(row, extra=row.extra + (("where", source.located(row.start, row.end) or ""),))
                 for row in review.rows)
    return replace(review, rows=rows, extra_columns=review.extra_columns + ("where",))


def _review_counts(review) -> str:
    from ocr_fix.review.decisions import ACCEPT

    accepted = sum(1 for r in review.rows if r.decision == ACCEPT)
    flags = sum(1 for r in review.rows if r.bin == "flag")
    return (f"{len(review.rows)} proposal(s): {accepted} automatic (pre-accepted), "
            f"{len(review.rows) - accepted - flags} for review, {flags} flag(s)")


def _drop_journal(review_path: Path) -> None:
    """A new review file replaces the old one's decisions (--force), those of a killed review too."""
    from ocr_fix.review import journal

    try:
        journal.path_for(review_path).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OcrFixError(f"cannot remove the journal of the review file it replaced ({exc.strerror or exc})",
                          str(journal.path_for(review_path))) from None


@app.command()
def propose(
    files: List[Path] = typer.Argument(..., help="The text to correct ('-' reads standard input), or with "
                                                 "--out-dir several texts and folders (their .txt files)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="Write a review file for each text under this "
                                                                   "folder (NAME.review.tsv), mirroring the "
                                                                   "inputs' folders; existing ones are kept."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="The review file to write: .tsv (opens in a spreadsheet) or .json. "
                                               "Default: TSV on standard output."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="tsv or json (default: from the -o extension)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing review file (and its decisions)."),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    translation: Optional[Path] = typer.Option(None, "--translation", help=TRANSLATION_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    join_hyphenation: bool = typer.Option(False, "--join-hyphenation", help=JOIN_HYPHENATION_HELP),
    profile: Optional[Path] = typer.Option(None, "--profile", help=PROFILE_HELP),
    decisions: Optional[List[Path]] = typer.Option(None, "--decisions", help=DECISIONS_HELP),
):
    """Write every proposal to a review file, the automatic ones pre-filled `accept`."""
    from ocr_fix.inputs import check_target, deliver
    from ocr_fix.review.reviewfile import format_of, render, save
    from ocr_fix.writing import is_stream

    if format is not None and format not in ("tsv", "json"):
        fail(f"unknown format {format!r} (use tsv or json)")
    options = _options(lexicon, translation, encoding, join_hyphenation=join_hyphenation, profile=profile,
                       decisions=decisions)
    if out_dir is not None or len(files) > 1 or any(str(f) != "-" and f.is_dir() for f in files):
        if output is not None:
            fail("-o names one review file; for a folder or several texts give --out-dir REVIEWS")
        if out_dir is None:
            fail("for a folder or several texts give --out-dir REVIEWS")
        if any(str(f) == "-" for f in files):
            fail("standard input ('-') cannot be part of a folder of reviews")
        from ocr_fix.commands import review_folders

        def make(source: Path):
            return _new_review(_read(source, options), options)

        review_folders.report(review_folders.propose_folder(files, out_dir, format or "tsv", force, make,
                                                            _review_counts), "review file")
        return
    file = files[0]
    if output is not None and str(output) != "-" and is_stream(output):
        # a pipe or a device has no extension to go by, and nothing to protect with --force
        source = _read(file, options)
        review = _new_review(source, options)
        deliver(source, render(review, format or "tsv").encode("utf-8"), output, force=force)
        _note(f"wrote {output}: {_review_counts(review)}")
        return
    if output is not None and str(output) != "-":
        fmt = format_of(output)
        if format is not None and format != fmt:
            fail(f"--format {format} does not match the extension of {output}")
        check_target(None, output, force, " (and may hold decisions)")
    review = _new_review(_read(file, options), options)
    if output is None or str(output) == "-":
        typer.echo(render(review, format or "tsv"), nl=False)
    else:
        save(review, output)
        _drop_journal(output)
        _note(f"wrote {output}: {_review_counts(review)}")


# --- review ----------------------------------------------------------------------------------------


@app.command()
def review(
    file: Path = typer.Argument(..., help="The text being reviewed (or a folder of texts)."),
    review_file: Path = typer.Argument(..., metavar="REVIEW",
                                       help="Its review file (.tsv or .json); made first if it does not exist. "
                                            "For a folder of texts, the folder of their reviews "
                                            "(propose --out-dir)."),
    restart: bool = typer.Option(False, "--restart", help="Start again from the first row (decisions are kept)."),
    all_rows: bool = typer.Option(False, "--all", help="Show the automatic rows too (by default they stay "
                                                        "pre-accepted and the review shows only the rows that need "
                                                        "a decision)."),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    translation: Optional[Path] = typer.Option(None, "--translation", help=TRANSLATION_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
):
    """Decide on the proposals one at a time in the terminal, starting with the first that needs a
    decision (automatic rows are pre-accepted; --all shows them too); every key is saved at once, and
    the next run resumes where this one stopped."""
    from ocr_fix.review import decisions, interactive
    from ocr_fix.review.reviewfile import format_of, save

    options = _options(lexicon, translation, encoding)
    if str(file) != "-" and file.is_dir():
        _review_folder(file, review_file, restart, all_rows, options)
        return
    format_of(review_file)
    source = _read(file, options)
    decoded = source.decoded
    if review_file.exists():
        current = _load_review(review_file, fold=True)
    else:
        current = _new_review(source, options)
        save(current, review_file)
        _drop_journal(review_file)  # left by a review of a file since removed
        _note(f"wrote {review_file}: {_review_counts(current)}")
    _check_against(decoded, current, file, review_file, current.rows, "row(s)")
    if not current.rows:
        typer.echo("nothing to review: no proposals")
        return
    if not all_rows and not any(interactive.needs_decision(r) for r in current.rows):
        typer.echo(f"no row needs a decision: all {len(current.rows)} are automatic (pre-accepted); "
                   "--all goes over them")
        return
    session = _review_session(decoded.text, current, review_file, restart, all_rows)
    counts = ", ".join(f"{n} {d or 'undecided'}" for d, n in decisions.tally(session.review.rows))
    if session.finished and not session.decided and not restart and session.review is current:
        typer.echo(f"every row of {review_file} has been gone through ({counts}); "
                   "--restart goes over them again")
    elif session.finished:
        typer.echo(f"done: {counts}")
    else:
        typer.echo(f"stopped; run the same command to go on ({counts})")
    typer.echo(f"apply with: ocr-fix apply {_shell_word(file)} {_shell_word(review_file)} -o OUT")


def _review_session(text: str, current, review_file: Path, restart: bool, all_rows: bool):
    """The terminal review of one file; every key goes to a journal beside the review file, folded in
    when the review ends (Ctrl-C included)."""
    from ocr_fix.review import interactive
    from ocr_fix.review.journal import Journal

    keeper = Journal(review_file, current)
    try:
        return interactive.run(text, current, keeper.save, interactive.typer_terminal(), restart=restart,
                               everything=all_rows)
    except KeyboardInterrupt:
        keeper.fold()
        _note(f"interrupted; every decision so far is saved in {review_file}")
        raise typer.Exit(130)
    finally:
        keeper.fold()


def _review_folder(texts: Path, reviews: Path, restart: bool, all_rows: bool, options) -> None:
    """`review` over a folder: text by text, in name order, each with its review under `reviews` (made
    first where missing); texts with nothing left to decide are passed over, so running the same
    command again resumes where the user stopped."""
    from ocr_fix.batch import collect
    from ocr_fix.commands.review_folders import review_path
    from ocr_fix.review import interactive
    from ocr_fix.review.reviewfile import save

    if reviews.exists() and not reviews.is_dir():
        raise OcrFixError("with a folder of texts, REVIEW is the folder of their reviews (propose --out-dir)",
                          str(reviews))
    files = collect([texts], reviews)
    for number, (source, relative) in enumerate(files, start=1):
        found = [p for p in (review_path(reviews, relative, "tsv"), review_path(reviews, relative, "json"))
                 if p.exists()]
        read = _read(source, options)
        decoded = read.decoded
        if found:
            path, current = found[0], _load_review(found[0], fold=True)
        else:
            path = review_path(reviews, relative, "tsv")
            current = _new_review(read, options)
            path.parent.mkdir(parents=True, exist_ok=True)
            save(current, path)
        _check_against(decoded, current, source, path, current.rows, "row(s)")
        waiting = [r for r in current.rows if all_rows or interactive.needs_decision(r)]
        if not restart and not any(interactive.effective_undecided(r) for r in waiting):
            continue  # decided in an earlier run (or nothing to decide)
        typer.echo(f"== {source} ({number} of {len(files)}) ==")
        session = _review_session(decoded.text, current, path, restart, all_rows)
        if not session.finished:
            typer.echo(f"stopped at {source}; run the same command to go on")
            return
    typer.echo(f"every text of {texts} has been gone through; apply with: ocr-fix apply {_shell_word(texts)} "
               f"{_shell_word(reviews)} --out-dir OUT")


# --- apply -----------------------------------------------------------------------------------------


@app.command("apply")
def apply_command(
    file: Path = typer.Argument(..., help="The text the review file was made for (or a folder of texts)."),
    review_file: Path = typer.Argument(..., metavar="REVIEW", help="The review file (.tsv or .json), or for a "
                                                                   "folder of texts the folder of their reviews."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Where to write the corrected text ('-' or nothing: standard output)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="For a folder of texts: write each corrected "
                                                                   "text under this folder."),
    in_place: bool = typer.Option(False, "--in-place", help=IN_PLACE_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    output_encoding: Optional[str] = typer.Option(None, "--output-encoding", help=OUTPUT_ENCODING_HELP),
    to: Optional[str] = typer.Option(None, "--to", help=TO_HELP),
    same_rows_from: Optional[Path] = typer.Option(
        None, "--same-rows-from", metavar="REVIEW",
        help="Take this review file's decisions for the identical rows (same original, proposal, rule and context) "
             "of every review applied, where that review leaves the row as proposed."),
):
    """Apply the accepted, chosen and edited rows of a review file; refuse stale or overlapping rows."""
    options = _options(encoding=encoding, output_encoding=output_encoding, to=to)
    template = None if same_rows_from is None else _load_review(same_rows_from)
    if str(file) != "-" and file.is_dir():
        if output is not None:
            fail("-o names one output file; for a folder of texts give --out-dir OUT (or --in-place)")
        from ocr_fix.commands import review_folders

        def apply_one(source: Path, review: Path, target: Optional[Path]) -> str:
            return _apply_one(source, review, target, target is None, force, options, parents=True, template=template)

        review_folders.report(review_folders.apply_folder(file, review_file, out_dir, in_place, force, apply_one),
                              "output")
        return
    if out_dir is not None:
        fail("--out-dir goes with a folder of texts; for one text give -o OUT")
    _note(_apply_one(file, review_file, output, in_place, force, options, template=template))


def _apply_one(file: Path, review_file: Path, output: Optional[Path], in_place: bool, force: bool, options,
               parents: bool = False, template=None) -> str:
    from ocr_fix.inputs import deliver_text
    from ocr_fix.review.decisions import apply_review, chosen

    source = _read(file, options)
    decoded = source.decoded
    current = _load_review(review_file)
    if template is not None:
        from ocr_fix.review.decisions import same_rows

        current = same_rows(current, template)
    _check_against(decoded, current, file, review_file, [r for r in current.rows if chosen(r) is not None],
                   "accepted row(s)")
    result = apply_review(decoded.text, current, str(review_file), stale_checked=True)
    edits = [(c.start, c.end, c.replacement) for c in result.changes]
    where = deliver_text(source, result.text, options, output, in_place, force, edits, parents)
    _report_left_out(source)
    return result.summary() + (f"; {where}" if where else "")


# --- diff ------------------------------------------------------------------------------------------


def _is_review(path: Path) -> bool:
    return path.suffix.lower() in (".tsv", ".json")


@app.command()
def diff(
    file: Path = typer.Argument(..., help="The original text."),
    other: Path = typer.Argument(..., help="A review file (.tsv/.json: its accepted rows) or a corrected text."),
    color: str = typer.Option("auto", "--color", help=COLOR_HELP),
    context: int = typer.Option(3, "--context", "-U", help="Lines of context around each change."),
    word_diff: bool = typer.Option(False, "--word-diff", help=WORD_DIFF_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
):
    """Show the changes as a unified diff, the changed words highlighted in a terminal."""
    from ocr_fix.review.decisions import apply_review, chosen

    paint = _color(color)
    options = _options(encoding=encoding)
    decoded = _read(file, options).decoded
    if _is_review(other):
        current = _load_review(other)
        _check_against(decoded, current, file, other, [r for r in current.rows if chosen(r) is not None],
                       "accepted row(s)")
        new = apply_review(decoded.text, current, str(other), stale_checked=True).text
        new_name = f"{file}\t(with the accepted rows of {other})"
    else:
        new = _read(other, options).text
        new_name = str(other)
    if not _print_diff(decoded.text, new, str(file), new_name, paint, context, word_diff):
        _note("no differences")


# --- fix -------------------------------------------------------------------------------------------


def _fix_one(file: Path, output: Optional[Path], in_place: bool, show_diff: bool, force: bool, options, color: str,
             word_diff: bool = False) -> None:
    from ocr_fix.commands.progress import section_progress
    from ocr_fix.inputs import applied_edits, check_in_place, check_target, deliver_text
    from ocr_fix.options import correct
    from ocr_fix.proposal import FLAG

    paint = _color(color)
    if output is not None and not in_place:
        check_target(file, output, force)  # before the (slow) correction rather than after it
    source = _read(file, options)
    if in_place:
        check_in_place(file, output)  # before the correction too
    workers = options.workers()
    result = correct(source.text, options, workers, section_progress(workers), readings=source.readings)
    if show_diff:
        _print_diff(source.text, result.text, str(file), f"{file}\t(fixed)", paint, word_diff=word_diff)
    where = None
    if in_place or output is not None or not show_diff:
        where = deliver_text(source, result.text, options, output, in_place, force, applied_edits(result.proposals))
        _report_left_out(source)
    applied = len(result.applied)
    flags = sum(1 for p in result.proposals if p.bin == FLAG)
    left = len(result.proposals) - applied - flags
    hint = ""
    if (left or flags) and str(file) == "-":
        hint = "; to review them, save the text to a file FILE and run: ocr-fix review FILE FILE.review.tsv"
    elif left or flags:
        review_name = _shell_word(Path(f"{file}.review.tsv"))
        hint = f"; review them with: ocr-fix review {_shell_word(file)} {review_name} (it makes the review file first)"
    _note(f"{applied} correction(s) applied, {left} proposal(s) left for review, {flags} flag(s){hint}"
          + (f"; {where}" if where else ""))


def _report_left_out(source) -> None:
    """Corrections the output's layout could not hold (one across two lines of an hOCR file, say): named,
    so that a person makes them; the file was written without them."""
    for (start, end, replacement), reason in source.left_out:
        where = source.located(start, end) or f"offset {start}"
        _note(f"{source.path}: not written, for a person to make ({where}): "
              f"{source.text[start:end]!r} -> {replacement!r}: {reason}")


def _fix_batch(files: List[Path], out_dir: Optional[Path], in_place: bool, force: bool, options,
               scheduler: Optional[str] = None) -> None:
    from ocr_fix.commands.tables import fit_line, table

    from ocr_fix import batch

    plan = batch.plan(files, out_dir, in_place, options.to)
    settings = batch.Settings(options, in_place, force)
    workers = options.workers()
    bar = None
    use_bar = sys.stderr.isatty() and len(plan) > 1

    def report(outcome: batch.Outcome) -> None:
        if outcome.status == batch.FAILED:
            prefix = "\r\x1b[K" if bar is not None else ""
            typer.echo(f"{prefix}ocr-fix: {outcome.source}: {outcome.message}", err=True)
        elif "(detected)" in outcome.encoding:
            prefix = "\r\x1b[K" if bar is not None else ""
            typer.echo(f"{prefix}ocr-fix: {outcome.source}: read as {outcome.encoding}", err=True)
        if bar is not None:
            bar.update(1)

    try:
        if use_bar:
            with typer.progressbar(length=len(plan), label="fixing", file=sys.stderr, show_pos=True) as progress:
                bar = progress
                outcomes = batch.run(plan, settings, workers, report, scheduler)
        else:
            outcomes = batch.run(plan, settings, workers, report, scheduler)
    except KeyboardInterrupt:
        _note("interrupted; the files finished so far are written whole; run the same command to go on")
        raise typer.Exit(130)
    rows = [[o.source, o.target if not in_place else "(in place)", o.status, o.applied, o.review, o.flags,
             o.encoding, o.message] for o in outcomes]
    typer.echo(table(rows, headers=["file", "output", "status", "fixed", "to review", "flags", "encoding", "note"],
                     disable_numparse=True))
    by_status = {s: sum(1 for o in outcomes if o.status == s) for s in (batch.FIXED, batch.UNCHANGED, batch.SKIPPED,
                                                                       batch.FAILED)}
    typer.echo(fit_line(f"{len(outcomes)} file(s): " + ", ".join(f"{n} {s}" for s, n in by_status.items())
                        + f"; {sum(o.applied for o in outcomes)} correction(s) applied, "
                        f"{sum(o.review for o in outcomes)} proposal(s) left for review"))
    if by_status[batch.FAILED]:
        raise typer.Exit(1)


@app.command()
def fix(
    files: List[Path] = typer.Argument(..., help="A text file ('-' reads standard input), or with --out-dir "
                                                 "or --in-place several files and folders (their .txt files)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Where to write the corrected text ('-' or nothing: standard output)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="Write each corrected file under this folder."),
    in_place: bool = typer.Option(False, "--in-place", help=IN_PLACE_HELP),
    show_diff: bool = typer.Option(False, "--diff", help="Print the changes as a unified diff (instead of the text, "
                                                        "unless -o or --in-place says where the text goes)."),
    force: bool = typer.Option(False, "--force",
                               help="Overwrite existing outputs; in a batch, redo files already done."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help=JOBS_HELP),
    color: str = typer.Option("auto", "--color", help=COLOR_HELP),
    word_diff: bool = typer.Option(False, "--word-diff", help=WORD_DIFF_HELP),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    translation: Optional[Path] = typer.Option(None, "--translation", help=TRANSLATION_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    output_encoding: Optional[str] = typer.Option(None, "--output-encoding", help=OUTPUT_ENCODING_HELP),
    join_hyphenation: bool = typer.Option(False, "--join-hyphenation", help=JOIN_HYPHENATION_HELP),
    to: Optional[str] = typer.Option(None, "--to", help=TO_HELP),
    profile: Optional[Path] = typer.Option(None, "--profile", help=PROFILE_HELP),
    decisions: Optional[List[Path]] = typer.Option(None, "--decisions", help=DECISIONS_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
):
    """Apply the automatic corrections in one pass. FILE is never changed unless --in-place is given."""
    if jobs is not None and jobs < 0:
        fail("--jobs must be 0 (one per core) or more")
    need_scheduler(scheduler)
    options = _options(lexicon, translation, encoding, output_encoding, jobs, join_hyphenation, to, profile, decisions)
    batch_mode = out_dir is not None or len(files) > 1 or any(f.is_dir() for f in files)
    if batch_mode:
        if output is not None:
            fail("-o names one output file; for a folder or several files give --out-dir (or --in-place)")
        if show_diff:
            fail("--diff works on one file at a time")
        if out_dir is not None and in_place:
            fail("give either --out-dir or --in-place, not both")
        if out_dir is None and not in_place:
            fail("for a folder or several files give --out-dir OUT (or --in-place)")
        if any(str(f) == "-" for f in files):
            fail("standard input ('-') cannot be part of a batch")
        _fix_batch(files, out_dir, in_place, force, options, scheduler)
        return
    if scheduler is not None:
        fail("--scheduler runs a batch: give --out-dir OUT (or --in-place)")
    _fix_one(files[0], output, in_place, show_diff, force, options, color, word_diff)
