"""The article text exported once: every paragraph and sentence sliced back from it by its offsets."""

from briefing.corpus.loading import load_corpus
from briefing.language.segment import build_paragraphs, split_sentences
from briefing.schema import MAX_SENTENCE_CHARS
from briefing.tables.text_spans import article_text, paragraph_offsets, sentence_offsets

AWKWARD = (
    "Talks stall over\tthe  ceasefire\n\n"
    "The minister said the talks would resume.Officials  disagreed, and Rep. Chris Collins, R-N.Y., noted\n"
    "that the  deadline   had passed.\n\n"
    "- a list item with   a   gap\n"
    "- another one. With two sentences.\n\n"
    + " ".join(["word"] * (MAX_SENTENCE_CHARS // 3))  # a run without a sentence end, cut at word boundaries
    + "\n\nThe last paragraph\u00a0ends   here.  And   so does this one.\n"
)


def test_every_paragraph_and_sentence_of_awkward_white_space_is_a_slice_of_the_article_text(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "awkward.txt").write_text(AWKWARD, encoding="utf-8")
    (document,) = load_corpus(tmp_path / "corpus").documents
    paragraphs = build_paragraphs(document.source_text, document.kept_lines)
    sentences = split_sentences(document.source_text, paragraphs)
    assert any(s.cut for s in sentences) and len(paragraphs) >= 4  # the cases above all reached the segmenter
    texts = [p.text for p in paragraphs]
    text = article_text(texts)
    for paragraph, start in zip(paragraphs, paragraph_offsets(texts), strict=True):
        assert text[start : start + len(paragraph.text)] == paragraph.text
    starts = sentence_offsets(texts, [s.paragraph for s in sentences], [s.text for s in sentences])
    assert starts == sorted(starts)
    for sentence, start in zip(sentences, starts, strict=True):
        assert text[start : start + len(sentence.text)] == sentence.text


def test_a_sentence_not_in_its_paragraph_is_an_error():
    import pytest

    with pytest.raises(ValueError, match="not in the text of its paragraph 0"):
        sentence_offsets(["One. Two."], [0, 0], ["Two.", "One."])
