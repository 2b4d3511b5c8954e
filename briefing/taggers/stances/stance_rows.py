"""What the stance tagger gives: a :class:`Claim` per holder and issue, and a sentence's :class:`PositionCue`."""

from __future__ import annotations

from typing import NamedTuple

from briefing.schema import row_type


class PositionCue(NamedTuple):
    """Whether a sentence has a support or oppose cue of the codebook, whether that cue names no issue of it (the
    sentences whose positions the codebook cannot count: what it may be missing), and whether the sentence names
    an issue of the codebook by one of its cues (how much of the corpus the codebook's issues reach)."""

    cue: bool
    without_issue: bool
    issue: bool = False


# ``holder_side``: the side of a holder outside the codebook, where its attribution row gives one
Claim = row_type(
    "Claim",
    "One holder's position on one issue, and the evidence for it.\n\n"
    "``actor`` is a codebook actor id or, for a holder outside the codebook, the name as written.",
    "stances",
    ["actor_name", "side", "issue_label"],
    defaults={"condition": "", "probability": float("nan")},  # NaN: a pair the model did not score
    extra={"holder_side": ""},
)
