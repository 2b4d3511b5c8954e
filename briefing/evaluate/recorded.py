"""The scores ``make eval`` recorded in ``briefing/data/``, read and written in one place: the briefing shows them on
any machine without the gold (the report reads this module only, never the evaluations)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from briefing.outputs import replacing
from briefing.paths import PACKAGE_DIR

RECORDED = {
    kind: PACKAGE_DIR / "data" / f"{kind}_quality.json" for kind in ("cleaning", "attribution", "stance", "seed")
}


def recorded_path(kind: str) -> Path:
    """Where the scores of ``kind`` (cleaning, attribution, stance or seed) are recorded."""
    return RECORDED[kind]


def record(kind: str, data: dict, sort_keys: bool = False) -> Path:
    """Save the scores of ``kind`` as JSON, whole or not at all (a briefing rendered meanwhile reads the old scores
    or the new); returns the file."""
    path = recorded_path(kind)
    with replacing(path) as staged:
        staged.write_text(json.dumps(data, indent=2, sort_keys=sort_keys) + "\n", encoding="utf-8")
    return path


def recorded_quality(kind: str) -> dict | None:
    """The scores of ``kind`` last recorded, or None."""
    path = recorded_path(kind)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def record_topic(kind: str, topic: str, data: dict) -> Path:
    """Save the scores of ``kind`` measured for one topic (a codebook's name) beside those of other topics."""
    recorded = recorded_quality(kind) or {}
    return record(kind, {**recorded, topic: data})


def recorded_topic_quality(kind: str, topic: str) -> dict | None:
    """The scores of ``kind`` recorded for ``topic`` (a codebook's name), or None: scores measured with another
    codebook say nothing of this one's."""
    return (recorded_quality(kind) or {}).get(topic)


def recorded_seed_scores() -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The stance and source scores on the seeds that ``make eval`` recorded, and the date they were measured;
    empty tables when none are recorded."""
    data = recorded_quality("seed")
    if data is None:
        return pd.DataFrame(), pd.DataFrame(), ""
    return pd.DataFrame(data["stances"]), pd.DataFrame(data["sources"]), data["measured"]
