"""Find a corpus folder's article files: the first step of loading, and the check that fails fast before a render.

Kept apart from :mod:`briefing.corpus.loading` so that this check, and the manifest's name, need nothing heavier
than the standard library: the command line runs it before the notebook starts.

Only regular files inside the corpus folder are read. A symbolic link to a file inside it is read (through the file
it names); a link to a file outside it, a link to a folder (not followed), a broken link and anything that is not a
regular file (a named pipe, which would block the read forever, a device, a socket) are refused and listed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from briefing.corpus.reading import ARTICLE_SUFFIXES, not_regular
from briefing.errors import CorpusError, not_found, shown_path

MANIFEST_NAME = "manifest.csv"


class Found(NamedTuple):
    """What a corpus folder holds: article files, other files, the folders that could not be listed, the entries
    refused (with why), and the file each article file that is a symbolic link names."""

    files: list[Path]
    others: list[Path]
    unreadable: list[tuple[Path, str]]
    refused: list[tuple[Path, str]]
    targets: dict[Path, Path]


def readable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the file system as surrogates) shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def regular_file(path: Path, mode: int, root: Path) -> tuple[Path | None, str]:
    """The regular file to read for the entry ``path`` (``mode`` from its ``lstat``) of the corpus folder whose
    real path is ``root``, and ""; or None and why it is not read (a problem row's text).

    A symbolic link is read only when it names a regular file inside the corpus folder, through that file's path.
    """
    if stat.S_ISREG(mode):
        return path, ""
    if not stat.S_ISLNK(mode):
        return None, not_regular(mode)
    try:
        target = path.resolve(strict=True)
        mode = target.stat().st_mode  # the resolved path holds no link
    except FileNotFoundError:
        return None, "symbolic link to nothing (what it names is missing), skipped"
    except RuntimeError:  # what Path.resolve raises for a loop of links
        return None, "symbolic link in a loop (it leads back to itself), skipped"
    except OSError as exc:
        return None, f"symbolic link that cannot be followed ({exc.strerror or exc}), skipped"
    if stat.S_ISDIR(mode):
        return None, "symbolic link to a folder, not followed: the files under it are not read"
    if not target.is_relative_to(root):
        return None, "symbolic link to a file outside the corpus folder, not read"
    if not stat.S_ISREG(mode):
        return None, f"symbolic link to a {not_regular(mode)}"
    return target, ""


def discover(corpus_dir: Path) -> Found:
    """Article files under ``corpus_dir``, recursively, in a stable order, the other files, the folders that
    could not be read and the entries refused (listed as problems, never skipped unseen), and where the
    symbolic links among the article files lead (:func:`regular_file`).

    Hidden files and folders and the manifest are none of these.

    Raises
    ------
    CorpusError
        When the folder is missing or holds no article file.
    """
    if not corpus_dir.exists():
        raise CorpusError(not_found(corpus_dir, "corpus folder"))
    if not corpus_dir.is_dir():
        raise CorpusError(f"{shown_path(corpus_dir)}: not a folder")
    visible, unreadable, refused, targets = walk_folder(corpus_dir)
    visible.sort()
    refused.sort()
    unreadable.sort()
    if any(folder == corpus_dir for folder, _ in unreadable):
        raise CorpusError(f"{shown_path(corpus_dir)}: the corpus folder cannot be read ({unreadable[0][1]})")
    files = [path for path in visible if path.suffix.lower() in ARTICLE_SUFFIXES]
    if not files:
        raise no_article_files(corpus_dir, refused)
    others = [path for path in visible if path.suffix.lower() not in ARTICLE_SUFFIXES]
    return Found(files, others, unreadable, refused, targets)


def walk_folder(
    corpus_dir: Path,
) -> tuple[list[Path], list[tuple[Path, str]], list[tuple[Path, str]], dict[Path, Path]]:
    """Every entry under ``corpus_dir`` but hidden ones and the manifest, unsorted: the files to read, the folders
    that could not be listed and the entries refused (each with why), and the file each link among the files to
    read names."""
    root = corpus_dir.resolve()
    visible: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    refused: list[tuple[Path, str]] = []
    targets: dict[Path, Path] = {}
    pending = [corpus_dir]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            unreadable.append((folder, exc.strerror or str(exc)))
            continue
        for entry in entries:
            if entry.name.startswith(".") or (folder == corpus_dir and entry.name == MANIFEST_NAME):
                continue
            path, is_folder, target, refusal = classify_entry(entry, root)
            if is_folder:
                pending.append(path)
            elif refusal:
                refused.append((path, refusal))
            else:
                if target != path:
                    targets[path] = target
                visible.append(path)
    return visible, unreadable, refused, targets


def classify_entry(entry: os.DirEntry, root: Path) -> tuple[Path, bool, Path | None, str]:
    """One entry of a folder under the corpus folder whose real path is ``root``: its path, whether it is a folder
    to walk, and the regular file to read for it and "", or None and why it is refused (:func:`regular_file`)."""
    path = Path(entry.path)
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as exc:  # gone since the folder was listed
        return path, False, None, f"cannot be read ({exc.strerror or exc}), skipped"
    if stat.S_ISDIR(mode):
        return path, True, None, ""
    target, refusal = regular_file(path, mode, root)
    return path, False, target, refusal


def no_article_files(corpus_dir: Path, refused: list[tuple[Path, str]]) -> CorpusError:
    """The error for a corpus folder without an article file, naming the first entry refused, if any."""
    suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
    not_read = "".join(
        f"; not read: {readable_name(path.relative_to(corpus_dir).as_posix())} ({why})"
        + (f" and {len(refused) - 1} more" if len(refused) > 1 else "")
        for path, why in refused[:1]
    )
    return CorpusError(f"{shown_path(corpus_dir)}: no article files ({suffixes}) in the corpus folder{not_read}")
