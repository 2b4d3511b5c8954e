"""Exact and near-duplicate articles (syndicated copies).

Two articles are near-duplicates when the Jaccard similarity of their sets
of five-word shingles reaches a threshold. The pairwise intersections come
from one sparse matrix product, so thousands of articles stay cheap.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import NamedTuple

SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.5
TOKEN = re.compile(r"\w+")


class DuplicateMatch(NamedTuple):
    """An article that copies an earlier one."""

    duplicate_of: str
    similarity: float


def content_hash(text: str) -> str:
    """SHA-256 of the text's casefolded words, blind to spacing and punctuation."""
    words = " ".join(TOKEN.findall(text.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word sequences in ``text``."""
    words = TOKEN.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def find_duplicates(
    ids: Sequence[str], texts: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> dict[str, DuplicateMatch]:
    """Map each copy to the article it copies.

    Parameters
    ----------
    ids : sequence of str
        Article ids in priority order: the first of a group is the original.
    texts : sequence of str
        Cleaned article texts, aligned with ``ids``.
    threshold : float
        Minimum Jaccard similarity of shingle sets, in (0, 1].

    Returns
    -------
    dict
        Only copies appear; originals and unique articles do not.
    """
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    indptr, indices = [0], []
    for text in texts:
        indices.extend(sorted({vocabulary.setdefault(s, len(vocabulary)) for s in shingles(text)}))
        indptr.append(len(indices))
    if not vocabulary:
        return {}
    matrix = csr_matrix(([1] * len(indices), indices, indptr), shape=(len(texts), len(vocabulary)), dtype="int32")
    sizes = [indptr[i + 1] - indptr[i] for i in range(len(texts))]
    overlap = (matrix @ matrix.T).tocoo()

    parent = list(range(len(texts)))
    best: dict[int, float] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = sorted(
        (i, j, shared / (sizes[i] + sizes[j] - shared))
        for i, j, shared in zip(overlap.row.tolist(), overlap.col.tolist(), overlap.data.tolist(), strict=True)
        if i < j
    )
    for i, j, similarity in pairs:
        if similarity >= threshold:
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
            best[j] = max(best.get(j, 0.0), similarity)
    matches = {}
    for i in range(len(texts)):
        original = root(i)
        if original != i:
            matches[ids[i]] = DuplicateMatch(ids[original], round(best.get(i, threshold), 4))
    return matches
