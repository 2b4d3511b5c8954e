"""Pass 4 of the stance tagger: conditions, and the issues named inside them."""

import pytest
from conftest import UKRAINE, layer_of

from briefing.taggers.stances.stance_claims import extract_claims


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
