"""HTML fragments for the briefing notebook.

Article text is data: every value is escaped, so a ``<script>`` in an
article shows as text, and its explicit direction controls (a right-to-left
override in a title) show as visible marks, so that no article text can
reorder the briefing's own words and numbers around it; Arabic or Hebrew
text keeps its natural direction. Only :class:`Html` values, built here,
pass through unescaped. Objects with ``_repr_html_`` display as HTML in Jupyter and in the
rendered briefing.
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from textwrap import shorten

import numpy as np
import pandas as pd

from briefing.publish.charts import Chart
from briefing.report.common import (
    CELL_EVIDENCE,
    FINDING_EVIDENCE,
    MIXED,
    PRINTED_EVIDENCE,
    TABLE_ROWS,
    number,
    out_of,
    plural,
    varied_order,
)
from briefing.report.position_matrix import listed_holders
from briefing.schema import CONDITIONAL, OPPOSE, SUPPORT


class Html(str):
    """A string of trusted markup that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        # Jupyter stores a plain-text form beside the HTML; as a str this would be the whole markup again.
        printer.text("<HTML>")


# Explicit embeddings, overrides and isolates: invisible characters that reorder all the text after them.
DIRECTION_CONTROLS = str.maketrans(
    {
        "\u202a": "⟦LRE⟧",
        "\u202b": "⟦RLE⟧",
        "\u202c": "⟦PDF⟧",
        "\u202d": "⟦LRO⟧",
        "\u202e": "⟦RLO⟧",
        "\u2066": "⟦LRI⟧",
        "\u2067": "⟦RLI⟧",
        "\u2068": "⟦FSI⟧",
        "\u2069": "⟦PDI⟧",
    }
)


def escape(value) -> str:
    """Escape one value for HTML, direction controls made visible; missing values show as an empty cell."""
    if isinstance(value, Html):
        return str(value)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value)).translate(DIRECTION_CONTROLS)


# A column's format in a table: a format string ("{:+.2f}") or a function of the value.
Formats = Mapping[str, Callable[[object], str] | str]


def table(
    frame: pd.DataFrame,
    caption: str | None = None,
    formats: Formats | None = None,
    numeric: Sequence[str] = (),
    empty: str = "No rows.",
    css_class: str = "briefing-table",
    collapse_over: int | None = None,
    max_rows: int | None = None,
) -> Html:
    """An HTML table of ``frame`` with escaped cells and no index.

    Parameters
    ----------
    frame : DataFrame
    caption : str, optional
        Shown above the table.
    formats : mapping of column to format string or function
        E.g. ``{"polarity": "{:+.2f}"}``; applied to non-missing values. An integer without one is a count,
        printed with thousands separators (:func:`~briefing.report.common.number`).
    numeric : sequence of str
        Columns aligned right.
    empty : str
        Shown as a note instead of a table without rows.
    collapse_over : int, optional
        A table with more rows than this is folded under its caption and row count (``<details>``), so
        that a long table costs the page one line until the reader opens it.
    max_rows : int, optional
        Most rows written into the page (default :data:`~briefing.report.common.TABLE_ROWS`); the rest are counted
        in a note, and
        every row is in the exported tables, so that a corpus of ten thousand articles gives a page of megabytes,
        not of tens of megabytes.
    """
    if frame.empty:
        return note(empty)
    limit = TABLE_ROWS if max_rows is None else max_rows
    total = len(frame)
    frame = frame.head(limit)
    head = "".join(f"<th>{escape(column)}</th>" for column in frame.columns)
    body = table_rows(frame, formats or {}, numeric)
    folded = collapse_over is not None and total > collapse_over
    caption_html = f"<caption>{escape(caption)}</caption>" if caption and not folded else ""
    markup = (
        f'<table class="{css_class}">{caption_html}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>'
    )
    if total > len(frame):
        markup += str(note(f"The first {len(frame):,} of {total:,} rows; every row is in the exported tables."))
    if folded:
        return collapsible(markup, f"{caption or 'Table'} ({plural(total, 'row')})")
    return Html(markup)


