"""Every chart stays legible at 5, 40 and 1,000 articles (slow: it draws each chart three times).

The corpora are the seeds' analysis repeated under new ids, outlets and dates: real sentences, stances and
sources at the sizes users bring. Each figure is inspected with matplotlib's own renderer before it is saved:
the size of every label as the briefing shows it, whether labels overlap, and how tall the chart is.
"""

import itertools

import pandas as pd
import pytest

from briefing import report
from briefing.publish import charts, figures

pytestmark = pytest.mark.slow

SHOWN_WIDTH_PX = 928  # the briefing's text column at 1280 px wide (62rem less its padding)
SAVED_DPI = charts.STYLE["savefig.dpi"]
SMALLEST_PT = 9
TALLEST_SHOWN_PX = 2000  # a chart taller than this is no longer read as one picture
OUTLETS = ["Daily News", "Evening Post", "World Wire", "The Courier", "Radio Free Report", "Morning Star"]
ARTICLE_TABLES = (
    "articles",
    "paragraphs",
    "sentences",
    "tone",
    "stances",
    "sources",
    "themes",
    "terms",
    "timeline",
    "mentions",
)


def scaled(analysis, n: int):
    """``analysis`` repeated until it holds ``n`` articles, each copy under a new id, outlet and date."""
    ids = list(analysis.articles["id"])
    copies = {}
    for k in range(n):
        source = ids[k % len(ids)]
        copies[f"{source}-{k}"] = (source, k)
    tables = {}
    for name in ARTICLE_TABLES:
        table = getattr(analysis, name)
        key = "id" if name == "articles" else "article"
        parts = []
        for new_id, (source, k) in copies.items():
            part = table[table[key] == source].copy()
            part[key] = new_id
            if name == "articles":
                part["title"] = part["title"] + f" (part {k})"
                part["outlet"] = OUTLETS[k % len(OUTLETS)]
                # half the copies carry a date: the timeline then has undated articles, dated by what they mention
                part["published"] = (
                    (pd.Timestamp("2025-01-01") + pd.Timedelta(days=k % 300)).strftime("%Y-%m-%d") if k % 2 else None
                )
                part["duplicate_of"] = None
            parts.append(part)
        tables[name] = pd.concat(parts, ignore_index=True)
    return analysis._replace(**tables)


def inspected_when_saved(monkeypatch) -> list:
    """What :func:`inspect` finds in each figure drawn from now on, before it is saved (filled as charts are drawn)."""
    inspected = []
    save = charts.to_png

    def keep(figure):
        figure.canvas.draw()
        inspected.append(inspect(figure))
        return save(figure)

    monkeypatch.setattr(charts, "to_png", keep)
    return inspected


def drawn_charts(analysis, monkeypatch):
    """Every chart of the briefing, and what :func:`inspect` finds in each figure before it is saved."""
    inspected = inspected_when_saved(monkeypatch)
    return figures.briefing_charts(analysis), inspected


def inspect(figure) -> dict:
    """The figure's visible labels as the page shows them: sizes in points, boxes in pixels."""
    renderer = figure.canvas.get_renderer()
    tight = figure.get_tightbbox(renderer)  # inches, as saved with bbox_inches="tight"
    saved_px = (tight.width + 0.4) * SAVED_DPI
    scale = min(1.0, SHOWN_WIDTH_PX / saved_px)
    # in pixels: the labels of ticks outside the view are neither drawn nor saved, and lie beyond it
    drawn = tight.transformed(figure.dpi_scale_trans)
    texts = [
        t
        for t in figure.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontsize"))
        if t.get_visible()
        and t.get_text().strip()
        and t.get_window_extent(renderer).width > 0
        and drawn.contains(*t.get_window_extent(renderer).get_points().mean(axis=0))
    ]
    return {
        "title": figure.get_suptitle()
        or next((a.get_title(loc="left") for a in figure.axes if a.get_title(loc="left")), ""),
        "shown_pt": {t.get_text(): t.get_fontsize() * SAVED_DPI / 96 * scale for t in texts},
        "boxes": [(t.get_text(), t.get_window_extent(renderer)) for t in texts],
        "shown_height_px": (tight.height + 0.4) * SAVED_DPI * scale,
    }


@pytest.fixture(scope="module")
def corpora(seeds_analysis):
    return {n: scaled(seeds_analysis, n) for n in (5, 40, 1000)}


@pytest.mark.parametrize("n", [5, 40, 1000])
def test_every_chart_is_legible_at_any_corpus_size(corpora, monkeypatch, n):
    drawn, inspected = drawn_charts(corpora[n], monkeypatch)
    assert len(inspected) == len(drawn) >= 7, sorted(drawn)
    # positions over time: none for 5 articles over 3 days, weeks for 40 over 38 days, months for 1,000
    assert ("positions_over_time_chart" in drawn) == (n > 5)
    if n > 5:
        assert f"by the position most of the {'week' if n == 40 else 'month'}'s stories" in (
            drawn["positions_over_time_chart"].alt
        )
    problems = legibility_problems(inspected)
    assert not problems, problems


