"""Pass 4, conditions: the clause or phrase that makes a claim ``conditional``."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from briefing.codebook import Codebook
from briefing.language.syntax import token_range
from briefing.schema import CONDITIONAL, OPPOSE, SUPPORT
from briefing.taggers.stances.stance_holders import SentenceState
from briefing.taggers.stances.stance_polarity import FLIP, position_of
from briefing.taggers.stances.stance_predicates import Predicate, SentenceCues, read_issue

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefing.taggers.stances.stance_claims import SentenceClaims


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


def condition_claims(
    found: SentenceClaims,
    cues: SentenceCues,
    predicate: Predicate,
    head: Token,
    position: str,
    who: list[str],
    condition_words: set[int],
) -> tuple[str, str]:
    """A claim's position and condition text once its condition is read; the issues inside the condition are
    claims of the same holders (``condition_words`` gathers the condition's words)."""
    condition = condition_of(found.state, predicate.token, position == OPPOSE)
    if condition is None or head.i in condition.words:
        return position, ""
    condition_words.update(condition.words)
    plain_without = condition.opener == "without" and position != OPPOSE
    # "no talks as long as Putin is president": what lasts is what the holder wants ended
    lasting = condition.opener in lasting_markers(found.state.codebook) and position == OPPOSE
    inner_position = OPPOSE if plain_without or lasting else SUPPORT
    text = "" if plain_without else condition.text
    inner_claims(found, cues, condition, predicate, who, inner_position, text)
    if plain_without:
        return position, ""  # "peace without concessions" opposes the concessions
    return CONDITIONAL, condition.text


def inner_claims(
    found: SentenceClaims,
    cues: SentenceCues,
    condition: Condition,
    predicate: Predicate,
    who: list[str],
    inner_position: str,
    text: str,
) -> None:
    """The issues named inside a condition, each read through the condition's own predicate ("unless sanctions
    are eased" wants them eased), as claims of the outer holders."""
    item = found.state.item
    for inner in (i for i in cues.issues if cues.heads[i].i in condition.words):
        inner_reading = read_issue(cues.heads[inner], cues.by_head, set(token_range(item, inner)), cues.by_word)
        inner_predicate = inner_reading.predicate
        reversed_inside = inner_reading.flipped != inner.inverse
        if inner_predicate is not None and inner_predicate.token.i in condition.words:
            reversed_inside = reversed_inside != (position_of(inner_predicate, item) == OPPOSE)
        for holder in who:
            found.add(
                holder,
                inner.target,
                FLIP[inner_position] if reversed_inside else inner_position,
                predicate,
                "condition",
                0,
                text,
            )


@lru_cache(maxsize=8)
def lasting_markers(codebook: Codebook) -> frozenset[str]:
    """The codebook's markers of a condition that names a state, not a demand ("as long as"), lower case."""
    return frozenset(marker.lower() for marker in codebook.lasting_conditionals)
