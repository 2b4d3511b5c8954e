"""What need not run again: per-article results and each file's reading and cleaning, kept on disk.

Per-article analysis is a pure function of the article, the codebook, the spaCy model and the tool's code, and a
file's reading and cleaning of its bytes, its manifest row and the loading options. Each is kept under a key made of
all its inputs (:class:`DiskCache`), so that a re-run after adding ten articles reads and analyses ten, and a change
to any input or to the code never serves an old result.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import logging
import os
import re
import socket
import tempfile
import time
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path, PurePath
from typing import NamedTuple

from briefing.errors import CacheError, CacheNotCleared, shown_path
from briefing.outputs import pid_alive
from briefing.paths import PACKAGE_DIR, PROJECT_ROOT, display_path

DEFAULT_CACHE = PROJECT_ROOT / ".cache" / "briefing"
CACHE_VARIABLE = "BRIEFING_CACHE"  # an environment variable naming another cache folder
# The libraries whose version can change a result: a new version is a new key.
ARTICLE_LIBRARIES = ("spacy", "textblob", "scikit-learn", "numpy")  # the last two: the stance model's hashing and sums
FILE_LIBRARIES = ("trafilatura", "datasketch")
# The sections of the cache whose keys hold the code they depend on: each is declared by the module that starts
# that code, as ``CACHE_SECTION = "<section>"`` (:func:`section_modules`), so that moving a module needs no edit here.
FINGERPRINTED = ("articles", "files", "terms", "charts", "exports")


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


def declared_section(tree: ast.Module) -> str | None:
    """The cache section a source file declares it starts (``CACHE_SECTION = "articles"``), if any."""
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(target, "id", None) for target in node.targets] == ["CACHE_SECTION"]
            and isinstance(node.value, ast.Constant)
        ):
            return node.value.value
    return None


def section_modules() -> dict[str, Path]:
    """Each cache section's starting module, found by its declaration (:func:`declared_section`)."""
    return sections_declared_in(PACKAGE_DIR)


@cache
def sections_declared_in(package: Path) -> dict[str, Path]:
    """:func:`section_modules` of the package at ``package``: its files parsed once per process, not once for
    each section's fingerprint."""
    found: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        section = declared_section(ast.parse(path.read_text(encoding="utf-8")))
        if section is not None:
            if section in found:
                raise RuntimeError(f"{path}: cache section {section!r} is declared again (first by {found[section]})")
            found[section] = path
    missing = set(FINGERPRINTED) - set(found)
    if missing:
        raise RuntimeError(f"no module declares the cache sections {', '.join(sorted(missing))}")
    return found


