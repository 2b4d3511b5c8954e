"""Stances: who takes which position on which issue, read off the dependency parse.

A claim is (holder, issue, position, evidence). For every codebook issue named
in a parsed sentence of the shared linguistic layer (:mod:`briefing.language.parsing`), the
passes run in a fixed order:

0. **Issues.** The codebook's issue cues, and issues named again: a
   determiner with the head noun of an earlier mention ("the grain deal" …
   "the deal"), or with a general noun of the codebook's anaphoric list,
   which points back to the last sentence's issues ("Biden will supply
   missiles" … "Lavrov hit out against the deliveries"). An issue that is the
   topic of another ("talks to discuss a truce") is no position of its own.
1. **Predicate.** A cue on the issue's own word ("Russia *must* withdraw");
   else the issue's own verb when it is a finite clause with a subject
   ("Russia will stop fighting"); else, walking up the tree, the nearest
   position cue ("Moscow *rejected* a truce", "Kyiv *agreed to* halt
   strikes"); else a cue of the clause the issue is subject or object of ("a
   ceasefire is *unacceptable*", "his *demands* include …"). A cue that
   modifies the issue ("a truce *proposed by* Trump", "membership that Russia
   *opposes*") is a predicate of its own; a relative clause whose subject is
   the issue noun only describes it. The walk stops at an adverbial,
   relative or modifier clause that is not the content of what it hangs from,
   at an inverted condition ("should Putin decide …") and at a circumstance
   ("during the talks", "because of sanctions").
2. **Holder.** The predicate's subject, through ``xcomp``, ``conj``, copular
   and light-verb chains ("Trump wants …", "is ready to", "expressed
   willingness to"); a passive agent ("rejected by Kyiv"); the possessor of
   a cue noun ("Russia's demand for …"); each coordinated subject ("Kyiv and
   Moscow agreed …"); the antecedent of a relative pronoun ("lawmakers who
   back aid"); the one a judgement is made for ("For Ukraine, X is not
   negotiable"). A holder is a codebook actor, the group a common noun is
   part of ("members of Congress"), the country whose demonym names a group
   ("Russian and Ukrainian delegations"), or failing that a named person or
   organization of the parse ("Elon Musk"). "He" and "she" resolve to the
   last person named, a subject before an object; "it" to the last
   institution; "they" to the speakers of the statement it stands in, else to
   the last plural or coordinated subject. "I", "we", a subject that names no
   one or a singular thing as subject ("the best way is to …") give the
   speaker of the attributed statement the predicate stands in (the
   attribution rows: speakers are never found a second time), then the holder
   of a clausal cue above it ("Zelensky *insisted* that territory was not
   negotiable"). A prescription ("Russia must withdraw," Zelensky said) is
   the speaker's, not its subject's; said by no one, it is no one's. An
   unnamed source holds for the institution its description names ("White
   House officials said").
3. **Polarity.** The cue's position, flipped by a negation of the cue ("does
   not rule out"), of any word between cue and issue ("agreeing never to
   join"), by a reversing word between them ("preventing Ukraine from
   joining"), by an inverse issue cue ("neutrality"), by a denial the clause
   is the content of ("Peskov denied that Moscow wants …"), and by a negated
   noun it is the content of ("no indication that Russia is ready to …"). A
   cue over a cue noun gives its own holder a claim too ("Kyiv rejected
   Moscow's demand for …": Kyiv opposes).
4. **Conditions.** A predicate with a condition (a clause or phrase opened by
   a conditional marker of the codebook: if, unless, only when, pending,
   provided, on condition that, as long as, linked to; until, before and
   without after a negation) makes the claim ``conditional`` and keeps the
   condition's words; issues inside the condition are claims of ``support``
   by the same holder (``oppose`` after "as long as" on a refusal: "no talks
   as long as Putin is president"), read through the condition's own
   predicate ("unless sanctions are eased" opposes them). A predicate inside
   another's condition is no claim of its own subject.

Left out: questions, predicates inside an if/whether clause or an inverted
condition that is no condition of a claim, modal possibilities ("could
withdraw"), the content of a report noun that no one named owns ("the false
allegation that …"; "his claim that …" is his), and positions an attributed
speaker reports about an actor of another side (a rival's report is not the
rival's position).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from briefing.codebook import Codebook, Mention, find_mentions
from briefing.language.parsing import ParsedSentence, negated
from briefing.language.segment import WHOLE_SENTENCE_ROWS, Sentence, evidence_text
from briefing.language.spans import overlapping
from briefing.schema import row_type

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefing.taggers.sources import Attribution

FLIP = {"support": "oppose", "oppose": "support", "conditional": "conditional"}
SUBJECTS = ("nsubj", "csubj", "expl")
# Dependencies through which a predicate takes its subject from the word above ("wants to join", "… and demanded").
SUBJECT_CHAINS = ("xcomp", "conj", "acomp", "attr", "oprd", "ccomp", "aux", "advcl")
# Where the walk from an issue up to its predicate stops: a clause of its own that is no complement.
CLAUSE_BOUNDARIES = ("advcl", "relcl", "acl", "parataxis")
# Prepositions of time and place: an issue under them is a circumstance, not what the predicate is about.
CIRCUMSTANCES = frozenset(
    {"during", "after", "following", "amid", "amidst", "since", "throughout", "ahead", "despite", "at", "before"}
    | {"because", "due", "thanks", "owing"}  # causes: "prices increased because of sanctions"
)
# Prepositions of an adjunct when they hang from the cue itself ("agree to X as part of Y", "reject X in Geneva").
ADJUNCTS_AT_CUE = frozenset({"as", "in", "at", "under", "through", "within", "like", "by"})
# Cue words that lean on the word they qualify ("must withdraw", "not ready"): the predicate is their head.
LEANING = ("aux", "auxpass", "advmod", "neg", "mark", "prt")
# A cue adjective on a predicate noun ("is an unacceptable outcome"): the predicate is that noun.
PREDICATE_NOUNS = ("attr", "oprd")
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
GROUP_PRONOUNS = frozenset({"it", "its"})
# "they": the speakers of the statement it stands in, else the last plural or coordinated subject
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
SPEAKER_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our"})
HYPOTHETICAL_MARKS = frozenset({"if", "whether"})
INVERTED_CONDITIONS = frozenset({"should", "were", "had"})  # "should Putin decide …", "were Kyiv to agree …"
# Clauses whose verb asserts what its subject does; an adverbial or relative clause states a circumstance.
OWN_VERB_CLAUSES = ("ROOT", "ccomp", "conj", "xcomp")
TOPIC_PREPOSITIONS = frozenset({"regarding", "about", "concerning", "over", "around", "on"})
# Marks of an adverbial clause that asserts what it says (not a condition, a time or a hypothesis).
FACTUAL_MARKS = frozenset({"while", "as", "because", "since", "although", "though", "whereas", "after"})
POSSIBILITY_MODALS = frozenset({"might", "may", "could"})
ANAPHORS = frozenset({"it", "this", "that", "these", "those", "such"})
LASTING_MARKERS = frozenset({"as long as", "so long as"})  # conditions that name a state, not a demand
ANAPHORIC_DETERMINERS = ANAPHORS - {"it"} | {"the"}  # "the deal", "such supplies"
ANAPHORA_RANK = 50  # a claim pointed back to ranks behind every claim the sentence names its issue for
DEMONSTRATIVES = frozenset({"these", "those", "they"})  # "These include …": the demands just reported
INCLUDING_VERBS = frozenset({"include", "be", "remain", "involve", "comprise", "entail"})
TITLES = frozenset({"sen.", "sen", "rep.", "rep", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "dr.", "dr", "gen.", "gen"})
NAME_ENTITIES = ("PERSON", "ORG", "GPE", "NORP")
UNNAMED_SOURCES = ("anonymous", "unnamed")  # attribution source types that name no one


class PositionCue(NamedTuple):
    """Whether a sentence has a support or oppose cue of the codebook, and whether that cue names no issue of it:
    the sentences whose positions the codebook cannot count (what it may be missing)."""

    cue: bool
    without_issue: bool


def position_cue(text: str, codebook: Codebook) -> PositionCue:
    """The :class:`PositionCue` of ``text`` (a conditional marker such as "if" takes no position by itself, and
    an inverse cue of an issue names it)."""
    cue = bool(codebook.mentions(text, "cues"))
    return PositionCue(cue, cue and not codebook.mentions(text, "issues"))


# ``holder_side``: the side of a holder outside the codebook, where its attribution row gives one
Claim = row_type(
    "Claim",
    "One holder's position on one issue, and the evidence for it.\n\n"
    "``actor`` is a codebook actor id or, for a holder outside the codebook, the name as written.",
    "stances",
    ["actor_name", "side", "issue_label"],
    defaults={"condition": ""},
    extra={"holder_side": ""},
)


class Speaker(NamedTuple):
    """An attributed statement: its content's source offsets and who said it."""

    start: int
    end: int
    holder: str  # codebook actor id, else the speaker's name, "" for an unnamed speaker
    side: str


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


