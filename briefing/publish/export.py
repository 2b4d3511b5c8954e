"""Write the analysis tables as CSV and as Parquet, with a data dictionary, atomically.

The data dictionary is :data:`briefing.schema.TABLE_DOCS`, the one description of every exported column and its
type: the ``README.md`` written beside the CSV and Parquet files and the project README's export section are both
generated from it, a write refuses a table whose columns are not the documented ones, and the Parquet files keep
the documented types.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from briefing.outputs import EXPORT_MARK, check_replaceable, commit, staging_folder
from briefing.publish.charts import Chart, rendered
from briefing.run.cache import DiskCache
from briefing.schema import BOOLEAN, DECIMAL, INTEGER, ONE_TEXT, TABLE_DOCS, TEXT, TableDoc, columns
from briefing.tables.analysis import row_hashes

CACHE_SECTION = "exports"  # the cache keys this section by the code of this module and all it imports


def data_dictionary(tables: Mapping[str, TableDoc] = TABLE_DOCS) -> str:
    """Markdown ``Column | Type | Description`` tables, one per exported table (a CSV and a Parquet file)."""
    parts = []
    for name, doc in tables.items():
        rows = "\n".join(f"| `{column}` | {doc.column_type(column)} | {text} |" for column, text in doc.columns.items())
        parts.append(
            f"### `{name}.csv`, `{name}.parquet`\n\n{doc.description}\n\n"
            f"| Column | Type | Description |\n|---|---|---|\n{rows}\n"
        )
    return "\n".join(parts)


PARQUET_NOTE = (
    "Each table is written twice, with the same rows: as CSV, and as Parquet (zstd-compressed, typed: a column's "
    "type is given beside it; an `integer` column is 64-bit, a `decimal` one a 64-bit float at full precision, a "
    "`text` one UTF-8, a date text of its precision; an empty cell is null), which loads in a fraction of the time, "
    "e.g. `pandas.read_parquet`. Parquet text is as written, without the CSV's apostrophe, and keeps an empty text "
    "apart from a missing one, which a CSV cannot."
)
OFFSETS_NOTE = (
    "Offsets `start` and `end` (and `cue_start`, `speaker_start` …) index the article's source text: the decoded file "
    "for `.txt` and `.md`, the extracted main text for `.html`; `text_start` and `text_end` index the article's "
    "cleaned `text` in `articles`."
)
# The recipe the data dictionary gives, run as written by tests/test_export.py; the package's own is
# briefing.language.text_spans.span_texts.
TEXT_RECIPE = """A paragraph's or a sentence's text, with pandas:

```python
import pandas as pd

articles = pd.read_parquet("articles.parquet", columns=["id", "text"])
sentences = pd.read_parquet("sentences.parquet")
text = sentences["article"].map(articles.set_index("id")["text"])
sentences["text"] = [t[a:b] for t, a, b in zip(text, sentences["text_start"], sentences["text_end"])]
```

The same for `paragraphs.parquet`. Read the Parquet files for this: a CSV cell that starts like a formula has a \
guard apostrophe in front (see above), which shifts the offsets of its article's `text` by one."""
ARROW_TYPES = {INTEGER: pa.int64(), DECIMAL: pa.float64(), BOOLEAN: pa.bool_(), TEXT: pa.string()}
# zstd level 3 (zstd's own default; pyarrow's is 1): on the 1,000 pool articles' tables ten times over (222 MB of CSV),
# 56 MB of Parquet against 64 MB, for 0.2 s more writing
PARQUET_FORMAT = {"compression": "zstd", "compression_level": 3, "write_statistics": False}


def inferred_types(table: pd.DataFrame) -> dict[str, str]:
    """The type of each column of ``table`` that is not text, from its dtype: for a chart's data, which the schema
    does not describe."""
    types = {}
    for column in table.columns:
        dtype = table[column].dtype
        if pd.api.types.is_bool_dtype(dtype):
            types[column] = BOOLEAN
        elif pd.api.types.is_integer_dtype(dtype):
            types[column] = INTEGER
        elif pd.api.types.is_float_dtype(dtype):
            types[column] = DECIMAL
    return types


