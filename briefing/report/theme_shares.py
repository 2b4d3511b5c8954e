"""Themes: shares of sentences per theme and article, distinctive terms, and the theme finding."""

from __future__ import annotations

import pandas as pd

from briefing.report.common import (
    Finding,
    codebook_lacks,
    evidence_rows,
    known,
    number,
    once_per_analysis,
    plural,
    story_of,
)
from briefing.tables.analysis import Analysis

MIN_SENTENCES = 5  # fewer sentences than this make a mean too thin to compare


def theme_shares(analysis: Analysis) -> pd.DataFrame:
    """Themes × articles: the share of each article's sentences touching each theme (labels as index)."""
    themes = analysis.themes
    codebook = analysis.codebook
    totals = analysis.articles.set_index("id")["sentences"]
    counts = themes.drop_duplicates(["article", "sentence", "theme"]).groupby(["theme", "article"]).size()
    found = set(themes["theme"].unique())  # not element by element: a row per tagged sentence
    order = [t for t in codebook.themes if t in found] if codebook else sorted(found)
    table = counts.unstack(fill_value=0).reindex(index=order, columns=list(totals.index), fill_value=0)
    shares = table.div(totals.replace(0, pd.NA), axis=1).astype(float).fillna(0.0)
    shares.index = [codebook.themes[t].label for t in shares.index] if codebook else shares.index
    shares.index.name = "theme"
    return shares


@once_per_analysis
def theme_summary(analysis: Analysis) -> pd.DataFrame:
    """Each theme's share of all sentences and the number of stories touching it."""
    themes = analysis.themes
    total = len(analysis.sentences)
    stories = story_of(analysis)
    summary = (
        themes.drop_duplicates(["article", "sentence", "theme"])
        .assign(story=lambda f: f["article"].map(stories))
        .groupby("theme_label")
        .agg(sentences=("sentence", "size"), stories=("story", "nunique"))
        .reset_index()
        .rename(columns={"theme_label": "theme"})
    )
    summary["share"] = summary["sentences"] / total if total else 0.0
    return summary.sort_values(["share", "theme"], ascending=[False, True]).reset_index(drop=True)


def uncovered_share(analysis: Analysis) -> float:
    """Share of sentences that no codebook theme covers."""
    covered = analysis.themes.drop_duplicates(["article", "sentence"]).shape[0]
    return 1 - covered / len(analysis.sentences) if len(analysis.sentences) else float("nan")


def themes_absent(analysis: Analysis) -> str:
    """Why no theme share can be shown, and how to supply one, in one line; empty when a sentence touches a
    theme."""
    codebook = analysis.codebook
    if codebook is None or not codebook.themes:
        return codebook_lacks(codebook, "themes", "themes", "theme shares and tone by theme")
    if not len(analysis.themes):
        return (
            f"No sentence touches any of this codebook's {plural(len(codebook.themes), 'theme')}: add the words the "
            "articles use for them to the themes' `cues`."
        )
    return ""


def terms_absent(analysis: Analysis) -> str:
    """Why no article has distinctive terms, in one line; empty when one has."""
    if len(analysis.terms):
        return ""
    return (
        "No term sets one article apart from the rest: distinctive terms need at least two articles whose words differ."
    )


def theme_finding(analysis: Analysis) -> Finding:
    """The most covered theme, and the share of sentences no theme covers; or why there is none."""
    summary = theme_summary(analysis)
    if summary.empty:
        return Finding("no theme shares to show", themes_absent(analysis))
    top = summary.iloc[0]
    uncovered = uncovered_share(analysis)
    return Finding(
        f"“{top.theme}” is the most covered theme",
        f"{top.share:.0%} of sentences touch “{top.theme}”, in {plural(top.stories, 'story', 'stories')}; "
        f"{uncovered:.0%} of sentences touch no codebook theme.",
        theme_sentences(analysis, top.theme),
        {
            "Most covered theme": top.theme,
            "Its share of sentences": f"{top.share:.0%}",
            "Stories touching it": number(top.stories),
            "Sentences touching no theme": f"{uncovered:.0%}",
        },
    )


def terms_by_article(analysis: Analysis) -> pd.DataFrame:
    """Each article's distinctive terms, strongest first, on one line."""
    titles = analysis.articles.set_index("id")["title"].map(known)
    terms = analysis.terms.assign(article=analysis.terms["article"].map(titles))
    grouped = terms.groupby("article", sort=False)["term"].apply(", ".join).reset_index()
    return grouped.rename(columns={"article": "Article", "term": "Distinctive terms, strongest first"})


def theme_evidence(analysis: Analysis) -> list[tuple[str, str, pd.DataFrame]]:
    """The sentences touching each theme, in order of its share of all sentences: what each share counts."""
    return [
        (row.theme, f"{row.share:.0%}", theme_sentences(analysis, row.theme))
        for row in theme_summary(analysis).itertuples()
    ]


def theme_sentences(analysis: Analysis, theme: str) -> pd.DataFrame:
    """The sentences touching one theme, as evidence rows."""
    touched = analysis.themes.loc[analysis.themes["theme_label"] == theme, ["article", "sentence"]].drop_duplicates()
    return evidence_rows(analysis.sentences.merge(touched, on=["article", "sentence"]), "text")
