"""`ocr-fix profile` and `ocr-fix learn`: evidence from a whole archive and from its reviews.

    ocr-fix profile scans/ -o archive.profile            what recurs across the archive
    ocr-fix profile a.profile b.profile -o all.profile   profiles merged (a file in both counts once)
    ocr-fix fix scans/ --out-dir fixed --profile archive.profile
    ocr-fix learn reviews/ -o decisions.tsv              the decisions of review files
    ocr-fix fix scans/ --out-dir fixed --decisions decisions.tsv
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import List, Optional

import typer

from ocr_fix.commands.app import (ENCODING_HELP, JOBS_HELP, LEXICON_HELP, SCHEDULER_HELP, app, fail, need_scheduler, note,
                                  on_cluster)
from ocr_fix.errors import OcrFixError

PROFILE_SUFFIX = ".profile"


def _profile_one(args):
    """One file's record, in a worker: read from its bytes (a pure function of them, the name and the
    settings), or the error that stopped it."""
    from ocr_fix.learning import profile_file

    data, name, options = args
    try:
        return profile_file(data, name, options), None
    except OcrFixError as exc:
        return None, exc.reason


def profile_record(data: bytes, name: str, options):
    """`_profile_one` as a cluster runs it: one call a file, its arguments apart."""
    return _profile_one((data, name, options))


@app.command()
def profile(
    paths: List[Path] = typer.Argument(..., help="The archive: text and OCR files and folders of them (as fix "
                                                 "takes them); .profile files are merged in."),
    output: Path = typer.Option(..., "--output", "-o", help="The profile to write (JSON lines; see the README)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing profile."),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help=JOBS_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
):
    """Record what recurs across an archive: its words and names with the files they occur in, the
    confident corrections fix makes and the misreadings they show, and its word pairs. Use it with
    --profile on check, fix and propose."""
    from ocr_fix.archive.profile import Profile
    from ocr_fix.folders import collect
    from ocr_fix.inputs import pass_options

    if output.exists() and not force:
        fail(f"{output} exists; give --force to overwrite it")
    need_scheduler(scheduler)
    options = pass_options(lexicon, encoding=encoding, jobs=jobs)
    merged = Profile()
    files: list[Path] = []
    for path in paths:
        if path.is_file() and path.suffix == PROFILE_SUFFIX:
            merged.merge(Profile.read(path))
        else:
            files.extend(f for f, _relative in collect([path]) if f.suffix != PROFILE_SUFFIX)
    failed = 0
    if scheduler is None:
        records = _records(files, options)
    else:  # a file on each worker of the cluster; the records come back in the files' order
        records = on_cluster(scheduler, options.workers(), len(files), profile_record,
                             ((path.read_bytes(), str(path), options) for path in files), options.lexicons, "profile")
    for result, path in zip(records, files):
        if isinstance(result, BaseException):  # an error a worker sent back
            raise result
        record, problem = result
        if record is None:
            failed += 1
            note(f"{path}: {problem}; left out of the profile")
        else:
            merged.add(record)
    merged.save(output)
    note(f"wrote {output}: {len(merged.files)} file(s), {len(merged.words)} word(s), "
         f"{len(merged.names)} name(s), {len(merged.misreadings)} misreading(s), "
         f"{len(merged.phrases)} word pair(s)")
    if failed:
        raise typer.Exit(1)


def _records(files: list[Path], options):
    """The files' records in order, `options.workers()` files at a time."""
    work = ((path.read_bytes(), str(path), options) for path in files)
    workers = options.workers(len(files))
    if workers <= 1:
        yield from map(_profile_one, work)
        return
    from ocr_fix.pool import worker_pool
    from ocr_fix.session import resources

    # the dictionaries loaded once, shared by the forked workers; the workers run without the cycle
    # collector, as a long text's sections do (`ocr_fix.api`)
    with worker_pool(workers, partial(resources, options.lexicons), collect_cycles=False) as pool:
        yield from pool.imap(_profile_one, work, chunksize=4)


@app.command()
def learn(
    reviews: List[Path] = typer.Argument(..., help="Review files (.tsv or .json), or folders of them."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="The decisions file to write (TSV); an existing one is added to "
                                               "(a review learnt again replaces its earlier decisions). "
                                               "Default: standard output."),
):
    """Record the decisions of review files (accepted, rejected, edited rows, with the words around
    them) for --decisions on check, fix and propose."""
    from ocr_fix.archive.decisions import read_decisions, render
    from ocr_fix.learning import learn_review

    files: list[Path] = []
    for path in reviews:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith((".review.tsv", ".review.json")))
            if not found:
                fail(f"{path}: no review files (NAME.review.tsv or .json) in this folder")
            files.extend(found)
        else:
            files.append(path)
    learnt = []
    if output is not None and str(output) != "-" and output.exists():
        # a review learnt again replaces what was learnt from it before, so no decision counts twice
        again = {str(path) for path in files}
        learnt.extend(d for d in read_decisions(output) if d.file not in again)
    for path in files:
        learnt.extend(learn_review(path))
    text = render(learnt)
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        counts: dict[str, int] = {}
        for d in learnt:
            counts[d.decision] = counts.get(d.decision, 0) + 1
        note(f"wrote {output}: {len(learnt)} decision(s) "
             f"({', '.join(f'{n} {k}' for k, n in sorted(counts.items())) or 'none'})")
