"""Find a corpus folder's article files: the first step of loading, and the check that fails fast before a render.

Kept apart from :mod:`briefing.corpus` so that this check, and the manifest's name, need nothing heavier than the
standard library: the command line runs it before the notebook starts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from briefing.errors import CorpusError
from briefing.reading import ARTICLE_SUFFIXES

MANIFEST_NAME = "manifest.csv"


class Found(NamedTuple):
    """What a corpus folder holds: article files, other files, and the folders that could not be listed."""

    files: list[Path]
    others: list[Path]
    unreadable: list[tuple[Path, str]]


def discover(corpus_dir: Path) -> Found:
    """Article files under ``corpus_dir``, recursively, in a stable order, the other files, and the folders that
    could not be read (listed as problems, never skipped unseen).

    Hidden files and folders and the manifest are neither.

    Raises
    ------
    CorpusError
        When the folder is missing or holds no article file.
    """
    if not corpus_dir.exists():
        raise CorpusError(f"{corpus_dir}: corpus folder not found")
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: not a folder")
    unreadable: list[tuple[Path, str]] = []
    visible = []
    for folder, subfolders, names in os.walk(
        corpus_dir, onerror=lambda exc: unreadable.append((Path(exc.filename), exc.strerror or str(exc)))
    ):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            path = Path(folder) / name
            if not name.startswith(".") and path.relative_to(corpus_dir).as_posix() != MANIFEST_NAME:
                visible.append(path)
    visible.sort()
    if any(folder == corpus_dir for folder, _ in unreadable):
        raise CorpusError(f"{corpus_dir}: the corpus folder cannot be read ({unreadable[0][1]})")
    files = [path for path in visible if path.suffix.lower() in ARTICLE_SUFFIXES]
    if not files:
        suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise CorpusError(f"{corpus_dir}: no article files ({suffixes}) in the corpus folder")
    others = [path for path in visible if path.suffix.lower() not in ARTICLE_SUFFIXES]
    return Found(files, others, unreadable)
