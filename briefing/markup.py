"""HTML fragments for the briefing notebook.

Article text is data: every value is escaped, so a ``<script>`` in an
article shows as text. Only :class:`Html` values, built here, pass through
unescaped. Objects with ``_repr_html_`` display as HTML in Jupyter and in the
rendered briefing.
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

import pandas as pd

from briefing.charts import Chart

UNKNOWN = "unknown"


class Html(str):
    """A string of trusted markup that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def escape(value) -> str:
    """Escape one cell value; missing values show as an empty cell."""
    if isinstance(value, Html):
        return str(value)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value))


def table(
    frame: pd.DataFrame,
    caption: str | None = None,
    formats: Mapping[str, Callable[[object], str] | str] | None = None,
    numeric: Sequence[str] = (),
    empty: str = "No rows.",
    css_class: str = "briefing-table",
) -> Html:
    """An HTML table of ``frame`` with escaped cells and no index.

    Parameters
    ----------
    frame : DataFrame
    caption : str, optional
        Shown above the table.
    formats : mapping of column to format string or function
        E.g. ``{"polarity": "{:+.2f}"}``; applied to non-missing values.
    numeric : sequence of str
        Columns aligned right.
    empty : str
        Shown as a note instead of a table without rows.
    """
    if frame.empty:
        return note(empty)
    formats = formats or {}

    def cell(column: str, value) -> str:
        missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
        if column in formats and not missing:
            spec = formats[column]
            value = spec(value) if callable(spec) else spec.format(value)
        align = ' class="num"' if column in numeric else ""
        return f"<td{align}>{escape(value)}</td>"

    head = "".join(f"<th>{escape(column)}</th>" for column in frame.columns)
    body = "\n".join(
        "<tr>" + "".join(cell(column, value) for column, value in zip(frame.columns, row, strict=True)) + "</tr>"
        for row in frame.itertuples(index=False, name=None)
    )
    caption_html = f"<caption>{escape(caption)}</caption>" if caption else ""
    return Html(
        f'<table class="{css_class}">{caption_html}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>'
    )


def figure(chart: Chart, caption: str | None = None) -> Html:
    """The chart's PNG embedded as a data URI, with alt text and a caption."""
    data = base64.b64encode(chart.png).decode("ascii")
    caption_html = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return Html(
        f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{escape(chart.alt)}">'
        f"{caption_html}</figure>"
    )


def generated_stamp(override: str = "") -> str:
    """The generated-at stamp: ``override`` if given, else the current UTC minute."""
    return override or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def header(title: str, stamp: str, facts: Mapping[str, object]) -> Html:
    """The briefing's title block: title, generated-at stamp and key facts."""
    items = "".join(f"<li><strong>{escape(k)}:</strong> {escape(v)}</li>" for k, v in facts.items())
    return Html(
        f'<header class="briefing-header"><h1>{escape(title)}</h1>'
        f'<p class="stamp">Generated {escape(stamp)}</p><ul class="facts">{items}</ul></header>'
    )


def finding(heading: str, text: str = "", anchor: str | None = None) -> Html:
    """A "Finding:" heading and the sentence that states it."""
    anchor_attr = f' id="{escape(anchor)}"' if anchor else ""
    body = f"<p>{escape(text)}</p>" if text else ""
    return Html(f'<h3 class="finding"{anchor_attr}>Finding: {escape(heading)}</h3>{body}')


def bullet_list(items: Sequence[str]) -> Html:
    """An escaped bullet list."""
    return Html("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")


def note(text: str) -> Html:
    """A short escaped paragraph, e.g. a caveat or an empty-table message."""
    return Html(f'<p class="note">{escape(text)}</p>')
