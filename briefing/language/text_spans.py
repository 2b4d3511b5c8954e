"""An article's text as analysed, where each of its paragraphs and sentences lies in it, and their text read back.

The export holds an article's text once, in the articles table (:func:`article_text`: its paragraphs, white space
collapsed, a blank line between). The paragraphs and sentences tables carry offsets into it (``text_start``,
``text_end``; :func:`paragraph_offsets`, :func:`sentence_offsets`) instead of a copy of their text, and
:func:`span_texts` reads their text back from an export with pandas (the data dictionary gives the same recipe).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

PARAGRAPH_BREAK = "\n\n"  # between two paragraphs of an article's text


def article_text(paragraphs: Iterable[str]) -> str:
    """An article's text as analysed: its paragraphs' texts, a blank line between."""
    return PARAGRAPH_BREAK.join(paragraphs)


def paragraph_offsets(texts: Sequence[str]) -> list[int]:
    """Where each of an article's paragraphs (``texts``, in order) starts in its :func:`article_text`."""
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + len(PARAGRAPH_BREAK)
    return starts


def sentence_offsets(
    paragraph_texts: Sequence[str], sentence_paragraphs: Iterable[int], sentence_texts: Iterable[str]
) -> list[int]:
    """Where each of an article's sentences starts in its :func:`article_text`.

    A sentence's text is its source slice with white space collapsed, a slice bounded by words of its
    paragraph's, so it is found in its paragraph's text, after the sentence before it.

    Raises
    ------
    ValueError
        When a sentence is not in its paragraph's text: the two were not segmented from the same text.
    """
    starts = paragraph_offsets(paragraph_texts)
    offsets, previous, cursor = [], None, 0
    for paragraph, text in zip(sentence_paragraphs, sentence_texts, strict=True):
        if paragraph != previous:
            previous, cursor = paragraph, 0
        found = paragraph_texts[paragraph].find(text, cursor)
        if found < 0:
            raise ValueError(f"sentence {text[:60]!r} is not in the text of its paragraph {paragraph}")
        offsets.append(starts[paragraph] + found)
        cursor = found + len(text)
    return offsets


def span_texts(articles: pd.DataFrame, spans: pd.DataFrame) -> pd.Series:
    """The text of each row of ``spans`` (the ``paragraphs`` or ``sentences`` table of an export), sliced from its
    article's ``text`` in ``articles`` by ``text_start`` and ``text_end``; indexed as ``spans``.

    Examples
    --------
    >>> articles = pd.read_parquet("briefing_data/articles.parquet")  # doctest: +SKIP
    >>> sentences = pd.read_parquet("briefing_data/sentences.parquet")  # doctest: +SKIP
    >>> sentences["text"] = span_texts(articles, sentences)  # doctest: +SKIP
    """
    texts = spans["article"].map(articles.set_index("id")["text"])
    return pd.Series(
        [text[start:end] for text, start, end in zip(texts, spans["text_start"], spans["text_end"], strict=True)],
        index=spans.index,
        dtype=object,
    )
