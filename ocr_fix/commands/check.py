"""`ocr-fix check` and `ocr-fix rules`: detection, reported as a table or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ocr_fix.commands.app import ENCODING_HELP, JOBS_HELP, LEXICON_HELP, app, fail


@app.command()
def check(
    files: List[Path] = typer.Argument(..., help="Text files or folders of .txt files to check "
                                                 "('-' reads standard input)."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help=JOBS_HELP),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when likely errors are found."),
):
    """Report likely OCR errors, each with its position, rule and reason. Exits 1 when it finds any (as
    linters do; --exit-zero turns that off), 2 on bad input."""
    from ocr_fix import batch
    from ocr_fix.api import check_text
    from ocr_fix.commands.progress import section_progress
    from ocr_fix.textio import read_text

    if format not in ("table", "json"):
        fail(f"unknown format {format!r} (use table or json)")
    if jobs is not None and jobs < 0:
        fail("--jobs must be 0 (one per core) or more")
    workers = batch.worker_count(jobs)
    extra = tuple(str(p) for p in lexicon or ())
    results = []
    for path in batch.expand(files):
        decoded = read_text(path, encoding)
        if decoded.detected:
            typer.echo(f"ocr-fix: {path}: read as {decoded.encoding} (detected)", err=True)
        results.append((str(path), check_text(decoded.text, lexicons=extra, jobs=workers,
                                              progress=section_progress(workers))))
    if format == "json":
        payload = [{"file": name, "findings": [f.as_dict() for f in report.findings]} for name, report in results]
        # a list for one file as for several, so that a program reads one shape
        from ocr_fix.jsonout import dumps_indented

        typer.echo(dumps_indented(payload, indent=1))  # json.dumps(payload, ensure_ascii=False, indent=1)
        _exit_for(results, exit_zero)
        return
    from ocr_fix.commands.tables import table

    rows = [
        [name, f"{f.line}:{f.col}", f.text.replace("\r", "").replace("\n", "⏎"), f.rule, f.message]
        for name, report in results for f in report.findings
    ]
    if rows:
        typer.echo(table(rows, headers=["file", "line:col", "text", "rule", "reason"]))
    errors = sum(1 for _, r in results for f in r.findings if f.kind == "error")
    notes = sum(len(r.findings) for _, r in results) - errors
    typer.echo(f"{errors} likely errors, {notes} layout notes in {len(results)} file(s)", err=True)
    _exit_for(results, exit_zero)


def _exit_for(results, exit_zero: bool) -> None:
    """Exit 1 when a file has a likely error (layout notes alone are no failure), so that a script or
    a CI job can stop on a transcription that needs work."""
    if not exit_zero and any(f.kind == "error" for _, report in results for f in report.findings):
        raise typer.Exit(1)


@app.command()
def rules():
    """List the detection rules with one line each."""
    from ocr_fix.commands.tables import table
    from ocr_fix.detect.engine import ORDER
    from ocr_fix.detect.registry import RULES

    typer.echo(table([[rid, RULES[rid].summary] for rid in ORDER], headers=["rule", "what it finds"]))
