"""Speakers: who a mention names (a person, an actor, an unnamed source), with role and affiliation, and the persons
named so far that a pronoun can mean.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from briefing.codebook import Codebook, find_mentions
from briefing.language.discourse import Discourse, Speaker, person_runs
from briefing.language.grammar import grammar
from briefing.language.names import person_name, strip_title, title_pattern
from briefing.language.parsing import ParsedSentence
from briefing.language.syntax import text_of
from briefing.paths import PACKAGE_DIR
from briefing.schema import OTHER_SIDE

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Dependents that are not part of a speaker's name: "X, a Moscow-based analyst, who …".
NOT_NAME = ("appos", "relcl", "acl", "prep", "punct", "advcl", "parataxis", "cc", "conj", "advmod", "npadvmod")
SOURCE_RULES = PACKAGE_DIR / "data" / "sources.yaml"
# Subject and object pronouns of a person (a possessive names no speaker), and subjects that stand for a group.
PERSON_PRONOUNS = grammar().pronoun_words({"person"}, ("subject", "object"))
GROUP_PRONOUNS = grammar().pronoun_words({"thing", "group"}, ("subject",)) | grammar().pronoun_words(
    {"speaker"}, ("subject",), "plural"
)
# Clauses and coordination beside a speaker's noun phrase: not part of the description of who speaks.
NOT_DESCRIPTION = ("relcl", "acl", "advcl", "parataxis", "cc", "conj")


@lru_cache(maxsize=1)
def source_rules() -> dict:
    """The words of ``briefing/data/sources.yaml`` that tell a source's type (media, analyst)."""
    return yaml.safe_load(SOURCE_RULES.read_text(encoding="utf-8"))


