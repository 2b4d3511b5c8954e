"""Paragraphs and sentences with character offsets into the source text.

Sentence boundaries come from sentencex (Wikimedia), a rule-based offline
segmenter that knows abbreviations ("U.S.", "Mr.") and keeps a closing
quotation mark with its sentence. It replaced pysbd, which took a tenth of
the whole analysis; on the annotated dev articles the two agree on 98% of
boundaries, and attribution scores the same or better. Offsets are found by locating each segment in the source, so
``source_text[start:end]`` is always the sentence as the file has it.

A "sentence" longer than :data:`~briefing.schema.MAX_SENTENCE_CHARS` (a line without punctuation) is cut at word
boundaries into pieces of at most that length, each a sentence of its own (``cut``), so that no text is lost and
every per-sentence step (parsing, tone, matching) and every table row that repeats a sentence stays bounded; the
article says so in its warnings (:func:`cut_warning`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from briefing.corpus.boilerplate import SENTENCE_END, Line, word_count
from briefing.schema import EXCERPT_CHARS, MAX_SENTENCE_CHARS, WHOLE_SENTENCE_ROWS  # promised by the data dictionary

LIST_MARKER = re.compile(r"^\s*(?:[-*•·–—]|\d{1,3}[.)])\s+|^\s+")
BREAKS = re.compile(r"[\r\n\t]")
SPACES = re.compile(r"\s+")
# An initial ending a segment ("R-N.") and one starting the next with no space between ("Y., noted"): one word
# ("Rep. Chris Collins, R-N.Y., noted") that the segmenter cut, never the end of a sentence.
INITIAL_END = re.compile(r"(?<![A-Za-z])[A-Z]\.$")
INITIAL_START = re.compile(r"^[A-Z]\.(?![A-Za-z])")


class Paragraph(NamedTuple):
    """A run of kept lines that reads as one paragraph."""

    index: int
    start: int
    end: int
    text: str


class Sentence(NamedTuple):
    """One sentence; ``text`` is the source slice with white space collapsed."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str
    words: int
    cut: bool = False  # a piece of a longer run of text, cut at a word boundary (MAX_SENTENCE_CHARS)


def collapse_whitespace(text: str) -> str:
    """Single spaces between words, no leading or trailing space."""
    return " ".join(text.split())


def continues_paragraph(previous: Line, line: Line) -> bool:
    """True when ``line`` is a hard-wrapped continuation of ``previous``."""
    return (
        line.number == previous.number + 1
        and not SENTENCE_END.search(previous.text)
        and not LIST_MARKER.match(line.text)
        and line.text[:1].islower()
    )


def build_paragraphs(text: str, kept_lines: Iterable[Line]) -> list[Paragraph]:
    """Group kept lines into paragraphs, dropping list markers.

    A removed line or a blank line always ends a paragraph; a line break
    ends one unless the next line continues a hard-wrapped sentence.
    """
    spans: list[list[int]] = []
    previous = None
    for line in kept_lines:
        marker = LIST_MARKER.match(line.text)
        start = line.start + (marker.end() if marker else 0)
        end = line.start + len(line.text.rstrip())
        if start >= end:
            continue
        if previous is not None and spans and continues_paragraph(previous, line):
            spans[-1][1] = end
        else:
            spans.append([start, end])
        previous = line
    return [Paragraph(i, start, end, collapse_whitespace(text[start:end])) for i, (start, end) in enumerate(spans)]


def _segments(chunk: str):
    import sentencex

    return sentencex.segment("en", chunk)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets within ``text[start:end]``."""
    # Same-length substitution keeps offsets valid while the segmenter sees one line.
    chunk = BREAKS.sub(" ", text[start:end])
    spans = []
    cursor = 0
    for segment in _segments(chunk):
        piece = segment.strip()
        if not piece:
            continue
        found = chunk.find(piece, cursor)
        if found < 0:  # the segmenter altered the text; keep the rest as one sentence
            rest = chunk[cursor:]
            found = cursor + len(rest) - len(rest.lstrip())
            piece = rest.strip()
            if piece:
                spans.append((start + found, start + found + len(piece)))
            break
        if spans and spans[-1][1] == start + found and initials_cut(text, spans[-1], start + found):
            spans[-1] = (spans[-1][0], start + found + len(piece))
        else:
            spans.append((start + found, start + found + len(piece)))
        cursor = found + len(piece)
    return spans


def initials_cut(text: str, before: tuple[int, int], start: int) -> bool:
    """True when a segment ending at ``before`` and the next starting right at ``start`` cut one word of initials
    ("R-N." | "Y., noted")."""
    return bool(INITIAL_END.search(text[before[0] : before[1]]) and INITIAL_START.match(text[start : start + 3]))


def bounded_spans(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` cut into pieces of at most ``limit`` characters, each ending at the last white space that
    fits (within a word only where a word alone is longer), without the white space between pieces."""
    pieces = []
    while end - start > limit:
        breaks = [m.span() for m in SPACES.finditer(text, start + 1, start + limit + 1)]
        cut, resume = breaks[-1] if breaks else (start + limit, start + limit)
        if resume == start + limit + 1:  # the run of white space may go on past the window
            resume = min(SPACES.match(text, cut).end(), end)
        pieces.append((start, cut))
        start = resume
    return [*pieces, (start, end)] if end > start else pieces


def split_sentences(text: str, paragraphs: Iterable[Paragraph]) -> list[Sentence]:
    """Split each paragraph into sentences, numbered across the article; an overlong one is cut into pieces
    (:func:`bounded_spans`)."""
    sentences = []
    for paragraph in paragraphs:
        for span in sentence_spans(text, paragraph.start, paragraph.end):
            pieces = bounded_spans(text, *span)
            for start, end in pieces:
                sentence = collapse_whitespace(text[start:end])
                index = len(sentences)
                sentences.append(
                    Sentence(index, paragraph.index, start, end, sentence, word_count(sentence), len(pieces) > 1)
                )
    return sentences


def cut_warning(sentences: Iterable[Sentence]) -> str | None:
    """The article's warning that overlong sentences were cut (:func:`bounded_spans`), or None."""
    cut = [sentence for sentence in sentences if sentence.cut]
    if not cut:
        return None
    return (
        f"text longer than {MAX_SENTENCE_CHARS:,} characters without a sentence end cut at word boundaries into "
        f"{len(cut):,} sentences (from sentence {cut[0].index} to {cut[-1].index})"
    )


def evidence_text(sentence: Sentence, rank: int, start: int, end: int) -> str:
    """What the ``rank``-th row (from 0) of one sentence in a per-hit table shows as evidence: the sentence for the
    first :data:`WHOLE_SENTENCE_ROWS`, then its words around the hit at ``start:end`` (offsets into its text)."""
    if rank < WHOLE_SENTENCE_ROWS:
        return sentence.text
    text = sentence.text
    before, after = max(0, start - EXCERPT_CHARS), min(len(text), end + EXCERPT_CHARS)
    return ("… " if before else "") + text[before:after].strip() + (" …" if after < len(text) else "")
