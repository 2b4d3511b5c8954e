"""Replacing outputs safely: one run at a time per output, whole or not at all, never inside the corpus, never
through a link or over what is not a file.

A render writes everything into a staging folder beside its outputs, then :func:`commit` moves the new files and
folders into place, keeping the old ones until every move has succeeded and putting them back if one fails. An
export folder is replaced as a whole, so it never mixes files of two runs. :func:`locked` refuses a second run to
the same output while the first is running, and clears what a killed run left behind, first putting back the old
outputs a run killed in the middle of its moves had set aside (:func:`recover`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from briefing.errors import ParameterError, RenderError, shown_path

EXPORT_MARK = "# Exported tables"  # the first line of the README.md every export folder holds
EXPORT_SUFFIXES = {".csv", ".parquet", ".png", ".md"}
LEFTOVER_PREFIX = "."  # staging and lock files are hidden, beside the output they are for
LOCK_WRITE_SECONDS = 10  # an empty lock younger than this is a run that has not yet written its process id
REPLACED = ".replaced"  # in a staging folder: the old outputs, set aside while the new ones are moved in
COMMITTED = ".committed"  # the same folder once every new output is in place: what it holds is replaced


def check_apart(output: Path, corpus: Path, what: str = "output") -> None:
    """Refuse an output inside the corpus (the next run would read it as articles) or holding the corpus (replacing
    it would delete the articles).

    Raises
    ------
    ParameterError
    """
    output, corpus = output.resolve(), corpus.resolve()
    if output.is_relative_to(corpus):
        raise ParameterError(
            f"{shown_path(output)}: the {what} would be written into the corpus folder {shown_path(corpus)}"
        )
    if corpus.is_relative_to(output):
        raise ParameterError(
            f"{shown_path(output)}: the {what} would replace a folder that holds the corpus {shown_path(corpus)}"
        )


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A file to write in place of ``path``, moved over it once the block ends without error: a reader sees the old
    file or the new one, never half of it; a failed write leaves the old file and no trace.

    Raises
    ------
    ParameterError
        When ``path`` is a link or exists and is not a regular file (:func:`check_output_file`).
    """
    check_output_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # same folder: the rename cannot cross disks
    try:
        yield staged
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def is_export_folder(folder: Path) -> bool:
    """True when ``folder`` holds only what an export writes, under an export's README.md (or nothing at all)."""
    entries = list(folder.iterdir())
    if not entries:
        return True
    readme = folder / "README.md"
    if not readme.is_file():
        return False
    with readme.open(encoding="utf-8", errors="replace") as handle:
        if handle.readline().rstrip("\n") != EXPORT_MARK:
            return False
    return all(entry.is_file() and entry.suffix.lower() in EXPORT_SUFFIXES for entry in entries)


def check_output_file(path: Path) -> None:
    """Refuse an output file that is a symbolic link (its target would be written, and the files beside the output
    created beside the target) or that exists and is not a regular file (a device such as ``/dev/null``, a pipe, a
    folder), which replacing would destroy.

    Raises
    ------
    ParameterError
    """
    if path.is_symlink():
        raise ParameterError(f"{shown_path(path)}: is a symbolic link; give the path of a file, not of a link")
    if path.exists() and not path.is_file():
        raise ParameterError(
            f"{shown_path(path)}: exists and is not a regular file (a folder, device or pipe); choose a file name"
        )


