"""Framing: frames by article and loaded wording."""

from __future__ import annotations

import pandas as pd

from briefing.pipeline import Analysis
from briefing.report.common import known


def frame_table(analysis: Analysis) -> pd.DataFrame:
    """Each article's frames, strongest first, with the evidence of the strongest."""
    frames = analysis.frames
    titles = analysis.articles.set_index("id")["title"].map(known)
    rows = []
    for article, group in frames.groupby("article", sort=True):
        described = [
            f"{r.frame_label} ({r.score}: "
            + (f"headline “{r.headline_cue}”, " if r.headline_cue else "")
            + f"{r.body_sentences} sentences)"
            for r in group.itertuples()
        ]
        rows.append(
            {
                "Article": titles[article],
                "Frames, strongest first": "; ".join(described),
                "Evidence for the strongest": group.iloc[0]["evidence"],
            }
        )
    return pd.DataFrame(rows, columns=["Article", "Frames, strongest first", "Evidence for the strongest"])


def loaded_summary(analysis: Analysis) -> pd.DataFrame:
    """Loaded phrases: whose narrative, how many stories, and how often only in quotes."""
    loaded = analysis.loaded
    columns = ["Phrase", "Narrative", "Articles", "Uses", "In quotes"]
    if loaded.empty:
        return pd.DataFrame(columns=columns)
    summary = (
        loaded.assign(phrase_key=loaded["phrase"].str.lower().str.replace("’", "'"))
        .groupby(["phrase_key", "leaning"])
        .agg(
            Phrase=("phrase", "first"),
            Articles=("article", "nunique"),
            Uses=("article", "size"),
            quoted=("quoted", "sum"),
        )
        .reset_index()
    )
    summary["In quotes"] = summary["quoted"].astype(int).astype(str) + " of " + summary["Uses"].astype(str)
    summary = summary.rename(columns={"leaning": "Narrative"})
    return summary.sort_values(["Narrative", "Articles", "Phrase"], ascending=[True, False, True])[columns]
