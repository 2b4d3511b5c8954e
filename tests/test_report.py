"""Briefing summaries are computed from the data, so a different corpus says different things."""

import importlib
import re
from pathlib import Path

import pandas as pd
import pytest

from briefing import report
from briefing.publish import figures, markup
from briefing.report import common
from briefing.report.common import number
from briefing.run.settings import RunSettings
from briefing.tables.assembly import analyze

STORY = (
    "Talks on the border dispute resumed in Geneva on Monday after a pause of three months, officials said. "
    "Negotiators from both delegations met for six hours and agreed to continue the discussion next week. "
    "A spokesperson described the atmosphere as constructive but warned that major differences remained.\n"
)


def test_copies_warnings_and_problems_are_listed(make_corpus):
    root = make_corpus(
        {
            "a_original.txt": "Border talks resume in Geneva\n" + STORY,
            "b_syndicated.txt": "Border talks resume in Geneva, agencies report\n" + STORY,
            "c_legacy.txt": (
                "Zelenskyy’s plan gets a cautious welcome\nKyiv welcomed the plan, a wonderful step.\n"
            ).encode("cp1252"),
            "d_empty.txt": "",
        }
    )
    analysis = analyze(root)
    assert report.copies(analysis).to_dict("records") == [
        {"Article": "b_syndicated", "Copy of": "a_original", "Similarity": 1.0}
    ]
    assert report.read_warnings(analysis)["Article"].tolist() == ["c_legacy"]
    assert report.input_problems(analysis)["File"].tolist() == ["d_empty.txt"]
    facts = report.corpus_facts(analysis, "corpus")
    assert facts["Articles"] == "3 usable (1 flagged as copies), 1 input problems"


def test_tone_finding_names_the_extremes_with_numbers(make_corpus):
    root = make_corpus(
        {
            "grim.txt": "Grim outlook for talks\n"
            + "The talks were a terrible, brutal failure. It was awful. The mood was bad. Hopes were sad. "
            + "The delegates were angry. The result was dreadful.\n",
            "bright.txt": "Bright outlook for talks\n"
            + "The talks were a great success. Delegates were happy. The mood was good. The result was excellent. "
            + "Hopes were bright. It was a wonderful day.\n",
        }
    )
    analysis = analyze(root)
    finding = report.tone_finding(analysis)
    assert finding.heading == "articles differ in tone"
    assert "so this spread is larger than chance" in finding.text
    assert "1 of 2 articles average below zero" in finding.text
    assert "(“Grim outlook for talks”)" in finding.text and "(“Bright outlook for talks”)" in finding.text
    summary = report.removal_summary(analysis).set_index("Rule")
    assert summary.loc["title line", "Whole lines"] == 2
    assert summary.loc["title line", "Words removed"] == 8


def test_a_tone_spread_that_resampling_the_sentences_gives_is_no_difference(make_corpus):
    sentences = ["The talks were a great success.", "The mood was bad.", "Delegates met in Geneva.", "It was good."]
    root = make_corpus(
        {
            "a.txt": "Talks in Geneva\n" + " ".join(sentences) + "\n",
            "b.txt": "Talks again in Geneva\n" + " ".join(reversed(sentences[1:])) + " It was awful.\n",
        }
    )
    finding = report.tone_finding(analyze(root))
    assert finding.heading == "no clear difference in tone between articles"
    assert "so this spread is no larger than chance" in finding.text
    spread, chance = (float(finding.facts[k]) for k in ("Spread", "Spread by chance (95% of 1,000 draws)"))
    assert 0 < spread <= chance
    assert "Talks" not in finding.text  # ends that do not differ beyond chance are not named


def test_tone_finding_skips_copies_and_one_line_articles(make_corpus):
    root = make_corpus(
        {
            "a.txt": "Border talks resume\n" + STORY,
            "b.txt": "Border talks resume again\n" + STORY,
            "tiny.txt": "A wonderful day\nA wonderful, perfect day.\n",
        }
    )
    finding = report.tone_finding(analyze(root))
    assert "A wonderful day" not in finding.text
    assert "2 of 3 articles are left out of this comparison" in finding.text


def test_empty_tables_become_a_note_and_titles_default_to_the_folder():
    import pandas as pd

    assert markup.table(pd.DataFrame({"A": []}), empty="Nothing here.") == '<p class="note">Nothing here.</p>'
    assert report.briefing_title("", Path("/data/gaza-talks")) == "Coverage briefing: gaza-talks"
    assert report.briefing_title("My title", Path("x")) == "My title"


def test_a_long_address_in_a_table_cell_may_break_after_its_separators_and_a_long_run_anywhere():
    """A cell is never narrower than its longest word: an address or a run of letters this long would push a
    printed table past the page's edge. Short words, and the entities of escaped text, stay whole."""
    import pandas as pd

    cells = pd.DataFrame(
        {"Outlet": ["AP via https://example.com/wires/ap/index.html?a=1&b='2'", "w" * 40, "Reuters & <b>AP</b>"]}
    )
    shown = markup.table(cells)
    assert (
        "https://<wbr>example.<wbr>com/<wbr>wires/<wbr>ap/<wbr>index.<wbr>html?<wbr>a=<wbr>1&amp;b=<wbr>&#x27;2&#x27;"
        in shown
    )
    assert f'<span class="token">{"w" * 40}</span>' in shown
    assert "<td>Reuters &amp; &lt;b&gt;AP&lt;/b&gt;</td>" in shown


