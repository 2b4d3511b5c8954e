"""Pass 0, issues: the codebook's issue cues and issues named again ("the grain deal" … "the deal"), with the
syntax helpers that place a mention on the parse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from briefing.codebook import Codebook, Mention
from briefing.language.discourse import Discourse, Speaker
from briefing.language.grammar import SUBJECTS, grammar
from briefing.language.parsing import ParsedSentence
from briefing.language.syntax import span_head, token_range, with_lemmas
from briefing.taggers.stances.stance_rows import PositionCue

if TYPE_CHECKING:
    from spacy.tokens import Token

ACTIVE_SUBJECTS = SUBJECTS - {"nsubjpass"}  # a passive subject is acted on, and holds nothing
ANAPHORS = grammar().word_set("anaphors")
ANAPHORIC_DETERMINERS = ANAPHORS - {"it"} | {"the"}  # "the deal", "such supplies"


@dataclass
class StanceMemory:
    """What the stance tagger carries from one sentence of an article to the next, beside the article's shared
    :class:`~briefing.language.discourse.Discourse` (the persons named and who was named last, as the source
    tagger read them)."""

    discourse: Discourse
    last_person: Speaker | None = None  # the last person of the codebook named, where the discourse has no mark
    last_institution: Speaker | None = None  # the last institution of the codebook named: whom "it" means
    last_plural: list[str] = field(default_factory=list)  # holders of the last plural or coordinated subject
    issues: list[Mention] = field(default_factory=list)  # the issues of the last sentence that named any
    issues_age: int = 99
    demand_holder: str | None = None  # whose demands the last sentence on demands reported
    issue_nouns: dict[str, Mention] = field(default_factory=dict)  # head noun of an issue named before → its issue
    recent_holders: list[str] = field(default_factory=list)  # the actors of the last sentence that named any

    def remember(self, actor: Speaker) -> None:
        """A codebook actor named: a person for "he" or "she" where the discourse has no mark, else for "it"."""
        if actor.person:
            self.last_person = actor
        else:
            self.last_institution = actor

    def person_before(self, index: int) -> Speaker | None:
        """Whom "he" or "she" means at the start of sentence ``index``: as the source tagger read the article
        (any person named or speaking), else the last person of the codebook named."""
        return self.discourse.persons_before.get(index, self.last_person)


class IssueWords(NamedTuple):
    """The words of an issue's cues, each naming the issues whose cues hold it: a sentence that holds one may name
    the issue in other words ("the exchange process" for prisoner exchanges), a candidate for the trained
    decision to judge (the rules read cues only)."""

    words: dict[str, frozenset[str]]  # a word as written in a cue, lowercased
    stems: dict[str, frozenset[str]]  # the stem of a cue's ``word*``
    pattern: re.Pattern  # any of them in a text, for the parse filter

    def issues_of(self, lemma: str) -> frozenset[str]:
        """The issues whose cues hold a word of this lemma (or of a stem it starts with)."""
        found = self.words.get(lemma, frozenset())
        for length in range(MIN_STEM, len(lemma) + 1):
            found |= self.stems.get(lemma[:length], frozenset())
        return found


MIN_STEM = 4  # a wildcard stem shorter than this ("war*") names too much


@lru_cache(maxsize=8)
def issue_words(codebook: Codebook) -> IssueWords:
    """:class:`IssueWords` of a codebook: the content words of its issue cues, without English stop words and the
    words of its actors' names ("join NATO" gives "join", not "nato", which names an actor)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    actor_words = {w.lower() for a in codebook.actors.values() for alias in (a.name, *a.aliases) for w in alias.split()}
    actor_words |= {d.lower() for d in codebook.demonyms}
    words: dict[str, set[str]] = {}
    stems: dict[str, set[str]] = {}
    for issue in codebook.issues.values():
        for cue in (*issue.cues, *issue.inverse_cues):
            for word in re.findall(r"[\w'’-]+\*?", cue.lower()):
                bare = word.rstrip("*")
                if bare in STOP_WORDS or bare in actor_words or len(bare) < 3:
                    continue
                if word.endswith("*"):
                    if len(bare) >= MIN_STEM:
                        stems.setdefault(bare, set()).add(issue.id)
                else:
                    words.setdefault(bare, set()).add(issue.id)
    alternatives = sorted([re.escape(w) for w in words] + [re.escape(s) + r"\w*" for s in stems], key=len, reverse=True)
    pattern = (
        re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE) if alternatives else re.compile("(?!)")
    )
    return IssueWords({w: frozenset(i) for w, i in words.items()}, {s: frozenset(i) for s, i in stems.items()}, pattern)