def legibility_problems(inspected: list[dict]) -> list[tuple]:
    """What makes a chart hard to read, by chart: labels under 9 pt as shown, labels that overlap, a chart taller
    than a screenful."""
    problems = []
    for found in inspected:
        small = {text: round(pt, 1) for text, pt in found["shown_pt"].items() if pt < SMALLEST_PT}
        if small:
            problems.append((found["title"], "labels under 9 pt as shown", list(small.items())[:3]))
        overlapping = [
            (a, b)
            for (a, box_a), (b, box_b) in itertools.combinations(found["boxes"], 2)
            if box_a.overlaps(box_b)
            and box_a.intersection(box_a, box_b).width > 2
            and box_a.intersection(box_a, box_b).height > 2
        ]
        if overlapping:
            problems.append((found["title"], "overlapping labels", overlapping[:3]))
        if found["shown_height_px"] > TALLEST_SHOWN_PX:
            problems.append((found["title"], "taller than a screenful", round(found["shown_height_px"])))
    return problems


def busy_positions(seeds_analysis, months: int = 18, per_cell: int = 25):
    """The claims of a large corpus over ``months`` months (some 28,000 in 900 stories): a dozen actors each taking
    positions on six issues every month, drifting so that changes are flagged (a seed's stance row, relabelled)."""
    actors = ["russia", "putin", "ukraine", "zelensky", "us", "biden", "eu", "uk", "lavrov", "peskov", "kuleba", "nato"]
    issues = ["ceasefire", "peace_talks", "sanctions", "military_aid", "nato_membership", "cede_territory"]
    codebook = seeds_analysis.codebook
    template = seeds_analysis.stances.iloc[0]
    claims, dates = [], {}
    for month in range(months):
        for k in range(per_cell * 2):
            article = f"m{month}-{k}"
            dates[article] = f"{2022 + month // 12}-{month % 12 + 1:02d}-{1 + k % 28:02d}"
        for a, actor in enumerate(actors):
            for i, issue in enumerate(issues):
                for k in range(per_cell if (a + i + month) % 3 else 3):  # some thin windows
                    position = ("support", "oppose", "conditional")[((a * i + month // (2 + a % 4)) + (k % 5 == 0)) % 3]
                    claims.append(
                        template.to_dict()
                        | {"article": f"m{month}-{(a + i + k) % (per_cell * 2)}", "actor": actor, "issue": issue}
                        | {"actor_name": codebook.actors[actor].name, "side": codebook.actors[actor].side}
                        | {"position": position}
                    )
    articles = pd.DataFrame({"id": list(dates), "published": list(dates.values()), "duplicate_of": None})
    return seeds_analysis._replace(articles=articles, stances=pd.DataFrame(claims))


def test_positions_over_time_read_at_eighteen_months_and_a_dozen_actors(seeds_analysis, monkeypatch):
    inspected = inspected_when_saved(monkeypatch)
    chart = figures.over_time_charts(busy_positions(seeds_analysis))["positions_over_time_chart"]
    shown = chart.data[["actor", "issue"]].drop_duplicates()
    assert shown["actor"].nunique() == 8 and shown["issue"].nunique() == 4  # of 12 and 6: the top by stories
    assert "over 18 months (2022-01 to 2023-06)" in chart.alt and "0 changes" not in chart.alt
    problems = legibility_problems(inspected)
    assert not problems, problems


def test_charts_of_one_row_per_article_say_they_show_the_top_n(corpora, monkeypatch):
    drawn, _ = drawn_charts(corpora[1000], monkeypatch)
    assert f"the {figures.TOP_N_ARTICLES} most extreme of 1,000 articles" in drawn["tone_chart"].alt
    assert f"the {figures.TOP_N_ARTICLES} most theme-dense of 1,000 articles" in drawn["theme_heatmap"].alt
    assert f"in the {figures.TOP_N_ARTICLES} articles with most of them, of " in drawn["timeline_chart"].alt


def test_charts_rendered_in_a_worker_process_are_the_charts_rendered_here(corpora):
    from briefing.publish.artifacts import renderer

    class Counted:  # the renderer's pool, counting the figures sent to it
        def __init__(self, pool):
            self.pool, self.sent = pool, 0

        def submit(self, *task):
            self.sent += 1
            return self.pool.submit(*task)

    here = figures.briefing_charts(corpora[40])
    with renderer(2) as pool:
        counted = Counted(pool)
        sent = figures.briefing_charts(corpora[40], figures.TOP_N_ARTICLES, counted)
        there = {name: charts.rendered(chart) for name, chart in sent.items()}
    assert counted.sent == len(here) >= 7
    assert list(there) == list(here)
    for name, chart in here.items():
        assert isinstance(there[name].png, bytes) and there[name].png == chart.png, name
        assert there[name].alt == chart.alt, name
        pd.testing.assert_frame_equal(there[name].data, chart.data)


def test_a_holder_with_positions_only_on_issues_left_out_of_the_grid_gets_no_row(seeds_analysis):
    """At scale the grid draws the issues with the most statements: a holder among the drawn ones whose every
    position is on another issue has no cell to draw (on 100 US campaign articles this raised a KeyError)."""
    matrix = report.position_matrix(seeds_analysis)
    issue = matrix["issue"].value_counts().index[0]
    elsewhere = sorted(set(matrix["actor"]) - set(matrix.loc[matrix["issue"] == issue, "actor"]))
    assert elsewhere  # the seeds have a holder with no position on the most common issue
    chart = charts.position_chart(matrix, list(matrix["actor"].drop_duplicates()), [issue], capped=True)
    drawn = chart.data[chart.data["drawn"]]
    assert set(drawn["issue"]) == {issue} and not set(drawn["actor"]) & set(elsewhere)
    assert len(chart.data) == len(matrix)  # every cell is still in the chart's data
