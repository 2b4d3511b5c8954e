"""Stances over time: how each main actor's position on each main issue moved, by the articles' publication dates.

The position matrix sums all of a corpus's months into one cell. This view splits each actor–issue pair's stories
into weeks or months by the date each story was first published (never the dates its text mentions), counts them
by position as the matrix does (copies count once, each story takes the position of most of its statements), and
flags where the position a clear majority of a window's stories report differs from the last window with one.
"""

from __future__ import annotations

import math
from datetime import date
from typing import NamedTuple

import pandas as pd

from briefing.corpus.metadata import far_off_dates, iso
from briefing.report.common import (
    FINDING_CHARS,
    MIXED,
    Finding,
    evidence_rows,
    named_and_counted,
    number,
    once_per_analysis,
    plural,
    story_of,
)
from briefing.report.outlets import OFF_AXIS, period_label, period_of, periods_between
from briefing.report.position_matrix import story_position_rows
from briefing.schema import CHANGE_STORIES, MIN_SPAN_DAYS, MONTHS_UP_TO, POSITIONS, WEEKS_UP_TO_DAYS, columns
from briefing.tables.analysis import Analysis

MAIN_ACTORS = 8  # holders the page follows: those in most dated stories with a claim, at any corpus size
MAIN_ISSUES = 4  # issues the page follows: those in most dated stories with a claim
CORE_SHARE = 0.9  # the axis spans the fewest days that hold this share of the dated stories; the rest sit beside it
CHANGE_EVIDENCE = 5  # sentences the page shows for each change; every one is in stances.csv

OVER_TIME_COLUMNS = columns("positions_over_time")


class OverTime(NamedTuple):
    """The positions of every actor–issue pair per window, and what the page needs to show them."""

    table: pd.DataFrame  # OVER_TIME_COLUMNS: one row per pair and window with a dated story
    unit: str  # "week", "month" or "year"; empty when there is no view (see :func:`over_time_absent`)
    periods: list[str]  # every window from the first dated claim to the last, in order, as the table names them
    dated: pd.DataFrame  # one row per pair and story: its position, claims, date (ISO) and period
    undated: int  # stories with a claim that have no usable publication date, left out of the view
    actors: list[str]  # the main actors (ids), most stories first
    issues: list[str]  # the main issues (ids), most stories first
    core: tuple[date, date] | None = None  # the first and last day of the axis (:func:`core_span`)


def story_dates(analysis: Analysis) -> dict[str, str]:
    """Each story's date: the earliest publication date among its articles (its copies included), leaving out
    dates far from the rest (listed as input problems), as ISO text; stories without one are absent."""
    articles = analysis.articles
    published = articles["published"].where(articles["published"].map(lambda v: isinstance(v, str) and bool(v)))
    published = published.where(~published.isin(far_off_dates(published.dropna())))
    stories = articles["duplicate_of"].fillna(articles["id"])
    return pd.Series(published.to_numpy(), index=stories.to_numpy()).dropna().groupby(level=0).min().to_dict()


def dated_story_positions(analysis: Analysis) -> tuple[pd.DataFrame, int]:
    """One row per actor, issue and story: the story's position (as the position matrix takes it), its
    statements and its date; and the number of stories with a claim left out for want of a date."""
    columns = ["actor", "actor_name", "side", "issue", "story", "position", "claims", "date"]
    stances = analysis.stances
    if stances.empty or analysis.codebook is None:
        return pd.DataFrame(columns=columns), 0
    stories = stances.assign(story=stances["article"].map(story_of(analysis)))
    positions = story_position_rows(stories)
    claims = stories.groupby(["actor", "issue", "story"], sort=False).size().rename("claims").reset_index()
    names = stories.drop_duplicates("actor").set_index("actor")[["actor_name", "side"]]
    table = positions.merge(claims, on=["actor", "issue", "story"]).join(names, on="actor")
    table["date"] = table["story"].map(story_dates(analysis))
    undated = int(table.loc[table["date"].isna(), "story"].nunique())
    return table.dropna(subset=["date"])[columns].reset_index(drop=True), undated


