"""`ocr-fix fix` at work: the automatic corrections of one file, or of a batch of files with a table of outcomes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ocr_fix.commands.app import note
from ocr_fix.commands.steps import print_diff, read_source, report_left_out, shell_word, use_color


def fix_one(file: Path, output: Optional[Path], in_place: bool, show_diff: bool, force: bool, options, color: str,
            word_diff: bool = False) -> None:
    from ocr_fix.commands.progress import section_progress
    from ocr_fix.inputs import applied_edits, check_in_place, check_target, deliver_text
    from ocr_fix.proposal import FLAG
    from ocr_fix.work import correct

    paint = use_color(color)
    if output is not None and not in_place:
        check_target(file, output, force)  # before the (slow) correction rather than after it
    source = read_source(file, options)
    if in_place:
        check_in_place(file, output)  # before the correction too
    workers = options.workers()
    result = correct(source.text, options, workers, section_progress(workers), readings=source.readings)
    if show_diff:
        print_diff(source.text, result.text, str(file), f"{file}\t(fixed)", paint, word_diff=word_diff)
    where = None
    if in_place or output is not None or not show_diff:
        where = deliver_text(source, result.text, options, output, in_place, force, applied_edits(result.proposals))
        report_left_out(source)
    applied = len(result.applied)
    flags = sum(1 for p in result.proposals if p.bin == FLAG)
    left = len(result.proposals) - applied - flags
    hint = ""
    if (left or flags) and str(file) == "-":
        hint = "; to review them, save the text to a file FILE and run: ocr-fix review FILE FILE.review.tsv"
    elif left or flags:
        review_name = shell_word(Path(f"{file}.review.tsv"))
        hint = f"; review them with: ocr-fix review {shell_word(file)} {review_name} (it makes the review file first)"
    note(f"{applied} correction(s) applied, {left} proposal(s) left for review, {flags} flag(s){hint}"
          + (f"; {where}" if where else ""))


def fix_batch(files: List[Path], out_dir: Optional[Path], in_place: bool, force: bool, options,
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
        note("interrupted; the files finished so far are written whole; run the same command to go on")
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
