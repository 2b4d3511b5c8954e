"""Exports: documented columns, atomic replacement, stable bytes."""

import pandas as pd
import pytest

from briefing import schema
from briefing.paths import PROJECT_ROOT
from briefing.publish.artifacts import exported_tables
from briefing.publish.export import data_dictionary, write_export
from briefing.publish.figures import briefing_charts


def test_every_exported_csv_has_exactly_the_schemas_columns(seeds_analysis, tmp_path):
    out = write_export(exported_tables(seeds_analysis), tmp_path / "out", briefing_charts(seeds_analysis))
    assert set(exported_tables(seeds_analysis)) == set(schema.TABLE_DOCS)
    for name in schema.TABLE_DOCS:
        header = (out / f"{name}.csv").read_text(encoding="utf-8").split("\n")[0]
        assert header == ",".join(schema.TABLE_DOCS[name].columns), name
    readme = (out / "README.md").read_text()
    assert "| Column | Type | Description |" in readme and "### `tone_chart.csv`, `tone_chart.parquet`" in readme
    assert (out / "tone_chart.png").read_bytes().startswith(b"\x89PNG")
    assert len(pd.read_csv(out / "tone_chart.csv")) == len(seeds_analysis.articles)


def test_sentences_csv_round_trips_offsets(seeds_analysis, tmp_path):
    from conftest import seed_text

    out = write_export(exported_tables(seeds_analysis), tmp_path / "out")
    sentences = pd.read_csv(out / "sentences.csv")
    row = sentences[sentences["article"].str.startswith("003")].index[2]
    held = seeds_analysis.sentences.loc[row]
    assert sentences.loc[row, "start"] == held["start"] and sentences.loc[row, "end"] == held["end"]
    assert " ".join(seed_text("003")[held["start"] : held["end"]].split()) == held["text"]


def test_the_article_text_is_exported_once_and_the_recipe_gives_back_every_paragraph_and_sentence(
    seeds_analysis, tmp_path, monkeypatch
):
    import re

    from briefing.language.text_spans import span_texts
    from briefing.publish.export import TEXT_RECIPE

    out = write_export(seeds_analysis.tables(), tmp_path / "out")
    for name in ("paragraphs", "sentences"):
        assert "text" not in pd.read_parquet(out / f"{name}.parquet").columns, name
    recipe = re.search(r"```python\n(.*?)```", TEXT_RECIPE, re.S).group(1)
    assert recipe in (out / "README.md").read_text(encoding="utf-8")
    namespace = {}
    monkeypatch.chdir(out)  # the recipe reads the files of the export folder by their names
    exec(recipe, namespace)
    assert namespace["sentences"]["text"].tolist() == seeds_analysis.sentences["text"].tolist()
    articles = pd.read_parquet(out / "articles.parquet")
    for name in ("paragraphs", "sentences"):
        held = getattr(seeds_analysis, name)
        assert span_texts(articles, pd.read_parquet(out / f"{name}.parquet")).tolist() == held["text"].tolist()


def test_project_readme_documents_every_export():
    from briefing.publish.export import OFFSETS_NOTE, TEXT_RECIPE

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert data_dictionary() in readme
    assert all(note in readme for note in (schema.ONE_TEXT, OFFSETS_NOTE, TEXT_RECIPE))


