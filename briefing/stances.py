"""Stances: who takes which position on which issue, with the sentence that says so.

The rules work sentence by sentence on the shared linguistic layer
(:mod:`briefing.nlp`): the codebook actors each sentence names are found
once there, and negation is read off the parse. A little state is carried
across an article for coreference. For every position cue ("rejects", "insists",
"unacceptable", "only if"):

1. the issues it governs are the issue cues after it, up to the next cue;
   failing that, the nearest issue cue before it; failing that, the issues
   of the previous sentence when this one points back ("This demand …");
2. its holder is a passive agent ("rejected by Kyiv", "a red line for
   Kyiv"), else the first actor of its clause, else the first actor of the
   sentence; actors inside an issue phrase or after a preposition ("to
   Russia") are not holders; "he", "she" and a sentence-initial "It" resolve
   to the last person or institution mentioned;
   Issues named only as a time ("during talks", "before the negotiations")
   are circumstances, not propositions, and are skipped;
3. its position is flipped when the cue is negated (read off the parse where
   the sentence is parsed: "will never recognize", "does not rule out"; else
   a negation among the three words before it), and flipped again for an
   issue stated in reverse ("NATO exclusion", "preventing Ukraine from
   joining NATO");
4. an issue before a conditional marker ("cease hostilities only when …")
   is ``conditional``; one after it is the condition demanded (``support``).

A cue used as a noun takes its possessor as holder ("Moscow's support").
Writer-reported demands count for the actor they are reported about:
"Putin's conditions for peace include Ukraine's withdrawal …".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from briefing.codebook import Codebook, Mention, find_mentions
from briefing.nlp import ParsedSentence, negated

FLIP = {"support": "oppose", "oppose": "support", "conditional": "conditional"}
CLAUSE_START = re.compile(r"\b(?:that|which|who|whether|while|although|though)\b|[;:]", re.IGNORECASE)
NON_AGENT_BEFORE = re.compile(
    r"\b(?:to|from|with|against|on|over|into|towards?|about|at|of|in|between|among|including|like|than|via|for|"
    r"by|accused|urged|told|asked|cautioned|encourage|disparaging|commending|antagonizing|isolating|provoke|"
    r"involving|regarding|concerning|preventing)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
SENTENCE_TOPIC = re.compile(r"^\s*For\s+(?:the\s+)?$", re.IGNORECASE)
COORDINATION = re.compile(r"^\s*,?\s*(?:and|or)\s+(?:the\s+|its\s+)?$", re.IGNORECASE)
# "Moscow's support", "Putin's effective rejection": the possessor holds the position.
POSSESSOR_BEFORE = re.compile(r"['’]s\s+(?:\w+\s+)?$")
# "agreeing never to join NATO": a negation right before an issue, with no cue in between.
LOCAL_NEGATION = re.compile(r"\b(?:no|not|never)\b(?:\W+\w+){0,2}\W*$", re.IGNORECASE)
AGENT_AFTER = re.compile(r"^\s+(?:\w+\s+){0,2}?(?:by|for|to)\s+(?:the\s+)?$", re.IGNORECASE)
PASSIVE_CUES = re.compile(r"(?:ed|acceptable|negotiable|red line)$", re.IGNORECASE)
LOCAL_INVERSION = re.compile(
    r"\b(?:prevent\w*|block\w*|bar\w*|ban\w*|stop\w*|against|without)\b(?:\W+\w+){0,2}\W*$",
    re.IGNORECASE,
)
# "during talks with Ukraine", "following the May 16 talks": a time, not a proposition.
CIRCUMSTANTIAL = re.compile(
    r"\b(?:during|following|after|before|ahead\s+of|amid|amidst|since|throughout)\s+"
    r"(?:the\s+|these\s+|those\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)
SENTENCE_IT = re.compile(r"^\s*It\b(?!\s+(?:is|was|has|had|would|will|could|seems|appears)\b)")
DEMAND = re.compile(
    r"(?:(?P<owner>\w+)['’]s\s+|\b(?P<det>these|those|this|his|its|their|such)\s+)?"
    r"(?:(?:core|initial|key|main|maximalist|own)\s+)?\b(?:demands?|conditions?|terms)\s+"
    r"(?:for\s+(?:peace|a\s+settlement|a\s+deal)\s+)?(?P<verb>include[sd]?|remains?)\b",
    re.IGNORECASE,
)
DEMAND_BARE = re.compile(r"^\s*(?:These|Those|This|They)\s+(?:\w+\s+)?include[sd]?\b")
DEMAND_NOUN = re.compile(
    r"(?:(?P<owner>\w+)['’]s|\b(?P<det>his|her|its|their))\s+(?:\w+\s+)?(?:demands|conditions|terms)\b"
)
HYPOTHETICAL = re.compile(r"\b(?:if|unless|whether)\b", re.IGNORECASE)
ANAPHOR = re.compile(
    r"\b(?:this|that|these|those|such)\s+(?:demands?|conditions?|terms|proposals?|offer|idea)\b"
    r"|\bthe\s+(?:offer|demands?)\b"
    r"|\b(?:reiterated|rejected|accepted|repeated|opposed|backed|endorsed)\s+(?P<it>it)\b",
    re.IGNORECASE,
)


class Claim(NamedTuple):
    """One actor's position on one issue, and the evidence for it."""

    article: str
    sentence: int
    actor: str
    issue: str
    position: str
    cue: str
    via: str
    evidence: str
    start: int
    end: int


