"""`ocr-fix propose` at work: a review file made for one text, or one for each text of a folder."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ocr_fix.commands.app import fail, note
from ocr_fix.commands.steps import read_source
from ocr_fix.errors import OcrFixError


def new_review(source, options):
    """The review file of the input `source` (ocr_fix.inputs.Input): every proposal of one pass."""
    from ocr_fix.review.reviewfile import from_proposals
    from ocr_fix.work import correct

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


def review_counts(review) -> str:
    from ocr_fix.review.decisions import ACCEPT

    accepted = sum(1 for r in review.rows if r.decision == ACCEPT)
    flags = sum(1 for r in review.rows if r.bin == "flag")
    return (f"{len(review.rows)} proposal(s): {accepted} automatic (pre-accepted), "
            f"{len(review.rows) - accepted - flags} for review, {flags} flag(s)")


def drop_journal(review_path: Path) -> None:
    """A new review file replaces the old one's decisions (--force), those of a killed review too."""
    from ocr_fix.review import journal

    try:
        journal.path_for(review_path).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OcrFixError(f"cannot remove the journal of the review file it replaced ({exc.strerror or exc})",
                          str(journal.path_for(review_path))) from None


def propose_reviews(files: List[Path], out_dir: Optional[Path], output: Optional[Path], format: Optional[str],
                    force: bool, options) -> None:
    """Write the review file of each text: to `output` (or standard output) for one, under `out_dir` for
    several or a folder."""
    from ocr_fix.inputs import check_target, deliver
    from ocr_fix.review.reviewfile import format_of, render, save
    from ocr_fix.writing import is_stream

    if format is not None and format not in ("tsv", "json"):
        fail(f"unknown format {format!r} (use tsv or json)")
    if out_dir is not None or len(files) > 1 or any(str(f) != "-" and f.is_dir() for f in files):
        if output is not None:
            fail("-o names one review file; for a folder or several texts give --out-dir REVIEWS")
        if out_dir is None:
            fail("for a folder or several texts give --out-dir REVIEWS")
        if any(str(f) == "-" for f in files):
            fail("standard input ('-') cannot be part of a folder of reviews")
        from ocr_fix.commands import review_folders

        def make(source: Path):
            return new_review(read_source(source, options), options)

        review_folders.report(review_folders.propose_folder(files, out_dir, format or "tsv", force, make,
                                                            review_counts), "review file")
        return
    file = files[0]
    if output is not None and str(output) != "-" and is_stream(output):
        # a pipe or a device has no extension to go by, and nothing to protect with --force
        source = read_source(file, options)
        review = new_review(source, options)
        deliver(source, render(review, format or "tsv").encode("utf-8"), output, force=force)
        note(f"wrote {output}: {review_counts(review)}")
        return
    if output is not None and str(output) != "-":
        fmt = format_of(output)
        if format is not None and format != fmt:
            fail(f"--format {format} does not match the extension of {output}")
        check_target(None, output, force, " (and may hold decisions)")
    review = new_review(read_source(file, options), options)
    if output is None or str(output) == "-":
        typer.echo(render(review, format or "tsv"), nl=False)
    else:
        save(review, output)
        drop_journal(output)
        note(f"wrote {output}: {review_counts(review)}")
