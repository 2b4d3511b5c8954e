"""Exact and near-duplicate articles (syndicated copies).

Two articles are near-duplicates when the Jaccard similarity of their sets
of five-word shingles reaches a threshold. MinHash signatures in
locality-sensitive hashing bands propose the pairs worth comparing, so the
cost grows with the number of articles, not with the number of pairs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.5
PERMUTATIONS = 128  # MinHash signature length
SCHEME = "affine32"  # datasketch's permutation scheme: 32-bit hash values
# Candidates are sought, and their estimated similarity kept, this far below the threshold (3.4 standard errors of a
# 128-permutation estimate at 0.5); the exact similarity then decides.
LSH_MARGIN = 0.15
# Up to this many articles, every pair is a candidate: cheaper than banding them (and than importing datasketch).
ALL_PAIRS_UP_TO = 200
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


@lru_cache(maxsize=1)
def _permutations():
    """The MinHash permutations, made once (datasketch makes them anew for every signature otherwise)."""
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=1, scheme=SCHEME).permutations


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text``'s shingles (None without a word): a pure function of the text, so a
    re-run can reuse it."""
    from datasketch import MinHash

    own = shingles(text)
    if not own:
        return None
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch([shingle.encode("utf-8") for shingle in own])
    return minhash.hashvalues


