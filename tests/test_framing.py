"""Frames and loaded wording on literal headlines and sentences."""

from conftest import layer_of

from briefing.codebook import load_codebook
from briefing.paths import DEFAULT_CODEBOOK
from briefing.taggers.framing import article_frames, loaded_wording

CODEBOOK = load_codebook(DEFAULT_CODEBOOK)


def sentences(*texts: str):
    return layer_of(*texts, codebook=CODEBOOK)


def test_headline_cue_alone_gives_a_frame_and_no_breakthrough_is_deadlock():
    hits = article_frames(
        "a", "Kremlin signals no Ukraine breakthrough after talks", sentences("Officials met."), CODEBOOK
    )
    assert [(h.frame, h.headline_cue) for h in hits] == [("deadlock", "no Ukraine breakthrough")]


def test_body_cues_need_three_sentences_and_negated_cues_do_not_count():
    body = sentences(
        "Missile attacks hit Kharkiv.",
        "The offensive widened.",
        "Drone attacks continued.",
        "There was not any progress.",
    )
    hits = {h.frame: h for h in article_frames("a", "A day in the war", body, CODEBOOK)}
    assert hits["escalation"].body_sentences == 3 and hits["escalation"].sentence == 0
    assert "progress" not in hits


def test_loaded_wording_is_marked_quoted_or_the_writers_own():
    found = loaded_wording(
        "a",
        sentences("Russia illegally annexed the region.", "Putin spoke of the “liberation of historical lands.”"),
        CODEBOOK,
    )
    assert [(p.phrase, p.leaning, p.quoted) for p in found] == [
        ("illegally annexed", "Ukraine and the West", False),
        ("liberation", "Russia", True),
        ("historical lands", "Russia", True),
    ]
