"""Themes, distinctive terms, the timeline and the cross-article summaries."""

import pandas as pd
import pytest
from conftest import layer_of

from briefing import report
from briefing.codebook import load_codebook
from briefing.paths import DEFAULT_CODEBOOK
from briefing.publish import figures
from briefing.run.distinctive_terms import distinctive_terms
from briefing.run.settings import RunSettings
from briefing.tables.assembly import analyze
from briefing.taggers.themes import tag_themes
from briefing.taggers.timeline import find_dates

CODEBOOK = load_codebook(DEFAULT_CODEBOOK)


def test_a_sentence_can_touch_several_themes_or_none():
    layer = layer_of("Missile strikes hit Kharkiv as NATO allies met.", "The weather was cold.", codebook=CODEBOOK)
    tags = {(t.sentence, t.theme) for t in tag_themes("a", layer, CODEBOOK)}
    assert tags == {(0, "air_strikes"), (0, "nato_alliances")}


def test_distinctive_terms_set_articles_apart_and_skip_reporting_verbs():
    terms = distinctive_terms(
        {
            "a": "The grain corridor reopened, officials said. Grain ships left Odesa. The grain deal held.",
            "b": "Drone strikes hit the power grid, officials said. Power cuts spread. The grid failed.",
            "c": "Talks resumed in Geneva, officials said. Delegates met in Geneva for talks.",
        }
    )
    top = terms[terms["rank"] == 1].set_index("article")["term"].to_dict()
    assert top == {"a": "grain", "b": "grid", "c": "geneva"}
    assert "said" not in set(terms["term"])


def test_each_texts_terms_are_kept_for_a_rerun_that_scores_them_as_a_run_without_them(tmp_path, monkeypatch):
    from briefing.run import distinctive_terms as module
    from briefing.run.cache import DiskCache

    texts = {
        "a": "The grain corridor reopened, officials said. Grain ships left Odesa. The grain deal held.",
        "b": "Drone strikes hit the power grid, officials said. Power cuts spread. The grid failed.",
        "c": "It was so.",  # no term at all
    }
    memo = DiskCache(tmp_path, "test")
    assert distinctive_terms(texts, memo=memo).equals(distinctive_terms(texts))
    tokenized, terms_of = [], module.terms_of

    def counted(text, stop_words):
        tokenized.append(text)
        return terms_of(text, stop_words)

    monkeypatch.setattr(module, "terms_of", counted)
    more = {**texts, "d": "Talks resumed in Geneva, officials said. Delegates met in Geneva for talks."}
    rerun = distinctive_terms(more, memo=memo)
    assert tokenized == [more["d"]]  # the others' terms came from the memo
    assert rerun.equals(distinctive_terms(more)) and "geneva" in set(rerun["term"])
    fewer = {"b": texts["b"], "d": more["d"]}
    distinctive_terms(fewer, memo=memo)
    assert len(memo.get(module.TERMS_MEMO)) == 2  # only the texts of the last run are kept


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("since the invasion in February 2022", None, [("February 2022", "2022-02", True)]),
        ("after the May 16 talks", "2025-05-20", [("May 16", "2025-05-16", True)]),
        ("after the May 16 talks", "2025-03-01", [("May 16", "2025-05-16", True)]),  # nearer than May 2024
        ("after the May 16 talks", "2025-10-01", [("May 16", "2025-05-16", True)]),  # nearer than May 2026
        ("after the May 16 talks", None, [("May 16", None, False)]),
        ("when it leaked in November", "2025-12-03", [("in November", "2025-11", True)]),
        ("annexed in 2014", None, [("in 2014", "2014", True)]),
        ("Trump may ultimately withdraw", None, []),
    ],
)
def test_dates_resolve_against_publication_dates(text, published, expected):
    assert [(d.expression, d.date, d.resolved) for d in find_dates(text, published)] == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the year nearest publication, before or after it
        ("ahead of the Feb. 9 New Hampshire primary", "2016-01-14", "2016-02-09"),
        ("the caucuses on Jan. 5 will decide", "2015-12-20", "2016-01-05"),
        ("the convention opened on July 18", "2016-08-02", "2016-07-18"),
        ("polls close in November", "2016-02-01", "2015-11"),  # three months back, nine on
        # the window the sentence gives
        ("Clinton said last March that the deal was good", "2016-06-10", "2015-03"),
        ("the vote this March", "2016-06-10", "2016-03"),
        ("Last year, on Nov. 3, he announced his run", "2016-01-14", "2015-11-03"),
        ("the talks resume next month, on Feb. 3", "2016-01-14", "2016-02-03"),
        ("earlier this year, in November, talks failed", "2016-12-15", "2016-11"),
        ("next year, in March, the law takes effect", "2016-06-10", "2017-03"),
        ("since Feb. 24, the war has killed thousands", "2022-09-01", "2022-02-24"),  # "since": not after publication
        ("two weeks ago, on Dec. 28, the vote", "2016-01-10", "2015-12-28"),
        ("On Tuesday, Feb. 9, voters went to the polls", "2016-08-14", "2016-02-09"),  # the year Feb. 9 is a Tuesday
        ("On Friday, Feb. 9, voters went to the polls", "2019-01-14", "2018-02-09"),
        ("a poll last year, in December, found", "2016-12-15", "2015-12"),  # last year's December, not this one
    ],
)
def test_a_date_without_a_year_takes_the_year_nearest_publication_within_the_sentences_window(
    text, published, expected
):
    assert [d.date for d in find_dates(text, published)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "security since the Sept. 11 attacks",
        "since the Sept. 11, 2001, terrorist attacks",
        "on the 15th anniversary of the Sept. 11 attacks",
        "travel over the July 4 holiday",
        "the anniversary of the Feb. 24 invasion",
        "a post-Sept. 11 world",
    ],
)
def test_a_date_that_names_an_event_or_a_day_is_no_date_of_the_article(text):
    (mention,) = find_dates(text, "2016-01-14")
    assert mention.named and mention.date is None and not mention.resolved


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the verb the date is the time of: past or perfect before publication, "will" and "going to" after
        ("The city council voted in May to settle the case.", "2015-12-04", "2015-05"),  # not May 2016, nearer
        ("The talks have stalled since the collapse of the truce in February.", "2022-10-13", "2022-02"),
        ("Voters will go to the polls in March.", "2016-07-01", "2017-03"),  # not March 2016, nearer
        ("He is going to speak in March.", "2016-07-01", "2017-03"),
        ("Back in October, the union endorsed him.", "2016-06-10", "2015-10"),
        # a date that modifies a noun is not the time of the verb: the nearest year
        ("He led every poll ahead of the Feb. 9 primary.", "2016-01-14", "2016-02-09"),
        ("A show scheduled for March drew crowds.", "2016-01-14", "2016-03"),
    ],
)
def test_the_tense_of_the_verb_a_date_belongs_to_keeps_it_before_or_after_publication(text, published, expected):
    (item,) = layer_of(text)
    assert [d.date for d in find_dates(item.sentence.text, published, item)] == [expected]


