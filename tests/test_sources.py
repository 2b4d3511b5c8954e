"""Attribution of quotes and citations on literal sentences, generated corpora and the seeds."""

import pytest
from conftest import FIXTURES, attributions

from briefing.codebook import load_codebook
from briefing.evaluate.seed_claims import load_gold_sources, score_sources
from briefing.paths import DEFAULT_CODEBOOK

CODEBOOK = load_codebook(DEFAULT_CODEBOOK)


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ["“We will not cede territory,” Zelensky said."],
            [("direct", "Volodymyr Zelensky", "official", "Ukraine", "We will not cede territory")],
        ),
        (
            ["“The front is holding,” said Jack Watling of the Royal United Services Institute in London."],
            [("direct", "Jack Watling", "analyst", "Europe", "The front is holding")],
        ),
        (
            ["Sergei Markov, a pro-Kremlin, Moscow-based analyst, said: “Kyiv will have to give way.”"],
            [("direct", "Sergei Markov", "analyst", "Russia", "Kyiv will have to give way.")],
        ),
        (
            ["Kremlin spokesperson Dmitry Peskov confirmed that the talks would resume next week."],
            [("indirect", "Dmitry Peskov", "official", "Russia", "the talks would resume next week")],
        ),
        (
            ["According to Peskov, the talks will resume in Istanbul."],
            [("according_to", "Dmitry Peskov", "official", "Russia", "the talks will resume in Istanbul")],
        ),
        (
            ["Assessments from the Institute for the Study of War indicate that Russia is advancing slowly."],
            [("according_to", "Institute for the Study of War", "analyst", "Other", "Russia is advancing slowly")],
        ),
        (
            ["Analysts note that the gap between the two sides remains wide."],
            [("indirect", "Analysts", "anonymous", "Other", "the gap between the two sides remains wide")],
        ),
        (
            ["A Kremlin spokesperson noted that the plan remained unacceptable to Russia."],
            [("indirect", "A Kremlin spokesperson", "anonymous", "Russia", "the plan remained unacceptable to Russia")],
        ),
        (  # one act of speech: the paraphrase that quotes a phrase is one partial row, not two rows
            ["Putin spoke in Moscow on Monday.", "He called them “substantive discussions” with Washington."],
            [("partial", "Vladimir Putin", "official", "Russia", "them “substantive discussions” with Washington")],
        ),
    ],
)
def test_attribution_forms(paragraphs, expected):
    assert attributions(*paragraphs) == expected


ONE_ROW_PER_ACT = {
    "a phrase inside its speaker's paraphrase of the same cue is one partial row": (
        ["Zelensky said Russia has “scorned” meaningful efforts to achieve peace."],
        [("partial", "Volodymyr Zelensky", "Russia has “scorned” meaningful efforts to achieve peace")],
    ),
    "a phrase that follows its speaker's quotation in the same paragraph is that quotation again": (
        [
            "“Russia will never accept a frozen conflict in Ukraine,” Peskov said in Moscow, where the “frozen "
            "conflict” talk has alarmed diplomats for months."
        ],
        [("direct", "Dmitry Peskov", "Russia will never accept a frozen conflict in Ukraine")],
    ),
    "in the next paragraph it is a row of its own": (
        [
            "“Russia will never accept a frozen conflict in Ukraine,” Peskov said in Moscow.",
            "Days later the “frozen conflict” talk alarmed diplomats in several European capitals.",
        ],
        [
            ("direct", "Dmitry Peskov", "Russia will never accept a frozen conflict in Ukraine"),
            ("partial", "Dmitry Peskov", "frozen conflict"),
        ],
    ),
    "a phrase with a cue of its own is a second act": (
        [
            "Putin spoke on Monday.",
            "He warned that if Kyiv refuses what he called “substantive discussions,” then those goals would be "
            "pursued through military means instead.",
        ],
        [
            (
                "indirect",
                "Vladimir Putin",
                "Kyiv refuses what he called “substantive discussions,” then those goals would be pursued through "
                "military means instead",
            ),
            ("partial", "Vladimir Putin", "substantive discussions"),
        ],
    ),
}