class Predicate(NamedTuple):
    """A position cue on the parse: the word it sits on, its position and its words.

    ``kind`` is ``cue`` for a codebook cue, ``own verb`` for an issue's own verb ("Russia will stop
    fighting") and ``demand`` for a subject that names demands ("Putin's conditions include …").
    """

    token: Token
    position: str
    text: str
    start: int  # offsets into the sentence text
    end: int
    kind: str = "cue"


class Reading(NamedTuple):
    """How one issue is governed: its predicate, the flips between them, the cues above and the ones on it."""

    predicate: Predicate | None
    flipped: bool
    outer: tuple[tuple[Predicate, bool], ...]  # (cue, over a clausal complement)
    modifiers: tuple[Predicate, ...]


def span_head(item: ParsedSentence, start: int, end: int) -> Token | None:
    """The word of ``sentence.text[start:end]`` that the rest of it depends on."""
    first, last = item.token_at(start), item.token_at(max(start, end - 1))
    if first is None or last is None:
        return None
    inside = range(first.i, last.i + 1)
    return next((t for t in first.doc[first.i : last.i + 1] if t.head.i not in inside or t.head.i == t.i), first)


def token_range(item: ParsedSentence, mention: Mention) -> range:
    """Token indices a mention covers."""
    first, last = item.token_at(mention.start), item.token_at(max(mention.start, mention.end - 1))
    return range(first.i, last.i + 1)


def predicates(item: ParsedSentence, cues: Sequence[Mention]) -> dict[int, Predicate]:
    """Position cues by the index of the word they sit on."""
    found = {}
    for cue in cues:
        head = span_head(item, cue.start, cue.end)
        if head is None:
            continue
        if head.dep_ in LEANING and head.head.i != head.i:
            head = head.head  # "must withdraw", "not ready": the verb or adjective it qualifies
        elif head.dep_ == "amod" and head.head.dep_ in PREDICATE_NOUNS:
            head = head.head  # "is an unacceptable outcome"
        here = Predicate(head, cue.target, cue.text, cue.start, cue.end)
        before = found.get(head.i)
        # "must lift sanctions": the cue on the verb itself says the position, the modal leaning on it does not
        if before is None or (leans(before, item) and not leans(here, item)):
            found[head.i] = here
    return found