def test_a_long_table_folds_under_its_caption_and_row_count_and_a_short_one_stays_open():
    import pandas as pd

    long = pd.DataFrame({"Speaker": [f"<b>s{i}</b>" for i in range(12)]})
    folded = markup.table(long, caption="Direct quotations", collapse_over=6)
    assert folded.startswith('<details class="long"><summary>Direct quotations (12 rows)</summary><table')
    assert folded.count("<tr>") == 13 and "&lt;b&gt;s11&lt;/b&gt;" in folded  # every row is kept, as text
    short = markup.table(long.head(6), caption="Direct quotations", collapse_over=6)
    assert short.startswith("<table") and "<caption>Direct quotations</caption>" in short


def test_a_table_longer_than_the_page_holds_shows_its_first_rows_and_counts_the_rest():
    rows = pd.DataFrame({"Quote": [f"q{i}" for i in range(common.TABLE_ROWS + 40)]})
    shown = markup.table(rows, caption="Quote ledger", collapse_over=0)
    assert shown.count("<tr>") == common.TABLE_ROWS + 1  # the header and the first rows
    assert f"<summary>Quote ledger ({common.TABLE_ROWS + 40:,} rows)</summary>" in shown
    assert f"The first {common.TABLE_ROWS:,} of {common.TABLE_ROWS + 40:,} rows" in shown


def cell_parts(appendix: str, matrix: pd.DataFrame) -> dict[tuple[str, str], str]:
    """Each matrix cell's part of the evidence appendix: from its heading to the next."""
    return {
        (c.actor, c.issue): appendix.split(f'id="{c.anchor}"', 1)[1].split("<h4", 1)[0]
        for c in matrix.itertuples()
        if f'id="{c.anchor}"' in appendix
    }


def test_a_matrix_cell_shows_its_cap_of_sentences_and_says_how_many_of_how_many(seeds_analysis):
    matrix = report.position_matrix(seeds_analysis)
    claims = seeds_analysis.stances.groupby(["actor", "issue"]).size()
    appendix = markup.evidence_appendix(matrix, report.cell_evidence(seeds_analysis), {})
    parts = cell_parts(appendix, matrix)
    assert len(parts) == len(matrix)
    capped = [cell for cell in parts if claims[cell] > common.CELL_EVIDENCE]
    assert capped  # the seeds have cells of more statements than the page shows (Putin on peace talks: 9)
    for cell, part in parts.items():
        assert part.count("<li") == min(common.CELL_EVIDENCE, claims[cell]), cell
        line = f"{common.CELL_EVIDENCE} of {claims[cell]} sentences shown; all in stances.csv."
        assert (line in part) == (cell in capped), cell
    total = claims[list(parts)].sum()
    shown = sum(min(common.CELL_EVIDENCE, n) for n in claims[list(parts)])
    assert f"Evidence for {len(matrix)} matrix cells: {shown} of {total} sentences shown</summary>" in appendix
    assert f"At most {common.CELL_EVIDENCE} sentences of each cell" in appendix
    # on paper, a cell's few rows print whole: no note that paper shows fewer
    assert appendix.count("<li>") == shown and "On paper" not in appendix


def test_a_capped_cell_shows_the_position_it_reports_first_then_other_stories(seeds_analysis):
    matrix = report.position_matrix(seeds_analysis).set_index(["actor", "issue"])
    ordered = report.cell_evidence(seeds_analysis)
    assert sorted(ordered.index) == sorted(seeds_analysis.stances.index)  # every statement, reordered
    story = report.story_of(seeds_analysis)
    for (actor, issue), rows in ordered.groupby(["actor", "issue"], sort=False):
        first = rows.head(common.CELL_EVIDENCE)
        position = matrix.loc[(actor, issue), "position"]
        if position in set(rows["position"]):
            assert first["position"].iloc[0] == position, (actor, issue)
        stories = rows["article"].map(story).nunique()
        assert first["article"].map(story).nunique() == min(stories, len(first)), (actor, issue)
    putin = ordered[(ordered["actor"] == "putin") & (ordered["issue"] == "peace_talks")]
    assert putin["article"].head(3).nunique() == 3 and len(putin) > 3  # three stories of the cell's nine statements


def test_varied_order_takes_one_of_each_outlet_then_of_each_story_before_repeating():
    rows = pd.DataFrame(
        {
            "outlet": ["A", "A", "A", "B", "B", "C"],
            "story": ["a1", "a1", "a2", "b1", "b2", "c1"],
            "cell": ["x", "x", "x", "x", "x", "y"],
        }
    )
    assert list(common.varied_order(rows, ["outlet", "story"]).index) == [0, 3, 5, 2, 4, 1]
    # within a cell: x's rows vary among themselves, y's on its own
    within = common.varied_order(rows, ["outlet", "story"], within=["cell"])
    assert list(within[within["cell"] == "x"].index) == [0, 3, 2, 4, 1]
    assert common.varied_order(rows.head(0), ["outlet"]).empty


