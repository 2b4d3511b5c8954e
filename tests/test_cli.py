"""The command line: exit codes, one-line errors, outputs."""

import subprocess
import sys

import pandas as pd
import pytest

from briefing.cli import main
from briefing.paths import PROJECT_ROOT, SEEDS_DIR


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300
    )


def test_analyze_writes_tables_without_touching_the_corpus(make_corpus, tmp_path):
    root = make_corpus({"a.txt": "Kremlin rejects plan in talks\nMoscow rejected the plan on Monday.\n"})
    code = main(["analyze", "--corpus", str(root), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 0
    assert pd.read_csv(tmp_path / "out" / "articles.csv")["id"].tolist() == ["a"]
    assert sorted(p.name for p in root.iterdir()) == ["a.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "--corpus", "no/such/folder", "--out", "OUT"], "no/such/folder': corpus folder not found"),
        (["analyze", "--corpus", "EMPTY", "--out", "OUT"], "no article files"),
        (["analyze", "--corpus", "CORPUS", "--out", "CORPUS/out"], "into the corpus folder"),
        (
            ["analyze", "--corpus", "CORPUS", "--out", "OUT", "--spacy-model", "no_such_model"],
            "no_such_model: spaCy model is not installed",
        ),
        (["render", "--corpus", "no/such/folder", "--out", "OUT/b.html"], "corpus folder not found"),
        (["render", "--out", "OUT/b.html", "-p", "top_n_articles", "many"], "'top_n_articles' must be int"),
        (["render", "--out", "OUT/b.html", "-p", "colour", "red"], "unknown parameter 'colour'"),
        (["render", "--out", "OUT/b.pdf"], "must be an .html file"),
        (["render", "--out", "OUT/b.html", "--jobs", "0"], "'jobs' must be at least 1, got 0"),
        (["render", "--out", "OUT/b.html", "--jobs", "2", "-p", "jobs", "2"], "give --jobs or -p jobs, not both"),
        (["render", "--out", "OUT/b.html", "-p", "engine", "spark"], "'engine' must be one of local, dask, got"),
        (["render", "--out", "OUT/b.html", "--scheduler", "tcp://h:8786"], "'scheduler' needs engine 'dask'"),
        (["analyze", "--corpus", "CORPUS", "--out", "OUT", "--scheduler", "h:8786"], "'scheduler' needs engine 'dask'"),
        (["render", "--out", "OUT/b.html", "--engine", "dask", "-p", "engine", "dask"], "give --engine or -p engine"),
    ],
)
def test_bad_input_gets_one_line_error_and_nonzero_exit(tmp_path, args, message):
    (tmp_path / "EMPTY").mkdir()
    (tmp_path / "CORPUS").mkdir()
    (tmp_path / "CORPUS" / "a.txt").write_text("Moscow rejected the plan on Monday.\n")
    args = [
        str(tmp_path / a) if a in ("EMPTY", "CORPUS", "CORPUS/out") else a.replace("OUT", str(tmp_path / "o"))
        for a in args
    ]
    result = run(*args)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr
    assert not (tmp_path / "o").exists()


def test_unwritable_output_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("analyze", "--corpus", str(SEEDS_DIR), "--out", str(blocker / "out"), "--quiet")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: '{blocker}")
    assert "cannot write" in result.stderr


def test_usage_errors_exit_2():
    assert run("analyze", "--corpus", str(SEEDS_DIR)).returncode == 2
