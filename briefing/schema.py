"""The one schema of the exported tables: every table's columns, in order, with their documentation.

:data:`TABLE_DOCS` is the one description of every exported column. The taggers' result rows take their fields
from it (:func:`row_type`), the assembly its column lists (:func:`columns`), and the export writes it as the
``README.md`` beside the CSV and Parquet files (the project README's export section is generated from it too), with
each column's type, which the Parquet files keep. The values a position and the side of an unlisted holder take are
named here once, as are the limits the data dictionary promises (the segmenter keeps them).

A foundation module: every stage may import it, and it imports nothing of the tool's.
"""

from __future__ import annotations

import sys
from collections import namedtuple
from collections.abc import Iterable, Mapping
from typing import NamedTuple

# The positions a claim takes, and the side of a holder that no codebook side names (when the codebook has it).
SUPPORT, OPPOSE, CONDITIONAL = "support", "oppose", "conditional"
POSITIONS = (SUPPORT, OPPOSE, CONDITIONAL)
OTHER_SIDE = "Other"

# Above the longest sentence of the dev corpora (1,873 characters, several sentences the segmenter could not
# separate), far above a real one; a 2 MB line without punctuation took 147 s and 5.8 GB as one sentence.
MAX_SENTENCE_CHARS = 3_000
# Rows of one per-hit table (loaded wording, stances, dates) that repeat their sentence whole; the rest give the
# words around their hit (briefing.language.segment.evidence_text), so that a sentence with many hits is not
# written out once per hit.
WHOLE_SENTENCE_ROWS = 20
EXCERPT_CHARS = 150  # characters either side of a hit in such an excerpt

# how the evidence of a per-hit table is bounded (briefing.language.segment.evidence_text)
EVIDENCE_EXCERPT = (
    f"; after its first {WHOLE_SENTENCE_ROWS} rows in this table, a sentence is not repeated whole: a row gives the "
    f"words around its hit ({EXCERPT_CHARS} characters either side, `…` where cut)."
)


# How positions over time are windowed and when a window's position counts for a change (positions_over_time):
# dated claims spanning less than three weeks show no movement; up to eight weeks, windows of a week; up to three
# years of months, a month; beyond, a year. A window settles a position when at least CHANGE_STORIES of its stories,
# and more than half of them, report it: one story, or a split window, is too thin to call a change on.
MIN_SPAN_DAYS = 21
WEEKS_UP_TO_DAYS = 56
MONTHS_UP_TO = 36
CHANGE_STORIES = 3  # two flagged twice as many changes on 1,000 pool articles, most of them the rules' misreadings

# The types of an exported column: a column that :class:`TableDoc` does not type is text. A date is text, as
# its precision varies ("2022", "2022-03", "2022-03-01"); an empty cell of a column of any type is null.
INTEGER, DECIMAL, BOOLEAN, TEXT = "integer", "decimal", "boolean", "text"
COLUMN_TYPES = (INTEGER, DECIMAL, BOOLEAN, TEXT)


class TableDoc(NamedTuple):
    """What one exported table holds, each of its columns, and the type of each column that is not text.

    ``in_memory`` documents the columns the analysis holds after the exported ones, for the briefing, that the
    export leaves out: a slice of another exported table's text, found by the row's offsets.
    """

    description: str
    columns: dict[str, str]
    types: Mapping[str, str] = {}
    in_memory: Mapping[str, str] = {}

    def column_type(self, column: str) -> str:
        """The type of ``column``: one of :data:`COLUMN_TYPES`."""
        return self.types.get(column, TEXT)


def typed(integer: Iterable[str] = (), decimal: Iterable[str] = (), boolean: Iterable[str] = ()) -> dict[str, str]:
    """The types of a table's columns that are not text, by column."""
    return {
        **dict.fromkeys(integer, INTEGER),
        **dict.fromkeys(decimal, DECIMAL),
        **dict.fromkeys(boolean, BOOLEAN),
    }


OFFSETS = ("start", "end")
TEXT_OFFSETS = ("text_start", "text_end")  # offsets into the article's `text` in the articles table