def arrow_column(column: pd.Series, kind: str) -> pa.Array:
    """``column`` as an Arrow array of the type ``kind`` names, empty cells (None, NaN, NA) null.

    Raises
    ------
    pyarrow.ArrowInvalid, pyarrow.ArrowTypeError, TypeError, ValueError
        When a value is not of that type (a text in an integer column): the schema and the table disagree.
    """
    if kind == TEXT:
        values = column.to_numpy(dtype=object)
        present = ~pd.isna(values)
        if not all(isinstance(value, str) for value in values[present]):  # a number in a text column
            values = np.where(present, values.astype(str), None)
        return pa.array(values, type=pa.string(), from_pandas=True)
    if kind == INTEGER:
        column = column.astype("Int64")  # an exact cast: 1.5 raises
    elif kind == BOOLEAN:
        column = column.astype("boolean")
    else:
        column = pd.to_numeric(column).astype("float64")
    return pa.array(column, type=ARROW_TYPES[kind], from_pandas=True)


def write_parquet(table: pd.DataFrame, doc: TableDoc, path: Path) -> None:
    """``table`` as a zstd-compressed Parquet file, each column of its type in ``doc``.

    The file holds no pandas metadata (index, dtypes) and no time: the same table gives the same bytes, and pandas
    reads an integer column with empty cells as floats, as it reads the CSV.
    """
    columns = [arrow_column(table[column], doc.column_type(column)) for column in table.columns]
    pq.write_table(pa.table(columns, names=list(table.columns)), path, **PARQUET_FORMAT)


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SAFETY_NOTE = (
    "Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage "
    "return) are written with a leading apostrophe `'`, the OWASP rule against CSV injection, so that opening a "
    "file runs nothing; drop that apostrophe to get the text as written (and to match the offsets)."
)


def spreadsheet_safe(column: pd.Series) -> pd.Series:
    """``column`` with a leading apostrophe on each text cell a spreadsheet would run as a formula (found in one
    vectorized pass: a table can hold millions of cells)."""
    values = column.to_numpy(dtype=object)
    risky = np.isin(values.astype("U1"), FORMULA_STARTS)  # each cell's first character (of its str() if not text)
    if risky.any():
        risky[risky] = [isinstance(value, str) for value in values[risky]]  # a number or NaN is never a formula
    if not risky.any():
        return column
    safe = values.copy()
    safe[risky] = ["'" + value for value in values[risky]]
    return pd.Series(safe, index=column.index, name=column.name)


CSV_FORMAT = {"index": False, "float_format": "%.4f", "lineterminator": "\n"}
# A cached export is written in runs of about this many articles; a run starts at an article whose id hashes to a
# multiple of it, so adding or editing an article changes only its own run, wherever it sorts.
ARTICLES_PER_RUN = 64
ARTICLE_COLUMNS = ("article", "id")  # the column that names each row's article


def csv_text(table: pd.DataFrame, header: bool = True) -> str:
    """``table`` as CSV, safe to open in a spreadsheet, with fixed float precision and Unix line endings."""
    safe = table.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):  # text, whatever its dtype; numbers are never formulas
            safe[column] = spreadsheet_safe(safe[column])
    return safe.to_csv(None, header=header, **CSV_FORMAT)


def article_runs(table: pd.DataFrame) -> list[tuple[int, int]]:
    """Row ranges of ``table`` that each start at an article chosen by its id alone (about one in
    :data:`ARTICLES_PER_RUN`), so the same articles give the same ranges in another corpus that holds them."""
    column = next((name for name in ARTICLE_COLUMNS if name in table.columns), None)
    if column is None or not len(table):
        return [(0, len(table))]
    ids = table[column].to_numpy(dtype=object)
    new_article = np.r_[True, ids[1:] != ids[:-1]]
    chosen = pd.util.hash_array(ids) % ARTICLES_PER_RUN == 0
    starts = np.flatnonzero(new_article & chosen).tolist()
    starts = [0, *starts] if not starts or starts[0] else starts
    return list(zip(starts, [*starts[1:], len(table)], strict=True))


