"""One speaker per person across the corpus."""

from __future__ import annotations

import pandas as pd

from briefing.language.names import alike_names


def merge_speakers(sources: pd.DataFrame) -> pd.DataFrame:
    """One speaker per person across the corpus.

    Names not in the codebook that share a surname and are alike
    ("Tatiana Stanovaya", "Tatyana Stanovaya", "Stanovaya") become the most
    complete form, which also lends its role, affiliation, type and side.
    """
    named = sources[sources["actor"].isna() & (sources["source_type"] != "anonymous")]
    if named.empty:
        return sources
    canonical = alike_names(named["speaker"])
    merged = sources.copy()
    mask = merged["actor"].isna() & (merged["source_type"] != "anonymous")
    merged.loc[mask, "speaker"] = merged.loc[mask, "speaker"].map(canonical)
    profile_columns = ["affiliation", "role", "source_type", "side", "resolved"]
    informative = merged[mask].assign(score=lambda f: (f["role"] != "").astype(int) + (f["affiliation"] != ""))
    best = informative.sort_values("score", ascending=False, kind="stable").drop_duplicates("speaker")
    profiles = best.set_index("speaker")[profile_columns]
    for column in profile_columns:
        merged.loc[mask, column] = merged.loc[mask, "speaker"].map(profiles[column])
    return merged
