"""Pass 0 of the stance tagger: issues named by their cues and named again."""

import pytest
from conftest import claims_of


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