class Context:
    """What earlier sentences of the article tell later ones."""

    def __init__(self) -> None:
        self.last_person: str | None = None
        self.last_institution: str | None = None
        self.first_actor: str | None = None
        self.demand_holder: str | None = None
        self.issues: list[Mention] = []
        self.issues_age = 0


def resolve_pronouns(text: str, actors: list[Mention], context: Context) -> list[Mention]:
    """Actor mentions plus pronouns resolved to the last person or institution."""
    resolved = list(actors)
    for match in PRONOUN.finditer(text):
        earlier = [a for a in actors if a.end <= match.start() and a.via == "person"]
        target = earlier[-1].target if earlier else context.last_person
        if target and all(match.end() <= a.start or match.start() >= a.end for a in actors):
            resolved.append(Mention(match.start(), match.end(), target, match.group(), via="pronoun"))
    match = SENTENCE_IT.match(text)
    if match and context.last_institution and not any(a.start < match.end() for a in actors):
        resolved.append(Mention(match.start(), match.end(), context.last_institution, "It", via="pronoun"))
    return sorted(resolved)


def eligible_holders(text: str, actors: list[Mention], issues: list[Mention]) -> list[Mention]:
    """Actors that can hold a position: not inside an issue phrase, not after a preposition."""
    holders, excluded_last = [], False
    for index, actor in enumerate(actors):
        before = text[: actor.start]
        inside_issue = any(i.start <= actor.start < i.end for i in issues)
        previous = actors[index - 1] if index else None
        coordinated = previous is not None and COORDINATION.match(text[previous.end : actor.start])
        excluded = (
            inside_issue
            or (NON_AGENT_BEFORE.search(before[-40:]) is not None and not SENTENCE_TOPIC.match(before))
            or bool(coordinated and excluded_last)
        )
        if not excluded:
            holders.append(actor)
        excluded_last = excluded
    return holders


def agents_after(text: str, cue: Mention, actors: list[Mention]) -> list[Mention]:
    """Passive agents: "rejected by Kyiv and its allies", "a red line for Kyiv"."""
    if not PASSIVE_CUES.search(cue.text):
        return []
    agents = []
    for actor in actors:
        if actor.start <= cue.end:
            continue
        gap = text[agents[-1].end if agents else cue.end : actor.start]
        if (not agents and AGENT_AFTER.match(gap)) or (agents and COORDINATION.match(gap)):
            agents.append(actor)
        elif agents or actor.start - cue.end > 30:
            break
    return agents


def clause_start(text: str, position: int) -> int:
    """Where the clause holding ``position`` starts ("… insisting that |Russia will …")."""
    starts = [m.end() for m in CLAUSE_START.finditer(text, 0, position)]
    return starts[-1] if starts else 0


