"""Outlets and publication dates: the outlet comparison and coverage by date."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from briefing.corpus.metadata import far_off_dates, iso
from briefing.report.common import UNKNOWN, number, plural, top_shares, verb
from briefing.tables.analysis import Analysis

OFF_AXIS = ("before ", "after ")  # how the periods of far-off dates are named, kept off the axis

# The coverage-volume axis holds at most this many periods, whatever the dates (period_unit).
MAX_PERIODS = 120
YEARS_PER_PERIOD = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}
PERIOD_HEADERS = {
    "day": "Day",
    "week": "Week of",
    "month": "Month",
    "year": "Year",
    "decade": "Decade",
    "century": "Century",
    "millennium": "Millennium",
}


def outlet_comparison(analysis: Analysis) -> pd.DataFrame:
    """One row per known outlet: its articles and sentences, the position it reports most, its two main sources
    by side and by type, its share of direct quotations, its most covered theme and its mean sentence tone.

    Copies count for every outlet that ran them: the comparison is of what each outlet gave its readers.
    """
    articles = analysis.articles[analysis.articles["outlet"].notna() & (analysis.articles["outlet"] != "")]
    outlet = dict(zip(articles["id"], articles["outlet"], strict=True))
    if len(set(outlet.values())) < 2:
        return pd.DataFrame()
    sentences = analysis.sentences.assign(outlet=analysis.sentences["article"].map(outlet)).dropna(subset="outlet")
    sources = analysis.sources.assign(outlet=analysis.sources["article"].map(outlet)).dropna(subset="outlet")
    stances = analysis.stances.assign(outlet=analysis.stances["article"].map(outlet)).dropna(subset="outlet")
    themes = analysis.themes.assign(outlet=analysis.themes["article"].map(outlet)).dropna(subset="outlet")
    issues = analysis.codebook.issues if analysis.codebook else {}
    rows = []
    for name, group in articles.groupby("outlet", sort=True):
        said = sources[sources["outlet"] == name]
        read = sentences[sentences["outlet"] == name]
        claims = stances[stances["outlet"] == name].drop_duplicates(["article", "actor", "issue", "position"])
        positions = (
            claims.assign(
                label=claims["actor_name"]
                + " "
                + claims["position"].map(verb)
                + " “"
                + claims["issue"].map(lambda i: issues[i].short if i in issues else i)
                + "”"
            )["label"]
            .value_counts()
            .head(1)
        )
        touched = themes[themes["outlet"] == name].drop_duplicates(["article", "sentence", "theme"])
        theme_shares = touched["theme_label"].value_counts().head(1) / max(len(read), 1)
        rows.append(
            {
                "Outlet": name,
                "Articles": len(group),
                "Sentences": len(read),
                "Position reported most (articles)": "; ".join(f"{p} ({number(n)})" for p, n in positions.items()),
                "Sources by side": top_shares(said["side"], 2),
                "Sources by type": top_shares(said["source_type"], 2),
                "Direct quotes": (said["kind"] == "direct").mean() if len(said) else float("nan"),
                "Theme most covered (share of sentences)": " · ".join(f"{t} {s:.0%}" for t, s in theme_shares.items()),
                "Mean tone": read["polarity"].mean() if len(read) else float("nan"),
            }
        )
    return pd.DataFrame(rows).sort_values(["Articles", "Outlet"], ascending=[False, True]).reset_index(drop=True)


def coverage_by_date(analysis: Analysis) -> tuple[pd.DataFrame, str]:
    """Articles and sentences per publication day, week, month, year or longer (whichever keeps the periods
    few), with the outlets behind them; and the period's name. Distinct from the dates the articles mention.

    Every period from the first date to the last is a row, so that the bars stand on a time axis; dates far from
    the rest (:func:`~briefing.corpus.metadata.far_off_dates`, listed as input problems) are counted apart, in a row
    before or after the axis, so that one typo cannot stretch it over centuries.
    """
    articles = analysis.articles
    dated = articles[articles["published"].map(lambda value: isinstance(value, str) and bool(value))]
    if dated.empty:
        return pd.DataFrame(), ""
    days = dated["published"].map(date.fromisoformat)
    on_axis = days[~dated["published"].isin(far_off_dates(dated["published"]))]
    first, last = on_axis.min(), on_axis.max()
    unit = period_unit(first, last)
    labels = [
        period_label(start, unit) for start in periods_between(period_of(first, unit), period_of(last, unit), unit)
    ]
    before, after = f"{OFF_AXIS[0]}{labels[0]}", f"{OFF_AXIS[1]}{labels[-1]}"
    period = days.map(
        lambda day: before if day < first else after if day > last else period_label(period_of(day, unit), unit)
    )
    rows = [before] * bool((period == before).any()) + labels + [after] * bool((period == after).any())
    table = (
        dated.assign(period=period, outlet=dated["outlet"].fillna(UNKNOWN))
        .groupby("period", sort=False)
        .agg(
            articles=("id", "size"),
            sentences=("sentences", "sum"),
            outlets=("outlet", lambda o: ", ".join(f"{k} {number(v)}" for k, v in o.value_counts().items())),
        )
        .reindex(rows)
        .fillna({"articles": 0, "sentences": 0, "outlets": ""})
        .astype({"articles": int, "sentences": int})
        .rename_axis("period")
        .reset_index()
    )
    return table.rename(
        columns={
            "period": PERIOD_HEADERS[unit],
            "articles": "Articles",
            "sentences": "Sentences",
            "outlets": "Outlets (articles)",
        }
    ), unit


def period_unit(first: date, last: date) -> str:
    """The shortest period that lays the dates from ``first`` to ``last`` on an axis of few periods: days up to
    45 days, weeks up to two years, then months, years, decades, centuries or millennia, at most
    :data:`MAX_PERIODS` of them (millennia always fit: dates run from year 1 to 9999)."""
    span = (last - first).days
    if span <= 45:
        return "day"
    if span <= 730:
        return "week"
    if (last.year - first.year) * 12 + last.month - first.month < MAX_PERIODS:
        return "month"
    return next(
        unit for unit, width in YEARS_PER_PERIOD.items() if last.year // width - first.year // width < MAX_PERIODS
    )


def period_of(day: date, unit: str) -> date:
    """The first day of the period of ``unit`` that holds ``day`` (weeks start on Monday)."""
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    width = YEARS_PER_PERIOD[unit]
    return date(max(1, day.year // width * width), 1, 1)  # there is no year 0: the first decade starts in year 1


def periods_between(first: date, last: date, unit: str) -> list[date]:
    """The first days of every period of ``unit`` from the one starting on ``first`` to the one on ``last``."""
    periods = [first]
    while periods[-1] < last:
        start = periods[-1]
        if unit in ("day", "week"):
            periods.append(start + timedelta(days=1 if unit == "day" else 7))
        elif unit == "month":
            periods.append(date(start.year + start.month // 12, start.month % 12 + 1, 1))
        else:
            width = YEARS_PER_PERIOD[unit]
            periods.append(date(start.year // width * width + width, 1, 1))
    return periods


def period_label(start: date, unit: str) -> str:
    """The period of ``unit`` that starts on ``start`` as the axis names it: 2025-05-19, 2025-05, 2025,
    2020–2029."""
    if unit in ("day", "week"):
        return iso(start)
    if unit == "month":
        return iso(start)[:7]
    if unit == "year":
        return f"{start.year:04d}"
    width = YEARS_PER_PERIOD[unit]
    first_year = start.year // width * width
    return f"{max(first_year, 1):04d}–{first_year + width - 1:04d}"


def outlets_note(analysis: Analysis) -> str:
    """What the corpus says of its outlets, plainly, when there are too few to compare, and how to supply them."""
    articles = analysis.articles
    known_outlets = articles["outlet"].dropna()
    known_outlets = known_outlets[known_outlets != ""]
    return (
        f"Outlets are known for {len(known_outlets)} of {plural(len(articles), 'article')} "
        f"({plural(known_outlets.nunique(), 'outlet')}), too few to compare: an `outlet` column in the corpus's "
        "manifest.csv, `outlet:` in front matter or an HTML page's own site name gives each article its outlet."
    )


def dates_absent(analysis: Analysis) -> str:
    """Why publication volume cannot be shown, and how to supply dates, in one line; empty when an article has a
    publication date."""
    if len(coverage_by_date(analysis)[0]):
        return ""
    return (
        "No article has a publication date: a `date` column in the corpus's manifest.csv, `date:` in front matter "
        "or an HTML page's own date gives one."
    )
