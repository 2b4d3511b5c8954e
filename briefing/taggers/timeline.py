"""Timeline: the dated events the articles mention.

A date expression ("February 2022", "May 16", "in November", "in 2014") that lacks a year takes the year that
puts it nearest the article's publication date, before or after it ("the Feb. 9 primary" in a January 2016
article is 2016-02-09; "Jan. 5" in a December 2015 one is 2016-01-05), within the window its sentence gives:

- a unit of time counted from publication's: "last year", "next month", "this week", "earlier this year", and
  from publication back or on after "the": "over the past year", "in the coming months";
- a word before the month: "last March" (the calendar year before publication's), "next March", "this March",
  "this past March" and "since March" (on or before publication), "this coming March";
- "ago" ("two weeks ago"): before publication;
- the day of the week a date is given with: "Tuesday, Feb. 9" takes the year whose Feb. 9 is a Tuesday.

A window that no year fits is passed over. The words are English grammar, in ``dates`` of
``briefing/data/grammar.yaml``. Without a publication date, a date without a year stays unresolved and is
shown as such.

A date that names an event or a day ("the Sept. 11 attacks", "the July 4 holiday", "the anniversary of the
Feb. 24 invasion", "post-Sept. 11") is not a date of the article: it is kept, marked ``named``, without a date,
and left out of the timeline's events.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from briefing.language.grammar import grammar
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
    re.compile(
        rf"\b(?i:in|since|from|by|until|last|next|this|past|coming|early|late|mid-|during|through|throughout|before"
        rf"|after|of|around)\s*{MONTH}\b"
    ),
    re.compile(r"\b(?i:in|since|from|by|until|of)\s+(?P<year>(?:19|20)\d{2})\b"),
]
UNIT_DAYS = {"week": 7, "month": 31, "year": 366}  # the longest of each unit: a rolling window's reach per unit
BEFORE_ALL, AFTER_ALL = date.min, date.max


DateMention = row_type(
    "DateMention",
    "A date expression and the date it stands for.",
    "timeline",
    ["article", "sentence", "evidence", "start", "end"],
)


@dataclass(frozen=True)
class Window:
    """Days a date of a sentence lies in, by the words at ``at`` in the sentence (for the nearest to a date)."""

    first: date
    last: date
    at: int = 0

    def holds(self, span: tuple[date, date]) -> bool:
        """True when the days ``span`` (first, last) meet the window."""
        return span[0] <= self.last and span[1] >= self.first


@dataclass(frozen=True)
class DatePatterns:
    """The regular expressions of the grammar's ``dates`` words."""

    unit_window: re.Pattern  # "last year", "earlier this month", "over the past two years"
    ago: re.Pattern  # "two weeks ago"
    month_word: re.Pattern  # the words right before a month: "last", "this past", "since"
    weekday: re.Pattern  # a day's name right before a date: "Tuesday, "
    naming_after: re.Pattern  # a naming noun right after a date: " attacks", ", 2001, terrorist attacks"
    naming_before: re.Pattern  # "anniversary of the ", "post-"


