"""The corpus: its facts, one row per article, and what could not be read."""

from __future__ import annotations

import pandas as pd

from briefing.paths import display_path
from briefing.report.common import UNKNOWN, known, number
from briefing.tables.analysis import Analysis


def corpus_facts(analysis: Analysis, corpus_label: str) -> dict[str, str]:
    """Key facts for the title block, the codebook the analysis used among them: another topic's codebook reads a
    corpus without an error, so the reader is told which one this is."""
    articles = analysis.articles
    copies = int(articles["duplicate_of"].notna().sum())
    dates = articles["published"].dropna()
    span = f"{dates.min()} to {dates.max()}" if len(dates) else UNKNOWN
    codebook = analysis.codebook
    return {
        "Corpus": corpus_label,
        **({"Codebook": f"{codebook.name} ({display_path(codebook.path)})"} if codebook is not None else {}),
        "Articles": f"{number(len(articles))} usable ({number(copies)} flagged as copies), "
        f"{number(len(analysis.problems))} input problems",
        "Sentences": f"{number(articles['sentences'].sum())} ({number(articles['words'].sum())} words)",
        "Outlets": f"{number(articles['outlet'].nunique())} known, {number(articles['outlet'].isna().sum())} articles "
        "unknown",
        "Publication dates": f"{span} ({number(articles['published'].isna().sum())} articles unknown)",
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
