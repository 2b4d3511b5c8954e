"""Run the per-article analysis over a corpus: load it, analyse each document, in order.

Per-article analysis (:mod:`briefing.run.per_article`) is a pure function of one document, the codebook and the
model, so :func:`analyzed_corpus` can spread articles over processes or a cluster and cache their results; results
come back in article order, so the tables built from them (:mod:`briefing.tables.assembly`) do not depend on how
the work was spread.
"""

from __future__ import annotations

import ctypes
import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext, suppress
from functools import partial
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefing.corpus.loading import CLEAN_CHUNK, Corpus, Document, load_corpus
from briefing.language.parsing import load_model
from briefing.language.segment import build_paragraphs
from briefing.language.sentiment import score
from briefing.language.text_spans import article_text
from briefing.run.cache import ResultCache
from briefing.run.columns import ArticleColumns, analyze_to_columns
from briefing.run.distinctive_terms import TERMS_PER_ARTICLE, distinctive_terms
from briefing.run.engine import (
    StartedWorkers,
    in_background,
    map_beside,
    run_dask,
    run_local,
    started_helper,
    started_workers,
)
from briefing.run.per_article import BATCH
from briefing.run.settings import RunSettings

# From this many articles, the distinctive terms of a re-run may be computed in a worker process while this one
# analyses and assembles: TF-IDF takes about 0.7 s per 1,000 articles, a worker's start about 1.5 s.
BACKGROUND_TERMS_ARTICLES = 1_000


class Pending(NamedTuple):
    """Which documents :func:`analyze_documents` analyses, and which it finds in the cache."""

    paths: list[Path]  # each document's place in the cache (none without a cache)
    held: list[bool]  # whether the cache holds it
    todo: list[int]  # the documents to analyse, by position
    batches: list[list[Document]]  # those documents, in batches of BATCH


def pending(documents: list[Document], cache: ResultCache | None = None) -> Pending:
    """The documents of ``documents`` whose results ``cache`` does not hold, in batches."""
    paths = [cache.path(document) for document in documents] if cache is not None else []
    held = [path.is_file() for path in paths] or [False] * len(documents)
    todo = [index for index, found in enumerate(held) if not found]
    batches = [[documents[i] for i in todo[k : k + BATCH]] for k in range(0, len(todo), BATCH)]
    return Pending(paths, held, todo, batches)


def analyze_documents(
    documents: list[Document],
    settings: RunSettings = RunSettings(),
    ready: StartedWorkers | None = None,
    work_left: Pending | None = None,
) -> list[ArticleColumns]:
    """Analyse each document (:func:`~briefing.run.per_article.analyze_batch`), in order, in batches of :data:`BATCH`
    articles; each result as columns (:mod:`briefing.run.columns`).

    Results found in the settings' ``cache`` are reused; the rest run on their ``engine`` (``local``: this process
    or ``jobs`` worker processes; ``dask``: the Dask cluster at ``scheduler``, or a local one) and are stored in the
    cache as they arrive, not held: while workers run, this process holds one batch, and reads every result back at
    the end.
    Workers already started (``ready``, :func:`~briefing.run.engine.started_workers`) take the batches when they are
    few; this process then reads the cached results while they run, and keeps theirs.
    ``work_left`` is :func:`pending` of these documents, when the caller has it.
    """
    codebook, cache, spacy_model, jobs = settings.codebook, settings.cache, settings.spacy_model, settings.jobs
    paths, held, todo, batches = work_left or pending(documents, cache)
    work = partial(analyze_to_columns, spacy_model=spacy_model)
    if settings.engine == "dask" and batches:
        done = run_dask(work, batches, jobs, settings.scheduler, {"codebook": codebook})
    else:
        done = run_local(partial(work, codebook=codebook), batches, jobs, settings.progress, ready)
    few = ready is not None and ready.takes(batches)  # the workers have them already
    # the results the cache holds are read meanwhile when the workers have a few others; else at the end
    kept = (
        {i: cache.read(paths[i], ArticleColumns) for i, found in enumerate(held) if found}
        if cache is not None and few
        else {}
    )
    for index, result in zip(todo, (r for batch in done for r in batch), strict=True):
        # stored as it arrives, so that a run that is stopped keeps what it finished; held when it cannot be
        if cache is None or not cache.write(paths[index], result) or few:
            kept[index] = result
    if cache is None:
        return [kept[index] for index in range(len(documents))]
    results = (
        [kept[index] for index in range(len(documents))]
        if few
        else [
            kept[index] if index in kept else cache.read(path, ArticleColumns, found)
            for index, (path, found) in enumerate(zip(paths, held, strict=True))
        ]
    )
    unreadable = [index for index, result in enumerate(results) if result is None]  # a file damaged since
    again = analyze_to_columns([documents[i] for i in unreadable], codebook, spacy_model) if unreadable else []
    for index, result in zip(unreadable, again, strict=True):
        results[index] = result
        cache.write(paths[index], result)
    return results


def article_texts(documents: Iterable[Document]) -> dict[str, str]:
    """Each document's :func:`article_text` by its id, from its kept lines (as per-article analysis reads them),
    before any article is analysed."""
    return {
        document.id: article_text(p.text for p in build_paragraphs(document.source_text, document.kept_lines))
        for document in documents
    }


def corpus_terms(texts: dict[str, str], cache: ResultCache | None = None) -> pd.DataFrame:
    """:func:`~briefing.run.distinctive_terms.distinctive_terms` of ``texts``, from the cache when no text has
    changed (a re-run of the same corpus then needs no TF-IDF, nor scikit-learn's import)."""
    with corpus_terms_started(texts, cache) as terms:
        return terms()


