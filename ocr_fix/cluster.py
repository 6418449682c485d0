"""Running a batch on a Dask cluster (`--scheduler`): the per-file functions of `ocr_fix.work` on the
cluster's workers, the files' bytes sent from here and the results brought back here.

    with connect("local", workers=2) as client:          # a LocalCluster on this machine
        for key, result in run_all(client, fix_bytes, calls):
            ...                                         # as each file finishes

    connect("tcp://host:8786")                          # a scheduler already running

Only this process reads the inputs and writes the outputs (so Ctrl-C leaves no half-written file, and
the workers need not see the files: they get bytes and send bytes back). A worker loads the
dictionaries once: the `WarmUp` plugin makes it load them as it joins, and they stay loaded for the
worker's life (`ocr_fix.session.resources` is cached per process), so its files find them ready.

Dask is an optional extra (`pip install 'ocr-fix[dask]'`); nothing here is imported without
`--scheduler`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ocr_fix.errors import OcrFixError

INSTALL = "pip install 'ocr-fix[dask]'"
LOCAL = "local"
PLUGIN_NAME = "ocr-fix-warm-up"
# files in flight per worker: enough to keep a worker busy while its last result travels back, few
# enough that a large archive is not all in memory at once
IN_FLIGHT_PER_WORKER = 4


def available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def require(option: str = "--scheduler") -> None:
    """A one-line error (exit 2) saying what to install when Dask is missing."""
    if not available():
        raise OcrFixError(f"{option} runs the batch on Dask, which is not installed; install it with: {INSTALL}")


try:  # the plugin's base class, where Dask is installed; the module imports without it
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - exercised where Dask is missing
    _PluginBase = object


class WarmUp(_PluginBase):
    """Loads the corrector's dictionaries on a worker as it joins the cluster (and on every worker there
    already), once: a worker process keeps them for its life. It also gives the worker the collector
    settings of the command line (`ocr_fix.pool.GC_THRESHOLDS`), which the dictionaries' millions of
    objects make worth having."""

    def __init__(self, lexicons: tuple[str, ...] = (), translation: str | None = None):
        self.lexicons = tuple(lexicons)
        self.translation = translation

    def setup(self, worker=None) -> None:
        import gc

        from ocr_fix.pool import GC_THRESHOLDS
        from ocr_fix.work import warm_up

        gc.set_threshold(*GC_THRESHOLDS)
        warm_up(self.lexicons, self.translation)


def loads() -> int:
    """How many times this process has loaded a set of dictionaries (`ocr_fix.session`): on a warmed
    worker of a batch, 1 however many files it did. Run on every worker with `client.run(loads)`."""
    from ocr_fix.session import _resources

    return _resources.cache_info().misses


def _register(client, plugin) -> None:
    register = getattr(client, "register_plugin", None)
    if register is not None:
        register(plugin, name=PLUGIN_NAME)
    else:  # Dask before 2023.9
        client.register_worker_plugin(plugin, name=PLUGIN_NAME)


@contextmanager
def _workers_leave_ctrl_c_to_us():
    """Ctrl-C reaches every process of the terminal's group, a LocalCluster's workers too, which would
    each print a traceback: they are started ignoring it (a disposition a new process keeps), and this
    process, which stops the cluster on its way out, handles it as the local pool's does."""
    import signal

    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to hand down
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def connect(scheduler, workers: int = 1, lexicons: tuple[str, ...] = (), translation: str | None = None,
            timeout: str = "20s"):
    """A client of the cluster `scheduler` names, its workers warmed: "local" starts a LocalCluster of
    `workers` single-threaded worker processes here (closed at the end), an address such as
    tcp://host:8786 connects to a running scheduler, and a `distributed.Client` is used as it is (and
    left open: it is the caller's)."""
    require()
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        _register(scheduler, WarmUp(lexicons, translation))
        yield scheduler
        return
    cluster = client = None
    try:
        if scheduler == LOCAL:
            with _workers_leave_ctrl_c_to_us():
                # dashboard_address ":0": any free port (None still takes 8787 when free, and warns
                # when another cluster has it). Logs below CRITICAL are Dask's own: a worker whose
                # heartbeat meets the scheduler already closed by Ctrl-C logs an error with a traceback,
                # while every error of ocr-fix's work comes back as a row and is reported by it
                cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=logging.CRITICAL)
            client = Client(cluster)
        else:
            try:
                client = Client(scheduler, timeout=timeout)
            except (OSError, ValueError, TypeError) as exc:
                raise OcrFixError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); give its address as "
                                  "tcp://HOST:PORT, or 'local' for a cluster on this machine") from None
        _register(client, WarmUp(lexicons, translation))
        yield client
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


@dataclass(frozen=True)
class Raised:
    """An OcrFixError raised on a worker, brought back as a value (and raised again here)."""

    reason: str
    path: str | None = None
    line: int | None = None

    def error(self) -> OcrFixError:
        return OcrFixError(self.reason, self.path, self.line)


def _call(function: Callable, *args):
    """`function(*args)` on a worker; an OcrFixError comes back as a value, its fields whole."""
    try:
        return function(*args)
    except OcrFixError as exc:
        return Raised(exc.reason, exc.path, exc.line)


def worker_count(client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def run_all(client, function: Callable, calls: Iterable[tuple[object, tuple]]) -> Iterator[tuple[object, object]]:
    """`function(*args)` for each `(key, args)` of `calls` on the cluster, yielding `(key, result)` as
    each finishes. `calls` is read as the work goes (a few files per worker in flight), so a large
    archive is never all in memory. A result is what the function returned, or the exception it raised
    (an OcrFixError as itself, anything else, such as a worker lost, as it came)."""
    from distributed import as_completed

    window = IN_FLIGHT_PER_WORKER * worker_count(client)
    pending = iter(calls)
    keys: dict = {}
    finished = as_completed()

    def submit_next() -> bool:
        for key, args in pending:
            future = client.submit(_call, function, *args, pure=False)
            keys[future.key] = key
            finished.add(future)
            return True
        return False

    for _ in range(window):
        if not submit_next():
            break
    for future in finished:
        key = keys.pop(future.key)
        try:
            result = future.result()
        except Exception as exc:  # the worker's exception, or the cluster's (a worker lost)
            result = exc
        future.release()
        if isinstance(result, Raised):
            result = result.error()
        submit_next()
        yield key, result


def in_order(client, function: Callable, calls: Iterable[tuple], progress: Callable[[], None] = lambda: None
             ) -> list:
    """`function(*args)` for each of `calls` on the cluster, the results in the order of `calls` (an
    error as a value, see `run_all`, for the caller to raise where a loop over the files here would
    have raised it); `progress()` hears of each as it finishes."""
    results: dict[int, object] = {}
    for index, result in run_all(client, function, enumerate(calls)):
        results[index] = result
        progress()
    return [results[i] for i in range(len(results))]


__all__ = ["INSTALL", "LOCAL", "Raised", "WarmUp", "available", "connect", "in_order", "loads", "require",
           "run_all", "worker_count"]