def window_unit(first: date, last: date) -> str:
    """The window of the view for dates from ``first`` to ``last``: empty under :data:`MIN_SPAN_DAYS`, a week up
    to :data:`WEEKS_UP_TO_DAYS`, a month up to :data:`MONTHS_UP_TO` months, else a year."""
    span = (last - first).days
    if span < MIN_SPAN_DAYS:
        return ""
    if span <= WEEKS_UP_TO_DAYS:
        return "week"
    return "month" if (last.year - first.year) * 12 + last.month - first.month < MONTHS_UP_TO else "year"


def ranked(dated: pd.DataFrame, key: str, n: int) -> list[str]:
    """The ``n`` values of ``key`` (actor or issue) in most stories, then most statements, then by id: the same
    measure at 40 articles as at 10,000."""
    counts = dated.groupby(key).agg(stories=("story", "nunique"), claims=("claims", "sum")).reset_index()
    counts = counts.sort_values(["stories", "claims", key], ascending=[False, False, True], kind="stable")
    return list(counts[key].head(n))


@once_per_analysis
def over_time(analysis: Analysis) -> OverTime:
    """The positions of every actor–issue pair per window (:class:`OverTime`), computed once per analysis."""
    dated, undated = dated_story_positions(analysis)
    empty = pd.DataFrame(columns=OVER_TIME_COLUMNS)
    if dated.empty:
        return OverTime(empty, "", [], dated, undated, [], [])
    first, last = core_span(dated.drop_duplicates("story")["date"])
    unit = window_unit(first, last)
    if not unit:
        return OverTime(empty, "", [], dated, undated, [], [])
    start, end = period_of(first, unit), period_of(last, unit)
    axis = [period_label(p, unit) for p in periods_between(start, end, unit)]
    before, after = f"{OFF_AXIS[0]}{axis[0]}", f"{OFF_AXIS[1]}{axis[-1]}"
    starts = dated["date"].map(lambda day: period_of(date.fromisoformat(day), unit))
    dated = dated.assign(period=[before if p < start else after if p > end else period_label(p, unit) for p in starts])
    periods = (
        [before] * bool((dated["period"] == before).any()) + axis + [after] * bool((dated["period"] == after).any())
    )
    actors, issues = ranked(dated, "actor", MAIN_ACTORS), ranked(dated, "issue", MAIN_ISSUES)
    table = windows(dated, analysis.codebook, unit, periods)
    table["main"] = table["actor"].isin(actors) & table["issue"].isin(issues)
    return OverTime(table[OVER_TIME_COLUMNS], unit, periods, dated, undated, actors, issues, (first, last))


def core_span(dates: pd.Series) -> tuple[date, date]:
    """The first and last day of the axis: from the first of ``dates`` (ISO) to the last, unless the fewest days
    that hold :data:`CORE_SHARE` of them (the earliest such run) span under half of that, so that a few old
    stories do not stretch the axis over years; dates spread evenly keep their whole span."""
    days = sorted(date.fromisoformat(day).toordinal() for day in dates)
    held = max(1, math.ceil(CORE_SHARE * len(days)))
    widths = [days[i + held - 1] - days[i] for i in range(len(days) - held + 1)]
    i = widths.index(min(widths))
    if widths[i] * 2 >= days[-1] - days[0]:
        return date.fromordinal(days[0]), date.fromordinal(days[-1])
    return date.fromordinal(days[i]), date.fromordinal(days[i + held - 1])


