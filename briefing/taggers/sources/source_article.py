"""The passes over one article in order, pass 3 (speakers resolved in text order) and the rows of the ledger."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.codebook import Codebook
from briefing.language.discourse import Discourse, article_discourse
from briefing.language.parsing import ParsedSentence
from briefing.language.spans import SpanSet
from briefing.taggers.sources.source_quotations import find_quotations, merge_quotation_rows, quotation_rows
from briefing.taggers.sources.source_rows import Attribution, Found
from briefing.taggers.sources.source_speakers import classify, track_persons
from briefing.taggers.sources.source_syntactic import syntactic
from briefing.taggers.sources.source_triggers import verb_strength

FLOAT_PARAGRAPHS = 1  # a verbless quotation floats to a speaker at most this many paragraphs back


def resolve_rows(
    rows: list[Found], parsed: Sequence[ParsedSentence], state: Discourse, codebook: Codebook, source: str
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
        state.remember(row.speaker, paragraph)
        resolved.append(row)
    return resolved


def extract_attributions(
    article: str,
    source: str,
    parsed: Sequence[ParsedSentence],
    codebook: Codebook,
    discourse: Discourse | None = None,
) -> list[Attribution]:
    """All attributions of one article, in text order, read off its linguistic layer (``article.article_layers``).

    A pure function of the article's source text, its sentences, their parse and the codebook. ``discourse``, the
    article's :func:`~briefing.language.discourse.article_discourse`, is written as the sentences are read (who
    was named or spoke last before each), for the stance tagger after it.
    """
    paragraphs: dict[int, list[int]] = {}
    for sentence in (item.sentence for item in parsed):
        bounds = paragraphs.setdefault(sentence.paragraph, [sentence.start, sentence.end])
        bounds[1] = sentence.end
    quotations = find_quotations(source, [tuple(bounds) for _, bounds in sorted(paragraphs.items())])
    quoted_spans = SpanSet((q.start, q.end) for q in quotations)
    state = discourse if discourse is not None else article_discourse(parsed)
    rows: list[Found] = []
    for item in parsed:
        state.mark(item.sentence.index)
        found = syntactic(item, state, codebook, quoted_spans) if item.doc is not None else []
        rows.extend(found)
        track_persons(item, state, codebook)
        for row in found:  # a speaker outranks a person merely named in the same sentence
            state.remember(row.speaker, item.sentence.paragraph)
    quoted, replaced = quotation_rows(quotations, rows, parsed, source)
    rows = [row for index, row in enumerate(rows) if index not in replaced and row.pieces]
    # a row whose cue a direct quotation took, and whose content overlaps it, is that quotation
    taken: dict[tuple[int, int] | None, list[tuple[int, int]]] = {}
    for row in quoted:
        if row.kind == "direct":
            taken.setdefault(row.cue, []).append(row.span)
    taken_spans = {cue: SpanSet(spans) for cue, spans in taken.items()}
    rows = [row for row in rows if row.cue not in taken_spans or not taken_spans[row.cue].overlaps(row.span)]
    state.restart()
    run_on = {q.start for q in quotations if q.continues}
    final = resolve_rows(merge_quotation_rows(quoted + rows, source, run_on), parsed, state, codebook, source)
    paragraph_of = {item.sentence.index: item.sentence.paragraph for item in parsed}
    rows = [to_attribution(article, row, codebook, state, source) for row in dedupe(final)]
    return once_per_act(rows, paragraph_of)


def dedupe(rows: list[Found]) -> list[Found]:
    """One row per content span and kind."""
    seen, kept = set(), []
    for row in rows:
        key = (row.kind, row.span)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return sorted(kept, key=lambda r: (r.span[0], r.kind))


def once_per_act(rows: list[Attribution], paragraph_of: dict[int, int]) -> list[Attribution]:
    """Each act of speech once: a ``partial`` row (a quoted phrase) is left out where a longer row of the same
    speaker holds it: one of the same cue around or overlapping its words, or, for a phrase that only follows
    its speaker (no cue of its own), a longer quotation of theirs in the same paragraph that holds its words
    (“We will build a big, beautiful wall,” he said in Iowa, where the “beautiful wall” drew cheers).
    ``paragraph_of`` gives each sentence's paragraph.

    A paraphrase that holds such a phrase becomes the ``partial`` row ("He called them “substantive
    discussions” with Washington"): one row, of the paraphrase's words, as a reader counts it. A phrase with a
    cue of its own stays a row of its own ("He warned that if they refuse what he called “substantive
    discussions,” …": he warned, and he called them so).
    """
    words = [" ".join(row.quote.split()).casefold() for row in rows]
    by_speaker: dict[tuple, list[int]] = {}
    for index, row in enumerate(rows):
        by_speaker.setdefault((row.speaker, row.actor), []).append(index)

    def holder(index: int) -> int | None:
        row = rows[index]
        longer = [p for p in by_speaker[(row.speaker, row.actor)] if rows[p].end - rows[p].start > row.end - row.start]
        around = (p for p in longer if rows[p].start < row.end and row.start < rows[p].end)
        same_cue = next((p for p in around if rows[p].cue_start == row.cue_start), None)
        if same_cue is not None or row.cue_start is not None:
            return same_cue
        paragraph = paragraph_of.get(row.sentence)
        quotations = (p for p in longer if rows[p].kind == "direct" and paragraph_of.get(rows[p].sentence) == paragraph)
        return next((p for p in quotations if words[index] in words[p]), None)

    quoting: set[int] = set()  # the paraphrases that hold a quoted phrase
    kept = []
    for index, row in enumerate(rows):
        position = holder(index) if row.kind == "partial" else None
        if position is None:
            kept.append(index)
        elif rows[position].kind == "indirect":
            quoting.add(position)
    return [rows[i]._replace(kind="partial") if i in quoting else rows[i] for i in kept]


def trim(source: str, span: tuple[int, int], keep_stop: bool = False) -> tuple[int, int]:
    """A span without edge spaces and trailing commas; a quotation keeps its full stop, a paraphrase does not."""
    start, end = span
    while start < end and source[start] in " \n\t,;:—–":
        start += 1
    while end > start and source[end - 1] in (" \n\t,;:" if keep_stop else " \n\t,;:."):
        end -= 1
    return start, end


def to_attribution(article: str, row: Found, codebook: Codebook, state: Discourse, source: str) -> Attribution:
    """Classify one row's speaker and name its offsets."""
    speaker = row.speaker
    if speaker.actor is None and speaker.unnamed_side is None:
        known = state.profiles.get(speaker.name)
        if known and not (speaker.role or speaker.affiliation):
            speaker = known  # the role given at first mention holds for later quotes
        elif speaker.role or speaker.affiliation:
            state.profiles[speaker.name] = speaker
    source_type, side, resolved = classify(speaker, codebook)
    # A person keeps their name, unless the codebook lists them, or the name is one word that is wholly a group's
    # alias ("Kyiv" taken for a person, "Lewandowski" with no fuller name in the article): the actor's name then.
    display = speaker.name
    person = speaker.person
    if speaker.actor is not None:
        actor = codebook.actors[speaker.actor]
        named = speaker.person and actor.kind != "person" and len(speaker.name.split()) > 1
        display = speaker.name if named else actor.name
        person = named or actor.kind == "person"  # shown by the actor's name, the actor's kind says who speaks
    speaker_kind = "unnamed" if speaker.unnamed_side is not None else "person" if person else "institution"
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
        speaker.actor or speaker.speaks_for,
        speaker.affiliation,
        speaker.role,
        source_type,
        speaker_kind,
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
