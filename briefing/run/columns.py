"""Per-article results as columns: the form in which they are cached, sent back by workers and assembled.

One article's result holds hundreds of small named tuples (paragraphs, sentences, their tones, attributions,
mentions...). Pickled as such, each is rebuilt one by one when read back, which was most of the time a re-run of
10,000 cached articles spent before analysing anything new. As columns (one tuple of values per field), a result
is read back in bulk, and its columns extend the corpus tables' columns directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from briefing.codebook import Codebook
from briefing.language.parsing import DEFAULT_MODEL, load_model
from briefing.language.segment import Paragraph, Sentence
from briefing.language.sentiment import ArticleTone, Tone
from briefing.run.per_article import ActorMention, ArticleAnalysis, analyze_batch
from briefing.taggers.framing import FrameHit, LoadedPhrase
from briefing.taggers.sources.source_rows import Attribution
from briefing.taggers.stances.stance_rows import Claim, PositionCue
from briefing.taggers.themes import ThemeTag
from briefing.taggers.timeline import DatedSentence

CACHE_SECTION = "articles"  # the cache keys this section by the code of this module and all it imports

if TYPE_CHECKING:  # a type only: the document's contents are part of every cache key
    from briefing.corpus.loading import Document

# Each list of an ArticleAnalysis, with the named tuple its items are.
PARTS: dict[str, type[tuple]] = {
    "paragraphs": Paragraph,
    "sentences": Sentence,
    "tones": Tone,
    "cues": PositionCue,
    "claims": Claim,
    "frames": FrameHit,
    "loaded": LoadedPhrase,
    "attributions": Attribution,
    "themes": ThemeTag,
    "mentions": ActorMention,
    "dates": DatedSentence,
}


class ArticleColumns(NamedTuple):
    """One article's :class:`~briefing.run.per_article.ArticleAnalysis` as columns."""

    id: str
    tone: ArticleTone
    parts: dict[str, tuple[tuple, ...]]  # part -> one tuple of values per field of its named tuple; () when empty
    warnings: tuple[str, ...] = ()  # what the analysis altered (ArticleAnalysis.warnings)

    def rows(self, part: str) -> int:
        """How many items ``part`` holds."""
        columns = self.parts[part]
        return len(columns[0]) if columns else 0

    def values(self, part: str, field: str) -> tuple:
        """The values of ``field`` over the items of ``part``."""
        columns = self.parts[part]
        return columns[PARTS[part]._fields.index(field)] if columns else ()


def as_columns(result: ArticleAnalysis) -> ArticleColumns:
    """``result`` as columns."""
    parts = {part: tuple(zip(*getattr(result, part), strict=True)) for part in PARTS}
    return ArticleColumns(result.id, result.tone, parts, result.warnings)


def analyze_to_columns(
    documents: Sequence[Document], codebook: Codebook | None = None, spacy_model: str = DEFAULT_MODEL
) -> list[ArticleColumns]:
    """:func:`~briefing.run.per_article.analyze_batch`, each result as columns (where it runs: a worker sends them back
    as such).

    The strings and lexemes that parsing adds to the model's vocabulary are let go when the batch is done (a spaCy
    memory zone, left once the results are columns of plain values): a process that analyses thousands of
    articles keeps the memory it started with, where the vocabulary of new names and numbers would otherwise grow
    without end."""
    with load_model(spacy_model).memory_zone() if codebook is not None else nullcontext():
        return [as_columns(result) for result in analyze_batch(documents, shared_codebook(codebook), spacy_model)]


# Each batch sent to a worker process arrives with its own copy of the codebook, and a codebook's matchers are
# compiled once per object: without this, every batch of 16 articles compiled them again (a quarter of its time).
_CODEBOOKS: dict[str, Codebook] = {}


def shared_codebook(codebook: Codebook | None) -> Codebook | None:
    """The first codebook equal to ``codebook`` that this process was given, whose matchers are compiled."""
    return None if codebook is None else _CODEBOOKS.setdefault(repr(codebook), codebook)


def column(results: Iterable[ArticleColumns], part: str, field: str) -> list:
    """``field`` of ``part`` over every article in ``results``, in order."""
    at = PARTS[part]._fields.index(field)  # found once, not once per article (a million times at 10,000 articles)
    return list(chain.from_iterable(columns[at] for columns in (result.parts[part] for result in results) if columns))


def article_column(results: Iterable[ArticleColumns], part: str) -> list[str]:
    """The article id of every item of ``part``, in the order of :func:`column`."""
    return list(chain.from_iterable([result.id] * result.rows(part) for result in results))


def part_columns(results: Sequence[ArticleColumns], part: str) -> dict[str, list]:
    """Every field of ``part`` over every article in ``results``, as a table's columns."""
    return {field: column(results, part, field) for field in PARTS[part]._fields}