def test_a_key_findings_evidence_shows_its_cap_from_as_many_articles_as_it_has(seeds_analysis):
    found = report.key_findings(seeds_analysis)
    finding = next(f for f, _ in found if f.evidence is not None and len(f.evidence) > common.FINDING_EVIDENCE)
    shown = markup.findings_evidence([(finding, "f1")], {})
    items = shown.count("<li")
    assert items == common.FINDING_EVIDENCE
    assert f"{common.FINDING_EVIDENCE} of {len(finding.evidence)} rows shown; all in the exported tables." in shown
    articles = finding.evidence["article"].nunique()
    listed = [a for a in finding.evidence["article"].unique() if a in shown]  # named by id: no sources given
    assert len(listed) == min(articles, common.FINDING_EVIDENCE)


def test_trust_summary_states_the_recorded_quality_in_words(seeds_analysis):
    from briefing.evaluate.recorded import recorded_topic_quality

    stances = recorded_topic_quality("stance", seeds_analysis.codebook.name)["scores"]["all"]
    lines = report.trust_summary(seeds_analysis)
    assert lines[0].startswith(f"Stances: of the positions shown, about {round(stances['precision'] * 10)} in 10")
    assert f"only about {round(stances['recall'] * 10)} in 10" in lines[0] and "with this codebook" in lines[0]
    assert lines[1].startswith("Sources: ") and lines[-1].startswith("Tone is a general word-list score")
    html = markup.key_findings([], lines)
    assert "How far to trust this" in html and html.count("<li>") == len(lines)


def test_a_codebook_no_gold_measures_is_said_to_be_unmeasured(seeds_analysis):
    from dataclasses import replace

    unmeasured = seeds_analysis._replace(codebook=replace(seeds_analysis.codebook, name="Smartphones in schools"))
    line = report.trust_summary(unmeasured)[0]
    assert line.startswith("Stances: no hand-coded articles of this codebook's topic (Smartphones in schools)")
    assert "about" not in line.split(";")[0]  # no figure of another topic is given as this one's
    assert "measured on other topics (US presidential campaign 2016; Ukraine peace talks)" in line
    table, note = report.stance_quality(unmeasured)
    assert table.empty and "of this codebook's topic (Smartphones in schools)" in note


def test_position_matrix_counts_stories_once_and_flags_disagreement(make_corpus):
    from briefing.codebook import load_codebook
    from briefing.paths import DEFAULT_CODEBOOK

    one = "Talks in Geneva\nPutin rejected a ceasefire on Monday, officials said in a statement.\n"
    root = make_corpus(
        {
            "a.txt": one,
            "a_copy.txt": one,
            "b.txt": "Putin softens\nPutin accepted a ceasefire on Tuesday, according to a Kremlin readout.\n",
        }
    )
    analysis = analyze(root, RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK)))
    cell = report.position_matrix(analysis).set_index(["actor", "issue"]).loc[("putin", "ceasefire")]
    assert (cell["articles"], cell["claims"], bool(cell["disagree"])) == (2, 3, True)
    assert cell["position"] == "mixed" and cell["positions"] == "support 1, oppose 1"
    table = markup.position_table(report.position_matrix(analysis), ["putin"], ["ceasefire"])
    appendix = markup.evidence_appendix(report.position_matrix(analysis), analysis.stances, {})
    assert f'href="#{cell["anchor"]}"' in table and f'id="{cell["anchor"]}"' in appendix
    findings = report.stance_findings(analysis)
    assert any("disagree" in f.heading for f in findings)


