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
