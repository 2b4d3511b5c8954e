"""One speaker per person across the corpus."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from briefing.language.names import alike_names


def merge_speakers(sources: pd.DataFrame, codebook_names: Collection[str] = ()) -> pd.DataFrame:
    """One speaker per person across the corpus.

    Named speakers other than the codebook's (``codebook_names``, the names its actors are shown by) that share
    a surname and are alike ("Tatiana Stanovaya", "Tatyana Stanovaya", "Stanovaya") become the most complete
    form, which also lends its role, affiliation, type, side and the actor it speaks for; a name typed as a person in
    any of its mentions is a person's. A person an alias of a group names ("Corey Lewandowski" of a campaign) keeps
    a name of their own and is merged too.
    """
    mask = (sources["source_type"] != "anonymous") & ~sources["speaker"].isin(set(codebook_names))
    if not mask.any():
        return sources
    canonical = alike_names(sources.loc[mask, "speaker"])
    merged = sources.copy()
    merged.loc[mask, "speaker"] = merged.loc[mask, "speaker"].map(canonical)
    profile_columns = ["affiliation", "role", "source_type", "speaker_kind", "side", "speaks_for", "resolved"]
    informative = merged[mask].assign(score=lambda f: (f["role"] != "").astype(int) + (f["affiliation"] != ""))
    best = informative.sort_values("score", ascending=False, kind="stable").drop_duplicates("speaker")
    profiles = best.set_index("speaker")[profile_columns]
    for column in profile_columns:
        merged.loc[mask, column] = merged.loc[mask, "speaker"].map(profiles[column])
    # a name the recognizer typed as a person in any of its mentions is a person's ("Stanovaya" untyped once)
    persons = set(sources.loc[mask & (sources["speaker_kind"] == "person"), "speaker"].map(canonical))
    merged.loc[mask & merged["speaker"].isin(persons), "speaker_kind"] = "person"
    return merged
