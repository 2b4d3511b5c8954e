"""Pass 2, quotations: quoted text in any quoting style, each with the syntactic row it belongs to, merged into one
row per quotation told by one speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from briefing.language.parsing import ParsedSentence
from briefing.language.spans import SpanSet
from briefing.taggers.sources.source_rows import Found, Quotation
from briefing.taggers.sources.source_speakers import overlaps
from briefing.taggers.sources.source_triggers import QUOTE_MARKS

OPENING = {"“": "”", "„": "“", "«": "»", "``": "''", "‘": "’"}
PARTIAL_WORDS = 8  # a quotation of at most this many words inside a longer sentence is a phrase
INTRODUCES_BEFORE = 40  # characters at most between a cue without content and the quotation it introduces
INTRODUCES_AFTER = 6  # and between a quotation and the speech tag after it (", he said")


def find_quotations(source: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quotation]:
    """Quoted spans, paragraph by paragraph (``(start, end)`` each); an unclosed quotation runs to its paragraph's
    end."""
    quotations: list[Quotation] = []
    open_from_before = False
    for start, end in paragraphs:
        text = source[start:end]
        opened: tuple[int, str] | None = None
        marks = list(QUOTE_MARKS.finditer(text))
        continues = open_from_before and bool(marks) and marks[0].start() < 3
        open_from_before = False
        for mark in marks:
            symbol = mark.group()
            if opened is None:
                if symbol not in ("”", "»", "’"):  # else a closing mark without its opening one
                    opened = (mark.end(), symbol)
                continue
            closer = OPENING.get(opened[1], opened[1])
            if symbol == closer or (opened[1] in ('"', "''") and symbol in ('"', "''", "”")):
                if symbol in ('"', "''") and opens_only(text, mark):
                    opened = (mark.end(), symbol)  # the quotation before was never closed: this one starts anew
                    continue
                if mark.start() > opened[0]:
                    quotations.append(Quotation(start + opened[0], start + mark.start(), continues))
                continues = False
                opened = None
            # any other mark inside a quotation (a single quote inside a double one) is part of it
        if opened is not None and opened[1] != "‘":
            body = text[opened[0] :].rstrip()
            if len(body.split()) >= 3:
                quotations.append(Quotation(start + opened[0], start + opened[0] + len(body), continues))
                open_from_before = True
    return [q for q in quotations if source[q.start : q.end].strip()]


def opens_only(text: str, mark: re.Match) -> bool:
    """A straight mark that can only open a quotation: a space before it, a word right after it."""
    before = text[mark.start() - 1 : mark.start()]
    after = text[mark.end() : mark.end() + 1]
    return (not before or before.isspace() or before in "([—–") and after.isalnum()


def sentence_finder(parsed: Sequence[ParsedSentence]) -> Callable[[int], ParsedSentence | None]:
    """A function giving the first sentence of ``parsed`` that holds an offset, or None, in logarithmic time."""
    ordered = sorted(enumerate(parsed), key=lambda pair: (pair[1].sentence.start, pair[0]))
    starts = [item.sentence.start for _, item in ordered]
    # the sentences of an article do not overlap; were they to, the first in ``parsed`` that holds it wins
    overlapping_any = any(
        a.sentence.end > b.sentence.start or a.sentence.start == b.sentence.start
        for (_, a), (_, b) in pairwise(ordered)
    )

    def sentence_at(offset: int) -> ParsedSentence | None:
        if overlapping_any:
            return next((item for item in parsed if item.sentence.start <= offset < item.sentence.end), None)
        before = bisect.bisect_right(starts, offset)
        item = ordered[before - 1][1] if before else None
        return item if item is not None and offset < item.sentence.end else None

    return sentence_at


def quotation_rows(
    quotations: list[Quotation], syntactic_rows: list[Found], parsed: Sequence[ParsedSentence], source: str
) -> tuple[list[Found], set[int]]:
    """Pass 2: each quotation with the syntactic row it belongs to; returns rows and the rows they replace.

    A quotation belongs to a row whose content overlaps it, or, failing that,
    to a row of its sentence whose cue stands outside every quotation and
    whose content is empty or the quotation itself. Short quotations inside
    a longer paraphrase are ``partial``.
    """
    rows: list[Found] = []
    used: set[int] = set()
    quoted = SpanSet((q.start, q.end) for q in quotations)
    sentence_at = sentence_finder(parsed)
    near = RowsNear(syntactic_rows, lambda row: row.cue is not None and not quoted.covers(row.cue[0]))
    for quote in quotations:
        span = (quote.start, quote.end)
        words = len(source[quote.start : quote.end].split())
        home = sentence_at(quote.start)
        sentence_words = home.sentence.words if home else words
        candidates = [
            (index, syntactic_rows[index])
            for index in near.candidates(quote)
            if (syntactic_rows[index].pieces and overlaps(syntactic_rows[index].span, span))
            or (not syntactic_rows[index].pieces and introduces(syntactic_rows[index], quote, source))
        ]
        fragment = source[quote.start : quote.start + 1].islower()
        if not candidates:
            kind = "floating phrase" if fragment and words <= PARTIAL_WORDS else "floating"
            rows.append(Found(kind, home.sentence.index if home else -1, (span,), None, "", "", None, None))
            continue
        index, row = min(
            candidates,
            key=lambda pair: (
                home is None or pair[1].sentence != home.sentence.index,
                abs(pair[1].cue[0] - quote.start),
            ),
        )
        # A short phrase woven into a sentence: inside a longer paraphrase ("called them “substantive
        # discussions” with …"), or a fragment that starts in lower case ("what he described as the “liberation …”").
        partial = (
            words <= PARTIAL_WORDS
            and sentence_words > words + 4
            and (fragment or (bool(row.pieces) and len(source[row.span[0] : row.span[1]].split()) >= words + 3))
        )
        if partial:
            rows.append(
                row._replace(kind="partial", pieces=(span,), sentence=home.sentence.index if home else row.sentence)
            )
        else:
            used.add(index)
            rows.append(
                row._replace(kind="direct", pieces=(span,), sentence=home.sentence.index if home else row.sentence)
            )
    return rows, used


def introduces(row: Found, quote: Quotation, source: str) -> bool:
    """A cue with no content of its own right before a quotation ("X told reporters: “…”") or after it."""
    if row.cue[1] <= quote.start:
        before = source[row.cue[1] : quote.start]
        return len(before) <= INTRODUCES_BEFORE and not re.search(r"[.!?]\s|\n\s*\n", before)
    tag = tag_start(row)
    return quote.end <= tag <= quote.end + INTRODUCES_AFTER and "\n" not in source[quote.end : tag]


def tag_start(row: Found) -> int:
    """Where the speech tag after a quotation starts: its cue or its speaker, whichever comes first."""
    return min(row.cue[0], (row.mention or row.cue)[0])


class RowsNear:
    """The syntactic rows that a quotation can belong to (:func:`quotation_rows`), found by place rather than by
    trying every row for every quotation (cubic in quotations: 700 copies of one quoted sentence took 89 s).

    A row with content can overlap a quotation only if it starts less than the longest row's length before the
    quotation (a row's content lies within its sentence); a row without content can introduce one only from
    :data:`INTRODUCES_BEFORE` characters before it or :data:`INTRODUCES_AFTER` after it (:func:`introduces`).
    """

    def __init__(self, rows: Sequence[Found], wanted: Callable[[Found], bool]) -> None:
        kept = [index for index, row in enumerate(rows) if wanted(row)]
        with_content = sorted((rows[i].span[0], i) for i in kept if rows[i].pieces)
        self.longest = max((rows[i].span[1] - rows[i].span[0] for _, i in with_content), default=0)
        bare = [i for i in kept if not rows[i].pieces]
        # each list: (place, row position), in order of place
        self.by_start = with_content
        self.by_cue_end = sorted((rows[i].cue[1], i) for i in bare)
        self.by_tag = sorted((tag_start(rows[i]), i) for i in bare)

    def candidates(self, quote: Quotation) -> list[int]:
        """Positions of the rows that may overlap or introduce ``quote``, in order (a superset: test each)."""
        found = {
            *within(self.by_start, quote.start - self.longest, quote.end - 1),
            *within(self.by_cue_end, quote.start - INTRODUCES_BEFORE, quote.start),
            *within(self.by_tag, quote.end, quote.end + INTRODUCES_AFTER),
        }
        return sorted(found)


def within(places: list[tuple[int, int]], low: int, high: int) -> list[int]:
    """The row positions of ``places`` (sorted ``(place, position)`` pairs) whose place is in ``[low, high]``."""
    first = bisect.bisect_left(places, (low, -1))
    last = bisect.bisect_left(places, (high + 1, -1))
    return [position for _, position in places[first:last]]


def merge_quotation_rows(rows: list[Found], source: str, run_on: set[int] = frozenset()) -> list[Found]:
    """One row per quotation told by one speaker.

    "“A,” he said. “B.”" is one row; so is a quotation whose paragraph ends without a closing mark and the
    one that runs on from it (``run_on`` holds where such continuations start), with the speaker given once,
    before or after.
    """
    merged: list[Found] = []
    pieces: list[list[tuple[int, int]]] = []  # of each merged row, grown in place (a new tuple each time: quadratic)
    for row in sorted(rows, key=lambda r: r.span):
        previous = merged[-1] if merged else None
        quotes = {"direct", "floating"}
        if previous is not None and row.span[0] in run_on and previous.kind in quotes and row.kind in quotes:
            told = previous if previous.kind == "direct" else row
            merged[-1] = told._replace(pieces=(previous.pieces[0], row.pieces[-1]), sentence=previous.sentence)
            pieces[-1].extend(row.pieces)
            continue
        if (
            previous is not None
            and previous.kind == "direct"
            and (row.kind, row.cue) in (("direct", previous.cue), ("floating", None))
            and len(source[previous.span[1] : row.span[0]].split()) <= 12
            and "\n\n" not in source[previous.span[1] : row.span[0]].replace("\r", "")
        ):
            merged[-1] = previous._replace(pieces=(previous.pieces[0], row.pieces[-1]))
            pieces[-1].extend(row.pieces)
            continue
        merged.append(row)
        pieces.append(list(row.pieces))
    return [row._replace(pieces=tuple(own)) for row, own in zip(merged, pieces, strict=True)]
