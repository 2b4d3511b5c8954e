"""Tone: TextBlob polarity and subjectivity per sentence, aggregated per article.

TextBlob's default analyser is a lexicon of adjectives with simple rules for
intensifiers and "not". It needs no downloaded corpus. Its known limits are
written into the briefing's methodology (see :func:`limitations`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from statistics import fmean, pstdev
from typing import NamedTuple


def limitations(unscored: Sequence[str] = ()) -> tuple[str, ...]:
    """TextBlob's known limits, in the briefing's words; ``unscored`` are words of the topic that the lexicon gives
    no score (:func:`unscored_phrases` of a codebook's wording), named as examples when there are any."""
    examples = " and ".join(f'"{phrase}"' for phrase in unscored)
    return (
        "Polarity comes from TextBlob's general-purpose lexicon of adjectives, scored from -1 (negative) "
        "to +1 (positive); subjectivity runs from 0 (factual) to 1 (opinion).",
        'Negation is handled only when it directly precedes a scored word ("not good"); '
        '"will never recognize" or "refused to accept" are not read as negative.',
        (
            f"A topic's own words carry no score: {examples} {'are' if len(unscored) > 1 else 'is'} neutral to the "
            "lexicon, so coverage of a grim subject can score close to 0."
            if unscored
            else "A topic's own words carry no score unless the lexicon knows them as everyday adjectives, so "
            "coverage of a grim subject can score close to 0."
        ),
        'Words score by their everyday sense: a "critical" discussion or a "strong" commitment scores as '
        "opinion; quotes are scored as the article's own tone.",
        "Most news sentences score exactly 0, so article means are small; compare articles against each "
        "other, not against an absolute scale, and read the extreme sentences before drawing conclusions.",
    )


def unscored_phrases(phrases: Iterable[str], most: int = 2) -> tuple[str, ...]:
    """The first ``most`` of ``phrases`` that the lexicon scores exactly 0, wildcards and gaps left out (a cue
    such as ``escalat*`` is no word a reader would recognise)."""
    found = []
    for phrase in dict.fromkeys(phrases):
        if not any(mark in phrase for mark in ("*", "…", "...")) and score(phrase).polarity == 0:
            found.append(phrase)
            if len(found) == most:
                break
    return tuple(found)


class Tone(NamedTuple):
    """TextBlob sentiment of one piece of text."""

    polarity: float
    subjectivity: float


class ArticleTone(NamedTuple):
    """Tone of one article, aggregated over its sentences."""

    sentences: int
    polarity_mean: float
    polarity_sd: float
    subjectivity_mean: float
    neutral_share: float
    most_negative: int | None
    most_positive: int | None


@lru_cache(maxsize=1)
def _analyzer():
    # The lexicon TextBlob's PatternAnalyzer scores with, called directly: the same numbers, without the
    # named-tuple class that PatternAnalyzer.analyze builds on every call (which took 40% of the time).
    from textblob.en import sentiment

    return sentiment


def score(text: str) -> Tone:
    """TextBlob polarity (-1..1) and subjectivity (0..1) of ``text``."""
    polarity, subjectivity = _analyzer()(text)
    return Tone(round(polarity, 6), round(subjectivity, 6))


def aggregate(tones: Sequence[Tone]) -> ArticleTone:
    """Mean, spread and the most extreme sentences of one article.

    ``most_negative`` and ``most_positive`` are sentence indexes, or None
    when no sentence scores below (above) zero. Ties go to the first.
    """
    if not tones:
        return ArticleTone(0, float("nan"), float("nan"), float("nan"), float("nan"), None, None)
    polarities = [tone.polarity for tone in tones]
    lowest = min(range(len(tones)), key=polarities.__getitem__)
    highest = max(range(len(tones)), key=polarities.__getitem__)
    return ArticleTone(
        sentences=len(tones),
        polarity_mean=fmean(polarities),
        polarity_sd=pstdev(polarities),
        subjectivity_mean=fmean(tone.subjectivity for tone in tones),
        neutral_share=sum(polarity == 0 for polarity in polarities) / len(tones),
        most_negative=lowest if polarities[lowest] < 0 else None,
        most_positive=highest if polarities[highest] > 0 else None,
    )
