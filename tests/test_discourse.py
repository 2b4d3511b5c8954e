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


def test_marks_keep_whom_he_means_at_each_sentence_and_a_second_reading_keeps_them():
    discourse = Discourse()
    discourse.mark(0)
    kara_murza = Speaker("Evgenia Kara-Murza", person=True)
    discourse.remember(kara_murza, 0)
    discourse.mark(1)
    discourse.restart()  # the source tagger reads the article a second time to resolve its rows
    discourse.mark(1)  # a mark is kept from the first reading
    assert discourse.persons_before == {0: None, 1: kara_murza}
    assert discourse.last_person is None and discourse.last_speaker is None
