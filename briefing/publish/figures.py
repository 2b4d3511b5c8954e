"""The briefing's charts, drawn once from the sections' tables."""

from __future__ import annotations

from concurrent.futures import Executor
from textwrap import shorten

import pandas as pd

from briefing.publish.charts import (
    Chart,
    bar_chart,
    over_time_chart,
    position_chart,
    rendering_in,
    sources_chart,
    theme_heatmap,
    timeline_chart,
    tone_chart,
    volume_chart,
)
from briefing.report.chronology import dated_kinds
from briefing.report.common import known
from briefing.report.outlets import coverage_by_date
from briefing.report.position_matrix import chart_cells, position_matrix, prominent_holders
from briefing.report.positions_over_time import main_rows, over_time
from briefing.report.source_ledger import top_sources
from briefing.report.theme_shares import MIN_SENTENCES, theme_shares, theme_summary
from briefing.report.tone import tone_by_theme, tone_toward_actors
from briefing.schema import TABLE_DOCS
from briefing.tables.analysis import Analysis

CACHE_SECTION = "charts"  # the cache keys this section by the code of this module and all it imports

SHORT_LABEL = 20  # characters of an article's label under a heatmap column


def short_labels(articles: pd.DataFrame) -> dict[str, str]:
    """A short, unique label for each article: its outlet and date where both are known ("BBC News 2022-06-01"),
    else its title cut to a few words; :func:`label_key` says which label is which article."""
    labels, seen = {}, {}
    for row in articles.itertuples():
        outlet, date = (v if isinstance(v, str) and v else "" for v in (row.outlet, row.published))
        title = row.title if isinstance(row.title, str) and row.title else row.id
        label = (
            f"{shorten(outlet, 12, placeholder='…')} {date}"
            if outlet and date
            else shorten(title, SHORT_LABEL, placeholder=" …")
        )
        seen[label] = seen.get(label, 0) + 1
        labels[row.id] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return labels


def label_key(analysis: Analysis, chart: Chart) -> pd.DataFrame:
    """Which article each short label under a chart's columns stands for."""
    shown = list(dict.fromkeys(chart.data["article"]))
    labels = short_labels(analysis.articles)
    articles = analysis.articles.set_index("id")
    return pd.DataFrame(
        {
            "Label": [labels[a] for a in shown],
            "Article": [known(articles.at[a, "title"]) for a in shown],
            "Outlet": [known(articles.at[a, "outlet"]) for a in shown],
            "Date": [known(articles.at[a, "published"]) for a in shown],
        }
    )


TOP_N_ARTICLES = 15  # per-article charts show this many articles, and say which (the notebook's default too)


def briefing_charts(
    analysis: Analysis, top_n_articles: int = TOP_N_ARTICLES, renderer: Executor | None = None
) -> dict[str, Chart]:
    """Every chart of the briefing by its export name, drawn. With a ``renderer`` (an executor of one worker
    process), each is rendered to PNG there while this process draws the next, and its ``png`` is the future of
    its bytes until :func:`~briefing.publish.charts.rendered` (:func:`~briefing.publish.charts.rendering_in`)."""
    with rendering_in(renderer):
        return each_chart(analysis, top_n_articles)


def each_chart(analysis: Analysis, top_n_articles: int) -> dict[str, Chart]:
    """Every chart of the briefing by its export name, drawn (:func:`briefing_charts`)."""
    charts = {"tone_chart": tone_chart(analysis.tone, analysis.sentences, analysis.articles, top_n_articles)}
    volume, unit = coverage_by_date(analysis)
    if len(volume):
        charts["coverage_volume"] = volume_chart(volume, volume.columns[0], unit)
    charts.update(stance_charts(analysis))
    charts.update(over_time_charts(analysis))
    charts.update(source_charts(analysis))
    # Only the charts of themes need themes: tone toward actors and the timeline are drawn without them.
    if analysis.codebook is not None and len(analysis.themes):
        charts.update(theme_charts(analysis, top_n_articles))
        charts.update(theme_tone_charts(analysis))
    if analysis.codebook is not None:
        charts.update(actor_tone_charts(analysis))
    charts.update(event_charts(analysis, top_n_articles))
    return charts


