"""Pass 3, polarity: a predicate's own position and what flips it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.codebook import Mention
from briefing.language.grammar import grammar
from briefing.language.parsing import ParsedSentence, negated
from briefing.schema import CONDITIONAL, OPPOSE, SUPPORT
from briefing.taggers.stances.stance_predicates import Predicate, Reading, SentenceCues, noun_content_of

if TYPE_CHECKING:
    from spacy.tokens import Token

FLIP = {SUPPORT: OPPOSE, OPPOSE: SUPPORT, CONDITIONAL: CONDITIONAL}


def denied_content(word: Token, cues: dict[int, Predicate]) -> bool:
    """True when a predicate stands in the content clause of a negated noun that is no cue ("no indication
    that …", "no evidence that …"): the clause is said not to hold. (A cue noun is an outer cue of its own.)"""
    noun = noun_content_of(word)
    if noun is None:
        return False
    negative = any(c.dep_ in ("det", "neg") and c.lower_ in grammar().negations for c in noun.children)
    return negative and noun.i not in cues


def position_of(predicate: Predicate, item: ParsedSentence) -> str:
    """A predicate's own position: its cue's, flipped by a negation of it; an issue's own verb supports it."""
    if predicate.kind == "own verb":
        return OPPOSE if any(c.dep_ == "neg" for c in predicate.token.children) else SUPPORT
    negative = negated(item, predicate.start, grammar().negations, predicate.end)
    return FLIP[predicate.position] if negative else predicate.position


def claim_position(
    predicate: Predicate, reading: Reading, issue: Mention, item: ParsedSentence, cues: SentenceCues
) -> str:
    """The position of an issue's claim: its predicate's, flipped by the words between them, an inverse issue
    cue, a denial the clause is the content of, and a negated noun it is the content of."""
    position = position_of(predicate, item)
    if reading.flipped != issue.inverse:
        position = FLIP[position]
    for cue, clausal in reading.outer:
        if clausal and position_of(cue, item) == OPPOSE:
            position = FLIP[position]  # "denied that Moscow wants …"
    if denied_content(predicate.token, cues.by_head):
        position = FLIP[position]  # "there was no sign that Russia was ready to negotiate"
    return position
