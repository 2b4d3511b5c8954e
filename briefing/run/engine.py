"""Where per-article analysis runs: in this process, in local worker processes, or on a Dask cluster.

Per-article analysis is a pure function of the article, the codebook, the spaCy model and the tool's code
(:mod:`briefing.run.per_article`), so the same function runs on any engine and its results can be cached
(:mod:`briefing.run.cache`).
"""

from __future__ import annotations

import multiprocessing
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from typing import NamedTuple

from briefing.errors import SchedulerError
from briefing.progress import batch_sizes, progress_bar

ENGINES = ("local", "dask")
# Workers start as fresh interpreters: a forked worker would start with a copy of everything the main process
# holds (the corpus, cached results) and copy more of it page by page as Python touches it.
WORKER_START = "spawn"
DASK_PORT = 8786  # a scheduler's port when its address names none
CONNECT_SECONDS = 5.0  # how long a scheduler may take to answer before the run is refused (Dask waits 30 s)


def run_local(
    work: Callable, batches: Sequence, jobs: int, progress: bool = False, ready: StartedWorkers | None = None
) -> Iterator:
    """``work`` over ``batches`` in this process, or over ``jobs`` worker processes, each started fresh (it loads
    the model once) and kept for the whole run, since ``work`` lets go of what it adds to the model
    (:func:`~briefing.run.columns.analyze_to_columns`); each batch's result as soon as it is ready, in order, so that
    it can be cached before the next.

    Workers started ahead (:func:`started_workers`) take the batches when they are no more than those workers (the
    few new articles of a re-run), at once, so that this process can do other work before it asks for the results;
    otherwise, or when there is nothing to do, they are stopped.
    """
    if ready is not None and ready.takes(batches):
        running = [ready.pool.submit(work, batch) for batch in batches]  # submitted now
        when_all_done(running, ready.stop)
        results = (future.result() for future in running)
        return progress_bar(results, "analysing", progress, sizes=batch_sizes(batches))
    if ready is not None:
        ready.stop()
    sizes = batch_sizes(batches)  # the bar counts articles: each batch done advances it by its articles
    if jobs > 1 and len(batches) > 1:
        return progress_bar(pool_map(work, batches, jobs), "analysing", progress, sizes=sizes)
    return (work(batch) for batch in progress_bar(batches, "analysing", progress, sizes=sizes))


def when_all_done(futures: Sequence[Future], action: Callable[[], object]) -> None:
    """``action`` (stopping the workers) in a thread of its own once every one of ``futures`` is done, not once this
    process asks for their results: at 10,000 articles it first reads back the cached results, for seconds, while an
    idle worker would hold its model (a third of a gigabyte)."""
    remaining, lock = [len(futures)], threading.Lock()

    def one_done(_: Future) -> None:
        with lock:
            remaining[0] -= 1
            last = remaining[0] == 0
        if last:  # not in the executor's own thread, which sets the results and would stop itself
            threading.Thread(target=early, daemon=True).start()

    def early() -> None:
        # an early stop, raced by the executor's own thread as it winds down; the stop that counts is the one
        # :func:`started_workers` makes when its block ends, so a failure here is no failure of the run
        with suppress(Exception):
            action()

    for future in futures:
        future.add_done_callback(one_done)


def pool_map(work: Callable, batches: Sequence, jobs: int) -> Iterator:
    """``work`` over ``batches`` in a new pool of ``jobs`` worker processes, in order."""
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(WORKER_START)) as pool:
        yield from pool.map(work, batches)


class StartedWorkers(NamedTuple):
    """A pool of worker processes started ahead of the work (:func:`started_workers`)."""

    pool: ProcessPoolExecutor
    workers: int
    started: tuple[Future, ...] = ()  # one per worker, done once a worker has started (loaded the model)

    def ready(self) -> int:
        """How many workers have started (not counting one that failed to)."""
        return sum(future.done() and future.exception() is None for future in self.started)

    def takes(self, batches: Sequence) -> bool:
        """Whether these workers take ``batches`` (:func:`run_local`): some, and no more than one each."""
        return 0 < len(batches) <= self.workers

    def stop(self) -> None:
        """Stop the workers at once, whatever they are doing; nothing once the pool was shut down after use."""
        # the executor's own table of processes (None once shut down): before Python 3.14's terminate_workers,
        # it has no public way to stop them
        running = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for worker in running:
            worker.terminate()


@contextmanager
def started_workers(jobs: int, prepare: Callable[[], object]) -> Iterator[StartedWorkers]:
    """``jobs - 1`` worker processes started now, each running ``prepare`` (loading the model) while this process
    does other work (reading the corpus), for :func:`run_local`; one core is left to this process, which the
    workers would otherwise slow down. Stopped at once when no work came (every result was cached)."""
    workers = max(1, jobs - 1)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(WORKER_START), initializer=prepare)
    # workers start on demand: one task each starts them all
    started = StartedWorkers(pool, workers, tuple(pool.submit(int) for _ in range(workers)))
    try:
        yield started
    finally:
        started.stop()


