"""Per-article analysis: a pure function of one article, the codebook and the spaCy model.

Nothing here looks across articles, so results can be computed anywhere (in this process, in worker processes,
on a cluster) and cached: :mod:`briefing.run.cache` fingerprints this module and the modules it imports to key the
cache. The document enters the key as data, so the code that loaded and cleaned it is not part of the fingerprint.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from briefing.codebook import Codebook
from briefing.language import sentiment
from briefing.language.discourse import article_discourse
from briefing.language.parsing import DEFAULT_MODEL, ParsedSentence, parse_articles
from briefing.language.segment import Paragraph, Sentence, build_paragraphs, cut_warning, split_sentences
from briefing.schema import row_type
from briefing.taggers.framing import FrameHit, LoadedPhrase, article_frames, loaded_wording
from briefing.taggers.sources.source_article import extract_attributions
from briefing.taggers.sources.source_rows import Attribution
from briefing.taggers.sources.source_syntactic import needs_entities
from briefing.taggers.sources.source_triggers import needs_parse
from briefing.taggers.stances.stance_claims import SentenceReading, article_readings, extract_claims
from briefing.taggers.stances.stance_issues import position_cue
from briefing.taggers.stances.stance_rows import Claim, PositionCue
from briefing.taggers.themes import ThemeTag, tag_themes
from briefing.taggers.timeline import DatedSentence, article_dates, mentions_date

if TYPE_CHECKING:  # a type only: the document's contents are part of every cache key
    from briefing.corpus.loading import Document

HEADLINE = -1  # the sentence number of an article's title, which stances read before its body
# Articles analysed together: their sentences are parsed in one stream, which is faster than many small ones.
BATCH = 16
NO_CUE = PositionCue(cue=False, without_issue=False, issue=False)  # without a codebook there are no cues


class ArticleAnalysis(NamedTuple):
    """Everything computed from one article on its own."""

    id: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    tones: list[sentiment.Tone]
    tone: sentiment.ArticleTone
    cues: list[PositionCue]  # one per sentence, as tones
    claims: tuple[Claim, ...] = ()
    frames: tuple[FrameHit, ...] = ()
    loaded: tuple[LoadedPhrase, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    themes: tuple[ThemeTag, ...] = ()
    mentions: tuple[ActorMention, ...] = ()
    dates: tuple[DatedSentence, ...] = ()
    warnings: tuple[str, ...] = ()  # what the analysis altered, for the article's warnings (overlong sentences cut)


ActorMention = row_type(
    "ActorMention",
    "A codebook actor named in a sentence (by name, alias or role), as the linguistic layer found it.",
    "actor_mentions",
    ["actor_name", "side"],
)


def analyze_article(
    document: Document, codebook: Codebook | None = None, spacy_model: str = DEFAULT_MODEL
) -> ArticleAnalysis:
    """Segment one article, score its tone and, with a codebook, parse it and find its stances, sources and frames."""
    return analyze_batch([document], codebook, spacy_model)[0]


def segment_document(document: Document) -> tuple[list[Paragraph], list[Sentence]]:
    """The paragraphs and sentences of one document's kept lines, as every stage reads them."""
    paragraphs = build_paragraphs(document.source_text, document.kept_lines)
    return paragraphs, split_sentences(document.source_text, paragraphs)


def headline_sentence(document: Document) -> Sentence | None:
    """The title as sentence -1, with its offsets in the file where the file holds it (else 0 and 0); None
    without a title, or when the title is a line the body keeps (a title inferred from the first sentence)."""
    if not document.title:
        return None
    title = " ".join(document.title.split())
    start = document.source_text.find(document.title)
    start, end = (start, start + len(document.title)) if start >= 0 else (0, 0)
    if end > start and any(line.start < end and start < line.start + len(line.text) for line in document.kept_lines):
        return None
    return Sentence(HEADLINE, -1, start, end, title, len(title.split()))


def article_layers(
    articles: Sequence[tuple[str, Sequence[Sentence]]], codebook: Codebook, spacy_model: str = DEFAULT_MODEL
) -> list[list[ParsedSentence]]:
    """The linguistic layer of several articles (``(source text, sentences)`` each), as every tagger reads it.

    Sentences that can hold an attribution, name a codebook issue or hold a date are parsed, entity recognition runs
    where a name is a speaker the codebook does not know, and every sentence carries the codebook actors it names.
    """
    wanted = partial(needs_stance_parse, codebook=codebook)
    return parse_articles(articles, wanted, spacy_model, partial(needs_entities, codebook=codebook), codebook)


