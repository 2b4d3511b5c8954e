"""The passes over one sentence and one article in order: the claims kept, one per holder and issue."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from briefing.codebook import Codebook, Mention
from briefing.language.discourse import Discourse, Speaker, article_discourse
from briefing.language.grammar import grammar
from briefing.language.parsing import ParsedSentence
from briefing.language.segment import WHOLE_SENTENCE_ROWS, Sentence, evidence_text
from briefing.language.spans import overlapping
from briefing.language.syntax import span_head, token_range, with_lemmas
from briefing.schema import CONDITIONAL, SUPPORT
from briefing.taggers.stances.stance_candidates import Candidate, sentence_candidates
from briefing.taggers.stances.stance_conditions import condition_claims
from briefing.taggers.stances.stance_holders import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SentenceState,
    Statement,
    claim_holders,
    plural_subjects,
    speakers_of,
)
from briefing.taggers.stances.stance_issues import (
    ANAPHORS,
    StanceMemory,
    issue_anaphora,
    issue_word_mentions,
    remember_issue_nouns,
)
from briefing.taggers.stances.stance_model import NO_CLAIM, StanceModel, stance_model
from briefing.taggers.stances.stance_polarity import FLIP, claim_position, position_of
from briefing.taggers.stances.stance_predicates import (
    Predicate,
    Reading,
    SentenceCues,
    argument_of,
    claimed_predicate,
    in_hypothetical,
    issues_and_cues,
    read_issue,
)
from briefing.taggers.stances.stance_rows import Claim

if TYPE_CHECKING:
    from briefing.taggers.sources.source_rows import Attribution

ANAPHORA_RANK = 50  # a claim pointed back to ranks behind every claim the sentence names its issue for


class IssueReading(NamedTuple):
    """What the rules read for one issue of a sentence, whether or not it made a claim: its predicate, the
    position it gives, the holders found for it and how."""

    predicate: Predicate | None
    position: str
    holders: tuple[str, ...]
    via: str


@dataclass
class SentenceClaims:
    """The claims of one sentence, one per holder and issue: the one nearest its issue wins."""

    article: str
    state: SentenceState
    speaker_sides: dict[str, str]  # the side of each speaker, for holders the codebook does not list
    found: dict[tuple[str, str], tuple[int, Claim]] = field(default_factory=dict)
    said_at: dict[tuple[str, str], int] = field(default_factory=dict)  # the word each claim's predicate sits on
    readings: dict[str, IssueReading] = field(default_factory=dict)  # what the rules read for each issue

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
            article=self.article,
            sentence=sentence.index,
            actor=holder,
            issue=issue,
            position=position,
            cue=cue.text,
            via=via,
            evidence=sentence.text,
            start=sentence.start,
            end=sentence.end,
            condition=condition,
            holder_side=unlisted_side,
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


def issue_claims(issue: Mention, found: SentenceClaims, cues: SentenceCues, condition_words: set[int]) -> None:
    """The claims on one issue of a sentence: the passes predicate, holder, polarity and conditions in turn."""
    state, item = found.state, found.state.item
    head = cues.heads[issue]
    reading = read_issue(head, cues.by_head, set(token_range(item, issue)), cues.by_word)
    modifier_claims(issue, found, reading)
    predicate = claimed_predicate(reading.predicate, head, cues, item)
    if predicate is None:
        found.readings.setdefault(issue.target, IssueReading(None, "", (), ""))
        return
    holding = claim_holders(state, predicate, reading, head, cues)
    position = claim_position(predicate, reading, issue, item, cues)
    who, via = holding if holding is not None else ([], "own verb")
    found.readings.setdefault(issue.target, IssueReading(predicate, position, tuple(who), via))
    if holding is None:
        return
    position, condition_text = condition_claims(found, cues, predicate, head, position, who, condition_words)
    rank = abs(head.i - predicate.token.i)
    for holder in who:
        found.add(holder, issue.target, position, predicate, via, rank, condition_text)
    composed_claims(found, issue, reading, position, who, rank)


def modifier_claims(issue: Mention, found: SentenceClaims, reading: Reading) -> None:
    """Claims of the cues that modify an issue ("a truce proposed by Trump"): each its own holder's."""
    state = found.state
    for modifier in reading.modifiers:
        position = position_of(modifier, state.item)
        who, via = state.holders(modifier)
        for holder in who:
            found.add(holder, issue.target, FLIP[position] if issue.inverse else position, modifier, via, 0)


