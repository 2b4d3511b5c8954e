"""Pass 5, candidates: every holder a sentence can give and every issue it names, paired, each pair described by
features of the parse for the trained decision (:mod:`.stance_model`).

A holder is a codebook actor named in the sentence, a person it names (under the fullest name the article gives),
the one a pronoun subject stands for, the speaker of an attributed statement the sentence holds, and any holder
the rules of passes 1–4 found. An issue is one the codebook's cues name, in either direction, or one named again
("the deal"). The features say how the two sit on the parse (the dependency path between them, the position cues,
negations, reversing words and condition markers on it), what the rules decided for the pair and where the pair
stands towards the attributed statement. No feature names a topic's words: the same features serve any codebook.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from briefing.language.grammar import SUBJECTS, grammar
from briefing.language.syntax import span_head, token_range
from briefing.taggers.stances.stance_holders import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SPEAKER_PRONOUNS,
    name_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefing.codebook import Mention
    from briefing.taggers.stances.stance_claims import SentenceClaims
    from briefing.taggers.stances.stance_predicates import SentenceCues
    from briefing.taggers.stances.stance_rows import Claim

NEGATIONS = frozenset(grammar().negations) | {"not", "n't", "never", "no"}
REVERSING = frozenset(grammar().reversing)
PATH_STEPS = 4  # dependency labels kept from each end of a path: longer paths are rare and alike


class Candidate(NamedTuple):
    """A holder and an issue of one sentence, with what the parse and the rules say of the pair."""

    holder: str
    issue: str
    features: tuple[str, ...]
    rule: Claim | None  # the rules' claim for the pair, if they made one
    at: int  # where the sentence first names the issue (an offset into its text)


class HolderWord(NamedTuple):
    """One way a sentence gives a holder: the word that names it (None for a statement's speaker) and how."""

    holder: str
    token: Token | None
    kind: str


def sentence_candidates(found: SentenceClaims, cues: SentenceCues | None, issues: Sequence[Mention]) -> list[Candidate]:
    """Every (holder, issue) pair of a sentence, with features; ``found`` holds the rules' claims."""
    state = found.state
    item = state.item
    holders = holder_words(found)
    rules = {key: claim for key, (_, claim) in found.found.items()}
    by_issue: dict[str, list[Mention]] = {}
    for mention in issues:
        by_issue.setdefault(mention.target, []).append(mention)
    sentence = sentence_features(found)
    candidates = []
    for issue, mentions in by_issue.items():
        heads = [cues.heads.get(m) if cues is not None else None for m in mentions]
        heads = [h if h is not None else span_head(item, m.start, m.end) for h, m in zip(heads, mentions, strict=True)]
        for holder in dict.fromkeys(h.holder for h in holders):
            words = [h for h in holders if h.holder == holder]
            rule = rules.get((holder, issue))
            features = pair_features(found, words, mentions, heads, rule, cues, sentence)
            candidates.append(Candidate(holder, issue, tuple(features), rule, mentions[0].start))
    return candidates


def sentence_features(found: SentenceClaims) -> list[str]:
    """What every pair of a sentence shares: a question, the headline, a condition marker."""
    item = found.state.item
    text = item.sentence.text.rstrip().rstrip("”’\"')")
    features = ["question"] if text.endswith("?") else []
    features += ["headline"] if item.sentence.index < 0 else []
    return features + (["condition_marker"] if found.state.codebook.mentions(item.sentence.text, "conditions") else [])


def holder_words(found: SentenceClaims) -> list[HolderWord]:
    """The holders a sentence can give, each with the word that names it."""
    state = found.state
    item, codebook = state.item, state.codebook
    words = [HolderWord(m.target, span_head(item, m.start, m.end), "actor") for m in item.actors]
    if item.doc is not None:
        taken = {i for m in item.actors for i in token_range(item, m)}
        for token in item.doc:
            lower = token.lower_ if token.pos_ == "PRON" else ""
            if token.i in taken:
                continue
            if lower and token.dep_ in SUBJECTS:
                for holder in pronoun_holders(state, token, lower):
                    words.append(HolderWord(holder, token, "pronoun"))
            elif token.pos_ == "PROPN" and token.dep_ not in ("compound", "flat") and name_of(token):
                words.append(HolderWord(state.holder_name(token), token, "name"))
        for token in item.doc:  # a group named by a noun ("Ukrainian parliament", "members of Congress")
            if token.pos_ == "NOUN" and token.dep_ in (*SUBJECTS, "poss", "pobj") and token.i not in taken:
                words += [HolderWord(holder, token, "group") for holder in state.named(token)]
    for holder in state.context.recent_holders:
        words.append(HolderWord(holder, None, "context"))
    for statement in state.speakers:
        if statement.holder:
            words.append(HolderWord(statement.holder, None, "speaker"))
    for holder, _ in found.found:
        words.append(HolderWord(holder, None, "rule"))
    return [w for w in words if w.holder and (w.holder in codebook.actor_kinds or w.kind != "actor")]


def pronoun_holders(state, token: Token, lower: str) -> list[str]:
    """Whom a pronoun subject stands for: a person or institution named before, or the statement's speaker."""
    if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        return state.resolve(token)
    if lower in PLURAL_PRONOUNS:
        speaker = state.speaker_at(token)
        return [speaker.holder] if speaker is not None and speaker.holder else list(state.context.last_plural)
    if lower in SPEAKER_PRONOUNS:
        speaker = state.speaker_at(token)
        return [speaker.holder] if speaker is not None and speaker.holder else []
    return []


def pair_features(
    found: SentenceClaims,
    words: Sequence[HolderWord],
    mentions: Sequence[Mention],
    heads: Sequence[Token | None],
    rule: Claim | None,
    cues: SentenceCues | None,
    sentence: Sequence[str],
) -> list[str]:
    """The features of one holder and issue (see the module's description); ``sentence`` holds those of the whole
    sentence (:func:`sentence_features`)."""
    state = found.state
    codebook = state.codebook
    holder = words[0].holder
    features = ["bias", f"hkind={codebook.actor_kinds.get(holder, 'named')}"]
    features += sorted({f"kind={w.kind}" for w in words})
    features += [f"rule={rule.position}", f"rule_via={rule.via}"] if rule is not None else ["rule=none"]
    features += sorted({f"issue_via={m.via}" for m in mentions})
    features += ["inverse"] if any(m.inverse for m in mentions) else []
    features += sentence
    head = next((h for h in heads if h is not None), None)
    statement = state.speaker_at(head) if head is not None else None
    if statement is not None:
        features.append("said_by_holder" if statement.holder == holder else "said_by_other")
        sides = codebook.actor_sides
        if statement.holder in sides and holder in sides and statement.holder != holder:
            features.append("same_side" if sides[statement.holder] == sides[holder] else "other_side")
    tokens = [w.token for w in words if w.token is not None]
    features += rules_reading(found, holder, mentions[0].target, tokens)
    if head is None or not tokens:
        return [*features, "no_path"]
    nearest = min(tokens, key=lambda t: abs(t.i - head.i))
    return features + path_features(nearest, head, cues)


def rules_reading(found: SentenceClaims, holder: str, issue: str, tokens: Sequence[Token]) -> list[str]:
    """What the rules read for the issue (its predicate and the position it gives, whose position they found),
    and how the holder's words stand to that predicate."""
    reading = found.readings.get(issue)
    if reading is None or reading.predicate is None:
        return ["predicate=none"]
    relation = "holder=found" if holder in reading.holders else "holder=other" if reading.holders else "holder=nobody"
    features = [f"predicate={reading.position}:{reading.predicate.kind}", relation, f"{relation}&{reading.position}"]
    features.append(f"{relation}&via={reading.via}")
    if tokens:
        word = min(tokens, key=lambda t: abs(t.i - reading.predicate.token.i))
        up, down, _ = dependency_path(word, reading.predicate.token)
        route = ">".join(t.dep_ for t in up[:PATH_STEPS]) + "|" + ">".join(t.dep_ for t in down[:2])
        features += [f"to_predicate={route}", f"to_predicate={route}&{reading.position}"]
    return features


def path_features(holder: Token, issue: Token, cues: SentenceCues | None) -> list[str]:
    """How a holder word and an issue word sit on the parse: the path between them and what lies on it."""
    up, down, top = dependency_path(holder, issue)
    features = [
        "up=" + ">".join(t.dep_ for t in up[:PATH_STEPS]),
        "down=" + ">".join(t.dep_ for t in down[:PATH_STEPS]),
        "path=" + ">".join(t.dep_ for t in up[:2]) + "|" + ">".join(t.dep_ for t in down[:2]),
        f"top={top.pos_}",
        f"hdep={holder.dep_}",
        f"distance={min(abs(holder.i - issue.i) // 3, 6)}",
        "holder_first" if holder.i < issue.i else "issue_first",
    ]
    if not up:
        features.append("holder_governs")
    on_path = [*down[1:], top] if down else [top]
    negations = sum(1 for t in on_path for c in t.children if c.dep_ == "neg" or c.lower_ in NEGATIONS)
    features.append(f"negations={min(negations, 2)}")
    for word in on_path:
        if word.pos_ in ("VERB", "NOUN", "ADJ", "AUX"):
            features.append(f"lemma={word.lemma_.lower()}")
        if word.lemma_.lower() in REVERSING:
            features.append("reversing")
        predicate = cues.by_head.get(word.i) if cues is not None else None
        if predicate is not None:
            features.append(f"cue={predicate.position}:{predicate.kind}")
    features.append(f"issue_head={issue.head.lemma_.lower()}:{issue.dep_}")
    return features


def dependency_path(holder: Token, issue: Token) -> tuple[list[Token], list[Token], Token]:
    """The words from ``holder`` up to the lowest word above both (not included), the same from ``issue``, and
    that word."""
    above_issue = {t.i: n for n, t in enumerate(ancestors_and_self(issue))}
    up = []
    for word in ancestors_and_self(holder):
        if word.i in above_issue:
            down = list(ancestors_and_self(issue))[: above_issue[word.i]]
            return up, down, word
        up.append(word)
    return up, list(ancestors_and_self(issue)), holder.sent.root


def ancestors_and_self(token: Token) -> Iterator[Token]:
    yield token
    yield from token.ancestors
