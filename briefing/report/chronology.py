"""Timeline: dated events apart from history, and the timeline finding."""

from __future__ import annotations

from textwrap import shorten

import pandas as pd

from briefing.report.common import Finding, evidence_rows, known, number, once_per_analysis, plural
from briefing.tables.analysis import Analysis

EVENT_WINDOW_DAYS = 365  # a date farther than this from its article's own time is history or a target date


@once_per_analysis
def dated_kinds(analysis: Analysis) -> pd.Series:
    """Each dated mention as an ``event`` the article dates, ``background`` (history mentioned in passing, an
    analogy, a far target date), ``named`` (a date that names an event or a day, "the Sept. 11 attacks") or
    ``unresolved``.

    An event lies within a year of its article's time: the publication date where known, else the latest date
    the article mentions.
    """
    timeline = analysis.timeline
    if timeline.empty:
        return pd.Series([], dtype=str)
    resolved = timeline["resolved"].astype(bool)
    when = pd.to_datetime(timeline["date"].where(resolved).astype(str), format="mixed", errors="coerce")
    published = pd.to_datetime(analysis.articles.set_index("id")["published"], errors="coerce")
    latest = when.groupby(timeline["article"]).transform("max")
    reference = timeline["article"].map(published).fillna(latest)
    near = (when - reference).abs().dt.days <= EVENT_WINDOW_DAYS
    named = timeline["named"].astype(bool)
    return pd.Series(
        [
            "named" if m else "unresolved" if not r else "event" if n else "background"
            for m, r, n in zip(named, resolved, near, strict=True)
        ],
        index=timeline.index,
    )


def dated_mentions(analysis: Analysis) -> pd.DataFrame:
    """Every dated mention for display: events first, then background, named and unresolved ones."""
    timeline = analysis.timeline
    titles = analysis.articles.set_index("id")["title"].map(known)
    table = pd.DataFrame(
        {
            "Kind": dated_kinds(analysis),
            "Expression": timeline["expression"],
            "Date": timeline["date"].fillna("unresolved").where(~timeline["named"].astype(bool), "a name"),
            "Precision": timeline["precision"],
            "Article": timeline["article"].map(titles),
            "Evidence": timeline["evidence"],
        }
    )
    order = table["Kind"].map({"event": 0, "background": 1, "named": 2, "unresolved": 3})
    return table.assign(order=order).sort_values(["order", "Date"], kind="stable").drop(columns="order")


def events_absent(analysis: Analysis) -> str:
    """Why the timeline has no point, and how to supply one, in one line; empty when an article dates an event."""
    kinds = dated_kinds(analysis)
    if (kinds == "event").any():
        return ""
    if kinds.empty:
        return 'No article mentions a date ("May 16", "in February 2022"): the timeline has nothing to show.'
    unresolved = int((kinds == "unresolved").sum())
    if unresolved:
        return (
            f"No event is dated: {plural(unresolved, 'date')} the articles give {'has' if unresolved == 1 else 'have'} "
            "no year and no publication date to resolve it: give each article its date (a `date` column in "
            "manifest.csv, or `date:` in its front matter)."
        )
    named = int((kinds == "named").sum())
    given = [
        f"{plural(len(kinds) - named, 'date')} more than {EVENT_WINDOW_DAYS} days from its article's time "
        "(history, analogies or target dates)"
        if named < len(kinds)
        else "",
        (
            f"{plural(named, 'name')} of an event or a day (such as "
            f'"{analysis.timeline.loc[kinds == "named", "expression"].iloc[0]}")'
        )
        if named
        else "",
    ]
    return f"No event is dated: the articles give {' and '.join(part for part in given if part)}, listed below."


def timeline_finding(analysis: Analysis) -> Finding:
    """The span of the events the articles date, and how many mentions are background, names or unresolved."""
    timeline = analysis.timeline
    kinds = dated_kinds(analysis)
    events, background = timeline[kinds == "event"], timeline[kinds == "background"]
    dates = events["date"].astype(str)
    if len(events):
        heading = (
            f"the events the coverage dates run from {dates.min()} to {dates.max()}"
            if dates.min() != dates.max()
            else f"the events the coverage dates fall on {dates.min()}"
        )
    else:
        heading = "no event is dated"
    history = background["date"].astype(str)
    names = int((kinds == "named").sum())
    if not len(events):  # why not, and how to date them, instead of a sentence of zeros
        return Finding(
            heading,
            events_absent(analysis),
            evidence_rows(timeline, "evidence"),
            {
                "Dated events": "0",
                "History and target dates": number(len(background)),
                "Names of events or days": number(names),
                "Unresolved": number((kinds == "unresolved").sum()),
            },
        )
    unresolved = int((kinds == "unresolved").sum())
    text = (
        # the span of the events is the heading's; the text counts what else was dated, in a few lines at any size
        f"{plural(len(events), 'dated mention')} of events in {plural(events['article'].nunique(), 'article')}"
        + f"; {number(len(background))} more {'is' if len(background) == 1 else 'are'} history, analogies or "
        "target dates over a year from their article's time"
        + (
            f" ({history.min()}{'' if history.min() == history.max() else f' to {history.max()}'}), listed apart"
            if len(background)
            else ""
        )
        + (
            f"; {plural(names, 'date')} {'names' if names == 1 else 'name'} an event or a day "
            f'(such as "{shorten(timeline.loc[kinds == "named", "expression"].iloc[0], 30, placeholder=" …")}"), '
            "listed apart, not as events"
            if names
            else ""
        )
        + f"; {number(unresolved)} {'has' if unresolved == 1 else 'have'} no year and no publication date to resolve "
        + ("it." if unresolved == 1 else "them.")
    )
    facts = {
        "Dated events": number(len(events)),
        "Articles dating them": number(events["article"].nunique()),
        "First": dates.min() if len(events) else "none",
        "Last": dates.max() if len(events) else "none",
        "History and target dates": number(len(background)),
        "Names of events or days": number(names),
        "Unresolved": number((kinds == "unresolved").sum()),
    }
    if len(background):
        facts["Earliest history"], facts["Latest history or target"] = history.min(), history.max()
    return Finding(heading, text, evidence_rows(events, "evidence"), facts)


def timeline_evidence(analysis: Analysis, chart) -> list[tuple[str, str, pd.DataFrame]]:
    """For each row of the timeline chart (an article), the sentences that date its points, in the chart's order."""
    events = analysis.timeline[dated_kinds(analysis) == "event"]
    titles = analysis.articles.set_index("id")["title"].map(known)
    groups = []
    for article in dict.fromkeys(chart.data["article"]):
        rows = events[events["article"] == article]
        label = shorten(titles[article], 40, placeholder=" …")
        groups.append((label, plural(len(rows), "date"), evidence_rows(rows, "evidence")))
    return groups