def prescribes(predicate: Predicate, codebook: Codebook) -> bool:
    """True when a cue prescribes what its subject should do: "must", or a verb under it ("must lift")."""
    if predicate.kind != "cue":
        return False
    return predicate.text.lower() in codebook.prescribing or any(
        c.dep_ == "aux" and c.lower_ in codebook.prescribing for c in predicate.token.children
    )


def leans(predicate: Predicate, item: ParsedSentence) -> bool:
    """True when a cue sits on a word outside its own ("must" on "withdraw", "not ready" on "ready")."""
    at = item.text_offset(predicate.token)
    return not (predicate.start <= at < predicate.end)


def flips_at(node: Token, child: Token, codebook: Codebook, coordinated: bool = False) -> bool:
    """A negation or reversing word on a word between cue and issue ("never to join", "preventing … from").

    Above a coordination the parser often hangs later items from the first ("preventing Ukraine from
    joining NATO, securing recognition …"): a reversing word there reverses only the first item.
    """
    if child.dep_ in ("conj", "cc"):
        return False  # a coordinated word is not the argument of the word before it
    negation = any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in codebook.negations) for c in node.children if c != child
    )
    return negation != (node.lemma_.lower() in codebook.reversing and not coordinated)


def finite_with_subject(verb: Token) -> bool:
    """A verb that asserts something of a subject: tensed or with a modal of intent, not "could" or a gerund."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "agent" for c in verb.children) and verb.dep_ != "advcl":
        return True  # "which was sanctioned by Britain": the agent does it
    if verb.dep_ not in OWN_VERB_CLAUSES and not content_clause(verb) and not asserted_clause(verb):
        return False
    auxiliaries = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
    if (verb.tag_ == "VBG" and "be" not in auxiliaries) or (verb.tag_ == "VBN" and "have" not in auxiliaries):
        return False  # a gerund or passive participle is no assertion of its own ("Ukraine giving up regions")
    subject_from = verb.head if verb.dep_ == "conj" else verb  # "decided on X and stopped Y": one subject
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in (*verb.children, *subject_from.children)):
        return False
    modals = [c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"]
    if any(m in POSSIBILITY_MODALS for m in modals):
        return False
    return bool(modals or auxiliaries) or verb.tag_ in ("VBD", "VBZ", "VBP")


def predicate_on(word: Token, position: str, text: str, kind: str) -> Predicate:
    """A predicate found without a cue, on one word; its offsets are set where the sentence is known."""
    return Predicate(word, position, text, -1, -1, kind)


def read_issue(
    head: Token, cues: dict[int, Predicate], issue_tokens: set[int], codebook: Codebook, cue_words: dict[int, Predicate]
) -> Reading:
    """Walk up from an issue's head word to the cues that govern it.

    ``cues`` are keyed by the word each sits on, ``cue_words`` by every word of each: "openness to talks"
    reaches the cue through "to" where the parser hangs "to talks" from the verb.
    """
    # "a truce proposed by Trump"; also on the noun the issue is "of": "a package of military aid approved by"
    nouns = [head, head.head.head] if head.dep_ == "pobj" and head.head.lower_ == "of" else [head]
    modifiers = tuple(
        cues[c.i]
        for noun in nouns
        for c in noun.children
        if c.dep_ in ("acl", "relcl") and c.i in cues and c.i not in issue_tokens and not describes(c)
    )
    primary, outer = None, []
    if head.i in cues:
        primary = cues[head.i]
    elif finite_with_subject(head):
        primary = predicate_on(head, "support", head.text, "own verb")
    # "no ceasefire", "never to join NATO": a negation on the issue's own word
    flipped = primary is None and any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in codebook.negations) for c in head.children
    )
    child, node, coordinated = head, head, False
    while node.head.i != node.i:
        if (
            (node.dep_ in CLAUSE_BOUNDARIES and not content_clause(node))
            or (node.dep_ == "pobj" and node.head.lower_ in CIRCUMSTANCES)
            or (node.dep_ != "ROOT" and inverted_condition(node))  # "…, should Putin prioritize X"
        ):
            break
        child, node = node, node.head
        cue = cues.get(node.i) or (cue_words.get(node.i) if node.i not in issue_tokens else None)
        # An adjunct of the cue, or a word inside its subject, is not what the position is about; the issue
        # as the whole subject is what the cue judges ("the lethal aid would strengthen …", "concessions
        # would backfire"), a judgement that belongs to whoever makes the statement.
        evaluated = child.dep_ in ("nsubj", "csubj") and child.i == head.i
        own_word = cue_words.get(child.i) is cue  # "engage in talks": the cue's own preposition
        if cue is not None and (
            # on a noun the preposition is its complement: "no point in negotiating"
            (child.dep_ == "prep" and child.lower_ in ADJUNCTS_AT_CUE and not own_word and node.pos_ != "NOUN")
            or (child.dep_ in ("nsubj", "csubj") and not evaluated)
        ):
            break
        if cue is not None:
            if primary is None:
                primary = cue
            elif cue is not primary and all(cue is not o for o, _ in outer):
                outer.append((cue, child.dep_ == "ccomp" or content_clause(child)))
            continue
        if primary is None:
            primary = clause_cue(node, child, cues, codebook)  # its negation is the cue's ("has not gained")
            if primary is None and flips_at(node, child, codebook, coordinated):
                flipped = not flipped
        coordinated = coordinated or child.dep_ == "conj"
    return Reading(primary, flipped, tuple(outer), modifiers)


def nested_in_issue(head: Token, predicate: Token, issue_heads: Sequence[Token]) -> bool:
    """True when an issue is the topic of another issue between it and its predicate: "talks to discuss a
    truce", "talks on a ceasefire" (but "guarantees such as NATO membership" names what is wanted)."""
    others = {h.i for h in issue_heads if h is not None and h.i != head.i}
    node, topical = head, False
    while node.i != predicate.i and node.head.i != node.i:
        topical = topical or node.dep_ == "acl" or (node.dep_ == "prep" and node.lower_ in TOPIC_PREPOSITIONS)
        node = node.head
        if node.i in others and topical:
            return True
    return False


