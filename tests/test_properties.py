"""Properties that hold for any input, checked on arbitrary Unicode and bytes (hypothesis).

Scraped text holds anything: control characters, lone surrogates from broken decoders, right-to-left scripts,
emoji, half a front-matter block. Whatever it holds, reading never fails on it except by skipping the file with a
reason, the cleaning accounts for every word, every offset points at the text it names, and the taggers return
rows within the article.
"""

import re
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.codebook import GAP, cue_anchor, cue_problem, cue_regex, load_codebook
from briefing.corpus.boilerplate import clean_lines, word_count
from briefing.corpus.loading import Document
from briefing.corpus.reading import SkipFile, decode, read_front_matter
from briefing.language.segment import bounded_spans
from briefing.paths import DEFAULT_CODEBOOK
from briefing.publish import markup
from briefing.run.per_article import analyze_article

# Text as scrapers deliver it: any characters, often as lines.
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=400)
LINES = st.lists(
    st.one_of(
        ANY_TEXT,
        st.sampled_from(
            ["", "Share this article", "Photo: Reuters", "---", "title: x", "By Jane Doe", "Advertisement"]
        ),
        st.text(st.sampled_from("abc XYZ .,;:!?'\"“”«»-—\u202e\u200b\u0627\u0644"), max_size=80),
    ),
    max_size=12,
).map("\n".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_decode_to_text_or_are_skipped_with_a_reason(data):
    try:
        text, warning = decode(data)
    except SkipFile as exc:
        assert str(exc).endswith("skipped")
        return
    assert isinstance(text, str) and (warning is None or "decoded as" in warning)


@SETTINGS
@given(LINES)
def test_front_matter_of_any_text_gives_short_text_values_or_a_warning(text):
    metadata, body_start, _ = read_front_matter("---\n" + text + "\n---\nBody text.")
    assert 0 <= body_start <= len(text) + 20
    assert all(isinstance(v, str) and len(v) <= len(text) + 10 for v in metadata.values())


@SETTINGS
@given(LINES)
def test_cleaning_accounts_for_every_word_and_every_offset(text):
    cleaned = clean_lines(text)
    assert sum(word_count(line.text) for line in cleaned.kept) + sum(r.words for r in cleaned.removed) == (
        cleaned.body_words
    )
    for line in cleaned.kept:
        assert text[line.start : line.end] == line.text
    for removal in cleaned.removed:
        assert 0 <= removal.start <= removal.end <= len(text)


WORDS = st.lists(
    st.sampled_from(["cede", "ceded", "control", "of", "the", "territory", "-", ",", "talks"]), max_size=30
)


@SETTINGS
@given(
    WORDS.map(" ".join), st.sampled_from(["cede … territory", "control* … the … territor*", "the … the", "of … talks"])
)
def test_a_cue_with_gaps_matches_what_the_one_expression_matches(text, cue):
    # the expression the gapped matcher replaces: right, but exponential in the number of gaps
    parts = [
        r"\s+".join(re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in c.split())
        for c in GAP.split(cue)
    ]
    body = r"(?:\W+\w+){0,4}?\W+".join(parts)
    expression = re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)
    assert [m.span() for m in cue_regex(cue).finditer(text)] == [m.span() for m in expression.finditer(text)]


CUE_WORDS = st.sampled_from(
    ["*", "…", "...", "a*", "abc*", "cede*", "the", "US", "U.S.", "'", "-", "talks", "2*", "é*"]
)


@SETTINGS
@given(st.lists(CUE_WORDS, min_size=1, max_size=6).map(" ".join), WORDS.map(" ".join))
def test_a_cue_the_codebook_accepts_needs_its_literal_word_and_never_matches_empty_text(cue, text):
    if cue_problem(cue):
        return
    anchor = cue_anchor(cue)
    lowered = text.lower().replace("’", "'")
    assert anchor and not any(cue_regex(cue).finditer("zzz qqq"))
    assert all(m.end() > m.start() and anchor in lowered for m in cue_regex(cue).finditer(text))


@SETTINGS
@given(st.text(st.sampled_from("ab \n\t\u00a0"), max_size=200), st.integers(1, 30))
def test_overlong_text_is_cut_at_word_boundaries_into_bounded_pieces_losing_nothing(text, limit):
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    pieces = bounded_spans(text, start, end, limit)
    assert all(0 < b - a <= limit and not text[a].isspace() and not text[b - 1].isspace() for a, b in pieces)
    between = [text[b:a] for (_, b), (a, _) in pairwise(pieces)]
    assert all(not gap.strip() for gap in between)  # only white space is left out, never a character
    assert "".join("".join(text[a:b].split()) for a, b in pieces) == "".join(text.split())
    for a, b in pieces:  # a word is split only when it alone is longer than the limit
        assert b == end or text[b].isspace() or not any(c.isspace() for c in text[a:b])


CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@SETTINGS
@given(st.lists(st.one_of(ANY_TEXT, st.sampled_from(list(CONTROLS + "<>&\"'"))), max_size=20).map("".join))
def test_escaped_text_holds_no_markup_and_no_direction_control(text):
    shown = markup.escape(text)
    assert "<" not in shown and ">" not in shown
    assert not set(shown) & set(CONTROLS)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_the_taggers_return_rows_inside_the_article_whatever_its_text(text):
    codebook = load_codebook(DEFAULT_CODEBOOK)
    cleaned = clean_lines(text)
    document = Document("any", text, tuple(cleaned.kept), cleaned.title or "")
    result = analyze_article(document, codebook)
    for sentence in result.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)
        assert " ".join(text[sentence.start : sentence.end].split()) == sentence.text
    assert all(-1 <= tone.polarity <= 1 for tone in result.tones)
    for row in (*result.claims, *result.attributions):
        assert 0 <= row.start <= row.end <= len(text)