def windows(dated: pd.DataFrame, codebook, unit: str, periods: list[str]) -> pd.DataFrame:
    """One row per pair and window: its stories by position, the window's position, whether it is settled, and
    the change from the last settled window before it (:func:`flag_changes`)."""
    counts = (
        dated.groupby(["actor", "issue", "period", "position"], sort=False)["story"]
        .nunique()
        .unstack("position", fill_value=0)
        .reindex(columns=list(POSITIONS), fill_value=0)
    )
    table = counts.reset_index()
    table["stories"] = table[list(POSITIONS)].sum(axis=1)
    claims = dated.groupby(["actor", "issue", "period"], sort=False)["claims"].sum()
    table["claims"] = claims.loc[list(zip(table["actor"], table["issue"], table["period"], strict=True))].to_numpy()
    top = table[list(POSITIONS)].max(axis=1)
    leaders = table[list(POSITIONS)].eq(top, axis=0)
    # the position most stories report, as the matrix takes it (mixed on a tie)
    table["position"] = leaders.idxmax(axis=1).where(leaders.sum(axis=1) == 1, MIXED)
    table["settled"] = (top >= CHANGE_STORIES) & (top * 2 > table["stories"])
    order = {period: i for i, period in enumerate(periods)}
    table = table.sort_values(
        ["actor", "issue", "period"], key=lambda c: c.map(order) if c.name == "period" else c, kind="stable"
    ).reset_index(drop=True)
    table[["change_from", "change_from_period"]] = flag_changes(table)
    span = dated.groupby(["actor", "issue"])["date"].agg(first_report="min", last_report="max").reset_index()
    names = dated.drop_duplicates("actor").set_index("actor")
    return table.merge(span, on=["actor", "issue"], how="left").assign(
        actor_name=lambda t: t["actor"].map(names["actor_name"]),
        side=lambda t: t["actor"].map(names["side"]),
        issue_short=lambda t: t["issue"].map(lambda i: codebook.issues[i].short),
        unit=unit,
    )


def flag_changes(table: pd.DataFrame) -> pd.DataFrame:
    """For each window of ``table`` (sorted by pair and period), the position and period of the pair's last
    settled window before it when both are settled and their positions differ; empty otherwise."""
    flagged, last = [], {}
    for row in table.itertuples():
        pair = (row.actor, row.issue)
        before = last.get(pair)
        changed = row.settled and before is not None and before[0] != row.position
        flagged.append(before if changed else ("", ""))
        if row.settled:
            last[pair] = (row.position, row.period)
    return pd.DataFrame(flagged, columns=["change_from", "change_from_period"], index=table.index)


def positions_over_time(analysis: Analysis) -> pd.DataFrame:
    """The exported table: every actor–issue pair's stories per window by position (``OVER_TIME_COLUMNS``)."""
    return over_time(analysis).table.copy()


def main_rows(view: OverTime) -> pd.DataFrame:
    """The rows of the main pairs, in the order the page shows them: by actor, then issue, most stories first."""
    table = view.table[view.table["main"].astype(bool)]
    rank = {"actor": view.actors, "issue": view.issues}
    return table.sort_values(
        ["actor", "issue", "period"],
        key=lambda col: col.map({v: i for i, v in enumerate(rank[col.name])}) if col.name in rank else col,
        kind="stable",
    ).reset_index(drop=True)


def change_rule(unit: str) -> str:
    """The rule that flags a change of position, in one sentence."""
    return (
        f"A change is flagged where the position that at least {CHANGE_STORIES} and more than half of a pair's "
        f"stories in a {unit} report differs from that of the last earlier {unit} where the same held."
    )


def main_measure(view: OverTime) -> str:
    """Which actors and issues the view follows, and by what measure, in one sentence."""
    return (
        f"The {plural(len(view.actors), 'actor')} and {plural(len(view.issues), 'issue')} in most stories with a "
        f"dated claim are followed (at most {MAIN_ACTORS} and {MAIN_ISSUES}); every pair is in "
        "positions_over_time.csv."
    )


