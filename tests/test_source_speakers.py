"""Speakers of the source tagger: pronouns resolved to the last person or speaker, sides from the codebook."""

import pytest
from conftest import attributions

from briefing.codebook import load_codebook
from briefing.corpus.boilerplate import clean_lines
from briefing.language.segment import build_paragraphs, split_sentences
from briefing.paths import DEFAULT_CODEBOOK
from briefing.run.per_article import article_layers
from briefing.taggers.sources.source_article import extract_attributions

CODEBOOK = load_codebook(DEFAULT_CODEBOOK)


PRONOUN_CASES = {
    "he said after a quote is its speaker, not a person named inside it": (
        [
            "“Trump has implied that he will withdraw,” said Jack Watling of the Royal United Services Institute.",
            "He predicted that Russia would press its offensive in the summer.",
        ],
        ["Jack Watling", "Jack Watling"],
    ),
    "he in a later sentence is the subject named before, not a possessor": (
        [
            "“It is shameful,” Hillary Clinton said of the casinos on Wednesday.",
            "But Mayor Don Guardian stopped short of fully endorsing Clinton's criticisms.",
            "He said it would be difficult to measure how much the casinos contributed to the city's ruin.",
        ],
        ["Hillary Clinton", "Don Guardian"],
    ),
    "he after a quote naming someone else is the last speaker before it": (
        [
            "Zelensky said he has nothing to discuss with Putin.",
            "“Ukraine will not hold any negotiations as long as Putin is president,” he said at the time.",
        ],
        ["Volodymyr Zelensky", "Volodymyr Zelensky"],
    ),
}


@pytest.mark.parametrize(("paragraphs", "speakers"), PRONOUN_CASES.values(), ids=PRONOUN_CASES)
def test_a_pronoun_is_the_person_or_speaker_the_story_means(paragraphs, speakers):
    assert [a[1] for a in attributions(*paragraphs)] == speakers


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
