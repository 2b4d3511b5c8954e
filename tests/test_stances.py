"""Stance extraction on tiny literal sentences, the seeds, and a second codebook."""

import pytest
from conftest import FIXTURES, layer_of

from briefing.codebook import load_codebook
from briefing.evaluate.seed_claims import load_gold, score_claims
from briefing.paths import CODEBOOKS_DIR, DEFAULT_CODEBOOK
from briefing.taggers.sources import extract_attributions
from briefing.taggers.stances import extract_claims

UKRAINE = load_codebook(DEFAULT_CODEBOOK)


def claims_of(*texts: str, codebook=UKRAINE) -> set[tuple[str, str, str]]:
    """Claims of literal sentences, with their attributions as the pipeline passes them."""
    layer = layer_of(*texts, codebook=codebook)
    source = "".join(text + "\n\n" for text in texts)
    attributions = extract_attributions("a", source, layer, codebook)
    return {(c.actor, c.issue, c.position) for c in extract_claims("a", layer, codebook, attributions)}


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


def test_pronouns_and_role_nouns_resolve_to_the_last_person():
    assert claims_of("Putin spoke in Moscow on Monday.", "He rejected a ceasefire.") == {
        ("putin", "ceasefire", "oppose")
    }
    assert claims_of("The Russian leader insisted on a NATO ban.", "") == set()  # no issue cue, no claim
    assert claims_of("The Ukrainian president rejected any ceasefire.") == {("zelensky", "ceasefire", "oppose")}


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
    # for rules that generalize; these floors are what they measure now.
    assert scores.loc["all", "precision"] >= 0.84
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a holder the codebook does not list is named as written
        ("Elon Musk rejected new sanctions.", {("Elon Musk", "sanctions", "oppose")}),
        # "we" inside a quotation is its speaker
        ("“We will never accept a ceasefire,” Zelensky said.", {("zelensky", "ceasefire", "oppose")}),
        # the issue as subject of a judgement: the speaker's position
        ("“The lethal aid will strengthen Kyiv,” Biden said.", {("biden", "military_aid", "support")}),
        # a speaker of one side reporting what the other side wants is not that side's position
        ("Zelensky said Russia wants a ceasefire.", set()),
        # examples of a common noun hold the position
        (
            "Countries such as Hungary and Austria have spoken out against the price cap.",
            {("hungary", "sanctions", "oppose"), ("Austria", "sanctions", "oppose")},
        ),
        # a list the parser hangs from a name in the noun's own clause still lists the noun's examples
        (
            "Countries which import gas from Russia, such as Hungary and Austria, opposed the price cap.",
            {("hungary", "sanctions", "oppose"), ("Austria", "sanctions", "oppose")},
        ),
        # a relative pronoun's antecedent holds its clause's position
        (
            "Republican lawmakers who support military aid spoke on Monday.",
            {("us_congress", "military_aid", "support")},
        ),
        # a group named by its people's adjectives
        (
            "Russian and Ukrainian delegations held several rounds of peace talks.",
            {("russia", "peace_talks", "support"), ("ukraine", "peace_talks", "support")},
        ),
        # a singular thing as subject inside a statement: the speaker's judgement; a plural group is no one
        (
            "“The best way to help Kyiv is to provide military aid,” Stoltenberg said.",
            {("stoltenberg", "military_aid", "support")},
        ),
        ("“Western countries want more sanctions,” Stoltenberg said.", set()),
        ("The package of military aid was approved by the US.", {("us", "military_aid", "support")}),  # "US" ≠ "us"
        # a relative clause on the issue states what it is, not a position on it
        (
            "The Kremlin has since demanded that Ukraine officially declare itself a neutral country that will"
            " never join the US-led NATO military bloc.",
            {("russia", "nato_membership", "oppose")},
        ),
        # a cue's own preposition is no adjunct, and a cue noun above it composes ("no reason to …")
        ("Kiev sees no reason to engage in negotiations.", {("ukraine", "peace_talks", "oppose")}),
        # "they" after coordinated speakers is each of them, allies or not
        (
            "The US and Germany have said they see no point in negotiating with Russia.",
            {("us", "peace_talks", "oppose"), ("germany", "peace_talks", "oppose")},
        ),
        # "he" is the person named as a subject before, not as an object
        (
            "Mr Macron last spoke to Mr Zelensky on Tuesday, when he agreed to help boost Ukraine's air defences.",
            {("macron", "military_aid", "support")},
        ),
        # a gerund after "of" is done by whoever the noun belongs to
        (
            "The progressive position aligns with the Biden administration's approach of urging negotiations.",
            {("us", "peace_talks", "support")},
        ),
        # the content of a report noun is its owner's, else no one's
        (
            "“We reject the false allegation that the Ukrainians were planning to use a dirty bomb,” Kirby said.",
            {("kirby", "nuclear_use", "oppose")},
        ),
        (
            "Putin repeated his claim that Ukraine must withdraw from the Donbas.",
            {("putin", "cede_territory", "support")},
        ),
        # the content of a negated noun is said not to hold
        ("There was no indication that Russia was ready to negotiate.", {("russia", "peace_talks", "oppose")}),
        # on a cue noun, "in" is its complement, not an adjunct
        ("Germany sees no point in negotiating with Russia.", {("germany", "peace_talks", "oppose")}),
        # a cause is a circumstance, not what a predicate is about
        ("Russia's revenue increased because of sanctions.", set()),
        # an issue word governs another issue only as an argument, not through a clause on it
        (
            "Putin's conditions include Ukraine's withdrawal from Kherson, the region that Russia annexed in 2022.",
            {("putin", "cede_territory", "support")},
        ),
        # a judgement made for someone is theirs
        ("For Ukraine, conceding any territory is not negotiable.", {("ukraine", "cede_territory", "oppose")}),
        # an issue that is the topic of another is no position of its own
        ("Putin proposed talks to discuss conditions for a possible truce.", {("putin", "peace_talks", "support")}),
        # a cue whose gap holds the issue
        ("Putin put Russia's nuclear forces on high alert.", {("putin", "nuclear_use", "support")}),
        # the group a common noun is part of
        (
            "Members of Congress have been calling for a diplomatic solution.",
            {("us_congress", "peace_talks", "support")},
        ),
        # an issue's own verb in a clause that states a fact
        (
            "Zelensky refused to talk after Russia annexed four regions.",
            {("russia", "annexation_recognition", "support"), ("zelensky", "peace_talks", "oppose")},
        ),
        ("Will Kyiv accept a ceasefire?", set()),  # a question states no position
        # an inverted condition is a hypothesis
        (
            "It would provide Russia a new route into the Kharkiv oblast, which has been recaptured by Ukraine,"
            " should Putin prioritize an effort to reclaim that territory, Lukashenko said.",
            set(),
        ),
        ("Russia could withdraw from the talks.", set()),  # a possibility is no position
        # an unnamed official speaks for the institution its description names
        (
            "A support package for Ukraine will be formally unveiled on Wednesday, White House officials said.",
            {("us", "military_aid", "support")},
        ),
        # a prescription is the prescriber's: "must" with its verb, the verb's own cue reversing the issue
        ("Putin said the West must lift sanctions.", {("putin", "sanctions", "oppose")}),
        ("Peskov said sanctions must be lifted.", {("peskov", "sanctions", "oppose")}),
        (
            "Zelensky said Russia must withdraw its troops from Ukraine.",
            {("zelensky", "russian_withdrawal", "support")},
        ),
        ("Ukraine must negotiate from a position of strength.", set()),  # said by no one: no one's
        # a cue word that is part of its own issue's wording is the issue ("withdraw from the territories")
        (
            "Putin demanded that Ukrainian forces withdraw from the territories claimed by Moscow.",
            {("putin", "cede_territory", "support")},
        ),
    ],
)
def test_holders_from_the_parse_and_the_attributions(text, expected):
    assert claims_of(text) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a general noun with a determiner points back to the last sentence's issue
        (
            ("Biden said he would supply Kyiv with new long-range missiles.", "Lavrov hit out against the deliveries."),
            {("biden", "military_aid", "support"), ("lavrov", "military_aid", "oppose")},
        ),
        # the head noun of an earlier mention points back to its issue
        (
            ("The grain deal was signed in Istanbul.", "Russia later suspended the deal."),
            {("russia", "grain_deal", "oppose")},
        ),
        # "it" after a cue points back even when a circumstance names another issue
        (
            (
                "Putin's conditions for peace include Ukraine's withdrawal from Kherson.",
                "This demand was rejected by Kyiv, yet the Russian delegation reiterated it during talks in Istanbul.",
            ),
            {
                ("putin", "cede_territory", "support"),
                ("ukraine", "cede_territory", "oppose"),
                ("russia", "cede_territory", "support"),
            },
        ),
        # "those terms" are the demands just reported
        (
            ("Putin's conditions for peace include a ceasefire.", "Those terms include Ukraine giving up regions."),
            {("putin", "ceasefire", "support"), ("putin", "cede_territory", "support")},
        ),
        # a noun that names its own content is no anaphor
        (
            ("Kyiv wants more air defence.", "Moscow rejected the idea of peace talks."),
            {("ukraine", "military_aid", "support"), ("russia", "peace_talks", "oppose")},
        ),
    ],
)
def test_issues_named_again_by_a_determiner_and_a_noun(texts, expected):
    assert claims_of(*texts) == expected


