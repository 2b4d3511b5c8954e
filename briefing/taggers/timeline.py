"""Timeline: the dated events the articles mention.

A date expression ("February 2022", "May 16", "in November", "her March comment", "in 2014") that lacks a year
takes the year that puts it nearest the article's publication date, before or after it ("the Feb. 9 primary" in
a January 2016 article is 2016-02-09; "Jan. 5" in a December 2015 one is 2016-01-05), within the window the
sentence gives, in this order, each passed over when no year fits it:

1. the words right before the month: "last March" (the calendar year before publication's), "next March",
   "this March"; "this past March" and "since March" (on or before publication), "this coming March" and
   "between now and March" (on or after it);
2. the day of the week a date is given with: "Tuesday, Feb. 9" takes the year whose Feb. 9 is a Tuesday;
3. the verb the date is the time of, on the parse ("the council voted in May", "rates have risen since the
   start of the invasion in February": before publication; "voters will go to the polls on Feb. 9": after);
4. the nearest unit of time the sentence counts from publication's: "last year", "next month", "earlier this
   year", "January of that year" (the year the sentence named), from publication back or on after "the":
   "over the past three months", "in the coming months"; and "ago".

The words are English grammar, in ``dates`` of ``briefing/data/grammar.yaml``. Without a publication date, a
date without a year stays unresolved and is shown as such.

A date that names an event or a day ("the Sept. 11 attacks", "the July 4 holiday", "the anniversary of the
Feb. 24 invasion", "post-Sept. 11") is not a date of the article: it is kept, marked ``named``, without a date,
and left out of the timeline's events.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from briefing.language.grammar import grammar
from briefing.language.parsing import ParsedSentence
from briefing.language.segment import evidence_text
from briefing.schema import row_type

if TYPE_CHECKING:
    from spacy.tokens import Token

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
YEAR = r"(?P<year>(?:19|20)\d{2})"
UNIT_DAYS = {"week": 7, "month": 31, "year": 366}  # the longest of each unit: a rolling window's reach per unit
BEFORE_ALL, AFTER_ALL = date.min, date.max
Span = tuple[date, date]  # the first and last day a date may stand for


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

    def holds(self, span: Span) -> bool:
        """True when the days ``span`` meet the window."""
        return span[0] <= self.last and span[1] >= self.first


@dataclass(frozen=True)
class DatePatterns:
    """The regular expressions of the grammar's ``dates`` words."""

    dates: tuple[re.Pattern, ...]  # the date expressions, the longest forms first
    unit_window: re.Pattern  # "last year", "earlier this month", "over the past two years", "that year"
    ago: re.Pattern  # "two weeks ago"
    year: re.Pattern  # a year written out, for "that year"
    month_word: re.Pattern  # the words right before a month: "last", "this past", "since", "between now and"
    weekday: re.Pattern  # a day's name right before a date: "Tuesday, "
    naming_after: re.Pattern  # a naming noun right after a date: " attacks", ", 2001, terrorist attacks"
    naming_before: re.Pattern  # "anniversary of the ", "post-"


