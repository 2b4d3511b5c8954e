"""What earlier sentences tell later ones: the one discourse both taggers keep."""

from briefing.language.discourse import Discourse, Speaker


def test_remember_keeps_the_last_speaker_and_the_last_person_and_group_apart():
    discourse = Discourse({"Sanders": "Bernie Sanders"})
    person, group, unnamed = (
        Speaker("Bernie Sanders", person=True),
        Speaker("NATO", "nato"),
        Speaker("officials", unnamed_side="Other"),
    )
    discourse.remember(person, 1)
    discourse.remember(group, 2)
    discourse.remember(unnamed, 3)
    discourse.remember(None, 4)
    assert (discourse.last_person, discourse.last_group) == (person, group)
    assert (discourse.last_speaker, discourse.last_paragraph) == (unnamed, 3)
    assert discourse.full_name("Sanders") == "Bernie Sanders"
    assert discourse.full_name("Jane Sanders") == "Jane Sanders"
