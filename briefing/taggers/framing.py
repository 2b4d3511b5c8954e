"""Framing: how each article frames the story, and loaded wording for either side.

A frame scores three points for a cue in the headline and one for each body
sentence with a cue; an article gets every frame that reaches
``min_score``. All frames' cues are matched together, longest first, so
"no breakthrough" counts for deadlock, not for progress; a cue right after a
negation ("not a breakthrough") does not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.codebook import Codebook, find_mentions
from briefing.language.grammar import grammar
from briefing.language.parsing import ParsedSentence, negated
from briefing.language.segment import Sentence, evidence_text
from briefing.schema import row_type

HEADLINE_WEIGHT = 3
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


FrameHit = row_type("FrameHit", "A frame an article uses, with its strongest evidence.", "frames", ["frame_label"])
LoadedPhrase = row_type(
    "LoadedPhrase", "Loaded wording in one sentence; ``quoted`` when inside quotation marks.", "loaded_wording"
)


def frame_cues(item: ParsedSentence, codebook: Codebook) -> dict[str, str]:
    """Frames cued in a sentence of the linguistic layer, each with its first cue."""
    cues: dict[str, str] = {}
    for mention in find_mentions(item.sentence.text, codebook.patterns("frames")):
        if not negated(item, mention.start, grammar().negations, mention.end) or mention.text.lower().startswith("no "):
            cues.setdefault(mention.target, mention.text)
    return cues


def article_frames(
    article: str, title: str, layer: Sequence[ParsedSentence], codebook: Codebook, min_score: int = 3
) -> list[FrameHit]:
    """The frames of one article, strongest first, from its title and its linguistic layer."""
    title = title or ""
    headline = frame_cues(ParsedSentence(Sentence(-1, -1, 0, len(title), title, len(title.split())), None), codebook)
    body: dict[str, list[Sentence]] = {}
    for item in layer:
        for frame in frame_cues(item, codebook):
            body.setdefault(frame, []).append(item.sentence)
    hits = []
    for frame in codebook.frames:
        score = HEADLINE_WEIGHT * (frame in headline) + len(body.get(frame, []))
        if score < min_score:
            continue
        first = body[frame][0] if body.get(frame) else None
        hits.append(
            FrameHit(
                article,
                frame,
                score,
                headline.get(frame, ""),
                len(body.get(frame, [])),
                first.index if first else None,
                first.text if first else title,
                first.start if first else None,
                first.end if first else None,
            )
        )
    return sorted(hits, key=lambda hit: (-hit.score, hit.frame))


def loaded_wording(article: str, layer: Sequence[ParsedSentence], codebook: Codebook) -> list[LoadedPhrase]:
    """Every loaded phrase of one article, marked quoted or the writer's own."""
    found = []
    for sentence in (item.sentence for item in layer):
        quotes = [m.span() for m in QUOTED.finditer(sentence.text)]
        for rank, mention in enumerate(find_mentions(sentence.text, codebook.patterns("loaded"))):
            quoted = any(start <= mention.start and mention.end <= end for start, end in quotes)
            found.append(
                LoadedPhrase(
                    article,
                    sentence.index,
                    mention.text,
                    mention.target,
                    quoted,
                    evidence_text(sentence, rank, mention.start, mention.end),
                    sentence.start,
                    sentence.end,
                )
            )
    return found
