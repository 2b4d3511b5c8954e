"""What the source tagger finds: the rows it gives (:class:`Attribution`) and the ones it passes between its
passes.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.language.discourse import Speaker


class Attribution(NamedTuple):
    """One quotation or citation and its source."""

    article: str
    sentence: int
    speaker: str
    actor: str | None
    affiliation: str
    role: str
    source_type: str
    side: str
    kind: str
    cue_verb: str
    verb_strength: str
    quote: str
    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None
    resolved: bool


class Found(NamedTuple):
    """An attribution before classification: offsets into the source text."""

    kind: str
    sentence: int
    pieces: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None
    cue_text: str
    cue_lemma: str
    mention: tuple[int, int] | None
    speaker: Speaker | None

    @property
    def span(self) -> tuple[int, int]:
        return self.pieces[0][0], self.pieces[-1][1]


class Quotation(NamedTuple):
    """Quoted text (without its marks) inside one paragraph, or running on from the one before."""

    start: int
    end: int
    continues: bool  # runs on from an unclosed quotation of the paragraph before
