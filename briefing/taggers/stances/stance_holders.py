"""Pass 2, holders: who holds a predicate's position, from its subject, agent, possessor, a resolved pronoun or the
speaker of the attributed statement it stands in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from briefing.codebook import Codebook
from briefing.language.grammar import grammar
from briefing.language.names import person_name
from briefing.language.parsing import ParsedSentence
from briefing.language.syntax import passive_agent, span_head, token_range
from briefing.taggers.stances.stance_issues import ACTIVE_SUBJECTS, StanceMemory
from briefing.taggers.stances.stance_predicates import (
    DEMONSTRATIVES,
    PREDICATE_NOUNS,
    Predicate,
    Reading,
    SentenceCues,
    noun_content_of,
    prescribes,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefing.taggers.sources.source_rows import Attribution

# Dependencies through which a predicate takes its subject from the word above ("wants to join", "… and demanded").
SUBJECT_CHAINS = ("xcomp", "conj", "acomp", "attr", "oprd", "ccomp", "aux", "advcl")
PERSON_PRONOUNS = grammar().pronoun_words({"person"})
GROUP_PRONOUNS = grammar().pronoun_words({"thing"})
# "they": the speakers of the statement it stands in, else the last plural or coordinated subject
PLURAL_PRONOUNS = grammar().pronoun_words({"group"})
SPEAKER_PRONOUNS = grammar().pronoun_words({"speaker"})
# The short titles a holder's name drops, as the parser lowercases them, with or without their full stop.
TITLES = frozenset(form for title in grammar().short_titles for form in (title.lower(), title.lower() + "."))
NAME_ENTITIES = ("PERSON", "ORG", "GPE", "NORP")
UNNAMED_SOURCES = ("anonymous", "unnamed")  # attribution source types that name no one


class Statement(NamedTuple):
    """An attributed statement: its content's source offsets and who said it."""

    start: int
    end: int
    holder: str  # codebook actor id, else the speaker's name, "" for an unnamed speaker
    side: str


