"""What need not run again: per-article results and each file's reading and cleaning, kept on disk.

Per-article analysis is a pure function of the article, the codebook, the spaCy model and the tool's code, and a
file's reading and cleaning of its bytes, its manifest row and the loading options. Each is kept under a key made of
all its inputs (:class:`DiskCache`), so that a re-run after adding ten articles reads and analyses ten, and a change
to any input or to the code never serves an old result.
"""

from __future__ import annotations

import ast
import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from pathlib import Path

from briefing.paths import PACKAGE_DIR, PROJECT_ROOT

DEFAULT_CACHE = PROJECT_ROOT / ".cache" / "briefing"
CACHE_VARIABLE = "BRIEFING_CACHE"  # an environment variable naming another cache folder
# The libraries whose version can change a result: a new version is a new key.
ARTICLE_LIBRARIES = ("spacy", "textblob")
FILE_LIBRARIES = ("trafilatura", "datasketch")
# The starting modules of the code each section of the cache depends on (:func:`code_fingerprint`).
FINGERPRINTED = ("results", "corpus", "terms", "report/figures", "export")


def imported_names(tree: ast.Module) -> Iterator[str]:
    """Every module name a source file imports when it runs: imports made for type checkers alone
    (under ``if TYPE_CHECKING:``) are skipped, as they run no code."""
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            pending += node.orelse
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        pending += ast.iter_child_nodes(node)


def analysis_modules(start: str = "results") -> list[Path]:
    """The package's source files that ``briefing.<start>`` runs: that module and every module of the package it
    imports, directly or not (read from their import statements, so the list is the same in every process,
    whatever else that process imported). For per-article analysis and the columns it is kept as (``results``),
    the code that loads and cleans articles is not among them: a document enters the cache key as data."""
    found: set[Path] = set()
    queue = [PACKAGE_DIR / f"{start}.py"]
    while queue:
        path = queue.pop()
        if path in found or not path.is_file():
            continue
        found.add(path)
        queue += package_imports(path)
    return sorted(found)


@cache
def package_imports(path: Path) -> tuple[Path, ...]:
    """The files of the package that the source file ``path`` may import (each module as a file and as a
    folder's ``__init__.py``): parsed once per process, however many fingerprints read it."""
    files: list[Path] = []
    for name in imported_names(ast.parse(path.read_text(encoding="utf-8"))):
        if name == "briefing" or not name.startswith("briefing."):
            continue
        relative = Path(*name.split(".")[1:])
        files += [PACKAGE_DIR / relative.with_suffix(".py"), PACKAGE_DIR / relative / "__init__.py"]
    return tuple(files)


@lru_cache(maxsize=4)
def code_fingerprint(start: str = "results") -> str:
    """SHA-256 of the code ``briefing.<start>`` runs and of the package's data files: a change to either changes
    every key that depends on it, and a change to the report alone (how results are shown) reuses them."""
    digest = hashlib.sha256()
    data = [path for path in sorted((PACKAGE_DIR / "data").rglob("*")) if path.is_file()]
    for path in [*analysis_modules(start), *data]:
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def package_digest() -> str:
    """SHA-256 of every source and data file of the package: the key under which a cache keeps the
    fingerprints (:func:`code_fingerprint`) of that code, which take a tenth of a second to compute again."""
    digest = hashlib.sha256()
    for path in sorted(path for path in PACKAGE_DIR.rglob("*") if path.is_file() and "__pycache__" not in path.parts):
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


class DiskCache:
    """Values on disk, each filed under the SHA-256 of ``context`` (what every value depends on besides its own
    key: the code, the codebook, the model) and of its own key.

    Values are pickles the tool wrote itself into the user's own folder; one that cannot be read is treated as
    missing and written again. Writes are atomic, so runs may share a cache.
    """

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.context = context
        self.reused = 0
        self.stored = 0

    def path(self, key: object) -> Path:
        digest = hashlib.sha256((self.context + repr(key)).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.pkl"

    def get(self, key: object, count: bool = True):
        """The value under ``key``, or None; ``count`` it as reused (not when this run stored it)."""
        return self.read(self.path(key), count)

    def put(self, key: object, value: object) -> None:
        self.write(self.path(key), value)

    def read(self, path: Path, count: bool = True):
        """The value at ``path`` (a key's :meth:`path`, for callers that keep it: a key can be a whole article,
        long to hash twice), or None."""
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)  # written by this tool, in the user's own cache folder
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        self.reused += count
        return value

    def write(self, path: Path, value: object) -> None:
        """Store ``value`` at ``path`` (a key's :meth:`path`)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # whole or not at all, also when runs share the cache
        self.stored += 1

    def get_or_compute(self, key: object, compute: Callable[[], object]):
        """The value under ``key``, computed and stored when missing."""
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

    def size(self) -> tuple[int, int]:
        """Values held and bytes used."""
        files = list(self.folder.rglob("*.pkl")) if self.folder.is_dir() else []
        return len(files), sum(f.stat().st_size for f in files)


class ResultCache(DiskCache):
    """Per-article results, keyed by the document (id, text, kept lines, title, date), the codebook, the model
    and the code of per-article analysis; with each file's reading and cleaning in :attr:`files`, keyed by the
    file's bytes, its manifest row, the loading options and the code of loading; in :attr:`corpus` the
    distinctive terms (TF-IDF), keyed by every article's text, and the terms of each text of the last run; in
    :attr:`charts` the briefing's charts, keyed by every table of the analysis; and in :attr:`exports` the
    exported tables' rows as CSV, in runs of articles, keyed by those rows."""

    def __init__(self, folder: Path, codebook: object, spacy_model: str) -> None:
        from importlib import metadata

        code = DiskCache(folder / "code", "").get_or_compute(
            package_digest(), lambda: {start: code_fingerprint(start) for start in FINGERPRINTED}
        )
        context = "\n".join(
            [code["results"], repr(codebook), spacy_model, model_version(spacy_model)]
            + [metadata.version(library) for library in ARTICLE_LIBRARIES]
        )
        super().__init__(folder / "articles", hashlib.sha256(context.encode()).hexdigest())
        self.root = folder
        loading = "\n".join([code["corpus"]] + [metadata.version(library) for library in FILE_LIBRARIES])
        self.files = DiskCache(folder / "files", hashlib.sha256(loading.encode()).hexdigest())
        terms = "\n".join([code["terms"], metadata.version("scikit-learn")])
        self.corpus = DiskCache(folder / "corpus", hashlib.sha256(terms.encode()).hexdigest())
        drawing = "\n".join([code["report/figures"], metadata.version("matplotlib")])
        self.charts = DiskCache(folder / "charts", hashlib.sha256(drawing.encode()).hexdigest())
        exporting = "\n".join([code["export"], metadata.version("pandas")])
        self.exports = DiskCache(folder / "exports", hashlib.sha256(exporting.encode()).hexdigest())

    def summary(self) -> str:
        count, size = DiskCache(self.root, "").size()
        return (
            f"cache {self.root}: {self.reused:,} article results reused, {self.stored:,} new; "
            f"{self.files.reused:,} files' reading and cleaning reused, {self.files.stored:,} new; "
            f"{count:,} entries, {size / 1_048_576:.1f} MiB in all"
        )