def argument_of(word: Token, predicate: Token) -> bool:
    """True when ``word`` is under ``predicate`` other than as a circumstance ("reiterated it during talks")."""
    node = word
    while node.i != predicate.i:
        if (node.dep_ == "pobj" and node.head.lower_ in CIRCUMSTANCES) or node.head.i == node.i:
            return False
        node = node.head
    return True


def noun_content_of(word: Token) -> Token | None:
    """The noun whose "that" clause a predicate stands in ("the allegation that …", "no sign that …")."""
    for node in [word, *word.ancestors]:
        if node.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children):
            return node.head
        if node.dep_ not in ("xcomp", "acomp", "conj", "aux", "ccomp"):
            return None
    return None


def denied_content(word: Token, codebook: Codebook, cues: dict[int, Predicate]) -> bool:
    """True when a predicate stands in the content clause of a negated noun that is no cue ("no indication
    that …", "no evidence that …"): the clause is said not to hold. (A cue noun is an outer cue of its own.)"""
    noun = noun_content_of(word)
    if noun is None:
        return False
    negative = any(c.dep_ in ("det", "neg") and c.lower_ in codebook.negations for c in noun.children)
    return negative and noun.i not in cues


def describes(clause: Token) -> bool:
    """A relative clause whose subject is the noun it hangs from states what that noun is ("a neutral country
    that will never join NATO"), not someone's position on it."""
    return clause.dep_ == "relcl" and any(c.dep_ in SUBJECTS and c.tag_ in ("WDT", "WP") for c in clause.children)


def content_clause(node: Token) -> bool:
    """A clause that is the content of what it hangs from: "any suggestion that Ukraine might lose land",
    "proposals to cap prices", "willingness to resume talks"."""
    if node.dep_ not in ("acl", "advcl", "relcl"):
        return False
    that = node.dep_ != "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children)
    # "no reason to engage in talks" is parsed as a relative clause too: an infinitive without a subject
    infinitive = node.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    infinitive = infinitive and not (node.dep_ == "relcl" and any(c.dep_ in SUBJECTS for c in node.children))
    return that or infinitive