def test_the_longer_list_of_the_position_matrix_runs_down_the_page(seeds_analysis):
    matrix = report.position_matrix(seeds_analysis)
    doubled = pd.concat([matrix, matrix.assign(actor=matrix["actor"] + "-again")], ignore_index=True)
    actors, issues = list(doubled["actor"].drop_duplicates()), list(doubled["issue"].drop_duplicates())
    # more actors than issues and many columns, fewer actors than issues, then one actor
    for shown_actors in (actors, actors[: len(actors) // 2], actors[:1]):
        shown = doubled[doubled["actor"].isin(shown_actors)]
        shown_issues = [i for i in issues if i in set(shown["issue"])]
        table = markup.position_table(shown, shown_actors, issues)
        header = table[table.index("<thead>") : table.index("</thead>")]
        assert table.count("<tr>") - 1 == max(len(shown_actors), len(shown_issues))
        assert header.count("<th>") - 1 == min(len(shown_actors), len(shown_issues))
        assert table.count('href="#') == len(shown)  # every cell still leads to its evidence
        columns = min(len(shown_actors), len(shown_issues))
        assert ("turned-heads" in table) == (columns > markup.TURN_HEADS_OVER)  # many columns: headings turned


def test_each_key_finding_leads_to_the_rows_that_prove_it(seeds_analysis):
    key = report.key_findings(seeds_analysis)
    sources = markup.article_sources(seeds_analysis.articles)
    page = markup.key_findings(key) + markup.findings_evidence(key, sources)
    for finding, anchor in key:
        if finding.evidence is None:
            assert f'href="#{anchor}"' in page  # no rows behind it (cleaning): its section
            continue
        assert f'href="#evidence-{anchor}"' in page and f'id="evidence-{anchor}"' in page
        assert set(finding.evidence.columns) == set(report.EVIDENCE_COLUMNS) and len(finding.evidence)
    top = report.stance_findings(seeds_analysis)[0]  # "... in 5 of 5 stories (7 statements)": its 7 rows
    assert len(top.evidence) == int(re.search(r"\((\d+) statements\)", top.text).group(1))
    direct = report.source_findings(seeds_analysis)[1]  # "8 direct, 9 partial …": the 8 direct quotations
    assert len(direct.evidence) == int(re.match(r"(\d+) direct", direct.text).group(1))


def test_an_evidence_row_names_its_article_outlet_and_date_and_links_only_a_web_address():
    import pandas as pd

    articles = pd.DataFrame(
        {
            "id": ["a", "b"],
            "title": ["<i>Talks</i> resume", ""],
            "outlet": ["Daily <b>News</b>", None],
            "published": ["2025-03-01", None],
            "url": ["https://example.org/talks", "javascript:alert(1)"],
        }
    )
    named = markup.article_sources(articles)
    assert named["a"] == (
        '<em><a href="https://example.org/talks" rel="noopener noreferrer">&lt;i&gt;Talks&lt;/i&gt; resume</a></em>'
        " (Daily &lt;b&gt;News&lt;/b&gt;, 2025-03-01)"
    )
    assert named["b"] == "<em>b</em>"  # no title: the id; an address that is not the web's is no link


def test_signed_numbers_never_show_negative_zero():
    from briefing.publish.charts import signed

    assert (signed(-0.001), signed(0.049), signed(-0.25)) == ("+0.00", "+0.05", "-0.25")


def test_cleaning_report_counts_words_and_flags_articles_that_lost_a_quarter(make_corpus):
    story = "Officials said the talks in Istanbul ended without agreement on Friday. Both sides blamed the other."
    root = make_corpus(
        {
            "plain.txt": "Plain headline about the talks\n\n" + story + "\n",
            "cluttered.txt": "Cluttered headline about the talks here\n\n"
            + story
            + "\n\n"
            + "Share this article on Facebook Twitter and by email with your friends today\n\n"
            + "Leave a Reply\n",
            "chrome.txt": "Share this article\n\nLeave a Reply\n",
        }
    )
    analysis = analyze(root)
    heavy = report.heavy_removals(analysis)
    assert list(heavy["Article"]) == ["cluttered"]
    assert heavy["Share removed"].iloc[0] > 0.25
    finding = report.cleaning_finding(analysis)
    assert finding.heading.endswith("1 article lost over 25% of its words")
    assert "6 removed words were in files then skipped" in finding.text
    (reason,) = report.input_problems(analysis).query("File == 'chrome.txt'")["Problem"]
    assert "6 words removed (6 by site chrome)" in reason


def test_holders_outside_the_codebook_get_matrix_rows_and_the_chart_still_draws(tmp_path):
    from briefing.codebook import load_codebook
    from briefing.paths import DEFAULT_CODEBOOK
    from briefing.publish.figures import briefing_charts
    from briefing.report import position_matrix
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    (tmp_path / "a.txt").write_text("Sanctions\n\nElon Musk rejected new sanctions. Putin rejected new sanctions.\n")
    analysis = analyze(tmp_path, RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK)))
    matrix = position_matrix(analysis).set_index("actor")
    assert matrix.loc["Elon Musk", "position"] == "oppose"
    assert matrix.loc["Elon Musk", "side"] == "Other"
    assert matrix.loc["putin", "anchor"] == "ev-putin-sanctions"  # a codebook actor: its id
    assert re.fullmatch(r"ev-name-elon-musk-[0-9a-f]{12}-sanctions", matrix.loc["Elon Musk", "anchor"])
    charts = briefing_charts(analysis)
    assert "position_matrix" in charts  # drawn for Putin; Musk, in one story, is in the table only


def outlet_corpus(make_corpus):
    manifest = (
        "file,title,outlet,date,url\n"
        "a.txt,Geneva talks resume,Daily News,2025-03-03,\n"
        "b.txt,Talks stall in Geneva,Daily News,2025-03-20,\n"
        "c.txt,Envoys meet again,Evening Post,2025-03-04,\n"
    )
    return make_corpus(
        {
            "manifest.csv": manifest,
            "a.txt": "Geneva talks resume\n" + STORY,
            "b.txt": "Talks stall in Geneva\n"
            + "The talks stalled on Monday, the ministry said. “This is a disaster,” a delegate said. "
            + "The crisis in 1962 was worse, historians noted.\n",
            "c.txt": "Envoys meet again\nEnvoys met again in Geneva on March 3, officials said. The mood was good.\n",
        }
    )


def test_outlets_are_compared_from_what_each_ran_and_said_plainly_when_unknown(make_corpus):
    analysis = analyze(outlet_corpus(make_corpus))
    table = report.outlet_comparison(analysis).set_index("Outlet")
    assert table.loc["Daily News", "Articles"] == 2 and table.loc["Evening Post", "Articles"] == 1
    sentences = analysis.sentences.groupby("article").size()
    assert table.loc["Daily News", "Sentences"] == sentences["a"] + sentences["b"]
    tone = analysis.sentences[analysis.sentences["article"] == "c"]["polarity"].mean()
    assert table.loc["Evening Post", "Mean tone"] == pytest.approx(tone)
    one_outlet = analyze(make_corpus({"a.txt": "Geneva talks resume\n" + STORY}, name="single"))
    assert report.outlet_comparison(one_outlet).empty
    assert report.outlets_note(one_outlet).startswith("Outlets are known for 0 of 1 article (0 outlets)")