def issue_word_mentions(item: ParsedSentence, named: Sequence[Mention], codebook: Codebook) -> list[Mention]:
    """Issues a parsed sentence may name in words other than a cue: for each issue its cues do not name here,
    the first content word of one of its cues (``via`` is ``word``)."""
    if item.doc is None:
        return []
    lookup, taken, found = issue_words(codebook), {m.target for m in named}, {}
    for token in item.doc:
        if token.pos_ not in ("NOUN", "VERB", "ADJ", "PROPN"):
            continue
        for issue in sorted(lookup.issues_of(token.lemma_.lower()) | lookup.issues_of(token.lower_)):
            if issue not in taken and issue not in found:
                start = item.text_offset(token)
                found[issue] = Mention(start, start + len(token), issue, token.text, via="word")
    return list(found.values())


def position_cue(text: str, codebook: Codebook) -> PositionCue:
    """The :class:`PositionCue` of ``text`` (a conditional marker such as "if" takes no position by itself, and
    an inverse cue of an issue names it)."""
    cue, issue = bool(codebook.mentions(text, "cues")), bool(codebook.mentions(text, "issues"))
    return PositionCue(cue, cue and not issue, issue)


def issue_anaphora(item: ParsedSentence, issues: Sequence[Mention], context: StanceMemory) -> list[Mention]:
    """Issues named again by a determiner and a noun: mentions of the issues they point back to.

    The head noun of an earlier mention points back to its issue anywhere in the article ("the grain
    deal" … "this deal"); a general noun of the codebook's anaphoric list points back to the issues of the
    last two sentences ("Biden will supply missiles" … "the deliveries", "the move").
    """
    named = {i for issue in issues for i in token_range(item, issue)}
    recent = context.issues if context.issues_age <= 2 else []
    wanted = set(context.issue_nouns) | (set(grammar().anaphoric_nouns) if recent else set())
    found = []
    for word in with_lemmas(item.doc, wanted):
        lemma = word.lemma_.lower()
        if word.pos_ != "NOUN" or word.i in named:
            continue
        earlier = [context.issue_nouns[lemma]] if lemma in context.issue_nouns else []
        determiners = {c.lower_ for c in word.children if c.dep_ in ("det", "amod", "predet")}
        # A general noun names its own content when it has one ("the idea of negotiations"); as a subject, "the
        # conditions must ensure …" is as often new as old, so there it points back only after "this" or "such".
        pointing = ANAPHORIC_DETERMINERS - {"the"} if word.dep_ in ACTIVE_SUBJECTS else ANAPHORIC_DETERMINERS
        own_content = any(c.dep_ in ("prep", "acl", "relcl") for c in word.children)
        general = lemma in grammar().anaphoric_nouns and not own_content and bool(determiners & pointing)
        earlier = earlier or (recent if general else [])
        if not earlier or not determiners & ANAPHORIC_DETERMINERS:
            continue
        start = item.text_offset(word)
        found.extend(e._replace(start=start, end=start + len(word), text=word.text, via="anaphora") for e in earlier)
    return found


def remember_issue_nouns(item: ParsedSentence, issues: Sequence[Mention], context: StanceMemory) -> None:
    """Remember the head noun of each issue named in a sentence, for the sentences after it."""
    for issue in issues:
        head = span_head(item, issue.start, issue.end)
        if head is not None and head.pos_ == "NOUN" and issue.via != "anaphora":
            context.issue_nouns[head.lemma_.lower()] = issue


def governs(word: Token, other: Token) -> bool:
    """True when ``other`` is an argument under ``word``: not a coordinated word ("… and protect") nor one
    inside a clause on an argument."""
    node = other
    while node.i != word.i:
        if node.dep_ in ("conj", "relcl", "acl", "advcl", "appos", "parataxis") or node.head.i == node.i:
            return False
        node = node.head
    return other.i != word.i