def holders_of(text: str, cue_start: int, holders: list[Mention]) -> list[Mention]:
    """The first eligible actor of the cue's clause (else of the sentence), with its coordinates.

    "both Russia and Ukraine have shown openness" gives both.
    """
    start = clause_start(text, cue_start)
    before = [h for h in holders if h.start < cue_start]
    in_clause = [h for h in before if h.start >= start]
    pool = in_clause or before
    if not pool:
        return []
    chosen = [pool[0]]
    for actor in pool[1:]:
        if COORDINATION.match(text[chosen[-1].end : actor.start]):
            chosen.append(actor)
        else:
            break
    return chosen


def owner_of(match: re.Match, actors: list[Mention], context: Context) -> str | None:
    """Whose demands: "Putin's", "his" (its antecedent), "its" (the last institution)."""
    if match.group("owner"):
        return next((a.target for a in actors if a.end == match.end("owner")), None)
    det = (match.group("det") or "").lower()
    if det in ("his", "her"):
        return next((a.target for a in actors if a.start == match.start("det")), context.last_person)
    if det in ("its", "their"):
        earlier = [a for a in actors if a.end <= match.start("det") and a.via == "name"]
        return earlier[-1].target if earlier else context.last_institution
    return context.demand_holder if det else None


def demand_cues(text: str, actors: list[Mention], context: Context) -> list[tuple[Mention, str | None]]:
    """Reported demands as support cues, with the actor they are reported about."""
    cues = []
    for match in DEMAND.finditer(text):
        owner = owner_of(match, actors, context)
        cue = Mention(match.start("verb"), match.end("verb"), "support", match.group().strip(), via="demand")
        cues.append((cue, owner))
    bare = DEMAND_BARE.match(text)
    if bare and not cues:
        owner = context.demand_holder or context.first_actor
        cues.append((Mention(bare.start(), bare.end(), "support", bare.group().strip(), via="demand"), owner))
    return cues


