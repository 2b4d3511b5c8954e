"""Positions over time: stories per window by position, counted as the matrix counts them, and changes of position
flagged by a stated rule, with the sentences that show the new position.

The fixtures are hand-made stances tables of a few dated stories: one pair that changes (three stories of support
in January, two of three conditional in March) and one that does not (thin and split windows between two of
opposition), so each assertion can fail.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd
import pytest
from conftest import UKRAINE

from briefing import report, schema
from briefing.publish import figures
from briefing.publish.artifacts import exported_tables
from briefing.tables.analysis import Analysis

over_time_module = importlib.import_module("briefing.report.positions_over_time")  # the package's name is the function
NAMES = {"russia": ("Russia", "Russia"), "ukraine": ("Ukraine", "Ukraine"), "us": ("United States", "US")}


def claim(article: str, actor: str, position: str, sentence: int = 0, issue: str = "ceasefire", text: str = ""):
    """One stances row: ``actor``'s ``position`` on ``issue`` in ``article``'s sentence ``sentence``."""
    name, side = NAMES[actor]
    return {
        "article": article,
        "sentence": sentence,
        "actor": actor,
        "actor_name": name,
        "side": side,
        "issue": issue,
        "issue_label": UKRAINE.issues[issue].label,
        "position": position,
        "probability": None,
        "condition": "if the troops withdraw" if position == "conditional" else "",
        "cue": "only if" if position == "conditional" else "backs",
        "via": "subject",
        "evidence": text or f"{name} {position} ({article}, {sentence}).",
        "start": 10 * sentence,
        "end": 10 * sentence + 9,
    }


def analysis_of(claims: list[dict], dates: dict[str, str | None], copies: dict[str, str] | None = None) -> Analysis:
    """An analysis holding only ``claims`` and their articles, each with its date (and the article it copies)."""
    copies = copies or {}
    ids = list(dates)
    articles = pd.DataFrame(
        {
            "id": ids,
            "title": ids,
            "outlet": "Daily Post",
            "published": [dates[i] for i in ids],
            "duplicate_of": [copies.get(i) for i in ids],
        }
    )
    empty = pd.DataFrame()
    return Analysis(Path("fixture"), articles, *[empty] * 5, pd.DataFrame(claims), *[empty] * 7, codebook=UKRAINE)


# Russia on a ceasefire: supports it in three January stories; in March three stories make it conditional and one
# still reports support; an April copy of a March story repeats its sentence.
# Ukraine: opposes it in three January stories, is reported in support by one February story (too thin), opposes
# it in three March stories, and is split three against three in April (no majority): no change.
DATES = {
    "j1": "2022-01-05",
    "j2": "2022-01-12",
    "j3": "2022-01-20",
    "f1": "2022-02-10",
    "m1": "2022-03-02",
    "m2": "2022-03-09",
    "m3": "2022-03-15",
    "m4": "2022-03-16",
    "m2-copy": "2022-04-02",
    **{f"a{k}": f"2022-04-{k + 4:02d}" for k in range(1, 7)},
}
CLAIMS = [
    claim("j1", "russia", "support"),
    claim("j2", "russia", "support"),
    claim("j2", "russia", "support", 1),
    claim("j3", "russia", "support"),
    claim("m1", "russia", "conditional", text="Moscow would accept a ceasefire only if Kyiv's troops withdraw."),
    claim("m2", "russia", "conditional", 2, text="The Kremlin said a truce was possible only once talks resume."),
    claim("m2-copy", "russia", "conditional", 2, text="The Kremlin said a truce was possible only once talks resume."),
    claim("m4", "russia", "conditional", text="Russia's envoy said a truce could come only after a deal."),
    claim("m3", "russia", "support", text="Russia backs a ceasefire, its envoy said."),
    *[claim(a, "ukraine", "oppose", 3) for a in ("j1", "j2", "j3")],
    claim("f1", "ukraine", "support"),
    *[claim(a, "ukraine", "oppose", 4) for a in ("m1", "m3", "m4")],
    *[claim(f"a{k}", "ukraine", "support" if k <= 3 else "oppose") for k in range(1, 7)],
]


@pytest.fixture
def analysis():
    return analysis_of(CLAIMS, DATES, {"m2-copy": "m2"})


def rows(table: pd.DataFrame, actor: str) -> pd.DataFrame:
    return table[table["actor"] == actor].set_index("period")


def test_each_month_counts_stories_by_position_copies_once(analysis):
    table = report.positions_over_time(analysis)
    assert list(table.columns) == schema.columns("positions_over_time")
    assert set(table["unit"]) == {"month"}  # January to April: more than eight weeks
    russia = rows(table, "russia")
    assert list(russia.index) == ["2022-01", "2022-03"]  # the copy dated April counts once, in March
    assert russia.loc["2022-01", ["support", "oppose", "conditional", "stories", "claims"]].tolist() == [3, 0, 0, 3, 4]
    assert russia.loc["2022-03", ["support", "conditional", "stories"]].tolist() == [1, 3, 4]
    assert russia.loc["2022-03", "position"] == "conditional"
    assert (russia["first_report"].iloc[0], russia["last_report"].iloc[0]) == ("2022-01-05", "2022-03-16")
    ukraine = rows(table, "ukraine")
    assert ukraine.loc["2022-04", "position"] == "mixed"  # three against three
    assert ukraine["settled"].tolist() == [True, False, True, False]


def test_a_change_is_flagged_with_the_sentences_that_show_the_new_position(analysis):
    changes = report.position_changes(analysis)
    assert len(changes) == 1
    change = changes.iloc[0]
    assert change["label"] == "Russia: support → conditional on “Ceasefire now” from 2022-03"
    assert (change["before_period"], change["before_stories"], change["after_stories"]) == ("2022-01", 3, 3)
    (evidence,) = report.change_evidence(analysis)
    assert list(evidence.columns) == report.EVIDENCE_COLUMNS
    # the three conditional sentences of March, the copy's repeat left out, and not March's remaining support
    assert sorted(evidence["article"]) == ["m1", "m2", "m4"]
    assert all("only" in text for text in evidence["text"])


def test_thin_and_split_windows_flag_no_change(analysis):
    ukraine = rows(report.positions_over_time(analysis), "ukraine")
    assert (ukraine["change_from"] == "").all()  # February's one story of support and April's tie are not settled
    assert "ukraine" not in set(report.position_changes(analysis)["actor"])


def test_a_pair_that_returns_to_its_earlier_position_changes_twice():
    more = [claim(f"a{k}", "russia", "support") for k in range(1, 4)]
    analysis = analysis_of(CLAIMS + more, DATES, {"m2-copy": "m2"})
    labels = list(report.position_changes(analysis)["label"])
    assert labels == [
        "Russia: support → conditional on “Ceasefire now” from 2022-03",
        "Russia: conditional → support on “Ceasefire now” from 2022-04",
    ]


def test_the_change_finding_states_the_rule_s_changes_within_a_finding_s_length(analysis):
    finding = report.change_finding(analysis)
    assert finding.heading == "1 change of position over time"
    assert "Russia: support → conditional on “Ceasefire now” from 2022-03" in finding.text
    assert sorted(finding.evidence["article"]) == ["m1", "m2", "m4"]
    # many changes: the finding names the earliest that fit and counts the rest
    flips, dates = [], {}
    for month in range(1, 13):
        for k in range(3):
            article = f"x{month}-{k}"
            dates[article] = f"2022-{month:02d}-{10 + k}"
            for actor in NAMES:
                flips.append(claim(article, actor, "support" if month % 2 else "oppose", issue="peace_talks"))
    many = report.change_finding(analysis_of(flips, dates))
    assert len(many.heading) + len(many.text) + 2 <= report.common.FINDING_CHARS
    assert many.heading == "33 changes of position over time"
    assert "more (listed under positions over time)" in many.text
    ukraine = analysis_of(CLAIMS[9:], DATES)  # Ukraine alone: nothing to state, and the page says so
    assert {claim["actor"] for claim in CLAIMS[9:]} == {"ukraine"}
    assert report.change_finding(ukraine) is None
    assert "No pair followed changes position by this rule." in " ".join(report.over_time_notes(ukraine))
    assert "Each change shows at most 5 of the sentences" in " ".join(report.over_time_notes(analysis))


def test_the_main_actors_and_issues_are_the_top_n_by_stories_and_every_pair_is_exported(analysis, monkeypatch):
    monkeypatch.setattr(over_time_module, "MAIN_ACTORS", 1)
    view = report.over_time(analysis_of(CLAIMS, DATES, {"m2-copy": "m2"}))
    assert view.actors == ["ukraine"]  # in thirteen stories, against Russia's seven
    assert set(view.table.loc[view.table["main"], "actor"]) == {"ukraine"}
    assert set(view.table["actor"]) == {"russia", "ukraine"}  # the export keeps every pair
    assert set(report.main_rows(view)["actor"]) == {"ukraine"}
    assert "The 1 actor and 1 issue in most stories" in report.main_measure(view)


def test_a_span_of_a_few_weeks_gives_weekly_windows():
    dates = {f"w{k}": f"2022-03-{1 + 7 * k:02d}" for k in range(5)}  # 2022-03-01 to 2022-03-29: four weeks
    claims = [claim(a, "russia", "support") for a in dates]
    view = report.over_time(analysis_of(claims, dates))
    assert view.unit == "week"
    assert view.periods == ["2022-02-28", "2022-03-07", "2022-03-14", "2022-03-21", "2022-03-28"]
    assert report.over_time_absent(analysis_of(claims, dates)) == ""


def test_a_short_span_or_no_dates_gives_one_line_and_no_chart():
    dates = {"d1": "2022-03-01", "d2": "2022-03-15"}
    short = analysis_of([claim("d1", "russia", "support"), claim("d2", "russia", "oppose")], dates)
    line = report.over_time_absent(short)
    assert line.startswith("The dated stories with a position span 15 days (2022-03-01 to 2022-03-15), under the 21")
    assert report.positions_over_time(short).empty and figures.over_time_charts(short) == {}
    undated = analysis_of([claim("d1", "russia", "support")], {"d1": None})
    assert report.over_time_absent(undated).startswith("No story with a position has a publication date (1 story")
    for line in (report.over_time_absent(short), report.over_time_absent(undated)):
        assert "\n" not in line and line.count(". ") <= 1


def test_undated_stories_are_counted_on_the_page_not_dropped_in_silence():
    dates = dict(DATES, u1=None, u2="9999-12-31")  # no date, and a date far from the rest
    analysis = analysis_of([*CLAIMS, claim("u1", "us", "support"), claim("u2", "us", "oppose")], dates)
    view = report.over_time(analysis)
    assert view.undated == 2 and "us" not in set(view.table["actor"])
    assert report.undated_note(view).startswith("2 stories with a position have no publication date")


def test_the_export_holds_the_table_with_its_documented_columns(analysis):
    tables = exported_tables(analysis)
    assert set(tables) == set(schema.TABLE_DOCS)
    assert list(tables["positions_over_time"].columns) == list(schema.TABLE_DOCS["positions_over_time"].columns)
    chart = figures.over_time_charts(analysis)["positions_over_time_chart"]
    assert "1 change of position outlined" in chart.alt and "over 4 months (2022-01 to 2022-04)" in chart.alt


def test_a_few_old_stories_sit_in_a_column_before_the_axis_instead_of_stretching_it():
    dates = {f"s{k}": f"2022-{3 + k % 3:02d}-{1 + k:02d}" for k in range(20)}  # March to May 2022
    dates["old"] = "2019-06-01"  # one story three years before: within the corpus's dates, not far off
    claims = [claim(a, "russia", "support") for a in dates]
    view = report.over_time(analysis_of(claims, dates))
    assert view.unit == "month"  # not years: the axis holds 90% of the stories, from March to May
    assert view.periods == ["before 2022-03", "2022-03", "2022-04", "2022-05"]
    assert rows(view.table, "russia").loc["before 2022-03", "stories"] == 1
    assert view.table["first_report"].iloc[0] == "2019-06-01"  # the first report is still the old story's


def test_the_page_shows_each_change_with_at_most_five_sentences_and_says_where_the_rest_are():
    from briefing.publish import markup

    dates = {f"j{k}": f"2022-01-{k + 1:02d}" for k in range(3)} | {f"m{k}": f"2022-03-{k + 1:02d}" for k in range(7)}
    claims = [claim(a, "russia", "support" if a[0] == "j" else "conditional") for a in dates]
    analysis = analysis_of(claims, dates)
    view = report.over_time(analysis)
    page = markup.over_time_view(
        report.over_time_absent(analysis),
        report.over_time_notes(analysis),
        report.change_finding(analysis),
        None,
        report.pair_summary(view),
        report.change_list(analysis),
        {},
    )
    assert "Finding: 1 change of position over time" in page
    assert "at least 3 and more than half of a pair&#x27;s stories in a month" in page  # the rule, on the page
    assert 'id="change-1"' in page and page.count("(m") == report.CHANGE_EVIDENCE  # five sentences of March
    assert "The first 5 of 7 sentences; all are in stances.csv." in page
    assert "support 2022-01 → conditional 2022-03" in page  # the pair's settled positions
    short = analysis_of(claims[:2], dict(list(dates.items())[:2]))
    assert markup.over_time_view(report.over_time_absent(short), [], None, None, pd.DataFrame(), [], {}) == (
        markup.note(report.over_time_absent(short))
    )
