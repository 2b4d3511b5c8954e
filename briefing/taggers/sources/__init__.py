"""Sources: who is quoted or cited, how, and on whose side, read off the parse.

Passes run in a fixed order over one article, and overlaps are resolved once
(after textacy's ``direct_quotations`` and the Gender Gap Tracker's quote
extractor):

1. **syntactic**: a cue verb (``briefing/data/sources.yaml``) whose subject
   is the speaker and whose clausal complement or object is the content:
   "X said (that) …", "X told reporters …", "…, X said", passive "it was
   announced by X", "X was quoted as saying …"; "according to X"; a document
   whose "show" or "find" reports ("a poll shows …");
2. **quotations**: quoted text in any quoting style (curly, straight or
   doubled-apostrophe double quotes, guillemets, curly single quotes), over
   several sentences or paragraphs. A quotation takes the speaker of the
   syntactic attribution whose content or cue it touches; one without a
   verb floats to the speaker of the attribution just before it;
3. **heuristics**: speakers are resolved: a pronoun to the last person named,
   "Mr. Sanders" to the longest name of that person in the article, names to
   codebook actors; role and affiliation come from the apposition; a speaker
   with no name ("officials", "a senior diplomat") is ``anonymous``.

Kinds of row: ``direct`` (a quotation), ``partial`` (a short quoted phrase
inside a paraphrase), ``indirect`` (reported speech or thought) and
``according_to``. Offsets index the article's source text: the content
(``start``, ``end``), the cue and the speaker's mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd
import yaml

from briefing.codebook import Codebook, find_mentions
from briefing.language.parsing import ParsedSentence
from briefing.language.spans import SpanSet
from briefing.paths import PACKAGE_DIR
from briefing.schema import row_type

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SOURCE_RULES = PACKAGE_DIR / "data" / "sources.yaml"
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Dependents that are not part of a speaker's name: "X, a Moscow-based analyst, who …".
NOT_NAME = ("appos", "relcl", "acl", "prep", "punct", "advcl", "parataxis", "cc", "conj", "advmod", "npadvmod")
# A verb without its own subject takes the subject of the verb it hangs from: "X smiled and said", "saying".
INHERITS_SUBJECT = ("xcomp", "advcl", "conj", "pcomp", "prep", "acl", "dep")
PERSON_PRONOUNS = ("he", "she", "him", "her")
GROUP_PRONOUNS = ("they", "it", "we")
RELATIVE_PRONOUNS = ("who", "that", "which")
WORD = re.compile(r"[A-Za-z]+")
QUOTE_MARKS = re.compile(r"“|”|„|«|»|''|``|\"|(?<![\w’'])‘|’(?![\w’'])")
OPENING = {"“": "”", "„": "“", "«": "»", "``": "''", "‘": "’"}
MIN_NOUN_CONTENT = 4  # words a content without a verb needs to say something ("his demands" does not)
PARTIAL_WORDS = 8  # a quotation of at most this many words inside a longer sentence is a phrase
INTRODUCES_BEFORE = 40  # characters at most between a cue without content and the quotation it introduces
INTRODUCES_AFTER = 6  # and between a quotation and the speech tag after it (", he said")
FLOAT_PARAGRAPHS = 1  # a verbless quotation floats to a speaker at most this many paragraphs back


Attribution = row_type("Attribution", "One quotation or citation and its source.", "sources")


class Speaker(NamedTuple):
    """Who a mention names, before classification."""

    name: str
    actor: str | None = None
    role: str = ""
    affiliation: str = ""
    unnamed_side: str | None = None
    person: bool = False


class Found(NamedTuple):
    """An attribution before classification: offsets into the source text."""

    kind: str
    sentence: int
    pieces: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None
    cue_text: str
    cue_lemma: str
    mention: tuple[int, int] | None
    speaker: Speaker | None

    @property
    def span(self) -> tuple[int, int]:
        return self.pieces[0][0], self.pieces[-1][1]


class Quotation(NamedTuple):
    """Quoted text (without its marks) inside one paragraph, or running on from the one before."""

    start: int
    end: int
    continues: bool  # runs on from an unclosed quotation of the paragraph before


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


# --- the rules, kept as data -------------------------------------------------------------------


@lru_cache(maxsize=1)
def source_rules() -> dict:
    """The default rules of ``briefing/data/sources.yaml``."""
    return yaml.safe_load(SOURCE_RULES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def cue_lemmas() -> dict[str, str]:
    """Each cue verb lemma and its strength: ``loaded``, ``neutral`` (speech and thought) or ``evidence``."""
    verbs = source_rules()["cue_verbs"]
    strength = {lemma: "evidence" for lemma in verbs["evidence"]}
    strength.update({lemma: "neutral" for lemma in (*verbs["neutral"], *verbs["cognition"])})
    strength.update({lemma: "loaded" for lemma in verbs["loaded"]})
    return strength


def inflections(lemma: str) -> set[str]:
    """The regular forms of an English verb (warns, warned, warning), a superset where spelling varies.

    A final consonant after a single vowel may double (admitted, slammed), so both spellings are given.
    """
    stem_e = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, stem_e + "ing", lemma + ("d" if lemma.endswith("e") else "ed")}
    vowels = "aeiou"
    if len(lemma) >= 3 and lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels and lemma[-3] not in vowels:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    else:
        forms.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"))
    return forms


@lru_cache(maxsize=1)
def cue_forms() -> frozenset[str]:
    """Every word form of every cue verb, lowercased, for choosing which sentences to parse."""
    irregular = source_rules()["irregular_forms"]
    return frozenset(form for lemma in cue_lemmas() for form in inflections(lemma) | set(irregular.get(lemma, [])))


@lru_cache(maxsize=1)
def phrasal_forms() -> dict[str, frozenset[str]]:
    """Each word form of a phrasal cue's verb and the words that must come with it ("made" needs "clear")."""
    irregular = source_rules()["irregular_forms"]
    return {
        form: frozenset(words)
        for lemma, words in source_rules()["phrasal_cues"].items()
        for form in inflections(lemma) | set(irregular.get(lemma, []))
    }