def test_publication_volume_stands_on_a_time_axis_without_gaps(make_corpus):
    volume, unit = report.coverage_by_date(analyze(outlet_corpus(make_corpus)))
    assert unit == "day"
    assert volume["Day"].iloc[0] == "2025-03-03" and volume["Day"].iloc[-1] == "2025-03-20"
    assert len(volume) == 18 and volume["Articles"].sum() == 3  # the empty days between are there, with 0
    assert volume.set_index("Day").loc["2025-03-04", "Outlets (articles)"] == "Evening Post 1"


def test_history_mentioned_in_passing_is_background_not_an_event(make_corpus):
    analysis = analyze(outlet_corpus(make_corpus))
    kinds = dict(zip(analysis.timeline["expression"], report.dated_kinds(analysis), strict=True))
    assert kinds["in 1962"] == "background" and kinds["March 3"] == "event"
    finding = report.timeline_finding(analysis)
    assert "1 more is history" in finding.text and "1962" not in finding.heading


def test_short_labels_name_outlet_and_date_else_a_short_title_and_stay_unique():
    import pandas as pd

    articles = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "title": ["Talks resume in Geneva after a long pause", "Second story", "Kremlin signals no breakthrough"],
            "outlet": ["BBC News", "BBC News", None],
            "published": ["2022-06-01", "2022-06-01", None],
        }
    )
    labels = figures.short_labels(articles)
    assert labels == {"a": "BBC News 2022-06-01", "b": "BBC News 2022-06-01 (2)", "c": "Kremlin signals no …"}
    assert len(labels["c"]) <= figures.SHORT_LABEL


def test_each_source_count_and_theme_share_leads_to_the_rows_it_counts(seeds_analysis):
    top = report.top_sources(seeds_analysis)
    by_source = report.source_evidence(seeds_analysis)
    assert [(label, count) for label, count, _ in by_source] == list(
        zip(top["speaker"], top["citations"].map(number), strict=True)
    )
    assert all(len(rows) == int(count.replace(",", "")) for _, count, rows in by_source)
    summary = report.theme_summary(seeds_analysis)
    by_theme = report.theme_evidence(seeds_analysis)
    assert [len(rows) for _, _, rows in by_theme] == summary["sentences"].tolist()
    names = markup.article_sources(seeds_analysis.articles)
    page = markup.evidence_index(by_source, names, "source")
    assert page.count('href="#source-') == len(by_source) == page.count('id="source-')


def test_each_timeline_row_leads_to_the_sentences_that_date_its_points(seeds_analysis):
    chart = figures.briefing_charts(seeds_analysis)["timeline_chart"]
    groups = report.timeline_evidence(seeds_analysis, chart)
    assert len(groups) == chart.data["article"].nunique()
    assert sum(len(rows) for _, _, rows in groups) == len(chart.data)  # every point, once


def test_a_table_several_sections_read_is_computed_once_per_analysis(seeds_analysis):
    from briefing.report.common import once_per_analysis

    calls = []

    @once_per_analysis
    def counted(analysis, n=1):
        calls.append(n)
        return analysis.stances.head(n)

    first, again = counted(seeds_analysis), counted(seeds_analysis)
    assert calls == [1] and first.equals(again) and first is not again  # a copy, never the cached frame
    counted(seeds_analysis, n=2)
    counted(seeds_analysis._replace(stances=seeds_analysis.stances.copy()))  # another analysis
    assert calls == [1, 2, 1]


def test_tone_toward_an_actor_lists_its_most_mentioning_articles_on_the_page_and_all_in_the_export(
    seeds_analysis, monkeypatch
):
    from briefing.report import tone

    monkeypatch.setattr(tone, "ARTICLES_SHOWN", 2)
    full = report.tone_toward_actors(seeds_analysis).set_index("actor")
    shown = report.actor_tone_table(seeds_analysis).set_index("Actor")
    widest = full["articles"].idxmax()
    assert full.loc[widest, "articles"] > 2
    assert shown.loc[widest, "By article"].count("(n=") == 2
    assert shown.loc[widest, "By article"].endswith(
        f"… and {full.loc[widest, 'articles'] - 2} more (tone_toward_actors.csv)"
    )
    counts = [int(n.replace(",", "")) for n in re.findall(r"\(n=([\d,]+)\)", full.loc[widest, "by_article"])]
    assert counts == sorted(counts, reverse=True)  # most sentences first
    chart = figures.briefing_charts(seeds_analysis)["tone_toward_actors"]
    assert "by_article" in chart.data.columns and "by_article" in chart.columns


def test_a_story_that_gives_a_holder_two_positions_is_flagged_in_its_cell(make_corpus):
    from briefing.codebook import load_codebook
    from briefing.paths import DEFAULT_CODEBOOK

    root = make_corpus(
        {
            "a.txt": "Talks in Geneva\nPutin rejected a ceasefire on Monday, officials said in a statement.\n",
            "b.txt": "A turn\nPutin rejected a ceasefire on Monday.\n\nOn Tuesday Putin accepted a ceasefire, "
            "according to a Kremlin readout.\n",
        }
    )
    analysis = analyze(root, RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK)))
    matrix = report.position_matrix(analysis)
    cell = matrix.set_index(["actor", "issue"]).loc[("putin", "ceasefire")]
    assert (cell["articles"], cell["conflicted_stories"]) == (2, 1)
    assert "≠" in markup.position_table(matrix, ["putin"], ["ceasefire"])
    one_story = analysis._replace(stances=analysis.stances[analysis.stances["article"].str.startswith("a")])
    assert report.position_matrix(one_story)["conflicted_stories"].tolist() == [0]


