"""Discourse: what earlier sentences of an article tell later ones (who was named, who spoke), for the taggers.

The source tagger keeps an :class:`ArticleState` of the speakers it finds; the stance tagger a :class:`Context` of
the actors and issues it reads.
"""

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
class ArticleState:
    """What earlier sentences of an article tell later ones."""

    full_names: dict[str, str]
    person_words: frozenset[str] = frozenset()  # last words of the names the recognizer typed as persons
    last_person: Speaker | None = None
    last_group: Speaker | None = None
    last_speaker: Speaker | None = None
    last_paragraph: int = -1
    profiles: dict[str, Speaker] = field(default_factory=dict)
    persons: dict[int, list[Span]] = field(default_factory=dict)  # by sentence: found once, asked often

    def full_name(self, name: str) -> str:
        """A surname alone as the fullest name of that person in the article ("Sanders" is "Bernie Sanders")."""
        return self.full_names.get(name, name) if name and " " not in name else name


@dataclass
class Context:
    """What earlier sentences of the article tell later ones."""

    last_person: str | None = None
    last_institution: str | None = None
    issues: list[Mention] = field(default_factory=list)  # the issues of the last sentence that named any
    issues_age: int = 99
    demand_holder: str | None = None  # whose demands the last sentence on demands reported
    last_group: list[str] = field(default_factory=list)  # holders of the last plural or coordinated subject
    issue_nouns: dict[str, Mention] = field(default_factory=dict)  # head noun of an issue named before → its issue