def analysis_modules(section: str = "articles") -> list[Path]:
    """The package's source files that the code of a cache ``section`` runs: the module that declares it and every
    module of the package it imports, directly or not (read from their import statements, so the list is the same
    in every process, whatever else that process imported). For per-article analysis and the columns it is kept as
    (``articles``), the code that loads and cleans articles is not among them: a document enters the key as data."""
    found: set[Path] = set()
    queue = [section_modules()[section]]
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
    folder's ``__init__.py``, and the ``__init__.py`` of the packages above it): parsed once per process, however
    many fingerprints read it."""
    files: list[Path] = []
    for name in imported_names(ast.parse(path.read_text(encoding="utf-8"))):
        if name == "briefing" or not name.startswith("briefing."):
            continue
        parts = name.split(".")[1:]
        relative = Path(*parts)
        files += [PACKAGE_DIR / relative.with_suffix(".py"), PACKAGE_DIR / relative / "__init__.py"]
        files += [PACKAGE_DIR / Path(*parts[:depth]) / "__init__.py" for depth in range(1, len(parts))]  # parents run
    return tuple(files)


@lru_cache(maxsize=8)
def code_fingerprint(section: str = "articles") -> str:
    """SHA-256 of the code a cache ``section`` runs and of the package's data files: a change to either changes
    every key that depends on it, and a change to the report alone (how results are shown) reuses them."""
    digest = hashlib.sha256()
    data = [path for path in sorted((PACKAGE_DIR / "data").rglob("*")) if path.is_file()]
    for path in [*analysis_modules(section), *data]:
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


# The cache's layout, which is all it may delete: <section>/<two hex digits>/<SHA-256 in hex><suffix>, beside the
# marker that says the folder is a cache (the Cache Directory Tagging convention, which backup tools honour).
SECTIONS = ("code", "articles", "files", "corpus", "charts", "exports")
ENTRY_SUFFIX = ".entry"
# an entry (.pkl: an earlier version's), or an unfinished write: its writer's machine and process, or an earlier
# version's (tmp….tmp, of no known writer)
UNFINISHED = re.compile(r"[0-9a-f]{64}\.entry\.(?P<host>.+)-(?P<pid>\d+)-\w*\.tmp|tmp\w+\.tmp")
ENTRY_NAME = re.compile(rf"[0-9a-f]{{64}}(?:\.entry|\.pkl)|{UNFINISHED.pattern}")
MARKER = "CACHEDIR.TAG"
MARKER_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
MARKER_TEXT = (
    f"{MARKER_SIGNATURE}\n# The cache of the news-coverage briefing tool (python -m briefing). --no-cache deletes\n"
    "# only the entries of its own layout here; the folder can be deleted whole without losing anything.\n"
)
ORPHAN_SECONDS = 24 * 3600  # an unfinished write older than this is a killed run's, whichever machine wrote it
HOST = socket.gethostname().replace(".", "_").replace("/", "_") or "host"
log = logging.getLogger(__name__)


def owned(relative: PurePath, folder: bool) -> bool:
    """True for a path (relative to the cache folder) of the cache's own layout: a section or a sub-folder of one
    (a ``folder``), an entry or an unfinished write in a sub-folder, or the marker."""
    parts = relative.parts
    if len(parts) not in ((1, 2) if folder else (3,)):
        return not folder and relative.as_posix() == MARKER
    if parts[0] not in SECTIONS or (len(parts) > 1 and not re.fullmatch(r"[0-9a-f]{2}", parts[1])):
        return False
    return folder or (ENTRY_NAME.fullmatch(parts[2]) is not None and parts[2].startswith((parts[1], "tmp")))


class Found(NamedTuple):
    """A file or folder under a cache folder (:func:`layout`)."""

    path: Path
    mine: bool  # of the cache's layout
    folder: bool
    entry: os.DirEntry


def layout(root: Path, relative: PurePath = PurePath(".")) -> Iterator[Found]:  # noqa: B008 (immutable)
    """Every file and folder under the cache folder ``root``, deepest first, each with whether it is of the cache's
    layout (:func:`owned`). A folder that is not is not entered; a symbolic link is never followed, nor the cache's.

    Raises
    ------
    OSError
        When a folder cannot be listed.
    """
    with os.scandir(root / relative) as listing:
        entries = list(listing)
    for entry in entries:
        inside = relative / entry.name
        folder = entry.is_dir(follow_symlinks=False)
        mine = not entry.is_symlink() and owned(inside, folder) and (folder or entry.is_file(follow_symlinks=False))
        if folder and mine:
            yield from layout(root, inside)
        yield Found(Path(entry.path), mine, folder, entry)


def marked(folder: Path) -> bool:
    """True when ``folder`` holds the marker this tool writes into its cache folders."""
    try:
        with (folder / MARKER).open(encoding="utf-8", errors="replace") as handle:
            return handle.readline().rstrip("\n") == MARKER_SIGNATURE
    except OSError:
        return False


def claim(folder: Path) -> None:
    """Make ``folder`` the cache's: a new or empty folder, or one holding only the cache's layout (an earlier
    version's, without the marker), gets the marker; a folder that holds anything else is refused.

    Raises
    ------
    CacheError
        When the folder holds files this tool did not write, or cannot be made.
    """
    if marked(folder):
        return
    shown = shown_path(display_path(folder))
    try:
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():  # a link to a folder is that folder (a cache kept on another disk)
                raise CacheError(
                    f"{shown}: the cache folder is not a folder; set {CACHE_VARIABLE} to a new or empty folder"
                )
            stranger = next((found.path for found in layout(folder) if not found.mine), None)
            if stranger is not None:
                raise CacheError(
                    f"{shown}: not a briefing cache (it holds {stranger.relative_to(folder).as_posix()} and no "
                    f"{MARKER} of this tool); set {CACHE_VARIABLE} to a new or empty folder"
                )
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / MARKER, MARKER_TEXT.encode())
    except OSError as exc:
        raise CacheError(f"{shown}: cannot be used as the cache ({exc.strerror or exc})") from None


def sweep(folder: Path) -> int:
    """Remove the unfinished writes that killed runs left in the cache ``folder`` (:func:`abandoned`); how many."""
    now, removed = time.time(), 0
    with contextlib.suppress(OSError):
        for found in layout(folder):
            if found.mine and not found.folder and found.path.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if abandoned(found.path.name, now - found.entry.stat(follow_symlinks=False).st_mtime):
                        found.path.unlink()
                        removed += 1
    return removed


def clear_cache(folder: Path | None = None) -> int:
    """Delete every entry of the cache in ``folder`` (``--no-cache``): only what the tool can show it wrote, the
    files and folders of its layout in a folder that holds its marker, and the folder once nothing else is left.

    Returns
    -------
    int
        How many files and folders were left because they are not the cache's.

    Raises
    ------
    CacheError
        When ``folder`` is not a cache (nothing is deleted), or an entry cannot be deleted (a read-only cache,
        whose entries would otherwise be reused).
    """
    folder = folder or cache_folder()
    if not (folder.exists() or folder.is_symlink()):
        return 0
    claim(folder)  # refuses a folder that is not a cache, before anything is deleted
    kept = 0
    try:
        for found in layout(folder):
            if not found.mine:
                kept += 1
            elif found.folder:
                with contextlib.suppress(OSError):
                    found.path.rmdir()  # one that holds what is not the cache's stays
            elif found.path.name != MARKER:
                found.path.unlink(missing_ok=True)  # another run sharing the cache may have replaced it
        if not kept and not folder.is_symlink() and [path.name for path in folder.iterdir()] == [MARKER]:
            (folder / MARKER).unlink()
            folder.rmdir()
    except OSError as exc:
        raise CacheNotCleared(
            f"{shown_path(display_path(folder))}: cannot clear the cache ({exc.strerror or exc})"
        ) from None
    return kept


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, also when runs share the folder: into a file named after
    ``path``, this machine and this process (:func:`sweep` removes those a killed run left), then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f"{path.name}.{HOST}-{os.getpid()}-", suffix=".tmp", delete=False
    ) as handle:
        try:
            handle.write(data)
            handle.close()
            os.replace(handle.name, path)
        except BaseException:
            handle.close()
            with contextlib.suppress(OSError):
                os.unlink(handle.name)
            raise


def abandoned(name: str, age: float) -> bool:
    """True for an unfinished write (its file ``name``, ``age`` seconds old) whose writer is gone: a process of this
    machine that has ended, or any writer a day later."""
    match = UNFINISHED.fullmatch(name)
    if match is None:
        return False
    return age > ORPHAN_SECONDS or (match["host"] == HOST and not pid_alive(int(match["pid"])))


class DiskCache:
    """Values on disk, each filed under the SHA-256 of ``context`` (what every value depends on besides its own
    key: the code, the codebook, the model) and of its own key.

    Entries are written in a format that cannot run code when read and carries the digest of its key and of its
    contents (:mod:`briefing.run.cache_format`); an entry that is not what was stored under its key (moved, cut short,
    damaged, of another type) is a miss, counted in :attr:`rejected`, logged once, and written again by the caller.
    Writes are atomic, so runs may share a cache; a value the format cannot hold is not stored (logged once).
    """

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.context = context
        self.reused = 0
        self.stored = 0
        self.rejected = 0
        self.unwritten = 0

    def path(self, key: object) -> Path:
        digest = hashlib.sha256((self.context + repr(key)).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest}{ENTRY_SUFFIX}"

    def get(self, key: object, kind: type = object, count: bool = True):
        """The value under ``key`` if it is a ``kind``, or None; ``count`` it as reused (not when this run stored
        it)."""
        return self.read(self.path(key), kind, count)

    def put(self, key: object, value: object) -> bool:
        return self.write(self.path(key), value)

    def read(self, path: Path, kind: type = object, count: bool = True):
        """The value at ``path`` (a key's :meth:`path`, for callers that keep it: a key can be a whole article,
        long to hash twice) if it is a ``kind``, or None."""
        from briefing.run import cache_format  # numpy and pandas: not for a command that only clears the cache

        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            value = cache_format.decode(data, bytes.fromhex(path.name[:64]))
            if not isinstance(value, kind):
                raise cache_format.BadEntry(f"holds a {type(value).__name__}, not a {kind.__name__}")
        except cache_format.BadEntry as exc:
            self.rejected += 1
            warn_once("rejected", f"cache entry {path} {exc}; computed again (the run counts any others)")
            return None
        self.reused += count
        return value

    def write(self, path: Path, value: object) -> bool:
        """Store ``value`` at ``path`` (a key's :meth:`path`); False when it cannot be stored (a value the format
        does not hold, a cache that cannot be written), which a run survives: the value is computed again next
        time."""
        from briefing.run import cache_format

        try:
            data = cache_format.encode(value, bytes.fromhex(path.name[:64]))
        except TypeError as exc:
            warn_once("unheld", f"a value of {display_path(path.parent.parent)} {exc}; not cached")
            return False
        try:
            write_atomically(path, data)
        except OSError as exc:
            self.unwritten += 1
            why = exc.strerror or exc
            warn_once("unwritten", f"cannot write the cache entry {path} ({why}); not cached (the run counts others)")
            return False
        self.stored += 1
        return True

    def size(self) -> tuple[int, int]:
        """Entries held and bytes used (unfinished writes included); files removed meanwhile by another run are
        not counted."""
        count = size = 0
        for parent, _, names in os.walk(self.folder):  # a folder that cannot be listed, or is gone, is skipped
            for name in names:
                if ENTRY_NAME.fullmatch(name):
                    with contextlib.suppress(OSError):
                        size += os.lstat(os.path.join(parent, name)).st_size
                        count += name.endswith(ENTRY_SUFFIX)
        return count, size


_WARNED: set[str] = set()


def warn_once(kind: str, message: str) -> None:
    """Log ``message`` if it is the first of its ``kind`` in this process: one damaged entry is news, the next
    thousand are a count (:meth:`ResultCache.summary`)."""
    if kind not in _WARNED:
        _WARNED.add(kind)
        log.warning(message)


class ResultCache(DiskCache):
    """Per-article results, keyed by the document (id, text, kept lines, title, date), the codebook, the model
    and the code of per-article analysis; with each file's reading and cleaning in :attr:`files`, keyed by the
    file's bytes, its manifest row, the loading options and the code of loading; in :attr:`corpus` the
    distinctive terms (TF-IDF), keyed by every article's text, and the terms of each text of the last run; in
    :attr:`charts` the briefing's charts, keyed by every table of the analysis; and in :attr:`exports` the
    exported tables' rows as CSV, in runs of articles, keyed by those rows."""

    def __init__(self, folder: Path, codebook: object, spacy_model: str) -> None:
        from importlib import metadata

        claim(folder)
        self.swept = sweep(folder)
        code = DiskCache(folder / "code", "")
        fingerprints = code.get(package_digest(), dict)
        if fingerprints is None or sorted(fingerprints) != sorted(FINGERPRINTED):
            fingerprints = {section: code_fingerprint(section) for section in FINGERPRINTED}
            code.put(package_digest(), fingerprints)
        context = "\n".join(
            [fingerprints["articles"], repr(codebook), spacy_model, model_version(spacy_model)]
            + [metadata.version(library) for library in ARTICLE_LIBRARIES]
        )
        super().__init__(folder / "articles", hashlib.sha256(context.encode()).hexdigest())
        self.root = folder
        loading = "\n".join([fingerprints["files"]] + [metadata.version(library) for library in FILE_LIBRARIES])
        self.files = DiskCache(folder / "files", hashlib.sha256(loading.encode()).hexdigest())
        terms = "\n".join([fingerprints["terms"], metadata.version("scikit-learn")])
        self.corpus = DiskCache(folder / "corpus", hashlib.sha256(terms.encode()).hexdigest())
        drawing = "\n".join([fingerprints["charts"], metadata.version("matplotlib")])
        self.charts = DiskCache(folder / "charts", hashlib.sha256(drawing.encode()).hexdigest())
        exporting = "\n".join([fingerprints["exports"], metadata.version("pandas")])
        self.exports = DiskCache(folder / "exports", hashlib.sha256(exporting.encode()).hexdigest())
        self.sections = (code, self, self.files, self.corpus, self.charts, self.exports)

    def summary(self) -> str:
        """One line on what this run reused and stored, what it refused and removed, and the cache's size."""
        count, size = DiskCache(self.root, "").size()
        rejected = sum(section.rejected for section in self.sections)
        unwritten = sum(section.unwritten for section in self.sections)
        repaired = [
            f"damaged or misplaced entries computed again: {rejected:,}" if rejected else "",
            f"values not cached, the cache could not be written: {unwritten:,}" if unwritten else "",
            f"unfinished writes of killed runs removed: {self.swept:,}" if self.swept else "",
        ]
        return (
            f"cache {display_path(self.root)}: {self.reused:,} article results reused, {self.stored:,} new; "
            f"{self.files.reused:,} files' reading and cleaning reused, {self.files.stored:,} new; "
            + "".join(f"{note}; " for note in repaired if note)
            + f"{count:,} entries, {size / 1_048_576:.1f} MiB in all"
        )