@pytest.mark.parametrize(("paragraphs", "expected"), ONE_ROW_PER_ACT.values(), ids=ONE_ROW_PER_ACT)
def test_each_act_of_speech_is_one_row(paragraphs, expected):
    assert [(kind, speaker, quote) for kind, speaker, _, _, quote in attributions(*paragraphs)] == expected


def test_seed_sources_hold_every_quoted_speaker_with_side_and_type(seeds_analysis):
    sources = seeds_analysis.sources
    profile = {
        s: (t, side) for s, t, side in zip(sources["speaker"], sources["source_type"], sources["side"], strict=True)
    }
    assert profile["Donald Trump"] == ("official", "US")
    assert profile["Dmitry Medvedev"] == ("official", "Russia")
    assert profile["Vladimir Medinsky"] == ("official", "Russia")
    assert profile["Fyodor Lukyanov"] == ("analyst", "Russia")
    assert profile["Sergei Markov"] == ("analyst", "Russia")
    assert profile["Jack Watling"] == ("analyst", "Europe")
    assert profile["Tatiana Stanovaya"] == ("analyst", "Other")
    assert profile["Volodymyr Zelensky"] == ("official", "Ukraine")
    assert profile["Vladimir Putin"] == ("official", "Russia")
    direct = set(sources.loc[sources["kind"] == "direct", "speaker"])
    assert {
        "Donald Trump",
        "Dmitry Medvedev",
        "Fyodor Lukyanov",
        "Jack Watling",
        "Sergei Markov",
        "Tatiana Stanovaya",
        "Vladimir Medinsky",
    } <= direct
    cited = set(zip(sources["speaker"], sources["kind"], strict=True))
    assert {
        ("Dmitry Peskov", "indirect"),
        ("Yuri Ushakov", "indirect"),
        ("Institute for the Study of War", "according_to"),
    } <= cited


def test_source_quality_on_the_annotated_seeds_stays_above_its_floor(seeds_analysis):
    gold = load_gold_sources(seeds_analysis.articles, seeds_analysis.corpus, FIXTURES / "gold_sources.csv")
    scores = score_sources(seeds_analysis.sources, gold).set_index("kind")
    # The regex extractor this replaced scored precision 0.965, recall 0.948, direct recall 1.0 and speaker accuracy
    # 0.982 here, when this gold still counted five paraphrases that quote a phrase twice (an indirect row and a
    # partial one, as the blind gold below does not). Precision is lower on the parse because beliefs and proposals
    # ("Putin believes …", "Zelensky proposed another round of talks") are attributions in the PolNeAR sense that
    # this gold did not annotate (see the blind gold below); direct recall because a quotation interrupted by "he
    # said" is one row, where this gold has two.
    assert scores.loc["all", "precision"] >= 0.72 and scores.loc["all", "recall"] >= 0.95
    assert scores.loc["direct", "recall"] >= 0.88
    assert scores.loc["all", "speaker_accuracy"] >= 0.95


def test_source_quality_on_the_seeds_annotated_blind_beats_the_regex_extractor(seeds_analysis):
    # gold_sources_blind.csv: every attribution of the seeds in the PolNeAR sense (beliefs and intentions too),
    # marked by an annotator who saw neither extractor's output. The regex extractor scored precision 0.877,
    # recall 0.521 and speaker accuracy 0.980 against it.
    gold = load_gold_sources(seeds_analysis.articles, seeds_analysis.corpus, path=FIXTURES / "gold_sources_blind.csv")
    scores = score_sources(seeds_analysis.sources, gold).set_index("kind")
    assert scores.loc["all", "recall"] >= 0.63 and scores.loc["all", "precision"] >= 0.80
    assert scores.loc["direct", "recall"] == 1.0
    assert scores.loc["all", "speaker_accuracy"] >= 0.94
