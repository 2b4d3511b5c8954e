"""The names of people: titles and possessives dropped, one rule that groups one person's names, spellings joined."""

from briefing.language.names import alike_names, full_form, fullest_names, person_name


def test_a_name_drops_its_title_and_possessive():
    assert person_name("Mr. Sanders's") == "Sanders"
    assert person_name("Vice President  Kamala Harris") == "Kamala Harris"
    assert person_name("President") == "President"  # nothing but a title stays itself


def test_within_an_article_a_surname_is_the_one_full_name_with_it_and_none_when_two_people_share_it():
    assert fullest_names(["Sanders", "Bernie Sanders", "lower case"]) == {"Sanders": "Bernie Sanders"}
    # Bernie Sanders and his wife: "Sanders said" is neither, not the longer name (as "codebook suggest" groups)
    assert fullest_names(["Bernie Sanders", "Jane O'Meara Sanders"]) == {}
    assert fullest_names(["Vladimir Kara-Murza", "Evgenia Kara-Murza", "Kara-Murza"]) == {}


def test_across_a_corpus_alike_spellings_of_one_surname_are_the_most_complete_one():
    canonical = alike_names(["Tatiana Stanovaya", "Tatyana Stanovaya", "Stanovaya", "Dmitry Peskov"])
    assert canonical["Tatyana Stanovaya"] == canonical["Stanovaya"] == canonical["Tatiana Stanovaya"]
    assert canonical["Dmitry Peskov"] == "Dmitry Peskov"


def test_for_suggestions_a_surname_shared_by_two_people_is_nobodys_variant():
    assert full_form("Stoltenberg", ["Jens Stoltenberg", "Stoltenberg"]) == "Jens Stoltenberg"
    assert full_form("Smith", ["John Smith", "Jane Smith"]) is None