# Why the article's text is exported once, and how a paragraph's or sentence's text is read back from it.
ONE_TEXT = (
    "The article text is exported once, in `articles` (`text`, the cleaned text the analysis reads). `paragraphs` "
    "and `sentences` carry no text of their own: `text_start` and `text_end` index that text, and "
    "`text[text_start:text_end]` is the paragraph or sentence, white space collapsed, exactly as the analysis held "
    "it (the offsets `start` and `end` index the file's source text instead, as in every other table). The "
    "`evidence` columns (stances, timeline, frames, loaded wording), the quotations of `sources` and the extreme "
    "sentences of `tone_by_article` keep their words: each is that row's own datum (the words a claim, date, frame "
    "or phrase was read in, a headline among them, which is no part of the text; the words a source is quoted with, "
    "joined across interruptions), readable without a join, and a sentence with many hits is repeated whole only in "
    f"its first {WHOLE_SENTENCE_ROWS} rows of a table. `removed_text` holds what the cleaning removed, which is not "
    "in the articles' text."
)


TABLE_DOCS: dict[str, TableDoc] = {
    "articles": TableDoc(
        "One row per usable article.",
        {
            "id": "Article id: the file name without its extension; where two files would get the same id, "
            "each keeps its path relative to the corpus folder, extension included.",
            "path": "File path relative to the corpus folder.",
            "format": "`txt`, `md` or `html`.",
            "title": "Title from the manifest or front matter, else the first non-empty line that is not site chrome.",
            "title_source": "`stated` (manifest, front matter or HTML metadata) or `inferred` (first line).",
            "outlet": "Outlet as stated in the manifest, front matter or HTML metadata; empty when unknown.",
            "published": "Publication date (YYYY-MM-DD) as stated; empty when unknown.",
            "url": "URL as stated; empty when unknown.",
            "words": "Words in the cleaned article text.",
            "sentences": "Sentences in the cleaned article text.",
            "paragraphs": "Paragraphs in the cleaned article text.",
            "words_before_cleaning": "Words in the file's body (after any front matter) before cleaning.",
            "words_removed": "Words the cleaning removed (rows of `removed_text.csv`); the rest were kept.",
            "content_hash": "SHA-256 of the cleaned text's casefolded words; equal hashes are exact duplicates.",
            "duplicate_of": "Id of the earlier article this one copies (exact or near-duplicate); empty if none.",
            "duplicate_similarity": "Jaccard similarity of five-word shingles with that article (1 = identical).",
            "warnings": "Problems met while reading the file that did not stop it, and what the analysis altered "
            f"(text longer than {MAX_SENTENCE_CHARS:,} characters without a sentence end, cut into sentences at word "
            "boundaries), separated by `; `.",
            "text": "The cleaned article text, paragraphs separated by blank lines: the one copy of it in the export, "
            "which `text_start` and `text_end` of `paragraphs` and `sentences` index.",
        },
        typed(
            integer=("words", "sentences", "paragraphs", "words_before_cleaning", "words_removed"),
            decimal=("duplicate_similarity",),
        ),
    ),
    "paragraphs": TableDoc(
        "One row per paragraph of cleaned text.",
        {
            "article": "Article id.",
            "paragraph": "Paragraph number within the article, from 0.",
            "start": "Offset of the paragraph's first character in the source text.",
            "end": "Offset just past the paragraph's last character in the source text.",
            "text_start": "Offset of the paragraph in its article's `text` (articles table).",
            "text_end": "Offset just past it: `text[text_start:text_end]` is the paragraph, white space collapsed.",
        },
        typed(integer=("paragraph", *OFFSETS, *TEXT_OFFSETS)),
        {"text": "Paragraph text, white space collapsed: its article's `text[text_start:text_end]`."},
    ),
    "sentences": TableDoc(
        f"One row per sentence, with its tone. Text longer than {MAX_SENTENCE_CHARS:,} characters without a sentence "
        "end is cut at word boundaries into several sentences (the article's `warnings` say so).",
        {
            "article": "Article id.",
            "sentence": "Sentence number within the article, from 0.",
            "paragraph": "Number of the paragraph holding the sentence.",
            "start": "Offset of the sentence's first character in the source text (the decoded file; for HTML, "
            "the extracted main text).",
            "end": "Offset just past the sentence's last character; `source[start:end]` is the sentence.",
            "text_start": "Offset of the sentence in its article's `text` (articles table).",
            "text_end": "Offset just past it: `text[text_start:text_end]` is the sentence, white space collapsed.",
            "words": "Words in the sentence.",
            "polarity": "TextBlob polarity, -1 (negative) to +1 (positive).",
            "subjectivity": "TextBlob subjectivity, 0 (factual) to 1 (opinion).",
            "position_cue": 'True when a support or oppose cue of the codebook is in the sentence ("rejects", '
            '"calls for"); a conditional marker alone is none.',
            "cue_without_issue": "True when the sentence has a position cue but names no issue of the codebook: "
            "a position the codebook cannot count (the share is in the briefing's methodology).",
            "issue_cue": "True when a cue of a codebook issue (or an inverse cue) is in the sentence: the share of "
            "such sentences is the codebook's issue coverage, which the briefing's trust summary checks.",
        },
        typed(
            integer=("sentence", "paragraph", *OFFSETS, *TEXT_OFFSETS, "words"),
            decimal=("polarity", "subjectivity"),
            boolean=("position_cue", "cue_without_issue", "issue_cue"),
        ),
        {"text": "Sentence text, white space collapsed: its article's `text[text_start:text_end]`."},
    ),
    "tone_by_article": TableDoc(
        "One row per article: its tone, aggregated over its sentences. The data behind the tone chart.",
        {
            "article": "Article id.",
            "sentences": "Sentences scored.",
            "polarity_mean": "Mean sentence polarity.",
            "polarity_sd": "Standard deviation of sentence polarity (spread).",
            "subjectivity_mean": "Mean sentence subjectivity.",
            "neutral_share": "Share of sentences with polarity exactly 0.",
            "most_negative_sentence": "Number of the most negative sentence; empty if none scores below 0.",
            "most_negative_polarity": "Its polarity.",
            "most_negative_text": "Its text.",
            "most_positive_sentence": "Number of the most positive sentence; empty if none scores above 0.",
            "most_positive_polarity": "Its polarity.",
            "most_positive_text": "Its text.",
        },
        typed(
            integer=("sentences", "most_negative_sentence", "most_positive_sentence"),
            decimal=(
                "polarity_mean",
                "polarity_sd",
                "subjectivity_mean",
                "neutral_share",
                "most_negative_polarity",
                "most_positive_polarity",
            ),
        ),
    ),
    "stances": TableDoc(
        "One row per claim: an actor's position on an issue, with the sentence that states it.",
        {
            "article": "Article id.",
            "sentence": "Number of the evidence sentence within the article; -1 for the headline.",
            "actor": "Actor id from the codebook or, for a holder the codebook does not list, the name as written.",
            "actor_name": "Actor name.",
            "side": f"The actor's side (the codebook's `{OTHER_SIDE}` side for a holder it does not list).",
            "issue": "Issue id from the codebook.",
            "issue_label": "The issue, as a proposition.",
            "position": f"`{SUPPORT}`, `{OPPOSE}` or `{CONDITIONAL}` (accepted only on a condition).",
            "probability": "The trained model's probability that the sentence states a position of this holder on "
            "this issue. A row the rules found (`via` other than `model`) is kept whatever its probability; the "
            "model's own rows only from its operating threshold up (docs/stance-model.md). Empty where the model "
            "did not score the pair: an issue the rules carried over from an earlier sentence (`anaphora`).",
            "condition": 'For a conditional position, the words of the condition ("only if the rival withdraws …").',
            "cue": 'The words that signal the position ("rejected", "must", "the minister\'s conditions include").',
            "via": 'How the holder was found: `subject`, `passive` ("rejected by X"), `possessor` ("the union\'s '
            'demand"), `pronoun`, `speakers` ("X and Y said they …"), `speaker` or `first person` (the speaker of '
            'the quotation or paraphrase the position stands in), `for` ("For the union, X is not negotiable"), '
            '`report` ("his claim that …"), `reported` ("These include …" after a sentence on demands), '
            '`condition` (an issue named in the condition of another position), `anaphora` ("rejected this '
            'demand") or `model` (no rule found a position word; the trained decision did).',
            "evidence": f"The evidence sentence (or headline){EVIDENCE_EXCERPT}",
            "start": "Offset of the evidence sentence in the source text (0 for a headline the file does not hold).",
            "end": "Offset just past the evidence sentence (0 for a headline the file does not hold).",
        },
        typed(integer=("sentence", *OFFSETS), decimal=("probability",)),
    ),
    "positions_over_time": TableDoc(
        "One row per actor, issue and window (a week, month or year) in which a story reports the actor's position "
        "on the issue, by the story's publication date (the earliest of its copies'; stories without one are left "
        "out). Stories are counted as in the position matrix: copies count once, and a story takes the position of "
        f"most of its statements. Empty when the dated stories span under {MIN_SPAN_DAYS} days. The data behind "
        "the chart `positions_over_time_chart.png`, which draws the rows of `main` pairs.",
        {
            "actor": "Actor id from the codebook or, for a holder the codebook does not list, the name as written.",
            "actor_name": "Actor name.",
            "side": "The actor's side.",
            "issue": "Issue id from the codebook.",
            "issue_short": "Issue, as labelled on the chart.",
            "main": "True for the pairs the briefing follows: the actors and the issues in most stories with a "
            "dated claim (a row of the chart).",
            "unit": f"The window: `week` (dated stories spanning up to {WEEKS_UP_TO_DAYS} days), `month` (up to "
            f"{MONTHS_UP_TO} months) or `year`.",
            "period": "The window (YYYY-MM-DD of its Monday for a week, YYYY-MM for a month, YYYY for a year; a "
            "column of the chart).",
            SUPPORT: "Stories in the window whose position is support.",
            OPPOSE: "Stories in the window whose position is oppose.",
            CONDITIONAL: "Stories in the window whose position is conditional.",
            "stories": "Stories in the window reporting a position of the actor on the issue (the number in the cell).",
            "claims": "Statements behind them.",
            "position": "The position most of the window's stories report, `mixed` on a tie (the cell's colour).",
            "settled": f"True when at least {CHANGE_STORIES} stories, and more than half of the window's, report "
            "that position: a window a change is read from (a solid cell; pale otherwise).",
            "change_from": "The position of the pair's last settled window before this one, when this window is "
            "settled on another: a change of position (an outlined cell); empty otherwise.",
            "change_from_period": "That earlier window; empty without a change.",
            "first_report": "Date of the pair's first dated story (the same on each of its rows).",
            "last_report": "Date of the pair's last dated story.",
        },
        typed(
            integer=(*POSITIONS, "stories", "claims"),
            boolean=("main", "settled"),
        ),
    ),
    "sources": TableDoc(
        "One row per attribution: a quotation or citation and who it comes from.",
        {
            "article": "Article id.",
            "sentence": "Number of the sentence holding it.",
            "speaker": "The source: a person by name (the codebook's for a person it lists, else as written, without "
            "titles, one form per person across the corpus), even where an alias of a group also names them or their "
            "title; a group or institution the codebook lists by its codebook name; else the unnamed description "
            '("Analysts", "a ministry spokesperson", "some party members", "the mayor\'s critics").',
            "actor": "Codebook actor id whose alias names the speaker (a person it lists, a group, or a person its "
            "alias names for a group); empty when no alias names the speaker. A stance in the speaker's words is "
            "this actor's.",
            "speaks_for": "Codebook actor id the speaker is or speaks for: `actor`, else the group or institution an "
            'alias names in a person\'s title before their name ("union president Jane Roe") or in an unnamed '
            'source\'s description ("ministry officials", "some party members"), but not the person or actor that '
            'people such as "critics of X", "X\'s allies" or "an X analyst" are named after; empty when none. `side` '
            "is its side; the briefing counts citations by it beside the source mix.",
            "affiliation": 'Institution from the text ("of the Royal United Services Institute in London").',
            "role": 'Apposition from the text ("a London-based policy analyst").',
            "source_type": "`official`, `organization`, `analyst`, `media`, `anonymous` or `other`.",
            "speaker_kind": "`person` (a person by name: one the codebook lists as a person, or a name the entity "
            "recognizer types as a person), `institution` (a country, government, organization or group by name: a "
            "codebook actor of another kind, or another name) or `unnamed` (an unnamed source's description). The "
            "briefing ranks persons and institutions apart.",
            "side": "Side: the codebook's for the actor in `speaks_for`, else from words in the role or affiliation; "
            f"`{OTHER_SIDE}` if none.",
            "kind": "`direct` (a quotation), `partial` (a paraphrase that quotes a short phrase, or a short quoted "
            "phrase woven into the writer's sentence), `indirect` (reported speech or thought) or `according_to`. "
            "Each act of speech is one row: a phrase inside a longer row of the same speaker and cue, or quoted again "
            "in a longer quotation of theirs in the same paragraph, is not a row of its own.",
            "cue_verb": "The cue as written (said, warned, according to, in a statement …); empty for a quotation "
            "that continues the speaker before it.",
            "verb_strength": "`neutral` (said, noted, believes) or `loaded` (warned, claimed, insisted); empty without "
            "a cue.",
            "quote": "The quoted or reported words; the parts of a quotation interrupted by its speaker are joined "
            "with ` … `.",
            "start": "Offset of the quoted or reported words in the source text.",
            "end": "Offset just past them.",
            "cue_start": "Offset of the cue in the source text; empty without a cue.",
            "cue_end": "Offset just past the cue.",
            "speaker_start": 'Offset of the speaker\'s mention in the source text (the pronoun for "he said"); '
            "empty for a quotation that continues the speaker before it.",
            "speaker_end": "Offset just past the mention.",
            "resolved": "False when nothing identifies the speaker beyond a bare name.",
        },
        typed(
            integer=("sentence", *OFFSETS, "cue_start", "cue_end", "speaker_start", "speaker_end"),
            boolean=("resolved",),
        ),
    ),
    "themes": TableDoc(
        "One row per sentence and codebook theme it touches.",
        {
            "article": "Article id.",
            "sentence": "Sentence number.",
            "theme": "Theme id from the codebook.",
            "theme_label": "Theme name.",
            "cue": "The first cue of the theme found in the sentence.",
            "start": "Offset of the sentence in the source text.",
            "end": "Offset just past the sentence.",
        },
        typed(integer=("sentence", *OFFSETS)),
    ),
    "distinctive_terms": TableDoc(
        "The terms that most set each article apart from the rest of the corpus (TF-IDF), codebook or not.",
        {
            "article": "Article id.",
            "rank": "Rank within the article, from 1.",
            "term": "One- or two-word term (English stop words left out).",
            "score": "TF-IDF weight (sublinear term frequency; the article's vector has unit length).",
        },
        typed(integer=("rank",), decimal=("score",)),
    ),
    "timeline": TableDoc(
        "One row per date expression in an article; one without a year takes the year nearest its article's "
        'publication date, within the window its sentence gives ("last year", "next month").',
        {
            "article": "Article id.",
            "sentence": "Sentence number.",
            "expression": 'The date as written ("February 2022", "May 16", "in November").',
            "date": "The date (YYYY-MM-DD, YYYY-MM or YYYY, per precision); empty when unresolved or named.",
            "precision": "`day`, `month` or `year`.",
            "resolved": "False when the expression has no date: it has no year and the article no publication date, "
            "or it is named.",
            "named": 'True when the date names an event or a day ("the Sept. 11 attacks", "the July 4 holiday", '
            '"the anniversary of …"): not a date of the article, left out of the timeline.',
            "evidence": f"The sentence{EVIDENCE_EXCERPT}",
            "start": "Offset of the sentence in the source text.",
            "end": "Offset just past the sentence.",
        },
        typed(integer=("sentence", *OFFSETS), boolean=("resolved", "named")),
    ),
    "actor_mentions": TableDoc(
        "One row per codebook actor named in a sentence, found once on the linguistic layer and read by every "
        "tagger (stances, sources, tone toward actors).",
        {
            "article": "Article id.",
            "sentence": "Sentence number.",
            "actor": "Actor id from the codebook.",
            "actor_name": "Actor name.",
            "side": "The actor's side.",
            "alias": 'The words that name the actor, as written ("the ministry", "Education Minister Dana Hale").',
        },
        typed(integer=("sentence",)),
    ),
    "frames": TableDoc(
        "One row per frame an article uses (score of three or more).",
        {
            "article": "Article id.",
            "frame": "Frame id from the codebook.",
            "frame_label": "Frame name.",
            "score": "Three for a cue in the headline, plus one per body sentence with a cue.",
            "headline_cue": "The headline cue, if any.",
            "body_sentences": "Body sentences with a cue.",
            "sentence": "Number of the first body sentence with a cue; empty if only the headline has one.",
            "evidence": "That sentence, or the headline.",
            "start": "Offset of that sentence in the source text.",
            "end": "Offset just past that sentence.",
        },
        typed(integer=("score", "body_sentences", "sentence", *OFFSETS)),
    ),
    "loaded_wording": TableDoc(
        "One row per use of a loaded phrase from the codebook.",
        {
            "article": "Article id.",
            "sentence": "Sentence number.",
            "phrase": "The phrase as written.",
            "leaning": "Whose narrative the phrase belongs to (codebook `loaded_wording` key).",
            "quoted": "True when the phrase stands inside quotation marks (the speaker's words, not the writer's).",
            "evidence": f"The sentence{EVIDENCE_EXCERPT}",
            "start": "Offset of the sentence in the source text.",
            "end": "Offset just past the sentence.",
        },
        typed(integer=("sentence", *OFFSETS), boolean=("quoted",)),
    ),
    "removed_text": TableDoc(
        "One row per line or span of text the cleaning removed, for every file read, including files then skipped. "
        "The rules and their size limits are listed in the briefing's methodology.",
        {
            "article": "Article id (also for a file that was then skipped; see `input_problems.csv`).",
            "file": "File path relative to the corpus folder.",
            "line": "Line number in the file, from 1 (first line of a run of trailing blank lines).",
            "start": "Offset of the removed text in the source text.",
            "end": "Offset just past the removed text; `text` is the source text from `start` to `end`.",
            "words": "Words removed (0 for blank lines).",
            "whole_line": "True when the whole line was removed; False for a span cut out of a longer line.",
            "rule": "The rule that removed it (see the methodology for what each rule removes and its size limit).",
            "text": "The removed text (or the number of trailing blank lines).",
        },
        typed(integer=("line", *OFFSETS, "words"), boolean=("whole_line",)),
    ),
    "input_problems": TableDoc(
        "One row per file skipped, type of non-article file ignored, entry not read (a named pipe, a link out of "
        "the corpus or to a folder), manifest row ignored, or publication date far from the rest. Every article "
        "file found is either in `articles.csv` or here.",
        {
            "file": "File (relative to the corpus folder), a count of files of one other type, or `manifest.csv`.",
            "problem": "What was wrong and what was done about it.",
        },
    ),
}


