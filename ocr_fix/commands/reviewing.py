"""`ocr-fix review` at work: the terminal review of one text, or of a folder of texts one by one."""

from __future__ import annotations

from pathlib import Path

import typer

from ocr_fix.commands.app import note
from ocr_fix.commands.proposing import drop_journal, new_review, review_counts
from ocr_fix.commands.steps import check_against, load_review, read_source, shell_word
from ocr_fix.errors import OcrFixError


def review_text(file: Path, review_file: Path, restart: bool, all_rows: bool, options) -> None:
    """Review `file` with its review file (made first when missing), or a folder of texts with the folder
    of their reviews; say how far the review got and how to apply it."""
    from ocr_fix.review import decisions, interactive
    from ocr_fix.review.reviewfile import format_of, save

    if str(file) != "-" and file.is_dir():
        review_folder(file, review_file, restart, all_rows, options)
        return
    format_of(review_file)
    source = read_source(file, options)
    decoded = source.decoded
    if review_file.exists():
        current = load_review(review_file, fold=True)
    else:
        current = new_review(source, options)
        save(current, review_file)
        drop_journal(review_file)  # left by a review of a file since removed
        note(f"wrote {review_file}: {review_counts(current)}")
    check_against(decoded, current, file, review_file, current.rows, "row(s)")
    if not current.rows:
        typer.echo("nothing to review: no proposals")
        return
    if not all_rows and not any(interactive.needs_decision(r) for r in current.rows):
        typer.echo(f"no row needs a decision: all {len(current.rows)} are automatic (pre-accepted); "
                   "--all goes over them")
        return
    session = review_session(decoded.text, current, review_file, restart, all_rows)
    counts = ", ".join(f"{n} {d or 'undecided'}" for d, n in decisions.tally(session.review.rows))
    if session.finished and not session.decided and not restart and session.review is current:
        typer.echo(f"every row of {review_file} has been gone through ({counts}); "
                   "--restart goes over them again")
    elif session.finished:
        typer.echo(f"done: {counts}")
    else:
        typer.echo(f"stopped; run the same command to go on ({counts})")
    typer.echo(f"apply with: ocr-fix apply {shell_word(file)} {shell_word(review_file)} -o OUT")


def review_session(text: str, current, review_file: Path, restart: bool, all_rows: bool):
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
        note(f"interrupted; every decision so far is saved in {review_file}")
        raise typer.Exit(130)
    finally:
        keeper.fold()


def review_folder(texts: Path, reviews: Path, restart: bool, all_rows: bool, options) -> None:
    """`review` over a folder: text by text, in name order, each with its review under `reviews` (made
    first where missing); texts with nothing left to decide are passed over, so running the same
    command again resumes where the user stopped."""
    from ocr_fix.commands.review_folders import review_path
    from ocr_fix.folders import collect
    from ocr_fix.review import interactive
    from ocr_fix.review.reviewfile import save

    if reviews.exists() and not reviews.is_dir():
        raise OcrFixError("with a folder of texts, REVIEW is the folder of their reviews (propose --out-dir)",
                          str(reviews))
    files = collect([texts], reviews)
    for number, (source, relative) in enumerate(files, start=1):
        found = [p for p in (review_path(reviews, relative, "tsv"), review_path(reviews, relative, "json"))
                 if p.exists()]
        read = read_source(source, options)
        decoded = read.decoded
        if found:
            path, current = found[0], load_review(found[0], fold=True)
        else:
            path = review_path(reviews, relative, "tsv")
            current = new_review(read, options)
            path.parent.mkdir(parents=True, exist_ok=True)
            save(current, path)
        check_against(decoded, current, source, path, current.rows, "row(s)")
        waiting = [r for r in current.rows if all_rows or interactive.needs_decision(r)]
        if not restart and not any(interactive.effective_undecided(r) for r in waiting):
            continue  # decided in an earlier run (or nothing to decide)
        typer.echo(f"== {source} ({number} of {len(files)}) ==")
        session = review_session(decoded.text, current, path, restart, all_rows)
        if not session.finished:
            typer.echo(f"stopped at {source}; run the same command to go on")
            return
    typer.echo(f"every text of {texts} has been gone through; apply with: ocr-fix apply {shell_word(texts)} "
               f"{shell_word(reviews)} --out-dir OUT")
