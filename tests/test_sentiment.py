"""Tone on tiny literal sentences."""

import math

from briefing.language.sentiment import Tone, aggregate, score


def test_polarity_has_the_expected_sign():
    assert score("The talks were a great success.").polarity > 0
    assert score("It was a terrible, brutal attack.").polarity < 0
    assert score("The delegation arrived in Istanbul on Monday.") == Tone(0.0, 0.0)


def test_negation_directly_before_a_scored_word_flips_it():
    assert score("The offer is good.").polarity > 0
    assert score("The offer is not good.").polarity < 0


def test_domain_words_score_neutral_which_the_methodology_warns_about():
    assert score("Russia annexed the region after the invasion.").polarity == 0


def test_aggregate_reports_mean_spread_and_extremes():
    tones = [Tone(0.0, 0.0), Tone(-0.5, 0.6), Tone(0.25, 0.4), Tone(-0.5, 0.9)]
    result = aggregate(tones)
    assert result.sentences == 4
    assert math.isclose(result.polarity_mean, -0.1875)
    assert result.polarity_sd > 0
    assert result.most_negative == 1  # ties go to the first
    assert result.most_positive == 2
    assert result.neutral_share == 0.25


def test_aggregate_of_neutral_article_has_no_extremes():
    result = aggregate([Tone(0.0, 0.0), Tone(0.0, 0.1)])
    assert (result.most_negative, result.most_positive) == (None, None)
    assert result.polarity_sd == 0


def test_aggregate_of_nothing_is_empty_not_an_error():
    result = aggregate([])
    assert result.sentences == 0 and math.isnan(result.polarity_mean)


def test_scores_are_textblobs_own_on_real_sentences():
    from conftest import seed_text
    from textblob import TextBlob

    sentences = [line for line in seed_text("002").splitlines() if len(line.split()) > 5][:20]
    for sentence in sentences:
        expected = TextBlob(sentence).sentiment
        assert score(sentence) == Tone(round(expected.polarity, 6), round(expected.subjectivity, 6))
