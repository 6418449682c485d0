"""The shared typer application and the options several commands use."""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Find, propose and review corrections of OCR errors in Russian archival transcripts.")


def _show_version(value: bool) -> None:
    if value:
        from ocr_fix import __version__

        typer.echo(f"ocr-fix {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                          help="Show the version and exit.")) -> None:
    """Find, propose and review corrections of OCR errors in Russian archival transcripts."""

LEXICON_HELP = "An extra word or name list (.txt or .tsv); repeatable."
JOBS_HELP = ("Worker processes: files of a batch, or sections of a large file, at a time "
             "(default: one per core, at most 4; 0: one per core; 1: none).")
PROFILE_HELP = ("An archive profile (ocr-fix profile) to use as evidence: names and words the archive's other files "
                "write, and the misreadings corrected there.")
DECISIONS_HELP = ("Decisions learnt from review files (ocr-fix learn): rejected proposals are not made again in the "
                  "same context, kept words are known, accepted corrections are proposed elsewhere; repeatable.")
ENCODING_HELP = "Input encoding (default: UTF-8, else cp1251/koi8-r detected and reported)."


def note(message: str) -> None:
    """Tell the user something on stderr, where it stays out of the output."""
    typer.echo(f"ocr-fix: {message}", err=True)


def fail(message: str, code: int = 2) -> None:
    """Stop with a one-line error on stderr and a non-zero exit."""
    note(message)
    raise typer.Exit(code)


SCHEDULER_HELP = ("Run the files on a Dask cluster: 'local' starts one on this machine (a worker per core, at most 4, "
                  "or --jobs where the command takes it), tcp://HOST:8786 uses a running scheduler. Needs pip "
                  "install 'ocr-fix[dask]'.")


def need_scheduler(scheduler: str | None) -> None:
    """--scheduler without Dask installed: one line saying what to install, exit 2."""
    if scheduler is None:
        return
    from ocr_fix.cluster import require
    from ocr_fix.errors import OcrFixError

    try:
        require()
    except OcrFixError as exc:
        fail(str(exc))


def on_cluster(scheduler: str, workers: int, files: int, function, calls, lexicons: tuple[str, ...] = (),
               label: str = "files") -> list:
    """`function(*args)` for each of `calls` on the Dask cluster `scheduler` names ('local': `workers` of
    them here), in order, with a progress bar at a terminal fed as files finish; an error comes back as
    a value, for the caller to raise where the loop here would have."""
    import sys

    from ocr_fix import cluster

    with cluster.connect(scheduler, min(workers, max(files, 1)), lexicons) as client:
        if files < 2 or not sys.stderr.isatty():
            return cluster.in_order(client, function, calls)
        with typer.progressbar(length=files, label=label, file=sys.stderr, show_pos=True) as bar:
            return cluster.in_order(client, function, calls, lambda: bar.update(1))