def composed_claims(
    found: SentenceClaims, issue: Mention, reading: Reading, position: str, who: list[str], rank: int
) -> None:
    """A cue above a cue noun: its own holder takes the composed position ("Kyiv rejected Moscow's demand")."""
    state = found.state
    composed = position
    for cue, clausal in reading.outer:
        if clausal or composed == CONDITIONAL:
            break
        composed = composed if position_of(cue, state.item) == SUPPORT else FLIP[composed]
        outer_who, outer_via = state.holders(cue)
        for holder in outer_who:
            if holder not in who:
                found.add(holder, issue.target, composed, cue, outer_via, rank + 1)


def remember_sentence(
    item: ParsedSentence, state: SentenceState, named_issues: Sequence[Mention], claimed: set[str]
) -> None:
    """What a sentence tells the ones after it: whose demands it reports, the last group, person and
    institution it names, and the issues "this demand" or "the offer" can point back to."""
    context, codebook, doc = state.context, state.codebook, item.doc
    if doc is not None:
        for word in with_lemmas(doc, grammar().anaphoric_nouns):
            owner = next((c for c in word.children if c.dep_ == "poss"), None)
            if owner is not None:
                pronoun = owner.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS
                holders = state.resolve(owner) if pronoun else state.named(owner)
                context.demand_holder = holders[0] if holders else context.demand_holder
        # "Progressive Democrats wrote … They urge …": a plural or coordinated subject is what "they" names next
        for word in plural_subjects(doc):
            if word.lower_ not in PLURAL_PRONOUNS:
                context.last_plural = state.named(word) or context.last_plural
    for actor in item.actors:
        context.remember(Speaker(actor.target, actor.target, person=codebook.actor_kinds.get(actor.target) == "person"))
    # the actors a sentence names are whom the next one may state a position of without naming them
    context.recent_holders = list(dict.fromkeys(actor.target for actor in item.actors)) or context.recent_holders
    if named_issues:
        # what the sentence reports a position on, else all it names
        pointed = [i for i in named_issues if i.target in claimed] or list(named_issues)
        context.issues, context.issues_age = list({i.target: i for i in pointed}.values()), 0
    context.issues_age += 1


class SentenceReading(NamedTuple):
    """What the passes read in one sentence: the rules' claims (passes 1–4) and every candidate pair (pass 5)."""

    found: SentenceClaims
    candidates: list[Candidate]


def read_sentence(
    article: str,
    item: ParsedSentence,
    codebook: Codebook,
    context: StanceMemory,
    speakers: Sequence[Statement],
    speaker_sides: dict[str, str],
) -> SentenceReading:
    """The rules' claims and the candidates of one parsed sentence; updates ``context`` for the sentences after it.

    ``speakers`` are the attributed statements around it; ``speaker_sides`` the side of every speaker of the
    article, for holders the codebook does not list."""
    sentence, doc = item.sentence, item.doc
    named_issues = list(codebook.mentions(sentence.text, "issues"))
    if doc is not None:
        named_issues += issue_anaphora(item, named_issues, context)
        remember_issue_nouns(item, named_issues, context)
    question = sentence.text.rstrip().rstrip("”’\"')").endswith("?")
    cues = issues_and_cues(item, named_issues, codebook) if doc is not None and not question else None
    state = SentenceState(item, codebook, speakers, context, cues.by_head if cues else {})
    found = SentenceClaims(article, state, speaker_sides)
    if cues is not None:
        condition_words: set[int] = set()  # words of the conditions found on predicates
        for issue in cues.issues:
            issue_claims(issue, found, cues, condition_words)
        found.drop_inside(condition_words)
        # "rejected it": a cue with no issue of its own takes the last sentence's issues
        if context.issues and context.issues_age <= 2:
            anaphora_claims(found, cues, named_issues)
    word_issues = issue_word_mentions(item, named_issues, codebook)
    candidates = sentence_candidates(found, cues, [*named_issues, *word_issues]) if not question else []
    remember_sentence(item, found.state, named_issues, {claim.issue for _, claim in found.found.values()})
    return SentenceReading(found, candidates)