def keyword_hit(text: str, words: Sequence[str]) -> bool:
    lowered = f" {text.lower()} "
    return any(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", lowered) for w in words)


def classify(speaker: Speaker, codebook: Codebook) -> tuple[str, str, bool]:
    """Source type, side and whether the speaker was resolved.

    The side is the codebook actor's the speaker is or speaks for (:attr:`Speaker.speaks_for`), else the one the
    words of an unnamed source's description or of a person's role and affiliation give.
    """
    rules = source_rules()
    group_side = codebook.actors[speaker.speaks_for].side if speaker.speaks_for else None
    if speaker.unnamed_side is not None:
        return "anonymous", group_side or speaker.unnamed_side, True
    described = f"{speaker.name} {speaker.role} {speaker.affiliation}"
    if speaker.actor:
        actor = codebook.actors[speaker.actor]
        kind = "official" if actor.kind in ("person", "government", "group") else "organization"
        return kind, actor.side, True
    if keyword_hit(described, rules["media"]):
        source_type = "media"
    elif keyword_hit(described, rules["analyst"]):
        source_type = "analyst"
    else:
        source_type = "other"
    if group_side is not None:
        return source_type, group_side, True
    described_by = f"{speaker.role} {speaker.affiliation}"
    side = next((s for s, words in codebook.side_words.items() if keyword_hit(described_by, words)), OTHER_SIDE)
    return source_type, side, bool(speaker.role or speaker.affiliation)


def unnamed_side(text: str, codebook: Codebook) -> str:
    """The side the codebook gives an unnamed source's adjective ("a Kremlin spokesperson"), else ``Other``."""
    for adjective, side in codebook.unnamed_adjectives.items():
        if re.search(rf"(?<![\w-]){re.escape(adjective)}(?![\w-])", text):
            return side
    return OTHER_SIDE


def name_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without its apposition, relative clause or prepositional phrase."""
    skipped = set()
    for child in head.children:
        if child.dep_ in NOT_NAME:
            skipped.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in skipped and not t.is_space]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "case"):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens


def appositive(head: Token) -> tuple[str, str]:
    """Role ("a Moscow-based analyst") and affiliation ("the Y Institute") given beside a name."""
    role, affiliation = "", ""
    for child in head.children:
        if child.dep_ == "appos" and not role:
            role = text_of(name_tokens(child)) or ""
            for grandchild in child.children:
                if grandchild.dep_ == "prep" and grandchild.lower_ in ("of", "at", "for", "with", "from"):
                    objects = [t for t in grandchild.children if t.dep_ == "pobj"]
                    if objects:
                        affiliation = affiliation or text_of(list(objects[0].subtree))
                        role = text_of([t for t in child.subtree if t.dep_ != "relcl" and t.i < grandchild.i])
        elif child.dep_ == "prep" and child.lower_ in ("of", "at", "from") and not affiliation:
            objects = [t for t in child.children if t.dep_ == "pobj"]
            if objects and (objects[0].pos_ == "PROPN" or objects[0].ent_type_ in ("ORG", "GPE", "NORP", "FAC")):
                affiliation = text_of(list(objects[0].subtree))
    return role.strip(" ,"), affiliation.strip(" ,")


def person_actor(name: str, codebook: Codebook) -> str | None:
    """The codebook actor a person's name names: a person it lists ("Hillary Clinton"), or a group whose alias is
    the whole name ("Corey Lewandowski" of a campaign); not a group whose alias is only a surname the person shares
    ("Bannon" of a campaign is not Alicia Bannon)."""
    mentions = find_mentions(name, codebook.patterns("actors"))
    persons = [m for m in mentions if codebook.actors[m.target].kind == "person"]
    whole = [m for m in mentions if m.start == 0 and m.end == len(name)]
    chosen = persons or whole
    return chosen[0].target if chosen else None


def actor_in(text: str, codebook: Codebook) -> str | None:
    """The codebook actor a name refers to, persons first."""
    mentions = find_mentions(text, codebook.patterns("actors"))
    if not mentions:
        return None
    persons = [m for m in mentions if codebook.actors[m.target].kind == "person"]
    return (persons or mentions)[0].target


def role_before(tokens: Sequence[Token], verb: Token | None) -> str:
    """ "X, a pro-Kremlin, Moscow-based analyst, said": the words set off by commas between a name and its verb."""
    if verb is None or not tokens or verb.i <= tokens[-1].i + 2:
        return ""
    between = tokens[0].doc[tokens[-1].i + 1 : verb.i]
    if between[0].text != "," or between[-1].text != ",":
        return ""
    return between[1:-1].text.strip()


def person_before(
    pronoun: Token, parsed: ParsedSentence, state: Discourse, codebook: Codebook, verb: Token | None = None
):
    """ "When Putin invaded Ukraine, he claimed …": the last person named earlier in the pronoun's sentence, a
    subject before an object ("Macron spoke to Zelensky, when he agreed …": Macron).

    A person named inside what the pronoun says is not who says it ("'… as long as Putin is president,' he said").
    """
    content = set()
    if verb is not None:
        content = {t.i for c in verb.children if c.dep_ in ("ccomp", "parataxis", "dobj") for t in c.subtree}
    entities = [e for e in named_persons(parsed, state, codebook) if e.end <= pronoun.i and e.start not in content]
    subjects = [e for e in entities if e.root.dep_ in ("nsubj", "nsubjpass")]
    if not entities:
        return None
    name = state.full_name(person_name((subjects or entities)[-1].text))
    if not name:
        return None
    return Speaker(name, person_actor(name, codebook), person=True)


def speaker_from(head: Token, parsed: ParsedSentence, state: Discourse, codebook: Codebook, verb: Token | None = None):
    """The speaker a subject token names, and the offsets of its mention; ``(None, None)`` if unresolvable."""
    lower = head.lower_
    mention = parsed.offset(head)
    unnamed_nouns = grammar().unnamed_nouns
    if lower in unnamed_nouns and head.pos_ in ("PRON", "DET", "NUM"):  # "some fear that", "many say"
        phrase = " ".join(text_of(name_tokens(head)).split()) or head.text
        return Speaker(phrase, unnamed_side=unnamed_side(phrase, codebook)), mention
    if head.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        return pronoun_speaker(head, parsed, state, codebook, verb), mention
    tokens = name_tokens(head)
    if not tokens:
        return None, mention
    named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if head.pos_ == "NOUN" and named is not None:  # "Putin's top aide, Yuri Ushakov, said": the name speaks
        speaker, named_mention = speaker_from(named, parsed, state, codebook)
        if speaker is not None and not speaker.role:
            speaker = speaker._replace(role=" ".join(text_of(tokens).split()))
        return speaker, named_mention
    return phrase_speaker(head, tokens, parsed, state, codebook, verb)


def pronoun_speaker(
    pronoun: Token, parsed: ParsedSentence, state: Discourse, codebook: Codebook, verb: Token | None
) -> Speaker | None:
    """Who a pronoun subject means: for "he" or "she" the last person, for "they" or "it" the last group."""
    lower = pronoun.lower_
    if lower in PERSON_PRONOUNS:
        return person_before(pronoun, parsed, state, codebook, verb) or state.last_person
    if lower in ("they", "it") and state.last_group is not None:
        return state.last_group
    return None


def phrase_speaker(
    head: Token,
    tokens: list[Token],
    parsed: ParsedSentence,
    state: Discourse,
    codebook: Codebook,
    verb: Token | None,
) -> tuple[Speaker, tuple[int, int]]:
    """The speaker a noun phrase names (``tokens``, headed by ``head``): a person, an unnamed source, an actor or
    an organization, with the offsets of its mention.

    The phrase's head says who speaks. A person who heads it keeps their name, whatever alias the rest of it
    holds ("Log Cabin Republicans president Gregory T. Angelo"); the codebook actor their description names is
    whom they speak for. A person or actor named only as the possessor or modifier of people who are not them
    ("Clinton defenders", "critics of X", "a Putin aide": :func:`people_noun`) is not the speaker, and an alias
    with words of its own before it ("some Democrats", "one GOP leader") names some of the actor's members, not
    the actor.
    """
    unnamed_nouns = grammar().unnamed_nouns
    start, end = parsed.offset(tokens[0])[0], parsed.offset(tokens[-1])[1]
    phrase = " ".join(text_of(tokens).split())
    persons = [
        e for e in named_persons(parsed, state, codebook) if tokens[0].i <= e.start and e.end <= tokens[-1].i + 1
    ]
    role, affiliation = appositive(head)
    role = role_before(tokens, verb) or role
    entity = next((e for e in parsed.doc.ents if e.start <= head.i < e.end and e.label_ != "PERSON"), None)
    if entity is not None and head.pos_ == "PROPN" and not persons:  # "the Institute for the Study of War"
        tokens = [t for t in entity if not t.is_space]
        start, end = parsed.offset(entity)
        phrase = " ".join(entity.text.split())
    named = alias_at(head, parsed, codebook)
    own = heading_person(head, persons, named)
    if own is not None:
        name = state.full_name(person_name(own.text))
        before = text_of([t for t in tokens if t.i < own.start and t.dep_ not in ("det", "punct")])
        role = role or title_pattern().sub("", before).strip(" ,")
        actor = person_actor(name, codebook) or next(
            (t for span, t in actor_spans(parsed, codebook) if span.start <= own.start and own.end <= span.end), None
        )  # an alias around the whole name ("Indiana Gov. Mike Pence")
        title = {t.i for t in tokens if t.i < own.start}  # "Log Cabin Republicans president": not an apposition
        group = None if actor else described_actor(head, parsed, codebook, title)
        return Speaker(name, actor, role, affiliation, person=True, speaks_for=group), (start, end)
    head_lemma = head.lemma_.lower()
    if people_noun(head) and (named is None or head_lemma in unnamed_nouns):
        # an alias of unnamed people ("Republican officials") is whom they speak for; one of others is the actor
        group = described_actor(head, parsed, codebook)
        if head_lemma in unnamed_nouns:
            definite = any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in tokens)
            if definite and state.last_speaker is not None and state.last_speaker.unnamed_side is not None:
                return state.last_speaker, (start, end)  # "the spokesperson" again
        # A singular one ("a Kremlin spokesperson") is who a later "he" or "she" can mean.
        singular = head.tag_ == "NN"
        side = unnamed_side(phrase, codebook)
        return Speaker(phrase, unnamed_side=side, role=role, person=singular, speaks_for=group), (start, end)
    others = words_beside_alias(head, tokens, parsed, codebook) if named is not None else []
    if others and codebook.actors[named].kind != "person" and head.tag_ in ("NNS", "NNPS"):
        if all(t.pos_ == "PROPN" for t in others):  # "Log Cabin Republicans": a group of its own
            name = re.sub(r"^(?:the|The)\s+", "", phrase)
            return Speaker(name, None, role, affiliation, speaks_for=named), (start, end)
        return Speaker(phrase, unnamed_side=unnamed_side(phrase, codebook), role=role, speaks_for=named), (start, end)
    actor = named or actor_in(phrase, codebook)
    if actor:  # a person the codebook lists is one whom "he" or "she" can mean, whatever the recognizer said
        return Speaker(phrase, actor, role, affiliation, person=codebook.actors[actor].kind == "person"), (start, end)
    if head.pos_ == "PROPN" or head.ent_type_:
        name = state.full_name(re.sub(r"^(?:the|The)\s+", "", strip_title(phrase)))
        return Speaker(name, None, role, affiliation, person=head.ent_type_ == "PERSON"), (start, end)
    return Speaker(phrase, unnamed_side=unnamed_side(phrase, codebook), role=role), (start, end)


def people_noun(head: Token) -> bool:
    """True for a common noun naming people who speak for someone else or about them: an unnamed source
    ("officials", "a spokesperson") or an outsider ("defenders", "critics", "allies"; ``grammar.yaml``)."""
    lemma = head.lemma_.lower()
    return head.pos_ != "PROPN" and (
        lemma in grammar().unnamed_nouns or lemma in grammar().outsider_nouns or head.lower_ in grammar().outsider_nouns
    )


def heading_person(head: Token, persons: Sequence[Span], named: str | None) -> Span | None:
    """The person a noun phrase headed by ``head`` names: the one that holds the head, one the recognizer stopped
    short of it ("Ursula von der | Leyen"), else the longest where the head is a title ("Secretary … Hillary
    Clinton"); none where the head is a common noun naming other people ("a Putin aide", "Trump's allies":
    :func:`people_noun`) or a name of its own, an alias of actor ``named`` ("Clinton adviser Jake Sullivan")."""
    if not persons:
        return None
    holding = next((p for p in persons if p.start <= head.i < p.end), None)
    if holding is not None:
        return holding
    if people_noun(head) or named is not None:
        return None
    entity = max(persons, key=len)
    if entity.end <= head.i and head.pos_ == "PROPN" and all(t.pos_ == "PROPN" for t in head.doc[entity.end : head.i]):
        return head.doc[entity.start : head.i + 1]
    return entity


def actor_spans(item: ParsedSentence, codebook: Codebook, persons_only: bool = False) -> list[tuple[Span, str]]:
    """The codebook actors a parsed sentence names (found once, on the layer), as token spans and actor ids."""
    spans = []
    for mention in item.actors:
        if persons_only and codebook.actors[mention.target].kind != "person":
            continue
        first, last = item.token_at(mention.start), item.token_at(mention.end - 1)
        spans.append((item.doc[first.i : last.i + 1], mention.target))
    return spans


def alias_at(head: Token, item: ParsedSentence, codebook: Codebook) -> str | None:
    """The codebook actor whose alias holds the head of a noun phrase ("Republican officials"), if any."""
    return next((target for span, target in actor_spans(item, codebook) if span.start <= head.i < span.end), None)


def words_beside_alias(head: Token, tokens: Sequence[Token], item: ParsedSentence, codebook: Codebook) -> list[Token]:
    """The words of a noun phrase outside the alias that holds its head, other than an article and punctuation:
    "some" in "some Democrats", "Log Cabin" in "Log Cabin Republicans"; none in "the Democrats"."""
    span = next((span for span, _ in actor_spans(item, codebook) if span.start <= head.i < span.end), None)
    if span is None:
        return []
    determiners = grammar().word_set("actor_determiners")
    return [
        t
        for t in tokens
        if not (span.start <= t.i < span.end)
        and not t.is_punct
        and not (t.dep_ == "det" and t.lower_ in determiners)
        and t.dep_ != "case"
    ]


def described_actor(
    head: Token, item: ParsedSentence, codebook: Codebook, description: set[int] | None = None
) -> str | None:
    """The group or institution a codebook alias names in the description of a speaker headed by ``head``: the
    ``description`` tokens (a named person's title before the name: "Log Cabin Republicans president Gregory T.
    Angelo"), else the noun phrase without its clauses ("Republican officials", "officials of the Democratic
    Party").

    A person named there is not whom the speaker speaks for ("a Clinton spokesman" speaks his own words), nor an
    actor the description names as the possessor or modifier of people who are not them ("critics of the GOP",
    "a Russia analyst").
    """
    if description is None:
        skipped = {t.i for child in head.children if child.dep_ in NOT_DESCRIPTION for t in child.subtree}
        description = {t.i for t in head.subtree} - skipped
    for span, target in actor_spans(item, codebook):
        if codebook.actors[target].kind == "person" or not all(t.i in description for t in span):
            continue
        if not under_outsider(span.root, head):
            return target
    return None


def under_outsider(token: Token, head: Token) -> bool:
    """True when ``token`` hangs, up to ``head``, from a noun for people who are not whom they are named after
    ("Clinton" in "Clinton defenders", "the GOP" in "critics of the GOP")."""
    outsiders = grammar().outsider_nouns
    node = token
    for _ in range(len(token.doc)):
        if node.i == head.i or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ != "PROPN" and (node.lemma_.lower() in outsiders or node.lower_ in outsiders):
            return True
    return False


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def codebook_spans(item: ParsedSentence, codebook: Codebook, persons_only: bool = False) -> list[Span]:
    """The codebook actors a parsed sentence names (found once, on the layer), as token spans."""
    return [span for span, _ in actor_spans(item, codebook, persons_only)]


def named_persons(item: ParsedSentence, state: Discourse, codebook: Codebook) -> list[Span]:
    """The persons a parsed sentence names, in text order: the recognizer's where it ran, else the proper-noun
    runs of :func:`person_runs` and the codebook's persons."""
    if item.sentence.index not in state.persons:
        state.persons[item.sentence.index] = _named_persons(item, state, codebook)
    return state.persons[item.sentence.index]


def _named_persons(item: ParsedSentence, state: Discourse, codebook: Codebook) -> list[Span]:
    if item.has_entities:
        return [entity for entity in item.doc.ents if entity.label_ == "PERSON"]
    # A name, not a description the codebook also knows him by ("a Kremlin spokesperson" stays unnamed).
    found = [span for span in codebook_spans(item, codebook, persons_only=True) if span.root.pos_ == "PROPN"]
    found += [
        run
        for run in person_runs(item, state.person_words)
        if not any(overlaps((run.start, run.end), (f.start, f.end)) for f in found)
    ]
    return sorted(found, key=lambda span: span.start)


def track_persons(item: ParsedSentence, state: Discourse, codebook: Codebook) -> None:
    """Persons named in a sentence are what a later "he" or "she" can mean: its subject before the others
    ("But Guardian stopped short of endorsing Clinton's criticisms. He said …": Guardian)."""
    if item.doc is None:
        for mention in item.actors:
            if codebook.actors[mention.target].kind == "person":
                state.last_person = Speaker(mention.target, mention.target, person=True)
        return
    persons = named_persons(item, state, codebook)
    subjects = [p for p in persons if p.root.dep_ in ("nsubj", "nsubjpass")]
    for mention in [*persons, *subjects[-1:]]:  # in text order, then the subject again, so that it wins
        name = state.full_name(person_name(mention.text))
        if name:
            state.last_person = Speaker(name, person_actor(name, codebook), person=True)