def test_the_disagreement_finding_names_the_cells_most_stories_report_and_counts_the_rest():
    from briefing.report.common import FINDING_ITEMS
    from briefing.report.position_matrix import disagreement_finding

    disputed = pd.DataFrame(
        {
            "actor": [f"a{i}" for i in range(7)],
            "actor_name": [f"Holder {i}" for i in range(7)],
            "issue": ["ceasefire"] * 7,
            "issue_short": ["Ceasefire now"] * 7,
            "articles": [2, 9, 3, 2, 7, 2, 2],
            "positions": ["support 1, oppose 1"] * 7,
        }
    )
    from briefing.report.common import EVIDENCE_COLUMNS

    stances = pd.DataFrame(columns=["actor", "issue", "evidence", *[c for c in EVIDENCE_COLUMNS if c != "text"]])
    finding = disagreement_finding(stances, disputed)
    assert finding.heading == "articles disagree on 7 actor–issue positions"
    named = [f"Holder {i}" for i in range(7) if f"Holder {i} on" in finding.text]
    assert named == [f"Holder {i}" for i in (0, 1, 2, 3, 4)] and len(named) == FINDING_ITEMS
    assert "and 2 more (listed under the matrix and in stances.csv)" in finding.text


def assert_summarised(finding) -> None:
    """A key finding a reader takes in at a glance, at any corpus size, with every count formatted alike."""
    from briefing.report.common import unformatted_numbers

    shown = f"{finding.heading}. {finding.text}"
    assert len(shown) <= 400, shown
    for value in [shown, *(finding.facts or {}).values()]:
        assert not unformatted_numbers(value), value


def test_the_number_check_finds_counts_without_separators_and_leaves_years_dates_words_and_quotations():
    from briefing.report.common import number, unformatted_numbers

    # the two lines the 10,707 real articles printed, and a count printed as number() prints it
    assert unformatted_numbers("177794 attributions from 23066 sources") == ["177794", "23066"]
    assert unformatted_numbers("518 of 10602 stories") == ["10602"]
    assert unformatted_numbers(f"{number(177794)} attributions; {number(1234567)} words; 999 stories") == []
    # wrongly grouped, a decimal whose integer part is unseparated, a count glued to a sign or a hyphen
    assert unformatted_numbers("1,77,794 and 12,34") == ["1,77,794", "12,34"]
    assert unformatted_numbers("12345.6 words; 10,000.25 is fine") == ["12345.6"]
    assert unformatted_numbers("-12345, 12345% and a 4000-word story") == ["12345", "12345", "4000"]
    # not counts: years, ISO dates (even far ones), a fraction's digits, digits inside a word, quoted wording
    assert unformatted_numbers("in 2022, from 2022-02-24 to 2023-08 and 9999-12-31; +0.1234") == []
    assert unformatted_numbers("article a00123, an F16, COVID19") == []
    assert unformatted_numbers('“Russia lost 10000 troops” and "12345 shells", but 10000 here') == ["10000"]
    # a four-digit number outside the years is a count; one inside them is taken for a year (the check's limit)
    assert unformatted_numbers("3000 stories") == ["3000"] and unformatted_numbers("2000 stories") == []