def table_rows(frame: pd.DataFrame, formats: Formats, numeric: Sequence[str]) -> str:
    """The ``<tr>`` rows of :func:`table`, one a line: each value formatted (when not missing) and escaped, the
    ``numeric`` columns aligned right."""
    return "\n".join(
        "<tr>"
        + "".join(table_cell(column, value, formats, numeric) for column, value in zip(frame.columns, row, strict=True))
        + "</tr>"
        for row in frame.itertuples(index=False, name=None)
    )


# A run of this many characters without a space (a web address, a file name) may break: in a table, a cell is never
# narrower than its longest word, and a word this long would push the table past a printed page's edge. It breaks
# after its separators, and anywhere when a piece between them is as long.
LONG_TOKEN = re.compile(r"\S{30,}")
SEPARATORS = re.compile(r"[/._?=-]+")  # characters no escaped entity holds (&amp; &#x27;)


def breakable(token: str) -> str:
    """An escaped ``token`` of :data:`LONG_TOKEN`'s length with a break allowed after each run of separators, and
    marked as one that may break anywhere when a piece without separators is as long."""
    marked = SEPARATORS.sub(lambda run: run.group(0) + "<wbr>", token)
    if any(LONG_TOKEN.fullmatch(piece) for piece in marked.split("<wbr>")):
        return f'<span class="token">{marked}</span>'
    return marked


def table_cell(column: str, value, formats: Formats, numeric: Sequence[str]) -> str:
    """One ``<td>`` of :func:`table`: ``value`` in its column's format unless missing, escaped; a long token in it
    made :func:`breakable`."""
    missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    if column in formats and not missing:
        spec = formats[column]
        value = spec(value) if callable(spec) else spec.format(value)
    elif isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        value = number(value)  # a count, with separators as the findings print it: "10,602"
    align = ' class="num"' if column in numeric else ""
    text = escape(value)
    if not isinstance(value, Html):  # trusted markup keeps its tags whole
        text = LONG_TOKEN.sub(lambda token: breakable(token.group(0)), text)
    return f"<td{align}>{text}</td>"


def checks(*parts: Html) -> Html:
    """Data checks shown together: tables stay tables, and the one-line notes of checks that found nothing run
    on as one paragraph instead of a paragraph each."""
    return Html('<div class="checks">' + "".join(parts) + "</div>")


def collapsible(content: str, summary: str, anchor: str | None = None, printed: bool = False) -> Html:
    """``content`` folded under a one-line summary that opens it; a link to ``anchor`` or inside opens it too.

    Paper cannot be unfolded: a ``printed`` fold (evidence that a link leads to) is open on the printed page, so
    that every link of a PDF leads to words one can read; any other fold prints as its summary line alone.
    """
    anchor_attr = f' id="{escape(anchor)}"' if anchor else ""
    css_class = "long print-open" if printed else "long"
    return Html(f'<details class="{css_class}"{anchor_attr}><summary>{escape(summary)}</summary>{content}</details>')


def contents(sections: Sequence[tuple[str, str]]) -> Html:
    """The numbered table of contents: one link per ``(anchor, title)``."""
    items = "".join(f'<li><a href="#{escape(anchor)}">{escape(title)}</a></li>' for anchor, title in sections)
    return Html(f'<nav class="contents" id="contents"><h2>Contents</h2><ol>{items}</ol></nav>')


def glossary(terms: Mapping[str, str]) -> Html:
    """Terms and their plain-word meanings, in two columns."""
    items = "".join(f"<li><strong>{escape(term)}</strong>: {escape(meaning)}</li>" for term, meaning in terms.items())
    return Html(f'<ul class="glossary">{items}</ul>')


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


