"""The date scorer: gold checks naming file and line, accuracy by source and for the mentions that date nothing,
and the evaluate command."""

import pandas as pd
import pytest
from conftest import FIXTURES

from briefing.cli import main
from briefing.errors import GoldError
from briefing.evaluate.date_scores import evaluate_dates, load_date_gold, parsed_sentences, right, tool_date

HEADER = "id,source,article,published,mention,sentence,gold_date,note\n"
ROW = "a1,pool,pool/x.txt,2016-01-14,Feb. 9,Voters go to the polls on Feb. 9.,2016-02-09,\n"


def test_the_seeds_fixture_is_read_and_scored_by_source():
    gold = load_date_gold(FIXTURES / "gold_dates_seeds.csv")
    assert list(gold["line"]) == [2, 3, 4, 5, 6]
    scores = evaluate_dates(gold)
    overall = scores.by_source.set_index("source").loc["all"]
    assert (overall["mentions"], overall["none"]) == (5, 0)
    # "in November" of a December 2025 article is November 2025; "May 16" days before publication is that May
    assert dict(zip(scores.rows["id"], scores.rows["predicted"], strict=True))["s5"] == "2025-11"
    assert overall["right"] == 5


def test_a_row_is_right_at_the_golds_precision_and_a_none_row_when_no_date_is_given():
    assert right("2016-02", "2016-02-09") and right("2016", "2016-02")
    assert not right("2016-02-09", "2016-02") and not right("2016-02-09", "2015-02-09")
    assert right("none", None) and not right("none", "2015-09-11") and not right("2016-02-09", None)


def test_the_mention_is_found_by_its_characters_in_the_tools_output_on_the_parsed_sentence():
    named, vote, march = parsed_sentences(
        [
            "Since the Sept. 11 attacks, security has tightened.",
            "Voters in the state will go to the polls on Feb. 9, and security is tight.",
            "He left in March.",
        ]
    )
    assert tool_date(named, "Sept. 11", "2016-01-14") == ("Sept. 11", None)  # a name: no date
    assert tool_date(vote, "Feb. 9", "2016-01-14") == ("Feb. 9", "2016-02-09")
    assert tool_date(vote, "security", "2016-01-14") == ("", None)  # no date expression there
    # "in March", of a verb in the past: before publication, though next March is nearer
    assert tool_date(march, "March", "2016-01-14") == ("in March", "2015-03")


def test_scores_count_by_source_and_the_none_rows(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text(
        HEADER
        + ROW
        + "a2,pool,pool/x.txt,2016-01-14,Sept. 11,Security tightened after the Sept. 11 attacks.,none,a name\n"
        + 'b1,dev,dev/y.txt,2015-12-20,Jan. 5,"The vote, on Jan. 5, is close.",2015-01-05,\n',
        encoding="utf-8",
    )
    scores = evaluate_dates(load_date_gold(gold))
    table = scores.by_source.set_index("source")
    assert table.loc["pool", ["mentions", "right", "none", "none right"]].tolist() == [2, 2, 1, 1]
    assert table.loc["dev", ["mentions", "right"]].tolist() == [1, 0]  # the tool says 2016-01-05
    assert table.loc["all", "accuracy"] == pytest.approx(2 / 3)
    assert list(table.index) == ["dev", "pool", "all"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,source,article\na,b,c\n", "missing columns: published, mention, sentence, gold_date, note"),
        (HEADER, "no rows under the header"),
        (HEADER + ROW.replace("2016-02-09", "Feb 2016"), "line 2: gold_date 'Feb 2016' is not YYYY-MM-DD"),
        (HEADER + ROW.replace("2016-02-09", "2016-02-30"), "line 2: gold_date '2016-02-30'"),
        (HEADER + ROW.replace("2016-01-14", "January 2016"), "line 2: published 'January 2016' is not a whole date"),
        (HEADER + ROW.replace("pool/x.txt", "../x.txt"), "line 2: article '../x.txt' goes up a folder"),
        (HEADER + ROW.replace("pool/x.txt", "/work/x.txt"), "line 2: article '/work/x.txt' is an absolute path"),
        (HEADER + ROW.replace(",Feb. 9,", ",Feb. 19,"), "line 2: mention 'Feb. 19' is not in its sentence"),
        (HEADER + ROW.replace("a1,pool", "a1,"), "line 2: empty 'source'"),
        (HEADER + ROW + ROW, "line 3: id 'a1' is also on line 2"),
        (HEADER + ROW.replace("polls on", "polls, on"), "line 2: more values than columns"),
        (HEADER + "a1,pool,pool/x.txt\n", "line 2: fewer values than columns"),
        (HEADER + ROW + 'a2,pool,"pool/x.txt\n', "line 3: not valid CSV"),
    ],
)
def test_a_bad_gold_file_is_one_error_naming_file_and_line(tmp_path, content, message):
    gold = tmp_path / "gold.csv"
    gold.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message) as error:
        load_date_gold(gold)
    assert str(gold) in str(error.value) and "\n" not in str(error.value)


def test_a_row_is_counted_on_the_line_it_starts_on_after_a_sentence_over_two_lines(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text(
        HEADER + 'a1,pool,pool/x.txt,2016-01-14,Feb. 9,"Voters go\nto the polls on Feb. 9.",2016-02-09,\n' + ROW,
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match="line 4: id 'a1' is also on line 2"):
        load_date_gold(gold)


def test_the_evaluate_command_prints_accuracy_and_writes_the_wrong_rows(tmp_path, capsys):
    gold = tmp_path / "gold.csv"
    gold.write_text(
        HEADER + ROW + 'b1,dev,dev/y.txt,2015-12-20,Jan. 5,"The vote, on Jan. 5, is close.",2015-01-05,\n',
        encoding="utf-8",
    )
    errors = tmp_path / "errors.csv"
    assert main(["evaluate", "dates", "--gold", str(gold), "--errors", str(errors)]) == 0
    out = capsys.readouterr().out
    assert "2 hand-dated mentions, 0 of them dating no event" in out
    assert "accuracy 0.500 (1 of 2)" in out
    wrong = pd.read_csv(errors, dtype=str)
    assert wrong[["id", "gold_date", "predicted"]].values.tolist() == [["b1", "2015-01-05", "2016-01-05"]]


def test_the_evaluate_command_refuses_a_missing_gold_in_one_line(tmp_path, capsys):
    assert main(["evaluate", "dates", "--gold", str(tmp_path / "nothing.csv")]) == 1
    assert capsys.readouterr().err.strip() == f"error: '{tmp_path / 'nothing.csv'}': gold file not found"