def started_helper(prepare: Callable[[], object]) -> StartedWorkers:
    """One worker process started now, running ``prepare`` (an import) while this process goes on: a helper for one
    task, not a pool (:func:`started_workers` leaves one of ``jobs`` to this process)."""
    return started_workers(2, prepare)


def map_beside(
    function: Callable,
    items: Sequence,
    helpers: StartedWorkers | None = None,
    chunk: int = 64,
    progress: bool = False,
    label: str = "",
) -> list:
    """``function`` over ``items``, in order, in this process and, beside it, in the workers of ``helpers``
    (started ahead and idle meanwhile): this process takes chunks of ``chunk`` items from the front, the workers
    that have started take one from the back whenever fewer than two each are waiting, so that this process never
    waits for a worker still loading the model. (``function`` and the items must pickle.)"""
    chunks = [items[start : start + chunk] for start in range(0, len(items), chunk)]
    done: dict[int, list | Future] = {}

    def steps() -> Iterator:  # one step per item, as its chunk is done
        front, back = 0, len(chunks) - 1
        while front <= back:
            waiting = sum(not result.done() for result in done.values() if isinstance(result, Future))
            if helpers is not None and waiting < 2 * helpers.ready():
                done[back] = helpers.pool.submit(map_chunk, function, chunks[back])
                back -= 1
            else:
                done[front] = map_chunk(function, chunks[front])
                yield from chunks[front]
                front += 1
        for k, result in list(done.items()):
            if isinstance(result, Future):
                done[k] = result.result()
                yield from chunks[k]

    for _ in progress_bar(steps(), label, progress, total=len(items)):
        pass
    return [item for k in range(len(chunks)) for item in done[k]]


def map_chunk(function: Callable, items: Sequence) -> list:
    """``function`` over ``items`` (a worker's task in :func:`map_beside`)."""
    return [function(item) for item in items]


@contextmanager
def in_background(function: Callable, *args, helper: StartedWorkers | None = None) -> Iterator[Callable[[], object]]:
    """``function(*args)`` in a worker process while this one goes on: ``helper``'s, started ahead
    (:func:`started_workers`), or a new one; the block gets the function that waits for its result. The worker is
    stopped as soon as the result is taken, so that what it holds is let go (at 10,000 articles, the distinctive
    terms' half a gigabyte), and when the block ends, at once if it has not finished (the run failed or was
    stopped)."""
    helper = helper or StartedWorkers(ProcessPoolExecutor(1, mp_context=multiprocessing.get_context(WORKER_START)), 1)
    running = helper.pool.submit(function, *args)

    def result():
        try:
            return running.result()
        finally:
            helper.stop()

    try:
        yield result
    finally:
        helper.stop()


def run_dask(work: Callable, batches: Sequence, jobs: int, scheduler: str | None, shared: dict) -> Iterator:
    """``work`` over ``batches`` on Dask distributed: the cluster at ``scheduler``, or a local one of ``jobs``
    worker processes. ``shared`` arguments (the codebook) are sent to each worker once, not with every batch.

    The workers need the project installed (``pip install -e .``) so that they can import ``briefing``.
    """
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        check_scheduler(scheduler)
        client = Client(scheduler, timeout=CONNECT_SECONDS * 2)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        sent = {name: client.scatter(value, broadcast=True) for name, value in shared.items()}
        for future in client.map(work, list(batches), pure=False, **sent):
            yield future.result()  # in order, each as soon as it is done
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def check_scheduler(address: str) -> None:
    """Fail fast, with the reason, when nothing answers at a Dask scheduler's TCP ``address`` (``tcp://host:port``
    or ``host:port``); other transports are left to Dask.

    Raises
    ------
    SchedulerError
    """
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(address if "://" in address else f"tcp://{address}")
        host, port = parts.hostname, parts.port or DASK_PORT
    except ValueError as exc:
        raise SchedulerError(f"{address}: not a scheduler address ({exc}); give tcp://HOST:PORT") from None
    if parts.scheme != "tcp":
        return
    if not host:
        raise SchedulerError(f"{address}: not a scheduler address (no host); give tcp://HOST:PORT")
    try:
        socket.create_connection((host, port), timeout=CONNECT_SECONDS).close()
    except OSError as exc:
        why = exc.strerror or ("no answer" if isinstance(exc, TimeoutError) else type(exc).__name__)
        raise SchedulerError(
            f"{address}: nothing listens at {host}:{port} ({why}); start one with `dask scheduler`, "
            "or leave out the scheduler for a local cluster"
        ) from None