def over_time_absent(analysis: Analysis) -> str:
    """Why positions over time cannot be shown, in one line; empty when they are."""
    view = over_time(analysis)
    if view.unit:
        return ""
    if analysis.codebook is None or analysis.stances.empty:
        return "No position is reported, so none can be followed over time."
    if view.dated.empty:
        return (
            f"No story with a position has a publication date ({plural(view.undated, 'story', 'stories')} without "
            "one): a `date` column in the corpus's manifest.csv, `date:` in front matter or an HTML page's own "
            "date gives one, to follow positions over time."
        )
    first, last = core_span(view.dated.drop_duplicates("story")["date"])
    trimmed = (iso(first), iso(last)) != (view.dated["date"].min(), view.dated["date"].max())
    return (
        f"{f'{CORE_SHARE:.0%} of the' if trimmed else 'The'} dated stories with a position span "
        f"{plural((last - first).days + 1, 'day')} ({first} to {last}), under the {MIN_SPAN_DAYS} days it takes to "
        "follow positions over time: the matrix above holds them all."
    )


def undated_note(view: OverTime) -> str:
    """How many stories with a claim the view leaves out for want of a date; empty when none."""
    if not view.undated:
        return ""
    return (
        f"{plural(view.undated, 'story', 'stories')} with a position have no publication date (or one far from the "
        "rest) and are left out of this view; the matrix above counts them."
    )


def pair_summary(view: OverTime) -> pd.DataFrame:
    """The main pairs, most stories first: their stories, first and last report, positions per window and the
    changes flagged."""
    main = view.table[view.table["main"].astype(bool)]
    rows = []
    for (actor, issue), group in main.groupby(["actor", "issue"], sort=False):
        changes = group[group["change_from"] != ""]
        rows.append(
            {
                "Actor": group["actor_name"].iloc[0],
                "Issue": group["issue_short"].iloc[0],
                "Stories": int(
                    view.dated.loc[(view.dated["actor"] == actor) & (view.dated["issue"] == issue), "story"].nunique()
                ),
                "First report": group["first_report"].iloc[0],
                "Last report": group["last_report"].iloc[0],
                "Settled positions": " → ".join(settled_runs(group)) or "none",
                "Changes": "; ".join(f"{c.change_from} → {c.position} from {c.period}" for c in changes.itertuples()),
            }
        )
    columns = ["Actor", "Issue", "Stories", "First report", "Last report", "Settled positions", "Changes"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["Stories", "Actor", "Issue"], ascending=[False, True, True], kind="stable").reset_index(
        drop=True
    )


def settled_runs(group: pd.DataFrame) -> list[str]:
    """A pair's settled positions in order, each run of one position once with its first window ("support
    2022-03")."""
    runs = []
    for row in group[group["settled"].astype(bool)].itertuples():
        if not runs or runs[-1][0] != row.position:
            runs.append((row.position, row.period))
    return [f"{position} {period}" for position, period in runs]


def position_changes(analysis: Analysis) -> pd.DataFrame:
    """The changes flagged for the main pairs, earliest first, each with its stories before and after and the
    number of sentences behind the new position."""
    view = over_time(analysis)
    table = view.table
    changed = table[table["main"].astype(bool) & (table["change_from"] != "")]
    before = table.set_index(["actor", "issue", "period"])
    rows = [
        {
            "actor": c.actor,
            "actor_name": c.actor_name,
            "issue": c.issue,
            "issue_short": c.issue_short,
            "before": c.change_from,
            "before_period": c.change_from_period,
            "before_stories": int(before.at[(c.actor, c.issue, c.change_from_period), c.change_from]),
            "after": c.position,
            "period": c.period,
            "after_stories": int(getattr(c, c.position)),
            "label": f"{c.actor_name}: {c.change_from} → {c.position} on “{c.issue_short}” from {c.period}",
        }
        for c in changed.itertuples()
    ]
    columns = [
        "actor",
        "actor_name",
        "issue",
        "issue_short",
        "before",
        "before_period",
        "before_stories",
        "after",
        "period",
        "after_stories",
        "label",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["period", "actor_name", "issue_short"], kind="stable").reset_index(drop=True)


