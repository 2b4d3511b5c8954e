"""Pass 1 of the source tagger: cue verbs on the parse, their speaker and content."""

import pytest
from conftest import attributions


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


def test_a_time_after_a_cue_verb_is_no_speaker():
    found = attributions(
        "Mykhailo Podolyak, an adviser to Zelensky, extended an olive branch in a tweet posted Friday, writing,"
        ' "Let\'s be honest. Musk helped us survive the most critical moments of war."'
    )
    assert [a[1] for a in found] == ["Mykhailo Podolyak"]
