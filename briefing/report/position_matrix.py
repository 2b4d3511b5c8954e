"""Stances: the position matrix (computed once per analysis), its findings, disagreements and consensus."""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from briefing.report.common import (
    CHART_ACTORS,
    CHART_ISSUES,
    FINDING_CHARS,
    FINDING_ITEMS,
    LISTED_HOLDERS,
    MATRIX_HOLDERS,
    MIXED,
    Finding,
    codebook_lacks,
    evidence_rows,
    known,
    named_and_counted,
    number,
    once_per_analysis,
    out_of,
    plural,
    story_of,
    varied_order,
    verb,
    with_side,
)
from briefing.schema import OPPOSE, POSITIONS, SUPPORT
from briefing.tables.analysis import Analysis

POSITION_ORDER = (*POSITIONS, MIXED)


def evidence_anchor(actor: str, issue: str, in_codebook: bool) -> str:
    """The in-page id of one matrix cell's evidence, unique to the holder and the issue.

    A codebook actor is its id (``ev-putin-sanctions``: ids are lower_snake_case, so the dash parts cannot be
    confused). A holder outside the codebook is a name as written, which may differ from another only in case
    ("Nato", "NATO") or be written in letters a slug drops: it is a hash of the exact name, after its words slugged
    for the reader (``ev-name-elon-musk-<hash>-sanctions``).
    """
    if in_codebook:
        return f"ev-{actor}-{issue}"
    words = re.sub(r"[^a-z0-9]+", "-", actor.lower()).strip("-")
    digest = hashlib.sha256(actor.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"ev-name-{words + '-' if words else ''}{digest}-{issue}"


MATRIX_COLUMNS = [
    "actor",
    "actor_name",
    "side",
    "issue",
    "issue_short",
    "position",
    "condition",
    "articles",
    "claims",
    "disagree",
    "conflicted_stories",
    "positions",
    "anchor",
]


@once_per_analysis
def position_matrix(analysis: Analysis) -> pd.DataFrame:
    """One row per actor and issue with a reported position, computed once per analysis.

    ``position`` is the position most stories report (``mixed`` on a tie);
    ``disagree`` is true when stories report different positions; ``conflicted_stories`` counts the stories whose
    own statements give the holder different positions on the issue; ``condition`` is the condition most often
    stated for a conditional position. Holders outside the codebook (named people and organizations) come
    after the codebook's actors of their side.
    """
    stances = analysis.stances
    if stances.empty or analysis.codebook is None:
        # Typed, so that boolean masks on an empty matrix stay masks.
        return pd.DataFrame(columns=MATRIX_COLUMNS).astype(
            {"articles": int, "claims": int, "disagree": bool, "conflicted_stories": int}
        )
    codebook = analysis.codebook
    stories = stances.assign(story=stances["article"].map(story_of(analysis)))
    position_of = story_positions(stories)
    rows = [
        matrix_row(actor, issue, group, position_of[(actor, issue)], codebook)
        for (actor, issue), group in stories.groupby(["actor", "issue"], sort=False)
    ]
    return in_codebook_order(pd.DataFrame(rows, columns=MATRIX_COLUMNS), stances, codebook)


def story_positions(stories: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    """Each story's position on each actor and issue, by actor and issue (:func:`story_position_rows`)."""
    ranked = story_position_rows(stories)
    return {
        pair: group.set_index("story")["position"] for pair, group in ranked.groupby(["actor", "issue"], sort=False)
    }


def story_position_rows(stories: pd.DataFrame) -> pd.DataFrame:
    """One row per actor, issue and story (``actor, issue, story, position``): the position of most of the story's
    statements (ties: support, oppose, conditional), found in one pass."""
    return (
        stories.groupby(["actor", "issue", "story", "position"], sort=False)
        .size()
        .rename("n")
        .reset_index()
        .assign(rank=lambda f: f["position"].map({p: i for i, p in enumerate(POSITION_ORDER)}))
        .sort_values(["story", "n", "rank"], ascending=[True, False, True], kind="stable")
        .drop_duplicates(["actor", "issue", "story"])[["actor", "issue", "story", "position"]]
    )


def matrix_row(actor: str, issue: str, group: pd.DataFrame, by_story: pd.Series, codebook) -> dict[str, object]:
    """The matrix row of ``actor`` on ``issue``, from its statements (``group``) and its stories' positions."""
    counts = by_story.value_counts()
    top = counts[counts == counts.max()].index.tolist()
    return {
        "actor": actor,
        "actor_name": group["actor_name"].iloc[0],
        "side": group["side"].iloc[0],
        "issue": issue,
        "issue_short": codebook.issues[issue].short,
        "position": top[0] if len(top) == 1 else MIXED,
        "condition": next(iter(group.loc[group["condition"] != "", "condition"].value_counts().index), ""),
        "articles": len(by_story),
        "claims": len(group),
        "disagree": by_story.nunique() > 1,
        "conflicted_stories": int((group.groupby("story")["position"].nunique() > 1).sum()),
        "positions": ", ".join(f"{p} {number(counts[p])}" for p in POSITION_ORDER if p in counts),
        "anchor": evidence_anchor(actor, issue, actor in codebook.actors),
    }


def in_codebook_order(matrix: pd.DataFrame, stances: pd.DataFrame, codebook) -> pd.DataFrame:
    """``matrix`` sorted by side, actor and issue in the codebook's order, the holders outside it after the
    codebook's actors, alphabetically."""
    side_rank = {side: i for i, side in enumerate(codebook.sides)}
    others = sorted(set(stances["actor"].unique()) - set(codebook.actors))
    actor_rank = {actor: i for i, actor in enumerate([*codebook.actors, *others])}
    issue_rank = {issue: i for i, issue in enumerate(codebook.issues)}
    return matrix.sort_values(
        ["side", "actor", "issue"],
        key=lambda col: col.map({"side": side_rank, "actor": actor_rank, "issue": issue_rank}[col.name]),
    ).reset_index(drop=True)


def stances_absent(analysis: Analysis) -> str:
    """Why the position matrix is empty, and how to fill it, in one line; empty when it has a position."""
    if analysis.codebook is None:
        return codebook_lacks(None, "issues", "issues", "who takes which position")
    if len(position_matrix(analysis)):
        return ""
    return (
        "No sentence links a codebook actor to a codebook issue: add the names the articles use to the actors' "
        "`aliases` and their words for each issue to its `cues` (python -m briefing codebook suggest lists the "
        "frequent ones the codebook lacks)."
    )


def stance_findings(analysis: Analysis) -> list[Finding]:
    """Headline findings on stances: the most reported position and the sharpest divide; or why there are none."""
    matrix = position_matrix(analysis)
    if matrix.empty:
        return [Finding("no stances found", stances_absent(analysis))]
    findings = [widest_position(analysis, matrix)]
    divide = sharpest_divide(analysis)
    if divide:
        findings.append(divide_finding(analysis, *divide))
    disputed = disagreements(matrix)
    if len(disputed):
        findings.append(disagreement_finding(analysis.stances, disputed))
    return findings


def widest_position(analysis: Analysis, matrix: pd.DataFrame) -> Finding:
    """The position most stories report (then most statements), with its evidence."""
    stances = analysis.stances
    top = matrix.sort_values(["articles", "claims"], ascending=False, kind="stable").iloc[0]
    stories = len(set(story_of(analysis).values()))
    return Finding(
        f"{top.actor_name} {verb(top.position)} “{top.issue_short}”",
        f"The most widely reported position: {with_side(top.actor_name, top.side)} {verb(top.position)} "
        f"“{analysis.codebook.issues[top.issue].label}” in {out_of(top.articles, stories)} "
        f"stories ({plural(top.claims, 'statement')}).",
        evidence_rows(stances[(stances["actor"] == top.actor) & (stances["issue"] == top.issue)], "evidence"),
        {
            "Holder": top.actor_name,
            "Position": top.position,
            "Stories reporting it": out_of(top.articles, stories),
            "Statements": number(top.claims),
        },
    )


def sharpest_divide(analysis: Analysis) -> tuple[str, object, object] | None:
    """The issue that one side supports and another opposes in the most stories (the fewer of the two counts),
    with the supporting and the opposing side's rows (``side``, ``stories``); None when no issue divides sides."""
    by_side = (
        analysis.stances.assign(story=analysis.stances["article"].map(story_of(analysis)))
        .groupby(["issue", "side", "position"])["story"]
        .nunique()
        .rename("stories")
        .reset_index()
    )
    best = None
    for issue, group in by_side.groupby("issue"):
        support = group[group["position"] == SUPPORT].sort_values("stories", ascending=False)
        oppose = group[group["position"] == OPPOSE].sort_values("stories", ascending=False)
        for s in support.itertuples():
            for o in oppose.itertuples():
                if s.side != o.side and (best is None or min(s.stories, o.stories) > best[0]):
                    best = (min(s.stories, o.stories), issue, s, o)
    return best[1:] if best else None


def divide_finding(analysis: Analysis, issue: str, s, o) -> Finding:
    """The finding of the sharpest divide: ``issue``, supported by side ``s`` and opposed by side ``o``."""
    stances, codebook = analysis.stances, analysis.codebook
    return Finding(
        f"the sharpest divide is over “{codebook.issues[issue].short}”",
        f"On “{codebook.issues[issue].label}”, {s.side}-side actors support it in "
        f"{plural(s.stories, 'story', 'stories')} and {o.side}-side actors oppose it in {number(o.stories)}.",
        evidence_rows(
            stances[
                (stances["issue"] == issue)
                & (
                    ((stances["side"] == s.side) & (stances["position"] == SUPPORT))
                    | ((stances["side"] == o.side) & (stances["position"] == OPPOSE))
                )
            ],
            "evidence",
        ),
        {
            f"Stories with {s.side}-side support": number(s.stories),
            f"Stories with {o.side}-side opposition": number(o.stories),
        },
    )


def disagreement_finding(stances: pd.DataFrame, disputed: pd.DataFrame) -> Finding:
    """The finding of the matrix cells where stories report different positions, with their statements: it names
    those most stories report, as many as fit a finding (see :func:`~briefing.report.common.named_and_counted`),
    and counts the rest."""
    ranked = disputed.sort_values("articles", ascending=False, kind="stable")  # as disagreements() orders them
    heading = f"articles disagree on {number(len(disputed))} actor–issue positions"
    lead = "Most reported first: " if len(disputed) > 1 else "Stories report different positions for "
    close = ". Check their evidence."
    cells = named_and_counted(
        [f"{r.actor_name} on “{r.issue_short}” ({r.positions})" for r in ranked.head(FINDING_ITEMS).itertuples()],
        len(disputed),
        "listed under the matrix and in stances.csv",
        room=FINDING_CHARS - len(heading) - len(lead) - len(close) - 2,  # 2: the ". " after the heading
    )
    return Finding(
        heading,
        lead + cells + close,
        evidence_rows(stances.merge(disputed[["actor", "issue"]], on=["actor", "issue"]), "evidence"),
        {"Cells where stories disagree": number(len(disputed))},
    )


def prominent_holders(matrix: pd.DataFrame, codebook) -> pd.Series:
    """The matrix rows the page shows first: the codebook's actors', and of the other named holders that two
    stories or more report, those of the :data:`~briefing.report.common.MATRIX_HOLDERS` first by
    :func:`ranked_holders`. The rest is folded (:func:`listed_holders`); every row is in position_matrix.csv."""
    in_codebook = matrix["actor"].isin(codebook.actors)
    reported = matrix.groupby("actor")["articles"].transform("max") >= 2
    others = ranked_holders(matrix[~in_codebook & reported])[:MATRIX_HOLDERS]
    return in_codebook | matrix["actor"].isin(set(others))


def ranked_holders(matrix: pd.DataFrame) -> list[str]:
    """The holders of ``matrix`` rows, those whose positions the most stories report first (the stories of the
    holder's most reported cell), then those of the most statements, then by name."""
    holders = matrix.groupby("actor", sort=False).agg(stories=("articles", "max"), claims=("claims", "sum"))
    ranked = holders.reset_index().sort_values(
        ["stories", "claims", "actor"], ascending=[False, False, True], kind="stable"
    )
    return list(ranked["actor"])


def listed_holders(matrix: pd.DataFrame, prominent: pd.Series) -> pd.Series:
    """The rows of the holders outside ``prominent`` that the page lists under the matrix: the
    :data:`~briefing.report.common.LISTED_HOLDERS` first by :func:`ranked_holders`. At 10,707 real articles there
    were 1,018 names outside the codebook in one story alone; all are in position_matrix.csv and stances.csv."""
    return ~prominent & matrix["actor"].isin(set(ranked_holders(matrix[~prominent])[:LISTED_HOLDERS]))


def cells_on_page(matrix: pd.DataFrame, codebook) -> pd.Series:
    """The matrix rows the page shows, and whose evidence it holds: the prominent holders' (see
    :func:`prominent_holders`) and the listed ones' (see :func:`listed_holders`)."""
    prominent = prominent_holders(matrix, codebook)
    return prominent | listed_holders(matrix, prominent)


def cell_evidence(analysis: Analysis) -> pd.DataFrame:
    """The statements (stances.csv), each matrix cell's in the order its evidence shows them: first a statement of
    the position the cell shows (the one most stories report), then statements from outlets, and then from stories,
    not yet shown (:func:`~briefing.report.common.varied_order`; an article of unknown outlet counts as an outlet of
    its own), so that the first :data:`~briefing.report.common.CELL_EVIDENCE` of a cell of 41 statements back what
    the cell says and come from as many outlets as they can, a dissenting story's among them as often as its
    share of the stories makes it."""
    stances = analysis.stances.reset_index(drop=True)
    outlets = analysis.articles.set_index("id")["outlet"]
    keyed = stances.assign(
        story=stances["article"].map(story_of(analysis)),
        outlet=stances["article"].map(outlets).where(lambda o: o.notna() & (o != ""), stances["article"]),
    )
    varied = varied_order(keyed, ["outlet", "story"], within=["actor", "issue"])
    shown = position_matrix(analysis).set_index(["actor", "issue"])["position"]
    cell_position = shown.reindex(pd.MultiIndex.from_frame(varied[["actor", "issue"]])).to_numpy()
    lead = pd.Series(varied["position"].to_numpy() == cell_position, index=varied.index)
    lead &= ~lead.groupby([varied["actor"], varied["issue"]]).cumsum().gt(1)  # the first of them in each cell
    ordered = varied.iloc[(~lead).to_numpy().argsort(kind="stable")]
    return stances.loc[ordered.index]


def holder_stories(analysis: Analysis) -> pd.Series:
    """The stories in which each holder takes any position (copies count once), by holder: how the matrix chart
    ranks its rows."""
    stances = analysis.stances
    return stances["article"].map(story_of(analysis)).groupby(stances["actor"]).nunique()


def chart_cells(analysis: Analysis) -> tuple[list[str], list[str]]:
    """The holders and issues the position-matrix chart draws, in the matrix's order: of the prominent holders
    (:func:`prominent_holders`), the :data:`~briefing.report.common.CHART_ACTORS` in the most stories with a
    position (ties: the matrix's order), and of the issues they take positions on, the
    :data:`~briefing.report.common.CHART_ISSUES` with the most statements; a chart of every holder and issue was
    71 rows by 30 columns on 1,000 real articles, and 0.6 MB. Empty lists when no holder is prominent."""
    matrix = position_matrix(analysis)
    if matrix.empty:
        return [], []
    shown = matrix[prominent_holders(matrix, analysis.codebook)]
    order = list(shown["actor"].drop_duplicates())
    stories = holder_stories(analysis).reindex(order)
    ranked = sorted(order, key=lambda actor: (-stories[actor], order.index(actor)))[:CHART_ACTORS]
    actors = [actor for actor in order if actor in set(ranked)]
    claims = shown[shown["actor"].isin(set(actors))].groupby("issue", sort=False)["claims"].sum()
    issue_order = [issue for issue in analysis.codebook.issues if issue in claims.index]
    top = sorted(issue_order, key=lambda issue: (-claims[issue], issue_order.index(issue)))[:CHART_ISSUES]
    return actors, [issue for issue in issue_order if issue in set(top)]


def disagreements(matrix: pd.DataFrame) -> pd.DataFrame:
    """The position-matrix cells where stories report different positions, most reported first (by stories, then
    statements; ties in the matrix's order): the order in which the finding names them and the section lists
    them."""
    disputed = matrix[matrix["disagree"].astype(bool)]
    return disputed.sort_values(["articles", "claims"], ascending=False, kind="stable")


def consensus(analysis: Analysis) -> pd.DataFrame:
    """Positions reported by most stories, and by one story only."""
    matrix = position_matrix(analysis)
    stories = len(set(story_of(analysis).values()))
    if matrix.empty:
        return pd.DataFrame(columns=["Reported in", "Actor", "Issue", "Position", "Stories"])
    table = matrix.assign(
        group=[
            "most stories" if a * 2 >= stories and stories > 1 else "one story only" if a == 1 else "some stories"
            for a in matrix["articles"]
        ]
    )
    table = table[table["group"] != "some stories"]
    return (
        pd.DataFrame(
            {
                "Reported in": table["group"],
                "Actor": table["actor_name"],
                "Issue": table["issue_short"],
                "Position": table["position"],
                "Stories": table["articles"],
            }
        )
        .sort_values(["Reported in", "Stories", "Actor"], ascending=[True, False, True])
        .reset_index(drop=True)
    )


def control_claims(analysis: Analysis) -> pd.DataFrame | None:
    """Sentences about who controls a named place, grouped by place, for comparing across articles; None when the
    codebook defines no such claims (its ``control_claims:`` block: a topic where who holds which place matters)."""
    control = analysis.codebook.control if analysis.codebook is not None else None
    if control is None:
        return None
    rows = []
    titles = analysis.articles.set_index("id")["title"].map(known)
    sentences = analysis.sentences
    for s in sentences[sentences["text"].map(control.regex.search).notna()].itertuples():  # the few that can match
        for match in control.regex.finditer(s.text):
            place = match.group("place")
            rows.append({"Place": place, "Article": titles[s.article], "Sentence": s.text})
    table = pd.DataFrame(rows, columns=["Place", "Article", "Sentence"]).drop_duplicates()
    return table.sort_values(["Place", "Article"]).reset_index(drop=True)
