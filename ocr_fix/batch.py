"""`fix` over many files: plan where each result goes, correct them (in worker processes with --jobs),
write each result atomically, and report every file, failures included, without stopping the batch.

Workers only read and correct; the main process does all the writing. So Ctrl-C (which the workers
ignore, leaving it to the main process) stops the batch between two atomic writes: no output file is
ever half-written, and the next run picks up where this one stopped, because a file whose output
already exists counts as done (unless --force).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from ocr_fix import work
from ocr_fix.errors import OcrFixError
from ocr_fix.folders import TEXT_SUFFIXES, collect, refuse_non_folder
from ocr_fix.options import PassOptions
from ocr_fix.pool import worker_pool
from ocr_fix.work import FAILED, SKIPPED, BatchFileResult, Outcome, reason
from ocr_fix.work import FIXED, UNCHANGED  # noqa: F401  (a batch's statuses, batch.FIXED as batch.FAILED)


@dataclass(frozen=True)
class Job:
    source: Path
    target: Path  # the output file; the source itself with --in-place


@dataclass(frozen=True)
class Settings:
    """A batch: the correction pass's options (the same value a single file gets) and where results go."""

    options: PassOptions = PassOptions()
    in_place: bool = False
    force: bool = False


# --- planning --------------------------------------------------------------------------------------


def _renamed(relative: Path, to: str | None) -> Path:
    """The output's name under --out-dir: the input's, its suffix changed when --to asks for another format
    (`NAME.hocr` -> `NAME.txt`); a text stays a text."""
    if to is None or relative.suffix.lower() in TEXT_SUFFIXES:
        return relative
    from ocr_fix.ocr_files import SUFFIX_OF_KIND

    suffix = SUFFIX_OF_KIND[to]
    return relative if relative.suffix.lower() == suffix else relative.with_suffix(suffix)


def plan(paths: Iterable[Path], out_dir: Path | None, in_place: bool, to: str | None = None) -> list[Job]:
    """Where each file's result goes; refuses a plan that would overwrite an input or write two
    inputs to one output."""
    if (out_dir is None) == (not in_place):
        raise OcrFixError("give --out-dir OUT (or --in-place to change the files themselves)")
    if out_dir is not None:
        refuse_non_folder(out_dir)
    files = collect(paths, out_dir)
    if in_place:
        return [Job(f, f) for f, _ in files]
    assert out_dir is not None
    jobs: list[Job] = []
    sources = {f.resolve(): f for f, _ in files}
    targets: dict[Path, Path] = {}
    for source, relative in files:
        target = out_dir / _renamed(relative, to)
        key = target.resolve()
        if key in sources:
            raise OcrFixError(f"the output would overwrite the input {sources[key]}; choose another --out-dir "
                              "(or --in-place to change the files themselves)", str(target))
        if key in targets:
            raise OcrFixError(f"two inputs would be written to one output: {targets[key]} and {source}", str(target))
        targets[key] = source
        jobs.append(Job(source, target))
    return jobs


def already_done(job: Job, settings: Settings) -> bool:
    """Whether an earlier run finished this file. With --out-dir: its output exists (written
    atomically, so it is whole). In place: a backup exists and the file differs from it (a run stopped
    between making the backup and replacing the file leaves them equal, and the file is done again)."""
    if settings.force:
        return False
    if not settings.in_place:
        return job.target.exists()
    from ocr_fix.writing import backups

    kept = backups(os.path.realpath(job.source))  # beside a link's target, where write_output keeps them
    try:
        return bool(kept) and kept[-1].read_bytes() != job.source.read_bytes()
    except OSError:
        return False


# --- one file --------------------------------------------------------------------------------------


def read_job(job: Job) -> bytes | BatchFileResult:
    """The bytes of a job's input, or its failed outcome when it cannot be read."""
    from ocr_fix.textio import read_bytes

    try:
        return read_bytes(job.source)
    except OcrFixError as exc:
        return BatchFileResult(Outcome(str(job.source), str(job.target), FAILED, message=reason(exc)))


def correct_file(job: Job, settings: Settings) -> BatchFileResult:
    """Read, correct and render one file (`ocr_fix.work.fix_bytes` of its bytes); every error becomes a
    failed outcome, never an exception, so one bad file does not stop the batch."""

    raw = read_job(job)
    if isinstance(raw, BatchFileResult):
        return raw
    return work.fix_bytes(raw, str(job.source), str(job.target), settings)


