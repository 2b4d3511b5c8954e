"""Summaries the briefing shows: overview, cleaning report, tone findings.

Each function takes the analysis tables and returns a small DataFrame or a
sentence computed from them; nothing here is written for one corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefing.charts import Chart, tone_chart
from briefing.markup import UNKNOWN
from briefing.pipeline import Analysis


class Finding(NamedTuple):
    """A headline and the sentence, with numbers, that supports it."""

    heading: str
    text: str


def briefing_title(title: str, corpus: Path) -> str:
    """The briefing's title: ``title`` if given, else one naming the corpus folder."""
    return title or f"Coverage briefing: {Path(corpus).name}"


def known(value) -> str:
    """``value`` as text, or "unknown" when missing."""
    return UNKNOWN if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def corpus_facts(analysis: Analysis, corpus_label: str) -> dict[str, str]:
    """Key facts for the title block."""
    articles = analysis.articles
    copies = int(articles["duplicate_of"].notna().sum())
    dates = articles["published"].dropna()
    span = f"{dates.min()} to {dates.max()}" if len(dates) else UNKNOWN
    return {
        "Corpus": corpus_label,
        "Articles": f"{len(articles)} usable ({copies} flagged as copies), {len(analysis.problems)} input problems",
        "Sentences": f"{int(articles['sentences'].sum()):,} ({int(articles['words'].sum()):,} words)",
        "Outlets": f"{articles['outlet'].nunique()} known, {int(articles['outlet'].isna().sum())} articles unknown",
        "Publication dates": f"{span} ({int(articles['published'].isna().sum())} articles unknown)",
    }


def overview(analysis: Analysis) -> pd.DataFrame:
    """One row per article: title, outlet, date, size, tone, duplicate flag."""
    tone = analysis.tone.set_index("article")
    articles = analysis.articles
    return pd.DataFrame(
        {
            "Article": articles["title"].map(known),
            "Id": articles["id"],
            "Outlet": articles["outlet"].map(known),
            "Date": articles["published"].map(known),
            "Words": articles["words"],
            "Sentences": articles["sentences"],
            "Tone (mean polarity)": tone.loc[articles["id"], "polarity_mean"].to_numpy(),
            "Copy of": articles["duplicate_of"].fillna(""),
        }
    )


def removal_summary(analysis: Analysis, examples: int = 3) -> pd.DataFrame:
    """Lines removed per rule, the articles affected and a few examples."""
    removed = analysis.removed
    rows = []
    for rule, group in removed.groupby("rule", sort=False):
        samples = list(dict.fromkeys(group["text"]))[:examples]
        rows.append(
            {
                "Rule": rule,
                "Lines": len(group),
                "Articles": group["article"].nunique(),
                "Examples": " | ".join(samples),
            }
        )
    summary = pd.DataFrame(rows, columns=["Rule", "Lines", "Articles", "Examples"])
    return summary.sort_values(["Lines", "Rule"], ascending=[False, True], kind="stable").reset_index(drop=True)


def input_problems(analysis: Analysis) -> pd.DataFrame:
    """Files skipped and manifest rows ignored."""
    return analysis.problems.rename(columns={"file": "File", "problem": "Problem"})


def copies(analysis: Analysis) -> pd.DataFrame:
    """Articles flagged as exact or near-duplicates of an earlier one."""
    flagged = analysis.articles[analysis.articles["duplicate_of"].notna()]
    return pd.DataFrame(
        {
            "Article": flagged["id"],
            "Copy of": flagged["duplicate_of"],
            "Similarity": flagged["duplicate_similarity"],
        }
    )


def read_warnings(analysis: Analysis) -> pd.DataFrame:
    """Articles read with a warning, e.g. decoded as cp1252."""
    warned = analysis.articles[analysis.articles["warnings"].notna()]
    return pd.DataFrame({"Article": warned["id"], "Warning": warned["warnings"]})


def extreme_sentences(analysis: Analysis, n: int = 5) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences of the corpus."""
    sentences = analysis.sentences.merge(
        analysis.articles[["id", "title"]], left_on="article", right_on="id", how="left"
    )
    negative = sentences[sentences["polarity"] < 0].sort_values(["polarity", "article", "sentence"]).head(n)
    positive = (
        sentences[sentences["polarity"] > 0]
        .sort_values(["polarity", "article", "sentence"], ascending=[False, True, True])
        .head(n)
    )
    rows = pd.concat([negative.assign(side="most negative"), positive.assign(side="most positive")])
    return pd.DataFrame(
        {
            "Side": rows["side"],
            "Polarity": rows["polarity"],
            "Sentence": rows["text"],
            "Article": rows["title"].map(known),
        }
    )


def tone_finding(analysis: Analysis, min_sentences: int = 3) -> Finding:
    """The headline finding about tone, with its numbers.

    Compares distinct stories only (copies count once), and leaves out
    articles with fewer than ``min_sentences`` sentences, whose means say
    little; the text says how many were left out.
    """
    originals = set(analysis.articles.loc[analysis.articles["duplicate_of"].isna(), "id"])
    scored = analysis.tone[analysis.tone["article"].isin(originals) & (analysis.tone["sentences"] > 0)]
    tone = scored[scored["sentences"] >= min_sentences]
    if tone.empty:
        tone = scored
    sentences = analysis.sentences[analysis.sentences["article"].isin(tone["article"])]
    if tone.empty:
        return Finding("no sentences to score", "No article has a sentence left after cleaning.")
    left_out = len(analysis.tone) - len(tone)
    titles = analysis.articles.set_index("id")["title"].map(known)
    neutral = (sentences["polarity"] == 0).mean()
    negative = int((tone["polarity_mean"] < 0).sum())
    lowest = tone.loc[tone["polarity_mean"].idxmin()]
    highest = tone.loc[tone["polarity_mean"].idxmax()]
    spread = highest["polarity_mean"] - lowest["polarity_mean"]
    if spread < 0.1:
        heading = "tone is uniformly muted across articles"
    elif negative > len(tone) / 2:
        heading = "most articles lean negative"
    else:
        heading = "articles differ in tone"
    text = (
        f"{neutral:.0%} of {len(sentences):,} sentences score exactly neutral; "
        f"{negative} of {len(tone)} articles average below zero. Mean polarity runs from "
        f"{lowest['polarity_mean']:+.2f} (“{titles[lowest['article']]}”) to "
        f"{highest['polarity_mean']:+.2f} (“{titles[highest['article']]}”), a spread of {spread:.2f} on a scale of 2."
    )
    if left_out:
        text += (
            f" {left_out} of {len(analysis.tone)} articles are left out of this comparison: copies of another "
            f"article, or fewer than {min_sentences} sentences."
        )
    return Finding(heading, text)


def cleaning_finding(analysis: Analysis) -> Finding:
    """What the cleaning took out, in one sentence."""
    removed = analysis.removed
    content = removed[removed["rule"] != "trailing blank lines"]
    per_rule = content.groupby("rule").size().sort_values(ascending=False)
    parts = ", ".join(f"{count} {rule}" for rule, count in per_rule.items()) or "nothing"
    touched = removed["article"].nunique()
    return Finding(
        f"cleaning removed {len(content)} non-article lines from {touched} of {len(analysis.articles)} articles",
        f"By rule: {parts}. Every removed line is listed in removed_lines.csv with its line number.",
    )


def briefing_charts(analysis: Analysis, top_n_articles: int = 20) -> dict[str, Chart]:
    """Every chart of the briefing by its export name."""
    return {"tone_chart": tone_chart(analysis.tone, analysis.sentences, analysis.articles, top_n_articles)}
