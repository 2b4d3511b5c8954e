"""Distinctive terms: what sets each article apart from the rest of the corpus (TF-IDF), so that an analyst can
see the subjects the codebook has no theme for."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from briefing import schema

CACHE_SECTION = "terms"  # the cache keys this section by the code of this module and all it imports

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from briefing.run.cache import DiskCache

TERM = re.compile(r"(?u)\b[^\W\d_][\w’'-]{2,}\b")  # a word of three characters or more, starting with a letter


def terms_of(text: str, stop_words: frozenset[str]) -> list[str]:
    """The one- and two-word terms of ``text``, lowercased, without stop words: what scikit-learn's word analyzer
    gives with ``ngram_range=(1, 2)``, in a third less time (a tenth of a re-run's TF-IDF at 10,000 articles)."""
    words = [word for word in TERM.findall(text.lower()) if word not in stop_words]
    return words + [f"{first} {second}" for first, second in pairwise(words)]


def given_terms(terms: list[str]) -> list[str]:
    """The analyzer of documents given as their terms."""
    return terms


TERMS_PER_ARTICLE = 8
# The key in a cache's ``corpus`` section of every text's terms (:func:`distinctive_terms`'s ``memo``).
TERMS_MEMO = ("terms of each text",)


def terms_memoized(
    texts: Iterable[str], stop_words: frozenset[str], memo: DiskCache | None, fresh: dict[str, str]
) -> Iterator[list[str]]:
    """:func:`terms_of` each text, one at a time (all at once they would take as much memory as the texts, five
    times over); from ``memo`` when it holds the text's, by the text's SHA-256. ``fresh`` gets every text's terms,
    one per line (a term holds no line break)."""
    known = (memo.get(TERMS_MEMO, dict, count=False) or {}) if memo is not None else {}
    if not all(isinstance(terms, str) for terms in known.values()):
        known = {}  # an entry made by hand under the key: every text's terms found again
    for text in texts:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        found = known.get(digest)
        terms = terms_of(text, stop_words) if found is None else found.split("\n") if found else []
        fresh[digest] = "\n".join(terms) if found is None else found
        yield terms


class TermWeights(NamedTuple):
    """The TF-IDF weights of the one- and two-word terms of a corpus: one row per article (``ids`` order), one
    column per term of ``vocabulary`` (alphabetical); ``matrix`` is None when no term sets an article apart."""

    ids: list[str]
    matrix: csr_matrix | None
    vocabulary: np.ndarray


def term_weights(texts: Mapping[str, str], memo: DiskCache | None = None) -> TermWeights:
    """The TF-IDF weights of each text's terms (:func:`terms_of`), which :func:`distinctive_terms` ranks.

    Each text's terms (half the time at 10,000 articles) are a pure function of the text: with a ``memo`` (a
    cache's ``corpus`` section), they are kept there under the text's hash, for the texts of this run alone, and a
    re-run with a few new articles finds the others'. Tokens before scores: the scores still change with every
    article added. Terms in more than 90% of the articles (of three or more) set none apart and are left out.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    from briefing.taggers.sources.source_triggers import verbs

    ids = list(texts)
    if not ids:
        return TermWeights(ids, None, np.array([], dtype=object))
    # Reporting verbs say who spoke, not what an article is about.
    stop_words = frozenset(ENGLISH_STOP_WORDS | {v.lower() for v in verbs() if " " not in v})
    vectorizer = TfidfVectorizer(analyzer=given_terms, min_df=1, max_df=0.9 if len(ids) > 2 else 1.0, sublinear_tf=True)
    fresh: dict[str, str] = {}
    try:
        matrix = vectorizer.fit_transform(terms_memoized((texts[i] for i in ids), stop_words, memo, fresh))
    except ValueError:  # every term is in (almost) every article: nothing sets one apart
        return TermWeights(ids, None, np.array([], dtype=object))
    finally:
        if memo is not None:  # this run's texts only: the memo does not grow with every run on another corpus
            memo.put(TERMS_MEMO, fresh)
    return TermWeights(ids, matrix.tocsr(), vectorizer.get_feature_names_out())


def distinctive_terms(
    texts: Mapping[str, str], per_article: int = TERMS_PER_ARTICLE, memo: DiskCache | None = None
) -> pd.DataFrame:
    """The terms that most set each article apart from the rest (TF-IDF, one- and two-word terms): the highest
    :func:`term_weights` of each article.

    Returns
    -------
    DataFrame
        Columns: article, rank, term, score.
    """
    columns = schema.columns("distinctive_terms")
    ids, matrix, vocabulary = term_weights(texts, memo)
    if matrix is None:
        return pd.DataFrame(columns=columns)
    rows = []
    for row, article in enumerate(ids):
        # the row's stored terms only: a dense row over the whole vocabulary grows with the corpus
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        terms, scores = matrix.indices[start:end], matrix.data[start:end]
        terms, scores = terms[scores != 0], scores[scores != 0]
        # highest score first; ties by term, as the vocabulary's indices are in alphabetical order
        best = np.lexsort((terms, -scores))[:per_article]
        rows.extend(
            {"article": article, "rank": rank + 1, "term": vocabulary[terms[k]], "score": round(float(scores[k]), 4)}
            for rank, k in enumerate(best)
        )
    return pd.DataFrame(rows, columns=columns)