def sentence_claims(article: str, item: ParsedSentence, codebook: Codebook, context: Context) -> list[Claim]:
    """Claims of one sentence of the linguistic layer; updates ``context`` for the sentences after it."""
    sentence = item.sentence
    text = sentence.text
    kinds = {a.id: a.kind for a in codebook.actors.values()}
    actors = [m._replace(via="person" if kinds[m.target] == "person" else "name") for m in item.actors]
    actors = resolve_pronouns(text, actors, context)
    issues = [
        i
        for i in find_mentions(text, codebook.patterns("issues"))
        if not CIRCUMSTANTIAL.search(text[max(0, i.start - 50) : i.start])
    ]
    positions = find_mentions(text, codebook.patterns("positions"))
    # A cue word inside an issue phrase ("recognition of Russian control") is part of the issue;
    # a conditional marker may hold one ("only stop fighting if").
    positions = [
        p
        for p in positions
        if p.target == "conditional" or not any(p.start < i.end and i.start < p.end for i in issues)
    ]
    cues = [p for p in positions if p.target != "conditional"]
    markers = [p for p in positions if p.target == "conditional"]
    holders = eligible_holders(text, actors, issues)

    reported = demand_cues(text, actors, context)
    cue_owner: dict[Mention, str | None] = dict(reported)
    cues = sorted(
        {*cues, *cue_owner} - {c for c in cues if any(c.start < r.end and r.start < c.end for r in cue_owner)}
    )
    # "This demand", "reiterated it", "These include …": the previous sentence's issues, here.
    pointers = [m.span("it") if m.group("it") else m.span() for m in ANAPHOR.finditer(text)]
    if DEMAND_BARE.match(text) and not issues:
        pointers.append((DEMAND_BARE.match(text).end(), len(text)))
    if context.issues and context.issues_age <= 2:
        carried = {i.target: i for i in context.issues}.values()
        issues = sorted([*issues, *(i._replace(start=s, end=e, via="anaphora") for s, e in pointers for i in carried)])

    candidates: dict[tuple[str, str], tuple[int, Claim]] = {}
    holders_by_issue: dict[Mention, list[str]] = {}

    cue_ends = [c.end for c in cues]

    def add(holder: str, issue: Mention, position: str, cue: str, via: str, rank: int) -> None:
        before = text[max([0, *(e for e in cue_ends if e <= issue.start)]) : issue.start]
        local = issue.via != "anaphora" and (
            LOCAL_INVERSION.search(before[-40:]) or LOCAL_NEGATION.search(before[-40:])
        )
        if issue.inverse or local:
            position = FLIP[position]
        claim = Claim(
            article, sentence.index, holder, issue.target, position, cue, via, text, sentence.start, sentence.end
        )
        key = (holder, issue.target)
        if key not in candidates or rank < candidates[key][0]:
            candidates[key] = (rank, claim)
        holders_by_issue.setdefault(issue, []).append(holder)

    for index, cue in enumerate(cues):
        next_start = cues[index + 1].start if index + 1 < len(cues) else len(text)
        governed = [i for i in issues if cue.end <= i.start < next_start]
        if not governed:
            earlier = [i for i in issues if i.end <= cue.start]
            governed = [i for i in earlier if (i.start, i.end) == (earlier[-1].start, earlier[-1].end)]
        if not governed:
            continue
        owner = cue_owner.get(cue)
        if owner is None and HYPOTHETICAL.search(text, clause_start(text, cue.start), cue.start):
            continue  # "if Ukraine … refuse" states no position
        agents = agents_after(text, cue, actors)
        # Only an eligible holder: "regarding Ukraine's willingness" reports no position of Ukraine's.
        possessor = next((a for a in holders if POSSESSOR_BEFORE.fullmatch(text[a.end : cue.start] or " ")), None)
        if owner:
            who, via = [owner], "reported"
        elif possessor is not None:
            who, via = [possessor.target], "possessor"
        elif agents:
            who, via = [a.target for a in agents], "passive"
        else:
            chosen = holders_of(text, cue.start, holders)
            who = [h.target for h in chosen]
            via = "pronoun" if chosen and chosen[0].via == "pronoun" else "subject"
        position = FLIP[cue.target] if negated(item, cue.start, codebook.negations, cue.end) else cue.target
        for issue in governed:
            for actor in who:
                add(
                    actor,
                    issue,
                    position,
                    cue.text,
                    issue.via if issue.via == "anaphora" else via,
                    abs(issue.start - cue.end),
                )

    # A marker re-positions the claims on the issues around it, keeping their holders.
    for marker in markers:
        fallback = [h.target for h in holders_of(text, marker.start, holders)]
        then = marker.text.lower().endswith("then")  # "X must come first; only then Y": Y is conditional
        for issue in issues:
            if issue.start < marker.end and marker.start - issue.end < 120 and not then:
                position = "conditional"
            elif issue.start >= marker.end:
                position = "conditional" if then else "support"
            else:
                continue
            for holder in dict.fromkeys(holders_by_issue.get(issue) or fallback):
                add(holder, issue, position, marker.text, "condition", -1)

    # Context for the sentences that follow.
    for actor in actors:
        if kinds.get(actor.target) == "person":
            context.last_person = actor.target
        elif actor.via != "pronoun":
            context.last_institution = actor.target
    context.first_actor = holders[0].target if holders else (actors[0].target if actors else context.first_actor)
    for match in DEMAND_NOUN.finditer(text):
        context.demand_holder = owner_of(match, actors, context) or context.demand_holder
    own_issues = [i for i in issues if i.via != "anaphora"]
    if own_issues:
        context.issues, context.issues_age = own_issues, 0
    context.issues_age += 1
    return [claim for _, claim in sorted(candidates.values(), key=lambda rc: (rc[1].issue, rc[1].actor))]


def extract_claims(article: str, layer: Sequence[ParsedSentence], codebook: Codebook) -> list[Claim]:
    """All claims of one article, in sentence order, read off its linguistic layer (:mod:`briefing.nlp`).

    A pure function of the article's sentences, their parse and the codebook.
    """
    context = Context()
    claims = []
    for item in layer:
        claims.extend(sentence_claims(article, item, codebook, context))
    return claims
