"""What the source tagger finds: the rows it gives (:class:`Attribution`) and the ones it passes between its
passes.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.language.discourse import Speaker
from briefing.schema import row_type

Attribution = row_type("Attribution", "One quotation or citation and its source.", "sources")


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
