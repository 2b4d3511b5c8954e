"""Pass 1, predicates: the position cue that governs an issue on the parse, or the issue's own verb, and where the
walk up from the issue stops.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from briefing.codebook import Codebook, Mention
from briefing.language.grammar import grammar
from briefing.language.parsing import ParsedSentence
from briefing.language.syntax import span_head, token_range
from briefing.schema import SUPPORT
from briefing.taggers.stances.stance_issues import ACTIVE_SUBJECTS, governs

if TYPE_CHECKING:
    from spacy.tokens import Token

# Where the walk from an issue up to its predicate stops: a clause of its own that is no complement.
CLAUSE_BOUNDARIES = ("advcl", "relcl", "acl", "parataxis")
CIRCUMSTANCES = grammar().word_set("circumstances")
ADJUNCTS_AT_CUE = grammar().word_set("adjuncts_at_cue")
# Cue words that lean on the word they qualify ("must withdraw", "not ready"): the predicate is their head.
LEANING = ("aux", "auxpass", "advmod", "neg", "mark", "prt")
# A cue adjective on a predicate noun ("is an unacceptable outcome"): the predicate is that noun.
PREDICATE_NOUNS = ("attr", "oprd")
HYPOTHETICAL_MARKS = grammar().word_set("hypothetical_marks")
INVERTED_CONDITIONS = grammar().word_set("inverted_conditions")
# Clauses whose verb asserts what its subject does; an adverbial or relative clause states a circumstance.
OWN_VERB_CLAUSES = ("ROOT", "ccomp", "conj", "xcomp")
TOPIC_PREPOSITIONS = grammar().word_set("topic_prepositions")
FACTUAL_MARKS = grammar().word_set("factual_marks")
POSSIBILITY_MODALS = grammar().word_set("possibility_modals")
DEMONSTRATIVES = grammar().word_set("demonstratives")
INCLUDING_VERBS = grammar().word_set("including_verbs")


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


def prescribes(predicate: Predicate) -> bool:
    """True when a cue prescribes what its subject should do: "must", or a verb under it ("must lift")."""
    if predicate.kind != "cue":
        return False
    return predicate.text.lower() in grammar().prescribing or any(
        c.dep_ == "aux" and c.lower_ in grammar().prescribing for c in predicate.token.children
    )


def leans(predicate: Predicate, item: ParsedSentence) -> bool:
    """True when a cue sits on a word outside its own ("must" on "withdraw", "not ready" on "ready")."""
    at = item.text_offset(predicate.token)
    return not (predicate.start <= at < predicate.end)


def flips_at(node: Token, child: Token, coordinated: bool = False) -> bool:
    """A negation or reversing word on a word between cue and issue ("never to join", "preventing … from").

    Above a coordination the parser often hangs later items from the first ("preventing Ukraine from
    joining NATO, securing recognition …"): a reversing word there reverses only the first item.
    """
    if child.dep_ in ("conj", "cc"):
        return False  # a coordinated word is not the argument of the word before it
    negation = any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in grammar().negations) for c in node.children if c != child
    )
    return negation != (node.lemma_.lower() in grammar().reversing and not coordinated)


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
    head: Token, cues: dict[int, Predicate], issue_tokens: set[int], cue_words: dict[int, Predicate]
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
        primary = predicate_on(head, SUPPORT, head.text, "own verb")
    # "no ceasefire", "never to join NATO": a negation on the issue's own word
    flipped = primary is None and any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in grammar().negations) for c in head.children
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
            primary = clause_cue(node, child, cues)  # its negation is the cue's ("has not gained")
            if primary is None and flips_at(node, child, coordinated):
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


def describes(clause: Token) -> bool:
    """A relative clause whose subject is the noun it hangs from states what that noun is ("a neutral country
    that will never join NATO"), not someone's position on it."""
    return clause.dep_ == "relcl" and any(
        c.dep_ in ACTIVE_SUBJECTS and c.tag_ in ("WDT", "WP") for c in clause.children
    )


def content_clause(node: Token) -> bool:
    """A clause that is the content of what it hangs from: "any suggestion that Ukraine might lose land",
    "proposals to cap prices", "willingness to resume talks"."""
    if node.dep_ not in ("acl", "advcl", "relcl"):
        return False
    that = node.dep_ != "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children)
    # "no reason to engage in talks" is parsed as a relative clause too: an infinitive without a subject
    infinitive = node.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    infinitive = infinitive and not (node.dep_ == "relcl" and any(c.dep_ in ACTIVE_SUBJECTS for c in node.children))
    return that or infinitive


def asserted_clause(verb: Token) -> bool:
    """An adverbial clause that states a fact ("…, while the administration has shipped weapons")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in FACTUAL_MARKS for c in verb.children)


def clause_cue(verb: Token, child: Token, cues: dict[int, Predicate]) -> Predicate | None:
    """A cue of the clause an issue is subject or object of: "X is unacceptable", "his demands include X".

    A subject that names demands ("Putin's conditions for peace include …", "These include …" after a
    sentence on demands) is a cue of support too: the demand's holder wants what it includes.
    """
    if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
        # "X is unacceptable"; "X has not gained Moscow's support"
        wanted = (
            ("acomp", "attr", "oprd", "dobj")
            if verb.lemma_.lower() in grammar().receiving
            else ("acomp", "attr", "oprd")
        )
    elif child.dep_ in ("dobj", "attr", "xcomp", "ccomp"):
        wanted = ("nsubj",)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        demand = (
            subject is not None
            and subject.i not in cues
            and (subject.lemma_.lower() in grammar().anaphoric_nouns or subject.lower_ in DEMONSTRATIVES)
        )
        if demand and verb.lemma_.lower() in INCLUDING_VERBS:
            return predicate_on(subject, SUPPORT, f"{subject.text} {verb.text}", "demand")
    else:
        return None
    return next((cues[c.i] for c in verb.children if c.i in cues and c.dep_ in wanted and c != child), None)


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


def claimed_predicate(
    predicate: Predicate | None, head: Token, cues: SentenceCues, item: ParsedSentence
) -> Predicate | None:
    """The predicate an issue's claim is read through, with its offsets in the sentence, or None where it states
    no position: a hypothesis, a topic, a possibility, or a cue on another issue the issue is the topic of."""
    if predicate is None or in_hypothetical(predicate.token) or as_topic(predicate.token):
        return None
    if predicate.kind == "cue" and nested_in_issue(head, predicate.token, list(cues.heads.values())):
        return None  # "proposed talks to discuss a truce": the position is on the talks, the truce their topic
    if possibility(predicate.token):
        return None  # "Russia could withdraw from the talks": a possibility, not a position
    if predicate.kind != "cue":
        word = predicate.token
        predicate = predicate._replace(start=item.text_offset(word), end=item.text_offset(word) + len(word))
    return predicate
