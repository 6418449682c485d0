"""`propose` and `apply` over folders: a review file for every text of a folder, kept in a folder of
reviews that mirrors it (`scans/box 1/a.txt` -> `reviews/box 1/a.txt.review.tsv`), and the decisions
applied file by file. Each file is done on its own: one that fails is reported and the rest go on; a
review that exists already is kept (it may hold decisions), so a stopped run is resumed by running it
again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import typer

from ocr_fix.errors import OcrFixError

MADE, KEPT, APPLIED, UNCHANGED, NO_REVIEW, FAILED = ("made", "kept (exists; --force makes it again)", "applied",
                                                     "unchanged", "no review", "failed")


@dataclass(frozen=True)
class FileOutcome:
    source: str
    target: str
    status: str
    note: str = ""


def review_path(reviews: Path, relative: Path, fmt: str) -> Path:
    return reviews / f"{relative}.review.{fmt}"


def _reason(exc: OcrFixError) -> str:
    return f"line {exc.line}: {exc.reason}" if exc.line is not None else exc.reason


def propose_folder(files: list[Path], reviews: Path, fmt: str, force: bool,
                   make_review: Callable[[Path], object], counts: Callable[[object], str]) -> list[FileOutcome]:
    """A review file under `reviews` for every text of `files` (folders stand for their .txt files)."""
    from ocr_fix.folders import collect, refuse_non_folder
    from ocr_fix.review.reviewfile import save

    refuse_non_folder(reviews)
    outcomes = []
    for source, relative in collect(files, reviews):
        target = review_path(reviews, relative, fmt)
        if target.exists() and not force:
            outcomes.append(FileOutcome(str(source), str(target), KEPT))
            continue
        try:
            review = make_review(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            save(review, target)
            outcomes.append(FileOutcome(str(source), str(target), MADE, counts(review)))
        except OcrFixError as exc:
            outcomes.append(FileOutcome(str(source), str(target), FAILED, _reason(exc)))
    return outcomes


def apply_folder(texts: Path, reviews: Path, out_dir: Optional[Path], in_place: bool, force: bool,
                 apply_one: Callable[[Path, Path, Optional[Path]], str]) -> list[FileOutcome]:
    """The decisions of each text's review (`reviews/NAME.review.tsv` or `.json`) applied to it, written
    under `out_dir` (or in place); a text without a review is listed and left alone. `apply_one` writes
    through `ocr_fix.inputs.deliver`, making the output's folder."""
    from ocr_fix.folders import collect, refuse_non_folder
    from ocr_fix.inputs import check_target

    if not reviews.is_dir():
        raise OcrFixError("with a folder of texts, REVIEW is the folder of their reviews (propose --out-dir)",
                          str(reviews))
    if (out_dir is None) == (not in_place):
        raise OcrFixError("give --out-dir OUT (or --in-place to change the texts themselves)", str(texts))
    if out_dir is not None:
        refuse_non_folder(out_dir)
    outcomes = []
    for source, relative in collect([texts], out_dir):
        found = [p for p in (review_path(reviews, relative, "tsv"), review_path(reviews, relative, "json"))
                 if p.exists()]
        target = source if in_place else out_dir / relative
        if not found:
            outcomes.append(FileOutcome(str(source), str(target), NO_REVIEW))
            continue
        try:
            if not in_place:
                check_target(source, target, force)  # before reading the review; written by ocr_fix.inputs.deliver
            note = apply_one(source, found[0], None if in_place else target)
            status = UNCHANGED if note.startswith("0 change(s) applied") else APPLIED
            outcomes.append(FileOutcome(str(source), str(target), status, note))
        except OcrFixError as exc:
            outcomes.append(FileOutcome(str(source), str(target), FAILED, _reason(exc)))
    return outcomes


def report(outcomes: list[FileOutcome], what: str) -> None:
    """The summary table, a line of totals, and exit 1 when a file failed."""
    from ocr_fix.commands.tables import fit_line, table

    typer.echo(table([[o.source, o.target, o.status, o.note] for o in outcomes],
                     headers=["file", what, "status", "note"], disable_numparse=True))
    tally: dict[str, int] = {}
    for o in outcomes:
        tally[o.status.split(" (")[0]] = tally.get(o.status.split(" (")[0], 0) + 1
    typer.echo(fit_line(f"{len(outcomes)} file(s): " + ", ".join(f"{n} {s}" for s, n in tally.items())))
    if any(o.status == FAILED for o in outcomes):
        raise typer.Exit(1)
