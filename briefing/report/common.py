"""What every section shares: the Finding, evidence rows, stories, and small wording helpers."""

from __future__ import annotations

import functools
import re
import weakref
from textwrap import shorten
from typing import NamedTuple

import pandas as pd

from briefing.schema import CONDITIONAL, OPPOSE, SUPPORT
from briefing.tables.analysis import Analysis

UNKNOWN = "unknown"

EVIDENCE_COLUMNS = ["article", "sentence", "start", "end", "text"]

MIXED = "mixed"  # the position of a holder whose claims on one issue disagree (the position matrix's)


def once_per_analysis(function):
    """Compute ``function(analysis, …)`` once per analysis and arguments: several sections, the charts and the
    key findings read the same tables, and an analysis's tables are never changed once made.

    A result is dropped when the analysis's articles table is; a DataFrame is handed out as a copy.
    """
    results: dict[tuple, object] = {}

    @functools.wraps(function)
    def cached(analysis: Analysis, *args, **kwargs):
        key = (tuple(id(t) for t in analysis if isinstance(t, pd.DataFrame)), args, tuple(sorted(kwargs.items())))
        if key not in results:
            results[key] = function(analysis, *args, **kwargs)
            weakref.finalize(analysis.articles, results.pop, key, None)
        found = results[key]
        return found.copy() if isinstance(found, pd.DataFrame | pd.Series) else found

    return cached


class Finding(NamedTuple):
    """A headline, the sentence with numbers that supports it, and the rows that prove it."""

    heading: str
    text: str
    evidence: pd.DataFrame | None = None  # EVIDENCE_COLUMNS: the sentences or quotations behind the numbers
    facts: dict[str, str] | None = None  # every figure the text states, by what it counts, shown beside it