def finding(result, anchor: str | None = None) -> Html:
    """A "Finding:" heading, the sentence that states it, the figures it states by what each counts, and a
    link to the rows that prove it (see :func:`findings_evidence`)."""
    anchor_attr = f' id="{escape(anchor)}"' if anchor else ""
    body = f"<p>{escape(result.text)}</p>" if result.text else ""
    facts = getattr(result, "facts", None) or {}
    figures = "".join(f"<li>{escape(label)}: <strong>{escape(value)}</strong></li>" for label, value in facts.items())
    if anchor and finding_link(result, anchor) != anchor:
        figures += f'<li> <a href="#{escape(finding_link(result, anchor))}">Evidence →</a></li>'

    listed = f'<ul class="figures">{figures}</ul>' if figures else ""
    return Html(f'<h3 class="finding"{anchor_attr}>Finding: {escape(result.heading)}</h3>{body}{listed}')


def bullet_list(items: Sequence[str]) -> Html:
    """An escaped bullet list."""
    return Html("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")


def note(text: str) -> Html:
    """A short escaped paragraph, e.g. a caveat or an empty-table message; nothing for an empty text (a section
    whose data is all there has no absence to state)."""
    return Html(f'<p class="note">{escape(text)}</p>' if text else "")


POSITION_SYMBOL = {SUPPORT: "✓", OPPOSE: "✗", CONDITIONAL: "◐", MIXED: "±"}
POSITION_CLASS = {position: f"pos-{position}" for position in POSITION_SYMBOL}  # the template's styles


TURN_HEADS_OVER = 8  # a matrix with more columns than this sets its column headings on their side to fit the page