def anaphora_claims(found: SentenceClaims, cues: SentenceCues, issues: Sequence[Mention]) -> None:
    """Claims of cues whose object points back to the last sentence's issues ("rejected it").

    A holder and issue that the sentence already has a claim for keep it.
    """
    state = found.state
    item, context = state.item, state.context
    for predicate in cues.by_head.values():
        if in_hypothetical(predicate.token):
            continue
        pointer = next(
            (
                c
                for c in predicate.token.children
                if c.dep_ in ("dobj", "nsubjpass", "attr", "nsubj")
                and (
                    (c.lemma_.lower() in grammar().anaphoric_nouns and any(d.lower_ in ANAPHORS for d in c.children))
                    or (c.lower_ in ("it", "them") and c.dep_ == "dobj" and context.issues_age <= 1)
                )
            ),
            None,
        )
        if pointer is None or any(argument_of(span_head(item, i.start, i.end), predicate.token) for i in issues):
            continue  # a cue with an issue of its own points nowhere
        who, _ = state.holders(predicate)
        position = position_of(predicate, item)
        for holder in who:
            for issue in dict.fromkeys(i.target for i in context.issues):
                if (holder, issue) not in found.found:
                    found.add(holder, issue, position, predicate, "anaphora", ANAPHORA_RANK)


def article_readings(
    article: str,
    layer: Sequence[ParsedSentence],
    codebook: Codebook,
    attributions: Sequence[Attribution] = (),
    discourse: Discourse | None = None,
) -> list[SentenceReading]:
    """Every sentence's :class:`SentenceReading`, in order (see :func:`extract_claims`)."""
    speakers = speakers_of(attributions, codebook)
    sides = {s.holder: s.side for s in speakers}
    # each sentence is given the statements that overlap it, not all of the article's (quadratic in long articles)
    around = overlapping([(s.start, s.end) for s in speakers], [token_reach(item.sentence) for item in layer])
    body = [item for item in layer if item.sentence.index >= 0]  # not the headline
    context = StanceMemory(discourse if discourse is not None else article_discourse(body))
    return [
        read_sentence(article, item, codebook, context, [speakers[i] for i in near], sides)
        for item, near in zip(layer, around, strict=True)
    ]


def extract_claims(
    article: str,
    layer: Sequence[ParsedSentence],
    codebook: Codebook,
    attributions: Sequence[Attribution] = (),
    discourse: Discourse | None = None,
) -> list[Claim]:
    """All claims of one article, in sentence order, read off its linguistic layer (:mod:`briefing.language.parsing`).

    ``attributions`` are the article's attribution rows
    (:func:`~briefing.taggers.sources.source_article.extract_attributions`):
    a predicate inside an attributed content with no holder of its own is the speaker's position. ``discourse``
    is the article's :class:`~briefing.language.discourse.Discourse` as the source tagger left it: the persons
    named under their fullest names, and whom "he" or "she" means at each sentence. A pure function of the
    article's sentences, their parse, its attributions and discourse, and the codebook (and the shipped model).
    """
    readings = article_readings(article, layer, codebook, attributions, discourse)
    return decide(readings, stance_model())


class ScoredCandidate(NamedTuple):
    """A candidate with the model's probability that it is a claim and the position it finds likeliest."""

    reading: SentenceReading
    candidate: Candidate
    claimed: float  # 1 − P(none)
    position: str