def evidence_rows(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows of a table as evidence: where each stands in its article, and its words (column ``text``)."""
    rows = frame.rename(columns={text: "text"}) if text != "text" else frame
    return rows[EVIDENCE_COLUMNS].sort_values(["article", "sentence", "start"], kind="stable").reset_index(drop=True)


def known(value) -> str:
    """``value`` as text, or "unknown" when missing."""
    return UNKNOWN if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def story_of(analysis: Analysis) -> dict[str, str]:
    """Each article's story: the article it copies, or itself. Copies count once."""
    articles = analysis.articles
    return dict(zip(articles["id"], articles["duplicate_of"].fillna(articles["id"]), strict=True))


def verb(position: str) -> str:
    """The verb for a position, for findings."""
    return {
        SUPPORT: "supports",
        OPPOSE: "opposes",
        CONDITIONAL: "conditionally accepts",
        MIXED: "takes mixed positions on",
    }[position]


def top_shares(values: pd.Series, n: int = 3) -> str:
    """The ``n`` most frequent values and their shares: "Russia 45% · Ukraine 30% · US 12%"."""
    shares = values.value_counts(normalize=True).head(n)
    return " · ".join(f"{value} {share:.0%}" for value, share in shares.items())


FINDING_ITEMS = 5  # the most items a key finding names: the rest are counted, and listed in its section and export
FINDING_CHARS = 400  # the longest a key finding (heading and text) grows: it names fewer items rather than more words
ITEM_CHARS = 90  # one named item is cut to this many characters, so that one long name leaves room for the others


# What the page shows of what grows with the corpus, in one place; every row is in the export. On 10,707 real
# articles the page was 10.0 MB with every matrix cell's sentences and every holder in it (issue 32): these keep it
# under 5 MB and say on the page, where each applies, how much is shown and where the rest is.
CELL_EVIDENCE = 3  # sentences under one matrix cell, from as many outlets and stories as it has (see varied_order)
FINDING_EVIDENCE = 10  # rows under one key finding, or one count of a section ("Jane Doe (24)")
PRINTED_EVIDENCE = 5  # rows of one evidence fold on paper: ten behind each of eight findings would fill pages
TABLE_ROWS = 250  # rows of one table written into the page
CHART_ACTORS = 30  # rows of the position-matrix chart: the holders in the most stories
CHART_ISSUES = 16  # columns of the position-matrix chart: the issues with the most statements
MATRIX_HOLDERS = 40  # holders outside the codebook in the matrix, beside the codebook's actors (most stories)
LISTED_HOLDERS = 60  # further holders outside the codebook, listed folded under the matrix (most stories)


def varied_order(rows: pd.DataFrame, spread: list[str], within: list[str] | None = None) -> pd.DataFrame:
    """``rows`` reordered so that any first few come from as many different values of the ``spread`` columns as
    there are, the first column first. With ``["position", "outlet", "story"]``: one row of each position, then a
    second of each, and so on; each taken from an outlet not yet shown where there is one, and from a story not
    yet shown ("three sentences from three outlets" rather than the first three of one article). Rows tie in their
    given order, so the same rows give the same order. With ``within`` (columns such as ``["actor", "issue"]``),
    each group of rows is varied on its own: the first rows of each group, in order, are the varied ones.
    """
    for column in reversed(spread):  # the last column first: each sort keeps the order the later ones made
        if rows.empty:
            break
        # how many rows before each share its value: 0 for the first of its outlet, 1 for the second …
        seen = rows.groupby([*(within or []), column], sort=False, dropna=False).cumcount().to_numpy()
        rows = rows.iloc[seen.argsort(kind="stable")]
    return rows


def number(count: int) -> str:
    """A count as findings and sections print it, with thousands separators: "177,794"."""
    return f"{int(count):,}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 story", "2 stories", "1,018 stories"."""
    return f"{number(count)} {word if count == 1 else (words or word + 's')}"


def out_of(part: int, whole: int) -> str:
    """ "518 of 10,602": a part and its whole, formatted alike."""
    return f"{number(part)} of {number(whole)}"


def with_side(name: str, side: str) -> str:
    """ "Jane Doe (Freedonia)": a name and its side, or the name alone where the side is named after it (a
    country's own side: "Freedonia", not "Freedonia (Freedonia)")."""
    return name if name == side else f"{name} ({side})"


def named_and_counted(items: list[str], total: int, where: str, room: int = FINDING_CHARS) -> str:
    """The first of ``items`` (already in the order of the measure that ranks them), joined by "; ", and how many
    of ``total`` are left, with ``where`` they are listed: a finding that named them all would grow with the corpus
    (317 disagreeing cells on 10,707 real articles).

    Names at most :data:`FINDING_ITEMS`, and fewer when more would not fit in ``room`` characters; always one.
    """
    items = [shorten(item, ITEM_CHARS, placeholder=" …") for item in items]

    def listed(n: int) -> str:
        rest = total - n
        return "; ".join(items[:n]) + (f"; and {number(rest)} more ({where})" if rest > 0 else "")

    n = min(FINDING_ITEMS, len(items))
    while n > 1 and len(listed(n)) > room:
        n -= 1
    return listed(n)


# a number as a token of its own (not inside a word such as "a00123" or "F16"), its integer part in groups
NUMBER = re.compile(r"(?<![\w.,])(?P<integer>\d+(?:,\d+)*)(?P<fraction>\.\d+)?(?!\w)")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")  # an article's or the codebook's words, as written, not the briefing's
YEARS = range(1800, 2200)  # a bare four-digit number in this range is a year, not a count


def unformatted_numbers(text: str) -> list[str]:
    """The numbers of ``text`` not printed as :func:`number` prints them: an integer part of four digits or more
    without thousands separators ("177794"), or with groups other than of three ("1,77,794").

    Not counted as numbers: digits inside a word ("a00123", "F16"), the digits after a decimal point, a year
    (1800 to 2199) and an ISO date's year ("9999-12-31"), and anything inside quotation marks: a quoted title
    or label is the article's or the codebook's wording, which the briefing shows as written.
    """
    unquoted = QUOTED.sub(" ", text)
    wrong = []
    for match in NUMBER.finditer(unquoted):
        integer = match["integer"]
        groups = integer.split(",")
        if len(groups) > 1:
            if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
                wrong.append(match[0])
        elif len(integer) >= 4:
            year = len(integer) == 4 and (int(integer) in YEARS or re.match(r"-\d\d\b", unquoted[match.end() :]))
            if not year or match["fraction"]:
                wrong.append(match[0])
    return wrong


def signed(value: float, places: int = 2) -> str:
    """``value`` with its sign, never "-0.00" (the ``z`` of the format)."""
    return f"{value:+z.{places}f}"


def codebook_lacks(codebook, what: str, block: str, shows: str) -> str:
    """The one line a section shows when the codebook defines none of ``what`` (its ``block:``): why, and how to
    supply it, to see what the section ``shows``."""
    if codebook is None:
        return f"No codebook was given: pass one with --codebook FILE (see README) to see {shows}."
    return f"This codebook defines no {what}: add a `{block}:` block (see README) to see {shows}."
