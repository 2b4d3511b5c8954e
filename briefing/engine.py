"""Where per-article analysis runs, and what it need not run again.

Per-article analysis is a pure function of the article, the codebook, the spaCy model and the tool's code. So its
results can be computed in this process, in local worker processes, or on a Dask cluster (``--engine dask``), and
kept on disk (:class:`ResultCache`) under a key made of all four, so that a re-run after adding ten articles
analyses ten, and a change to any input or to the code never serves an old result.
"""

from __future__ import annotations

import ast
import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from briefing.paths import PACKAGE_DIR, PROJECT_ROOT
from briefing.progress import progress_bar

ENGINES = ("local", "dask")
DEFAULT_CACHE = PROJECT_ROOT / ".cache" / "briefing"
CACHE_VARIABLE = "BRIEFING_CACHE"  # an environment variable naming another cache folder


def analysis_modules(start: str = "pipeline") -> list[Path]:
    """The package's source files that per-article analysis runs: ``briefing.pipeline`` and every module of the
    package it imports, directly or not (read from their import statements, so the list is the same in every
    process, whatever else that process imported)."""
    found: set[Path] = set()
    queue = [PACKAGE_DIR / f"{start}.py"]
    while queue:
        path = queue.pop()
        if path in found or not path.is_file():
            continue
        found.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                if name == "briefing" or not name.startswith("briefing."):
                    continue
                relative = Path(*name.split(".")[1:])
                queue += [PACKAGE_DIR / relative.with_suffix(".py"), PACKAGE_DIR / relative / "__init__.py"]
    return sorted(found)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 of the code per-article analysis runs and of the package's data files: a change to either changes
    every cache key, and a change to the report alone (how results are shown) reuses them."""
    digest = hashlib.sha256()
    data = [path for path in sorted((PACKAGE_DIR / "data").rglob("*")) if path.is_file()]
    for path in [*analysis_modules(), *data]:
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def model_version(name: str) -> str:
    """The installed version of the spaCy model package ``name`` (a folder's config for a model on disk)."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        config = Path(name) / "config.cfg"
        return hashlib.sha256(config.read_bytes()).hexdigest() if config.is_file() else ""


def cache_folder() -> Path:
    """The cache's folder: ``$BRIEFING_CACHE`` if set, else ``.cache/briefing`` in the project."""
    return Path(os.environ.get(CACHE_VARIABLE) or DEFAULT_CACHE)


def clear_cache(folder: Path | None = None) -> None:
    """Remove every cached result (``--no-cache``, ``make clean``)."""
    shutil.rmtree(folder or cache_folder(), ignore_errors=True)


class ResultCache:
    """Per-article results on disk, keyed by the article, the codebook, the model and the tool's code.

    Results are pickles the tool wrote itself into the user's own folder; a file that cannot be read is treated as
    missing and written again.
    """

    def __init__(self, folder: Path, codebook: object, spacy_model: str) -> None:
        import spacy

        self.folder = folder
        self.context = hashlib.sha256(
            "\n".join(
                [code_fingerprint(), repr(codebook), spacy_model, model_version(spacy_model), spacy.__version__]
            ).encode()
        ).hexdigest()
        self.reused = 0
        self.stored = 0

    def path(self, document: object) -> Path:
        key = hashlib.sha256((self.context + repr(document)).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, document: object):
        try:
            with self.path(document).open("rb") as handle:
                result = pickle.load(handle)  # written by this tool, in the user's own cache folder
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        self.reused += 1
        return result

    def put(self, document: object, result: object) -> None:
        path = self.path(document)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # whole or not at all, also when runs share the cache
        self.stored += 1

    def size(self) -> tuple[int, int]:
        """Results held and bytes used."""
        files = list(self.folder.rglob("*.pkl")) if self.folder.is_dir() else []
        return len(files), sum(f.stat().st_size for f in files)

    def summary(self) -> str:
        count, size = self.size()
        return (
            f"cache {self.folder}: {self.reused:,} results reused, {self.stored:,} new; "
            f"{count:,} results, {size / 1_048_576:.1f} MiB in all"
        )


def run_local(work: Callable, batches: Sequence, jobs: int, progress: bool = False) -> Iterator:
    """``work`` over ``batches`` in this process, or over ``jobs`` worker processes (each loads the model once);
    each batch's result as soon as it is ready, in order, so that it can be cached before the next."""
    if jobs > 1 and len(batches) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from progress_bar(pool.map(work, batches), "analysing", progress, total=len(batches))
        return
    yield from (work(batch) for batch in progress_bar(batches, "analysing", progress))


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
