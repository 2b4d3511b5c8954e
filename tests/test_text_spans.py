"""The article text exported once: every paragraph and sentence sliced back from it by its offsets."""

import os
from pathlib import Path

import pytest

from briefing.corpus.loading import load_corpus
from briefing.language.segment import build_paragraphs, split_sentences
from briefing.language.text_spans import article_text, paragraph_offsets, sentence_offsets
from briefing.paths import PROJECT_ROOT
from briefing.schema import MAX_SENTENCE_CHARS

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
    with pytest.raises(ValueError, match="not in the text of its paragraph 0"):
        sentence_offsets(["One. Two."], [0, 0], ["Two.", "One."])


POOL = Path(os.environ.get("BRIEFING_POOL", PROJECT_ROOT.parent / "shared" / "pool")) / "war-2022"
DEV = Path(os.environ.get("BRIEFING_DEV_DATA", PROJECT_ROOT.parent / "shared" / "dev"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "folder, files",
    [(POOL, 400), (DEV / "corpus-2022", 39), (DEV / "polnear" / "text", 100)],
    ids=["pool", "corpus-2022", "polnear"],
)
def test_every_paragraph_and_sentence_of_real_articles_is_a_slice_of_their_text(folder, files, tmp_path):
    if not folder.is_dir():
        pytest.skip(f"{folder}: real articles not found (set BRIEFING_POOL or BRIEFING_DEV_DATA)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(folder.glob("*.txt"))[:files]:
        (corpus / path.name).write_bytes(path.read_bytes())
    checked = 0
    for document in load_corpus(corpus).documents:
        paragraphs = build_paragraphs(document.source_text, document.kept_lines)
        sentences = split_sentences(document.source_text, paragraphs)
        texts = [p.text for p in paragraphs]
        text = article_text(texts)
        starts = sentence_offsets(texts, [s.paragraph for s in sentences], [s.text for s in sentences])
        sliced = [text[a : a + len(s.text)] for a, s in zip(starts, sentences, strict=True)]
        assert sliced == [s.text for s in sentences], document.id
        checked += len(sentences)
    assert checked > 10 * files  # the articles were read and cut into sentences
