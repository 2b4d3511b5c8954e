"""A corpus's analysis, the briefing's charts and its export, as ``render`` (the briefing notebook) and ``analyze``
both make them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefing.publish.charts import Chart, prepare_renderer, rendered
from briefing.publish.export import write_export
from briefing.publish.figures import TOP_N_ARTICLES, briefing_charts
from briefing.report.positions_over_time import positions_over_time
from briefing.run.cache import ResultCache
from briefing.run.engine import started_helper
from briefing.run.settings import RunSettings
from briefing.tables.analysis import Analysis, row_hashes
from briefing.tables.assembly import analyze


class Built(NamedTuple):
    """A corpus's analysis and the briefing's charts of it."""

    analysis: Analysis
    charts: dict[str, Chart]


def analysis_and_charts(
    corpus_dir: str | Path,
    settings: RunSettings,
    export_dir: str | Path | None = None,
    top_n_articles: int = TOP_N_ARTICLES,
) -> Built:
    """Analyse ``corpus_dir`` with ``settings`` (:func:`~briefing.tables.assembly.analyze`), then draw the charts
    and export the tables and charts to ``export_dir`` when given (:func:`charts_and_export`)."""
    analysis = analyze(corpus_dir, settings)
    charts = charts_and_export(analysis, export_dir, top_n_articles, settings.cache, jobs=settings.jobs)
    return Built(analysis, charts)


def charts_and_export(
    analysis: Analysis,
    export_dir: str | Path | None = None,
    top_n_articles: int = TOP_N_ARTICLES,
    cache: ResultCache | None = None,
    jobs: int = 1,
) -> dict[str, Chart]:
    """Every chart of the briefing (:func:`~briefing.publish.figures.briefing_charts`), and, when ``export_dir``
    is given, the export of every table and chart there (:func:`~briefing.publish.export.write_export`).

    With a ``cache``, the charts come from it when every table of the analysis, the codebook and the drawing code
    are those of an earlier run (drawing is most of a small briefing's time), and each table's rows are hashed
    once for both the charts' key and the export's runs of rows (at 10,000 articles, hashing them twice would
    cost a second). With ``jobs`` above 1, the charts are rendered in a worker process, started first
    (:func:`renderer`), while this process draws them and then writes the tables.
    """
    tables = exported_tables(analysis)
    with renderer(jobs) as pool:
        rows = {name: row_hashes(table) for name, table in tables.items()} if cache is not None else None
        key = ("briefing_charts", analysis.digest(rows), top_n_articles) if cache is not None else None
        charts = cache.charts.get(key, dict) if cache is not None else None
        if charts is not None and not all(isinstance(chart, Chart) for chart in charts.values()):
            charts = None  # an entry made by hand under the key: drawn again
        drawn = charts is None
        if drawn:
            charts = briefing_charts(analysis, top_n_articles, pool)  # some still rendering
        if export_dir is not None:
            write_export(tables, export_dir, charts, None if cache is None else cache.exports, rows)
        charts = {name: rendered(chart) for name, chart in charts.items()}
    if drawn and cache is not None:
        cache.charts.put(key, charts)
    return charts


def exported_tables(analysis: Analysis) -> dict[str, pd.DataFrame]:
    """Every exported table by name: the analysis's, and those the report derives from them that a chart alone
    would not carry whole (positions over time, every pair and window)."""
    return {**analysis.tables(), "positions_over_time": positions_over_time(analysis)}


@contextmanager
def renderer(jobs: int) -> Iterator:
    """With ``jobs`` above 1, a pool of one worker process that renders charts
    (:func:`~briefing.publish.charts.rendering_in`), started now so that it imports matplotlib while this process hashes
    the tables, and stopped at the end of the block; otherwise None (charts are rendered here)."""
    if jobs < 2:
        yield None
        return
    with started_helper(prepare_renderer) as worker:
        yield worker.pool