def asserted_clause(verb: Token) -> bool:
    """An adverbial clause that states a fact ("…, while the administration has shipped weapons")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in FACTUAL_MARKS for c in verb.children)


def clause_cue(verb: Token, child: Token, cues: dict[int, Predicate], codebook: Codebook) -> Predicate | None:
    """A cue of the clause an issue is subject or object of: "X is unacceptable", "his demands include X".

    A subject that names demands ("Putin's conditions for peace include …", "These include …" after a
    sentence on demands) is a cue of support too: the demand's holder wants what it includes.
    """
    if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
        # "X is unacceptable"; "X has not gained Moscow's support"
        wanted = (
            ("acomp", "attr", "oprd", "dobj")
            if verb.lemma_.lower() in codebook.receiving
            else ("acomp", "attr", "oprd")
        )
    elif child.dep_ in ("dobj", "attr", "xcomp", "ccomp"):
        wanted = ("nsubj",)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        demand = (
            subject is not None
            and subject.i not in cues
            and (subject.lemma_.lower() in codebook.anaphoric_nouns or subject.lower_ in DEMONSTRATIVES)
        )
        if demand and verb.lemma_.lower() in INCLUDING_VERBS:
            return predicate_on(subject, "support", f"{subject.text} {verb.text}", "demand")
    else:
        return None
    return next((cues[c.i] for c in verb.children if c.i in cues and c.dep_ in wanted and c != child), None)


def subject_of(predicate: Token, cues: dict[int, Predicate]) -> tuple[Token | None, str]:
    """The word that holds a predicate's position, and how it was found."""
    node = predicate
    for _ in range(8):
        children = list(node.children)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if agent is not None:
            by = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if by is not None:
                return by, "passive"
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
        subjects = [c for c in children if c.dep_ in SUBJECTS and c.dep_ != "expl"] or [
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
    if pronoun.dep_ not in SUBJECTS or clause.dep_ != "ccomp":
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
    speakers: Sequence[Speaker]
    context: Context
    cues: dict[int, Predicate]

    def speaker_at(self, token: Token) -> Speaker | None:
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
                found.append(name_of(token))
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
                return [name_of(named[-1])]
            return [self.context.last_person] if self.context.last_person else []
        speaker = self.speaker_at(word)
        if speaker is not None:
            return [speaker.holder] if speaker.holder in self.codebook.actor_kinds else []
        return [self.context.last_institution] if self.context.last_institution else []

    def holders(
        self, predicate: Predicate, outer: Sequence[tuple[Predicate, bool]] = (), issue: Token | None = None
    ) -> tuple[list[str], str]:
        """Holders of a predicate's position, and how they were found.

        Without a subject, with "I" or "we", or with the issue itself as subject ("conceding territory is
        not negotiable"), the holder is the speaker of the statement the predicate stands in; a subject that
        names no one ("western countries") holds it, unknown.
        """
        word, via = subject_of(predicate.token, self.cues)
        if word is not None:
            lower = word.lower_ if word.pos_ == "PRON" else ""  # "the US" is no "us"
            if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
                resolved = self.resolve(word)
                if resolved:
                    return resolved, "pronoun"
            elif lower in PLURAL_PRONOUNS:  # "campaigners said they would …": the speakers themselves
                speaker = self.speaker_at(predicate.token)
                if speaker is None:  # outside a statement: the last group named as a subject
                    return list(self.context.last_group), "pronoun"
                said_by = reporting_subject(word)  # "The US and Germany said they …": each of them
                speakers = self.named(said_by) if said_by is not None else []
                if len(speakers) > 1:
                    return speakers, "speakers"
                return ([speaker.holder] if speaker.holder else []), "pronoun"
            elif lower in SPEAKER_PRONOUNS:
                speaker = self.speaker_at(predicate.token)
                if speaker is not None:
                    return ([speaker.holder] if speaker.holder else []), "first person"
            elif issue is None or not issue_in_subject(issue, word):  # the issue as subject holds nothing
                clausal = [cue for cue, is_clausal in outer if is_clausal]
                if prescribes(predicate, self.codebook):
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


class Condition(NamedTuple):
    """The words of a condition on a predicate."""

    words: frozenset[int]  # token indices
    text: str
    opener: str  # its marker, lower case ("if", "without", "only when", "as long as"), or "then"


def condition_of(state: SentenceState, predicate: Token, negative: bool) -> Condition | None:
    """The clause or phrase stating a condition on a predicate, if one hangs from it or the words above it.

    "Only then" points back: the condition is the clause before it ("a deal must come first, and only then
    can a ceasefire be considered").
    """
    chain = [predicate]
    while chain[-1].dep_ in ("xcomp", "ccomp", "aux", "acomp", "attr") and len(chain) < 4:
        chain.append(chain[-1].head)
    doc = predicate.doc
    for marker in state.codebook.mentions(state.item.sentence.text, "conditions"):
        if marker.target == "negated" and not negative and marker.text.lower() != "without":
            continue
        node = state.item.token_at(max(marker.start, marker.end - 1))
        if node.lower_ == "then" and node.head in chain and chain[0].dep_ == "conj":
            earlier = chain[0].head
            words = [w for w in earlier.subtree if w not in chain[0].subtree and w.dep_ not in ("cc", "punct")]
            if words:
                text = doc[words[0].i : words[-1].i + 1].text
                return Condition(frozenset(w.i for w in words), text, "then")
        while node.head.i != node.i and node.head not in chain:
            node = node.head
        inside_marker = state.item.token_at(marker.start).i <= node.i  # "as long as": "long" heads the clause
        attached = (
            node.dep_ in ("advcl", "prep", "npadvmod", "pcomp")
            or (node.dep_ == "conj" and node.pos_ == "ADP")
            or (node.dep_ == "advmod" and inside_marker)
        )
        if node.head in chain and node not in chain and attached:  # "…, but only on its own terms": a conj ADP
            text = doc[node.left_edge.i : node.right_edge.i + 1].text
            return Condition(frozenset(w.i for w in node.subtree), text, marker.text.lower())
    return None


def possibility(word: Token) -> bool:
    """A predicate under "could", "might" or "may" (on it, or on the verb it complements)."""
    verbs = [word, word.head] if word.dep_ in ("xcomp", "acomp") else [word]
    return any(c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS for v in verbs for c in v.children)


def as_topic(word: Token) -> bool:
    """A cue noun named as a topic, not asserted ("regarding Ukraine's willingness to cede land")."""
    return word.dep_ == "pobj" and word.head.lower_ in TOPIC_PREPOSITIONS


def in_hypothetical(word: Token) -> bool:
    """True inside an if/whether clause, or a clause with the inverted "should", "were" or "had" of a
    condition ("…, should Putin prioritize an effort to reclaim that territory")."""
    return any(
        (a.dep_ in ("advcl", "ccomp") and any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in a.children))
        or (a.dep_ != "ROOT" and inverted_condition(a))
        for a in [word, *word.ancestors]
    )


def inverted_condition(verb: Token) -> bool:
    """A verb whose "should", "were" or "had" stands before its subject."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in INVERTED_CONDITIONS and c.i < subject.i for c in verb.children
    )


def with_lemmas(doc: Doc, lemmas: Collection[str]) -> list[Token]:
    """The words of a parse whose lemma is one of ``lemmas``, found on the parse's arrays: reading every word's
    attributes in Python is what costs on a long corpus."""
    from spacy.attrs import LEMMA  # spaCy loads only where a parse is read

    if not lemmas:
        return []
    hashes = lemma_hashes(frozenset(lemmas))
    return [doc[i] for i, lemma in enumerate(doc.to_array(LEMMA).tolist()) if lemma in hashes]


@lru_cache(maxsize=4096)
def lemma_hashes(lemmas: frozenset[str]) -> frozenset[int]:
    """The string-store hashes of lemmas, as the parse's arrays hold them."""
    from spacy.strings import hash_string

    return frozenset(hash_string(lemma) for lemma in lemmas)


def plural_subjects(doc: Doc) -> list[Token]:
    """The subjects of a parse's main verb that are plural or coordinated ("Progressive Democrats wrote …")."""
    return [
        word
        for word in doc
        if word.dep_ in ("nsubj", "nsubjpass")
        and word.head.dep_ == "ROOT"
        and (word.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in word.children))
    ]


