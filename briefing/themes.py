"""Themes: which themes the coverage covers, and what the codebook misses.

Sentences are tagged with every codebook theme whose cue they contain.
Distinctive terms per article come from TF-IDF over the corpus itself, so an
analyst can see the subjects the codebook has no theme for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import pandas as pd

from briefing.codebook import Codebook, find_mentions
from briefing.nlp import ParsedSentence


class ThemeTag(NamedTuple):
    """One sentence's theme and the cue that tagged it."""

    article: str
    sentence: int
    theme: str
    cue: str
    start: int
    end: int


def tag_themes(article: str, layer: Sequence[ParsedSentence], codebook: Codebook) -> list[ThemeTag]:
    """Every (sentence, theme) pair of one article's linguistic layer, with the first cue found."""
    tags = []
    for sentence in (item.sentence for item in layer):
        seen: dict[str, str] = {}
        for mention in find_mentions(sentence.text, codebook.patterns("themes")):
            seen.setdefault(mention.target, mention.text)
        tags.extend(
            ThemeTag(article, sentence.index, theme, cue, sentence.start, sentence.end) for theme, cue in seen.items()
        )
    return tags


def distinctive_terms(texts: Mapping[str, str], per_article: int = 8) -> pd.DataFrame:
    """The terms that most set each article apart from the rest (TF-IDF, one- and two-word terms).

    Returns
    -------
    DataFrame
        Columns: article, rank, term, score.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    columns = ["article", "rank", "term", "score"]
    ids = list(texts)
    if not ids:
        return pd.DataFrame(columns=columns)
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from briefing.sources import verbs

    # Reporting verbs say who spoke, not what an article is about.
    stop_words = sorted(ENGLISH_STOP_WORDS | {v.lower() for v in verbs() if " " not in v})
    vectorizer = TfidfVectorizer(
        stop_words=stop_words,
        ngram_range=(1, 2),
        min_df=1,
        max_df=0.9 if len(ids) > 2 else 1.0,
        token_pattern=r"(?u)\b[^\W\d_][\w’'-]{2,}\b",
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform([texts[i] for i in ids])
    except ValueError:  # every term is in (almost) every article: nothing sets one apart
        return pd.DataFrame(columns=columns)
    vocabulary = vectorizer.get_feature_names_out()
    matrix = matrix.tocsr()
    rows = []
    for row, article in enumerate(ids):
        # the row's stored terms only: a dense row over the whole vocabulary grows with the corpus
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        terms, scores = matrix.indices[start:end], matrix.data[start:end]
        best = sorted((-score, vocabulary[term]) for term, score in zip(terms, scores, strict=True) if score)[
            :per_article
        ]
        rows.extend(
            {"article": article, "rank": rank + 1, "term": term, "score": round(-score, 4)}
            for rank, (score, term) in enumerate(best)
        )
    return pd.DataFrame(rows, columns=columns)