def test_findings_on_a_large_analysis_name_five_count_the_rest_and_separate_thousands(seeds_analysis):
    from briefing.report.common import EVIDENCE_COLUMNS, FINDING_ITEMS
    from briefing.report.position_matrix import disagreement_finding

    cells = 317  # the disagreeing cells of the 10,707 real pool articles, whose finding once named them all
    disputed = pd.DataFrame(
        {
            "actor": [f"a{i}" for i in range(cells)],
            "actor_name": [f"Holder with a long name number {i}" for i in range(cells)],
            "issue": ["ceasefire"] * cells,
            "issue_short": ["Ceasefire now"] * cells,
            "articles": [1000 + i for i in range(cells)],
            "positions": [f"support {500 + i:,}, oppose {500:,}" for i in range(cells)],
        }
    )
    stances = pd.DataFrame(columns=["actor", "issue", "evidence", *[c for c in EVIDENCE_COLUMNS if c != "text"]])
    finding = disagreement_finding(stances, disputed)
    assert finding.heading == "articles disagree on 317 actor–issue positions"
    assert "Holder with a long name number 316 on" in finding.text  # the most reported is named first
    named = finding.text.count("Holder with a long name number")
    assert 1 <= named <= FINDING_ITEMS and "Holder with a long name number 311 on" not in finding.text
    assert f"; and {cells - named} more (listed under the matrix and in stances.csv)" in finding.text
    assert_summarised(finding)

    sources = seeds_analysis.sources
    many = pd.concat(
        [sources.assign(speaker=sources["speaker"] + f" {copy}") for copy in range(1 + 1200 // len(sources))],
        ignore_index=True,
    )
    large = seeds_analysis._replace(sources=many)
    for finding in [*(f for f, _ in report.key_findings(large)), *report.stance_findings(large)]:
        assert_summarised(finding)
    attributions = report.source_findings(large)[0]
    assert f"{len(many):,} attributions from {many['speaker'].nunique():,} sources" in attributions.text
    assert attributions.facts["Attributions"] == f"{len(many):,}"


def test_the_codebook_is_named_at_the_top_and_one_that_reaches_few_sentences_heads_the_trust_summary(seeds_analysis):
    from briefing.tables.checks import ISSUE_SHARE_FLOOR, codebook_coverage

    assert report.corpus_facts(seeds_analysis, "seeds")["Codebook"] == (
        "Ukraine peace talks (codebooks/ukraine-peace-talks.yaml)"
    )
    coverage = codebook_coverage(seeds_analysis)
    sentences, codebook = seeds_analysis.sentences, seeds_analysis.codebook
    # counted from the tables as the codebook matches each sentence's text again
    assert coverage.sentences == len(sentences)
    assert coverage.with_issue == sum(bool(codebook.mentions(text, "issues")) for text in sentences["text"]) > 0
    assert coverage.with_actor == seeds_analysis.mentions.groupby(["article", "sentence"]).ngroups > 0
    assert not coverage.low and report.trust_summary(seeds_analysis)[0].startswith("Stances: ")
    few = sentences["issue_cue"] & (sentences.index < len(sentences) * ISSUE_SHARE_FLOOR / 2)
    elsewhere = seeds_analysis._replace(sentences=sentences.assign(issue_cue=few))
    lines = report.trust_summary(elsewhere)
    assert lines[0].startswith("Codebook: The codebook 'Ukraine peace talks' may not fit this corpus: its actors ")
    assert lines[0].endswith("--codebook FILE lists the frequent ones it lacks)") and lines[1].startswith("Stances")


def test_claims_about_who_controls_a_place_come_from_the_codebook_that_defines_them(seeds_analysis):
    from dataclasses import replace

    claims = report.control_claims(seeds_analysis)
    assert claims["Place"].tolist() == ["Pokrovsk"]
    assert (
        report.control_claims(seeds_analysis._replace(codebook=replace(seeds_analysis.codebook, control=None))) is None
    )


def test_the_most_cited_finding_ranks_persons_apart_from_countries_and_institutions(seeds_analysis):
    from textwrap import shorten

    sources = seeds_analysis.sources
    finding = report.source_findings(seeds_analysis)[0]
    persons = sources[sources["speaker_kind"] == "person"]["speaker"].value_counts()
    institutions = sources[sources["speaker_kind"] == "institution"]["speaker"].value_counts()
    apart = report.sources_apart(seeds_analysis)
    first = apart.groupby("Kind", sort=False)["Source"].first()  # ties of citations broken by stories
    assert finding.heading == (
        f"{first['Person']} is the most-cited person, "
        f"{shorten(first['Country or institution'], 25, placeholder=' …')} the most-cited institution"
    )

    def listed(title: str) -> tuple[str, list[str]]:
        """The count a list of the finding states, and the names it lists (without side and citations)."""
        counted, items = finding.text.split(f"{title} (")[1].split(". ")[0].split("): ")
        return counted, [re.sub(r"( \([^)]*\))? [\d,]+$", "", item) for item in items.split("; ")]

    counted, named = listed("Persons")
    assert counted == str(persons.size) and named[0] == persons.index[0] and set(named) <= set(persons.index)
    counted, named = listed("Countries and institutions")
    assert counted == str(institutions.size) and set(named) <= set(institutions.index) and len(named) >= 2
    # a source whose side is named after it is not shown as "Russia (Russia)"
    assert "Russia (Russia)" not in finding.text and "Russia (Russia)" not in finding.facts
    assert_summarised(finding)
    for kind, counts in [("Person", persons), ("Country or institution", institutions)]:
        ranked = apart[apart["Kind"] == kind]
        assert ranked["Citations"].tolist() == counts.head(report.SOURCES_APART).tolist()


def test_the_cleaning_finding_summarises_when_every_rule_fires_and_thousands_of_articles_lose_much(seeds_analysis):
    from briefing.corpus.boilerplate import RULES

    copies = 2000
    articles = pd.concat(
        [
            seeds_analysis.articles.assign(id=seeds_analysis.articles["id"] + f"-a-long-file-name-{i}")
            for i in range(copies)
        ],
        ignore_index=True,
    )
    articles = articles.assign(words_before_cleaning=1000, words_removed=600)
    removed = pd.DataFrame(
        {
            "article": [*articles["id"].head(len(RULES)), "skipped-file"],
            "file": [*articles["id"].head(len(RULES)), "skipped-file"],
            "rule": [*RULES, "site chrome"],
            "words": [120_000 + i for i in range(len(RULES))] + [1_500],
        }
    )
    large = seeds_analysis._replace(articles=articles, removed=removed)
    finding = report.cleaning_finding(large)
    assert finding.heading.endswith(f"{len(articles):,} articles lost over 25% of their words")
    assert f"; and {len(articles) - 1:,} more (table below)." in finding.text
    assert "1,500 removed words were in files then skipped" in finding.text
    assert_summarised(finding)


def test_the_tone_finding_cuts_long_titles_to_stay_within_a_finding(make_corpus):
    long = "talks " * 60  # titles of 360 characters: the finding names both ends by title
    root = make_corpus(
        {
            "manifest.csv": f"file,title\ngrim.txt,Grim outlook for {long}\nbright.txt,Bright outlook for {long}\n",
            "grim.txt": "Grim outlook\n"
            + "The talks were a terrible, brutal failure. It was awful. The mood was bad. Hopes were sad. "
            + "The delegates were angry. The result was dreadful.\n",
            "bright.txt": "Bright outlook\n"
            + "The talks were a great success. Delegates were happy. The mood was good. The result was excellent. "
            + "Hopes were bright. It was a wonderful day.\n",
            "tiny.txt": "A wonderful day\nA wonderful, perfect day.\n",
        }
    )
    finding = report.tone_finding(analyze(root))
    assert "spread is larger than chance" in finding.text and "(“Grim outlook for talks" in finding.text
    assert "1 of 3 articles is left out of this comparison" in finding.text
    assert_summarised(finding)


def test_holders_beyond_the_listed_cap_are_counted_and_left_to_the_export(make_corpus, monkeypatch):
    from briefing.codebook import load_codebook
    from briefing.paths import DEFAULT_CODEBOOK

    matrices = importlib.import_module("briefing.report.position_matrix")  # the module: the package names a function so
    names = ["Elon Musk", "Jane Goodall", "Bill Gates", "Greta Thunberg"]
    story = " ".join(f"{name} rejected new sanctions." for name in names) + " Elon Musk rejected new sanctions again."
    again = "Elon Musk rejected new sanctions. Bill Gates rejected new sanctions."
    corpus = make_corpus({"a.txt": f"Sanctions\n\n{story}\n", "b.txt": f"Sanctions again\n\n{again}\n"})
    analysis = analyze(corpus, RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK)))
    matrix = report.position_matrix(analysis)
    prominent = report.prominent_holders(matrix, analysis.codebook)
    assert {"Elon Musk", "Bill Gates"} <= set(matrix.loc[prominent, "actor"])  # in two stories each
    assert {"Jane Goodall", "Greta Thunberg"}.isdisjoint(matrix.loc[prominent, "actor"])  # in one
    monkeypatch.setattr(matrices, "MATRIX_HOLDERS", 1)
    monkeypatch.setattr(matrices, "LISTED_HOLDERS", 2)
    prominent = report.prominent_holders(matrix, analysis.codebook)
    outside = set(matrix.loc[~prominent, "actor"])
    assert "Elon Musk" in set(matrix.loc[prominent, "actor"]) and outside >= {"Bill Gates", *names[1::2]}
    listed = matrix[report.listed_holders(matrix, prominent)]
    assert list(listed["actor"].drop_duplicates()) == ["Bill Gates", "Greta Thunberg"]  # two stories, then by name
    view = markup.matrix_view(matrix, prominent, list(analysis.codebook.issues), None)
    assert f"<summary>Other holders outside the codebook ({len(outside)}; 2 listed)</summary>" in view
    assert f"The 2 of these {len(outside)} holders whose positions the most stories report" in view
    on_page = report.cells_on_page(matrix, analysis.codebook)
    appendix = markup.evidence_appendix(matrix, report.cell_evidence(analysis), {}, on_page)
    for cell in matrix.itertuples():  # every cell the page shows links to its evidence; the others have none
        assert (f'href="#{cell.anchor}"' in view) == (f'id="{cell.anchor}"' in appendix) == bool(on_page[cell.Index])
    assert f"Evidence for {int(on_page.sum())} matrix cells of {len(matrix)}" in appendix
    assert "and every cell in position_matrix.csv" in appendix


