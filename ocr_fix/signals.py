"""How the command line and its worker processes stop when the user (or the system) asks.

Ctrl-C reaches every process of the terminal's foreground group, workers included; they ignore it and
leave it to the main process, which ends them and says "interrupted". SIGTERM (a `kill`, a service
manager, a closed terminal's SIGHUP) reaches the main process only: it becomes an exception there too,
so the worker pools are ended and the temporary files removed on the way out, instead of the main
process dying at once and leaving its workers to fail on the broken pipe to it.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised where the main process was; like KeyboardInterrupt, not an Exception, so
    no `except Exception` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # what a shell reports for a process the signal ended


def _raise_terminated(signum, frame):
    raise Terminated(signum)


def raise_on_termination() -> None:
    """In the main process: SIGTERM and SIGHUP raise Terminated."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _raise_terminated)


def leave_signals_to_main_process() -> None:
    """In a worker: Ctrl-C is the main process's to handle, and the SIGTERM that ends a pool ends the
    worker at once (a forked worker would otherwise inherit the main process's handler)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)


_STOPPING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def held_signals():
    """Ctrl-C, SIGTERM and SIGHUP held back while the block runs, and delivered as it ends: an atomic write
    (a temporary file made, filled and renamed) is never cut between making its temporary and removing
    or renaming it, however the signal falls. In the main thread only (elsewhere signals are not raised
    anyway), and where the system can hold them."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
