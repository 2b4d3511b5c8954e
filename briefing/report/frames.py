"""Framing: frames by article and loaded wording."""

from __future__ import annotations

import pandas as pd

from briefing.report.common import codebook_lacks, known
from briefing.tables.analysis import Analysis


def frame_table(analysis: Analysis) -> pd.DataFrame:
    """Each article's frames, strongest first, with the evidence of the strongest."""
    frames = analysis.frames
    columns = ["Article", "Frames, strongest first", "Evidence for the strongest"]
    if frames.empty:
        return pd.DataFrame(columns=columns)
    titles = analysis.articles.set_index("id")["title"].map(known)
    described = [
        f"{label} ({score}: " + (f"headline “{cue}”, " if cue else "") + f"{body} sentences)"
        for label, score, cue, body in zip(
            frames["frame_label"], frames["score"], frames["headline_cue"], frames["body_sentences"], strict=True
        )
    ]
    listed = frames.assign(described=described).groupby("article", sort=True)["described"].agg("; ".join)
    strongest = frames.drop_duplicates("article").set_index("article")["evidence"]
    return pd.DataFrame(
        {
            "Article": titles[listed.index].to_numpy(),
            "Frames, strongest first": listed.to_numpy(),
            "Evidence for the strongest": strongest[listed.index].to_numpy(),
        },
        columns=columns,
    )


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


def frames_absent(analysis: Analysis) -> str:
    """Why no article has a frame, and how to supply one, in one line; empty when one has."""
    codebook = analysis.codebook
    if codebook is None or not codebook.frames:
        return codebook_lacks(codebook, "frames", "frames", "how each article tells the story")
    if len(analysis.frames):
        return ""
    return "No article reaches a frame's threshold: add the words the articles use for the frames to their `cues`."


def loaded_absent(analysis: Analysis) -> str:
    """Why no loaded wording is listed, in one line; empty when some appears."""
    codebook = analysis.codebook
    if codebook is None or not codebook.loaded_terms:
        return codebook_lacks(codebook, "loaded wording", "loaded_wording", "each side's own vocabulary")
    if len(analysis.loaded):
        return ""
    return "No loaded wording of the codebook appears in the articles."
