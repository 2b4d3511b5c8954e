"""Codebook suggestions: the names and the disputed matters of a corpus that a codebook does not cover yet.

An analyst extending a codebook to a new topic needs two lists, both read off a spaCy parse of the corpus:

- **actors**: names the entity recognizer finds (persons, organisations, places with a government,
  nationalities and groups) that no actor alias of the codebook matches, with the variants of one name
  counted together ("Stoltenberg" under "Jens Stoltenberg");
- **issues**: the noun phrases a position cue governs (what is demanded, rejected, supported, made a
  condition) in sentences where no issue cue of the codebook matches, i.e. positions the analysis finds
  but cannot place on an issue.

Only sentences that can hold a candidate are parsed, with the whole pipeline (entities included): those
with a capitalised word that is not a stop word, and those with a position cue but no issue. Everything
here but :func:`suggest` is a pure function of its arguments.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import pandas as pd

from briefing.codebook import Codebook, Mention, find_mentions
from briefing.corpus.loading import Corpus, load_corpus
from briefing.language.grammar import grammar
from briefing.language.names import full_form, person_name
from briefing.language.parsing import DEFAULT_MODEL, ParsedSentence, load_model, parse_articles, require_model
from briefing.outputs import replacing
from briefing.progress import batch_sizes, progress_bar
from briefing.run.per_article import BATCH, segment_document
from briefing.taggers.stances.stance_issues import position_cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# The entity types that can be an actor: persons, organisations, countries and cities (whose governments
# act), nationalities and political or religious groups. Places without a government (LOC, FAC) are not.
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# A phrase that is only a time or an amount ("within 24 hours", "by 2026") is no issue.
AMOUNT_LABELS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY")
SUGGESTION_COLUMNS = ["kind", "phrase", "label", "mentions", "articles", "example", "article"]
# Columns the report and the starter codebook read, which the CSV leaves out.
MORE_COLUMNS = ["at", "article_ids", "variants", "labels", "as_subject", "propositions"]
KINDS = ("actor", "issue")
EXAMPLE_WIDTH = 90
WORD = re.compile(r"\w[\w'’-]*")
POSSESSIVE = re.compile(r"\s*[’']s?$")
# "the", and the clitic of a possessor the entity starts after ("our party’s Donald Trump" gives "’s Donald Trump")
LEADING_THE = re.compile(r"^(?:the|[’']s)\s+", re.IGNORECASE)
# Words that only mark a position ("only" "if", "must", "ready to"): the predicate is the content word
# they hang from ("only if the city funds buses" is about what "funds" governs).
FUNCTION_POS = ("ADP", "SCONJ", "ADV", "PART", "AUX", "DET", "CCONJ")
PREDICATE_POS = ("VERB", "NOUN", "ADJ", "PROPN")
OBJECT_DEPS = ("dobj", "obj", "nsubjpass")
CLAUSE_DEPS = ("xcomp", "ccomp", "acl", "pcomp")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
RELATIVE_TAGS = ("WDT", "WP")
Value = TypeVar("Value")


class Occurrence(NamedTuple):
    """One uncovered name or issue-like phrase in one sentence.

    ``phrase`` is normalised (a name without "the" or "'s"; a phrase without determiners, lowercased);
    ``at`` is where its words as written start in ``example``, the sentence; ``written`` is a phrase's words as
    the sentence writes them ("Syrian refugees" for "Syrian refugee"), a name's as ``phrase``; ``acts``, whether a
    name is a clause's subject there (:func:`acts`); ``proposition`` and ``verb_cue``, a phrase's
    :class:`Proposition`, where a verb that is no position cue governs it.
    """

    kind: str
    phrase: str
    label: str
    article: str
    example: str
    at: int = -1
    written: str = ""
    acts: bool = False
    proposition: str = ""
    verb_cue: str = ""


class CueCoverage(NamedTuple):
    """How many sentences with a position cue the codebook places on no issue."""

    sentences: int
    with_cue: int
    without_issue: int

    @property
    def share(self) -> float | None:
        """Share of the sentences with a position cue that name no codebook issue; None without such sentences."""
        return self.without_issue / self.with_cue if self.with_cue else None


class Suggestions(NamedTuple):
    """Everything ``codebook suggest`` reports: one row per suggestion, the cue coverage, the articles read."""

    table: pd.DataFrame
    coverage: CueCoverage
    articles: int


# --- sentences worth parsing ----------------------------------------------------------------------


def position_without_issue(text: str, codebook: Codebook) -> bool:
    """True when ``text`` has a position cue but no issue cue (inverse cues included) of the codebook."""
    return position_cue(text, codebook).without_issue


def cue_coverage(texts: Iterable[str], codebook: Codebook) -> CueCoverage:
    """Count the sentences, those with a position cue, and those of them with no codebook issue.

    Parameters
    ----------
    texts : iterable of str
        Every sentence of the corpus.
    codebook : Codebook

    Returns
    -------
    CueCoverage
    """
    cues = [position_cue(text, codebook) for text in texts]
    return CueCoverage(len(cues), sum(c.cue for c in cues), sum(c.without_issue for c in cues))


def has_name_candidate(text: str, stop_words: Collection[str]) -> bool:
    """True when ``text`` has a capitalised word that is not a stop word (a sentence's "The" is no name)."""
    return any(word[:1].isupper() and word.casefold() not in stop_words for word in WORD.findall(text))


def worth_parsing(text: str, codebook: Codebook, stop_words: Collection[str]) -> bool:
    """True when a sentence can hold an uncovered name or an issue-like phrase."""
    return has_name_candidate(text, stop_words) or position_without_issue(text, codebook)


# --- actors -----------------------------------------------------------------------------------------


def overlaps(span: tuple[int, int], mentions: Iterable[Mention]) -> bool:
    """True when a ``(start, end)`` span shares a character with any mention."""
    return any(span[0] < mention.end and mention.start < span[1] for mention in mentions)


def entity_name(text: str, label: str) -> str:
    """An entity's text as a name: single spaces, no possessive "'s", no leading "the", no title of a person."""
    name = LEADING_THE.sub("", POSSESSIVE.sub("", " ".join(text.split()))).strip(" ,;:\"“”‘’'")
    return person_name(name) if label == "PERSON" else name


def uncovered_entities(doc: Doc, actors: Sequence[Mention]) -> list[tuple[str, str, Span]]:
    """``(name, label, entity)`` of each actor-like entity of a parse that no codebook actor mention overlaps.
    (Whether it acts there, as a clause's subject, is :func:`acts`.)"""
    found = []
    for entity in doc.ents:
        if entity.label_ not in ENTITY_LABELS or overlaps((entity.start_char, entity.end_char), actors):
            continue
        name = entity_name(entity.text, entity.label_)
        if sum(c.isalpha() for c in name) >= 2:  # "U", "'s" and stray initials are not names
            found.append((name, entity.label_, entity))
    return found


def acts(entity: Span) -> bool:
    """True when an entity is the subject of a clause ("Russia said", "Iowa votes"), not a place or a name that
    only qualifies another ("in Iowa", "the Iowa caucuses")."""
    return entity.root.dep_ == "nsubj"  # a passive subject ("nsubjpass") is acted upon


def name_groups(occurrences: Iterable[Occurrence]) -> dict[tuple[str, str], str]:
    """The name each ``(article, name)`` is counted under: its full form in that article, else in the corpus.

    An article that writes "Jens Stoltenberg" and then "Stoltenberg" means one person, as the sources module
    reads it; across articles a surname is grouped only when the corpus has one full name for it.
    """
    by_article: dict[str, set[str]] = defaultdict(set)
    occurrences = list(occurrences)
    for occurrence in occurrences:
        # Only people have surnames: "Russian" is no variant of an entity the recognizer typed "Cyrillic Russian".
        if occurrence.label == "PERSON":
            by_article[occurrence.article].add(occurrence.phrase)
    corpus_names = set().union(*by_article.values())
    groups = {(o.article, o.phrase): o.phrase for o in occurrences}
    for article, names in by_article.items():
        for name in names:
            full = full_form(name, names) or name
            groups[(article, name)] = full_form(full, corpus_names) or full
    return groups


# --- issue-like phrases -------------------------------------------------------------------------------


def predicate_token(doc: Doc, cue: Mention) -> Token | None:
    """The content word of a position cue's match in the parse, or None where the cue is no predicate there."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(3):  # "only" → "if" → the verb of the condition
        if token.pos_ not in FUNCTION_POS or token.head.i == token.i:
            break
        token = token.head
    return token if token.pos_ in PREDICATE_POS else None


def argument_heads(predicate: Token, depth: int = 0) -> list[Token]:
    """The heads of what a position predicate is about: its objects, the clause it governs ("wants to build a
    bridge"), the noun it modifies ("the proposed levy"), the objects of its prepositions where it has no
    object ("called for a charge"; in "rejected the levy by seven votes" the preposition adds a circumstance),
    and, where it has none of these, its subject ("the plan is unacceptable"; "the council is ready to …" is
    a holder).
    """
    heads = [predicate.head] if depth == 0 and predicate.dep_ == "amod" else []
    objects = [child for child in predicate.children if child.dep_ in OBJECT_DEPS]
    heads += objects
    for child in predicate.children:
        if child.dep_ == "prep" and not objects:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    heads.append(grandchild)
                elif grandchild.dep_ == "pcomp" and depth < 2:
                    heads.extend(argument_heads(grandchild, depth + 1))
        elif child.dep_ in CLAUSE_DEPS and depth < 2:
            heads.extend(argument_heads(child, depth + 1))
    if depth == 0 and not heads and predicate.dep_ in ("acomp", "attr"):
        heads = [c for c in predicate.head.children if c.dep_ in SUBJECT_DEPS]
    # "the plan, which the council rejected": the relative pronoun stands for the noun the clause modifies
    heads = [h.head.head if h.tag_ in RELATIVE_TAGS and h.head.dep_ == "relcl" else h for h in heads]
    unique = {token.i: token for head in heads for token in (head, *head.conjuncts)}
    return [unique[i] for i in sorted(unique)]


def phrase_tokens(head: Token, chunk_of: dict[int, Span]) -> list[Token]:
    """The noun chunk holding ``head``; a noun outside every chunk alone; nothing for other words."""
    chunk = chunk_of.get(head.i)
    if chunk is not None:
        return list(chunk)
    return [head] if head.pos_ in ("NOUN", "PROPN") else []


def phrase_words(tokens: Sequence[Token], head: Token) -> list[Token]:
    """The words of a phrase that name the matter: no determiner, pronoun, possessor ("the mayor's") or
    punctuation other than a hyphen inside a word ("bike-lane"), and nothing before the head's determiner,
    which opens the phrase ("offer Trump an interim outcome" parsed as one chunk is about the outcome)."""
    possessors = {t.i for token in tokens if token.dep_ == "poss" for t in token.subtree}
    opening = next((token.i for token in tokens if token.dep_ == "det" and token.head.i == head.i), -1)

    def inner_hyphen(token: Token) -> bool:
        return token.text in "-‐" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_

    return [
        token
        for token in tokens
        if token.i not in possessors
        and token.i >= opening
        and token.pos_ not in ("DET", "PRON")
        and token.dep_ != "case"
        and not token.is_space
        and (not token.is_punct or inner_hyphen(token))
    ]


def normalise_phrase(words: Sequence[Token], head: Token, as_written: bool = False) -> str:
    """A phrase as it is counted: lowercase, names as written ("Russian control"), the head noun lemmatised
    ("bike lanes": "bike lane"); ``as_written``, every word as the sentence writes it ("Bike lanes").

    Words written together stay together ("bike-lane"); words a dropped word stood between are spaced
    ("interim, tangible outcome": "interim tangible outcome").
    """
    parts = []
    for before, token in zip([None, *words], words, strict=False):
        if as_written:
            form = token.text
        elif token.i == head.i and token.pos_ == "NOUN":
            form = token.lemma_.lower()
        else:
            form = token.text if token.pos_ == "PROPN" or token.ent_type_ else token.lower_
        joined = before is not None and before.i + 1 == token.i and not before.whitespace_
        parts.append(form if joined or before is None else " " + form)
    return "".join(parts).strip("-‐ ")


class Proposition(NamedTuple):
    """What is done to a phrase, where a verb governs it: the verb's lemma, its particle and the phrase with its
    article ("admit Syrian refugees", "repeal the Cadillac tax"), and the verb and the phrase as written, as a cue
    with a gap between them ("repealing … Cadillac tax")."""

    text: str
    cue: str


class IssuePhrase(NamedTuple):
    """A noun phrase a position cue governs: as counted (:func:`normalise_phrase`), the cue's position, the words
    of the sentence it spans, its words as written, and the proposition a verb makes of it (empty texts where none
    does: :func:`governed_proposition`)."""

    phrase: str
    position: str
    span: Span
    written: str
    proposition: Proposition = Proposition("", "")


@lru_cache(maxsize=1)
def plain_verbs() -> frozenset[str]:
    """Verbs whose object is no proposition of theirs, as lemmas: the light verbs ("have abortions"), the neutral
    verbs of speech, whose object is what is said ("called the calls"; a loaded one can do what it says: "admit
    refugees"), and the verbs whose object is the person addressed ("criticize the levy")
    (:mod:`briefing.language.grammar`)."""
    words = grammar()
    return frozenset((*words.light_verbs, *words.cue_verbs["neutral"], *words.addressee_verbs))


def governed_proposition(head: Token, span: Span, written: str, cues: Sequence[Mention]) -> Proposition:
    """The proposition the verb whose object ``head`` is makes of its phrase (``span``, ``written``): "stopping
    Obama's plan to admit Syrian refugees" gives "admit Syrian refugees". None (empty texts) where no verb takes
    the phrase as its object, where that verb is one of :func:`plain_verbs` ("have", "say", "tell"), or
    where a position cue is that verb or stands between it and the phrase ("supports a congestion charge", "came
    out against the tax": the cue is the position, not what is done). A conjunct shares its first conjunct's
    verb; the phrase keeps its article ("the", "a"), which the parse marks as one, not a possessive or a
    demonstrative."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    verb = first.head
    if first.dep_ not in ("dobj", "obj") or verb.pos_ != "VERB" or verb.lemma_.lower() in plain_verbs():
        return Proposition("", "")
    if verb.i > span.start or overlaps((verb.idx, span.start_char), cues):
        return Proposition("", "")
    particles = [child.lower_ for child in verb.children if child.dep_ == "prt" and child.i < head.i]
    articles = [c.lower_ for c in head.children if c.dep_ == "det" and c.morph.get("PronType") == ["Art"]]
    words = [verb.lemma_.lower(), *particles, *articles[:1], written]
    return Proposition(" ".join(words), f"{verb.text} … {written}")


def issue_phrases(doc: Doc, cues: Sequence[Mention], actors: Sequence[Mention]) -> list[IssuePhrase]:
    """Each noun phrase a position cue governs, actors and amounts left out.

    An actor is a codebook actor mention or a phrase whose head the entity recognizer types as an actor ("Mr.
    Trump", "the Senate"); an amount is a phrase the recognizer types as a date, time, number or sum.
    """
    chunk_of = {token.i: chunk for chunk in doc.noun_chunks for token in chunk}
    found, seen = [], set()
    for cue in cues:
        predicate = predicate_token(doc, cue)
        if predicate is None:
            continue
        for head in argument_heads(predicate):
            if head.pos_ == "PRON" or overlaps((head.idx, head.idx + len(head)), cues):
                continue  # a pronoun, or a cue's own noun ("reiterated his demands"): how, not what
            words = phrase_words(phrase_tokens(head, chunk_of), head)
            if not words or words[0].i in seen:
                continue
            span = doc[words[0].i : words[-1].i + 1]
            if overlaps((span.start_char, span.end_char), actors) or head.ent_type_ in ENTITY_LABELS:
                continue  # an actor, which the names table lists
            if all(token.ent_type_ in AMOUNT_LABELS for token in words):
                continue
            phrase = normalise_phrase(words, head)
            if any(c.isalpha() for c in phrase):
                seen.add(words[0].i)  # a phrase two cues govern is one mention
                written = normalise_phrase(words, head, as_written=True)
                proposition = governed_proposition(head, span, written, cues)
                found.append(IssuePhrase(phrase, cue.target, span, written, proposition))
    return found


# --- one sentence, then the corpus --------------------------------------------------------------------


def collapsed_offset(raw: str, offset: int) -> int:
    """Where ``raw[offset]`` lands once runs of white space are collapsed, as in ``Sentence.text``."""
    before = " ".join(raw[:offset].split())
    return len(before) + (1 if before and raw[offset - 1].isspace() else 0)


def issue_occurrence(phrase: IssuePhrase, article: str, example: str, at: int) -> Occurrence:
    """An issue-like phrase of a sentence as an occurrence, with the proposition a verb makes of it."""
    proposition, verb_cue = phrase.proposition
    return Occurrence(
        "issue", phrase.phrase, phrase.position, article, example, at, phrase.written, False, proposition, verb_cue
    )


def sentence_occurrences(article: str, item: ParsedSentence, codebook: Codebook) -> list[Occurrence]:
    """Uncovered names and issue-like phrases of one parsed sentence.

    Aliases and cues are matched on the parsed text (the sentence with line breaks as spaces), so their
    offsets are the parse's.
    """
    doc, example = item.doc, item.sentence.text
    if doc is None:
        return []
    actors = find_mentions(doc.text, codebook.patterns("actors"))

    def at(span: Span) -> int:
        return collapsed_offset(doc.text, span.start_char)

    # Words the codebook already places on a side ("Russian", "Western") are covered, as sources read them, and
    # so are its demonyms and the peoples they name ("Polish", "Ukrainians").
    side_words = (
        {w.casefold() for words in codebook.side_words.values() for w in words}
        | {w.casefold() for w in codebook.unnamed_adjectives}
        | {form for demonym in codebook.demonyms for form in (demonym, demonym + "s")}
    )
    found = [
        Occurrence("actor", name, label, article, example, at(entity), acts=acts(entity))
        for name, label, entity in uncovered_entities(doc, actors)
        if name.casefold() not in side_words
    ]
    if position_without_issue(doc.text, codebook):
        cues = codebook.mentions(doc.text, "cues")
        found += [
            issue_occurrence(phrase, article, example, at(phrase.span)) for phrase in issue_phrases(doc, cues, actors)
        ]
    return found


def counted(values: Iterable[Value]) -> tuple[tuple[Value, int], ...]:
    """Each distinct value with how often it occurs, most frequent first, then in order of first occurrence."""
    return tuple(Counter(values).most_common())


def suggestion_table(occurrences: Sequence[Occurrence]) -> pd.DataFrame:
    """One row per name or phrase: how often and in how many articles, with the first sentence it is in.

    Variants of one name are counted under their full form (:func:`name_groups`); spellings that differ in
    case only are one row, shown as most often written. Issue-like phrases that are an actor's name are left
    out. A row's label is the one most given to the name as shown, else to any variant. Rows are in
    :data:`KINDS` order, most mentioned first. Columns: :data:`SUGGESTION_COLUMNS`; ``at``, where the
    phrase starts in the example; ``article_ids``, the articles it is in; ``variants``, each name counted in the
    row (a phrase's words as written) with its mentions, and ``labels``, each label with its mentions, both most
    mentioned first; ``as_subject``, the mentions of a name as a clause's subject; ``propositions``, each
    ``(proposition, verb cue)`` a verb makes of a phrase (:class:`Proposition`) with its mentions, most mentioned first
    (:data:`MORE_COLUMNS`, which the CSV leaves out).
    """
    groups = name_groups(o for o in occurrences if o.kind == "actor")
    names = {o.phrase.casefold() for o in occurrences if o.kind == "actor"}
    grouped: dict[tuple[str, str], list[tuple[Occurrence, str]]] = defaultdict(list)
    for o in occurrences:
        if o.kind == "actor":
            shown = groups[(o.article, o.phrase)]
        elif o.phrase.casefold() in names:
            continue
        else:
            shown = o.phrase
        grouped[(o.kind, shown.casefold())].append((o, shown))
    rows = []
    for (kind, _), members in grouped.items():
        first = members[0][0]
        shown = Counter(shown for _, shown in members).most_common(1)[0][0]
        # The recognizer types a full name more reliably than a lone surname ("Morgan" is often an ORG).
        labels = [o.label for o, _ in members if o.phrase == shown] or [o.label for o, _ in members]
        rows.append(
            {
                "kind": kind,
                "phrase": shown,
                "label": Counter(labels).most_common(1)[0][0],
                "mentions": len(members),
                "articles": len({o.article for o, _ in members}),
                "example": first.example,
                "article": first.article,
                "at": first.at,
                "article_ids": tuple(dict.fromkeys(o.article for o, _ in members)),
                "variants": counted(o.written or o.phrase for o, _ in members),
                "labels": counted(o.label for o, _ in members),
                "as_subject": sum(o.acts for o, _ in members),
                "propositions": counted((o.proposition, o.verb_cue) for o, _ in members if o.proposition),
            }
        )
    table = pd.DataFrame(rows, columns=[*SUGGESTION_COLUMNS, *MORE_COLUMNS])
    table["order"] = table["kind"].map(KINDS.index)
    table = table.sort_values(["order", "mentions", "articles", "phrase"], ascending=[True, False, False, True])
    return table.drop(columns="order").reset_index(drop=True)


def suggest(
    corpus_dir: str | Path, codebook: Codebook, spacy_model: str = DEFAULT_MODEL, progress: bool = False
) -> Suggestions:
    """Load a corpus, parse the sentences that can hold a suggestion, and collect the suggestions.

    Parameters
    ----------
    corpus_dir : str or Path
        The corpus folder, loaded and cleaned as the analysis loads it.
    codebook : Codebook
        The codebook to extend.
    spacy_model : str
        The installed spaCy pipeline that parses sentences.
    progress : bool
        Show progress bars on standard error.

    Returns
    -------
    Suggestions

    Raises
    ------
    CorpusError
        When the folder is missing or holds no usable article.
    ModelError
        When the spaCy model is not installed.
    """
    require_model(spacy_model)  # cheap: fail before reading the corpus
    return corpus_suggestions(load_corpus(corpus_dir, progress=progress), codebook, spacy_model, progress)


def corpus_suggestions(
    corpus: Corpus, codebook: Codebook, spacy_model: str = DEFAULT_MODEL, progress: bool = False
) -> Suggestions:
    """:func:`suggest` on a corpus already loaded."""
    stop_words = frozenset(load_model(spacy_model).Defaults.stop_words)
    articles = [(document, segment_document(document)[1]) for document in corpus.documents]
    coverage = cue_coverage((s.text for _, sentences in articles for s in sentences), codebook)
    wanted = partial(worth_parsing, codebook=codebook, stop_words=stop_words)
    occurrences = []
    batches = [articles[i : i + BATCH] for i in range(0, len(articles), BATCH)]
    for batch in progress_bar(batches, "parsing", progress, sizes=batch_sizes(batches)):
        layers = parse_articles([(d.source_text, sentences) for d, sentences in batch], wanted, spacy_model)
        for (document, _), layer in zip(batch, layers, strict=True):
            occurrences.extend(o for item in layer for o in sentence_occurrences(document.id, item, codebook))
    return Suggestions(suggestion_table(occurrences), coverage, len(corpus.documents))


# --- report ---------------------------------------------------------------------------------------------


def shorten(text: str, at: int = -1, width: int = EXAMPLE_WIDTH) -> str:
    """``text`` cut to about ``width`` characters at word boundaries, keeping the words from ``at`` in view."""
    if len(text) <= width:
        return text
    left = 0 if at < 0 else max(0, min(at - width // 3, len(text) - width))
    right = left + width
    if left > 0:
        left = text.find(" ", left) + 1 or left
    if right < len(text) and text.rfind(" ", left, right) > left:
        right = text.rfind(" ", left, right)
    return ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def coverage_line(coverage: CueCoverage, articles: int) -> str:
    """One line: the sentences with a position cue that the codebook places on no issue."""
    corpus = f"{coverage.sentences:,} sentences in {articles:,} articles"
    if coverage.share is None:
        return f"Position cues without a codebook issue: none of the {corpus} has a position cue."
    return (
        f"Position cues without a codebook issue: {coverage.without_issue:,} of {coverage.with_cue:,} sentences "
        f"with a position cue ({coverage.share:.0%}), of {corpus}."
    )


def format_table(rows: pd.DataFrame) -> str:
    """``kind | phrase | mentions | articles | example`` as aligned plain text, the label beside the kind."""
    header = ["kind", "phrase", "mentions", "articles", "example"]
    cells = [
        [f"{r.kind} ({r.label})", r.phrase, f"{r.mentions:,}", f"{r.articles:,}", shorten(r.example, r.at)]
        for r in rows.itertuples()
    ]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(4)]
    lines = []
    for row in [header, *cells]:
        left = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        right = [row[2].rjust(widths[2]), row[3].rjust(widths[3])]
        lines.append(" | ".join([*left, *right, row[4]]))
    return "\n".join(lines)


def format_report(suggestions: Suggestions, top: int = 20) -> str:
    """The coverage line, then the top ``top`` actors and issue-like phrases, each as a table."""
    titles = {
        "actor": "Names the codebook's actors do not cover",
        "issue": "Issue-like phrases of position statements without a codebook issue",
    }
    parts = [coverage_line(suggestions.coverage, suggestions.articles)]
    for kind in KINDS:
        rows = suggestions.table[suggestions.table["kind"] == kind]
        shown = f"top {min(top, len(rows))} of {len(rows):,}" if len(rows) > top else f"{len(rows):,}"
        parts.append(f"\n{titles[kind]} ({shown}):")
        parts.append(format_table(rows.head(top)) if len(rows) else "none")
    return "\n".join(parts)


def write_suggestions(table: pd.DataFrame, path: Path) -> None:
    """Write every row as CSV (:data:`SUGGESTION_COLUMNS`), atomically: a reader sees the old file or the new.

    Raises
    ------
    ParameterError
        When ``path`` is a link or exists and is not a regular file (:func:`~briefing.outputs.check_output_file`).
    """
    with replacing(path) as staged:
        table[SUGGESTION_COLUMNS].to_csv(staged, index=False, lineterminator="\n", encoding="utf-8")
