"""Speakers of the source tagger: pronouns resolved to the last person or speaker, sides from the codebook."""

from conftest import attributions

from briefing.codebook import load_codebook
from briefing.corpus.boilerplate import clean_lines
from briefing.language.segment import build_paragraphs, split_sentences
from briefing.paths import DEFAULT_CODEBOOK
from briefing.run.per_article import article_layers
from briefing.taggers.sources.source_article import extract_attributions

CODEBOOK = load_codebook(DEFAULT_CODEBOOK)


def test_he_said_after_a_quote_is_its_speaker_not_a_person_named_inside_it():
    found = attributions(
        "“Trump has implied that he will withdraw,” said Jack Watling of the Royal United Services Institute.",
        "He predicted that Russia would press its offensive in the summer.",
    )
    assert [a[1] for a in found] == ["Jack Watling", "Jack Watling"]


def test_he_in_a_later_sentence_is_the_subject_named_before_not_a_possessor():
    found = attributions(
        "“It is shameful,” Hillary Clinton said of the casinos on Wednesday.",
        "But Mayor Don Guardian stopped short of fully endorsing Clinton's criticisms.",
        "He said it would be difficult to measure how much the casinos contributed to the city's ruin.",
    )
    assert [a[1] for a in found] == ["Hillary Clinton", "Don Guardian"]


def test_he_after_a_quote_naming_someone_else_is_the_last_speaker_before_it():
    found = attributions(
        "Zelensky said he has nothing to discuss with Putin.",
        "“Ukraine will not hold any negotiations as long as Putin is president,” he said at the time.",
    )
    assert [a[1] for a in found] == ["Volodymyr Zelensky", "Volodymyr Zelensky"]


def test_sides_of_sources_outside_the_actor_list_come_from_the_codebook():
    from briefing.paths import CODEBOOKS_DIR

    text = "A Kremlin spokesperson said the plan was dead.\n\nJane Roe, a Moscow-based analyst, said it was alive.\n"
    sentences = split_sentences(text, build_paragraphs(text, clean_lines(text, stated_title="Test").kept))
    sides = {}
    for book in (CODEBOOK, load_codebook(CODEBOOKS_DIR / "school-phone-ban.yaml")):
        layer = article_layers([(text, sentences)], book)[0]
        sides[book.name] = [(a.speaker, a.side) for a in extract_attributions("a", text, layer, book)]
    assert sides["Ukraine peace talks"] == [("A Kremlin spokesperson", "Russia"), ("Jane Roe", "Russia")]
    assert sides["Smartphones in schools"] == [("A Kremlin spokesperson", "Other"), ("Jane Roe", "Other")]
