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


@lru_cache(maxsize=1)
def source_rules() -> dict:
    """The words of ``briefing/data/sources.yaml`` that tell a source's type (media, analyst)."""
    return yaml.safe_load(SOURCE_RULES.read_text(encoding="utf-8"))


def keyword_hit(text: str, words: Sequence[str]) -> bool:
    lowered = f" {text.lower()} "
    return any(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", lowered) for w in words)


def classify(speaker: Speaker, codebook: Codebook) -> tuple[str, str, bool]:
    """Source type, side and whether the speaker was resolved."""
    rules = source_rules()
    if speaker.unnamed_side is not None:
        return "anonymous", speaker.unnamed_side, True
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
    return Speaker(name, actor_in(name, codebook), person=True)


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
    an organization, with the offsets of its mention."""
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
    actor = actor_in(phrase, codebook)
    if persons:
        entity = max(persons, key=len)
        if entity.end <= head.i and head.pos_ == "PROPN":  # the recognizer stopped short: "Ursula von der | Leyen"
            entity = parsed.doc[entity.start : head.i + 1]
        name = state.full_name(person_name(entity.text))
        before = text_of([t for t in tokens if t.i < entity.start and t.dep_ not in ("det", "punct")])
        role = role or title_pattern().sub("", before).strip(" ,")
        if actor and codebook.actors[actor].kind != "person":
            actor = actor_in(name, codebook)
        return Speaker(name, actor, role, affiliation, person=True), (start, end)
    head_lemma = head.lemma_.lower()
    if head_lemma in unnamed_nouns and head.pos_ != "PROPN":
        definite = any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in tokens)
        if definite and state.last_speaker is not None and state.last_speaker.unnamed_side is not None:
            return state.last_speaker, (start, end)  # "the spokesperson" again
        # A singular one ("a Kremlin spokesperson") is who a later "he" or "she" can mean.
        singular = head.tag_ == "NN"
        return Speaker(phrase, unnamed_side=unnamed_side(phrase, codebook), role=role, person=singular), (start, end)
    if actor:
        return Speaker(phrase, actor, role, affiliation), (start, end)
    if head.pos_ == "PROPN" or head.ent_type_:
        name = state.full_name(re.sub(r"^(?:the|The)\s+", "", strip_title(phrase)))
        return Speaker(name, None, role, affiliation, person=head.ent_type_ == "PERSON"), (start, end)
    return Speaker(phrase, unnamed_side=unnamed_side(phrase, codebook), role=role), (start, end)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def codebook_spans(item: ParsedSentence, codebook: Codebook, persons_only: bool = False) -> list[Span]:
    """The codebook actors a parsed sentence names (found once, on the layer), as token spans."""
    spans = []
    for mention in item.actors:
        if persons_only and codebook.actors[mention.target].kind != "person":
            continue
        first, last = item.token_at(mention.start), item.token_at(mention.end - 1)
        spans.append(item.doc[first.i : last.i + 1])
    return spans


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
            state.last_person = Speaker(name, actor_in(name, codebook), person=True)