def position_table(matrix: pd.DataFrame, actor_order: Sequence[str], issue_order: Sequence[str]) -> Html:
    """Actors × issues as a table; every cell links to its evidence further down.

    The longer of the two lists runs down the page (issues as rows when there are more issues than actors), so
    that the matrix fits the page's width instead of hiding columns behind a scroll bar.
    """
    if matrix.empty:
        return note("No stances found.")
    actors = [a for a in actor_order if a in set(matrix["actor"])]
    issues = [i for i in issue_order if i in set(matrix["issue"])]
    cells = {(r.actor, r.issue): r for r in matrix.itertuples()}
    first = {r.actor: r for r in matrix.itertuples()}
    shorts = dict(zip(matrix["issue"], matrix["issue_short"], strict=True))

    def actor_label(actor: str) -> str:
        side = "" if first[actor].side == first[actor].actor_name else f"<br><small>{escape(first[actor].side)}</small>"
        return escape(first[actor].actor_name) + side

    def position_cell(actor: str, issue: str) -> str:
        cell = cells.get((actor, issue))
        if cell is None:
            return "<td></td>"
        label = (
            f"{POSITION_SYMBOL[cell.position]} {cell.articles}"
            + (" ⚑" if cell.disagree else "")
            + (" ≠" if cell.conflicted_stories else "")
            + (" †" if cell.articles == 1 else "")
        )
        condition = (
            f'<small class="condition">on: {escape(shorten(cell.condition, 40))}</small>'
            if cell.position == CONDITIONAL and cell.condition
            else ""
        )
        return (
            f'<td class="{POSITION_CLASS[cell.position]}"><a href="#{escape(cell.anchor)}" '
            f'title="{escape(cell.positions)}">{escape(label)}</a>{condition}</td>'
        )

    by_issue = len(issues) > len(actors)
    if by_issue:
        head = "<th>Issue</th>" + "".join(f"<th>{actor_label(a)}</th>" for a in actors)
        rows = [
            f"<tr><td>{escape(shorts[i])}</td>" + "".join(position_cell(a, i) for a in actors) + "</tr>" for i in issues
        ]
    else:
        head = "<th>Actor</th>" + "".join(f"<th>{escape(shorts[i])}</th>" for i in issues)
        rows = [
            f"<tr><td>{actor_label(a)}</td>" + "".join(position_cell(a, i) for i in issues) + "</tr>" for a in actors
        ]
    # The legend stands above the scrolling box, not in it as a caption, so that a wide matrix never cuts it.
    legend = (
        '<p class="matrix-legend">Each cell: the position most stories report (✓ supports, ✗ opposes, ◐ accepts on '
        "a condition, ± mixed) and the number of stories reporting it; ⚑ stories disagree; ≠ a story contradicts "
        "itself; † reported by one story only; a conditional cell shows its condition. Hover for every position; "
        "click for the evidence.</p>"
    )
    columns = min(len(actors), len(issues))
    turned = " turned-heads" if columns > TURN_HEADS_OVER else ""  # narrow columns: headings read upwards
    return Html(
        f'{legend}<div class="wide"><table class="briefing-table position-table{turned}"><thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def matrix_view(matrix: pd.DataFrame, prominent: pd.Series, issue_order: Sequence[str], chart: Chart | None) -> Html:
    """The linked position matrix: the ``prominent`` holders first; the rest folded, the
    :data:`~briefing.report.common.LISTED_HOLDERS` of them first by
    :func:`~briefing.report.position_matrix.ranked_holders`; then the chart folded."""
    rest = matrix[~prominent]
    view = position_table(matrix[prominent], list(matrix.loc[prominent, "actor"].drop_duplicates()), issue_order)
    if len(rest):
        listed = matrix[listed_holders(matrix, prominent)]
        holders, shown = rest["actor"].nunique(), listed["actor"].nunique()
        cut = (
            note(
                f"The {number(shown)} of these {number(holders)} holders whose positions the most stories report "
                "(then the most statements); all are in position_matrix.csv, and their statements in stances.csv."
            )
            if shown < holders
            else ""
        )
        lone = rest.groupby("actor")["articles"].max().max() == 1  # every one of them in one story alone
        view += collapsible(
            cut + position_table(listed, list(listed["actor"].drop_duplicates()), issue_order),
            (
                "Holders outside the codebook reported by one story only"
                if lone
                else "Other holders outside the codebook"
            )
            + f" ({number(holders)}"
            + (f"; {number(shown)} listed)" if shown < holders else ")"),
        )
    if chart is not None:
        view += collapsible(
            figure(chart, caption=chart.alt), "The matrix as a chart (also exported as position_matrix.png)"
        )
    return Html(view)


def over_time_view(
    absent: str,
    notes: Sequence[str],
    change: object | None,
    chart: Chart | None,
    pairs: pd.DataFrame,
    changes: Sequence[tuple[str, pd.DataFrame, int]],
    sources: Mapping[str, str],
) -> Html:
    """Positions over time: the line that says why there is no view (``absent``), or the ``notes`` on how it is
    read, the ``change`` finding, the chart, the main ``pairs`` and each change with its sentences (label, the
    rows shown, how many there are)."""
    if absent:
        return note(absent)
    view = "".join(note(text) for text in notes)
    if change is not None:
        view += finding(change)
    if chart is not None:
        view += figure(chart, caption=chart.alt)
    view += table(
        pairs,
        caption="The pairs followed: their first and last report, settled positions and changes",
        numeric=["Stories"],
        collapse_over=0,
    )
    if changes:
        folds = "".join(
            evidence_fold(rows, sources, label, f"change-{index}")
            + (
                note(f"The first {len(rows):,} of {total:,} sentences; all are in stances.csv.")
                if total > len(rows)
                else ""
            )
            for index, (label, rows, total) in enumerate(changes, 1)
        )
        view += collapsible(folds, f"Each change with the sentences that show the new position ({len(changes):,})")
    return Html(view)


def where(sentence: int, start: int, end: int) -> str:
    """Where evidence stands in its file: a sentence number and characters, or the headline."""
    place = "headline" if sentence < 0 else f"sentence {sentence}"
    return f"{place}, characters {start}–{end}" if end > start else place


def is_web_address(value) -> bool:
    return isinstance(value, str) and value.lower().startswith(("https://", "http://"))


def article_sources(articles: pd.DataFrame) -> dict[str, Html]:
    """Each article as an evidence row names it: its title (a link to the original when its address is known),
    outlet and publication date, where known."""
    named = {}
    for row in articles.itertuples():
        title = row.title if isinstance(row.title, str) and row.title else row.id
        link = (
            f'<a href="{escape(row.url)}" rel="noopener noreferrer">{escape(title)}</a>'
            if is_web_address(row.url)
            else escape(title)
        )
        facts = [escape(v) for v in (row.outlet, row.published) if isinstance(v, str) and v]
        named[row.id] = Html(f"<em>{link}</em>" + (f" ({', '.join(facts)})" if facts else ""))
    return named


def evidence_item(
    text: str, source: str, place: str, before: str = "", notes: Sequence[str] = (), printed: bool = True
) -> str:
    """One evidence row: its words, the article it is from, and where it stands there; a row not ``printed``
    shows on the screen only."""
    details = "; ".join([*notes, place])
    screen_only = "" if printed else ' class="screen-only"'
    return f'<li{screen_only}>{before}“{escape(text)}” — {source} <span class="cue">({escape(details)})</span></li>'


def more_rows(total: int, limit: int, kept_in: str, noun: str = "rows") -> str:
    """The notes under evidence cut at ``limit`` rows: how many of ``total`` the page shows and where every row is
    ("3 of 41 sentences shown; all in stances.csv."); and on paper, that only
    :data:`~briefing.report.common.PRINTED_EVIDENCE` rows are printed. Empty when all rows are shown."""
    shown = min(total, limit)
    printed = (
        f'<p class="note print-only">On paper, {PRINTED_EVIDENCE} of the {shown:,} {noun} the HTML briefing shows.</p>'
        if shown > PRINTED_EVIDENCE
        else ""
    )
    if total <= limit:
        return printed
    return printed + str(note(f"{out_of(shown, total)} {noun} shown; all in {kept_in}."))


def evidence_fold(rows: pd.DataFrame, sources: Mapping[str, str], summary: str, anchor: str) -> Html:
    """Evidence rows (``article, sentence, start, end, text``) folded under ``summary`` at ``anchor``: the first
    :data:`~briefing.report.common.FINDING_EVIDENCE`, from as many articles as they come from
    (:func:`~briefing.report.common.varied_order`), and how many more there are."""
    rows = varied_order(rows, ["article"])
    items = "".join(
        evidence_item(
            r.text,
            sources.get(r.article, escape(r.article)),
            where(r.sentence, r.start, r.end),
            printed=index < PRINTED_EVIDENCE,
        )
        for index, r in enumerate(rows.head(FINDING_EVIDENCE).itertuples())
    )
    more = more_rows(len(rows), FINDING_EVIDENCE, "the exported tables")
    # the anchor is on the rows, inside the fold: following a link to it opens the fold and every fold around it
    # printed open: shown on paper whenever the fold around it is (the key findings' evidence)
    return collapsible(
        f'<ul class="evidence" id="{escape(anchor)}">{items}</ul>{more}',
        f"{summary}: {plural(len(rows), 'row')}",
        printed=True,
    )


def findings_evidence(findings: Sequence[tuple[object, str]], sources: Mapping[str, str]) -> Html:
    """The rows behind each key finding, folded under the finding, at the anchor its "Evidence →" link opens."""
    parts = [
        evidence_fold(
            finding.evidence, sources, finding.heading[:1].upper() + finding.heading[1:], f"evidence-{anchor}"
        )
        for finding, anchor in findings
        if finding.evidence is not None and not finding.evidence.empty
    ]
    if not parts:
        return Html("")
    # one fold for all; following a finding's link opens it and the finding's own fold inside
    return collapsible("".join(parts), f"Evidence for the key findings ({plural(len(parts), 'finding')})", printed=True)


def evidence_index(groups: Sequence[tuple[str, str, pd.DataFrame]], sources: Mapping[str, str], key: str) -> Html:
    """One fold holding a line of links, one per count a section shows ("Vladimir Putin 24"), each opening
    its rows below them; folded, it costs the page one line whatever the number of counts.

    ``groups`` are (label, the count as shown, evidence rows); the anchors are ``{key}-1``, ``{key}-2`` …
    """
    if not groups:
        return Html("")
    links = " · ".join(
        f'<a href="#{escape(key)}-{i}">{escape(label)} ({escape(count)})</a>'
        for i, (label, count, _) in enumerate(groups, 1)
    )
    folds = "".join(evidence_fold(rows, sources, label, f"{key}-{i}") for i, (label, _, rows) in enumerate(groups, 1))
    return collapsible(
        f'<p class="evidence-index">{links}</p>' + folds, f"The sentences behind each count ({len(groups)})"
    )


def evidence_appendix(
    matrix: pd.DataFrame, stances: pd.DataFrame, sources: Mapping[str, str], shown: pd.Series | None = None
) -> Html:
    """The sentences of each matrix cell the page ``shown`` (default: every cell), under an anchor the matrix
    links to: the first :data:`~briefing.report.common.CELL_EVIDENCE` of the cell's ``stances`` in their order
    (:func:`~briefing.report.position_matrix.cell_evidence` orders them to vary outlets and stories),
    and how many more are in stances.csv."""
    parts = []
    cells = matrix if shown is None else matrix[shown]
    by_cell = dict(tuple(stances.groupby(["actor", "issue"], sort=False)))  # one pass, not one scan per cell
    for cell in cells.itertuples():
        found = by_cell.get((cell.actor, cell.issue), stances.head(0))
        claims = found.head(CELL_EVIDENCE)
        more = more_rows(len(found), CELL_EVIDENCE, "stances.csv", "sentences")
        items = "".join(
            evidence_item(
                c.evidence,
                sources.get(c.article, escape(c.article)),
                where(c.sentence, c.start, c.end),
                f'<span class="{POSITION_CLASS[c.position]}">{escape(c.position)}</span> ',
                ([f"condition: {c.condition}"] if c.condition else []) + [f"cue: {c.cue}"],
                printed=index < PRINTED_EVIDENCE,
            )
            for index, c in enumerate(claims.itertuples())
        )
        parts.append(
            f'<h4 id="{escape(cell.anchor)}">{escape(cell.actor_name)} — {escape(cell.issue_short)}</h4>'
            f'<ul class="evidence">{items}</ul>{more}'
        )
    if not parts:
        return note("No stances found.")
    cited = stances.merge(cells[["actor", "issue"]], on=["actor", "issue"])
    listed = sum(min(CELL_EVIDENCE, len(by_cell.get((c.actor, c.issue), ()))) for c in cells.itertuples())
    cells_text = plural(len(cells), "matrix cell") + (f" of {number(len(matrix))}" if len(cells) < len(matrix) else "")
    sentences_text = (
        f"{out_of(listed, len(cited))} sentences shown" if listed < len(cited) else plural(len(cited), "sentence")
    )
    summary = f"Evidence for {cells_text}: {sentences_text}"
    cap = (
        note(
            f"At most {CELL_EVIDENCE} sentences of each cell: one of the position the cell shows first, then from "
            f"outlets and stories not yet shown. Every statement is in stances.csv"
            + (
                f", and every cell in position_matrix.csv (the page shows the cells of its tables, {number(len(cells))}"
                f" of {number(len(matrix))})."
                if len(cells) < len(matrix)
                else "."
            )
        )
        if listed < len(cited) or len(cells) < len(matrix)
        else ""
    )
    return collapsible(cap + "".join(parts), summary, printed=True)  # the matrix's cells link here, on paper too


def finding_link(finding, anchor: str) -> str:
    """Where a finding's "Evidence →" leads: its rows (see :func:`findings_evidence`), else its section."""
    evidence = getattr(finding, "evidence", None)
    return f"evidence-{anchor}" if evidence is not None and not evidence.empty else anchor


def key_findings(findings: Sequence[tuple[object, str]], trust: Sequence[str] = ()) -> Html:
    """The numbered key findings, each linking to the section and evidence behind it, then how far to trust
    them."""
    items = "".join(
        f"<li><strong>{escape(finding.heading[:1].upper() + finding.heading[1:])}.</strong> {escape(finding.text)} "
        f'<a href="#{escape(finding_link(finding, anchor))}">Evidence →</a></li>'
        for finding, anchor in findings
    )
    caveats = (
        '<h3 class="trust">How far to trust this</h3><ul class="trust">'
        + "".join(f"<li>{escape(line)}</li>" for line in trust)
        + "</ul>"
        if trust
        else ""
    )
    return Html(
        f'<section class="key-findings"><h2 id="key-findings">Key findings</h2><ol>{items}</ol>{caveats}</section>'
    )
