"""Discourse: what earlier sentences of an article tell later ones (who was named, who spoke), for the taggers.

One :class:`Discourse` per article (:func:`article_discourse`): the persons it names under their fullest names,
read before any tagger runs; then, as the source tagger reads the sentences in order, who was named or spoke last,
kept sentence by sentence (:meth:`Discourse.mark`) so that the stance tagger, which reads the article after it,
resolves "he" and "she" to the same person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from briefing.language.grammar import grammar
from briefing.language.names import fullest_names, person_name

if TYPE_CHECKING:
    from spacy.tokens import Span

    from briefing.language.parsing import ParsedSentence


class Speaker(NamedTuple):
    """Who a mention names, before classification."""

    name: str
    actor: str | None = None
    role: str = ""
    affiliation: str = ""
    unnamed_side: str | None = None
    person: bool = False
    # the group or institution a codebook alias names in the description of a person or an unnamed source that no
    # alias names ("Log Cabin Republicans president Gregory T. Angelo", "some Democrats")
    speaks_for: str | None = None


@dataclass
class Discourse:
    """What earlier sentences of an article tell later ones: the persons named, who was named or spoke last.

    The source tagger writes it as it reads (its speakers and the persons it finds); the stance tagger reads
    :attr:`persons_before`.
    """

    full_names: dict[str, str] = field(default_factory=dict)  # a surname to the fullest name of that person
    person_words: frozenset[str] = frozenset()  # last words of the names the recognizer typed as persons
    last_person: Speaker | None = None  # whom "he" or "she" means
    last_group: Speaker | None = None  # the last group or institution: whom "it" means
    last_speaker: Speaker | None = None
    last_paragraph: int = -1  # the paragraph of the last speaker
    profiles: dict[str, Speaker] = field(default_factory=dict)  # a name's role and affiliation at first mention
    persons: dict[int, list[Span]] = field(default_factory=dict)  # by sentence: found once, asked often
    persons_before: dict[int, Speaker | None] = field(default_factory=dict)  # by sentence: whom "he" means at its start

    def full_name(self, name: str) -> str:
        """A surname alone as the fullest name of that person in the article ("Sanders" is "Bernie Sanders")."""
        return self.full_names.get(name, name) if name and " " not in name else name

    def remember(self, speaker: Speaker | None, paragraph: int = -1) -> None:
        """The latest one to speak or be named, for pronouns and floating quotations after it: a person for "he"
        or "she", a group or institution for "it"."""
        if speaker is None:
            return
        self.last_speaker, self.last_paragraph = speaker, paragraph
        if speaker.person:
            self.last_person = speaker
        elif speaker.unnamed_side is None:
            self.last_group = speaker

    def mark(self, index: int) -> None:
        """Keep whom "he" or "she" means at the start of sentence ``index``, for the taggers that read after."""
        self.persons_before.setdefault(index, self.last_person)

    def restart(self) -> None:
        """Forget who was named or spoke last (a second reading of the article), keeping names and marks."""
        self.last_person = self.last_group = self.last_speaker = None
        self.last_paragraph = -1
        self.profiles = {}


def article_discourse(parsed: Sequence[ParsedSentence]) -> Discourse:
    """An article's discourse before any sentence is read: each surname's fullest name in the article ("Sanders"
    is "Bernie Sanders") and the last words of the names the recognizer typed as persons."""
    persons = [
        person_name(entity.text)
        for item in parsed
        if item.has_entities
        for entity in item.doc.ents
        if entity.label_ == "PERSON"
    ]
    person_words = frozenset(name.split()[-1] for name in persons if name)
    persons += [
        person_name(run.text)
        for item in parsed
        if item.doc is not None and not item.has_entities
        for run in person_runs(item, person_words)
    ]
    return Discourse(fullest_names(persons), person_words)


def person_runs(item: ParsedSentence, person_words: frozenset[str]) -> list[Span]:
    """Persons named in a parse that entity recognition did not run on: runs of proper nouns after a title
    ("Sen. Warren", "President Biden") or ending in a word the recognizer typed as a person elsewhere in the
    article ("Jane Sanders" where "Bernie Sanders" is a person)."""
    doc, runs, start = item.doc, [], None
    titles = {title.lower() for title in grammar().titles} - {"the", "former"}
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper():
            start = token.i if start is None else start
            continue
        if start is not None:
            run = doc[start : token.i if token is not None else len(doc)]
            while len(run) > 1 and run[0].text.rstrip(".").lower() in titles:
                run = run[1:]  # "President Biden": the title is part of the run
            before = doc[run.start - 1].text.rstrip(".").lower() if run.start else ""
            titled = run.start != start or before in titles
            if titled or run[-1].text in person_words:
                runs.append(run)
            start = None
    return runs
