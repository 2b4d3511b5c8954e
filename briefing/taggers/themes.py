"""Themes: which themes the coverage covers, and what the codebook misses.

Sentences are tagged with every codebook theme whose cue they contain. What
the codebook misses, the distinctive terms of each article, looks across the
corpus and lives in :mod:`briefing.run.distinctive_terms`.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.codebook import Codebook, find_mentions
from briefing.language.parsing import ParsedSentence
from briefing.schema import row_type

ThemeTag = row_type("ThemeTag", "One sentence's theme and the cue that tagged it.", "themes", ["theme_label"])


def tag_themes(article: str, layer: Sequence[ParsedSentence], codebook: Codebook) -> list[ThemeTag]:
    """Every (sentence, theme) pair of one article's linguistic layer, with the first cue found."""
    tags = []
    for sentence in (item.sentence for item in layer):
        seen: dict[str, str] = {}
        for mention in find_mentions(sentence.text, codebook.patterns("themes")):
            seen.setdefault(mention.target, mention.text)
        tags.extend(
            ThemeTag(article, sentence.index, theme, cue, sentence.start, sentence.end) for theme, cue in seen.items()
        )
    return tags