def test_same_analysis_gives_identical_files(seeds_analysis, tmp_path):
    first = write_export(exported_tables(seeds_analysis), tmp_path / "a", briefing_charts(seeds_analysis))
    second = write_export(exported_tables(seeds_analysis), tmp_path / "b", briefing_charts(seeds_analysis))
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_failed_export_leaves_the_previous_export_untouched(seeds_analysis, tmp_path):
    out = write_export(exported_tables(seeds_analysis), tmp_path / "out")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    broken = dict(exported_tables(seeds_analysis), articles=pd.DataFrame({"unexpected": [1]}))
    with pytest.raises(ValueError, match="differ from TABLE_DOCS"):
        write_export(broken, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left behind


def test_text_a_spreadsheet_would_run_is_guarded_and_nothing_else(tmp_path):
    from briefing.publish.export import write_csv

    table = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://x")', "+7 rose", "-40 C", "@channel", "\tindented", "plain", None, ""],
            "mixed": [-1.5, "-1.5", 3, None, "ok", float("nan"), "=1+1", "b"],
            "number": [-1.0, 2.0, -3.5, 4.0, 5.0, 6.0, 7.0, -8.25],
        }
    )
    write_csv(table, tmp_path / "t.csv")
    back = pd.read_csv(tmp_path / "t.csv", keep_default_na=False)
    assert list(back["text"]) == [
        '\'=HYPERLINK("http://x")',
        "'+7 rose",
        "'-40 C",
        "'@channel",
        "'\tindented",
        "plain",
        "",
        "",
    ]
    # numbers, in a number column or among text, are never formulas; text that is one is guarded wherever it is
    assert list(back["mixed"]) == ["-1.5", "'-1.5", "3", "", "ok", "", "'=1+1", "b"]
    assert list(back["number"]) == [-1.0, 2.0, -3.5, 4.0, 5.0, 6.0, 7.0, -8.25]


def test_an_export_from_stored_runs_of_rows_has_the_bytes_of_one_written_whole(seeds_analysis, tmp_path, monkeypatch):
    from briefing.publish import export
    from briefing.run.cache import DiskCache

    monkeypatch.setattr(export, "ARTICLES_PER_RUN", 2)  # several runs even among five articles
    store = DiskCache(tmp_path / "store", "test")
    sentences = seeds_analysis.sentences
    assert len(export.article_runs(sentences)) > 1
    whole, first, again = tmp_path / "whole.csv", tmp_path / "first.csv", tmp_path / "again.csv"
    export.write_csv(sentences, whole)
    export.write_csv(sentences, first, store)
    stored = store.stored
    export.write_csv(sentences, again, store)
    assert whole.read_bytes() == first.read_bytes() == again.read_bytes()
    assert store.stored == stored and store.reused == stored  # the second write formatted nothing
    # an edited article: only its run is formatted again, and the file is still the one written whole
    edited = sentences.copy()
    last = edited["article"] == edited["article"].iloc[-1]
    edited.loc[last, "text"] = "=" + edited.loc[last, "text"]
    export.write_csv(edited, again, store)
    export.write_csv(edited, whole)
    assert again.read_bytes() == whole.read_bytes() and b",'=The" in whole.read_bytes()
    assert store.stored == stored + 1


def test_rows_that_print_differently_hash_differently():
    from briefing.tables.analysis import row_hashes

    floats = row_hashes(pd.DataFrame({"polarity": [0.0, -0.0]}))
    mixed = row_hashes(pd.DataFrame({"value": ["-1", -1]}, dtype=object))  # the text is guarded, the number not
    assert floats[0] != floats[1] and mixed[0] != mixed[1]


def test_charts_and_export_hash_each_table_once_and_write_the_files_of_the_uncached_path(
    seeds_analysis, tmp_path, monkeypatch
):  # with the charts rendered in a worker process (jobs=2) too
    from briefing.language.parsing import DEFAULT_MODEL
    from briefing.publish import artifacts, export
    from briefing.run.cache import ResultCache
    from briefing.tables import analysis

    hashed, row_hashes = [], analysis.row_hashes

    def counted(table):
        hashed.append(len(table))
        return row_hashes(table)

    for module in (artifacts, analysis, export):  # every caller's name for it
        monkeypatch.setattr(module, "row_hashes", counted)
    cache = ResultCache(tmp_path / "cache", seeds_analysis.codebook, DEFAULT_MODEL)
    charts = artifacts.charts_and_export(seeds_analysis, tmp_path / "cached", cache=cache, jobs=2)
    assert len(hashed) == len(exported_tables(seeds_analysis))  # once per table, for the charts' key and the export
    plain = write_export(exported_tables(seeds_analysis), tmp_path / "plain", briefing_charts(seeds_analysis))
    files = sorted(p.name for p in plain.iterdir())
    assert files == sorted(p.name for p in (tmp_path / "cached").iterdir()) and set(charts) < {f[:-4] for f in files}
    for name in files:
        assert (plain / name).read_bytes() == (tmp_path / "cached" / name).read_bytes(), name
    # the same analysis again: its charts come from the cache; a changed table draws them again
    artifacts.charts_and_export(seeds_analysis, tmp_path / "again", cache=cache)
    assert (cache.charts.reused, cache.charts.stored) == (1, 1)
    changed = seeds_analysis._replace(sentences=seeds_analysis.sentences.assign(polarity=0.0))
    artifacts.charts_and_export(changed, None, cache=cache)
    assert (cache.charts.reused, cache.charts.stored) == (1, 2)
    assert seeds_analysis.digest() != changed.digest()


def test_each_table_reads_back_from_parquet_as_from_csv_with_the_schemas_types(seeds_analysis, tmp_path):
    import numpy as np
    import pyarrow.parquet as pq

    from briefing.publish.export import ARROW_TYPES, spreadsheet_safe

    charts = briefing_charts(seeds_analysis)
    out = write_export(exported_tables(seeds_analysis), tmp_path / "out", charts)
    assert {p.stem for p in out.glob("*.parquet")} == set(schema.TABLE_DOCS) | set(charts)
    for name in [*schema.TABLE_DOCS, *charts]:
        doc = schema.TABLE_DOCS.get(name)
        parquet, csv = pd.read_parquet(out / f"{name}.parquet"), pd.read_csv(out / f"{name}.csv")
        assert list(parquet.columns) == list(csv.columns) and len(parquet) == len(csv), name
        arrow = pq.read_schema(out / f"{name}.parquet")
        for column in csv.columns:
            if doc is not None:  # a table of the schema: each column of its documented type
                assert arrow.field(column).type == ARROW_TYPES[doc.column_type(column)], (name, column)
            values, written = parquet[column], csv[column]
            if written.isna().all():  # an empty column: the CSV cannot tell its type
                assert values.replace("", None).isna().all(), (name, column)
            elif pd.api.types.is_float_dtype(written) and pd.api.types.is_numeric_dtype(values):
                assert np.allclose(values, written, atol=5e-5, equal_nan=True), (name, column)  # CSV: 4 places
            elif pd.api.types.is_numeric_dtype(written) or pd.api.types.is_bool_dtype(written):
                assert values.dtype == written.dtype and values.equals(written), (name, column)
            else:  # text: the CSV's guarded against formulas, and an empty text read back as missing
                guarded = spreadsheet_safe(values.replace("", None).astype(object))
                assert guarded.equals(written.astype(object)), (name, column)
    sentences = pd.read_parquet(out / "sentences.parquet")
    assert sentences["start"].dtype == "int64" and sentences["polarity"].dtype == "float64"
    assert sentences["position_cue"].dtype == bool and len(sentences) == len(seeds_analysis.sentences)
    # a column no seed fills is still text in the Parquet, where the CSV reads as numbers
    assert pq.read_schema(out / "articles.parquet").field("outlet").type == "string"
    assert pd.read_csv(out / "articles.csv")["outlet"].dtype == "float64"


def test_parquet_refuses_a_value_that_is_not_of_its_documented_type(tmp_path):
    from briefing.publish.export import write_parquet

    doc = schema.TableDoc("test", {"count": "", "label": ""}, schema.typed(integer=("count",)))
    write_parquet(pd.DataFrame({"count": [1, None], "label": ["a", 2]}), doc, tmp_path / "ok.parquet")
    back = pd.read_parquet(tmp_path / "ok.parquet")
    assert back["count"].isna().tolist() == [False, True] and back["label"].tolist() == ["a", "2"]
    with pytest.raises((TypeError, ValueError)):
        write_parquet(pd.DataFrame({"count": ["many"], "label": ["a"]}), doc, tmp_path / "bad.parquet")