def issue_anaphora(
    item: ParsedSentence, issues: Sequence[Mention], context: Context, codebook: Codebook
) -> list[Mention]:
    """Issues named again by a determiner and a noun: mentions of the issues they point back to.

    The head noun of an earlier mention points back to its issue anywhere in the article ("the grain
    deal" … "this deal"); a general noun of the codebook's anaphoric list points back to the issues of the
    last two sentences ("Biden will supply missiles" … "the deliveries", "the move").
    """
    named = {i for issue in issues for i in token_range(item, issue)}
    recent = context.issues if context.issues_age <= 2 else []
    wanted = set(context.issue_nouns) | (set(codebook.anaphoric_nouns) if recent else set())
    found = []
    for word in with_lemmas(item.doc, wanted):
        lemma = word.lemma_.lower()
        if word.pos_ != "NOUN" or word.i in named:
            continue
        earlier = [context.issue_nouns[lemma]] if lemma in context.issue_nouns else []
        determiners = {c.lower_ for c in word.children if c.dep_ in ("det", "amod", "predet")}
        # A general noun names its own content when it has one ("the idea of negotiations"); as a subject, "the
        # conditions must ensure …" is as often new as old, so there it points back only after "this" or "such".
        pointing = ANAPHORIC_DETERMINERS - {"the"} if word.dep_ in SUBJECTS else ANAPHORIC_DETERMINERS
        own_content = any(c.dep_ in ("prep", "acl", "relcl") for c in word.children)
        general = lemma in codebook.anaphoric_nouns and not own_content and bool(determiners & pointing)
        earlier = earlier or (recent if general else [])
        if not earlier or not determiners & ANAPHORIC_DETERMINERS:
            continue
        start = item.text_offset(word)
        found.extend(e._replace(start=start, end=start + len(word), text=word.text, via="anaphora") for e in earlier)
    return found


def remember_issue_nouns(item: ParsedSentence, issues: Sequence[Mention], context: Context) -> None:
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


class SentenceCues(NamedTuple):
    """A sentence's issues and the position cues that can govern them."""

    issues: list[Mention]
    heads: dict[Mention, Token]  # the word each issue's words depend on
    by_head: dict[int, Predicate]  # cues by the word each sits on
    by_word: dict[int, Predicate]  # cues by every word of each


def issues_and_cues(item: ParsedSentence, issues: Sequence[Mention], codebook: Codebook) -> SentenceCues:
    """Sort a sentence's issue words from its cue words where they overlap.

    An issue word that is also a cue and governs another issue is a position on it ("withdraw from the
    talks"), but not on another mention of its own issue ("withdraw from the territories Moscow claims");
    a cue word inside an issue's words is part of the issue ("supply … weapons"), but a cue whose gap
    holds an issue is not ("put Russia's nuclear forces on high alert").
    """
    cue_mentions = list(codebook.mentions(item.sentence.text, "cues"))
    heads = {i: span_head(item, i.start, i.end) for i in issues}

    def overlaps(a: Mention, b: Mention) -> bool:
        return a.start < b.end and b.start < a.end

    issues = [
        i
        for i in issues
        if not any(
            overlaps(c, i) and any(governs(heads[i], heads[j]) for j in issues if j is not i and j.target != i.target)
            for c in cue_mentions
        )
    ]
    issue_words = {t for i in issues for t in token_range(item, i)}
    cue_mentions = [
        c
        for c in cue_mentions
        if not any(overlaps(c, i) for i in issues)
        or getattr(span_head(item, c.start, c.end), "i", None) not in issue_words
    ]
    by_head = predicates(item, cue_mentions)
    by_words = {(p.start, p.end): p for p in by_head.values()}
    by_word = {
        i: by_words[(c.start, c.end)]
        for c in cue_mentions
        if (c.start, c.end) in by_words
        for i in token_range(item, c)
    }
    return SentenceCues(issues, {i: heads[i] for i in issues}, by_head, by_word)


def position_of(predicate: Predicate, item: ParsedSentence, codebook: Codebook) -> str:
    """A predicate's own position: its cue's, flipped by a negation of it; an issue's own verb supports it."""
    if predicate.kind == "own verb":
        return "oppose" if any(c.dep_ == "neg" for c in predicate.token.children) else "support"
    negative = negated(item, predicate.start, codebook.negations, predicate.end)
    return FLIP[predicate.position] if negative else predicate.position


@dataclass
class SentenceClaims:
    """The claims of one sentence, one per holder and issue: the one nearest its issue wins."""

    article: str
    state: SentenceState
    speaker_sides: dict[str, str]  # the side of each speaker, for holders the codebook does not list
    found: dict[tuple[str, str], tuple[int, Claim]] = field(default_factory=dict)
    said_at: dict[tuple[str, str], int] = field(default_factory=dict)  # the word each claim's predicate sits on

    def add(self, holder: str, issue: str, position: str, cue: Predicate, via: str, rank: int, condition="") -> None:
        """Keep a claim unless it is a rival's report of the holder's position ("Kyiv says Moscow wants …")."""
        codebook, sentence = self.state.codebook, self.state.item.sentence
        sides = codebook.actor_sides
        speaker = self.state.speaker_at(cue.token)
        reported = via != "speakers" and speaker is not None and speaker.holder in sides and holder in sides
        if reported and len({sides[speaker.holder], sides[holder]} - {codebook.other_side}) == 2:
            return
        unlisted_side = "" if holder in sides else self.speaker_sides.get(holder, "")
        claim = Claim(
            self.article,
            sentence.index,
            holder,
            issue,
            position,
            cue.text,
            via,
            sentence.text,
            sentence.start,
            sentence.end,
            condition,
            unlisted_side,
        )
        key = (holder, issue)
        if key not in self.found or rank < self.found[key][0]:
            self.found[key] = (rank, claim)
            self.said_at[key] = cue.token.i

    def claims(self) -> list[Claim]:
        """The claims kept, by issue and holder; past the first :data:`~briefing.language.segment.WHOLE_SENTENCE_ROWS`,
        each with the words around its predicate as evidence (:func:`~briefing.language.segment.evidence_text`)."""
        item = self.state.item
        ranked = sorted(self.found.items(), key=lambda found: (found[1][1].issue, found[1][1].actor))
        claims = []
        for rank, (key, (_, claim)) in enumerate(ranked):
            if rank >= WHOLE_SENTENCE_ROWS:
                at = item.text_offset(item.doc[self.said_at[key]])
                claim = claim._replace(evidence=evidence_text(item.sentence, rank, at, at))
            claims.append(claim)
        return claims

    def drop_inside(self, words: set[int]) -> None:
        """Drop claims whose predicate sits inside another's condition ("… only when Ukrainian forces
        withdraw"): the condition states what is demanded, and its claims were made on the outer holder."""
        for key in [k for k, (_, claim) in self.found.items() if claim.via != "condition" and self.said_at[k] in words]:
            del self.found[key]