def check_replaceable(folder: Path) -> None:
    """Refuse to replace a folder that holds anything an export did not write, or that is a symbolic link.

    Raises
    ------
    ParameterError
    """
    if folder.is_symlink():
        raise ParameterError(f"{shown_path(folder)}: is a symbolic link; give the path of a folder, not of a link")
    if folder.exists() and (not folder.is_dir() or not is_export_folder(folder)):
        raise ParameterError(
            f"{shown_path(folder)}: exists and is not an export folder (it holds files this tool did not write); "
            "choose a new or empty folder"
        )


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def locked(output: Path) -> Iterator[None]:
    """Hold the lock on ``output`` for one run, first clearing what killed runs left beside it.

    The lock is a hidden file beside ``output`` holding the process id. A lock whose process is gone is taken
    over; with the lock held, hidden staging folders for ``output`` can only be a killed run's, and are removed.

    Raises
    ------
    RenderError
        When another running process holds the lock.
    """
    lock = output.with_name(f"{LEFTOVER_PREFIX}{output.name}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                holder = int(lock.read_text(encoding="ascii").strip() or 0)
            except (OSError, ValueError):
                holder = 0
            try:  # a lock just made may not hold its process id yet: it is another run's, starting
                starting = not holder and time.time() - lock.stat().st_mtime < LOCK_WRITE_SECONDS
            except FileNotFoundError:
                continue
            if starting or (holder and holder != os.getpid() and pid_alive(holder)):
                raise RenderError(
                    f"{shown_path(output)}: another run{f' (process {holder})' if holder else ''} is writing this "
                    "output; wait for it to finish, "
                    f"or remove {lock.name} if no such run exists"
                ) from None
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()  # a killed run's lock
            continue
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write(str(os.getpid()))
        break
    try:
        for leftover in output.parent.glob(f"{LEFTOVER_PREFIX}{output.name}-staging-*"):
            recover(leftover)
            shutil.rmtree(leftover, ignore_errors=True)
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


def staging_folder(output: Path) -> Path:
    """A new hidden folder beside ``output`` (same file system, so moves out of it are renames), named after
    ``output``'s whole name, so that outputs sharing a stem (``b.html`` and ``b/``) never clear each other's."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{LEFTOVER_PREFIX}{output.name}-staging-", dir=output.parent))


def remove_staging(staging: Path, wait: float = 15.0) -> None:
    """Delete a staging folder, trying again for up to ``wait`` seconds while a file written meanwhile keeps it from
    going: a process the run started (a kernel being stopped, the chart renderer it had started) may still be
    writing into it as the run ends (on a loaded machine for more than 5 s: a full ``make test`` once left one)."""
    deadline = time.monotonic() + wait
    while True:
        shutil.rmtree(staging, ignore_errors=True)
        if not staging.exists() or time.monotonic() > deadline:
            return
        time.sleep(0.1)


def commit(moves: Sequence[tuple[Path, Path]], staging: Path) -> None:
    """Move each staged file or folder to its target, all or none.

    Old targets are first moved aside into ``staging``; if any move fails, the new ones already in place are
    removed and the old ones put back, and the error is raised. A folder target is replaced as a whole.

    Raises
    ------
    OSError
        From the move that failed, after everything was put back.
    """
    aside = staging / REPLACED
    aside.mkdir()
    done: list[tuple[Path, Path | None]] = []
    try:
        for index, (new, target) in enumerate(moves):
            if target.parent != staging.parent:
                raise ValueError(f"{target}: not beside {staging}, where a killed run's recovery would look for it")
            old = None
            if target.exists() or target.is_symlink():
                old = aside / f"{index}-{target.name}"
                os.replace(target, old)
            done.append((target, old))
            os.replace(new, target)
    except BaseException:
        for target, old in reversed(done):
            if target.is_dir() and not target.is_symlink():  # the new one: the old one is aside
                shutil.rmtree(target, ignore_errors=True)
            elif target.exists():
                target.unlink()
            if old is not None:
                os.replace(old, target)
        raise
    os.replace(aside, staging / COMMITTED)  # every new output stands: what was set aside is now only old


def recover(staging: Path) -> None:
    """Put back the old outputs that a run killed while moving its new ones in (:func:`commit`) had set aside in
    ``staging``: the outputs are then those of the last complete run, and nothing of them is lost. The killed
    run's new outputs already in place are moved into ``staging``, which the caller deletes.

    Raises
    ------
    RenderError
        When an old output cannot be put back; ``staging`` then still holds it, and the message says where.
    """
    aside = staging / REPLACED
    if not aside.is_dir():
        return  # killed before its moves began, or after they all succeeded (COMMITTED): nothing to put back
    try:
        for old in sorted(aside.iterdir(), key=lambda path: int(path.name.split("-", 1)[0])):
            target = staging.parent / old.name.split("-", 1)[1]
            if target.exists() or target.is_symlink():
                os.replace(target, staging / f"new-{target.name}")  # the killed run's: not whole with the rest
            os.replace(old, target)
    except (OSError, ValueError) as exc:
        raise RenderError(
            f"{shown_path(aside)}: holds the outputs of the last complete run, set aside by a run that was killed, and "
            f"they cannot be put back ({getattr(exc, 'strerror', None) or exc}); move them back by hand"
        ) from None
