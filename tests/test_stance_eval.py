"""The stance scorer: actor and issue matching, gold checks, scores, and the evaluate command."""

import pandas as pd
import pytest

from briefing.cli import main
from briefing.codebook import load_codebook
from briefing.errors import GoldError
from briefing.evaluate.stance_scores import issue_key, load_stance_gold, same_actor, score_stances
from briefing.paths import DEFAULT_CODEBOOK

UKRAINE = load_codebook(DEFAULT_CODEBOOK)
HEADER = "file,actor,issue,position,start,end\n"


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("putin", "russia", True),  # a person for its institution
        ("russia", "Vladimir Putin", True),  # and the other way, by name
        ("stoltenberg", "Jens Stoltenberg", True),
        ("putin", "the Kremlin", True),  # an alias of the institution
        ("Musk", "Elon Musk", True),  # names outside the codebook share a word
        ("peskov", "putin", False),  # two persons of one side are two holders
        ("ukraine", "russia", False),
        ("putin", "zelensky|russia", True),  # alternatives
    ],
)
def test_holders_match_by_person_institution_and_name(predicted, gold, same):
    assert same_actor(predicted, gold, UKRAINE) is same


def test_issues_may_be_written_as_ids_or_labels():
    assert issue_key("ceasefire", UKRAINE) == "ceasefire"
    assert issue_key(UKRAINE.issues["nato_membership"].label, UKRAINE) == "nato_membership"
    assert issue_key("Ukraine joins NATO", UKRAINE) == "nato_membership"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("file,actor,issue\nx.txt,putin,ceasefire\n", "missing columns: position, start, end"),
        (HEADER + "x.txt,putin,ceasefire,maybe,0,10\n", "line 2: position 'maybe'"),
        (HEADER + "x.txt,putin,ceasefire,support,10,3\n", "line 2: start and end"),
        (HEADER + "x.txt,,ceasefire,support,0,3\n", "line 2: file, actor and issue must not be empty"),
    ],
)
def test_a_bad_gold_file_is_one_error_naming_file_and_line(tmp_path, content, message):
    gold = tmp_path / "gold.csv"
    gold.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message) as error:
        load_stance_gold(gold)
    assert str(gold) in str(error.value)


def test_scores_count_a_claim_once_in_the_sentence_it_overlaps(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text(
        HEADER + "a.txt,russia,ceasefire,oppose,0,30\na.txt,ukraine,sanctions,support,31,60\n", encoding="utf-8"
    )
    claims = pd.DataFrame(
        [
            {"file": "a.txt", "actor": "putin", "issue": "ceasefire", "position": "oppose", "start": 0, "end": 30},
            {"file": "a.txt", "actor": "putin", "issue": "ceasefire", "position": "oppose", "start": 0, "end": 30},
            {"file": "a.txt", "actor": "ukraine", "issue": "sanctions", "position": "oppose", "start": 31, "end": 60},
            {"file": "b.txt", "actor": "ukraine", "issue": "sanctions", "position": "oppose", "start": 0, "end": 9},
        ]
    )
    scores = score_stances(claims, load_stance_gold(gold), UKRAINE)
    overall = scores.by_position.set_index("position").loc["all"]
    # b.txt is not in the gold: not counted; the repeated claim matches the gold claim only once
    assert (overall["gold"], overall["extracted"], overall["correct"]) == (2, 3, 1)
    assert overall["recall"] == 0.5
    assert scores.by_issue.set_index("issue").loc["sanctions", "correct"] == 0
    assert list(scores.missed["issue"]) == ["sanctions"]


def test_the_evaluate_command_prints_scores_and_writes_errors(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first, second = "Moscow rejected a ceasefire on Monday.", "Kyiv wants security guarantees from its allies."
    (corpus / "a.txt").write_text(f"Talks stall\n\n{first} {second}\n", encoding="utf-8")
    text = (corpus / "a.txt").read_text(encoding="utf-8")
    start, other = text.index(first), text.index(second)
    gold = tmp_path / "gold.csv"
    gold.write_text(
        HEADER
        + f"a.txt,the Kremlin,ceasefire,oppose,{start},{start + len(first)}\n"
        + f"a.txt,ukraine,security_guarantees,support,{other},{other + len(second)}\n",
        encoding="utf-8",
    )
    errors = tmp_path / "errors.csv"
    status = main(["evaluate", "stances", "--gold", str(gold), "--corpus", str(corpus), "--errors", str(errors)])
    out = capsys.readouterr().out
    assert status == 0
    assert "2 hand-coded claims in 1 articles" in out
    all_row = next(line for line in out.splitlines() if line.split()[:1] == ["all"])
    assert all_row.split()[1:4] == ["2", "2", "2"]  # gold, extracted, correct
    assert pd.read_csv(errors).empty


def test_the_evaluate_command_needs_a_corpus(tmp_path, capsys):
    gold = tmp_path / "gold.csv"
    gold.write_text(HEADER, encoding="utf-8")
    assert main(["evaluate", "stances", "--gold", str(gold)]) == 1
    assert (
        capsys.readouterr().err.strip() == "error: evaluate stances needs --corpus, the folder of the gold's articles"
    )


@pytest.mark.parametrize(
    ("what", "missing"), [("cleaning", "--corpus"), ("seeds", "--sources-gold")], ids=["cleaning", "seeds"]
)
def test_each_evaluation_names_the_gold_option_it_was_not_given(what, missing, tmp_path, capsys):
    gold = tmp_path / "gold.csv"
    gold.write_text(HEADER, encoding="utf-8")
    assert main(["evaluate", what, "--gold", str(gold)]) == 1
    assert capsys.readouterr().err.strip() == f"error: evaluate {what} needs {missing}"
