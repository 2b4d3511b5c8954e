"""One speaker per person across the corpus."""

from __future__ import annotations

import pandas as pd


def merge_speakers(sources: pd.DataFrame) -> pd.DataFrame:
    """One speaker per person across the corpus.

    Names not in the codebook that share a surname and are alike
    ("Tatiana Stanovaya", "Tatyana Stanovaya", "Stanovaya") become the most
    complete form, which also lends its role, affiliation, type and side.
    """
    from rapidfuzz import fuzz

    named = sources[sources["actor"].isna() & (sources["source_type"] != "anonymous")]
    if named.empty:
        return sources
    canonical: dict[str, str] = {}
    names = sorted(set(named["speaker"]), key=lambda n: (-len(n.split()), -len(n), n))
    for name in names:
        target = next(
            (
                c
                for c in dict.fromkeys(canonical.values())
                if c.split()[-1][:4] == name.split()[-1][:4]
                and (len(name.split()) == 1 or fuzz.ratio(name, c) >= 85)
                and fuzz.ratio(c.split()[-1], name.split()[-1]) >= 80
            ),
            name,
        )
        canonical[name] = target
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
