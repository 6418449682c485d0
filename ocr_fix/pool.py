"""Worker processes on this machine, for the files of a batch (`ocr_fix.batch`), the sections of one
long text (`ocr_fix.api`) and the files of an archive's profile (`ocr-fix profile`): one place for how
many workers, how they start, what they load first and how they stop.

    with worker_pool(worker_count(jobs, len(work)), warm_up=load_dictionaries) as pool:
        results = list(pool.imap(function, work, chunksize=1))

- how many: `worker_count` (`--jobs`, the cores, the pieces of work);
- how they start: forked where the system can fork (in milliseconds, sharing what this process has
  loaded), else spawned (Windows, macOS by default: the same, only slower);
- what they load first: `warm_up()` runs here before a fork, so every worker shares the dictionaries
  this process loaded instead of each loading its own copy (a spawned worker loads them on its first
  piece of work), and what it loaded is frozen out of the collector's walks, so the pages stay shared;
- how they stop: each worker leaves Ctrl-C and SIGTERM to this process (`ocr_fix.signals`), and the
  pool is ended when the block ends, however it ends (an interrupt, an error, or the work done).

The local processes only; a Dask cluster's workers are `ocr_fix.cluster`'s.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# The dictionaries and caches hold millions of objects that never form reference cycles; with the
# default thresholds Python's collector walks them over and over (a seventh of the time of `fix` on
# a large text). Collecting young objects less often keeps that to a few tenths of a second. The
# command line sets them (`ocr_fix.cli`), and so does a Dask worker as it joins (`ocr_fix.cluster`).
GC_THRESHOLDS = (100_000, 50, 100)

# Without --jobs, at most this many workers: each holds a few hundred MB of its own.
DEFAULT_WORKERS = 4


def worker_count(requested: int | None, work: int | None = None) -> int:
    """--jobs 0 means one worker per core; no --jobs, one per core up to DEFAULT_WORKERS. Never more than
    the cores (a worker more than the cores only waits, holding its few hundred MB) nor than the pieces of
    `work` there are (files, or sections of a file), when that is known."""
    cores = _usable_cores()
    if requested is None:
        count = min(cores, DEFAULT_WORKERS)
    else:
        count = min(requested, cores) if requested > 0 else cores
    if work is not None:
        count = min(count, work)
    return max(count, 1)


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1  # a container or taskset may give this process fewer
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def start_method() -> str:
    """fork where the system has it, else spawn."""
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _start_worker(collect_cycles: bool, initializer: Callable | None, initargs: tuple) -> None:
    from ocr_fix.signals import leave_signals_to_main_process

    if not collect_cycles:
        gc.disable()
    leave_signals_to_main_process()
    if initializer is not None:
        initializer(*initargs)


@contextmanager
def worker_pool(workers: int, warm_up: Callable[[], object] | None = None, initializer: Callable | None = None,
                initargs: tuple = (), tasks_per_worker: int | None = None,
                collect_cycles: bool = True) -> Iterator:
    """A `multiprocessing` pool of `workers` processes for the block, ended as the block ends.
    `warm_up()`: what to load before forking (see the module's notes). `initializer(*initargs)`: run in
    each worker as it starts. `tasks_per_worker`: a worker hands over to a fresh one after so many pieces
    of work (None: never). `collect_cycles=False`: the workers run without the cycle collector, for work
    whose objects hold no reference cycles (reference counting frees all of it, and the collector only
    walks it again and again)."""
    import multiprocessing

    context = multiprocessing.get_context(start_method())
    forked = context.get_start_method() == "fork"
    if forked and warm_up is not None:
        warm_up()
    if forked:
        gc.freeze()  # what is loaded now stays untouched by the collector, so the workers share its pages
    try:
        with context.Pool(workers, initializer=_start_worker, initargs=(collect_cycles, initializer, initargs),
                          maxtasksperchild=tasks_per_worker) as pool:
            yield pool
    finally:
        if forked:
            gc.unfreeze()