def test_they_outside_a_statement_is_the_last_group_named_as_a_subject():
    texts = ("Progressive Democrats wrote to Biden on Monday.", "They urged him to seek a ceasefire.")
    assert claims_of(*texts) == {("us_congress", "ceasefire", "support")}


@pytest.mark.parametrize(
    ("text", "condition", "claimed"),
    [
        # "until" after a negation: the condition's issue is demanded
        (
            "Moscow has rejected a ceasefire until Ukraine withdraws from the four regions.",
            "until Ukraine withdraws from the four regions",
            ("cede_territory", "support"),
        ),
        # linking an issue to another makes it conditional on it
        (
            "Russia had linked such a ceasefire to a halt in Ukraine's mobilization effort.",
            "to a halt in Ukraine's mobilization effort",
            ("rearmament_pause", "support"),
        ),
        # the condition's own predicate reads its issue: wanting sanctions eased opposes them
        (
            "Moscow will not extend the ceasefire unless sanctions on its exports are eased.",
            "unless sanctions on its exports are eased",
            ("sanctions", "oppose"),
        ),
        # a refusal as long as something lasts opposes what lasts
        (
            "Moscow will not agree to a ceasefire as long as Kyiv gets Western weapons.",
            "as long as Kyiv gets Western weapons",
            ("military_aid", "oppose"),
        ),
    ],
)
def test_a_condition_is_kept_as_text_and_its_issue_is_claimed(text, condition, claimed):
    claims = {(c.actor, c.issue): c for c in extract_claims("a", layer_of(text, codebook=UKRAINE), UKRAINE)}
    assert claims[("russia", "ceasefire")].position == "conditional"
    assert claims[("russia", "ceasefire")].condition == condition
    assert claims[("russia", claimed[0])].position == claimed[1]
    assert not any(actor == "ukraine" for actor, _ in claims)  # a condition's own verb is no claim of its subject


def test_a_headline_is_read_before_the_body_and_marked_as_such(make_corpus):
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    root = make_corpus({"a.txt": "Kyiv rules out ceding land to Russia\n\nThe talks resumed in Geneva on Monday.\n"})
    stances = analyze(root, RunSettings(codebook=UKRAINE)).stances
    headline = stances[stances["sentence"] == -1]
    assert headline[["actor", "issue", "position"]].values.tolist() == [["ukraine", "cede_territory", "oppose"]]
    assert headline.iloc[0]["evidence"] == "Kyiv rules out ceding land to Russia"
    assert (headline.iloc[0]["start"], headline.iloc[0]["end"]) == (0, 36)
