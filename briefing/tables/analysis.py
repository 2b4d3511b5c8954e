"""The analysis of one corpus: its tables, as every later stage reads them.

The report reads an :class:`Analysis` and nothing that runs one, so a section can be computed from tables loaded
any other way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from briefing.codebook import Codebook


class Analysis(NamedTuple):
    """The tables of one corpus; :meth:`tables` names them for export."""

    corpus: Path
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tone: pd.DataFrame
    removed: pd.DataFrame
    problems: pd.DataFrame
    stances: pd.DataFrame
    frames: pd.DataFrame
    loaded: pd.DataFrame
    sources: pd.DataFrame
    themes: pd.DataFrame
    terms: pd.DataFrame
    timeline: pd.DataFrame
    mentions: pd.DataFrame
    codebook: Codebook | None = None
    load_warnings: tuple[str, ...] = ()  # what loading warned of (also among the problems): the CLI prints it

    def digest(self, rows: Mapping[str, np.ndarray] | None = None) -> str:
        """SHA-256 of every table and of the codebook: equal analyses have equal digests. ``rows`` holds each
        table's :func:`row_hashes` when the caller has them (the export hashes the same rows)."""
        digest = hashlib.sha256(repr(self.codebook).encode())
        for name, table in self.tables().items():
            digest.update(f"{name}\n{list(table.columns)}\n{list(table.dtypes.astype(str))}\n".encode())
            digest.update((row_hashes(table) if rows is None else rows[name]).tobytes())
        return digest.hexdigest()

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by its export name."""
        return {
            "articles": self.articles,
            "paragraphs": self.paragraphs,
            "sentences": self.sentences,
            "tone_by_article": self.tone,
            "stances": self.stances,
            "sources": self.sources,
            "themes": self.themes,
            "distinctive_terms": self.terms,
            "timeline": self.timeline,
            "actor_mentions": self.mentions,
            "frames": self.frames,
            "loaded_wording": self.loaded,
            "removed_text": self.removed,
            "input_problems": self.problems,
        }


def row_hashes(table: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash of each row of ``table`` and of all that decides how it is written: pandas' hash of its values,
    with the bits of each float (pandas hashes -0.0 as 0.0, which prints otherwise) and the type of each value of
    a column of mixed values (pandas hashes 1 as "1", which a spreadsheet reads otherwise)."""
    keyed = table.copy(deep=False)
    for position, name in enumerate(table.columns):
        if table[name].dtype == np.float64:
            keyed[f"{position} bits"] = table[name].to_numpy().view(np.uint64)
        elif table[name].dtype == object:
            keyed[f"{position} type"] = [type(value).__name__ for value in table[name].to_numpy()]
    return pd.util.hash_pandas_object(keyed, index=False).to_numpy()
