"""Timeline: the dated events the articles mention.

A date expression ("February 2022", "May 16", "in November", "in 2014") is
resolved against the article's publication date where it lacks a year: the
most recent such date on or before publication. Without a publication date,
a date without a year stays unresolved and is shown as such.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import pandas as pd

from briefing.language.parsing import ParsedSentence
from briefing.language.segment import evidence_text
from briefing.schema import row_type

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTH_ALIASES = {**MONTHS, **{m[:3]: i for m, i in MONTHS.items()}, "sept": 9}
MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in MONTH_ALIASES), key=len, reverse=True)) + r")\.?"
PATTERNS = [
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b"),
    re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b"),
    re.compile(rf"\b{MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b"),
    re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"),
    re.compile(rf"\b(?:in|since|from|by|until|last|early|late|mid-)\s*{MONTH}\b"),
    re.compile(r"\b(?:in|since|from|by|until|of)\s+(?P<year>(?:19|20)\d{2})\b"),
]


DateMention = row_type(
    "DateMention",
    "A date expression and the date it stands for.",
    "timeline",
    ["article", "sentence", "evidence", "start", "end"],
)


def resolve(match: re.Match, published: str | None) -> DateMention:
    """The date of one match: YYYY-MM-DD, YYYY-MM or YYYY, per its precision."""
    groups = match.groupdict()
    month = MONTH_ALIASES[groups["month"].lower()] if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    precision = "day" if day else "month" if month else "year"
    if year is None and published:
        pub = pd.Timestamp(published)
        on_or_before = (month, day) <= (pub.month, pub.day) if day else month <= pub.month
        year = pub.year if on_or_before else pub.year - 1
    if year is None or year < 1:  # no year, or the year before year 1 (for an article published in January of 1)
        return DateMention(match.group().strip(), None, precision, False)
    text = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return DateMention(match.group().strip(), text, precision, True)


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Date expressions in ``text``, the longest first at each place, without overlaps."""
    return [mention for _, mention in dates_at(text, published)]


def dates_at(text: str, published: str | None) -> list[tuple[int, DateMention]]:
    """:func:`find_dates` with the offset of each in ``text``."""
    starts, ends, found = [], [], []  # the spans taken, in text order: disjoint, so their ends are in order too
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            before = bisect.bisect_left(starts, match.end())  # the spans that start before this one ends
            if before and ends[before - 1] > match.start():
                continue
            starts.insert(before, match.start())
            ends.insert(before, match.end())
            found.append((match.start(), resolve(match, published)))
    return sorted(found, key=lambda pair: pair[0])


DatedSentence = row_type(
    "DatedSentence", "A date expression in one sentence of an article: one row of the timeline.", "timeline"
)


def article_dates(article: str, layer: Sequence[ParsedSentence], published: str | None) -> list[DatedSentence]:
    """Every date expression of one article's linguistic layer, resolved against its publication date."""
    return [
        DatedSentence(
            article,
            item.sentence.index,
            *mention,
            evidence_text(item.sentence, rank, start, start + len(mention.expression)),
            item.sentence.start,
            item.sentence.end,
        )
        for item in layer
        for rank, (start, mention) in enumerate(dates_at(item.sentence.text, published))
    ]