def issue_claims(
    issue: Mention, found: SentenceClaims, cues: SentenceCues, context: Context, condition_words: set[int]
) -> None:
    """The claims on one issue of a sentence: the passes predicate, holder, polarity and conditions."""
    state, item, codebook = found.state, found.state.item, found.state.codebook
    head = cues.heads[issue]
    reading = read_issue(head, cues.by_head, set(token_range(item, issue)), codebook, cues.by_word)
    for modifier in reading.modifiers:  # "a truce proposed by Trump"
        position = position_of(modifier, item, codebook)
        who, via = state.holders(modifier)
        for holder in who:
            found.add(holder, issue.target, FLIP[position] if issue.inverse else position, modifier, via, 0)
    predicate = reading.predicate
    if predicate is None or in_hypothetical(predicate.token) or as_topic(predicate.token):
        return
    if predicate.kind == "cue" and nested_in_issue(head, predicate.token, list(cues.heads.values())):
        return  # "proposed talks to discuss a truce": the position is on the talks, the truce their topic
    if possibility(predicate.token):
        return  # "Russia could withdraw from the talks": a possibility, not a position
    if predicate.kind != "cue":
        word = predicate.token
        predicate = predicate._replace(start=item.text_offset(word), end=item.text_offset(word) + len(word))

    # Holder
    pointing = predicate.token.lower_ in DEMONSTRATIVES or any(
        c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in predicate.token.children
    )
    if predicate.kind == "demand" and pointing:  # "These include …", "Those terms include …"
        who, via = ([context.demand_holder] if context.demand_holder else []), "reported"
    else:
        who, via = state.holders(predicate, reading.outer, head)
    if predicate.kind == "own verb" and via == "speaker":
        return  # an issue's own verb with no one named doing it is an event, not a position
    report = noun_content_of(predicate.token)
    if report is not None and report.lemma_.lower() in codebook.report_nouns:
        # "the allegation that the Ukrainians were planning …": a report, held by whoever owns it, if named
        owner, _ = subject_of(report, cues.by_head)
        if owner is None:
            who = []
        else:
            who, via = (state.resolve(owner) if owner.pos_ == "PRON" else state.named(owner)), "report"

    # Polarity
    position = position_of(predicate, item, codebook)
    if reading.flipped != issue.inverse:
        position = FLIP[position]
    for cue, clausal in reading.outer:
        if clausal and position_of(cue, item, codebook) == "oppose":
            position = FLIP[position]  # "denied that Moscow wants …"
    if denied_content(predicate.token, codebook, cues.by_head):
        position = FLIP[position]  # "there was no sign that Russia was ready to negotiate"

    # Conditions
    condition = condition_of(state, predicate.token, position == "oppose")
    condition_text = ""
    if condition is not None and head.i not in condition.words:
        condition_words.update(condition.words)
        condition_text = condition.text
        plain_without = condition.opener == "without" and position != "oppose"
        # "no talks as long as Putin is president": what lasts is what the holder wants ended
        lasting = condition.opener in LASTING_MARKERS and position == "oppose"
        inner_position = "oppose" if plain_without or lasting else "support"
        for inner in (i for i in cues.issues if cues.heads[i].i in condition.words):
            # the condition's own predicate reads the inner issue: "unless sanctions are eased" wants them eased
            inner_reading = read_issue(
                cues.heads[inner], cues.by_head, set(token_range(item, inner)), codebook, cues.by_word
            )
            inner_predicate = inner_reading.predicate
            reversed_inside = inner_reading.flipped != inner.inverse
            if inner_predicate is not None and inner_predicate.token.i in condition.words:
                reversed_inside = reversed_inside != (position_of(inner_predicate, item, codebook) == "oppose")
            for holder in who:
                found.add(
                    holder,
                    inner.target,
                    FLIP[inner_position] if reversed_inside else inner_position,
                    predicate,
                    "condition",
                    0,
                    "" if plain_without else condition_text,
                )
        if plain_without:
            condition_text = ""  # "peace without concessions" opposes the concessions
        else:
            position = "conditional"
    rank = abs(head.i - predicate.token.i)
    for holder in who:
        found.add(holder, issue.target, position, predicate, via, rank, condition_text)

    # A cue above a cue noun: its own holder takes the composed position ("Kyiv rejected Moscow's demand").
    composed = position
    for cue, clausal in reading.outer:
        if clausal or composed == "conditional":
            break
        composed = composed if position_of(cue, item, codebook) == "support" else FLIP[composed]
        outer_who, outer_via = state.holders(cue)
        for holder in outer_who:
            if holder not in who:
                found.add(holder, issue.target, composed, cue, outer_via, rank + 1)


def remember(item: ParsedSentence, state: SentenceState, named_issues: Sequence[Mention], claimed: set[str]) -> None:
    """What a sentence tells the ones after it: whose demands it reports, the last group, person and
    institution it names, and the issues "this demand" or "the offer" can point back to."""
    context, codebook, doc = state.context, state.codebook, item.doc
    if doc is not None:
        for word in with_lemmas(doc, codebook.anaphoric_nouns):
            owner = next((c for c in word.children if c.dep_ == "poss"), None)
            if owner is not None:
                pronoun = owner.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS
                holders = state.resolve(owner) if pronoun else state.named(owner)
                context.demand_holder = holders[0] if holders else context.demand_holder
        # "Progressive Democrats wrote … They urge …": a plural or coordinated subject is what "they" names next
        for word in plural_subjects(doc):
            if word.lower_ not in PLURAL_PRONOUNS:
                context.last_group = state.named(word) or context.last_group
    for actor in item.actors:
        if codebook.actor_kinds.get(actor.target) == "person":
            context.last_person = actor.target
        else:
            context.last_institution = actor.target
    if named_issues:
        # what the sentence reports a position on, else all it names
        pointed = [i for i in named_issues if i.target in claimed] or list(named_issues)
        context.issues, context.issues_age = list({i.target: i for i in pointed}.values()), 0
    context.issues_age += 1


