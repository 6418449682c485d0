"""The `ocr-fix` command line: thin commands that parse options, call the core, render results."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from tabulate import tabulate

from ocr_fix.errors import OcrFixError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find, propose and review corrections of OCR errors in Russian archival transcripts.")

LexiconOption = typer.Option(None, "--lexicon", "-l", help="An extra word or name list (.txt or .tsv); repeatable.")
EncodingOption = typer.Option(None, "--encoding", help="Input encoding (default: UTF-8, else cp1251/koi8-r detected).")


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"ocr-fix: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def check(
    files: List[Path] = typer.Argument(..., help="Text files to check ('-' reads standard input)."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    lexicon: Optional[List[Path]] = LexiconOption,
    encoding: Optional[str] = EncodingOption,
):
    """Report likely OCR errors, each with its position, rule and reason."""
    from ocr_fix.api import check_text
    from ocr_fix.textio import read_text

    if format not in ("table", "json"):
        _fail(f"unknown format {format!r} (use table or json)")
    extra = tuple(str(p) for p in lexicon or ())
    results = []
    for path in files:
        decoded = read_text(path, encoding)
        if decoded.detected:
            typer.echo(f"ocr-fix: {path}: read as {decoded.encoding} (detected)", err=True)
        report = check_text(decoded.text, lexicons=extra)
        results.append((str(path), report))
    if format == "json":
        payload = [
            {"file": name, "findings": [f.as_dict() for f in report.findings]} for name, report in results
        ]
        typer.echo(json.dumps(payload if len(payload) > 1 else payload[0], ensure_ascii=False, indent=1))
        return
    rows = []
    for name, report in results:
        for f in report.findings:
            rows.append([name, f"{f.line}:{f.col}", f.text.replace("\n", "⏎"), f.rule, f.message])
    if rows:
        typer.echo(tabulate(rows, headers=["file", "line:col", "text", "rule", "reason"], tablefmt="simple"))
    errors = sum(1 for _, r in results for f in r.findings if f.kind == "error")
    typer.echo(f"\n{errors} likely errors, {sum(len(r.findings) for _, r in results) - errors} layout notes "
               f"in {len(results)} file(s)", err=True)


@app.command()
def rules():
    """List the detection rules with one line each."""
    from ocr_fix.detect.engine import ORDER
    from ocr_fix.detect.registry import RULES

    typer.echo(tabulate([[rid, RULES[rid].summary] for rid in ORDER], headers=["rule", "what it finds"],
                        tablefmt="simple"))


def main() -> None:
    try:
        app()
    except OcrFixError as exc:
        typer.echo(f"ocr-fix: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("ocr-fix: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
