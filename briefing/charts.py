"""Charts: one style, a colour-blind-safe palette, alt text and the data behind.

Each chart function returns a :class:`Chart`: PNG bytes rendered the same
way every time (no timestamp in the file), the alt text, and the table that
was plotted, which is exported next to the PNG.
"""

from __future__ import annotations

import io
import textwrap
from typing import NamedTuple

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd

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
}
FIGURE_WIDTH = 8.0
LABEL_WIDTH = 48


class Chart(NamedTuple):
    """A rendered chart with what a reader and an analyst need beside it."""

    png: bytes
    alt: str
    data: pd.DataFrame
    columns: dict[str, str]


def wrap_label(text: str, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """Wrap ``text`` to at most ``lines`` lines, ending in an ellipsis if cut."""
    return "\n".join(textwrap.wrap(str(text), width, max_lines=lines, placeholder=" …")) or "(untitled)"


def to_png(figure) -> bytes:
    """Render ``figure`` to PNG bytes without a timestamp, then close it."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", pad_inches=0.2, metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def article_labels(articles: pd.DataFrame) -> pd.Series:
    """Readable article labels: title, then outlet and date where known."""

    def label(row) -> str:
        extra = ", ".join(str(v) for v in (row.outlet, row.published) if isinstance(v, str) and v)
        return wrap_label(row.title) + (f"\n({extra})" if extra else "")

    return pd.Series([label(row) for row in articles.itertuples()], index=articles["id"].to_numpy())


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
    ranked = tone[tone["sentences"] > 0].sort_values(["polarity_mean", "article"], kind="stable")
    total = len(ranked)
    if total > top_n:
        ranked = pd.concat([ranked.head(top_n // 2), ranked.tail(top_n - top_n // 2)])
    labels = article_labels(articles)
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
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(FIGURE_WIDTH, 1.2 + 0.55 * max(len(data), 2)))
        for row, article in enumerate(data["article"]):
            values = sentences.loc[sentences["article"] == article, "polarity"].to_numpy()
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
        axes.axvline(0, color=PALETTE["black"], linewidth=0.8)
        axes.set_yticks(range(len(data)), [labels[a] for a in data["article"]], fontsize=8.5)
        axes.set_ylim(-0.7, len(data) - 0.3)
        axes.set_xlim(-1.05, 1.05)
        axes.set_xlabel("Sentence polarity (TextBlob): −1 negative … +1 positive")
        shown = f"the {len(data)} most extreme of {total} articles" if total > len(data) else f"{total} articles"
        axes.set_title(f"Tone by article ({shown})")
        axes.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.5 / max(len(data), 2) - 0.12),
            ncol=3,
            frameon=False,
            fontsize=8.5,
        )
        png = to_png(figure)
    if len(data):
        low, high = data.iloc[0], data.iloc[-1]
        alt = (
            f"Dot plot of sentence polarity for {shown}. Mean polarity ranges from "
            f"{low.polarity_mean:+.2f} ({low.label}) to {high.polarity_mean:+.2f} ({high.label})."
        )
    else:
        alt = "No sentences to score."
    columns = {
        "article": "Article id.",
        "label": "Label shown on the chart: title, outlet and date.",
        "sentences": "Sentences scored (the grey dots; their polarities are in sentences.csv).",
        "polarity_mean": "Mean sentence polarity (the diamond).",
        "polarity_sd": "Standard deviation of sentence polarity (the error bar).",
        "neutral_share": "Share of sentences with polarity exactly 0.",
    }
    return Chart(png, alt, data, columns)
