"""Outlets and publication dates: the outlet comparison and coverage by date."""

from __future__ import annotations

import pandas as pd

from briefing.markup import UNKNOWN, plural
from briefing.pipeline import Analysis
from briefing.report.common import top_shares, verb


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
                "Position reported most (articles)": "; ".join(f"{p} ({n})" for p, n in positions.items()),
                "Sources by side": top_shares(said["side"], 2),
                "Sources by type": top_shares(said["source_type"], 2),
                "Direct quotes": (said["kind"] == "direct").mean() if len(said) else float("nan"),
                "Theme most covered (share of sentences)": " · ".join(f"{t} {s:.0%}" for t, s in theme_shares.items()),
                "Mean tone": read["polarity"].mean() if len(read) else float("nan"),
            }
        )
    return pd.DataFrame(rows).sort_values(["Articles", "Outlet"], ascending=[False, True]).reset_index(drop=True)


def coverage_by_date(analysis: Analysis) -> tuple[pd.DataFrame, str]:
    """Articles and sentences per publication day, week or month (whichever keeps the periods few), with the
    outlets behind them; and the period's name. Distinct from the dates the articles mention."""
    articles = analysis.articles.assign(when=pd.to_datetime(analysis.articles["published"], errors="coerce"))
    dated = articles.dropna(subset="when")
    if dated.empty:
        return pd.DataFrame(), ""
    span = (dated["when"].max() - dated["when"].min()).days
    period, unit = ("D", "day") if span <= 45 else ("W-SUN", "week") if span <= 730 else ("M", "month")
    periods = dated["when"].dt.to_period(period)
    table = (
        dated.assign(period=periods, outlet=dated["outlet"].fillna(UNKNOWN))
        .groupby("period", sort=True)
        .agg(
            articles=("id", "size"),
            sentences=("sentences", "sum"),
            outlets=("outlet", lambda o: ", ".join(f"{k} {v}" for k, v in o.value_counts().items())),
        )
        # every period between the first and the last, so that the bars stand on a time axis
        .reindex(pd.period_range(periods.min(), periods.max(), freq=period))
        .fillna({"articles": 0, "sentences": 0, "outlets": ""})
        .astype({"articles": int, "sentences": int})
    )
    table.index = table.index.start_time.strftime("%Y-%m" if unit == "month" else "%Y-%m-%d")
    table = table.rename_axis("period").reset_index()
    header = {"day": "Day", "week": "Week of", "month": "Month"}[unit]
    return table.rename(
        columns={"period": header, "articles": "Articles", "sentences": "Sentences", "outlets": "Outlets (articles)"}
    ), unit


def outlets_note(analysis: Analysis) -> str:
    """What the corpus says of its outlets, plainly, when there are too few to compare."""
    articles = analysis.articles
    known_outlets = articles["outlet"].dropna()
    known_outlets = known_outlets[known_outlets != ""]
    return (
        f"Outlets are known for {len(known_outlets)} of {plural(len(articles), 'article')} "
        f"({plural(known_outlets.nunique(), 'outlet')}): too few to compare. An outlet column in the corpus's "
        "manifest.csv, an outlet in front matter or an HTML page's own site name gives each article its outlet."
    )
