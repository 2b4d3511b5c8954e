"""The briefing's charts and its export, from one analysis, as ``render`` and ``analyze`` both make them."""

from __future__ import annotations

from pathlib import Path

from briefing.cache import ResultCache
from briefing.charts import Chart
from briefing.export import row_hashes, write_export
from briefing.pipeline import Analysis
from briefing.report.figures import TOP_N_ARTICLES, briefing_charts


def charts_and_export(
    analysis: Analysis,
    export_dir: str | Path | None = None,
    top_n_articles: int = TOP_N_ARTICLES,
    cache: ResultCache | None = None,
) -> dict[str, Chart]:
    """Every chart of the briefing (:func:`~briefing.report.figures.briefing_charts`), and, when ``export_dir``
    is given, the export of every table and chart there (:func:`~briefing.export.write_export`).

    With a ``cache``, each table's rows are hashed once for both: the charts' key and the export's runs of
    rows (at 10,000 articles, hashing them twice would cost a second).
    """
    tables = analysis.tables()
    rows = {name: row_hashes(table) for name, table in tables.items()} if cache is not None else None
    charts = briefing_charts(analysis, top_n_articles, cache, rows)
    if export_dir is not None:
        write_export(tables, export_dir, charts, None if cache is None else cache.exports, rows)
    return charts