def write_csv(table: pd.DataFrame, path: Path, store: DiskCache | None = None, rows: np.ndarray | None = None) -> None:
    """CSV with fixed float precision and Unix line endings, for stable diffs, safe to open in a spreadsheet.

    With a ``store``, the rows are written in runs of articles (:func:`article_runs`), each kept in the store
    under the hash of its rows (``rows``, the table's :func:`row_hashes` when the caller has them): a re-run after
    adding articles to a large corpus formats only their runs, and copies the others' bytes. The file is the same
    either way.
    """
    if store is None:
        path.write_bytes(csv_text(table).encode("utf-8"))
        return
    rows = row_hashes(table) if rows is None else rows
    # pandas' version is in the store's context
    layout = f"{list(table.columns)}{list(table.dtypes.astype(str))}{CSV_FORMAT}"
    with path.open("wb") as out:
        out.write(csv_text(table.iloc[:0]).encode("utf-8"))
        for start, end in article_runs(table):
            key = ("csv rows", layout, hashlib.sha256(rows[start:end].tobytes()).hexdigest())
            text = store.get(key, bytes)
            if text is None:
                text = csv_text(table.iloc[start:end], header=False).encode("utf-8")
                store.put(key, text)
            out.write(text)


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    export: Path,
    store: DiskCache | None = None,
    rows: Mapping[str, np.ndarray] | None = None,
) -> dict[str, TableDoc]:
    """Write each table as ``<name>.csv`` and ``<name>.parquet`` into ``export``, after checking its columns
    against the schema, without the columns held in memory only (:attr:`~briefing.schema.TableDoc.in_memory`);
    their documentation by name."""
    documented = {}
    for name, table in tables.items():
        doc = TABLE_DOCS[name]
        if list(table.columns) != columns(name):
            raise ValueError(f"table {name} columns {list(table.columns)} differ from TABLE_DOCS")
        if doc.in_memory:
            table = table[list(doc.columns)]
        write_csv(table, export / f"{name}.csv", store, None if rows is None else rows[name])
        write_parquet(table, doc, export / f"{name}.parquet")
        documented[name] = doc
    return documented


def write_charts(charts: Mapping[str, Chart], export: Path) -> dict[str, TableDoc]:
    """Write each chart as ``<name>.png`` into ``export``, with the table behind it as CSV and Parquet; their
    documentation by name."""
    documented = {}
    for name, chart in charts.items():
        chart = rendered(chart)  # a worker may still be rendering it (briefing.publish.charts.rendering_in)
        (export / f"{name}.png").write_bytes(chart.png)
        doc = TableDoc(
            f"The data behind the chart `{name}.png`: {chart.alt}", chart.columns, inferred_types(chart.data)
        )
        write_csv(chart.data, export / f"{name}.csv")
        write_parquet(chart.data, doc, export / f"{name}.parquet")
        documented[name] = doc
    return documented


def write_export(
    tables: Mapping[str, pd.DataFrame],
    out_dir: str | Path,
    charts: Mapping[str, Chart] = {},
    store: DiskCache | None = None,
    rows: Mapping[str, np.ndarray] | None = None,
) -> Path:
    """Write every table as CSV and as Parquet, each chart as PNG, and a data dictionary.

    Everything is written to a staging folder first; ``out_dir`` is then
    replaced as a whole, so it holds this run's files and no others, and
    is left as it was if anything fails.

    Parameters
    ----------
    tables : mapping of name to DataFrame
        Names must be keys of ``TABLE_DOCS``.
    out_dir : str or Path
        Export folder; created when missing.
    charts : mapping of name to Chart
        Saved as ``<name>.png``, once rendered (:func:`~briefing.publish.charts.rendered`); the table behind each is
        exported with it.
    store : DiskCache, optional
        Runs of formatted rows to reuse and to add to (:func:`write_csv`): the cache's ``exports`` section.
    rows : mapping of name to array, optional
        Each table's :func:`row_hashes`, when the caller has them.

    Returns
    -------
    Path
        The export folder.
    """
    clash = set(tables) & set(charts)
    if clash:
        raise ValueError(f"chart names {sorted(clash)} would overwrite tables of the same name")
    out_dir = Path(out_dir).resolve()
    check_replaceable(out_dir)
    staging = staging_folder(out_dir)
    export = staging / out_dir.name
    export.mkdir()
    try:
        documented = write_tables(tables, export, store, rows) | write_charts(charts, export)
        readme = (
            f"{EXPORT_MARK}\n\n{OFFSETS_NOTE} {SAFETY_NOTE}\n\n{PARQUET_NOTE}\n\n{ONE_TEXT}\n\n{TEXT_RECIPE}\n\n"
            + data_dictionary(documented)
        )
        (export / "README.md").write_text(readme, encoding="utf-8")
        commit([(export, out_dir)], staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir
