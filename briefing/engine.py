"""Where per-article analysis runs: in this process, in local worker processes, or on a Dask cluster.

Per-article analysis is a pure function of the article, the codebook, the spaCy model and the tool's code
(:mod:`briefing.article`), so the same function runs on any engine and its results can be cached
(:mod:`briefing.cache`).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from briefing.progress import progress_bar

ENGINES = ("local", "dask")
# Workers start as fresh interpreters: a forked worker would start with a copy of everything the main process
# holds (the corpus, cached results) and copy more of it page by page as Python touches it.
WORKER_START = "spawn"
# A worker is replaced after this many batches: spaCy's string store only grows as a worker parses (about 40 KB
# an article here), so a long-lived worker holds ever more memory; a new one costs a model load (a few seconds).
BATCHES_PER_WORKER = 64


def run_local(work: Callable, batches: Sequence, jobs: int, progress: bool = False) -> Iterator:
    """``work`` over ``batches`` in this process, or over ``jobs`` worker processes, each started fresh (it loads
    the model once) and replaced after :data:`BATCHES_PER_WORKER` batches; each batch's result as soon as it is
    ready, in order, so that it can be cached before the next."""
    if jobs > 1 and len(batches) > 1:
        group = BATCHES_PER_WORKER * jobs
        done = (
            result
            for start in range(0, len(batches), group)
            for result in pool_map(work, batches[start : start + group], jobs)
        )
        yield from progress_bar(done, "analysing", progress, total=len(batches))
        return
    yield from (work(batch) for batch in progress_bar(batches, "analysing", progress))


def pool_map(work: Callable, batches: Sequence, jobs: int) -> Iterator:
    """``work`` over ``batches`` in a new pool of ``jobs`` worker processes, in order. (A pool is replaced as a
    whole: ``max_tasks_per_child`` deadlocks on Python 3.11, CPython issue 115634.)"""
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(WORKER_START)) as pool:
        yield from pool.map(work, batches)


def run_dask(work: Callable, batches: Sequence, jobs: int, scheduler: str | None, shared: dict) -> Iterator:
    """``work`` over ``batches`` on Dask distributed: the cluster at ``scheduler``, or a local one of ``jobs``
    worker processes. ``shared`` arguments (the codebook) are sent to each worker once, not with every batch.

    The workers need the project installed (``pip install -e .``) so that they can import ``briefing``.
    """
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
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