def test_the_matrix_chart_draws_the_holders_in_most_stories_and_says_what_it_leaves_out(seeds_analysis, monkeypatch):
    matrices = importlib.import_module("briefing.report.position_matrix")  # the module: the package names a function so

    matrix = report.position_matrix(seeds_analysis)
    holders, all_issues = matrix["actor"].nunique(), matrix["issue"].nunique()
    actors, issues = report.chart_cells(seeds_analysis)
    prominent = report.prominent_holders(matrix, seeds_analysis.codebook)
    assert set(actors) == set(matrix.loc[prominent, "actor"]) and len(issues) == all_issues  # at 5 articles: all
    assert len(actors) < holders  # one name outside the codebook in one story
    alt = figures.stance_charts(seeds_analysis)["position_matrix"].alt
    assert alt.startswith(f"Grid of {len(actors)} of {holders} holders (those in the most stories; names outside")
    assert f"by all {all_issues} issues (those with the most statements): {prominent.sum()} of {len(matrix)}" in alt
    monkeypatch.setattr(matrices, "CHART_ACTORS", 3)
    monkeypatch.setattr(matrices, "CHART_ISSUES", 4)
    actors, issues = report.chart_cells(seeds_analysis)
    stories = report.holder_stories(seeds_analysis)
    assert len(actors) == 3 and min(stories[actors]) >= max(stories.drop(actors))  # the holders in most stories
    claims = matrix[matrix["actor"].isin(actors)].groupby("issue")["claims"].sum()
    assert len(issues) == 4 and min(claims[issues]) >= max(claims.drop(issues), default=0)
    chart = figures.stance_charts(seeds_analysis)["position_matrix"]
    drawn = matrix["actor"].isin(actors) & matrix["issue"].isin(issues)
    assert chart.alt.startswith(f"Grid of 3 of {holders} holders (those in the most stories;")
    assert f"by 4 of {all_issues} issues (those with the most statements): {drawn.sum()} of {len(matrix)}" in chart.alt
    assert chart.alt.endswith("every cell is in position_matrix.csv.")
    assert len(chart.data) == len(matrix) and chart.data["drawn"].sum() == drawn.sum()  # every cell exported