def subject_of(predicate: Token, cues: dict[int, Predicate]) -> tuple[Token | None, str]:
    """The word that holds a predicate's position, and how it was found."""
    node = predicate
    for _ in range(8):
        children = list(node.children)
        agent = passive_agent(node)
        if agent is not None:
            return agent, "passive"
        if node.pos_ in ("NOUN", "PROPN", "ADJ") and node.dep_ not in ("acomp",):
            owner = next((c for c in children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner, "possessor"
            # "a proposal by Turkey"; for a predicate noun also "a red line for Kyiv".
            holder_preps = ("by", "from", "for") if node.dep_ in PREDICATE_NOUNS else ("by", "from")
            by = next(
                (
                    p
                    for c in children
                    if c.dep_ == "prep" and c.lower_ in holder_preps
                    for p in c.children
                    if p.dep_ == "pobj"
                ),
                None,
            )
            if by is not None:
                return by, "possessor"
            named = next((c for c in children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
            if named is not None:
                return named, "possessor"
        if any(c.dep_ == "nsubjpass" for c in children):
            return None, "passive"  # an agentless passive names no holder: the speaker's, if any
        subjects = [c for c in children if c.dep_ in ACTIVE_SUBJECTS and c.dep_ != "expl"] or [
            c for c in children if c.dep_ == "expl"
        ]
        if subjects:  # two subjects are a parse error ("The plan, …: Moscow has rejected"): the nearer first
            if node.dep_ == "relcl" and subjects[-1].tag_ in ("WP", "WDT"):
                return node.head, "subject"  # "lawmakers who support aid": the relative's antecedent
            return subjects[-1], "subject"
        if node.dep_ == "relcl":
            return node.head, "subject"
        if node.dep_ == "acl" and node.tag_ == "VBN":
            return None, "passive"
        light = node.dep_ in ("dobj", "acl") and node.head.i not in cues and node.head.pos_ in ("VERB", "NOUN")
        # "remained firm in rejecting …", "ready for": a preposition of an adjective passes on its subject
        light = (
            light
            or (node.dep_ == "pcomp" and node.head.head.pos_ == "ADJ")
            or (node.dep_ == "prep" and node.head.pos_ == "ADJ")
        )
        if node.dep_ == "pcomp" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head  # "the administration's approach of urging talks": whose approach it is
            continue
        if not light and (node.dep_ not in SUBJECT_CHAINS or node.head.i == node.i):
            return None, "subject"
        if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in children):
            return None, "subject"  # "…, before it could commit": a clause with its own subject
        node = node.head
    return None, "subject"


def issue_in_subject(issue: Token, subject: Token) -> bool:
    """True when the issue is part of the subject phrase itself, not of a clause on it ("lawmakers who back aid")."""
    clauses = [c for c in subject.children if c.dep_ in ("relcl", "acl")]
    return issue in subject.subtree and not any(issue in c.subtree for c in clauses)


def examples_of(token: Token) -> list[Token]:
    """The nouns a common noun lists as examples ("countries such as Hungary …", "allies including Poland").

    A list the parser hangs from a name inside the noun's own clause belongs to the noun, since a name has
    no examples ("countries which import gas from Russia, such as Hungary and Austria").
    """

    def listing(prep: Token) -> bool:
        words = [prep.lower_, *(c.lower_ for c in prep.children if c.dep_ == "amod")]
        return prep.dep_ == "prep" and bool({"such", "like", "including"} & set(words) or prep.lower_ == "as")

    preps = [prep for prep in token.children if listing(prep)]
    if not preps and token.pos_ == "NOUN" and token.tag_ == "NNS":
        preps = [p for p in token.subtree if p.head.pos_ == "PROPN" and p.head.i != token.i and listing(p)]
    return [c for prep in preps for c in prep.children if c.dep_ == "pobj"]


def reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the verb whose reported clause a pronoun is the subject of ("X and Y said they …")."""
    clause = pronoun.head
    if pronoun.dep_ not in ACTIVE_SUBJECTS or clause.dep_ != "ccomp":
        return None
    return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)


def for_whom(predicate: Token) -> Token | None:
    """The one a judgement is made for ("For Kyiv, X is unacceptable", "X is unacceptable for Moscow")."""
    words = [predicate, predicate.head] if predicate.dep_ in ("acomp", "attr") else [predicate]
    return next(
        (
            p
            for w in words
            for c in w.children
            if c.dep_ == "prep" and c.lower_ == "for"
            for p in c.children
            if p.dep_ == "pobj"
        ),
        None,
    )


def member_of(token: Token) -> Token | None:
    """The group a common noun is part of ("members of Congress", "the leaders of France and Germany")."""
    return next(
        (p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"),
        None,
    )


def noun_phrase(token: Token) -> set[int]:
    """A holder word's own phrase: itself, its compounds, modifiers and appositions, not its clauses."""
    keep = {token.i}
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "det", "appos", "nmod", "flat", "nummod", "punct"):
            keep |= {t.i for t in child.subtree}
    return keep


def name_of(token: Token) -> str | None:
    """A named holder outside the codebook: the proper-noun run a holder word ends ("Sen. Bernie Sanders")."""
    if token.pos_ != "PROPN" or (token.ent_type_ and token.ent_type_ not in NAME_ENTITIES):
        return None
    words = [c for c in token.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i < token.i]
    run = [t for t in token.doc[min([token.i, *(w.i for w in words)]) : token.i + 1] if t.pos_ == "PROPN"]
    run = [t for t in run if t.lower_ not in TITLES]
    return " ".join(t.text for t in run) or None


@dataclass
class SentenceState:
    """One sentence's parse, its actors and the attributed statements around it."""

    item: ParsedSentence
    codebook: Codebook
    speakers: Sequence[Statement]
    context: StanceMemory
    cues: dict[int, Predicate]

    def speaker_at(self, token: Token) -> Statement | None:
        """The attributed statement whose content holds a word of the sentence, if any."""
        at = self.item.offset(token)[0]
        inside = [s for s in self.speakers if s.start <= at < s.end]
        return min(inside, key=lambda s: s.end - s.start) if inside else None

    @cached_property
    def actors_at(self) -> dict[int, list[int]]:
        """The positions in ``item.actors`` of the actor mentions over each word, found once per sentence (once per
        holder word was cubic in a long sentence naming many actors)."""
        found: dict[int, list[int]] = {}
        for position, actor in enumerate(self.item.actors):
            for i in token_range(self.item, actor):
                found.setdefault(i, []).append(position)
        return found

    def named(self, word: Token) -> list[str]:
        """Codebook actors (else a proper name) that a holder word and its coordinated words name."""
        found = []
        for token in [word, *(c for c in word.conjuncts if c.i > word.i)]:
            phrase = noun_phrase(token)
            positions = sorted({p for i in phrase for p in self.actors_at.get(i, ())})
            inside = [self.item.actors[p] for p in positions]
            exact = [self.item.actors[p] for p in positions if p in self.actors_at.get(token.i, ())]
            # "The United Nations, Russia, Ukraine and Turkey": a list in apposition names them all
            listed = [a for a in inside if span_head(self.item, a.start, a.end).dep_ in ("appos", "conj")]
            if inside:
                found.extend(actor.target for actor in (exact or inside[:1]) + listed)
            elif name_of(token):
                found.append(self.holder_name(token))
            elif examples_of(token):  # "countries such as Hungary, Slovakia and Austria": the examples hold it
                for example in examples_of(token):
                    found.extend(self.named(example))
            else:  # "Russian and Ukrainian delegations": a group named by its people's adjectives
                adjectives = [a for c in token.children if c.dep_ == "amod" for a in (c, *c.conjuncts)]
                demonyms = [self.codebook.demonyms[a.lower_] for a in adjectives if a.lower_ in self.codebook.demonyms]
                found.extend(demonyms)
                if not demonyms and token.pos_ == "NOUN" and member_of(token) is not None:  # "members of Congress"
                    found.extend(self.named(member_of(token)))
        return list(dict.fromkeys(found))

    def resolve(self, word: Token) -> list[str]:
        """A pronoun's antecedent: the last person, or institution, named before it.

        In the sentence first (a codebook actor, else for "he" or "she" a named subject: "Sen. Jim Risch
        indicated that he …"); then, for "it" inside an attributed statement, its speaker ("The government
        said it has …"); then the last one named in the sentences before.
        """
        person = word.lower_ in PERSON_PRONOUNS
        at = self.item.text_offset(word)
        kinds = self.codebook.actor_kinds
        before = [a for a in self.item.actors if a.end <= at and (kinds[a.target] == "person") == person]
        # a subject before an object ("Macron spoke to Zelensky, when he agreed to help": Macron)
        subjects = [a for a in before if span_head(self.item, a.start, a.end).dep_ in ("nsubj", "nsubjpass")]
        if subjects or before:
            return [(subjects or before)[-1].target]
        if person:
            named = [t for t in word.doc[: word.i] if t.dep_ == "nsubj" and name_of(t)]
            if named:
                return [self.holder_name(named[-1])]
            last = self.context.person_before(self.item.sentence.index)
            return [last.actor or last.name] if last else []
        speaker = self.speaker_at(word)
        if speaker is not None:
            return [speaker.holder] if speaker.holder in self.codebook.actor_kinds else []
        return [self.context.last_institution.name] if self.context.last_institution else []

    def holder_name(self, token: Token) -> str:
        """A named holder outside the codebook, as the source ledger names the person: a person's name without
        its titles, as the fullest name the article gives ("Sanders" is "Bernie Sanders"); other names as
        written."""
        name, discourse = name_of(token) or "", self.context.discourse
        bare = person_name(name)
        person = token.ent_type_ == "PERSON" or token.text in discourse.person_words or bare in discourse.full_names
        return discourse.full_name(bare) if person else name

    def holders(
        self, predicate: Predicate, outer: Sequence[tuple[Predicate, bool]] = (), issue: Token | None = None
    ) -> tuple[list[str], str]:
        """Holders of a predicate's position, and how they were found.

        Without a subject, with "I" or "we", or with the issue itself as subject ("conceding territory is
        not negotiable"), the holder is the speaker of the statement the predicate stands in; a subject that
        names no one ("western countries") holds it, unknown.
        """
        word, via = subject_of(predicate.token, self.cues)
        found = self.subject_holders(word, via, predicate, outer, issue) if word is not None else None
        if found is not None:
            return found
        judged_for = for_whom(predicate.token)
        judges = self.named(judged_for) if judged_for is not None else []
        if judges:  # "For Ukraine, conceding land is not negotiable"
            return judges, "for"
        speaker = self.speaker_at(predicate.token)
        if speaker is not None:
            return ([speaker.holder] if speaker.holder else []), "speaker"
        for cue, clausal in outer:
            if clausal:
                return self.holders(cue)
        return [], via

    def subject_holders(
        self, word: Token, via: str, predicate: Predicate, outer: Sequence[tuple[Predicate, bool]], issue: Token | None
    ) -> tuple[list[str], str] | None:
        """Holders a predicate's subject ``word`` gives: a resolved pronoun, the speakers "they" or "we" stand
        for, or what the subject names; None where it gives none and the predicate's speaker is asked."""
        lower = word.lower_ if word.pos_ == "PRON" else ""  # "the US" is no "us"
        if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
            resolved = self.resolve(word)
            return (resolved, "pronoun") if resolved else None
        if lower in PLURAL_PRONOUNS:  # "campaigners said they would …": the speakers themselves
            speaker = self.speaker_at(predicate.token)
            if speaker is None:  # outside a statement: the last group named as a subject
                return list(self.context.last_plural), "pronoun"
            said_by = reporting_subject(word)  # "The US and Germany said they …": each of them
            speakers = self.named(said_by) if said_by is not None else []
            if len(speakers) > 1:
                return speakers, "speakers"
            return ([speaker.holder] if speaker.holder else []), "pronoun"
        if lower in SPEAKER_PRONOUNS:
            speaker = self.speaker_at(predicate.token)
            return None if speaker is None else (([speaker.holder] if speaker.holder else []), "first person")
        if issue is not None and issue_in_subject(issue, word):
            return None  # the issue as subject holds nothing
        return self.named_holders(word, via, predicate, outer)

    def named_holders(
        self, word: Token, via: str, predicate: Predicate, outer: Sequence[tuple[Predicate, bool]]
    ) -> tuple[list[str], str]:
        """Holders of a subject that is no pronoun: whoever prescribes, whoever it names, whoever a clausal cue
        above it has, or the speaker who judges a singular thing."""
        clausal = [cue for cue, is_clausal in outer if is_clausal]
        if prescribes(predicate):
            # "Russia must withdraw," Zelensky said: the one who prescribes it, not the one told to
            speaker = self.speaker_at(predicate.token)
            if speaker is not None:
                return ([speaker.holder] if speaker.holder else []), "prescribed"
            return self.holders(clausal[0]) if clausal else ([], "prescribed")
        named = self.named(word)
        if named:
            return named, via
        # "insisting that any agreement must come with guarantees": a thing as subject; the one who
        # insists holds it. Otherwise a subject that names no one ("western countries") holds it.
        if clausal:
            return self.holders(clausal[0])
        speaker = self.speaker_at(predicate.token)
        if speaker is not None and speaker.holder and word.tag_ == "NN" and not word.ent_type_:
            # a singular thing as subject inside a statement ("the best way is to provide support,"
            # Stoltenberg said): the speaker's judgement; a plural or group ("western countries") is not
            return [speaker.holder], "speaker"
        return [], via


def plural_subjects(doc: Doc) -> list[Token]:
    """The subjects of a parse's main verb that are plural or coordinated ("Progressive Democrats wrote …")."""
    return [
        word
        for word in doc
        if word.dep_ in ("nsubj", "nsubjpass")
        and word.head.dep_ == "ROOT"
        and (word.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in word.children))
    ]


def speakers_of(attributions: Sequence[Attribution], codebook: Codebook) -> list[Statement]:
    """The attributed statements of an article, with their speaker as a holder.

    An unnamed speaker holds for the institution its description names (the source's ``speaks_for``: "a senior
    US official", "White House officials"): such a source speaks for its government. One described only by a
    person ("a Putin aide") or as people named after an actor ("critics of the Kremlin") holds for no one, since
    their words are not that person's or actor's own. A named person holds for the actor an alias names them by,
    else for themselves, not for the group their description names.
    """
    return [
        Statement(
            a.start,
            a.end,
            a.actor or ((a.speaks_for or "") if a.source_type in UNNAMED_SOURCES else a.speaker),
            a.side,
        )
        for a in attributions
    ]


def claim_holders(
    state: SentenceState, predicate: Predicate, reading: Reading, head: Token, cues: SentenceCues
) -> tuple[list[str], str] | None:
    """The holders of an issue's claim and how they were found, or None where its own verb names no one."""
    pointing = predicate.token.lower_ in DEMONSTRATIVES or any(
        c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in predicate.token.children
    )
    if predicate.kind == "demand" and pointing:  # "These include …", "Those terms include …"
        demand_holder = state.context.demand_holder
        who, via = ([demand_holder] if demand_holder else []), "reported"
    else:
        who, via = state.holders(predicate, reading.outer, head)
    if predicate.kind == "own verb" and via == "speaker":
        return None  # an issue's own verb with no one named doing it is an event, not a position
    report = noun_content_of(predicate.token)
    if report is not None and report.lemma_.lower() in grammar().report_nouns:
        # "the allegation that the Ukrainians were planning …": a report, held by whoever owns it, if named
        owner, _ = subject_of(report, cues.by_head)
        if owner is None:
            who = []
        else:
            who, via = (state.resolve(owner) if owner.pos_ == "PRON" else state.named(owner)), "report"
    return who, via
