"""Speakers of the source tagger: pronouns resolved to the last person or speaker, sides from the codebook."""

import pytest
from conftest import attribution_rows, attributions

from briefing.codebook import load_codebook
from briefing.corpus.boilerplate import clean_lines
from briefing.language.segment import build_paragraphs, split_sentences
from briefing.paths import CODEBOOKS_DIR, DEFAULT_CODEBOOK
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
    text = "A Kremlin spokesperson said the plan was dead.\n\nJane Roe, a Moscow-based analyst, said it was alive.\n"
    sentences = split_sentences(text, build_paragraphs(text, clean_lines(text, stated_title="Test").kept))
    sides = {}
    for book in (CODEBOOK, load_codebook(CODEBOOKS_DIR / "school-phone-ban.yaml")):
        layer = article_layers([(text, sentences)], book)[0]
        sides[book.name] = [(a.speaker, a.side) for a in extract_attributions("a", text, layer, book)]
    assert sides["Ukraine peace talks"] == [("A Kremlin spokesperson", "Russia"), ("Jane Roe", "Russia")]
    assert sides["Smartphones in schools"] == [("A Kremlin spokesperson", "Other"), ("Jane Roe", "Other")]


US_CAMPAIGN = load_codebook(CODEBOOKS_DIR / "us-campaign-2016.yaml")


def campaign_rows(*paragraphs: str):
    """The attributions of literal paragraphs with the US campaign codebook, whose aliases name parties and
    campaigns ("Republicans", "GOP", "Corey Lewandowski"), and the text they index."""
    text = "\n\n".join(paragraphs) + "\n"
    sentences = split_sentences(text, build_paragraphs(text, clean_lines(text, stated_title="Test").kept))
    layer = article_layers([(text, sentences)], US_CAMPAIGN)[0]
    return text, extract_attributions("a", text, layer, US_CAMPAIGN)


# sentence: (speaker, actor, speaks_for, source type, side) of its one row
CAMPAIGN_SPEAKERS = {
    "people named after an actor are not the actor": (
        "Clinton defenders argue that the emails were never classified.",
        ("Clinton defenders", None, None, "anonymous", "Other"),
    ),
    "the possessor of allies is not the speaker": (
        "Donald Trump's allies said the campaign was in good shape.",
        ("Donald Trump's allies", None, None, "anonymous", "Other"),
    ),
    "critics of a party do not speak for it": (
        "Critics of the Republican Party say the platform ignores young voters.",
        ("Critics", None, None, "anonymous", "Other"),
    ),
    "a named person keeps their name beside a party alias in their title": (
        "Log Cabin Republicans president Gregory T. Angelo said the party must welcome gay voters.",
        ("Gregory T. Angelo", None, "republican_party", "other", "Republicans"),
    ),
    "one party leader is not the party": (
        "One district GOP leader said the convention would be chaotic.",
        ("One district GOP leader", None, "republican_party", "anonymous", "Republicans"),
    ),
    "some of a party's members are not the party": (
        "Some Democrats say Perez would help Clinton win the swing states.",
        ("Some Democrats", None, "democratic_party", "anonymous", "Democrats"),
    ),
    "the party's alias alone is the party": (
        "Democrats say Perez would help Clinton win the swing states.",
        ("Democratic Party", "democratic_party", "democratic_party", "official", "Democrats"),
    ),
    "a person a campaign's alias names keeps their name": (
        "Corey Lewandowski said the convention would be open.",
        ("Corey Lewandowski", "trump_campaign", "trump_campaign", "organization", "Republicans"),
    ),
    "a person who shares a surname with a campaign's alias is not the campaign": (
        "Alicia Bannon, senior counsel at the Brennan Center, said the race was too expensive.",
        ("Alicia Bannon", None, None, "analyst", "Other"),
    ),
    "according to interviews by X credits X": (
        "The decision was made in private, according to interviews by the Associated Press with a dozen aides.",
        ("Associated Press", None, None, "media", "Other"),
    ),
    "X, who said, credits X with the clause": (
        "The rally was organized by Jane Roe, who said supporters would march to the convention.",
        ("Jane Roe", None, None, "other", "Other"),
    ),
}


@pytest.mark.parametrize(("sentence", "expected"), CAMPAIGN_SPEAKERS.values(), ids=CAMPAIGN_SPEAKERS)
def test_the_speaker_is_whom_the_phrase_names_and_the_actor_they_speak_for_is_its_own_column(sentence, expected):
    _, rows = campaign_rows(sentence)
    assert [(a.speaker, a.actor, a.speaks_for, a.source_type, a.side) for a in rows] == [expected]


def test_a_relative_clause_is_what_its_antecedent_said():
    _, rows = campaign_rows("The rally was organized by Jane Roe, who said supporters would march to the convention.")
    assert [(a.speaker, a.quote) for a in rows] == [("Jane Roe", "supporters would march to the convention")]


def test_a_title_and_party_label_stay_inside_the_name():
    text, rows = campaign_rows("Rep. Chris Collins, R-N.Y., noted that the party would unite behind Trump.")
    assert [(a.speaker, a.role, a.quote) for a in rows] == [
        ("Chris Collins", "R-N.Y.", "the party would unite behind Trump")
    ]
    assert text[rows[0].speaker_start : rows[0].speaker_end] == "Rep. Chris Collins"  # the shown name drops the title


def test_an_aide_of_a_person_is_not_the_person():
    assert attributions("A Putin aide said the talks were over.") == [
        ("indirect", "A Putin aide", "anonymous", "Other", "the talks were over")
    ]


def test_a_source_is_a_person_a_country_or_institution_or_unnamed_by_the_codebook_kind_or_the_entity_type():
    rows = attribution_rows(
        "Putin said the talks would go on.",  # a codebook person
        "Russia said the talks would go on.",  # a codebook country
        "Jack Watling, a senior fellow, said the talks would go on.",  # a person the codebook does not list
        "The Institute for the Study of War said the talks would go on.",  # an organization it does not list
        "Analysts said the talks would go on.",  # unnamed
    )
    assert [(a.speaker, a.speaker_kind) for a in rows] == [
        ("Vladimir Putin", "person"),
        ("Russia", "institution"),
        ("Jack Watling", "person"),
        ("Institute for the Study of War", "institution"),
        ("Analysts", "unnamed"),
    ]
