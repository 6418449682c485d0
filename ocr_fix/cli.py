"""The `ocr-fix` command line: thin commands that parse options, call the core, render results.

Errors a user can fix arrive as OcrFixError and are printed as one line, without a traceback.
"""

from __future__ import annotations

import gc
import sys

import typer

from ocr_fix.commands import check  # noqa: F401  (each import registers its commands)
from ocr_fix.commands import quality  # noqa: F401
from ocr_fix.commands import workflow  # noqa: F401
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError

__all__ = ["app", "main"]


# The dictionaries and caches hold millions of objects that never form reference cycles; with the
# default thresholds Python's collector walks them over and over (a seventh of the time of `fix` on
# a large text). Collecting young objects less often keeps that to a few tenths of a second.
GC_THRESHOLDS = (100_000, 50, 100)


def main() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
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