def alternatives(words) -> str:
    """A regex alternation of ``words``, the longest first, spaces as any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def date_patterns() -> DatePatterns:
    """The patterns of ``dates`` in ``grammar.yaml``, compiled once.

    A month stays capitalised ("in May", never "may"); the words before it are matched in any case ("In May").
    """
    words = grammar().dates
    relative, units = alternatives(words.relative), alternatives(words.units)
    side = alternatives((*words.earlier, *words.later))
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    return DatePatterns(
        dates=(
            re.compile(rf"\b(?P<day>\d{{1,2}})\s+{MONTH}\s+{YEAR}\b"),
            re.compile(rf"\b{MONTH}\s*{day},?\s+{YEAR}\b"),  # "\s*": "Sept.11, 2001" as typed
            re.compile(rf"\b{MONTH}\s+{YEAR}\b"),
            re.compile(rf"\b{MONTH}\s*{day}\b"),
            re.compile(rf"(?:\b|(?<=-))(?i:{alternatives(words.before_month)})\s*{MONTH}\b"),
            re.compile(rf"\b(?i:{alternatives(words.determiners)})\s+{MONTH}(?=\s+[a-z])"),  # "her March comment"
            re.compile(rf"\b(?i:{alternatives(words.before_year)})\s+{YEAR}\b"),
        ),
        unit_window=re.compile(
            rf"\b(?:(?P<the>the)\s+|(?P<side>{side})\s+)?(?P<relative>{relative}|{alternatives(words.anaphoric)})\s+"
            rf"(?:(?P<count>\w+)\s+)?(?P<unit>{units})(?P<plural>s)?\b",
            re.IGNORECASE,
        ),
        ago=re.compile(rf"\b(?:{units})s?\s+(?:{alternatives(words.ago)})\b", re.IGNORECASE),
        year=re.compile(rf"\b{YEAR}\b"),
        month_word=re.compile(
            rf"\b(?:(?P<lead>this|the)\s+)?(?P<word>{relative}|{alternatives((*words.since, *words.onward))})\s*$",
            re.IGNORECASE,
        ),
        weekday=re.compile(rf"\b(?P<weekday>{alternatives(words.weekdays)}),?\s+(?:the\s+)?$", re.IGNORECASE),
        naming_after=re.compile(rf"[\s,-]*(?:\w+\s+)?(?:{alternatives(words.naming_nouns)})\b", re.IGNORECASE),
        naming_before=re.compile(
            rf"\b(?:{alternatives(words.naming_before)}|(?:{alternatives(words.naming_nouns)})\s+of\s+(?:the\s+)?)\s*$",
            re.IGNORECASE,
        ),
    )


def mentions_date(text: str) -> bool:
    """True for a sentence with a date expression: the parse it needs tells the tense its dates are in."""
    return any(pattern.search(text) for pattern in date_patterns().dates)


def resolve(match: re.Match, published: str | None, parsed: ParsedSentence | None = None) -> DateMention:
    """The date of one match (in ``parsed``'s sentence, if given): YYYY-MM-DD, YYYY-MM or YYYY, per its precision;
    none for a date that names an event or a day, or that has no year and no publication date to take one from."""
    groups = match.groupdict()
    month = MONTH_ALIASES[groups["month"].lower()] if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    precision = "day" if day else "month" if month else "year"
    expression = match.group().strip()
    if names_event(match):
        return DateMention(expression, None, precision, False, True)
    if year is None and published:
        year = nearest_year(match, month, day, pd.Timestamp(published).date(), parsed)
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


def days_of(year: int, month: int, day: int | None) -> Span | None:
    """The first and last day of the date, or None where it is not in the calendar (Feb. 29 of 2015)."""
    if not valid(year, month, day):
        return None
    if day:
        return date(year, month, day), date(year, month, day)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def nearest_year(
    match: re.Match, month: int, day: int | None, published: date, parsed: ParsedSentence | None = None
) -> int | None:
    """The year of a month (and day) written without one: of the years around publication and those the
    sentence names as a window ("that year"), those the sentence allows (the module's list, in its order, each
    passed over when it allows none), the one nearest publication; the earlier of two as near."""
    text, at = match.string, match.start("month")
    windows = sorted(sentence_windows(text, published), key=lambda w: abs(w.at - at))
    named = {
        w.first.year for w in windows if (w.first, w.last) == (date(w.first.year, 1, 1), date(w.first.year, 12, 31))
    }
    years = sorted({*range(published.year - 1, published.year + 2), *named})  # "January of that year": 2014
    spans = {y: s for y in years if (s := days_of(y, month, day))}
    if not spans:
        return None
    word_window, tense = month_word_window(text[:at], published), tense_window(parsed, at, published)
    weekday = named_weekday(text[: match.start()])
    for keep in (
        word_window.holds if word_window else None,
        (lambda span: span[0] == span[1] and span[0].weekday() == weekday) if weekday is not None else None,
        tense.holds if tense else None,
    ):
        if keep is not None:
            spans = narrowed(spans, keep)
    for window in windows:
        if any(window.holds(span) for span in spans.values()):
            spans = narrowed(spans, window.holds)
            break
    return min(spans, key=lambda y: (distance(spans[y], published), y))


def narrowed(spans: dict[int, Span], keep: Callable[[Span], bool]) -> dict[int, Span]:
    """The years of ``spans`` whose days ``keep`` accepts; all of them when it accepts none."""
    kept = {year: span for year, span in spans.items() if keep(span)}
    return kept or spans


def distance(span: Span, published: date) -> int:
    """How far the date lies from publication: in days to its day, or for a month in whole months (31 days
    each), so that the month six months before publication and the one six months after are as near."""
    first, last = span
    if first == last:
        return abs((first - published).days)
    return abs((first.year - published.year) * 12 + first.month - published.month) * 31


def month_word_window(before: str, published: date) -> Window | None:
    """The window the words right before a month give: "last March" the calendar year before publication's,
    "this March" its own, "next March" the one after; "this past March" and "since March" on or before
    publication, "this coming March" and "between now and March" on or after it."""
    found = date_patterns().month_word.search(before)
    if not found:
        return None
    words = grammar().dates
    word = " ".join(found["word"].lower().split())
    if word in words.since:
        return Window(BEFORE_ALL, published)
    if word in words.onward:
        return Window(published, AFTER_ALL)
    step = words.relative[word]
    if found["lead"] and step:  # "this past March", "the coming March": from publication back or on
        return Window(BEFORE_ALL, published) if step < 0 else Window(published, AFTER_ALL)
    return calendar_unit("year", step, published)


def named_weekday(before: str) -> int | None:
    """The weekday (Monday 0) named right before a date ("Tuesday, Feb. 9"), or None."""
    found = date_patterns().weekday.search(before)
    return grammar().dates.weekdays.index(found["weekday"].lower()) if found else None


def tense_window(parsed: ParsedSentence | None, at: int, published: date) -> Window | None:
    """Before or after publication, as the verb the date at ``at`` is the time of says, on the parse.

    The date is that verb's time when it is the object of prepositions that hang from the verb through nouns that
    are themselves objects of prepositions or adverbs of it ("since the start of the invasion in February … have
    risen", "way back in October", "over 27 days in March"), or an adverb of it ("arrived Feb. 9"), or joined to
    such a date ("in late December and early January"); a date that modifies a noun ("ahead of the Feb. 9
    primary") is not. A "since" on that path, or before the verb's clause, puts the date before publication; so
    does a verb in the past or the perfect ("voted", "was held", "has risen"); "will", "shall" and "is going to"
    put it after.
    """
    token = parsed.token_at(at) if parsed is not None else None
    if token is None:
        return None
    while token.dep_ == "amod" and token.head.i > token.i:  # "early January": from the month
        token = token.head
    words = grammar().dates
    through = []  # the prepositions on the way up to the verb
    while token.pos_ not in ("VERB", "AUX"):
        if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
            through.append(token.head.lower_)
            token = token.head.head
        elif token.dep_ in ("npadvmod", "advmod", "conj") and token.head is not token:
            token = token.head  # "arrived Feb. 9", "back in May"; "in December and January": the first date's verb
        else:
            return None  # the date modifies a noun that is not the object of a preposition: "the Feb. 9 primary"
    marks = [child.lower_ for child in token.children if child.dep_ == "mark"]
    if any(word in words.since for word in (*through, *marks)):
        return Window(BEFORE_ALL, published)
    tense = verb_tense(token)
    return None if tense is None else Window(BEFORE_ALL, published) if tense < 0 else Window(published, AFTER_ALL)


def verb_tense(verb: Token) -> int | None:
    """-1 for a verb in the past or the perfect, 1 for one in the future, None for the present or a verb form
    that tells neither (a participle alone: "a vote scheduled for March")."""
    words = grammar().dates
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(aux.lemma_.lower() in words.future_auxiliaries for aux in auxiliaries):
        return 1
    head = verb.head
    if verb.dep_ == "xcomp" and head.lower_ in words.going_to and any(c.dep_ == "aux" for c in head.children):
        return 1  # "is going to speak"
    if verb.tag_ == "VBD" or any(
        aux.tag_ == "VBD" or aux.lemma_.lower() in words.perfect_auxiliaries for aux in auxiliaries
    ):
        return -1
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and not auxiliaries and head.pos_ in ("VERB", "AUX"):
        return verb_tense(head)  # "spent weeks in May vowing …": a bare participle joined to a verb is in its tense
    return None


def sentence_windows(text: str, published: date) -> list[Window]:
    """The windows the sentence's words give: "last year", "next month", "earlier this week", "over the past
    three months", "the coming months", "January of that year", "two weeks ago"; each at the offset of its
    words."""
    patterns, words = date_patterns(), grammar().dates
    windows = [Window(BEFORE_ALL, published, found.start()) for found in patterns.ago.finditer(text)]
    for found in patterns.unit_window.finditer(text):
        unit, word = found["unit"].lower(), found["relative"].lower()
        if word in words.anaphoric:  # "that year": the year the sentence named before
            named = [int(y["year"]) for y in patterns.year.finditer(text, 0, found.start())]
            if named and unit == "year" and not (found["the"] or found["count"] or found["plural"]):
                windows.append(Window(date(named[-1], 1, 1), date(named[-1], 12, 31), found.start()))
            continue
        step = words.relative[word]
        if found["the"] or found["plural"] or found["count"]:  # "the past year", "the next two months"
            if step:  # "the this year" is no window
                count = words.numbers.get(found["count"].lower(), 0) if found["count"] else 1
                count = int(found["count"]) if found["count"] and found["count"].isdigit() else count
                reach = timedelta(days=UNIT_DAYS[unit] * count if count else 366)  # "the past few months": a year
                windows.append(rolling(published, reach, step, found.start()))
            continue
        window = calendar_unit(unit, step, published, found.start())  # "last year", "next month", "this week"
        if window and found["side"]:  # "earlier this year": before publication within it; "later …" after
            if found["side"].lower() in words.earlier:
                window = Window(window.first, min(window.last, published), window.at)
            else:
                window = Window(max(window.first, published), window.last, window.at)
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


def find_dates(text: str, published: str | None, parsed: ParsedSentence | None = None) -> list[DateMention]:
    """Date expressions in ``text``, the longest first at each place, without overlaps."""
    return [mention for _, mention in dates_at(text, published, parsed)]


def dates_at(text: str, published: str | None, parsed: ParsedSentence | None = None) -> list[tuple[int, DateMention]]:
    """:func:`find_dates` with the offset of each in ``text``; ``parsed``, the parse of the sentence ``text`` is
    (``parsed.sentence.text``), gives the tense of the verbs the dates belong to where it holds a parse."""
    starts, ends, found = [], [], []  # the spans taken, in text order: disjoint, so their ends are in order too
    for pattern in date_patterns().dates:
        for match in pattern.finditer(text):
            before = bisect.bisect_left(starts, match.end())  # the spans that start before this one ends
            if before and ends[before - 1] > match.start():
                continue
            starts.insert(before, match.start())
            ends.insert(before, match.end())
            found.append((match.start(), resolve(match, published, parsed)))
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
        for rank, (start, mention) in enumerate(dates_at(item.sentence.text, published, item))
    ]