def test_a_bare_participle_joined_to_a_past_verb_keeps_its_dates_before_publication():
    # the parser hangs "early January" from "denying", a participle joined to "spent": both dates are in the past
    (item,) = layer_of("The firm spent weeks in late December and early January denying it.")
    assert [d.date for d in find_dates(item.sentence.text, "2022-10-20", item)] == ["2021-12", "2022-01"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The firm was sold in 2014, and its founder quit in January of that year.", "2016-07-29", ["2014", "2014-01"]),
        ("Ads ran a few times over the past three months for the show airing on May 23.", "2016-04-13", ["2016-05-23"]),
        ("The campaign has cash to spend between now and March.", "2015-08-01", ["2016-03"]),
        ("Unions balked after her March comment on coal.", "2016-06-10", ["2016-03"]),
        ("A report from May 2018 to February of this year found water.", "2021-12-18", ["2018-05", "2021-02"]),
        ("the devastating attacks of Sept.11, 2001 changed travel", "2016-01-14", [None]),  # a name, typed tight
    ],
)
def test_the_sentences_words_and_more_forms_of_a_month_are_read(text, published, expected):
    assert [d.date for d in find_dates(text, published)] == expected


def test_a_date_beside_other_nouns_is_still_a_date():
    (mention,) = find_dates("the Nov. 13 vote in Paris and its attack ads", "2016-01-14")
    assert not mention.named and mention.date == "2015-11-13"


def test_timeline_uses_manifest_dates_and_keeps_the_unresolved(make_corpus):
    body = "Officials recalled the invasion in February 2022 and the talks on May 16, officials said on Monday.\n"
    root = make_corpus(
        {
            "a.txt": "Dated story one here\n" + body,
            "b.txt": "Dated story two here\n" + body.replace("officials said", "a spokesman added"),
            "manifest.csv": "file,date\na.txt,2025-06-01\n",
        }
    )
    timeline = analyze(root, RunSettings(codebook=CODEBOOK)).timeline
    resolved = dict(zip(timeline["article"] + " " + timeline["expression"], timeline["date"], strict=True))
    assert resolved["a May 16"] == "2025-05-16" and pd.isna(resolved["b May 16"])
    assert resolved["b February 2022"] == "2022-02"


def test_key_findings_are_computed_linked_and_change_with_the_corpus(seeds_analysis, make_corpus):
    findings = report.key_findings(seeds_analysis)
    assert 5 <= len(findings) <= 8
    assert all(anchor.startswith("finding-") for _, anchor in findings)
    assert any("Ukraine cedes territory" in f.heading for f, _ in findings)
    other = make_corpus(
        {
            "x.txt": "Phones in class\nMinister Hale insisted on a phone ban. Teachers worry about wellbeing.\n",
            "y.txt": "Union pushes back\nThe teachers' union rejected the ban on smartphones in March 2024.\n",
        }
    )
    other_findings = report.key_findings(
        analyze(other, RunSettings(codebook=load_codebook("codebooks/school-phone-ban.yaml")))
    )
    assert [f.heading for f, _ in other_findings] != [f.heading for f, _ in findings]


def test_thin_tone_is_flagged_and_extremes_carry_context(seeds_analysis):
    actors = report.tone_toward_actors(seeds_analysis).set_index("actor")
    assert bool(actors.loc["Dmitry Medvedev", "thin"]) and not bool(actors.loc["Vladimir Putin", "thin"])
    extremes = report.extremes_with_context(seeds_analysis, 2)
    assert list(extremes.columns) == ["Side", "Polarity", "Before", "Sentence", "After", "Article"]
    assert (extremes["Before"] != "").any() and (extremes["After"] != "").any()


def test_charts_stay_bounded_on_a_large_corpus(make_corpus):
    files = {
        f"a{i:02d}.txt": f"Report number {i} on the talks\nNegotiators met in Geneva in March 20{10 + i % 10} to "
        f"discuss a ceasefire, sanctions and territory, officials said on day {i}.\n"
        for i in range(30)
    }
    analysis = analyze(make_corpus(files), RunSettings(codebook=CODEBOOK))
    charts = figures.briefing_charts(analysis, top_n_articles=10)
    assert charts["theme_heatmap"].data["article"].nunique() == 10
    assert charts["timeline_chart"].data["article"].nunique() == 10
    assert "across the 10 most theme-dense of 30 articles" in charts["theme_heatmap"].alt
    assert analysis.terms.empty  # near-identical articles: no term sets one apart, and no error
