"""Discourse: what earlier sentences of an article tell later ones (who was named, who spoke), for the taggers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Span

    from briefing.codebook import Mention


class Speaker(NamedTuple):
    """Who a mention names, before classification."""

    name: str
    actor: str | None = None
    role: str = ""
    affiliation: str = ""
    unnamed_side: str | None = None
    person: bool = False


@dataclass
class Discourse:
    """What earlier sentences of an article tell later ones: the persons and groups named, who spoke last and the
    issues named. Each tagger keeps one per article as it reads it (the source tagger from its speakers and the
    persons it finds, the stance tagger from codebook actors), since each reads the article in its own passes.
    """

    full_names: dict[str, str] = field(default_factory=dict)  # a surname to the fullest name of that person
    person_words: frozenset[str] = frozenset()  # last words of the names the recognizer typed as persons
    last_person: Speaker | None = None  # whom "he" or "she" means
    last_group: Speaker | None = None  # the last group or institution: whom "it" means
    last_speaker: Speaker | None = None
    last_paragraph: int = -1  # the paragraph of the last speaker
    profiles: dict[str, Speaker] = field(default_factory=dict)  # a name's role and affiliation at first mention
    persons: dict[int, list[Span]] = field(default_factory=dict)  # by sentence: found once, asked often
    last_plural: list[str] = field(default_factory=list)  # holders of the last plural or coordinated subject
    issues: list[Mention] = field(default_factory=list)  # the issues of the last sentence that named any
    issues_age: int = 99
    demand_holder: str | None = None  # whose demands the last sentence on demands reported
    issue_nouns: dict[str, Mention] = field(default_factory=dict)  # head noun of an issue named before → its issue

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
