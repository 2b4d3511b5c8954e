"""The English grammar of briefing/data/grammar.yaml: one pronoun set each tagger selects from, one title list."""

from briefing.language.grammar import SUBJECTS, grammar
from briefing.taggers.sources import source_speakers, source_syntactic
from briefing.taggers.stances import stance_holders, stance_issues


def test_each_tagger_selects_its_pronouns_from_the_one_set_by_their_features():
    assert {"he", "she", "him", "her"} == source_speakers.PERSON_PRONOUNS  # no possessive names a speaker
    assert {"they", "it", "we"} == source_speakers.GROUP_PRONOUNS
    assert {"he", "him", "his", "she", "her", "hers"} == stance_holders.PERSON_PRONOUNS
    assert {"it", "its"} == stance_holders.GROUP_PRONOUNS
    assert {"they", "them", "their"} == stance_holders.PLURAL_PRONOUNS
    assert {"i", "me", "my", "we", "us", "our"} == stance_holders.SPEAKER_PRONOUNS
    assert grammar().pronoun_words({"person"}, ("possessive",)) == {"his", "her", "hers"}


def test_one_list_of_subject_dependencies_each_tagger_narrows_where_it_reads_them():
    assert SUBJECTS - {"expl"} == source_syntactic.SPEAKER_SUBJECTS
    assert SUBJECTS - {"nsubjpass"} == stance_issues.ACTIVE_SUBJECTS


def test_the_titles_a_stance_holder_drops_are_the_short_ones_of_the_one_title_list():
    assert set(grammar().short_titles) <= set(grammar().titles)
    assert {"sen", "sen.", "mr", "mr."} <= stance_holders.TITLES
    assert "president" not in stance_holders.TITLES  # "President Biden" keeps its title as a holder


def test_the_closed_class_words_a_clause_is_read_by_are_data():
    from briefing.taggers.stances import stance_predicates

    assert "on" in stance_predicates.TOPIC_PREPOSITIONS  # quoted in YAML, where a bare on is true
    assert stance_predicates.POSSIBILITY_MODALS == grammar().word_set("possibility_modals") == {"might", "may", "could"}
