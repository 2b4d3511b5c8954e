"""Exports: documented columns, atomic replacement, stable bytes."""

import pandas as pd
import pytest

from briefing.export import TABLE_DOCS, data_dictionary, write_export
from briefing.paths import PROJECT_ROOT
from briefing.report import briefing_charts


def test_every_exported_table_has_exactly_its_documented_columns(seeds_analysis, tmp_path):
    out = write_export(seeds_analysis.tables(), tmp_path / "out", briefing_charts(seeds_analysis))
    for name, doc in TABLE_DOCS.items():
        assert list(pd.read_csv(out / f"{name}.csv").columns) == list(doc.columns), name
    readme = (out / "README.md").read_text()
    assert "| Column | Description |" in readme and "### `tone_chart.csv`" in readme
    assert (out / "tone_chart.png").read_bytes().startswith(b"\x89PNG")
    assert len(pd.read_csv(out / "tone_chart.csv")) == len(seeds_analysis.articles)


def test_sentences_csv_round_trips_offsets(seeds_analysis, tmp_path):
    from conftest import seed_text

    out = write_export(seeds_analysis.tables(), tmp_path / "out")
    sentences = pd.read_csv(out / "sentences.csv")
    row = sentences[sentences["article"].str.startswith("003")].iloc[2]
    assert " ".join(seed_text("003")[row["start"] : row["end"]].split()) == row["text"]


def test_project_readme_documents_every_export():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert data_dictionary() in readme


def test_same_analysis_gives_identical_files(seeds_analysis, tmp_path):
    first = write_export(seeds_analysis.tables(), tmp_path / "a", briefing_charts(seeds_analysis))
    second = write_export(seeds_analysis.tables(), tmp_path / "b", briefing_charts(seeds_analysis))
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_failed_export_leaves_the_previous_export_untouched(seeds_analysis, tmp_path):
    out = write_export(seeds_analysis.tables(), tmp_path / "out")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    broken = dict(seeds_analysis.tables(), articles=pd.DataFrame({"unexpected": [1]}))
    with pytest.raises(ValueError, match="differ from TABLE_DOCS"):
        write_export(broken, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left behind
