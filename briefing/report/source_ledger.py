"""Sources: who is quoted or cited, how, and on whose side, and the findings on them."""

from __future__ import annotations

from textwrap import shorten

import pandas as pd

from briefing.report.common import (
    FINDING_CHARS,
    ITEM_CHARS,
    Finding,
    evidence_rows,
    known,
    number,
    once_per_analysis,
    plural,
    story_of,
    with_side,
)
from briefing.tables.analysis import Analysis


def citations_by(analysis: Analysis, sources: pd.DataFrame, key: str, **more: tuple[str, str]) -> pd.DataFrame:
    """One row per value of ``key`` in ``sources``: its ``Citations``, ``Stories`` (copies of a story counted
    once) and ``Direct quotes``, with the ``more`` aggregations (``name=(column, function)``); the ledger counts
    by person, the actor mix by the actor spoken for."""
    table = (
        sources.assign(story=sources["article"].map(story_of(analysis)), is_direct=sources["kind"] == "direct")
        .groupby(key)
        .agg(**more, Citations=("kind", "size"), Stories=("story", "nunique"), direct=("is_direct", "sum"))
        .reset_index()
    )
    table["Direct quotes"] = table.pop("direct").astype(int)
    return table


@once_per_analysis
def cited_sources(analysis: Analysis) -> pd.DataFrame:
    """Every source, one row per person, institution or unnamed description by name (``speaker``), most cited
    first: its side, type and kind (``speaker_kind``: person, institution or unnamed), citations, stories and
    direct quotations."""
    sources = analysis.sources
    columns = ["speaker", "side", "source_type", "speaker_kind", "citations", "stories", "direct"]
    if sources.empty:
        return pd.DataFrame(columns=columns)
    table = citations_by(
        analysis,
        sources,
        "speaker",
        side=("side", "first"),
        source_type=("source_type", "first"),
        speaker_kind=("speaker_kind", "first"),
    ).rename(columns={"Citations": "citations", "Stories": "stories", "Direct quotes": "direct"})
    ordered = table.sort_values(["citations", "stories", "speaker"], ascending=[False, False, True])
    return ordered[columns].reset_index(drop=True)


def top_sources(analysis: Analysis, n: int = 15) -> pd.DataFrame:
    """The ``n`` most-cited sources of any kind (:func:`cited_sources`): the chart's bars. :func:`sources_apart`
    ranks persons and institutions apart; :func:`actor_mix` counts by the actor they speak for."""
    return cited_sources(analysis).head(n)


KINDS_APART = {"person": "Person", "institution": "Country or institution"}  # speaker_kind: how the page names it
SOURCES_APART = 10  # the most-cited of each kind the section's table lists; every source is in sources.csv


def sources_apart(analysis: Analysis, n: int = SOURCES_APART) -> pd.DataFrame:
    """The ``n`` most-cited persons, then the ``n`` most-cited countries and institutions (governments,
    organizations, groups), by citations: a person and the country they speak for are not ranked as one list.
    Unnamed sources ("officials") are neither, and are counted in the finding."""
    cited = cited_sources(analysis)
    ranked = pd.concat([cited[cited["speaker_kind"] == kind].head(n) for kind in KINDS_APART])
    return pd.DataFrame(
        {
            "Kind": ranked["speaker_kind"].map(KINDS_APART),
            "Source": ranked["speaker"],
            "Side": ranked["side"],
            "Citations": ranked["citations"],
            "Stories": ranked["stories"],
            "Direct quotes": ranked["direct"],
        }
    ).reset_index(drop=True)


def source_mix(analysis: Analysis) -> pd.DataFrame:
    """Each article's source mix: shares by side (that of the actor each source speaks for, ``speaks_for``, where
    there is one) and type, direct share, anonymous share.

    One grouped pass over the sources table, not one scan per article (which grew with articles × sources).
    """
    sources = analysis.sources
    sides = list(analysis.codebook.sides) if analysis.codebook else sorted(set(sources["side"]))
    titles = analysis.articles.set_index("id")["title"].map(known)
    flags = pd.DataFrame(
        {
            **{side: sources["side"] == side for side in sides},
            "Officials": sources["source_type"] == "official",
            "Analysts": sources["source_type"] == "analyst",
            "Direct quotes": sources["kind"] == "direct",
            "Anonymous": sources["source_type"] == "anonymous",
        },
        index=sources.index,
    ).astype(float)
    shares = flags.groupby(sources["article"]).mean()  # articles without sources: no row, NaN after the reindex
    counts = sources.groupby("article").size()
    ids = analysis.articles["id"]
    table = shares.reindex(ids)
    table.insert(0, "Citations", counts.reindex(ids).fillna(0).astype(int).to_numpy())
    table.insert(0, "Article", titles.reindex(ids).to_numpy())
    return table.reset_index(drop=True)