def alternatives(words) -> str:
    """A regex alternation of ``words``, the longest first, spaces as any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def date_patterns() -> DatePatterns:
    """The patterns of ``dates`` in ``grammar.yaml``, compiled once."""
    words = grammar().dates
    relative, units = alternatives(words.relative), alternatives(words.units)
    side = alternatives((*words.earlier, *words.later))
    return DatePatterns(
        unit_window=re.compile(
            rf"\b(?:(?P<the>the)\s+|(?P<side>{side})\s+)?(?P<relative>{relative})\s+"
            rf"(?:(?P<count>\w+)\s+)?(?P<unit>{units})(?P<plural>s)?\b",
            re.IGNORECASE,
        ),
        ago=re.compile(rf"\b(?:{units})s?\s+(?:{alternatives(words.ago)})\b", re.IGNORECASE),
        month_word=re.compile(
            rf"\b(?:(?P<lead>this|the)\s+)?(?P<word>{relative}|{alternatives(words.since)})\s*$", re.IGNORECASE
        ),
        weekday=re.compile(rf"\b(?P<weekday>{alternatives(words.weekdays)}),?\s+(?:the\s+)?$", re.IGNORECASE),
        naming_after=re.compile(rf"[\s,-]*(?:\w+\s+)?(?:{alternatives(words.naming_nouns)})\b", re.IGNORECASE),
        naming_before=re.compile(rf"\b(?:{alternatives(words.naming_before)})\s*$", re.IGNORECASE),
    )


def resolve(match: re.Match, published: str | None) -> DateMention:
    """The date of one match: YYYY-MM-DD, YYYY-MM or YYYY, per its precision; none for a date that names an event
    or a day, or that has no year and no publication date to take one from."""
    groups = match.groupdict()
    month = MONTH_ALIASES[groups["month"].lower()] if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    precision = "day" if day else "month" if month else "year"
    expression = match.group().strip()
    if names_event(match):
        return DateMention(expression, None, precision, False, True)
    if year is None and published:
        year = nearest_year(match, month, day, pd.Timestamp(published).date())
    if year is None or not valid(year, month, day):  # no year, or none that holds the day (Feb. 30)
        return DateMention(expression, None, precision, False, False)
    iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return DateMention(expression, iso, precision, True, False)


def valid(year: int, month: int | None, day: int | None) -> bool:
    """True when the year, month and day make a calendar date (of year 1 to 9999)."""
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def names_event(match: re.Match) -> bool:
    """True when the date names an event or a day: a naming noun right after it ("the Sept. 11 attacks"), or
    naming words right before it ("the anniversary of", "post-")."""
    patterns, text = date_patterns(), match.string
    return bool(patterns.naming_after.match(text, match.end()) or patterns.naming_before.search(text, 0, match.start()))


def days_of(year: int, month: int, day: int | None) -> tuple[date, date] | None:
    """The first and last day of the date, or None where it is not in the calendar (Feb. 29 of 2015)."""
    if not valid(year, month, day):
        return None
    if day:
        return date(year, month, day), date(year, month, day)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def nearest_year(match: re.Match, month: int, day: int | None, published: date) -> int | None:
    """The year of a month (and day) written without one.

    Of the years around publication, those the words right before the month allow ("last March"), then those
    whose day falls on the weekday it is given with, then those the nearest window of the sentence allows (each
    passed over when it allows none); of these, the one nearest publication, the earlier of two as near.
    """
    spans = {y: s for y in range(published.year - 1, published.year + 2) if (s := days_of(y, month, day))}
    if not spans:
        return None
    text, at = match.string, match.start("month")
    word_window = month_word_window(text[:at], published)
    spans = narrowed(spans, lambda span: word_window is None or word_window.holds(span))
    weekday = named_weekday(text[: match.start()])
    spans = narrowed(spans, lambda span: weekday is None or (span[0] == span[1] and span[0].weekday() == weekday))
    for window in sorted(sentence_windows(text, published), key=lambda w: abs(w.at - at)):
        if any(window.holds(span) for span in spans.values()):
            spans = narrowed(spans, window.holds)
            break
    return min(spans, key=lambda y: (distance(spans[y], published), y))


def narrowed(spans: dict[int, tuple[date, date]], keep) -> dict[int, tuple[date, date]]:
    """The years of ``spans`` whose days ``keep`` accepts; all of them when it accepts none."""
    kept = {year: span for year, span in spans.items() if keep(span)}
    return kept or spans


def distance(span: tuple[date, date], published: date) -> int:
    """How far the date lies from publication: in days to its day, or for a month in whole months (31 days
    each), so that the month six months before publication and the one six months after are as near."""
    first, last = span
    if first == last:
        return abs((first - published).days)
    return abs((first.year - published.year) * 12 + first.month - published.month) * 31


def month_word_window(before: str, published: date) -> Window | None:
    """The window the words right before a month give: "last March" the calendar year before publication's,
    "this March" its own, "next March" the one after; "this past March" and "since March" on or before
    publication, "this coming March" on or after it."""
    found = date_patterns().month_word.search(before)
    if not found:
        return None
    words = grammar().dates
    word = found["word"].lower()
    if word in words.since:
        return Window(BEFORE_ALL, published)
    step = words.relative[word]
    if found["lead"] and step:  # "this past March", "the coming March": from publication back or on
        return Window(BEFORE_ALL, published) if step < 0 else Window(published, AFTER_ALL)
    return calendar_unit("year", step, published)


def named_weekday(before: str) -> int | None:
    """The weekday (Monday 0) named right before a date ("Tuesday, Feb. 9"), or None."""
    found = date_patterns().weekday.search(before)
    return grammar().dates.weekdays.index(found["weekday"].lower()) if found else None


def sentence_windows(text: str, published: date) -> list[Window]:
    """The windows the sentence's words give: "last year", "next month", "earlier this week", "over the past
    year", "the coming months", "two weeks ago"; each at the offset of its words."""
    patterns, words = date_patterns(), grammar().dates
    windows = [Window(BEFORE_ALL, published, found.start()) for found in patterns.ago.finditer(text)]
    for found in patterns.unit_window.finditer(text):
        unit, step = found["unit"].lower(), words.relative[found["relative"].lower()]
        if found["the"] or found["plural"] or found["count"]:  # "the past year", "the next two months"
            if step:  # "the this year" is no window
                reach = timedelta(days=366 if found["plural"] else UNIT_DAYS[unit])
                windows.append(rolling(published, reach, step, found.start()))
            continue
        window = calendar_unit(unit, step, published, found.start())  # "last year", "next month", "this week"
        if window and found["side"]:  # "earlier this year": before publication within it; "later …" after
            earlier = found["side"].lower() in words.earlier
            window = (
                Window(window.first, min(window.last, published), window.at)
                if earlier
                else (Window(max(window.first, published), window.last, window.at))
            )
        windows.append(window)
    return [window for window in windows if window is not None]


def rolling(published: date, reach: timedelta, step: int, at: int) -> Window:
    """The days from publication back (``step`` below 0) or on, as far as ``reach``, to the calendar's ends."""
    if step < 0:
        return Window(published - min(reach, published - BEFORE_ALL), published, at)
    return Window(published, published + min(reach, AFTER_ALL - published), at)


def calendar_unit(unit: str, step: int, published: date, at: int = 0) -> Window | None:
    """The calendar week (from Monday), month or year ``step`` units from publication's; None past the
    calendar's ends."""
    try:
        if unit == "year":
            return Window(date(published.year + step, 1, 1), date(published.year + step, 12, 31), at)
        if unit == "month":
            year, month = divmod(published.year * 12 + published.month - 1 + step, 12)
            return Window(date(year, month + 1, 1), date(year, month + 1, calendar.monthrange(year, month + 1)[1]), at)
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return Window(monday, monday + timedelta(days=6), at)
    except (ValueError, OverflowError):
        return None


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