def verbs() -> tuple[str, ...]:
    """Every cue verb's word forms (reporting words say who spoke, not what an article is about)."""
    return tuple(sorted(cue_forms()))


def verb_strength(lemma: str) -> str:
    """``loaded`` for verbs that characterise the speaker (warned, claimed), else ``neutral``."""
    return "loaded" if cue_lemmas().get(lemma.lower()) == "loaded" else "neutral"


def needs_parse(text: str) -> bool:
    """True for a sentence that can hold an attribution: a quotation mark, a cue word or "in a statement".

    A capitalised word inside a sentence is a name, not a cue ("the United States", "The Washington Post"),
    unless the sentence is a headline in title case ("Newspaper Says …").
    """
    if QUOTE_MARKS.search(text):
        return True
    lowered = text.lower()
    found = WORD.findall(text)
    headline = sum(word[:1].isupper() for word in found) * 2 > len(found)
    words = {
        word.lower()
        for index, word in enumerate(found)
        if headline or index == 0 or not word[:1].isupper() or word.isupper()
    }
    return bool(
        words & cue_forms()
        or any(words & phrasal_forms()[form] for form in words & phrasal_forms().keys())
        or statement_phrase().search(lowered)
        or any(phrase in lowered for phrase in source_rules()["according_to"])
    )


@lru_cache(maxsize=1)
def statement_phrase() -> re.Pattern:
    """ "in a statement", "during an interview on Sunday": where a statement noun makes any verb a cue."""
    nouns = "|".join(re.escape(noun) for noun in source_rules()["statement_nouns"])
    return re.compile(rf"\b(?:in|during)\s+(?:\S+\s+){{0,3}}?(?:{nouns})\b")


def needs_entities(item: ParsedSentence, codebook: Codebook | None = None) -> bool:
    """True when a parse has a proper noun where a speaker is named, so that entity types decide who speaks.

    That is a cue verb's subject or passive agent ("Mr. Sanders said"), the words after a cue verb without
    one ("…,” said Ms. Wahl") and the words after "according to", unless every proper noun there is a
    codebook actor, whose kind the codebook gives. A pronoun subject needs none: "he" is found among the
    persons named before it.
    """
    doc = item.doc
    strengths = cue_lemmas()
    statement_nouns = set(source_rules()["statement_nouns"])
    stated = any(token.lemma_.lower() in statement_nouns for token in doc)
    known = None  # the tokens of codebook actors, found only if needed

    def unknown_names(tokens) -> bool:
        nonlocal known
        names = [t.i for t in tokens if t.pos_ == "PROPN"]
        if not names:
            return False
        if known is None:
            known = {t.i for span in codebook_spans(item, codebook) for t in span} if codebook else set()
        return any(i not in known for i in names)

    for token in doc:
        if token.lower_ == "according":
            if unknown_names(doc[token.i + 1 : token.i + 12]):
                return True
            continue
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "aux":
            continue
        if token.lemma_.lower() not in strengths and not stated and phrasal_particle(token) is None:
            continue
        subject = subject_of(token)
        if subject is not None and subject.pos_ == "PRON":
            continue
        names = [t for right in token.rights for t in right.subtree] if subject is None else list(subject.subtree)
        if unknown_names(names):
            return True
    return False


@lru_cache(maxsize=1)
def title_pattern() -> re.Pattern:
    titles = sorted(source_rules()["titles"], key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(t) for t in titles) + r")(?:\.?\s+|\.?$))+")