def write_result(job: Job, done: BatchFileResult, settings: Settings) -> Outcome:
    """The worker's bytes delivered by the same rules as a single file's (ocr_fix.inputs.deliver)."""
    from ocr_fix.inputs import deliver

    if done.payload is None:
        return done.outcome
    try:
        if settings.in_place:
            deliver(job.source, done.payload, in_place=True)
        else:
            deliver(job.source, done.payload, job.target, force=settings.force, parents=True)
    except OcrFixError as exc:
        return Outcome(done.outcome.source, done.outcome.target, FAILED, encoding=done.outcome.encoding,
                       message=reason(exc))
    except OSError as exc:
        return Outcome(done.outcome.source, done.outcome.target, FAILED, encoding=done.outcome.encoding,
                       message=f"cannot write: {exc.strerror or exc}")
    return done.outcome


# --- the batch -------------------------------------------------------------------------------------

def _work(item: tuple[int, Job, Settings]) -> tuple[int, BatchFileResult]:
    """One file in a worker. The settings travel with each file (a small value): the corrector's
    resources are loaded once per process and cached (ocr_fix.session): a forked worker inherits those
    the main process loaded (`ocr_fix.pool`), a spawned one loads them on its first file."""
    index, job, settings = item
    return index, correct_file(job, settings)


def run(jobs: list[Job], settings: Settings, workers: int = 1,
        report: Callable[[Outcome], None] = lambda outcome: None, scheduler=None) -> list[Outcome]:
    """Fix every job; `report` hears about each file as it finishes. Outcomes come back in job order.
    `scheduler`: run the files on a Dask cluster instead of the local worker pool ("local", an address
    such as tcp://host:8786, or a `distributed.Client`; see `ocr_fix.cluster`), `workers` of them for
    "local"."""
    results: dict[int, Outcome] = {}
    todo = []
    for index, job in enumerate(jobs):
        if already_done(job, settings):
            results[index] = Outcome(str(job.source), str(job.target), SKIPPED,
                                     message="already done; --force does it again")
            report(results[index])
        else:
            todo.append(index)
    if scheduler is not None and todo:  # (nothing left to do: no cluster to start)
        _run_on_cluster(jobs, todo, settings, workers, report, scheduler, results)
        return [results[i] for i in range(len(jobs))]
    if workers <= 1 or len(todo) <= 1:
        for index in todo:
            outcome = write_result(jobs[index], correct_file(jobs[index], settings), settings)
            results[index] = outcome
            report(outcome)
        return [results[i] for i in range(len(jobs))]
    warm_up = partial(work.warm_up, settings.options.lexicons, settings.options.translation)
    with worker_pool(min(workers, len(todo)), warm_up) as pool:
        for index, done in pool.imap_unordered(_work, [(i, jobs[i], settings) for i in todo], chunksize=1):
            outcome = write_result(jobs[index], done, settings)
            results[index] = outcome
            report(outcome)
    return [results[i] for i in range(len(jobs))]


def _run_on_cluster(jobs: list[Job], todo: list[int], settings: Settings, workers: int,
                    report: Callable[[Outcome], None], scheduler, results: dict[int, Outcome]) -> None:
    """The files of `todo` on a Dask cluster: read here, corrected there (`ocr_fix.work.fix_bytes`, the
    function the local pool runs), written here as each comes back."""
    from ocr_fix import cluster

    def calls():
        for index in todo:
            raw = read_job(jobs[index])
            if isinstance(raw, BatchFileResult):  # unreadable: failed here, nothing to send
                results[index] = raw.outcome
                report(raw.outcome)
                continue
            yield index, (raw, str(jobs[index].source), str(jobs[index].target), settings)

    with cluster.connect(scheduler, min(workers, max(len(todo), 1)), settings.options.lexicons,
                         settings.options.translation) as client:
        for index, done in cluster.run_all(client, work.fix_bytes, calls()):
            job = jobs[index]
            if isinstance(done, BaseException):  # a worker lost, or the like: this file failed
                done = BatchFileResult(Outcome(str(job.source), str(job.target), FAILED,
                                         message=f"internal error: {type(done).__name__}: {done}"))
            outcome = write_result(job, done, settings)
            results[index] = outcome
            report(outcome)
