"""Attribution of quotes and citations on literal sentences, generated corpora and the seeds."""

import pytest
from conftest import FIXTURES

from briefing.codebook import load_codebook
from briefing.corpus.boilerplate import clean_lines
from briefing.evaluate.seed_claims import load_gold_sources, score_sources
from briefing.language.segment import build_paragraphs, split_sentences
from briefing.paths import DEFAULT_CODEBOOK
from briefing.run.per_article import article_layers
from briefing.run.settings import RunSettings
from briefing.tables.assembly import analyze
from briefing.taggers.sources import extract_attributions

CODEBOOK = load_codebook(DEFAULT_CODEBOOK)


def attributions(*paragraphs: str):
    text = "\n\n".join(paragraphs) + "\n"
    sentences = split_sentences(text, build_paragraphs(text, clean_lines(text, stated_title="Test").kept))
    found = extract_attributions("a", text, article_layers([(text, sentences)], CODEBOOK)[0], CODEBOOK)
    for a in found:
        assert text[a.start : a.end].startswith(a.quote.split(" … ")[0])  # offsets point at the quoted words
        assert text[a.start : a.end].endswith(a.quote.split(" … ")[-1])
        if a.cue_start is not None:
            assert a.cue_verb.startswith(text[a.cue_start : a.cue_end].lower().split()[0])
        if a.speaker_start is not None:
            assert text[a.speaker_start : a.speaker_end].strip()
    return [(a.kind, a.speaker, a.source_type, a.side, a.quote) for a in found]


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
        (
            ["Putin spoke in Moscow on Monday.", "He called them “substantive discussions” with Washington."],
            [
                ("indirect", "Vladimir Putin", "official", "Russia", "them “substantive discussions” with Washington"),
                ("partial", "Vladimir Putin", "official", "Russia", "substantive discussions"),
            ],
        ),
    ],
)
def test_attribution_forms(paragraphs, expected):
    assert attributions(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (  # a phrasal cue; its content is what follows "clear"
            ["Putin made it clear that Russia would only cease fighting if Kyiv withdraws."],
            [("indirect", "Vladimir Putin", "Russia would only cease fighting if Kyiv withdraws")],
        ),
        (  # doubled apostrophes as quotation marks (NYT archives); "Mr. Sanders" is the fullest name in the article
            ["Bernie Sanders said that the race was close.", "''We are not leaving,'' Mr. Sanders said."],
            [("indirect", "Bernie Sanders", "the race was close"), ("direct", "Bernie Sanders", "We are not leaving")],
        ),
        (  # one quotation interrupted by its speaker is one row; "say" inside a quotation is the speaker's words
            ["“They say we will lose,” Zelensky said. “Nobody will give up our land.”"],
            [("direct", "Volodymyr Zelensky", "They say we will lose … Nobody will give up our land.")],
        ),
        (  # a quotation left open at its paragraph's end runs on; the speaker given once, after it
            [
                "“Russia will not stop at Ukraine. It will test every border it can reach",
                "“We have seen this before, and we know how it ends,” said Jack Watling, an analyst.",
            ],
            [
                (
                    "direct",
                    "Jack Watling",
                    "Russia will not stop at Ukraine. It will test every border it can reach … We have seen this "
                    "before, and we know how it ends",
                )
            ],
        ),
        (  # a pronoun is the person named earlier in its own sentence
            ["Trump spoke to reporters.", "When Putin invaded Ukraine, he claimed that NATO threatened Russia."],
            [("indirect", "Vladimir Putin", "NATO threatened Russia")],
        ),
        (  # a person named where no entity recognition ran ("Sen. Warren", titled) is who "she" means
            ["The crowd cheered when Sen. Warren arrived, reports said.", "“We will win,” she said."],
            [
                ("according_to", "reports", "The crowd cheered when Sen. Warren arrived"),
                ("direct", "Warren", "We will win"),
            ],
        ),
        (  # a common-noun subject with a name in apposition: the name speaks, the noun phrase is the role
            ["The mayor's chief of staff, Jane Doe, said that the budget would pass."],
            [("indirect", "Jane Doe", "the budget would pass")],
        ),
        (  # a verbless quotation after another floats to its speaker; negated verbs report nothing
            [
                "“The front is holding,” said Jack Watling, an analyst.",
                "“Russia cannot break through this year.”",
                "Officials in Kyiv did not comment.",
            ],
            [
                ("direct", "Jack Watling", "The front is holding"),
                ("direct", "Jack Watling", "Russia cannot break through this year."),
            ],
        ),
    ],
)
def test_attribution_on_the_parse(paragraphs, expected):
    assert [(kind, speaker, quote) for kind, speaker, _, _, quote in attributions(*paragraphs)] == expected


def test_a_quote_continuing_over_sentences_keeps_its_speaker_and_later_mentions_keep_the_role():
    found = attributions(
        "“The first sentence of the commentary,” Fyodor Lukyanov, a Moscow-based analyst, wrote in a commentary.",
        "“And its second sentence follows here.”",
        "Officials in Kyiv did not comment on Monday.",
        "“A later remark,” Lukyanov said.",
    )
    assert [(k, s, t, side) for k, s, t, side, _ in found] == [("direct", "Fyodor Lukyanov", "analyst", "Russia")] * 3


def test_he_said_after_a_quote_is_its_speaker_not_a_person_named_inside_it():
    found = attributions(
        "“Trump has implied that he will withdraw,” said Jack Watling of the Royal United Services Institute.",
        "He predicted that Russia would press its offensive in the summer.",
    )
    assert [a[1] for a in found] == ["Jack Watling", "Jack Watling"]


def test_a_time_after_a_cue_verb_is_no_speaker():
    found = attributions(
        "Mykhailo Podolyak, an adviser to Zelensky, extended an olive branch in a tweet posted Friday, writing,"
        ' "Let\'s be honest. Musk helped us survive the most critical moments of war."'
    )
    assert [a[1] for a in found] == ["Mykhailo Podolyak"]


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


def test_one_person_is_one_speaker_across_the_corpus(make_corpus):
    root = make_corpus(
        {
            "a.txt": "Analysts weigh in\n“The Kremlin is in no hurry,” said Tatiana Stanovaya of the Carnegie Russia "
            "Eurasia Center.\n",
            "b.txt": "A second view\n“Moscow will wait,” Tatyana Stanovaya said on Friday in a long interview.\n",
            "c.txt": "Third view on talks\n“Nothing has changed,” Stanovaya said in a statement on Sunday.\n",
        }
    )
    sources = analyze(root, RunSettings(codebook=CODEBOOK)).sources
    assert set(sources["speaker"]) == {"Tatiana Stanovaya"}
    assert set(sources["source_type"]) == {"analyst"} and set(sources["affiliation"]) == {
        "the Carnegie Russia Eurasia Center"
    }


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
    # 0.982 here. Precision is lower on the parse because beliefs and proposals ("Putin believes …", "Zelensky
    # proposed another round of talks") are attributions in the PolNeAR sense that this gold did not annotate
    # (see the blind gold below); direct recall because a quotation interrupted by "he said" is one row, where
    # this gold has two.
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
