"""Charts: one style, a colour-blind-safe palette, alt text and the data behind.

Each chart function returns a :class:`Chart`: PNG bytes rendered the same
way every time (no timestamp in the file), the alt text, and the table that
was plotted, which is exported next to the PNG.
"""

from __future__ import annotations

import functools
import io
import pickle
import textwrap
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import NamedTuple

import pandas as pd

from briefing.report.common import MIXED, number, out_of, plural, signed, with_side
from briefing.report.outlets import OFF_AXIS
from briefing.schema import CHANGE_STORIES, CONDITIONAL, OPPOSE, OTHER_SIDE, SUPPORT

# Okabe & Ito (2008), distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#7F7F7F",
    "black": "#000000",
}
STYLE = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#E5E5E5",
    "figure.dpi": 100,
    "savefig.dpi": 144,
    # labels are laid out inside the figure, so its width is the width of the picture
    "figure.constrained_layout.use": True,
}
# The page shows a chart at most 928 px wide (the text column at 1280 px): a figure 7.2 inches wide keeps a
# SMALLEST_FONT label at 9 pt or more there (tests/test_charts.py measures it at 5, 40 and 1,000 articles).
FIGURE_WIDTH = 7.2
UNIT_PLURALS = {"century": "centuries", "millennium": "millennia"}  # the rest of the periods take an s
# How the coverage-volume table names its rows of dates far from the rest, before and after its axis.
SMALLEST_FONT = 8
TITLE_WIDTH = 62  # characters of a 12 pt bold title in the figure width
LABEL_WIDTH = 48
# Inches per row of a chart with one label line per row, and with two: enough for the label at SMALLEST_FONT and
# a gap, no more, so that a short briefing stays short.
ROW_HEIGHT = 0.22
ROW_HEIGHT_TWO_LINES = 0.32
UPRIGHT_COLUMNS = 6  # a heatmap with more columns than this turns its column labels on their side
HEATMAP_MARGINS = 3.4  # inches of a heatmap taken by its row labels and colour bar
CHAR_WIDTH = 0.07  # inches per character of a SMALLEST_FONT label, on average
PERCENT = "{x:.0%}"  # tick labels of shares (a format string, which a figure sent to a renderer can carry)


class Chart(NamedTuple):
    """A rendered chart with what a reader and an analyst need beside it."""

    png: bytes
    alt: str
    data: pd.DataFrame
    columns: dict[str, str]


@functools.cache
def pyplot():
    """matplotlib's pyplot with the Agg backend, imported when a chart is first drawn: a briefing whose charts come
    from the cache never pays for it (a third of a second)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def wrap_label(text: str, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """Wrap ``text`` to at most ``lines`` lines, ending in an ellipsis if cut."""
    return "\n".join(textwrap.wrap(str(text), width, max_lines=lines, placeholder=" …")) or "(untitled)"


def set_title(axes, text: str) -> None:
    """The chart's title at the figure's left edge, wrapped so that it never makes the picture wider than the
    chart (an axes title starts after the row labels, and a long one runs past the figure)."""
    axes.figure.suptitle(
        wrap_label(text, TITLE_WIDTH, 2), x=0.01, ha="left", fontsize=STYLE["axes.titlesize"], fontweight="bold"
    )


def to_png(figure) -> bytes:
    """Render ``figure`` to PNG bytes without a timestamp, then close it; within :func:`rendering_in`, hand it to
    the renderer's worker and return the future of its bytes instead (:func:`rendered`)."""
    renderer = RENDERER.get()
    if renderer is None:
        return render(figure)
    # A pickle, because a figure is code and data: it goes from this process to the worker it started, through the
    # pipe between them, and is never written to disk nor read from anywhere else (the cache holds only PNG bytes).
    drawn = pickle.dumps(figure, protocol=pickle.HIGHEST_PROTOCOL)  # now: the figure is closed next
    pyplot().close(figure)
    return renderer.submit(render_pickled, drawn, drawing_style())