def columns(table: str) -> list[str]:
    """The columns of ``table`` as the analysis holds it, in order: the exported ones, then those held in memory
    only (:attr:`TableDoc.in_memory`)."""
    doc = TABLE_DOCS[table]
    return [*doc.columns, *doc.in_memory]


def row_type(
    typename: str,
    doc: str,
    table: str,
    left_out: Iterable[str] = (),
    defaults: Mapping[str, object] = {},
    extra: Mapping[str, object] = {},
) -> type[tuple]:
    """A named tuple of one row of ``table`` as a tagger yields it.

    Parameters
    ----------
    typename, doc : str
        The class's name and docstring.
    table : str
        The exported table (a key of :data:`TABLE_DOCS`) whose columns are the fields, in its order.
    left_out : iterable of str
        Columns the tagger does not fill (labels and names the assembly adds from the codebook).
    defaults : mapping
        Columns that may be left out when a row is made, with their values; they come after the others.
    extra : mapping
        Fields that are not exported (read by the assembly), with their defaults; they come last.

    Returns
    -------
    type
        The named tuple class, as if defined in the module that calls this.

    Raises
    ------
    ValueError
        When ``left_out`` or ``defaults`` names a column the table does not have.
    """
    skipped = set(left_out)
    unknown = (skipped | set(defaults)) - set(columns(table))
    if unknown:  # a misspelt name would otherwise leave the column in, or its default out
        raise ValueError(f"{', '.join(sorted(unknown))}: not columns of the {table} table")
    required = [name for name in columns(table) if name not in skipped and name not in defaults]
    optional = {**{name: defaults[name] for name in columns(table) if name in defaults}, **extra}
    row = namedtuple(typename, [*required, *optional], defaults=tuple(optional.values()))
    row.__doc__ = doc
    row.__module__ = sys._getframe(1).f_globals["__name__"]  # the caller's, as a class statement there would give
    return row