@once_per_analysis
def change_evidence(analysis: Analysis) -> tuple[pd.DataFrame, ...]:
    """The sentences that show the new position of each change of :func:`position_changes`, in its order: the
    pair's statements of that position in the stories of the change's window that report it, one per story and
    sentence (a copy's repeat left out), in evidence order (:data:`~briefing.report.common.EVIDENCE_COLUMNS`)."""
    changes = position_changes(analysis)
    if changes.empty:
        return ()
    dated = over_time(analysis).dated
    keys = ["actor", "issue", "position"]
    wanted = changes.rename(columns={"after": "position"})[[*keys, "period"]].reset_index(names="change")
    stories = dated.merge(wanted, on=[*keys, "period"])[["change", "story"]]
    stances = analysis.stances
    candidates = stances.merge(wanted[[*keys, "change"]], on=keys)  # only the changed pairs' statements
    candidates["story"] = candidates["article"].map(story_of(analysis))
    rows = candidates.merge(stories, on=["change", "story"]).drop_duplicates(["change", "story", "evidence"])
    by_change = dict(tuple(rows.groupby("change", sort=False)))
    return tuple(evidence_rows(by_change.get(i, rows.head(0)), "evidence") for i in range(len(changes)))


def change_list(analysis: Analysis) -> list[tuple[str, pd.DataFrame, int]]:
    """Each change of :func:`position_changes`: its label, the first :data:`CHANGE_EVIDENCE` sentences that show
    the new position, and how many there are."""
    labels = position_changes(analysis)["label"]
    return [
        (label, rows.head(CHANGE_EVIDENCE), len(rows))
        for label, rows in zip(labels, change_evidence(analysis), strict=True)
    ]


def over_time_notes(analysis: Analysis) -> list[str]:
    """How the view is read: its windows and cells, the pairs it follows, the rule of a change and the evidence
    cap, and the stories left out for want of a date; none without a view."""
    view = over_time(analysis)
    if not view.unit:
        return []
    return [
        f"Windows of a {view.unit}, by each story's first publication date, from {view.core[0]} to {view.core[1]}"
        + (
            f": the fewest days that hold {CORE_SHARE:.0%} of the dated stories with a position, the others counted "
            "in a column before or after them. "
            if any(period.startswith(OFF_AXIS) for period in view.periods)
            else ". "
        )
        + main_measure(view),
        f"{change_rule(view.unit)} "
        + (
            f"Each change shows at most {CHANGE_EVIDENCE} of the sentences that state the new position."
            if len(position_changes(analysis))
            else "No pair followed changes position by this rule."
        ),
        undated_note(view),
    ]


def change_finding(analysis: Analysis) -> Finding | None:
    """The finding of the changes of position flagged for the main pairs, with the sentences that show each new
    position (at most :data:`CHANGE_EVIDENCE` per change); None when no change is flagged."""
    view = over_time(analysis)
    changes = position_changes(analysis)
    if changes.empty:
        return None
    heading = f"{plural(len(changes), 'change')} of position over time"
    lead = "Earliest first: "
    close = "."
    listed = named_and_counted(
        list(changes["label"]),
        len(changes),
        "listed under positions over time",
        room=FINDING_CHARS - len(heading) - len(lead) - len(close) - 2,  # 2: the ". " after the heading
    )
    evidence = pd.concat([rows.head(CHANGE_EVIDENCE) for rows in change_evidence(analysis)], ignore_index=True)
    return Finding(
        heading,
        lead + listed + close,
        evidence,
        {
            "Changes flagged": number(len(changes)),
            "Pairs followed": number(
                view.table.loc[view.table["main"].astype(bool), ["actor", "issue"]].drop_duplicates().shape[0]
            ),
            "Window": view.unit,
        },
    )
