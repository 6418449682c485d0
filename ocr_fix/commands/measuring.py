"""Steps the measuring commands (score, eval, quality) share: options checked, texts read, the work
mapped over files here or on a cluster, the report written."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from ocr_fix.commands.app import fail, note


def normalization(fold_case: bool, fold_yo: bool, no_punctuation: bool, whitespace: str):
    from ocr_fix.quality.score import WHITESPACE_MODES, Normalization

    if whitespace not in WHITESPACE_MODES:
        fail(f"unknown --whitespace {whitespace!r} (use {', '.join(WHITESPACE_MODES)})")
    return Normalization(fold_case, fold_yo, no_punctuation, whitespace)


def check_format(format: str, allowed: tuple[str, ...]) -> None:
    if format not in allowed:
        fail(f"unknown format {format!r} (use {', '.join(allowed)})")


def read_text(path: Path, encoding: Optional[str]) -> str:
    """The text to measure, read by the one reader every command uses (ocr_fix.inputs); the encoding
    as given, so that a name it does not know is reported with the file."""
    from ocr_fix.inputs import read_input
    from ocr_fix.options import PassOptions

    return read_input(path, PassOptions(encoding=encoding or None), note=note, hint="").text


def emit(text: str, output: Optional[Path], force: bool) -> None:
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from ocr_fix.inputs import check_target
    from ocr_fix.writing import write_output

    check_target(None, output, force)  # a report, not a text: no input to compare it with
    write_output(output, text)
    note(f"wrote {output}")


@contextmanager
def progress(items: list, label: str):
    """A progress bar on standard error for batches at a terminal; the plain list otherwise."""
    if len(items) < 2 or not sys.stderr.isatty():
        yield items
        return
    with typer.progressbar(items, label=label, file=sys.stderr) as bar:
        yield bar


def visible_or_none(text: str) -> str:
    from ocr_fix.quality.report_html import visible

    return visible(text) if text else "(none)"


def one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


def mapped(function, calls: list, label: str, scheduler: Optional[str], jobs: Optional[int],
            lexicons: tuple[str, ...]):
    """`function(*args)` for each of `calls` (a Path among the args stands for the file's bytes, read
    here as the work goes), in order: here, one after the other as the progress bar goes, or on the Dask
    cluster `scheduler` names. An error is raised where the loop here would have raised it; the notes
    of each result (an encoding detected) are said in order."""
    if scheduler is None:
        def here():
            with progress(calls, label) as batch:
                for args in batch:
                    yield function(*with_bytes(args))
        results = here()
    else:
        from ocr_fix.commands.app import on_cluster
        from ocr_fix.pool import worker_count

        results = on_cluster(scheduler, worker_count(jobs, len(calls)), len(calls), function,
                             (with_bytes(args) for args in calls), lexicons, label)
    for result in results:
        if isinstance(result, BaseException):
            raise result
        for message in result.notes:
            note(message)
        yield result


def with_bytes(args: tuple) -> tuple:
    from ocr_fix.textio import read_bytes

    return tuple(read_bytes(a) if isinstance(a, Path) else a for a in args)
