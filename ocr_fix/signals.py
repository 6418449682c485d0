"""How the command line and its worker processes stop when the user (or the system) asks.

Ctrl-C reaches every process of the terminal's foreground group, workers included; they ignore it and
leave it to the main process, which ends them and says "interrupted". SIGTERM (a `kill`, a service
manager, a closed terminal's SIGHUP) reaches the main process only: it becomes an exception there too,
so the worker pools are ended and the temporary files removed on the way out, instead of the main
process dying at once and leaving its workers to fail on the broken pipe to it.
"""

from __future__ import annotations

import os
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
    or renaming it, however the signal falls. The handlers are swapped for one that notes the signal
    (blocking it would not do: with other threads running, as a Dask client's, the system hands a
    process's signal to any thread that does not block it). In the main thread only: elsewhere a
    signal raises nothing anyway."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def note(signum, frame):
        caught.append(signum)

    previous = {number: signal.getsignal(number) for number in _STOPPING}
    for number, handler in previous.items():
        if handler is not signal.SIG_IGN and handler is not None:
            signal.signal(number, note)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)
        if caught:  # delivered now, as it would have been
            number = caught[0]
            handler = previous[number]
            if callable(handler):
                handler(number, None)
            elif handler is signal.SIG_DFL:
                os.kill(os.getpid(), number)