def keyword_hit(text: str, words: Sequence[str]) -> bool:
    lowered = f" {text.lower()} "
    return any(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", lowered) for w in words)


# --- classification (unchanged in meaning) ------------------------------------------------------


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
    side = next((s for s, words in codebook.side_words.items() if keyword_hit(described_by, words)), "Other")
    return source_type, side, bool(speaker.role or speaker.affiliation)


def unnamed_side(text: str, codebook: Codebook) -> str:
    """The side the codebook gives an unnamed source's adjective ("a Kremlin spokesperson"), else ``Other``."""
    for adjective, side in codebook.unnamed_adjectives.items():
        if re.search(rf"(?<![\w-]){re.escape(adjective)}(?![\w-])", text):
            return side
    return "Other"


# --- speakers from the parse ------------------------------------------------------------------------


def text_of(tokens: Sequence[Token]) -> str:
    """The source text from the first to the last token."""
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text  # not Doc.text, which joins every token each time


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


def person_name(text: str) -> str:
    """A person entity's text as a name: single spaces, no possessive, no title ("Mr. Sanders's" is "Sanders")."""
    return strip_title(re.sub(r"[’']s$", "", " ".join(text.split())).strip(" ,"))


def strip_title(name: str) -> str:
    stripped = title_pattern().sub("", name).strip(" ,")
    return stripped or name


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
    pronoun: Token, parsed: ParsedSentence, state: ArticleState, codebook: Codebook, verb: Token | None = None
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


def speaker_from(
    head: Token, parsed: ParsedSentence, state: ArticleState, codebook: Codebook, verb: Token | None = None
):
    """The speaker a subject token names, and the offsets of its mention; ``(None, None)`` if unresolvable."""
    lower = head.lower_
    mention = parsed.offset(head)
    unnamed_nouns = source_rules()["unnamed_nouns"]
    if lower in unnamed_nouns and head.pos_ in ("PRON", "DET", "NUM"):  # "some fear that", "many say"
        phrase = " ".join(text_of(name_tokens(head)).split()) or head.text
        return Speaker(phrase, unnamed_side=unnamed_side(phrase, codebook)), mention
    if head.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        if lower in PERSON_PRONOUNS:
            return person_before(head, parsed, state, codebook, verb) or state.last_person, mention
        if lower in ("they", "it") and state.last_group is not None:
            return state.last_group, mention
        return None, mention
    tokens = name_tokens(head)
    if not tokens:
        return None, mention
    named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if head.pos_ == "NOUN" and named is not None:  # "Putin's top aide, Yuri Ushakov, said": the name speaks
        speaker, named_mention = speaker_from(named, parsed, state, codebook)
        if speaker is not None and not speaker.role:
            speaker = speaker._replace(role=" ".join(text_of(tokens).split()))
        return speaker, named_mention
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


# --- pass 1: syntactic attributions ------------------------------------------------------------------


def subject_of(verb: Token, quoted: Callable[[Token], bool] = lambda token: False) -> Token | None:
    """The speaker's token: the verb's subject, a passive agent, or the subject of the verb it hangs from.

    A subject inside a quotation is the quotation itself ("“…,” X said" parsed with two subjects).
    """
    token = verb
    for _ in range(5):
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None:
            objects = [c for c in agent.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        subject = next((c for c in token.children if c.dep_ in SUBJECTS and not quoted(c)), None)
        if subject is not None and subject.dep_ == "nsubjpass" and token.lemma_.lower() in cue_lemmas():
            subject = None  # "it was announced" names what was said, not who said it
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return token.head
            return subject
        if token.dep_ not in INHERITS_SUBJECT or token.head is token:
            return None
        token = token.head
    return None


def inverted_subject(verb: Token, parsed: ParsedSentence, quoted: SpanSet) -> Token | None:
    """ "“…,” said X": the first noun after the verb and outside the quotation, not a time ("posted Friday")."""
    for token in verb.rights:
        timely = token.dep_ == "npadvmod" or token.ent_type_ in ("DATE", "TIME")
        nominal = token.pos_ in ("PROPN", "NOUN", "PRON") and not timely
        if nominal and not quoted.covers(parsed.offset(token)[0]):
            return token
    return None


def clause_tokens(root: Token) -> list[Token]:
    """A clause's tokens without a leading complementizer or punctuation."""
    tokens = [t for t in root.subtree if not t.is_space]
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in ("”", '"', "''", "’", "»"):
        tokens.pop()
    return tokens


def content_of(verb: Token, subject: Token | None) -> list[Token]:
    """What the cue verb reports: its clausal complement, its object, or the clause it is appended to."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    complements = [c for c in children if c.dep_ == "ccomp"]
    # "X described …; he noted that Y": the complement after the verb, else the one before ("Y, he said").
    complement = next((c for c in complements if c.i > verb.i), complements[0] if complements else None)
    if complement is not None:
        return clause_tokens(complement)
    if lemma not in source_rules()["addressee_verbs"]:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        # A pronoun, a determiner or a bare name as object is whom or what it was about ("threatened Moscow").
        if (
            obj is not None
            and obj.pos_ not in ("PRON", "DET")
            and not (obj.pos_ == "PROPN" and obj.n_lefts + obj.n_rights == 0)
        ):
            extra = next((c for c in children if c.dep_ in ("oprd", "xcomp") and c.i > obj.i), None)
            tokens = [t for t in obj.subtree if not t.is_space]
            if extra is not None:
                tokens += [t for t in extra.subtree if not t.is_space]
            return sorted(tokens, key=lambda t: t.i)
    else:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        predicate = next((c for c in children if c.dep_ in ("oprd",)), None)
        if obj is not None and predicate is not None:  # "called the mayor a liar"
            return sorted([*obj.subtree, *predicate.subtree], key=lambda t: t.i)
        about = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("of", "about")), None)
        if obj is not None and about is not None and any(c.dep_ == "pcomp" for c in about.children):
            return [t for t in about.subtree if not t.is_space][1:]  # "accused Kyiv of disregarding …"
    xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
    if xcomp is not None and cue_lemmas().get(lemma) != "evidence":
        return clause_tokens(xcomp)
    if verb.dep_ == "parataxis" and verb.i > verb.head.i:  # "Russia will win, he said."
        own = {t.i for t in verb.subtree}
        tokens = [t for t in verb.head.subtree if t.i not in own and t.i < verb.i and not t.is_space]
        while tokens and tokens[-1].is_punct and tokens[-1].text not in ("”", '"', "''"):
            tokens.pop()
        return tokens
    return []


def phrasal_particle(verb: Token) -> Token | None:
    """ "made it clear", "pointed out": the word that makes the verb a cue, if it hangs from it."""
    words = source_rules()["phrasal_cues"].get(verb.lemma_.lower())
    if not words:
        return None
    return next((child for child in verb.children if child.lower_ in words), None)


def statement_cue(verb: Token) -> Token | None:
    """ "In a statement, X accused …": the statement noun that makes any verb a cue."""
    nouns = source_rules()["statement_nouns"]
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("in", "during")
            and any(o.dep_ == "pobj" and o.lemma_.lower() in nouns for o in child.children)
        ):
            return child
    return None


def according_to(parsed: ParsedSentence, state: ArticleState, codebook: Codebook) -> list[Found]:
    """ "According to X, …": X is the source of the rest of the sentence."""
    found = []
    doc = parsed.doc
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"] or [
            c for c in token.children if c.dep_ == "pobj"
        ]
        if not objects:
            continue
        speaker, mention = speaker_from(objects[0], parsed, state, codebook)
        phrase = {t.i for t in token.subtree} | {t.i for t in objects[0].subtree} | {token.i, token.i + 1}
        rest = [t for t in doc if t.i not in phrase and not t.is_space]
        while rest and rest[0].is_punct:
            rest.pop(0)
        while rest and rest[-1].is_punct:
            rest.pop()
        if rest and speaker is not None:
            cue = parsed.offset(doc[token.i : token.i + 2])
            content = parse_span(parsed, rest)
            found.append(
                Found(
                    "according_to",
                    parsed.sentence.index,
                    (content,),
                    cue,
                    "according to",
                    "according",
                    mention,
                    speaker,
                )
            )
    return found


def parse_span(parsed: ParsedSentence, tokens: Sequence[Token]) -> tuple[int, int]:
    return parsed.offset(tokens[0])[0], parsed.offset(tokens[-1])[1]


def syntactic(
    parsed: ParsedSentence, state: ArticleState, codebook: Codebook, quoted: SpanSet | None = None
) -> list[Found]:
    """Pass 1 over one parsed sentence: cue verbs outside quotations (``quoted``: the article's), with their
    speaker and content."""
    quoted = quoted if quoted is not None else SpanSet(())
    found = according_to(parsed, state, codebook)
    strengths = cue_lemmas()
    documents = source_rules()["document_nouns"]
    statement_nouns = set(source_rules()["statement_nouns"])
    stated = any(token.lemma_.lower() in statement_nouns for token in parsed.doc)  # "in a statement" is possible
    for verb in parsed.doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "aux":
            continue
        lemma = verb.lemma_.lower()
        particle = phrasal_particle(verb)
        statement = statement_cue(verb) if lemma not in strengths and particle is None and stated else None
        if lemma not in strengths and statement is None and particle is None:
            continue
        if quoted.covers(parsed.offset(verb)[0]):
            continue  # speech reported inside a quotation is the speaker's words
        if any(child.dep_ == "neg" for child in verb.children):
            continue  # "did not comment" attributes nothing

        def in_quotation(token: Token) -> bool:
            return quoted.covers(parsed.offset(token)[0])

        subject = subject_of(verb, in_quotation)
        if subject is None or in_quotation(subject):
            subject = inverted_subject(verb, parsed, quoted)  # the parser took a word of the quotation
        if subject is None:
            continue
        if strengths.get(lemma) == "evidence" and subject.lemma_.lower() not in documents:
            continue
        kind = "indirect"
        if subject.lemma_.lower() in documents:  # "Assessments from X indicate", "a poll by X shows"
            source = next(
                (
                    o
                    for p in subject.children
                    if p.dep_ == "prep" and p.lower_ in ("from", "by", "of")
                    for o in p.children
                    if o.dep_ == "pobj"
                ),
                None,
            )
            kind = "according_to"
            subject = source if source is not None else subject
        speaker, mention = speaker_from(subject, parsed, state, codebook, verb)
        if particle is None:
            tokens = content_of(verb, subject)
        else:  # "made it clear that …": what follows "clear", hanging from it or from the verb
            tokens = [t for t in content_of(particle, subject) if t.i > particle.i] or [
                t for t in content_of(verb, subject) if t.i > particle.i
            ]
            if not tokens:
                tokens = [t for c in particle.children if c.i > particle.i and c.dep_ == "advcl" for t in c.subtree]
            while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
                tokens.pop(0)
        tokens = [t for t in tokens if not (subject.left_edge.i <= t.i <= subject.right_edge.i)]
        cue = parsed.offset(statement if statement is not None else verb)
        if particle is not None:
            cue = (min(cue[0], parsed.offset(particle)[0]), max(cue[1], parsed.offset(particle)[1]))
        if statement is not None:
            noun = next(o for o in statement.children if o.dep_ == "pobj")
            cue_text = text_of([statement, *noun.lefts, noun])  # "in an interview", not what follows it
        else:
            cue_text = parsed.doc.text[cue[0] - parsed.sentence.start : cue[1] - parsed.sentence.start]
        content_words = [t for t in tokens if not t.is_punct]
        # "claims that" is no content; nor is a short noun phrase with no verb ("reiterated his demands").
        clausal = any(t.pos_ in ("VERB", "AUX") for t in content_words)
        pieces = (parse_span(parsed, tokens),) if len(content_words) >= (2 if clausal else MIN_NOUN_CONTENT) else ()
        remember(state, speaker, parsed.sentence.paragraph)  # "…; however, he noted" later in the sentence
        found.append(
            Found(
                kind,
                parsed.sentence.index,
                pieces,
                cue,
                " ".join(cue_text.split()).lower(),
                lemma if statement is None else "statement",
                mention,
                speaker,
            )
        )
    return found


# --- pass 2: quotations --------------------------------------------------------------------------------


def find_quotations(source: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quotation]:
    """Quoted spans, paragraph by paragraph (``(start, end)`` each); an unclosed quotation runs to its paragraph's
    end."""
    quotations: list[Quotation] = []
    open_from_before = False
    for start, end in paragraphs:
        text = source[start:end]
        opened: tuple[int, str] | None = None
        marks = list(QUOTE_MARKS.finditer(text))
        continues = open_from_before and bool(marks) and marks[0].start() < 3
        open_from_before = False
        for mark in marks:
            symbol = mark.group()
            if opened is None:
                if symbol not in ("”", "»", "’"):  # else a closing mark without its opening one
                    opened = (mark.end(), symbol)
                continue
            closer = OPENING.get(opened[1], opened[1])
            if symbol == closer or (opened[1] in ('"', "''") and symbol in ('"', "''", "”")):
                if symbol in ('"', "''") and opens_only(text, mark):
                    opened = (mark.end(), symbol)  # the quotation before was never closed: this one starts anew
                    continue
                if mark.start() > opened[0]:
                    quotations.append(Quotation(start + opened[0], start + mark.start(), continues))
                continues = False
                opened = None
            # any other mark inside a quotation (a single quote inside a double one) is part of it
        if opened is not None and opened[1] != "‘":
            body = text[opened[0] :].rstrip()
            if len(body.split()) >= 3:
                quotations.append(Quotation(start + opened[0], start + opened[0] + len(body), continues))
                open_from_before = True
    return [q for q in quotations if source[q.start : q.end].strip()]


def opens_only(text: str, mark: re.Match) -> bool:
    """A straight mark that can only open a quotation: a space before it, a word right after it."""
    before = text[mark.start() - 1 : mark.start()]
    after = text[mark.end() : mark.end() + 1]
    return (not before or before.isspace() or before in "([—–") and after.isalnum()


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def sentence_finder(parsed: Sequence[ParsedSentence]) -> Callable[[int], ParsedSentence | None]:
    """A function giving the first sentence of ``parsed`` that holds an offset, or None, in logarithmic time."""
    ordered = sorted(enumerate(parsed), key=lambda pair: (pair[1].sentence.start, pair[0]))
    starts = [item.sentence.start for _, item in ordered]
    # the sentences of an article do not overlap; were they to, the first in ``parsed`` that holds it wins
    overlapping_any = any(
        a.sentence.end > b.sentence.start or a.sentence.start == b.sentence.start
        for (_, a), (_, b) in pairwise(ordered)
    )

    def sentence_at(offset: int) -> ParsedSentence | None:
        if overlapping_any:
            return next((item for item in parsed if item.sentence.start <= offset < item.sentence.end), None)
        before = bisect.bisect_right(starts, offset)
        item = ordered[before - 1][1] if before else None
        return item if item is not None and offset < item.sentence.end else None

    return sentence_at


def quotation_rows(
    quotations: list[Quotation], syntactic_rows: list[Found], parsed: Sequence[ParsedSentence], source: str
) -> tuple[list[Found], set[int]]:
    """Pass 2: each quotation with the syntactic row it belongs to; returns rows and the rows they replace.

    A quotation belongs to a row whose content overlaps it, or, failing that,
    to a row of its sentence whose cue stands outside every quotation and
    whose content is empty or the quotation itself. Short quotations inside
    a longer paraphrase are ``partial``.
    """
    rows: list[Found] = []
    used: set[int] = set()
    quoted = SpanSet((q.start, q.end) for q in quotations)
    sentence_at = sentence_finder(parsed)
    near = RowsNear(syntactic_rows, lambda row: row.cue is not None and not quoted.covers(row.cue[0]))
    for quote in quotations:
        span = (quote.start, quote.end)
        words = len(source[quote.start : quote.end].split())
        home = sentence_at(quote.start)
        sentence_words = home.sentence.words if home else words
        candidates = [
            (index, syntactic_rows[index])
            for index in near.candidates(quote)
            if (syntactic_rows[index].pieces and overlaps(syntactic_rows[index].span, span))
            or (not syntactic_rows[index].pieces and introduces(syntactic_rows[index], quote, source))
        ]
        fragment = source[quote.start : quote.start + 1].islower()
        if not candidates:
            kind = "floating phrase" if fragment and words <= PARTIAL_WORDS else "floating"
            rows.append(Found(kind, home.sentence.index if home else -1, (span,), None, "", "", None, None))
            continue
        index, row = min(
            candidates,
            key=lambda pair: (
                home is None or pair[1].sentence != home.sentence.index,
                abs(pair[1].cue[0] - quote.start),
            ),
        )
        # A short phrase woven into a sentence: inside a longer paraphrase ("called them “substantive
        # discussions” with …"), or a fragment that starts in lower case ("what he described as the “liberation …”").
        partial = (
            words <= PARTIAL_WORDS
            and sentence_words > words + 4
            and (fragment or (bool(row.pieces) and len(source[row.span[0] : row.span[1]].split()) >= words + 3))
        )
        if partial:
            rows.append(
                row._replace(kind="partial", pieces=(span,), sentence=home.sentence.index if home else row.sentence)
            )
        else:
            used.add(index)
            rows.append(
                row._replace(kind="direct", pieces=(span,), sentence=home.sentence.index if home else row.sentence)
            )
    return rows, used


def introduces(row: Found, quote: Quotation, source: str) -> bool:
    """A cue with no content of its own right before a quotation ("X told reporters: “…”") or after it."""
    if row.cue[1] <= quote.start:
        before = source[row.cue[1] : quote.start]
        return len(before) <= INTRODUCES_BEFORE and not re.search(r"[.!?]\s|\n\s*\n", before)
    tag = tag_start(row)
    return quote.end <= tag <= quote.end + INTRODUCES_AFTER and "\n" not in source[quote.end : tag]


def tag_start(row: Found) -> int:
    """Where the speech tag after a quotation starts: its cue or its speaker, whichever comes first."""
    return min(row.cue[0], (row.mention or row.cue)[0])


class RowsNear:
    """The syntactic rows that a quotation can belong to (:func:`quotation_rows`), found by place rather than by
    trying every row for every quotation (cubic in quotations: 700 copies of one quoted sentence took 89 s).

    A row with content can overlap a quotation only if it starts less than the longest row's length before the
    quotation (a row's content lies within its sentence); a row without content can introduce one only from
    :data:`INTRODUCES_BEFORE` characters before it or :data:`INTRODUCES_AFTER` after it (:func:`introduces`).
    """

    def __init__(self, rows: Sequence[Found], wanted: Callable[[Found], bool]) -> None:
        kept = [index for index, row in enumerate(rows) if wanted(row)]
        with_content = sorted((rows[i].span[0], i) for i in kept if rows[i].pieces)
        self.longest = max((rows[i].span[1] - rows[i].span[0] for _, i in with_content), default=0)
        bare = [i for i in kept if not rows[i].pieces]
        # each list: (place, row position), in order of place
        self.by_start = with_content
        self.by_cue_end = sorted((rows[i].cue[1], i) for i in bare)
        self.by_tag = sorted((tag_start(rows[i]), i) for i in bare)

    def candidates(self, quote: Quotation) -> list[int]:
        """Positions of the rows that may overlap or introduce ``quote``, in order (a superset: test each)."""
        found = {
            *within(self.by_start, quote.start - self.longest, quote.end - 1),
            *within(self.by_cue_end, quote.start - INTRODUCES_BEFORE, quote.start),
            *within(self.by_tag, quote.end, quote.end + INTRODUCES_AFTER),
        }
        return sorted(found)


def within(places: list[tuple[int, int]], low: int, high: int) -> list[int]:
    """The row positions of ``places`` (sorted ``(place, position)`` pairs) whose place is in ``[low, high]``."""
    first = bisect.bisect_left(places, (low, -1))
    last = bisect.bisect_left(places, (high + 1, -1))
    return [position for _, position in places[first:last]]


def merge_quotation_rows(rows: list[Found], source: str, run_on: set[int] = frozenset()) -> list[Found]:
    """One row per quotation told by one speaker.

    "“A,” he said. “B.”" is one row; so is a quotation whose paragraph ends without a closing mark and the
    one that runs on from it (``run_on`` holds where such continuations start), with the speaker given once,
    before or after.
    """
    merged: list[Found] = []
    pieces: list[list[tuple[int, int]]] = []  # of each merged row, grown in place (a new tuple each time: quadratic)
    for row in sorted(rows, key=lambda r: r.span):
        previous = merged[-1] if merged else None
        quotes = {"direct", "floating"}
        if previous is not None and row.span[0] in run_on and previous.kind in quotes and row.kind in quotes:
            told = previous if previous.kind == "direct" else row
            merged[-1] = told._replace(pieces=(previous.pieces[0], row.pieces[-1]), sentence=previous.sentence)
            pieces[-1].extend(row.pieces)
            continue
        if (
            previous is not None
            and previous.kind == "direct"
            and (row.kind, row.cue) in (("direct", previous.cue), ("floating", None))
            and len(source[previous.span[1] : row.span[0]].split()) <= 12
            and "\n\n" not in source[previous.span[1] : row.span[0]].replace("\r", "")
        ):
            merged[-1] = previous._replace(pieces=(previous.pieces[0], row.pieces[-1]))
            pieces[-1].extend(row.pieces)
            continue
        merged.append(row)
        pieces.append(list(row.pieces))
    return [row._replace(pieces=tuple(own)) for row, own in zip(merged, pieces, strict=True)]


# --- the article ------------------------------------------------------------------------------------------


def person_runs(item: ParsedSentence, person_words: frozenset[str]) -> list[Span]:
    """Persons named in a parse that entity recognition did not run on: runs of proper nouns after a title
    ("Sen. Warren", "President Biden") or ending in a word the recognizer typed as a person elsewhere in the
    article ("Jane Sanders" where "Bernie Sanders" is a person)."""
    doc, runs, start = item.doc, [], None
    titles = {title.lower() for title in source_rules()["titles"]} - {"the", "former"}
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


def codebook_spans(item: ParsedSentence, codebook: Codebook, persons_only: bool = False) -> list[Span]:
    """The codebook actors a parsed sentence names (found once, on the layer), as token spans."""
    spans = []
    for mention in item.actors:
        if persons_only and codebook.actors[mention.target].kind != "person":
            continue
        first, last = item.token_at(mention.start), item.token_at(mention.end - 1)
        spans.append(item.doc[first.i : last.i + 1])
    return spans


def named_persons(item: ParsedSentence, state: ArticleState, codebook: Codebook) -> list[Span]:
    """The persons a parsed sentence names, in text order: the recognizer's where it ran, else the proper-noun
    runs of :func:`person_runs` and the codebook's persons."""
    if item.sentence.index not in state.persons:
        state.persons[item.sentence.index] = _named_persons(item, state, codebook)
    return state.persons[item.sentence.index]


def _named_persons(item: ParsedSentence, state: ArticleState, codebook: Codebook) -> list[Span]:
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


def full_names(parsed: Sequence[ParsedSentence]) -> tuple[dict[str, str], frozenset[str]]:
    """Surname to the longest name of that person in the article ("Sanders" to "Bernie Sanders"), and the
    last words of every name typed as a person."""
    names: dict[str, str] = {}
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
    for name in persons:
        parts = name.split()
        if len(parts) >= 2 and all(p[:1].isupper() for p in parts):
            surname = parts[-1]
            if len(name) > len(names.get(surname, "")):
                names[surname] = name
    return names, person_words


def remember(state: ArticleState, speaker: Speaker | None, paragraph: int) -> None:
    """The speaker of the latest attribution, for pronouns and floating quotations after it."""
    if speaker is None:
        return
    state.last_speaker, state.last_paragraph = speaker, paragraph
    if speaker.person:
        state.last_person = speaker
    elif speaker.unnamed_side is None:
        state.last_group = speaker


def track_persons(item: ParsedSentence, state: ArticleState, codebook: Codebook) -> None:
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


def resolve_rows(
    rows: list[Found], parsed: Sequence[ParsedSentence], state: ArticleState, codebook: Codebook, source: str
) -> list[Found]:
    """Pass 3, in text order: floating quotations take the last speaker; pronouns were resolved as found."""
    resolved = []
    paragraph_of = {item.sentence.index: item.sentence.paragraph for item in parsed}
    for row in sorted(rows, key=lambda r: r.span):
        paragraph = paragraph_of.get(row.sentence, -1)
        if row.kind == "floating phrase":  # a quoted phrase in the writer's sentence, from the speaker before
            if state.last_speaker is None or paragraph - state.last_paragraph > FLOAT_PARAGRAPHS:
                continue
            row = row._replace(kind="partial", speaker=state.last_speaker)
        elif row.kind == "floating":
            words = len(source[row.span[0] : row.span[1]].split())
            if state.last_speaker is None or paragraph - state.last_paragraph > FLOAT_PARAGRAPHS or words < 4:
                continue
            row = row._replace(kind="direct", speaker=state.last_speaker)
        if row.speaker is None or not row.pieces:
            continue
        remember(state, row.speaker, paragraph)
        resolved.append(row)
    return resolved


def extract_attributions(
    article: str, source: str, parsed: Sequence[ParsedSentence], codebook: Codebook
) -> list[Attribution]:
    """All attributions of one article, in text order, read off its linguistic layer (``article.article_layers``).

    A pure function of the article's source text, its sentences, their parse and the codebook.
    """
    paragraphs: dict[int, list[int]] = {}
    for sentence in (item.sentence for item in parsed):
        bounds = paragraphs.setdefault(sentence.paragraph, [sentence.start, sentence.end])
        bounds[1] = sentence.end
    quotations = find_quotations(source, [tuple(bounds) for _, bounds in sorted(paragraphs.items())])
    quoted_spans = SpanSet((q.start, q.end) for q in quotations)
    state = ArticleState(*full_names(parsed))
    rows: list[Found] = []
    for item in parsed:
        found = syntactic(item, state, codebook, quoted_spans) if item.doc is not None else []
        rows.extend(found)
        track_persons(item, state, codebook)
        for row in found:  # a speaker outranks a person merely named in the same sentence
            remember(state, row.speaker, item.sentence.paragraph)
    quoted, replaced = quotation_rows(quotations, rows, parsed, source)
    rows = [row for index, row in enumerate(rows) if index not in replaced and row.pieces]
    # a row whose cue a direct quotation took, and whose content overlaps it, is that quotation
    taken: dict[tuple[int, int] | None, list[tuple[int, int]]] = {}
    for row in quoted:
        if row.kind == "direct":
            taken.setdefault(row.cue, []).append(row.span)
    taken_spans = {cue: SpanSet(spans) for cue, spans in taken.items()}
    rows = [row for row in rows if row.cue not in taken_spans or not taken_spans[row.cue].overlaps(row.span)]
    state = ArticleState(state.full_names, state.person_words)
    run_on = {q.start for q in quotations if q.continues}
    final = resolve_rows(merge_quotation_rows(quoted + rows, source, run_on), parsed, state, codebook, source)
    return [to_attribution(article, row, codebook, state, source) for row in dedupe(final)]


def dedupe(rows: list[Found]) -> list[Found]:
    """One row per content span and kind."""
    seen, kept = set(), []
    for row in rows:
        key = (row.kind, row.span)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return sorted(kept, key=lambda r: (r.span[0], r.kind))


def trim(source: str, span: tuple[int, int], keep_stop: bool = False) -> tuple[int, int]:
    """A span without edge spaces and trailing commas; a quotation keeps its full stop, a paraphrase does not."""
    start, end = span
    while start < end and source[start] in " \n\t,;:—–":
        start += 1
    while end > start and source[end - 1] in (" \n\t,;:" if keep_stop else " \n\t,;:."):
        end -= 1
    return start, end


def to_attribution(article: str, row: Found, codebook: Codebook, state: ArticleState, source: str) -> Attribution:
    """Classify one row's speaker and name its offsets."""
    speaker = row.speaker
    if speaker.actor is None and speaker.unnamed_side is None:
        known = state.profiles.get(speaker.name)
        if known and not (speaker.role or speaker.affiliation):
            speaker = known  # the role given at first mention holds for later quotes
        elif speaker.role or speaker.affiliation:
            state.profiles[speaker.name] = speaker
    source_type, side, resolved = classify(speaker, codebook)
    display = codebook.actors[speaker.actor].name if speaker.actor else speaker.name
    pieces = [trim(source, piece, keep_stop=row.kind == "direct") for piece in row.pieces]
    start, end = pieces[0][0], pieces[-1][1]
    quote = " … ".join(" ".join(source[s:e].split()) for s, e in pieces)
    cue_start, cue_end = row.cue if row.cue else (None, None)
    mention_start, mention_end = row.mention if row.mention else (None, None)
    return Attribution(
        article,
        row.sentence,
        display,
        speaker.actor,
        speaker.affiliation,
        speaker.role,
        source_type,
        side,
        row.kind,
        row.cue_text,
        verb_strength(row.cue_lemma) if row.cue_lemma else "",
        quote,
        start,
        end,
        cue_start,
        cue_end,
        mention_start,
        mention_end,
        resolved,
    )


def merge_speakers(sources: pd.DataFrame) -> pd.DataFrame:
    """One speaker per person across the corpus.

    Names not in the codebook that share a surname and are alike
    ("Tatiana Stanovaya", "Tatyana Stanovaya", "Stanovaya") become the most
    complete form, which also lends its role, affiliation, type and side.
    """
    from rapidfuzz import fuzz

    named = sources[sources["actor"].isna() & (sources["source_type"] != "anonymous")]
    if named.empty:
        return sources
    canonical: dict[str, str] = {}
    names = sorted(set(named["speaker"]), key=lambda n: (-len(n.split()), -len(n), n))
    for name in names:
        target = next(
            (
                c
                for c in dict.fromkeys(canonical.values())
                if c.split()[-1][:4] == name.split()[-1][:4]
                and (len(name.split()) == 1 or fuzz.ratio(name, c) >= 85)
                and fuzz.ratio(c.split()[-1], name.split()[-1]) >= 80
            ),
            name,
        )
        canonical[name] = target
    merged = sources.copy()
    mask = merged["actor"].isna() & (merged["source_type"] != "anonymous")
    merged.loc[mask, "speaker"] = merged.loc[mask, "speaker"].map(canonical)
    profile_columns = ["affiliation", "role", "source_type", "side", "resolved"]
    informative = merged[mask].assign(score=lambda f: (f["role"] != "").astype(int) + (f["affiliation"] != ""))
    best = informative.sort_values("score", ascending=False, kind="stable").drop_duplicates("speaker")
    profiles = best.set_index("speaker")[profile_columns]
    for column in profile_columns:
        merged.loc[mask, column] = merged.loc[mask, "speaker"].map(profiles[column])
    return merged
