"""A corpus of the first articles of a larger one: the shared pool of real articles, cut to the size a benchmark or
a test measures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd

from briefing.paths import PROJECT_ROOT

POOL_VARIABLE = "BRIEFING_POOL"  # an environment variable naming the pool's folder, if not ../shared/pool


def pool_dir() -> Path:
    """The folder of the shared pool of real articles: ``$BRIEFING_POOL``, else ``shared/pool`` beside the project
    (its corpus is ``war-2022/`` inside it). It may not exist: callers skip, saying so."""
    return Path(os.environ.get(POOL_VARIABLE, PROJECT_ROOT.parent / "shared" / "pool"))


def copy_articles(corpus: Path, files: list[Path], target: Path) -> None:
    """Copy ``files`` of ``corpus`` into the folder ``target`` (created, or added to), and write its manifest: the
    rows of ``corpus/manifest.csv`` that name an article file now in ``target``.

    Copied, not linked: a symbolic link to a file outside the corpus folder is not read (see README).
    """
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copyfile(path, target / path.name)
    names = {path.name for path in target.glob("*.txt")}
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)
    manifest[manifest["file"].isin(names)].to_csv(target / "manifest.csv", index=False)


def copy_first_articles(corpus: Path, n: int, target: Path) -> list[Path]:
    """Copy the first ``n`` article files of ``corpus`` (``a*.txt``, by name) into the folder ``target``, with the
    rows of ``corpus/manifest.csv`` that name them (:func:`copy_articles`); return the copies."""
    files = sorted(corpus.glob("a*.txt"))[:n]
    copy_articles(corpus, files, target)
    return [target / p.name for p in files]
