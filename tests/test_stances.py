"""Stance extraction on tiny literal sentences, the seeds, and a second codebook."""

import pytest
from conftest import FIXTURES, UKRAINE, claims_of

from briefing.codebook import load_codebook
from briefing.evaluate.seed_claims import load_gold, score_claims
from briefing.paths import CODEBOOKS_DIR


def test_recorded_seed_scores_are_current(seeds_analysis):
    """The briefing shows the seed scores ``make eval`` recorded; they must be today's."""
    from briefing.evaluate.recorded import recorded_seed_scores
    from briefing.evaluate.seed_claims import seed_scores, seed_source_scores

    stances, sources, measured = recorded_seed_scores()
    assert measured, "no seed scores recorded: run make eval"
    live_stances = seed_scores(FIXTURES / "gold_stances.csv", reuse=seeds_analysis)
    live_sources = seed_source_scores(FIXTURES / "gold_sources.csv", reuse=seeds_analysis)
    counts = ["gold", "extracted", "correct"]
    assert stances[counts].astype(int).to_dict("records") == live_stances[counts].astype(int).to_dict("records")
    assert stances["position"].tolist() == live_stances["position"].tolist()
    counts = ["gold", "extracted", "matched"]
    assert sources[counts].astype(int).to_dict("records") == live_sources[counts].astype(int).to_dict("records")
    assert sources["kind"].tolist() == live_sources["kind"].tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin demanded that Ukraine withdraw from the Donbas.", {("putin", "cede_territory", "support")}),
        (
            "Zelenskyy said occupied territories will never be recognized as Russian.",
            {("zelensky", "cede_territory", "oppose")},
        ),
        ("The Kremlin is not willing to accept a ceasefire.", {("russia", "ceasefire", "oppose")}),
        ("Moscow wants to prevent Ukraine from joining NATO.", {("russia", "nato_membership", "oppose")}),
        ("Kyiv rejected NATO exclusion.", {("ukraine", "nato_membership", "support")}),
        ("Any territorial concession remains a red line for Kyiv.", {("ukraine", "cede_territory", "oppose")}),
        (
            "A 30-day truce proposed by Trump was accepted by Kyiv.",
            {("trump", "ceasefire", "support"), ("ukraine", "ceasefire", "support")},
        ),
        (
            "Russia will cease hostilities only when Ukrainian forces withdraw from the territories Moscow claims.",
            {("russia", "ceasefire", "conditional"), ("russia", "cede_territory", "support")},
        ),
        (
            "Both Russia and Ukraine have shown openness to talks.",
            {("russia", "peace_talks", "support"), ("ukraine", "peace_talks", "support")},
        ),
        ("European leaders urged new sanctions against Moscow.", {("eu", "sanctions", "support")}),
        ("Putin's conditions for peace include limits on Ukraine's army.", {("putin", "army_limits", "support")}),
        ("If Kyiv refuses the talks, Russia will launch an offensive.", set()),
        ("The truce plan has not gained Moscow's support.", {("russia", "ceasefire", "oppose")}),
        ("Complications remain, especially regarding Ukraine's willingness to cede land.", set()),
        (
            "The Kremlin says a peace deal must come first, and only then can a ceasefire be considered.",
            # the condition names an issue: that issue is demanded (docs/annotating-stances.md)
            {("russia", "ceasefire", "conditional"), ("russia", "peace_talks", "support")},
        ),
        ("Moscow insists on Ukraine agreeing never to join NATO.", {("russia", "nato_membership", "oppose")}),
        ("According to Peskov, Russia opposes a frontline ceasefire.", {("russia", "ceasefire", "oppose")}),
        ("Delegates met during talks in Istanbul.", set()),
    ],
)
def test_one_sentence(text, expected):
    assert claims_of(text) == expected


def test_a_demand_reported_then_rejected_counts_for_both_sides():
    assert claims_of(
        "Putin's conditions for peace include Ukraine's withdrawal from Donetsk.",
        "This demand has been rejected by Kyiv, yet the Russian delegation reiterated it.",
    ) == {
        ("putin", "cede_territory", "support"),
        ("ukraine", "cede_territory", "oppose"),
        ("russia", "cede_territory", "support"),
    }


