"""One speaker per person across the corpus."""

from briefing.codebook import load_codebook
from briefing.paths import DEFAULT_CODEBOOK
from briefing.run.settings import RunSettings
from briefing.tables.assembly import analyze

CODEBOOK = load_codebook(DEFAULT_CODEBOOK)


def test_one_person_is_one_speaker_across_the_corpus(make_corpus):
    root = make_corpus(
        {
            "a.txt": "Analysts weigh in\n“The Kremlin is in no hurry,” said Tatiana Stanovaya of the Carnegie Russia "
            "Eurasia Center.\n",
            "b.txt": "A second view\n“Moscow will wait,” Tatyana Stanovaya said on Friday in a long interview.\n",
            "c.txt": "Third view on talks\n“Nothing has changed,” Stanovaya said in a statement on Sunday.\n",
        }
    )
    sources = analyze(root, RunSettings(codebook=CODEBOOK)).sources
    assert set(sources["speaker"]) == {"Tatiana Stanovaya"}
    assert set(sources["source_type"]) == {"analyst"} and set(sources["affiliation"]) == {
        "the Carnegie Russia Eurasia Center"
    }


def test_the_ledger_counts_people_and_the_actor_mix_the_actors_they_speak_for(make_corpus):
    from briefing.paths import CODEBOOKS_DIR
    from briefing.report import actor_mix, top_sources

    root = make_corpus(
        {
            "a.txt": "Party outreach\nLog Cabin Republicans president Gregory T. Angelo said the party must welcome "
            "gay voters.\n",
            "b.txt": "Convention notes\nAngelo said the platform committee had listened to his members.\n",
            "c.txt": "Platform fight\nRepublicans said the platform was final and would not change.\n",
        }
    )
    analysis = analyze(root, RunSettings(codebook=load_codebook(CODEBOOKS_DIR / "us-campaign-2016.yaml")))
    ledger = top_sources(analysis).set_index("speaker")["citations"].to_dict()
    assert ledger == {"Gregory T. Angelo": 2, "Republican Party": 1}
    mix = actor_mix(analysis)
    assert mix[["Actor", "Side", "Citations", "Speakers"]].to_dict("records") == [
        {"Actor": "Republican Party", "Side": "Republicans", "Citations": 3, "Speakers": 2}
    ]
