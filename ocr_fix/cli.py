"""The `ocr-fix` command line: thin commands that parse options, call the core, render results.

Errors a user can fix arrive as OcrFixError and are printed as one line, without a traceback.
"""

from __future__ import annotations

import errno
import gc
import sys

import typer

from ocr_fix.commands import check  # noqa: F401  (each import registers its commands)
from ocr_fix.commands import quality  # noqa: F401
from ocr_fix.commands import workflow  # noqa: F401
from ocr_fix.commands import archive  # noqa: F401  (after the others: the help lists commands in this order)
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError
from ocr_fix.pool import GC_THRESHOLDS
from ocr_fix.signals import Terminated, raise_on_termination

__all__ = ["app", "main"]


def main() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    raise_on_termination()
    try:
        app()
    except OcrFixError as exc:
        typer.echo(f"ocr-fix: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("ocr-fix: interrupted", err=True)
        sys.exit(130)
    except Terminated as exc:
        typer.echo("ocr-fix: stopped by a signal", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except MemoryError:
        # an input too large to hold (an OCR file of hundreds of megabytes keeps its XML tree): one line
        typer.echo("ocr-fix: out of memory: the input is too large to hold at once; split it into smaller files",
                   err=True)
        sys.exit(2)
    except OSError as exc:  # writing to standard output on a full disk, and the like: one line, no traceback
        if exc.errno not in _WRITE_FAILURES:
            raise
        _quiet_standard_output()
        reason = exc.strerror or str(exc)
        where = exc.filename or "standard output"
        typer.echo(f"ocr-fix: {where}: cannot write: {reason[:1].lower()}{reason[1:]}", err=True)
        sys.exit(2)
    except SystemExit as exc:
        if _interrupted_in_typer(exc):
            typer.echo("ocr-fix: interrupted", err=True)
        raise


def run() -> None:
    """The `ocr-fix` command: `main`, then out of the process without tearing it down.

    A finished run has written and closed everything it writes; what is left is freeing the hundreds of
    thousands of objects of the dictionaries one by one, which took a tenth of the time of correcting a
    page from the shell. So the streams are flushed and the process ends at once. (`main` itself returns
    normally, for callers in the same process.)"""
    import os

    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            print(exc.code, file=sys.stderr)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader stopped reading, as `main` takes it
    except (OSError, ValueError) as exc:
        print(f"ocr-fix: standard output: cannot write: {exc}", file=sys.stderr)
        code = code or 2
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


# what a write fails with when the disk, the quota or the device gives out: the user's to act on; any
# other OSError that reaches this far is a bug and keeps its traceback
_WRITE_FAILURES = {errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _quiet_standard_output() -> None:
    """Point standard output at /dev/null, so that Python's own flush at exit does not fail on the same
    full disk again and print a second message."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _interrupted_in_typer(exc: SystemExit) -> bool:
    """Whether typer turned a Ctrl-C into this exit: it raises Exit(130) from the KeyboardInterrupt and
    exits without a word, where a user should read why the command stopped. (A command that says so
    itself, like `review`, raises its own Exit inside its handler, without `from`.)"""
    context = exc.__context__
    return exc.code == 130 and context is not None and isinstance(context.__cause__, KeyboardInterrupt)