def scored_candidates(readings: Sequence[SentenceReading], model: StanceModel) -> list[ScoredCandidate]:
    """Every candidate of the sentences, scored by the model (in the order of the sentences)."""
    pairs = [(reading, candidate) for reading in readings for candidate in reading.candidates]
    if not pairs:
        return []
    probabilities = model.probabilities([candidate.features for _, candidate in pairs])
    none = model.classes.index(NO_CLAIM)
    positions = [i for i, name in enumerate(model.classes) if name != NO_CLAIM]
    return [
        ScoredCandidate(reading, candidate, 1.0 - float(row[none]), model.classes[max(positions, key=lambda i: row[i])])
        for (reading, candidate), row in zip(pairs, probabilities, strict=True)
    ]


def decide(readings: Sequence[SentenceReading], model: StanceModel) -> list[Claim]:
    """The claims of the sentences: every claim the rules make, in the position they read, and each candidate the
    rules leave whose probability of a claim reaches the model's threshold, in the position it finds likeliest
    where that agrees with the rules' reading of the sentence (:func:`agrees`). Every row carries the model's
    probability.

    Measured on held-back annotated articles and on both development golds, this beats the model deciding every
    candidate: the model gives the rules' claims a position less often right than the rules do (docs/stance-model.md).
    """
    scored = {(id(s.reading), s.candidate.holder, s.candidate.issue): s for s in scored_candidates(readings, model)}
    claims = []
    for reading in readings:
        rows = []
        for claim in reading.found.claims():
            pair = scored.get((id(reading), claim.actor, claim.issue))
            rows.append(claim._replace(probability=round(pair.claimed, 3)) if pair is not None else claim)
        read = rule_positions((row.issue, row.position) for row in rows)
        for candidate in reading.candidates:
            pair = scored[(id(reading), candidate.holder, candidate.issue)]
            kept = pair.claimed >= model.threshold and agrees(read, candidate.issue, pair.position)
            if candidate.rule is None and kept:
                rank = len(rows)
                rows.append(model_claim(reading.found, candidate, pair.position, round(pair.claimed, 3), rank))
        claims += rows
    return claims


def rule_positions(claims: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """The positions the rules read for each issue of one sentence, from its claims' ``(issue, position)``."""
    read: dict[str, set[str]] = {}
    for issue, position in claims:
        read.setdefault(issue, set()).add(position)
    return read


def agrees(read: dict[str, set[str]], issue: str, position: str) -> bool:
    """Whether a row the model adds agrees with the rules' reading of its sentence: where the rules read a position
    on the issue, the model's must be one of theirs (a holder the rules missed, not a reversed polarity)."""
    return issue not in read or position in read[issue]


def model_claim(found: SentenceClaims, candidate: Candidate, position: str, probability: float, rank: int) -> Claim:
    """The row of a claim the model finds where the rules found none, the ``rank``-th of its sentence (which
    decides how much of the sentence it shows: :func:`~briefing.language.segment.evidence_text`)."""
    sentence = found.state.item.sentence
    sides = found.state.codebook.actor_sides
    return Claim(
        article=found.article,
        sentence=sentence.index,
        actor=candidate.holder,
        issue=candidate.issue,
        position=position,
        cue="",
        via="model",
        evidence=evidence_text(sentence, rank, candidate.at, candidate.at),
        start=sentence.start,
        end=sentence.end,
        probability=probability,
        holder_side="" if candidate.holder in sides else found.speaker_sides.get(candidate.holder, ""),
    )


def token_reach(sentence: Sentence) -> tuple[int, int]:
    """The source offsets a sentence's tokens can have (:meth:`ParsedSentence.offset`): its span or, for a headline
    the file does not hold (offsets 0 and 0), as far as its text reaches."""
    return sentence.start, max(sentence.end, sentence.start + len(sentence.text))
