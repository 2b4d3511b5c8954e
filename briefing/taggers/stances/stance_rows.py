"""What the stance tagger gives: a :class:`Claim` per holder and issue, and a sentence's :class:`PositionCue`."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    pass


class PositionCue(NamedTuple):
    """Whether a sentence has a support or oppose cue of the codebook, and whether that cue names no issue of it:
    the sentences whose positions the codebook cannot count (what it may be missing)."""

    cue: bool
    without_issue: bool


class Claim(NamedTuple):
    """One holder's position on one issue, and the evidence for it.

    ``actor`` is a codebook actor id or, for a holder outside the codebook, the name as written.
    """

    article: str
    sentence: int
    actor: str
    issue: str
    position: str
    cue: str
    via: str
    evidence: str
    start: int
    end: int
    condition: str = ""
    holder_side: str = ""  # the side of a holder outside the codebook, where its attribution row gives one
