"""Pass 2 of the stance tagger: holders from the parse, resolved pronouns and the attributions."""

import pytest
from conftest import claims_of


def test_pronouns_and_role_nouns_resolve_to_the_last_person():
    assert claims_of("Putin spoke in Moscow on Monday.", "He rejected a ceasefire.") == {
        ("putin", "ceasefire", "oppose")
    }
    assert claims_of("The Russian leader insisted on a NATO ban.", "") == set()  # no issue cue, no claim
    assert claims_of("The Ukrainian president rejected any ceasefire.") == {("zelensky", "ceasefire", "oppose")}


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # "she" is the person the source tagger read last, though the codebook does not list her
        (
            (
                "Kadri Simson, the EU energy commissioner, said on Friday that gas prices were too high.",
                "She supports new sanctions on Russia.",
            ),
            {("Kadri Simson", "sanctions", "support")},
        ),
        # a surname alone is the fullest name the article gives that person, as in the source ledger
        (
            ("Sen. Jim Risch said on Tuesday that prices were high.", "Risch backs new sanctions on Russia."),
            {("Jim Risch", "sanctions", "support")},
        ),
    ],
)
def test_holders_are_named_as_the_article_and_the_source_ledger_name_them(texts, expected):
    assert claims_of(*texts) == expected


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


def test_they_outside_a_statement_is_the_last_group_named_as_a_subject():
    texts = ("Progressive Democrats wrote to Biden on Monday.", "They urged him to seek a ceasefire.")
    assert claims_of(*texts) == {("us_congress", "ceasefire", "support")}