def render(figure) -> bytes:
    """``figure`` as PNG bytes without a timestamp, in at most :data:`PNG_COLOURS` colours; the figure is closed."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", pad_inches=0.2, metadata={"Software": None})
    pyplot().close(figure)
    return with_palette(buffer.getvalue())


# A chart is flat colours and anti-aliased text: an indexed PNG of 256 colours looks the same and is a third of the
# bytes (the nine charts of 1,000 real articles: 1.56 MB of full-colour PNG, 0.57 MB indexed), and the page embeds every
# chart. Median cut keeps the palest shades of a heatmap apart from white (an octree merged them).
PNG_COLOURS = 256


def with_palette(png: bytes) -> bytes:
    """``png`` as an indexed PNG of at most :data:`PNG_COLOURS` colours (median cut), the same bytes for the same
    picture."""
    from PIL import Image  # matplotlib's own dependency, imported with it: only when a chart is drawn

    picture = Image.open(io.BytesIO(png)).convert("RGB")
    buffer = io.BytesIO()
    picture.quantize(PNG_COLOURS, method=Image.Quantize.MEDIANCUT).save(buffer, format="png", optimize=True)
    return buffer.getvalue()


# The pool whose worker renders the figures that :func:`to_png` is given, within :func:`rendering_in`.
RENDERER: ContextVar = ContextVar("RENDERER", default=None)


@contextmanager
def rendering_in(pool) -> Iterator[None]:
    """Within this block, each chart's figure is rendered to PNG in ``pool``'s worker process (a
    ``concurrent.futures`` executor, or None: here) while this process draws the next; each chart's ``png`` is
    then the future of its bytes, until :func:`rendered`. Rendering is most of a chart's time, and the same bytes
    come out of either process (``tests/test_charts.py``)."""
    token = RENDERER.set(pool)
    try:
        yield
    finally:
        RENDERER.reset(token)


def drawing_style() -> dict:
    """The matplotlib settings in effect (a chart's style), but the backend: some are read when the figure is
    rendered (the resolution, the ticks drawn then)."""
    import matplotlib

    return {key: value for key, value in matplotlib.rcParams.items() if key != "backend"}


def render_pickled(drawn: bytes, style: dict) -> bytes:
    """The PNG of a pickled figure, rendered in the ``style`` it was drawn in (a renderer worker's task)."""
    with pyplot().rc_context(style):
        return render(pickle.loads(drawn))  # pickled by the process that started this worker (to_png), in memory


def prepare_renderer() -> None:
    """Import matplotlib in a renderer worker before the first figure comes."""
    pyplot()


def rendered(chart: Chart) -> Chart:
    """``chart`` with its PNG's bytes, once a worker has rendered them (:func:`rendering_in`)."""
    return chart._replace(png=chart.png.result()) if isinstance(chart.png, Future) else chart


def article_labels(articles: pd.DataFrame) -> pd.Series:
    """Readable article labels: title, then outlet and date where known."""

    def label(row) -> str:
        extra = ", ".join(str(v) for v in (row.outlet, row.published) if isinstance(v, str) and v)
        return wrap_label(row.title, LABEL_WIDTH, 1 if extra else 2) + (f"\n({extra})" if extra else "")

    return pd.Series([label(row) for row in articles.itertuples()], index=articles["id"].to_numpy())


def drawn(size: tuple[float, float], draw: Callable[[object], None], style: Mapping = STYLE) -> bytes | Future:
    """The PNG of a figure of ``size`` inches whose axes ``draw`` fills, in the charts' ``style``: the steps every
    chart takes around its own drawing (see :func:`to_png` for the bytes or their future)."""
    plt = pyplot()
    with plt.rc_context(style):
        figure, axes = plt.subplots(figsize=size)
        draw(axes)
        return to_png(figure)


TONE_COLUMNS = {
    "article": "Article id.",
    "label": "Label shown on the chart: title, outlet and date.",
    "sentences": "Sentences scored (the grey dots; their polarities are in sentences.csv).",
    "polarity_mean": "Mean sentence polarity (the diamond).",
    "polarity_sd": "Standard deviation of sentence polarity (the error bar).",
    "neutral_share": "Share of sentences with polarity exactly 0.",
}


def tone_chart(tone: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, top_n: int = 20) -> Chart:
    """Sentence polarity per article, with the mean and spread.

    With more than ``top_n`` articles, shows the most negative and most
    positive halves of ``top_n``.

    Parameters
    ----------
    tone : DataFrame
        The ``tone_by_article`` table.
    sentences : DataFrame
        The ``sentences`` table (for the dots).
    articles : DataFrame
        The ``articles`` table (for labels).
    top_n : int
        Most articles to show.
    """
    data, labels, total = extreme_articles(tone, articles, top_n)
    shown = (
        f"the {len(data)} most extreme of {number(total)} articles" if total > len(data) else plural(total, "article")
    )

    def draw(axes) -> None:
        draw_sentence_dots(axes, data, sentences)
        draw_article_means(axes, data)
        axes.axvline(0, color=PALETTE["black"], linewidth=0.8)
        axes.set_yticks(range(len(data)), [labels[a] for a in data["article"]], fontsize=SMALLEST_FONT)
        axes.set_ylim(-0.7, len(data) - 0.3)
        axes.set_xlim(-1.05, 1.05)
        axes.set_xlabel("Sentence polarity (TextBlob): −1 negative … +1 positive")
        set_title(axes, f"Tone by article ({shown})")
        tone_legend(axes)

    png = drawn((FIGURE_WIDTH, 1.2 + ROW_HEIGHT_TWO_LINES * max(len(data), 2)), draw)
    return Chart(png, tone_alt(data, shown), data, TONE_COLUMNS)


def extreme_articles(tone: pd.DataFrame, articles: pd.DataFrame, top_n: int) -> tuple[pd.DataFrame, pd.Series, int]:
    """The rows of :func:`tone_chart` (its articles with sentences, or the most negative and most positive halves
    of ``top_n`` of them, most negative first), the labels of the articles shown, and how many had sentences."""
    ranked = tone[tone["sentences"] > 0].sort_values(["polarity_mean", "article"], kind="stable")
    total = len(ranked)
    if total > top_n:
        ranked = pd.concat([ranked.head(top_n // 2), ranked.tail(top_n - top_n // 2)])
    labels = article_labels(articles[articles["id"].isin(ranked["article"])])  # of the articles shown only
    data = pd.DataFrame(
        {
            "article": ranked["article"].to_numpy(),
            "label": [labels[a].replace("\n", " ") for a in ranked["article"]],
            "sentences": ranked["sentences"].to_numpy(),
            "polarity_mean": ranked["polarity_mean"].to_numpy(),
            "polarity_sd": ranked["polarity_sd"].to_numpy(),
            "neutral_share": ranked["neutral_share"].to_numpy(),
        }
    )
    return data, labels, total


def draw_sentence_dots(axes, data: pd.DataFrame, sentences: pd.DataFrame) -> None:
    """One grey dot per sentence of each article shown, on the article's row, jittered the same way every time."""
    shown = sentences[sentences["article"].isin(set(data["article"]))]  # one pass over every sentence
    polarities = {article: group.to_numpy() for article, group in shown.groupby("article")["polarity"]}
    for row, article in enumerate(data["article"]):
        values = polarities.get(article, [])
        offsets = [((i * 7) % 11 - 5) * 0.035 for i in range(len(values))]  # fixed jitter
        axes.scatter(
            values,
            [row + o for o in offsets],
            s=14,
            color=PALETTE["grey"],
            alpha=0.45,
            linewidths=0,
            label="sentence" if row == 0 else None,
        )


def draw_article_means(axes, data: pd.DataFrame) -> None:
    """Each article's mean polarity as a diamond (blue at 0 or above, vermillion below) with its standard
    deviation as an error bar."""
    colours = [PALETTE["vermillion"] if m < 0 else PALETTE["blue"] for m in data["polarity_mean"]]
    axes.errorbar(
        data["polarity_mean"],
        range(len(data)),
        xerr=data["polarity_sd"],
        fmt="none",
        ecolor=PALETTE["black"],
        elinewidth=1,
        capsize=3,
        label="± 1 standard deviation",
    )
    axes.scatter(
        data["polarity_mean"],
        range(len(data)),
        s=60,
        marker="D",
        color=colours,
        zorder=3,
        edgecolors=PALETTE["black"],
        linewidths=0.6,
        label="article mean",
    )


def tone_legend(axes) -> None:
    """The tone chart's legend under the figure, its mean marker white and named with both of its colours."""
    from matplotlib.lines import Line2D

    handles, labels = axes.get_legend_handles_labels()
    mean_marker = Line2D(
        [],
        [],
        marker="D",
        linestyle="none",
        markersize=7,
        markerfacecolor="white",
        markeredgecolor=PALETTE["black"],
        label="article mean (blue ≥ 0, vermillion < 0)",
    )
    handles = [mean_marker if label == "article mean" else h for h, label in zip(handles, labels, strict=True)]
    axes.figure.legend(handles=handles, loc="outside lower center", ncol=3, frameon=False, fontsize=SMALLEST_FONT)


def tone_alt(data: pd.DataFrame, shown: str) -> str:
    """The tone chart's alt text: the articles ``shown`` and the range of their mean polarities."""
    if not len(data):
        return "No sentences to score."
    low, high = data.iloc[0], data.iloc[-1]
    return (
        f"Dot plot of sentence polarity for {shown}. Mean polarity ranges from "
        f"{signed(low.polarity_mean)} ({low.label}) to {signed(high.polarity_mean)} ({high.label})."
    )


POSITION_COLOURS = {
    SUPPORT: PALETTE["blue"],
    OPPOSE: PALETTE["vermillion"],
    CONDITIONAL: PALETTE["green"],
    MIXED: PALETTE["purple"],
}


POSITION_MATRIX_COLUMNS = {
    "actor": "Actor id.",
    "actor_name": "Actor name.",
    "side": "The actor's side.",
    "issue": "Issue id.",
    "issue_short": "Issue, as labelled on the chart.",
    "position": "Position most stories report: support, oppose, conditional, or mixed on a tie (the colour).",
    "articles": "Stories reporting a position (copies count once; the number in the cell).",
    "claims": "Statements behind the cell.",
    "disagree": "True when stories report different positions (the ⚑).",
    "conflicted_stories": "Stories whose own statements give the actor different positions on the issue (the ≠).",
    "positions": "Stories per position.",
    "drawn": "True when the cell is drawn on the chart (its holder and its issue among those the chart shows).",
}


def position_chart(matrix: pd.DataFrame, actor_order: list[str], issue_order: list[str], capped: bool = False) -> Chart:
    """Actors × issues, each cell coloured by position and labelled with its number of stories.

    Parameters
    ----------
    matrix : DataFrame
        From :func:`briefing.report.position_matrix`: every cell, all exported with the chart (its ``drawn``
        column says which are drawn).
    actor_order, issue_order : list of str
        The rows and columns drawn, in order (ids; those without a position are left out): at scale, the holders
        and issues of :func:`briefing.report.position_matrix.chart_cells`. The alt text says what is left out.
    capped : bool
        True when the chart leaves out holders or issues the page's matrix shows (its caps at scale): the title
        says how many it draws, too.
    """
    in_grid = matrix["actor"].isin(set(actor_order)) & matrix["issue"].isin(set(issue_order))
    # a holder whose positions are all on issues left out of the grid (and such an issue) gets no empty row
    actors = [a for a in actor_order if a in set(matrix.loc[in_grid, "actor"])]
    issues = [i for i in issue_order if i in set(matrix.loc[in_grid, "issue"])]
    is_drawn = matrix["actor"].isin(set(actors)) & matrix["issue"].isin(set(issues))
    shown = matrix[is_drawn]
    holders, all_issues = matrix["actor"].nunique(), matrix["issue"].nunique()
    cut = len(shown) < len(matrix)
    issues_drawn = f"all {number(all_issues)} issues"
    if len(issues) < all_issues:
        issues_drawn = f"{number(len(issues))} of {number(all_issues)} issues"
    # two short lines: a longer one runs past the grid and widens the picture, which the page then shrinks
    subtitle = (
        f"\n{number(len(actors))} of {number(holders)} holders (most stories),\n{issues_drawn} (most statements)"
        if capped
        else ""
    )

    def draw(axes) -> None:
        draw_position_cells(axes, shown, actors, issues)
        label_position_axes(axes, shown, actors, issues, subtitle)
        position_legend(axes)

    width = min(FIGURE_WIDTH, max(6.0, 0.62 * len(issues) + 3.2))
    png = drawn((width, 1.3 + 0.42 * max(len(actors), 2)), draw, {**STYLE, "axes.grid": False})
    counts = shown["position"].value_counts()
    positions = ", ".join(f"{number(counts.get(p, 0))} {p}" for p in POSITION_COLOURS)
    alt = (
        f"Grid of {number(len(actors))} of {number(holders)} holders (those in the most stories; names outside the "
        f"codebook that one story reports are left out) by {issues_drawn} (those with the most statements): "
        f"{number(len(shown))} of {number(len(matrix))} reported positions drawn ({positions}); "
        "every cell is in position_matrix.csv."
        if cut
        else f"Grid of {number(len(actors))} actors by {number(len(issues))} issues with {number(len(shown))} reported "
        f"positions: {positions}."
    )
    data = matrix.drop(columns=["anchor"]).assign(drawn=is_drawn)
    return Chart(png, alt, data, POSITION_MATRIX_COLUMNS)


def draw_position_cells(axes, matrix: pd.DataFrame, actors: list[str], issues: list[str]) -> None:
    """One square per actor and issue in the colour of its position, with its number of stories (and a * where
    stories disagree)."""
    plt = pyplot()
    for cell in matrix.itertuples():
        x, y = issues.index(cell.issue), actors.index(cell.actor)
        axes.add_patch(
            plt.Rectangle(
                (x - 0.46, y - 0.42), 0.92, 0.84, color=POSITION_COLOURS[cell.position], alpha=0.9, linewidth=0
            )
        )
        label = f"{cell.articles}" + ("*" if cell.disagree else "")
        axes.text(x, y, label, ha="center", va="center", fontsize=9, color="white", fontweight="bold")


def label_position_axes(axes, matrix: pd.DataFrame, actors: list[str], issues: list[str], subtitle: str = "") -> None:
    """The grid's rows named by actor (and side, where it differs), its columns by the issues' short names, and
    its title (with ``subtitle``: what is drawn of a larger matrix); no ticks, no frame."""
    names = {
        r.actor: r.actor_name if r.actor_name == r.side else f"{r.actor_name} ({r.side})" for r in matrix.itertuples()
    }
    shorts = dict(zip(matrix["issue"], matrix["issue_short"], strict=True))
    axes.set_xlim(-0.5, len(issues) - 0.5)
    axes.set_ylim(len(actors) - 0.5, -0.5)
    axes.set_xticks(
        range(len(issues)),
        [wrap_label(shorts[i], 24, 2) for i in issues],
        fontsize=SMALLEST_FONT,
        rotation=35 if len(issues) <= 8 else 90,  # upright labels take a column's width, not three
        ha="right",
        rotation_mode="anchor",
    )
    axes.set_yticks(range(len(actors)), [names[a] for a in actors], fontsize=SMALLEST_FONT)
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_title(
        f"Who takes which position{subtitle}\n(number = stories reporting it; * = stories disagree)",
        fontsize=10.5,
        pad=26,
    )


def position_legend(axes) -> None:
    """The positions' colours in one row above the grid."""
    handles = [pyplot().Rectangle((0, 0), 1, 1, color=colour) for colour in POSITION_COLOURS.values()]
    axes.legend(
        handles,
        list(POSITION_COLOURS),
        loc="lower left",
        ncol=4,
        frameon=False,
        fontsize=SMALLEST_FONT,
        bbox_to_anchor=(0.0, 1.0),
        borderaxespad=0.2,
    )


def side_colours(sides: list[str]) -> dict[str, str]:
    """A fixed colour per side, in the codebook's order, grey for Other."""
    cycle = [PALETTE[c] for c in ("vermillion", "blue", "green", "sky", "orange", "purple", "yellow")]
    colours = {side: cycle[i % len(cycle)] for i, side in enumerate(s for s in sides if s != OTHER_SIDE)}
    colours[OTHER_SIDE] = PALETTE["grey"]
    return colours


def sources_chart(top: pd.DataFrame, sides: list[str]) -> Chart:
    """The most-cited sources as horizontal bars, coloured by side.

    Parameters
    ----------
    top : DataFrame
        From :func:`briefing.report.top_sources`: speaker, side, source_type, citations, stories, direct.
    sides : list of str
        The codebook's sides, for a stable colour per side.
    """
    colours = side_colours(sides)
    data = top.iloc[::-1]

    def draw(axes) -> None:
        labels = [wrap_label(f"{r.speaker} ({r.source_type})", 44, 1) for r in data.itertuples()]
        axes.barh(labels, data["citations"], color=[colours.get(s, PALETTE["grey"]) for s in data["side"]])
        axes.barh(labels, data["direct"], color="none", edgecolor=PALETTE["black"], hatch="///", linewidth=0.6)
        axes.set_xlabel("Citations (hatched: direct quotations)")
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.grid(axis="y", visible=False)
        set_title(axes, f"Most-cited sources of every kind (top {len(data)})")
        present = [s for s in colours if s in set(data["side"])]
        handles = [pyplot().Rectangle((0, 0), 1, 1, color=colours[s]) for s in present]
        axes.legend(handles, present, loc="lower right", frameon=False, fontsize=SMALLEST_FONT, title="Side")

    png = drawn((FIGURE_WIDTH, 1.0 + ROW_HEIGHT * max(len(data), 2)), draw)
    if len(top):
        first = top.iloc[0]
        alt = (
            f"Bar chart of the {len(top)} most-cited sources. {with_side(first.speaker, first.side)} is cited most, "
            f"{number(first.citations)} times in {plural(first.stories, 'story', 'stories')}."
        )
    else:
        alt = "No sources found."
    columns = {
        "speaker": "Source.",
        "side": "Side (the bar colour).",
        "source_type": "Source type.",
        "citations": "Attributions of any kind (the bar length).",
        "stories": "Stories citing the source (copies count once).",
        "direct": "Direct quotations (the hatched part).",
    }
    return Chart(png, alt, top.reset_index(drop=True), columns)


HEATMAP_COLUMNS = {
    "theme": "Theme.",
    "article": "Article id.",
    "share": "Share of the article's sentences touching the theme (the cell).",
}


def theme_heatmap(
    shares: pd.DataFrame, labels: dict[str, str], total: int | None = None, overall: pd.Series | None = None
) -> Chart:
    """Themes × articles: the share of each article's sentences touching each theme.

    Parameters
    ----------
    shares : DataFrame
        Index: theme labels; columns: article ids; values: shares 0–1.
    labels : dict
        Article id to a short label.
    total : int, optional
        Articles in the corpus, when ``shares`` holds only some of them.
    overall : Series, optional
        Each theme's share of all sentences: the caption then ranks the themes by it.
    """
    width = min(FIGURE_WIDTH, max(5.5, 0.75 * shares.shape[1] + 3.5))

    def draw(axes) -> None:
        image = draw_shares(axes, shares)
        axes.set_yticks(range(len(shares)), shares.index, fontsize=SMALLEST_FONT)
        label_heatmap_columns(axes, [labels.get(c, c) for c in shares.columns], width)
        shown = (
            ""
            if not total or total == shares.shape[1]
            else f" ({shares.shape[1]} most theme-dense of {total} articles)"
        )
        set_title(axes, "Share of each article's sentences touching each theme" + shown)
        axes.figure.colorbar(image, ax=axes, fraction=0.03, pad=0.02, format=PERCENT)

    png = drawn((width, 1.2 + ROW_HEIGHT * max(len(shares), 2)), draw, {**STYLE, "axes.grid": False})
    data = shares.reset_index().melt(id_vars=shares.index.name or "index", var_name="article", value_name="share")
    data.columns = ["theme", "article", "share"]
    return Chart(png, heatmap_alt(shares, total, overall), data, HEATMAP_COLUMNS)


def draw_shares(axes, shares: pd.DataFrame):
    """The shares as cells of a blue scale, each written in its cell while the columns are few enough to read
    them; returns the image, for its colour bar."""
    image = axes.imshow(
        shares.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=max(0.5, float(shares.max().max())), aspect="auto"
    )
    for (y, x), value in pd.DataFrame(shares.to_numpy(dtype=float)).stack().items():
        if value > 0 and shares.shape[1] <= 12:  # beyond that, the colour scale carries the numbers
            axes.text(
                x,
                y,
                f"{value:.0%}",
                ha="center",
                va="center",
                fontsize=SMALLEST_FONT,
                color="white" if value > 0.35 else PALETTE["black"],
            )
    return image


def label_heatmap_columns(axes, names: list[str], width: float) -> None:
    """The heatmap's column labels: across and wrapped to a column's width when the columns are few, else on
    their side."""
    columns = len(names)
    if columns <= UPRIGHT_COLUMNS:  # few columns: labels read across, wrapped to the column's width
        column_chars = int((width - HEATMAP_MARGINS) / columns / CHAR_WIDTH)
        axes.set_xticks(range(columns), [wrap_label(n, column_chars, 3) for n in names], fontsize=SMALLEST_FONT)
    else:
        axes.set_xticks(range(columns), names, fontsize=SMALLEST_FONT, rotation=90, ha="right", rotation_mode="anchor")


def heatmap_alt(shares: pd.DataFrame, total: int | None, overall: pd.Series | None) -> str:
    """The heatmap's alt text: the articles it shows and its three most covered themes."""
    # the caption names the most covered themes by the measure the theme finding uses, so the two agree
    top = (overall if overall is not None else shares.mean(axis=1)).sort_values(ascending=False)
    measure = "Share of all sentences" if overall is not None else "Most covered on average"
    across = (
        f"the {shares.shape[1]} most theme-dense of {number(total)} articles"
        if total and total > shares.shape[1]
        else f"{shares.shape[1]} articles"
    )
    return (
        f"Heatmap of {len(shares)} themes across {across}. {measure}: "
        + ", ".join(f"{t} ({v:.0%})" for t, v in top.head(3).items())
        + "."
    )


def bar_chart(
    data: pd.DataFrame,
    label: str,
    value: str,
    title: str,
    xlabel: str,
    columns: dict[str, str],
    note: str = "n",
    signed_axis: bool = False,
) -> Chart:
    """Horizontal bars of ``value`` by ``label``, annotated with ``note`` (e.g. the number of sentences)."""
    ordered = data.iloc[::-1]

    def draw(axes) -> None:
        colours = [PALETTE["vermillion"] if v < 0 else PALETTE["blue"] for v in ordered[value]]
        thin = ordered["thin"].astype(bool).tolist() if "thin" in ordered else [False] * len(ordered)
        bars = axes.barh([wrap_label(x, 40, 1) for x in ordered[label]], ordered[value], color=colours)
        for bar, is_thin in zip(bars, thin, strict=True):
            if is_thin:  # too few sentences to compare: drawn pale
                bar.set_alpha(0.35)
        for y, (v, n) in enumerate(zip(ordered[value], ordered[note], strict=True)):
            axes.text(
                v + (0.002 if v >= 0 else -0.002),
                y,
                f" {signed(v)} (n={n})" if signed_axis else f" {v:.0%}",
                va="center",
                ha="left" if v >= 0 else "right",
                fontsize=SMALLEST_FONT,
            )
        if signed_axis:
            axes.axvline(0, color=PALETTE["black"], linewidth=0.8)
            span = max(0.15, float(ordered[value].abs().max()) * 1.6)
            axes.set_xlim(-span, span)
        else:
            axes.set_xlim(0, max(0.1, float(ordered[value].max()) * 1.25))
            axes.xaxis.set_major_formatter(PERCENT)
        axes.grid(axis="y", visible=False)
        axes.set_xlabel(xlabel + ("; pale bars: fewer than 5 sentences, too thin to compare" if any(thin) else ""))
        set_title(axes, title)

    png = drawn((FIGURE_WIDTH, 1.0 + ROW_HEIGHT * max(len(ordered), 2)), draw)
    if len(data):
        first, last = data.iloc[0], data.iloc[-1]
        alt = (
            f"{title}: {len(data)} bars, from {first[label]} ({signed(first[value])}) to {last[label]} "
            f"({signed(last[value])})."
            if signed_axis
            else f"{title}: {first[label]} leads with {first[value]:.0%}."
        )
    else:
        alt = f"{title}: no data."
    return Chart(png, alt, data.reset_index(drop=True), columns)


def keep_within_calendar(axes, mdates) -> None:
    """Keep a date axis's margins within the years matplotlib can draw (1 to 9999): a date mentioned in year 1 or
    9999 (a year-1 publication date resolves "May 16" to 0001-05-16) would otherwise put the margin out of them."""
    low, high = axes.get_xlim()
    earliest, latest = mdates.date2num(datetime(1, 1, 1)), mdates.date2num(datetime(9999, 12, 31))
    if low < earliest or high > latest:
        axes.set_xlim(max(low, earliest), min(high, latest))


TIMELINE_COLUMNS = {
    "article": "Article id.",
    "expression": "The date as written (the label).",
    "date": "The resolved date (the dot).",
    "precision": "day, month or year.",
}
LABELLED_ROWS = 8  # a timeline of more articles than this leaves its dots unlabelled


def timeline_chart(timeline: pd.DataFrame, labels: dict[str, str], total: int | None = None) -> Chart:
    """Resolved dated mentions on a time axis, one row per article."""
    resolved = timeline[timeline["resolved"].astype(bool)].copy()
    resolved["when"] = pd.to_datetime(resolved["date"].astype(str), format="mixed")
    articles = list(dict.fromkeys(resolved["article"]))

    def draw(axes) -> None:
        draw_dated_mentions(axes, resolved, articles)
        axes.set_yticks(
            range(len(articles)), [wrap_label(labels.get(a, a), 34, 2) for a in articles], fontsize=SMALLEST_FONT
        )
        axes.set_ylim(-0.8, max(len(articles), 1) - 0.2)
        date_axis(axes)
        shown = "" if not total or total <= len(articles) else f" ({out_of(len(articles), total)} articles)"
        set_title(axes, "Dated events the articles mention" + shown)
        axes.grid(axis="y", visible=False)

    png = drawn((FIGURE_WIDTH, 1.3 + 0.34 * max(len(articles), 2)), draw)
    data = resolved[["article", "expression", "date", "precision"]].reset_index(drop=True)
    return Chart(png, timeline_alt(timeline, resolved, articles, total), data, TIMELINE_COLUMNS)


def draw_dated_mentions(axes, resolved: pd.DataFrame, articles: list[str]) -> None:
    """A dot per date each article mentions, on the article's row; each labelled with the date as written while
    the rows are few, and the labels kept apart."""
    span_days = max(1, (resolved["when"].max() - resolved["when"].min()).days) if len(resolved) else 1
    for row, article in enumerate(articles):
        points = resolved[resolved["article"] == article].drop_duplicates("date")
        axes.scatter(points["when"], [row] * len(points), s=40, color=PALETTE["blue"], zorder=3)
        if len(articles) > LABELLED_ROWS:
            continue  # too many rows to label legibly; the table lists every expression
        last_labelled = None
        for i, point in enumerate(points.sort_values("when").itertuples()):
            if last_labelled is not None and (point.when - last_labelled).days < span_days / 12:
                continue  # keep labels apart
            axes.annotate(
                point.expression,
                (point.when, row),
                textcoords="offset points",
                xytext=(0, 8 if i % 2 == 0 else -14),
                ha="center",
                fontsize=SMALLEST_FONT,
            )
            last_labelled = point.when


def date_axis(axes) -> None:
    """The timeline's date axis: room for the first and last labels, within the calendar, few ticks."""
    import matplotlib.dates as mdates

    axes.margins(x=0.08)  # room for the labels of the first and last dates
    keep_within_calendar(axes, mdates)
    dates = mdates.AutoDateLocator(minticks=3, maxticks=7)  # few enough labels to stand apart at any span
    axes.xaxis.set_major_locator(dates)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(dates))


def timeline_alt(timeline: pd.DataFrame, resolved: pd.DataFrame, articles: list[str], total: int | None) -> str:
    """The timeline's alt text: the mentions and articles shown, their span, and the mentions left unresolved."""
    unresolved = int((~timeline["resolved"].astype(bool)).sum()) if len(timeline) else 0
    return (
        f"Timeline of {number(len(resolved))} resolved date mentions in "
        + (
            f"the {len(articles)} articles with most of them, of {number(total)} with any"
            if total and total > len(articles)
            else plural(len(articles), "article")
        )
        + (
            f", from {resolved['date'].astype(str).min()} to {resolved['date'].astype(str).max()}"
            if len(resolved)
            else ""
        )
        + f"; {number(unresolved)} mentions could not be resolved."
        + ("" if len(articles) <= LABELLED_ROWS else " The dots are unlabelled: the table lists each date as written.")
    )


def volume_chart(volume: pd.DataFrame, period: str, unit: str) -> Chart:
    """Articles per publication ``unit`` (day, week or month) as vertical bars, labels thinned to stay legible."""

    def draw(axes) -> None:
        positions = range(len(volume))
        axes.bar(positions, volume["Articles"], color=PALETTE["blue"], width=0.8)
        step = max(1, -(-len(volume) // 8))  # at most 8 labels, whatever the number of periods
        axes.set_xticks(list(positions)[::step], list(volume[period])[::step], rotation=45, ha="right")
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.grid(axis="x", visible=False)
        axes.set_ylabel("Articles")
        set_title(axes, f"Articles per {unit} of publication")

    png = drawn((FIGURE_WIDTH, 2.8), draw)
    axis = volume[~volume[period].str.startswith(OFF_AXIS)]
    busiest = axis.loc[axis["Articles"].idxmax()] if len(axis) else None
    apart = volume["Articles"].sum() - axis["Articles"].sum()
    periods = unit if len(axis) == 1 else UNIT_PLURALS.get(unit, unit + "s")
    alt = (
        f"Bar chart of articles per {unit} of publication: {len(axis)} {periods} from {axis[period].iloc[0]} to "
        f"{axis[period].iloc[-1]}"
        f"{f', and {number(apart)} dated far from the rest, before or after them' if apart else ''}; "
        f"the busiest, {busiest[period]}, has {number(busiest['Articles'])}."
        if busiest is not None
        else "No article has a publication date."
    )
    columns = {
        period: f"The {unit} of publication"
        + (" (its first day)" if unit == "week" else "")
        + (
            "; the rows 'before' and 'after' the first and last count the articles dated far from the rest "
            "(listed as input problems)."
            if apart
            else "."
        ),
        "Articles": "Articles published in it (the bar).",
        "Sentences": "Their sentences after cleaning.",
        "Outlets (articles)": "The outlets behind them, with their articles.",
    }
    return Chart(png, alt, volume.reset_index(drop=True), columns)


NUMBERED_COLUMNS = 24  # a strip of more windows than this leaves its cells unnumbered (the table has the numbers)
LABELLED_COLUMNS = 24  # … and names every second window (every third beyond 48), so that the names stand apart
PAIR_LABEL = 44  # characters of a row's label ("Jane Doe: Lower the tax")


def over_time_chart(table: pd.DataFrame, periods: list[str], unit: str, columns: dict[str, str]) -> Chart:
    """A heat strip of positions over time: one row per actor–issue pair (grouped by actor, in ``table``'s order),
    one column per window, each cell in the colour of the position most of the window's stories report and
    numbered with them; pale where it does not settle a position, outlined where a change of position is flagged.

    Parameters
    ----------
    table : DataFrame
        Rows of :func:`briefing.report.positions_over_time` for the pairs to draw, in their order.
    periods : list of str
        Every window from the first to the last, as ``table`` names them.
    unit : str
        The window: week, month or year.
    columns : dict
        The documentation of ``table``'s columns.
    """
    pairs = list(dict.fromkeys(zip(table["actor"], table["issue"], strict=True)))
    names = {(r.actor, r.issue): pair_label(r.actor_name, r.issue_short) for r in table.itertuples()}
    changes = int((table["change_from"] != "").sum())

    def draw(axes) -> None:
        draw_windows(axes, table, pairs, periods)
        axes.set_xlim(-0.5, len(periods) - 0.5)
        axes.set_ylim(len(pairs) - 0.5, -0.5)
        step = max(1, -(-len(periods) // LABELLED_COLUMNS))
        axes.set_xticks(range(0, len(periods), step), periods[::step], fontsize=SMALLEST_FONT, rotation=90, ha="center")
        axes.set_yticks(range(len(pairs)), [names[p] for p in pairs], fontsize=SMALLEST_FONT)
        for y in range(1, len(pairs)):  # a line between actors
            if pairs[y][0] != pairs[y - 1][0]:
                axes.axhline(y - 0.5, color=PALETTE["grey"], linewidth=0.8)
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        set_title(axes, f"How positions moved: stories per {unit} by the position most of them report")
        over_time_legend(axes)

    png = drawn((FIGURE_WIDTH, 1.9 + ROW_HEIGHT * 1.2 * max(len(pairs), 2)), draw, {**STYLE, "axes.grid": False})
    periods_named = unit if len(periods) == 1 else unit + "s"
    alt = (
        f"Heat strip of {len(pairs)} actor–issue pairs over {len(periods)} {periods_named} ({periods[0]} to "
        f"{periods[-1]}): each cell is coloured by the position most of the {unit}'s stories report and numbered "
        f"with them; {changes} change{'' if changes == 1 else 's'} of position outlined."
        if pairs
        else "No pair to follow over time."
    )
    return Chart(png, alt, table.reset_index(drop=True), columns)


def pair_label(actor: str, issue: str) -> str:
    """A row's label in :data:`PAIR_LABEL` characters, the issue's name kept whole where the actor's, cut first
    to 16 characters, leaves it room: "Volodymyr …: Humanitarian corridors"."""
    issue = textwrap.shorten(issue, PAIR_LABEL - 2 - min(len(actor), 16), placeholder=" …")
    return f"{textwrap.shorten(actor, PAIR_LABEL - 2 - len(issue), placeholder=' …')}: {issue}"


def draw_windows(axes, table: pd.DataFrame, pairs: list[tuple[str, str]], periods: list[str]) -> None:
    """The cells of :func:`over_time_chart`: solid where the window settles a position, pale where not, outlined
    where a change is flagged; numbered while the windows are few enough."""
    plt = pyplot()
    row_of = {pair: y for y, pair in enumerate(pairs)}
    column_of = {period: x for x, period in enumerate(periods)}
    for cell in table.itertuples():
        x, y = column_of[cell.period], row_of[(cell.actor, cell.issue)]
        settled = bool(cell.settled)
        axes.add_patch(
            plt.Rectangle(
                (x - 0.46, y - 0.4), 0.92, 0.8, color=POSITION_COLOURS[cell.position], alpha=0.9 if settled else 0.35
            )
        )
        if cell.change_from:
            axes.add_patch(
                plt.Rectangle((x - 0.46, y - 0.4), 0.92, 0.8, fill=False, edgecolor=PALETTE["black"], linewidth=1.8)
            )
        if len(periods) <= NUMBERED_COLUMNS:
            axes.text(
                x,
                y,
                str(cell.stories),
                ha="center",
                va="center",
                fontsize=SMALLEST_FONT,
                color="white" if settled else PALETTE["black"],
                fontweight="bold" if settled else "normal",
            )


def over_time_legend(axes) -> None:
    """The positions' colours, the pale cell and the outlined one, under the strip."""
    plt = pyplot()
    handles = [plt.Rectangle((0, 0), 1, 1, color=colour, alpha=0.9) for colour in POSITION_COLOURS.values()]
    labels = list(POSITION_COLOURS)
    handles += [
        plt.Rectangle((0, 0), 1, 1, color=PALETTE["grey"], alpha=0.35),
        plt.Rectangle((0, 0), 1, 1, fill=False, edgecolor=PALETTE["black"], linewidth=1.8),
    ]
    labels += [f"pale: under {CHANGE_STORIES} stories or no majority", "outlined: change of position"]
    axes.figure.legend(handles, labels, loc="outside lower center", ncol=3, frameon=False, fontsize=SMALLEST_FONT)