def candidate_pairs(
    known: np.ndarray, present: np.ndarray, threshold: float, all_pairs: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of articles worth comparing, as ``(later, earlier)`` arrays sorted by the later article, then the
    earlier: those that share a MinHash band (locality-sensitive hashing, with datasketch's bands for
    ``threshold``), or, for a small corpus, every pair (the estimate then sorts them out, and datasketch, slow to
    import, is not needed).

    The bands of all articles are grouped at once (a re-run of 10,000 articles spent 3 s inserting and querying
    them one by one); the pairs are those datasketch's ``MinHashLSH`` gives when each article queries the index
    holding the articles before it.
    """
    rows = np.flatnonzero(present)
    if all_pairs:
        later = np.repeat(rows, rows)
        return later, np.arange(len(later)) - np.repeat(rows.cumsum() - rows, rows)
    from datasketch import MinHashLSH

    bands = MinHashLSH(threshold=max(0.05, threshold), num_perm=PERMUTATIONS, weights=(0.1, 0.9)).hashranges
    pairs = [np.zeros(0, dtype=np.int64)]
    for start, end in bands:
        # each article's band as one value of its bytes, so that equal bands are found by hashing, not by sorting
        band = np.ascontiguousarray(known[rows, start:end])
        bucket, _ = pd.factorize(band.view(np.dtype((np.void, band.itemsize * (end - start)))).ravel())
        order = np.argsort(bucket, kind="stable")  # stable: each bucket's articles stay in article order
        members, buckets = rows[order], bucket[order]
        first = np.r_[0, np.flatnonzero(np.diff(buckets)) + 1]  # where each bucket starts
        bucket_start = np.repeat(first, np.diff(np.r_[first, len(buckets)]))
        earlier = np.arange(len(buckets)) - bucket_start  # how many of its bucket come before each article
        later = np.repeat(np.arange(len(buckets)), earlier)
        before = (
            np.repeat(bucket_start, earlier) + np.arange(earlier.sum()) - np.repeat(earlier.cumsum() - earlier, earlier)
        )
        pairs.append(members[later].astype(np.int64) * len(known) + members[before])
    pairs = np.sort(np.concatenate(pairs))
    first = np.ones(len(pairs), dtype=bool)
    first[1:] = pairs[1:] != pairs[:-1]  # each pair once
    return np.divmod(pairs[first], len(known))


def estimated_similarity(known: np.ndarray, later: np.ndarray, earlier: np.ndarray, chunk: int = 20_000) -> np.ndarray:
    """datasketch's estimate of each pair's similarity (the share of equal hash values), in chunks of pairs small
    enough to stay in the processor's cache (three times faster than chunks of 100,000 at 10,000 articles)."""
    equal = [
        (known[later[k : k + chunk]] == known[earlier[k : k + chunk]]).sum(axis=1, dtype=np.uint16)
        for k in range(0, len(later), chunk)
    ]
    return np.concatenate([np.zeros(0, dtype=np.uint16), *equal]) / known.shape[1]


def find_duplicates(
    ids: Sequence[str],
    texts: Sequence[str],
    threshold: float = DEFAULT_THRESHOLD,
    signatures: Sequence[np.ndarray | None] | None = None,
) -> dict[str, DuplicateMatch]:
    """Map each copy to the article it copies.

    Candidate pairs come from MinHash signatures in locality-sensitive hashing bands (datasketch), tuned below
    the threshold so that a pair at the threshold is all but certain to be a candidate; each candidate's exact
    Jaccard similarity decides. Time and memory grow with the number of articles, not with the number of pairs
    that share a shingle (16% of all pairs among real articles: 8.6 GB at 10,000 articles as one matrix product).

    Parameters
    ----------
    ids : sequence of str
        Article ids in priority order: the first of a group is the original.
    texts : sequence of str
        Cleaned article texts, aligned with ``ids``.
    threshold : float
        Minimum Jaccard similarity of shingle sets, in (0, 1].
    signatures : sequence of arrays, optional
        Each text's :func:`signature`, when already known (from the cache); computed otherwise.

    Returns
    -------
    dict
        Only copies appear; originals and unique articles do not.
    """
    if signatures is None:
        signatures = [signature(text) for text in texts]
    later, earlier = close_pairs(signatures, threshold)
    parent, best = join_copies(texts, later, earlier, threshold)
    matches = {}
    for i in range(len(texts)):
        original = group_root(parent, i)
        if original != i:
            matches[ids[i]] = DuplicateMatch(ids[original], round(best.get(i, threshold), 4))
    return matches


def signature_matrix(signatures: Sequence[np.ndarray | None]) -> tuple[np.ndarray, np.ndarray]:
    """The signatures as one matrix, a row each (zeros for a text without a word), and which rows hold one."""
    known = np.zeros((len(signatures), PERMUTATIONS), dtype=np.uint32)
    present = np.zeros(len(signatures), dtype=bool)
    for j, hashvalues in enumerate(signatures):
        if hashvalues is not None:
            known[j], present[j] = hashvalues, True
    return known, present


def close_pairs(signatures: Sequence[np.ndarray | None], threshold: float) -> tuple[list[int], list[int]]:
    """The candidate pairs (:func:`candidate_pairs`) whose estimated similarity comes within :data:`LSH_MARGIN` of
    ``threshold``, as ``(later, earlier)`` lists of positions: the pairs worth measuring exactly."""
    known, present = signature_matrix(signatures)
    later, earlier = candidate_pairs(known, present, threshold - LSH_MARGIN, len(signatures) <= ALL_PAIRS_UP_TO)
    close = estimated_similarity(known, later, earlier) >= threshold - LSH_MARGIN  # far below: so is the measure
    return later[close].tolist(), earlier[close].tolist()


def group_root(parent: list[int], i: int) -> int:
    """The first article of ``i``'s group of copies (union-find, halving the path on the way)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def join_copies(
    texts: Sequence[str], later: list[int], earlier: list[int], threshold: float
) -> tuple[list[int], dict[int, float]]:
    """Group the pairs whose exact Jaccard similarity reaches ``threshold``: each article's parent in its group
    (:func:`group_root` finds the first), and each copy's highest similarity to an earlier article.

    The pairs come sorted by the later article, so that its shingles are made once.
    """
    parent = list(range(len(texts)))
    best: dict[int, float] = {}
    own, j_own = set(), -1
    for j, i in zip(later, earlier, strict=True):
        if j != j_own:
            own, j_own = shingles(texts[j]), j
        other = shingles(texts[i])
        similarity = len(own & other) / len(own | other)
        if similarity >= threshold:
            a, b = group_root(parent, i), group_root(parent, j)
            if a != b:
                parent[max(a, b)] = min(a, b)
            best[j] = max(best.get(j, 0.0), similarity)
    return parent, best