@contextmanager
def corpus_terms_started(
    texts: dict[str, str], cache: ResultCache | None = None, helper: StartedWorkers | None = None
) -> Iterator[Callable[[], pd.DataFrame]]:
    """:func:`corpus_terms`; the block gets the function that returns them.

    With a ``helper`` (a worker started ahead, :func:`prepare_terms`), :data:`BACKGROUND_TERMS_ARTICLES` articles
    or more and the terms not found in ``cache``, TF-IDF starts now in that worker while this process goes on: on
    a re-run with a few new articles it is otherwise as long as the rest of the analysis. The worker is stopped
    once the terms are taken, when the block ends, or at once when it is not needed. Otherwise the terms are
    computed when asked for.
    """
    key = None
    if cache is not None:
        every_text = hashlib.sha256()
        for article, text in sorted(texts.items()):
            every_text.update(f"{len(article)}:{article}{len(text)}:".encode("utf-8", "surrogatepass"))
            every_text.update(text.encode("utf-8", "surrogatepass"))
        key = ("distinctive_terms", every_text.hexdigest())
        found = cache.corpus.get(key, pd.DataFrame)
        if found is not None:
            if helper is not None:
                helper.stop()
            yield lambda: found
            return

    def kept(terms: pd.DataFrame) -> pd.DataFrame:
        if cache is not None:
            cache.corpus.put(key, terms)
        return terms

    memo = cache.corpus if cache is not None else None  # each text's terms
    if helper is not None and len(texts) >= BACKGROUND_TERMS_ARTICLES:
        with in_background(distinctive_terms, texts, TERMS_PER_ARTICLE, memo, helper=helper) as running:
            yield lambda: kept(running())  # the helper stopped then
    else:
        if helper is not None:
            helper.stop()
        yield lambda: kept(distinctive_terms(texts, TERMS_PER_ARTICLE, memo))


@contextmanager
def analyzed_corpus(
    corpus_dir: str | Path, settings: RunSettings
) -> Iterator[tuple[Corpus, list[ArticleColumns], Callable[[], pd.DataFrame] | None]]:
    """Load ``corpus_dir`` and analyse each document: the block gets the corpus (its documents dropped once
    analysed), each document's results in order, and the function that returns the distinctive terms when they
    are computed meanwhile (else ``None``).
    Settings checked by :func:`~briefing.tables.assembly.analyze`."""
    jobs, spacy_model, cache = settings.jobs, settings.spacy_model, settings.cache
    # Local workers start now and load the model while the corpus is read: a re-run with a few new articles
    # would otherwise wait for it. Once loaded, they clean files beside this process.
    local = settings.engine == "local" and jobs > 1
    workers = (
        started_workers(jobs, partial(prepare_worker, spacy_model if settings.codebook is not None else None))
        if local
        else nullcontext()
    )
    # and one process that imports what the distinctive terms need, for a re-run with a few new articles (below)
    terms_helper = started_helper(prepare_terms) if local and cache is not None else nullcontext()
    with ExitStack() as running:
        ready = running.enter_context(workers)
        helper = running.enter_context(terms_helper)
        files = cache.files if cache is not None else None
        # its worker cleans files meanwhile
        mapper = partial(map_beside, helpers=ready, chunk=CLEAN_CHUNK)
        corpus = load_corpus(corpus_dir, settings.options, settings.progress, files, mapper)
        work_left = pending(corpus.documents, cache)
        # The distinctive terms need only the texts: when the workers started ahead take the few articles to
        # analyse, they are computed meanwhile in the helper; not beside a whole pool, whose memory it adds to, nor
        # when nothing is new (the texts are then taken from the results, without building paragraphs).
        terms = None
        if isinstance(ready, StartedWorkers) and ready.takes(work_left.batches):
            texts = article_texts(corpus.documents)
            terms = running.enter_context(corpus_terms_started(texts, cache, helper))
        elif isinstance(helper, StartedWorkers):
            helper.stop()
        results = analyze_documents(corpus.documents, settings, ready, work_left)
        # Every document's source text and lines are not read again: dropped before the tables are built, which
        # they would otherwise double (at 10,000 articles, a few hundred MB at the run's peak).
        corpus.documents, work_left = [], None
        yield corpus, results, terms


def return_freed_memory() -> None:
    """Hand the memory that Python freed back to the operating system, where the C library is glibc (which keeps it
    for the process otherwise): at 10,000 articles, 300 MB of per-article results and documents freed once the
    tables are built, before the charts start one more process."""
    with suppress(OSError, AttributeError):  # another C library: it keeps what it keeps
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def prepare_terms() -> None:
    """Import what :func:`~briefing.run.distinctive_terms.distinctive_terms` needs (scikit-learn takes more than a
    second)."""
    from sklearn.feature_extraction import text  # noqa: F401

    from briefing.taggers.sources.source_triggers import verbs

    verbs()


def prepare_worker(spacy_model: str | None) -> None:
    """Load what per-article analysis reads in every process: TextBlob's lexicon and, when given, the spaCy model.
    (Not the codebook: a worker's start-up data beyond a pipe's buffer would leave this process waiting for ever on
    a worker that died starting, as one does in a script without an ``if __name__ == "__main__":`` guard.)"""
    score("")
    if spacy_model:
        load_model(spacy_model)