def needs_stance_parse(text: str, codebook: Codebook) -> bool:
    """A sentence that can hold an attribution (:func:`~briefing.taggers.sources.source_triggers.needs_parse`),
    names an issue, or has a position cue, whose issue may be named by an earlier sentence ("Lavrov hit out
    against the deliveries"); or one with a date, whose verb tells whether it lies before or after publication
    (:func:`~briefing.taggers.timeline.mentions_date`)."""
    return (
        needs_parse(text)
        or bool(codebook.mentions(text, "issues"))
        or bool(codebook.mentions(text, "cues"))
        or mentions_date(text)
    )


def layered_batch(
    documents: Sequence[Document], codebook: Codebook | None, spacy_model: str = DEFAULT_MODEL
) -> tuple[list[tuple[list[Paragraph], list[Sentence]]], list, list]:
    """Each document's paragraphs and sentences, and with a codebook the layers of its body and of its headline
    (:func:`article_layers`, one stream for all); without one, None for each layer."""
    segmented = [segment_document(document) for document in documents]
    headlines = [[headline] if (headline := headline_sentence(d)) else [] for d in documents]
    layers = (
        article_layers(
            [(d.source_text, sentences) for d, (_, sentences) in zip(documents, segmented, strict=True)]
            + [(d.source_text, headline) for d, headline in zip(documents, headlines, strict=True)],
            codebook,
            spacy_model,
        )
        if codebook is not None
        else [None] * 2 * len(documents)
    )
    return segmented, layers[: len(documents)], layers[len(documents) :]


def stance_readings(
    documents: Sequence[Document], codebook: Codebook, spacy_model: str = DEFAULT_MODEL
) -> list[list[SentenceReading]]:
    """What the stance tagger reads in each document before it decides (its rules' claims and every candidate), as
    :func:`analyze_batch` reads it: for training and measuring the decision."""
    _, parses, headline_parses = layered_batch(documents, codebook, spacy_model)
    readings = []
    for document, parsed, headline in zip(documents, parses, headline_parses, strict=True):
        discourse = article_discourse(parsed)
        attributions = extract_attributions(document.id, document.source_text, parsed, codebook, discourse)
        readings.append(article_readings(document.id, [*headline, *parsed], codebook, attributions, discourse))
    return readings


def analyze_batch(
    documents: Sequence[Document], codebook: Codebook | None = None, spacy_model: str = DEFAULT_MODEL
) -> list[ArticleAnalysis]:
    """:func:`analyze_article` for several documents, their sentences parsed in one stream (faster, same result)."""
    segmented, parses, headline_parses = layered_batch(documents, codebook, spacy_model)
    results = []
    for document, (paragraphs, sentences), parsed, headline in zip(
        documents, segmented, parses, headline_parses, strict=True
    ):
        tones = [sentiment.score(sentence.text) for sentence in sentences]
        layer = parsed if parsed is not None else [ParsedSentence(sentence, None) for sentence in sentences]
        result = ArticleAnalysis(
            document.id,
            paragraphs,
            sentences,
            tones,
            sentiment.aggregate(tones),
            [position_cue(sentence.text, codebook) if codebook else NO_CUE for sentence in sentences],
            dates=tuple(article_dates(document.id, layer, document.published)),
            warnings=tuple(warning for warning in [cut_warning(sentences)] if warning),
        )
        if codebook is not None:
            discourse = article_discourse(parsed)  # the source tagger writes it, the stance tagger reads it
            attributions = tuple(extract_attributions(document.id, document.source_text, parsed, codebook, discourse))
            result = result._replace(
                attributions=attributions,
                # The headline is read first: a position it states counts, and it names what the story is about.
                claims=tuple(extract_claims(document.id, [*headline, *parsed], codebook, attributions, discourse)),
                frames=tuple(article_frames(document.id, document.title, parsed, codebook)),
                loaded=tuple(loaded_wording(document.id, parsed, codebook)),
                themes=tuple(tag_themes(document.id, parsed, codebook)),
                mentions=tuple(
                    ActorMention(document.id, item.sentence.index, mention.target, mention.text)
                    for item in parsed
                    for mention in item.actors
                ),
            )
        results.append(result)
    return results