def actor_mix(analysis: Analysis) -> pd.DataFrame:
    """Citations by the codebook actor each source is or speaks for (the ``speaks_for`` column) and its side: how
    often each actor's camp is heard, in how many people's or groups' words, whoever spoke ("Donald Trump" and
    "Corey Lewandowski" both for the Trump campaign's side; the ledger counts them apart).

    One row per actor with a citation, most cited first; sources that speak for no actor are not counted here.
    """
    columns = ["Actor", "Side", "Citations", "Speakers", "Stories", "Direct quotes"]
    sources = analysis.sources
    if sources.empty or analysis.codebook is None:
        return pd.DataFrame(columns=columns)
    actors = analysis.codebook.actors
    placed = sources[sources["speaks_for"].isin(set(actors))]
    if placed.empty:
        return pd.DataFrame(columns=columns)
    table = citations_by(analysis, placed, "speaks_for", Speakers=("speaker", "nunique"))
    table.insert(0, "Actor", [actors[a].name for a in table["speaks_for"]])
    table.insert(1, "Side", [actors[a].side for a in table["speaks_for"]])
    ordered = table.sort_values(["Citations", "Stories", "Actor"], ascending=[False, False, True], kind="stable")
    return ordered[columns].reset_index(drop=True)


def quote_ledger(analysis: Analysis) -> pd.DataFrame:
    """Every direct quotation with its speaker, article and place in the article file."""
    sources = analysis.sources
    direct = sources[sources["kind"] == "direct"]
    titles = analysis.articles.set_index("id")["title"].map(known)
    return pd.DataFrame(
        {
            "Speaker": direct["speaker"],
            "Side": direct["side"],
            "Quotation": direct["quote"],
            "Article": direct["article"].map(titles),
            "Where": [f"sentence {r.sentence}, characters {r.start}–{r.end}" for r in direct.itertuples()],
        }
    )


def verb_strength_table(analysis: Analysis) -> pd.DataFrame:
    """Reporting verbs by side: how many, and the share that characterise the speaker."""
    sources = analysis.sources[analysis.sources["verb_strength"] != ""]
    if sources.empty:
        return pd.DataFrame(columns=["Side", "Attributions with a verb", "Loaded share", "Loaded verbs used"])
    rows = []
    for side, group in sources.groupby("side", sort=True):
        loaded = group[group["verb_strength"] == "loaded"]["cue_verb"].value_counts()
        rows.append(
            {
                "Side": side,
                "Attributions with a verb": len(group),
                "Loaded share": (group["verb_strength"] == "loaded").mean(),
                "Loaded verbs used": ", ".join(f"{verb} ({number(count)})" for verb, count in loaded.items()),
            }
        )
    return pd.DataFrame(rows)


def unresolved_speakers(analysis: Analysis) -> pd.DataFrame:
    """Speakers the rules could not identify beyond a bare name."""
    sources = analysis.sources
    unresolved = sources[~sources["resolved"].astype(bool)]
    return (
        unresolved.groupby("speaker")
        .size()
        .rename("Citations")
        .reset_index()
        .rename(columns={"speaker": "Speaker"})
        .sort_values(["Citations", "Speaker"], ascending=[False, True])
    )


def sources_absent(analysis: Analysis) -> str:
    """Why no source is shown, in one line; empty when there are sources."""
    if len(analysis.sources):
        return ""
    return (
        "No sentence quotes or cites anyone the rules recognise: a source is found by quotation marks or a "
        "reporting verb (said, told, according to) with its speaker, in the articles' own text."
    )


def source_findings(analysis: Analysis) -> list[Finding]:
    """Headline findings on sources, with their numbers: who is cited most, persons and institutions apart, and
    how sources are cited."""
    sources = analysis.sources
    if sources.empty:
        return [Finding("no quoted or cited sources found", sources_absent(analysis))]
    kinds = {kind: int((sources["kind"] == kind).sum()) for kind in ("direct", "partial", "indirect", "according_to")}
    direct_share = kinds["direct"] / len(sources)
    anonymous = (sources["source_type"] == "anonymous").mean()
    loaded = int((sources["verb_strength"] == "loaded").sum())
    return [
        most_cited_finding(analysis),
        Finding(
            f"{direct_share:.0%} of attributions are direct quotations",
            f"{number(kinds['direct'])} direct, {number(kinds['partial'])} partial, {number(kinds['indirect'])} "
            f"reported, {number(kinds['according_to'])} “according to”; {anonymous:.0%} are anonymous and "
            f"{number(loaded)} use a loaded "
            "reporting verb.",
            evidence_rows(sources[sources["kind"] == "direct"], "quote"),
            {
                "Direct": number(kinds["direct"]),
                "Partial": number(kinds["partial"]),
                "Reported": number(kinds["indirect"]),
                "According to": number(kinds["according_to"]),
                "Direct share": f"{direct_share:.0%}",
                "Anonymous share": f"{anonymous:.0%}",
                "Loaded reporting verb": number(loaded),
            },
        ),
    ]


