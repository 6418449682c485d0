"""`ocr-fix check` and `ocr-fix rules`: detection, reported as a table or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ocr_fix.commands.app import (DECISIONS_HELP, ENCODING_HELP, JOBS_HELP, LEXICON_HELP, PROFILE_HELP, SCHEDULER_HELP,
                                  app, fail, need_scheduler, note, on_cluster)


@app.command()
def check(
    files: List[Path] = typer.Argument(..., help="Text files or folders of .txt files to check "
                                                 "('-' reads standard input)."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help=JOBS_HELP),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when likely errors are found."),
    profile: Optional[Path] = typer.Option(None, "--profile", help=PROFILE_HELP),
    decisions: Optional[List[Path]] = typer.Option(None, "--decisions", help=DECISIONS_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
):
    """Report likely OCR errors, each with its position, rule and reason. Exits 1 when it finds any (as
    linters do; --exit-zero turns that off), 2 on bad input."""
    from ocr_fix.inputs import pass_options

    if format not in ("table", "json"):
        fail(f"unknown format {format!r} (use table or json)")
    if jobs is not None and jobs < 0:
        fail("--jobs must be 0 (one per core) or more")
    need_scheduler(scheduler)
    options = pass_options(lexicon, encoding=encoding, jobs=jobs, profile=profile, decisions=decisions)
    results = _checked(files, options, scheduler, json_records=format == "json")
    if format == "json":
        _print_json(results)
    else:
        _print_table(results)
    _exit_for(results, exit_zero)


def _checked(files: List[Path], options, scheduler: Optional[str], json_records: bool = False) -> list:
    """(file name, its check) for each file, in order: here a file at a time, or on the Dask cluster.
    With `json_records`, a plain-text file's findings are also written as the JSON report's records."""
    from ocr_fix import folders
    from ocr_fix.commands.progress import section_progress
    from ocr_fix.textio import read_bytes
    from ocr_fix.work import check_bytes

    workers = options.workers()
    paths = folders.expand(files)
    if scheduler is None:  # here, a file at a time, a large one in `workers` sections at a time
        checked = (check_bytes(read_bytes(path), str(path), options, workers, section_progress(workers), json_records)
                   for path in paths)
    else:  # a file on each worker of the cluster
        checked = on_cluster(scheduler, workers, len(paths), check_bytes,
                              ((read_bytes(path), str(path), options) for path in paths), options.lexicons, "check")
    results = []
    for done in checked:
        if isinstance(done, BaseException):
            raise done
        for message in done.notes:
            note(message)
        results.append((done.name, done))
    return results


def _print_json(results: list) -> None:
    from ocr_fix.jsonout import dumps_indented

    if not any(where is not None for _, done in results for where in done.where):
        for piece in _plain_text_json(results):
            typer.echo(piece, nl=False)
        typer.echo("")
        return
    payload = [{"file": name, "findings": [_finding_dict(f, where) for f, where in zip(done.findings, done.where)]}
               for name, done in results]
    # a list for one file as for several, so that a program reads one shape
    typer.echo(dumps_indented(payload, indent=1))  # json.dumps(payload, ensure_ascii=False, indent=1)


def _plain_text_json(results: list) -> list[str]:
    """The JSON report of files whose findings lie in no OCR file's structure (`where` all None), as
    pieces to write one after the other."""
    from json.encoder import encode_basestring as quoted  # the library's own, in C where it has it

    from ocr_fix.jsonout import finding_records, findings_list

    if not results:
        return ["[]"]
    pieces = ["["]
    for k, (name, done) in enumerate(results):
        # a long file's records were written as its sections came back from the workers
        records = done.json_records if done.json_records is not None else (finding_records(done.findings),)
        pieces.append(f'{"," if k else ""}\n {{\n  "file": {quoted(name)},\n  "findings": ')
        pieces += findings_list(records)
        pieces.append("\n }")
    pieces.append("\n]")
    return pieces


def _print_table(results: list) -> None:
    from ocr_fix.commands.tables import table
    from ocr_fix.display import visible_line

    structured = any(done.kind != "text" for _, done in results)  # OCR files: name the element too
    rows = []
    for name, done in results:
        for f, where in zip(done.findings, done.where):
            row = [name, f"{f.line}:{f.col}", visible_line(f.text), f.rule, f.message]
            if structured:
                row.insert(2, where or "")
            rows.append(row)
    if rows:
        headers = ["file", "line:col", "text", "rule", "reason"]
        if structured:
            headers.insert(2, "where")
        # the columns are text: tabulate need not test each of thousands of cells for a number
        typer.echo(table(rows, headers=headers, disable_numparse=True))
    errors = sum(1 for _, r in results for f in r.findings if f.category == "error")
    notes = sum(len(r.findings) for _, r in results) - errors
    typer.echo(f"{errors} likely errors, {notes} layout notes in {len(results)} file(s)", err=True)


def _finding_dict(finding, where: str | None) -> dict:
    data = finding.as_dict()
    if where is not None:
        data["where"] = where
    return data


def _exit_for(results, exit_zero: bool) -> None:
    """Exit 1 when a file has a likely error (layout notes alone are no failure), so that a script or
    a CI job can stop on a transcription that needs work."""
    if not exit_zero and any(f.category == "error" for _, report in results for f in report.findings):
        raise typer.Exit(1)


@app.command()
def rules():
    """List the detection rules with one line each."""
    from ocr_fix.commands.tables import table
    from ocr_fix.detect.engine import ORDER
    from ocr_fix.detect.registry import RULES

    typer.echo(table([[rid, RULES[rid].summary] for rid in ORDER], headers=["rule", "what it finds"]))