def sentence_claims(
    article: str,
    item: ParsedSentence,
    codebook: Codebook,
    context: Context,
    speakers: Sequence[Speaker],
    speaker_sides: dict[str, str],
) -> list[Claim]:
    """Claims of one parsed sentence; updates ``context`` for the sentences after it.

    ``speakers`` are the attributed statements around it; ``speaker_sides`` the side of every speaker of the
    article, for holders the codebook does not list."""
    sentence, doc = item.sentence, item.doc
    named_issues = list(codebook.mentions(sentence.text, "issues"))
    if doc is not None:
        named_issues += issue_anaphora(item, named_issues, context, codebook)
        remember_issue_nouns(item, named_issues, context)
    question = sentence.text.rstrip().rstrip("”’\"')").endswith("?")
    cues = issues_and_cues(item, named_issues, codebook) if doc is not None and not question else None
    state = SentenceState(item, codebook, speakers, context, cues.by_head if cues else {})
    found = SentenceClaims(article, state, speaker_sides)
    if cues is not None:
        condition_words: set[int] = set()  # words of the conditions found on predicates
        for issue in cues.issues:
            issue_claims(issue, found, cues, context, condition_words)
        found.drop_inside(condition_words)
        # "rejected it": a cue with no issue of its own takes the last sentence's issues
        if context.issues and context.issues_age <= 2:
            anaphora_claims(found, cues, named_issues)
    remember(item, found.state, named_issues, {claim.issue for _, claim in found.found.values()})
    return found.claims()


def anaphora_claims(found: SentenceClaims, cues: SentenceCues, issues: Sequence[Mention]) -> None:
    """Claims of cues whose object points back to the last sentence's issues ("rejected it").

    A holder and issue that the sentence already has a claim for keep it.
    """
    state = found.state
    item, codebook, context = state.item, state.codebook, state.context
    for predicate in cues.by_head.values():
        if in_hypothetical(predicate.token):
            continue
        pointer = next(
            (
                c
                for c in predicate.token.children
                if c.dep_ in ("dobj", "nsubjpass", "attr", "nsubj")
                and (
                    (c.lemma_.lower() in codebook.anaphoric_nouns and any(d.lower_ in ANAPHORS for d in c.children))
                    or (c.lower_ in ("it", "them") and c.dep_ == "dobj" and context.issues_age <= 1)
                )
            ),
            None,
        )
        if pointer is None or any(argument_of(span_head(item, i.start, i.end), predicate.token) for i in issues):
            continue  # a cue with an issue of its own points nowhere
        who, _ = state.holders(predicate)
        position = position_of(predicate, item, codebook)
        for holder in who:
            for issue in dict.fromkeys(i.target for i in context.issues):
                if (holder, issue) not in found.found:
                    found.add(holder, issue, position, predicate, "anaphora", ANAPHORA_RANK)


def speakers_of(attributions: Sequence[Attribution], codebook: Codebook) -> list[Speaker]:
    """The attributed statements of an article, with their speaker as a holder.

    An unnamed speaker holds for the institution its description names ("a senior US official",
    "White House officials"): such a source speaks for its government. One described only by a person
    ("a Putin aide") holds for no one, since an aide's words are not the person's own.
    """
    return [
        Speaker(
            a.start,
            a.end,
            a.actor or (speaking_for(a.speaker, codebook) if a.source_type in UNNAMED_SOURCES else a.speaker),
            a.side,
        )
        for a in attributions
    ]


def speaking_for(description: str, codebook: Codebook) -> str:
    """The institution an unnamed source's description names, else ``""``."""
    institutions = [
        m.target
        for m in find_mentions(description, codebook.patterns("actors"))
        if codebook.actor_kinds[m.target] != "person"
    ]
    return institutions[0] if institutions else ""


def extract_claims(
    article: str,
    layer: Sequence[ParsedSentence],
    codebook: Codebook,
    attributions: Sequence[Attribution] = (),
) -> list[Claim]:
    """All claims of one article, in sentence order, read off its linguistic layer (:mod:`briefing.language.parsing`).

    ``attributions`` are the article's attribution rows (:func:`briefing.taggers.sources.extract_attributions`):
    a predicate inside an attributed content with no holder of its own is the speaker's position. A pure
    function of the article's sentences, their parse, its attributions and the codebook.
    """
    speakers = speakers_of(attributions, codebook)
    sides = {s.holder: s.side for s in speakers}
    # each sentence is given the statements that overlap it, not all of the article's (quadratic in long articles)
    around = overlapping([(s.start, s.end) for s in speakers], [token_reach(item.sentence) for item in layer])
    context = Context()
    claims = []
    for item, near in zip(layer, around, strict=True):
        claims.extend(sentence_claims(article, item, codebook, context, [speakers[i] for i in near], sides))
    return claims


def token_reach(sentence: Sentence) -> tuple[int, int]:
    """The source offsets a sentence's tokens can have (:meth:`ParsedSentence.offset`): its span or, for a headline
    the file does not hold (offsets 0 and 0), as far as its text reaches."""
    return sentence.start, max(sentence.end, sentence.start + len(sentence.text))
