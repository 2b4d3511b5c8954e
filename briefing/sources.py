"""Sources: who is quoted or cited, how, and on whose side.

Kinds of attribution, each a row with the speaker and the attributed words:

- ``direct``: a quotation with its speaker before ("X, a Moscow-based
  analyst, retorted, “…”") or after ("“…,” said X of the Y Institute"), or
  a quotation continuing the previous sentence's speaker;
- ``partial``: a short quoted phrase inside a paraphrase (he called them
  “substantive discussions”), credited to the sentence's subject;
- ``indirect``: reported speech ("Peskov confirmed that …", "stating that …");
- ``according_to``: "According to X", and institutional citations
  ("assessments from the Institute for the Study of War indicate that …").

Speakers resolve to codebook actors where the codebook knows them; anyone
else keeps the name as written, with the role and affiliation from the
apposition. Unnamed sources ("analysts note", "a Kremlin spokesperson") are
``anonymous``. Offsets index the article's source text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import pandas as pd
import yaml

from briefing.codebook import Codebook
from briefing.paths import PACKAGE_DIR
from briefing.segment import Sentence
from briefing.stances import Context, eligible_holders, find_mentions, resolve_pronouns

SOURCE_RULES = PACKAGE_DIR / "data" / "sources.yaml"
QUOTE = re.compile(r"“([^”]{1,3000})”|\"([^\"]{1,3000})\"")
# A capitalised name of one to four words; sentence-opening function words are not names.
NAME = (
    r"(?!(?:The|A|An|In|On|At|For|When|But|And|If|While|However|Meanwhile|This|That|These|Those|According|It)\b)"
    r"(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'-]+"
)
# "…, Kremlin spokesperson Dmitry Peskov has said." reports the whole sentence before it.
TRAILING_SAYS = re.compile(
    r",\s+(?P<who>[^,]{3,80}?)\s+(?:has\s+|had\s+)?(?P<verb>said|says|told reporters|added)\.?\s*$"
)
TITLE = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|President|Prime Minister|Foreign Minister|Minister|Senator|General|Gen|"
    r"Sir|Secretary)\.?\s+)+"
)
ACCORDING_TO = re.compile(
    rf"\b[Aa]ccording to (?P<who>(?:the\s+)?{NAME}|[a-z][\w\s-]{{2,40}}?)(?=[,.;]|\s+(?:who|at|in)\b)"
)
INSTITUTION = re.compile(
    r"\b(?i:assessments?|analysis|analyses|reports?|data|figures|estimates|research|study|studies)\s+(?:from|by)\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of|for|the|and|on|[A-Z][\w’'-]*))*)\s+"
    r"(?:indicate|indicates|show|shows|suggest|suggests|say|says|found|finds|estimate|estimates)\s+(?:that\s+)?"
)
ROLE_AFTER_NAME = re.compile(r"^\s*,\s*(?P<appos>(?:a|an|the)\s[^,“\"]{2,80}(?:,[^,“\"]{2,60})?),")
AFFILIATION_AFTER_NAME = re.compile(
    r"^\s+(?:of|from|at)\s+(?P<org>(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of|for|and|the|"
    r"[A-Z][\w’'-]*))*(?:\s+in\s+[A-Z][\w-]+)?)"
)
QUANTIFIED = re.compile(r"\b(?:some|many|others|critics|several)\s+(?:\w+\s+)?$", re.IGNORECASE)


class Attribution(NamedTuple):
    """One quotation or citation and its source."""

    article: str
    sentence: int
    speaker: str
    actor: str | None
    affiliation: str
    role: str
    source_type: str
    side: str
    kind: str
    cue_verb: str
    quote: str
    start: int
    end: int
    resolved: bool


class Speaker(NamedTuple):
    """Who a span of text names, before classification."""

    name: str
    actor: str | None = None
    role: str = ""
    affiliation: str = ""
    unnamed_side: str | None = None


@lru_cache(maxsize=1)
def source_rules() -> dict:
    """The default rules of ``briefing/data/sources.yaml``."""
    return yaml.safe_load(SOURCE_RULES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def unnamed_regex() -> re.Pattern:
    """Unnamed sources ("a Kremlin spokesperson", "analysts"); the adjectives and their sides are data."""
    adjectives = sorted(source_rules()["unnamed_adjectives"], key=len, reverse=True)
    return re.compile(
        r"\b(?:(?:a|an|one|two|several|some|many|other|senior|top|western)\s+)*"
        r"(?:(?P<adj>" + "|".join(re.escape(a) for a in adjectives) + r")\s+)?"
        r"(?P<noun>spokesperson|spokesman|spokeswoman|officials?|diplomats?|sources?|analysts|observers|experts|"
        r"insiders|aides)\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=4)
def verb_regex(verbs: tuple[str, ...]) -> re.Pattern:
    alternatives = sorted(verbs, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(v) for v in alternatives) + r")\b", re.IGNORECASE)


def verbs() -> tuple[str, ...]:
    rules = source_rules()["speech_verbs"]
    return tuple(rules["neutral"]) + tuple(rules["loaded"])


@lru_cache(maxsize=1)
def loaded_verbs() -> frozenset[str]:
    return frozenset(v.lower() for v in source_rules()["speech_verbs"]["loaded"])


def verb_strength(verb: str) -> str:
    """``loaded`` for verbs that characterise the speaker (warned, claimed), else ``neutral``."""
    return "loaded" if verb.lower() in loaded_verbs() else "neutral"


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
    side = next(
        (s for s, words in rules["sides"].items() if keyword_hit(f"{speaker.role} {speaker.affiliation}", words)),
        "Other",
    )
    return source_type, side, bool(speaker.role or speaker.affiliation)


def unnamed(text: str) -> Speaker | None:
    match = unnamed_regex().search(text)
    if not match:
        return None
    sides = {adjective.lower(): side for adjective, side in source_rules()["unnamed_adjectives"].items()}
    return Speaker(match.group().strip(), unnamed_side=sides.get((match.group("adj") or "").lower(), "Other"))


def speaker_at(text: str, start: int, end: int, actors, context: Context, named: dict[str, str]) -> Speaker | None:
    """The speaker named in ``text[start:end]``: a codebook actor, a name, a pronoun or an unnamed source."""
    span = text[start:end].strip(" ,")
    inside = [a for a in actors if a.start < end and start < a.end]  # any codebook mention overlapping the span
    if inside:
        mention = inside[0]
        if mention.via == "pronoun":
            in_sentence = any(a.via == "person" and a.end <= mention.start for a in actors)
            if not in_sentence and context.last_speaker is not None:
                return context.last_speaker  # "He predicted …" after a quote continues its speaker
            return Speaker(mention.target, actor=mention.target)
        if re.search(r"\b(?:a|an)\s+$", text[: mention.start], re.IGNORECASE):  # "a Kremlin spokesperson"
            return unnamed(text[max(0, mention.start - 4) : mention.end]) or Speaker(mention.text)
        return Speaker(mention.target, actor=mention.target)
    if re.fullmatch(r"(?i)(?:he|she)", span) and context.last_speaker:
        return context.last_speaker
    match = re.search(NAME, span)
    if match and not unnamed_regex().fullmatch(match.group()):
        name = TITLE.sub("", match.group()).strip()
        surname = name.split()[-1]
        if " " not in name and surname in named:
            name = named[surname]
        return Speaker(name)
    return unnamed_or_antecedent(span, context)


def unnamed_or_antecedent(span: str, context: Context) -> Speaker | None:
    """An unnamed source, unless a definite description points back to the last one ("The spokesperson said")."""
    found = unnamed(span)
    definite = (
        re.search(r"(?i)\bthe\s+(?:\w+\s+)?" + re.escape(found.name.split()[-1]) + r"\s*$", span.strip())
        if found
        else None
    )
    if definite and context.last_speaker is not None:
        return context.last_speaker
    return found


def enrich(speaker: Speaker, text: str, end_of_name: int) -> Speaker:
    """Add the apposition ("X, a Moscow-based analyst,") or affiliation ("X of the Y Institute")."""
    after = text[end_of_name:]
    role = ROLE_AFTER_NAME.match(after)
    affiliation = AFFILIATION_AFTER_NAME.match(after)
    return speaker._replace(
        role=role.group("appos").strip() if role else speaker.role,
        affiliation=affiliation.group("org").strip() if affiliation else speaker.affiliation,
    )


def quote_attributions(raw: str, actors, context: Context, named: dict[str, str]):
    """Direct and partial quotations of one sentence: (kind, verb, speaker, name_end, start, end)."""
    speech = verb_regex(verbs())
    results = []
    quotes = list(QUOTE.finditer(raw))
    for index, match in enumerate(quotes):
        start, end = match.span()
        after = raw[end:]
        before = raw[:start]
        speaker, verb, name_end = None, "", None
        tail = re.match(rf"^[\s,]*(?P<verb>{speech.pattern})\s+(?P<who>(?:the\s+)?{NAME})", after)
        tail2 = re.match(
            rf"^[\s,]*(?P<who>(?:the\s+)?{NAME}|[Hh]e|[Ss]he)(?:,[^,“\"]{{2,120}}(?:,[^,“\"]{{2,80}})?,)?"
            rf"\s+(?:also\s+)?(?P<verb>{speech.pattern})",
            after,
        )
        head = re.search(
            rf"(?P<who>(?:[Tt]he\s+)?{NAME}|\b[Hh]e|\b[Ss]he)(?P<appos>,[^,“\"]{{2,120}}(?:,[^,“\"]{{2,80}})?,)?"
            rf"\s+(?:also\s+|then\s+)?(?P<verb>{speech.pattern})(?:\s+(?!that\b|as\b)[\w’'-]+){{0,6}}?\s*[,:]\s*$",
            before,
        )
        for found in (tail, tail2, head):
            if found:
                offset = end if found is not head else 0
                s, e = found.span("who")
                speaker = speaker_at(raw, offset + s, offset + e, actors, context, named)
                verb, name_end = found.group("verb"), offset + e
                if speaker:
                    break
        quoted = match.group(1) or match.group(2)
        words = len(quoted.split())
        if speaker:
            results.append(("direct", verb, speaker, name_end, start + 1, end - 1))
        elif index == 0 and not before.strip() and context.last_speaker:
            results.append(("direct", "", context.last_speaker, None, start + 1, end - 1))  # continues a quote
        elif words <= 8 or len(quoted) < len(raw) / 3:
            results.append(("partial", "", None, None, start + 1, end - 1))
        elif context.last_speaker and index == 0:
            results.append(("direct", "", context.last_speaker, None, start + 1, end - 1))
    return results


def sentence_attributions(
    article: str, source: str, sentence: Sentence, codebook: Codebook, context: Context, named: dict[str, str]
) -> list[Attribution]:
    """Attributions of one sentence; updates ``context`` for the sentences after it."""
    raw = source[sentence.start : sentence.end]
    kinds = {a.id: a.kind for a in codebook.actors.values()}
    actors = [
        m._replace(via="person" if kinds[m.target] == "person" else "name")
        for m in find_mentions(raw, codebook.patterns("actors"))
    ]
    actors = resolve_pronouns(raw, actors, context)
    holders = eligible_holders(raw, actors, [])
    speech = verb_regex(verbs())
    rows: list[tuple] = []  # (kind, verb, speaker, name_end, start, end)

    quotes = quote_attributions(raw, actors, context, named)
    quoted_spans = [(s, e) for _, _, _, _, s, e in quotes]
    for kind, verb, speaker, name_end, start, end in quotes:
        if kind == "partial":
            subject = next((h for h in holders if h.start < start), None)
            if subject is not None:
                speaker = Speaker(subject.target, actor=subject.target)
            else:
                first_name = re.search(NAME, raw[:start])
                speaker = (
                    speaker_at(raw, first_name.start(), first_name.end(), actors, context, named)
                    if first_name
                    else None
                )
        if speaker:
            rows.append((kind, verb, speaker, name_end, start, end))

    # Reported speech: a speech verb followed by "that", or an -ing verb introducing a clause.
    clause_openers = r"(?=[A-Z]|(?:the|a|an|it|he|she|they|this|there|peace|any)\b)"
    for match in re.finditer(rf"(?P<verb>{speech.pattern})(?:\s+it\s+clear)?\s+(?:that\b|{clause_openers})", raw):
        if not raw[match.end() - 5 : match.end()].endswith("that") and not re.search(
            r"(?:ing|claimed|said|says)$", match.group("verb"), re.IGNORECASE
        ):
            continue  # "cautioned Putin against …" names an object, not a reported clause
        if any(s - 4 <= match.start() <= e + 4 for s, e in quoted_spans):
            continue
        clause_start = match.end()
        clause_end = len(raw.rstrip('. ”"'))
        if clause_end - clause_start < 12:
            continue
        speaker = None
        before = raw[: match.start()]
        by = re.search(rf"\bby\s+(?P<who>{NAME})\s+$", before)
        ends_unnamed = unnamed_regex().pattern + r"\s+$"
        adjacent_unnamed = QUANTIFIED.search(before) or re.search(ends_unnamed, before, re.IGNORECASE)
        subject_pool = [h for h in holders if h.start < match.start()]
        unnamed_match = unnamed_regex().search(before)
        if by:
            speaker = speaker_at(raw, by.start("who"), by.end("who"), actors, context, named)
        elif adjacent_unnamed:  # "some fear that", "Many observers anticipate"
            wider = before[max(0, adjacent_unnamed.start() - 30) : adjacent_unnamed.end()]
            speaker = unnamed_or_antecedent(wider, context) or Speaker(
                adjacent_unnamed.group().strip(), unnamed_side="Other"
            )
        elif subject_pool:
            first = subject_pool[0]
            if unnamed_match and unnamed_match.start() < first.start:
                speaker = unnamed(before)
            else:
                speaker = speaker_at(raw, first.start, first.end, actors, context, named)
                if speaker is None and first.via == "pronoun":
                    speaker = Speaker(first.target, actor=first.target)
        else:
            names = list(re.finditer(NAME, before))
            if names:
                speaker = speaker_at(raw, names[0].start(), names[0].end(), actors, context, named)
            elif unnamed_match:
                speaker = unnamed(before)
            elif re.match(r"^\s*(?:He|She)\b", raw) and context.last_speaker:
                speaker = context.last_speaker
        if speaker:
            name_end = next((m.end() for m in re.finditer(re.escape(speaker.name.split()[-1]), raw)), None)
            rows.append(("indirect", match.group("verb"), speaker, name_end, clause_start, clause_end))

    for pattern, verb in ((ACCORDING_TO, "according to"), (INSTITUTION, "indicate")):
        for match in pattern.finditer(raw):
            who_start, who_end = match.span("who")
            speaker = speaker_at(raw, who_start, who_end, actors, context, named)
            if speaker is None:
                continue
            if pattern is INSTITUTION and speaker.actor is None:
                speaker = speaker._replace(
                    name=re.sub(r"^the\s+", "", match.group("who")), affiliation=match.group("who")
                )
            content_start = match.end()
            if pattern is ACCORDING_TO:
                content_start = match.end() + (1 if raw[match.end() : match.end() + 1] == "," else 0)
                if content_start >= len(raw.rstrip(". ")) - 5:  # "…, according to X." at the end
                    content_start = 0
            rows.append(("according_to", verb, speaker, who_end, content_start, len(raw.rstrip('. ”"'))))

    trailing = TRAILING_SAYS.search(raw)
    if trailing and not quotes and not any(k == "indirect" for k, *_ in rows):
        speaker = speaker_at(raw, trailing.start("who"), trailing.end("who"), actors, context, named)
        if speaker:
            rows.append(("indirect", trailing.group("verb"), speaker, trailing.end("who"), 0, trailing.start()))
    reported = [(s, e, sp) for k, _, sp, _, s, e in rows if k in ("indirect", "according_to")]
    rows = [
        (
            k,
            v,
            next((sp2 for s2, e2, sp2 in reported if s2 <= s and e <= e2 + 2), sp) if k == "partial" else sp,
            n,
            s,
            e,
        )
        for k, v, sp, n, s, e in rows
    ]
    attributions = []
    for kind, verb, speaker, name_end, start, end in rows:
        while start < end and raw[start] in " ,;:—–":
            start += 1
        while end > start and raw[end - 1] in " ,;:.":
            end -= 1
        if name_end is not None and speaker.actor is None and speaker.unnamed_side is None:
            speaker = enrich(speaker, raw, name_end)
        if speaker.actor is None and speaker.unnamed_side is None:
            if " " in speaker.name:
                named.setdefault(speaker.name.split()[-1], speaker.name)
            known = context.profiles.get(speaker.name)
            if known and not (speaker.role or speaker.affiliation):
                speaker = known  # the role given at first mention holds for later quotes
            elif speaker.role or speaker.affiliation:
                context.profiles[speaker.name] = speaker
        source_type, side, resolved = classify(speaker, codebook)
        display = codebook.actors[speaker.actor].name if speaker.actor else speaker.name
        quote = raw[start:end].strip()
        offset = raw[start:end].find(quote) if quote else 0
        attributions.append(
            Attribution(
                article,
                sentence.index,
                display,
                speaker.actor,
                speaker.affiliation,
                speaker.role,
                source_type,
                side,
                kind,
                verb.lower(),
                " ".join(quote.split()),
                sentence.start + start + offset,
                sentence.start + start + offset + len(quote),
                resolved,
            )
        )

    # Context for the sentences that follow.
    direct = [
        a for a in attributions if a.kind in ("direct", "indirect", "according_to") and a.source_type != "anonymous"
    ]
    if direct:
        last = rows[[i for i, a in enumerate(attributions) if a in direct][-1]][2]
        context.last_speaker = last
    elif any(a.via == "person" for a in actors):
        context.last_speaker = None  # the story moved on to someone else; "he" is the last person named
    for actor in actors:
        if kinds.get(actor.target) == "person":
            context.last_person = actor.target
        elif actor.via != "pronoun":
            context.last_institution = actor.target
    return attributions


def extract_attributions(
    article: str, source: str, sentences: Sequence[Sentence], codebook: Codebook
) -> list[Attribution]:
    """All attributions of one article, in text order.

    A pure function of the article's source text, its sentences and the codebook.
    """
    context = Context()
    named: dict[str, str] = {}
    found = []
    for sentence in sentences:
        found.extend(sentence_attributions(article, source, sentence, codebook, context, named))
    return sorted(found, key=lambda a: (a.start, a.kind))


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