HEADING_NAME_CHARS = 25  # a name in the heading of the most-cited finding is cut to this many characters
LISTED_APART = 3  # the most persons, and countries and institutions, the most-cited finding names


def most_cited_finding(analysis: Analysis) -> Finding:
    """The most-cited persons and, apart, the most-cited countries and institutions, each with its citations, as
    many as fit a finding (:data:`~briefing.report.common.FINDING_CHARS`), and how many of each there are; then
    the unnamed sources' count and the side most attributions come from."""
    sources = analysis.sources
    cited = cited_sources(analysis)
    by_side = sources["side"].value_counts(normalize=True)
    lead = by_side.index[0]
    apart = {kind: cited[cited["speaker_kind"] == kind] for kind in KINDS_APART}
    firsts = {kind: table.iloc[0] for kind, table in apart.items() if len(table)}
    unnamed = int(cited.loc[cited["speaker_kind"] == "unnamed", "citations"].sum())

    def cut(name: str, chars: int = HEADING_NAME_CHARS) -> str:
        return shorten(name, chars, placeholder=" …")

    if len(firsts) == 2:
        heading = (
            f"{cut(firsts['person'].speaker)} is the most-cited person, "
            f"{cut(firsts['institution'].speaker)} the most-cited institution"
        )
    else:
        heading = f"{cut(cited.iloc[0].speaker)} is the most-cited source"
    opening = f"{plural(len(sources), 'attribution')} from {plural(sources['speaker'].nunique(), 'source')}. "
    closing = (f"Unnamed sources: {number(unnamed)}. " if unnamed else "") + (
        f"{by_side.iloc[0]:.0%} of attributions are {lead}-side."
    )
    titles = {"person": "Persons", "institution": "Countries and institutions"}

    def listed(shown: dict[str, int], chars: int) -> str:
        return "".join(
            f"{titles[kind]} ({number(len(table))}): "
            + "; ".join(
                f"{cut(with_side(r.speaker, r.side), chars)} {number(r.citations)}"
                for r in table.head(shown[kind]).itertuples()
            )
            + ". "
            for kind, table in apart.items()
            if len(table)
        )

    def length(shown: dict[str, int], chars: int) -> int:
        return len(f"{heading}. {opening}{listed(shown, chars)}{closing}")

    # as many of each kind as fit, the longer list shortened first; names cut harder only when one of each is too long
    shown = {kind: min(LISTED_APART, len(table)) for kind, table in apart.items()}
    for chars in (ITEM_CHARS, HEADING_NAME_CHARS, 20):
        while length(shown, chars) > FINDING_CHARS and max(shown.values()) > 1:
            shown[max(shown, key=lambda kind: (shown[kind], kind == "person"))] -= 1
        if length(shown, chars) <= FINDING_CHARS:
            break
    named = [r for kind, table in apart.items() for r in table.head(shown[kind]).itertuples()]
    speakers = [r.speaker for r in firsts.values()] or [cited.iloc[0].speaker]
    return Finding(
        heading,
        opening + listed(shown, chars) + closing,
        evidence_rows(sources[sources["speaker"].isin(speakers)], "quote"),
        {
            "Attributions": number(len(sources)),
            "Sources": number(sources["speaker"].nunique()),
            "Persons": number(len(apart["person"])),
            "Countries and institutions": number(len(apart["institution"])),
            "Attributions to unnamed sources": number(unnamed),
            **{with_side(r.speaker, r.side): number(r.citations) for r in named},
            f"{lead}-side share": f"{by_side.iloc[0]:.0%}",
        },
    )


def source_evidence(analysis: Analysis, n: int = 15) -> list[tuple[str, str, pd.DataFrame]]:
    """The attributions of each of the ``n`` most-cited sources, in the chart's order: what each bar counts."""
    sources = analysis.sources
    return [
        (row.speaker, number(row.citations), evidence_rows(sources[sources["speaker"] == row.speaker], "quote"))
        for row in top_sources(analysis, n).itertuples()
    ]
