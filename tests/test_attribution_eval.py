"""Attribution scoring against brat standoff, on a small fixture (tests/fixtures/brat)."""

import pandas as pd
import pytest

from briefing.cli import main
from briefing.evaluate.attribution_scores import coverage, evaluate_folder, read_gold, score_attributions, speaker_right
from briefing.paths import PROJECT_ROOT

GOLD = PROJECT_ROOT / "tests" / "fixtures" / "brat"


def test_gold_attributions_are_read_with_their_kind():
    gold, texts = read_gold(GOLD)
    assert [(g.source, g.cue, g.direct, g.speech_verb) for g in gold] == [
        ("Ms. Wahl", "told", True, True),
        ("Officials", "said", False, True),
        ("the report", "According to", False, True),
    ]
    assert texts["story"][slice(*gold[1].content[0])] == "the vote would be delayed"


def test_speaker_rule_and_coverage_follow_the_gold_readme():
    assert speaker_right("Mr. Trump", "Donald Trump")
    assert speaker_right("he", "anyone")
    assert not speaker_right("Mr. Trump", "Hillary Clinton")
    assert not speaker_right("the officials", "Officials said")  # "the" and "officials" do not count
    assert coverage((0, 3), [(0, 10)]) == 0.3
    assert coverage((0, 5), [(0, 5), (10, 15)]) == 0.5  # a discontinuous content counts whole


def test_scores_count_found_right_speaker_and_precision():
    gold, texts = read_gold(GOLD)
    text = texts["story"]

    def row(speaker, kind, cue, words):
        start = text.index(words)
        return {
            "article": "story",
            "speaker": speaker,
            "kind": kind,
            "cue_verb": cue,
            "start": start,
            "end": start + len(words),
        }

    rows = pd.DataFrame(
        [
            row("Hanna Wahl", "direct", "told", "We will not give up"),
            row("Mr. Smith", "indirect", "said", "the vote would be delayed"),
            row("nobody", "indirect", "said", "Vote delayed after rally"),  # the headline: no human content
        ]
    )
    scores = score_attributions(rows, gold).set_index("kind")
    assert scores.loc["direct quotations", "found with right speaker"] == 1.0
    assert scores.loc["speech-verb attributions", "found"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores.loc["speech-verb attributions", "speaker accuracy"] == 0.5  # "Officials" is not in "Mr. Smith"
    assert scores.loc["all attributions", "precision"] == pytest.approx(2 / 3, abs=1e-4)


@pytest.mark.slow
def test_the_tool_finds_every_fixture_attribution_with_its_speaker():
    scores, sources, *_ = evaluate_folder(GOLD)
    scores = scores.set_index("kind")
    assert scores.loc["all attributions", "found"] == scores.loc["all attributions", "precision"] == 1.0
    assert scores.loc["direct quotations", "found with right speaker"] == 1.0
    assert list(zip(sources["speaker"], sources["kind"], sources["source_type"], strict=True)) == [
        ("Wahl", "direct", "other"),
        ("Officials", "indirect", "anonymous"),
        ("the report", "according_to", "anonymous"),
    ]


def test_evaluate_command_prints_the_table_and_rejects_a_folder_without_annotations(tmp_path, capsys):
    assert main(["evaluate", "attribution", "--gold", str(GOLD)]) == 0
    assert "direct quotations" in capsys.readouterr().out
    assert main(["evaluate", "attribution", "--gold", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and str(tmp_path) in error and len(error.strip().splitlines()) == 1