def stance_charts(analysis: Analysis) -> dict[str, Chart]:
    """The position matrix of the holders the page shows first, at most the top holders and issues of
    :func:`~briefing.report.position_matrix.chart_cells`, when there are any; every cell is in its data."""
    matrix = position_matrix(analysis)
    actors, issues = chart_cells(analysis)
    if not actors:
        return {}
    shown = matrix[prominent_holders(matrix, analysis.codebook)]  # what the page's matrix shows
    capped = len(actors) < shown["actor"].nunique() or len(issues) < shown["issue"].nunique()
    return {"position_matrix": position_chart(matrix, actors, issues, capped)}


def over_time_charts(analysis: Analysis) -> dict[str, Chart]:
    """The main actors' positions on the main issues per week or month, when the dated claims span enough."""
    view = over_time(analysis)
    shown = main_rows(view)
    if shown.empty:
        return {}
    return {
        "positions_over_time_chart": over_time_chart(
            shown, view.periods, view.unit, TABLE_DOCS["positions_over_time"].columns
        )
    }


def source_charts(analysis: Analysis) -> dict[str, Chart]:
    """The most-cited sources, when there are any, coloured by the codebook's sides (or by the sides found)."""
    top = top_sources(analysis)
    if top.empty:
        return {}
    sides = list(analysis.codebook.sides) if analysis.codebook else sorted(set(top["side"]))
    return {"top_sources": sources_chart(top, sides)}


def theme_charts(analysis: Analysis, top_n_articles: int) -> dict[str, Chart]:
    """The themes across the most theme-dense articles (a heatmap) and across all sentences (bars)."""
    shares = theme_shares(analysis)
    if shares.shape[1] > top_n_articles:  # a readable chart shows the most theme-dense articles
        keep = set(shares.sum().sort_values(ascending=False, kind="stable").index[:top_n_articles])
        shares = shares[[c for c in shares.columns if c in keep]]
    summary = theme_summary(analysis)
    heatmap = theme_heatmap(
        shares,
        short_labels(analysis.articles),
        total=len(analysis.articles),
        overall=summary.set_index("theme")["share"],
    )
    bars = bar_chart(
        summary,
        "theme",
        "share",
        "Share of all sentences touching each theme",
        "Share of sentences",
        {
            "theme": "Theme.",
            "share": "Share of all sentences touching it (the bar).",
            "sentences": "Sentences touching it.",
            "stories": "Stories touching it.",
        },
        note="sentences",
    )
    return {"theme_heatmap": heatmap, "theme_shares": bars}


def theme_tone_charts(analysis: Analysis) -> dict[str, Chart]:
    """The tone of each theme's sentences."""
    return {
        "tone_by_theme": bar_chart(
            tone_by_theme(analysis).iloc[::-1].reset_index(drop=True),
            "theme",
            "polarity",
            "Tone by theme (mean sentence polarity)",
            "Mean polarity (n = sentences)",
            {
                "theme": "Theme.",
                "polarity": "Mean polarity of its sentences (the bar).",
                "n": "Sentences.",
                "thin": f"True when fewer than {MIN_SENTENCES} sentences: too thin to compare.",
            },
            signed_axis=True,
        )
    }


def actor_tone_charts(analysis: Analysis) -> dict[str, Chart]:
    """The tone of the sentences mentioning each codebook actor, when any does."""
    actors = tone_toward_actors(analysis)
    if not len(actors):
        return {}
    return {
        "tone_toward_actors": bar_chart(
            actors.iloc[::-1].reset_index(drop=True)[["actor", "polarity", "n", "articles", "thin", "by_article"]],
            "actor",
            "polarity",
            "Tone of the sentences mentioning each actor",
            "Mean polarity (n = sentences)",
            {
                "actor": "Actor.",
                "polarity": "Mean polarity of sentences mentioning it (the bar).",
                "n": "Sentences.",
                "articles": "Articles.",
                "thin": f"True when fewer than {MIN_SENTENCES} sentences: too thin to compare.",
                "by_article": "Mean polarity and sentences in each article that mentions it, most sentences "
                "first, separated by `; ` (the briefing lists the first ten).",
            },
            signed_axis=True,
        )
    }


def event_charts(analysis: Analysis, top_n_articles: int) -> dict[str, Chart]:
    """The events the articles date, on a timeline of the articles that date most of them, when there are any."""
    events = analysis.timeline[dated_kinds(analysis) == "event"]
    if not len(events):  # only the events the articles date: history in passing would stretch the axis
        return {}
    labels = analysis.articles.set_index("id")["title"].map(known).to_dict()
    busiest = events["article"].value_counts(sort=True).index[:top_n_articles]
    chart = timeline_chart(events[events["article"].isin(set(busiest))], labels, total=events["article"].nunique())
    return {"timeline_chart": chart}