def test_a_second_codebook_on_another_topic_needs_no_code_change():
    schools = load_codebook(CODEBOOKS_DIR / "school-phone-ban.yaml")
    assert claims_of(
        "Minister Hale insisted on a phone ban from September.",
        "The teachers' union rejected the ban on smartphones, calling it a moral panic.",
        "The union urged funding for lockers instead.",
        "Parent campaigners said they would only back digital skills lessons if a phone ban came first.",
        codebook=schools,
    ) == {
        ("minister_hale", "phone_ban", "support"),
        ("teachers_union", "phone_ban", "oppose"),
        ("teachers_union", "lockers", "support"),
        ("parents_group", "screen_education", "conditional"),
        ("parents_group", "phone_ban", "support"),
    }


def test_seed_stances_hold_the_core_positions(seeds_analysis):
    claims = seeds_analysis.stances
    held = set(zip(claims["side"], claims["issue"], claims["position"], strict=True))
    assert ("Russia", "cede_territory", "support") in held
    assert ("Russia", "nato_membership", "oppose") in held
    assert ("Ukraine", "cede_territory", "oppose") in held
    assert ("Europe", "security_guarantees", "support") in held
    assert ("US", "sanctions", "support") in held
    for row in claims.itertuples():
        source = (seeds_analysis.corpus / seeds_analysis.articles.set_index("id").loc[row.article, "path"]).read_text()
        assert " ".join(source[row.start : row.end].split()) == row.evidence


def test_quality_on_the_annotated_seeds_stays_above_its_floor(seeds_analysis):
    scores = score_claims(
        seeds_analysis.stances, load_gold(seeds_analysis.sentences, FIXTURES / "gold_stances.csv")
    ).set_index("position")
    # The parse-based rules (issue 10) trade seed recall (0.88 with the regex rules written on these articles)
    # for rules that generalize; the trained decision's own rows (issue 30) then cost seed precision (0.857 with the
    # rules alone, 0.676 now: docs/stance-model.md). These floors are what they measure now.
    assert scores.loc["all", "precision"] >= 0.62
    assert scores.loc["all", "recall"] >= 0.80
    assert scores.loc["support", "recall"] >= 0.75
    assert scores.loc["oppose", "recall"] >= 0.90
    assert scores.loc["conditional", "recall"] >= 0.85


def test_seed_scores_reuse_the_seed_analysis_and_match_a_fresh_one(seeds_analysis):
    from briefing.evaluate.seed_claims import seed_scores

    gold = FIXTURES / "gold_stances.csv"
    reused, fresh = seed_scores(gold, reuse=seeds_analysis), seed_scores(gold)
    assert reused.round(6).equals(fresh.round(6))
    assert reused.set_index("position").loc["all", "gold"] == len(
        load_gold(seeds_analysis.sentences, FIXTURES / "gold_stances.csv")
    )


def test_a_headline_is_read_before_the_body_and_marked_as_such(make_corpus):
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    root = make_corpus({"a.txt": "Kyiv rules out ceding land to Russia\n\nThe talks resumed in Geneva on Monday.\n"})
    stances = analyze(root, RunSettings(codebook=UKRAINE)).stances
    headline = stances[stances["sentence"] == -1]
    assert headline[["actor", "issue", "position"]].values.tolist() == [["ukraine", "cede_territory", "oppose"]]
    assert headline.iloc[0]["evidence"] == "Kyiv rules out ceding land to Russia"
    assert (headline.iloc[0]["start"], headline.iloc[0]["end"]) == (0, 36)


def test_a_manifest_title_the_file_does_not_hold_is_parsed_from_its_own_words(make_corpus):
    """A title given only by the manifest has no place in the file (offsets 0 and 0): its parse is of its own words,
    not of the empty slice of the file, so a position it states is read (an empty parse made this crash)."""
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    root = make_corpus(
        {
            "a.txt": "The talks resumed in Geneva on Monday.\n",
            "manifest.csv": "file,title\na.txt,Kyiv rules out ceding land to Russia\n",
        }
    )
    stances = analyze(root, RunSettings(codebook=UKRAINE)).stances
    headline = stances[stances["sentence"] == -1]
    assert headline[["actor", "issue", "position"]].values.tolist() == [["ukraine", "cede_territory", "oppose"]]
    assert headline.iloc[0]["evidence"] == "Kyiv rules out ceding land to Russia"
    assert (headline.iloc[0]["start"], headline.iloc[0]["end"]) == (0, 0)
