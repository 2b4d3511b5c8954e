"""Run the analysis over a corpus and collect tidy tables.

Per-article analysis (:mod:`briefing.article`) is a pure function of one
document, the codebook and the model, so :func:`analyze` can spread articles
over processes or a cluster and cache their results; results are reassembled
in article order, so the tables do not depend on how the work was spread.
"""

from __future__ import annotations

import ctypes
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, nullcontext, suppress
from functools import partial
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from briefing.article import BATCH
from briefing.cache import ResultCache
from briefing.codebook import Codebook
from briefing.corpus import Corpus, Document, LoadOptions, load_corpus
from briefing.engine import (
    ENGINES,
    StartedWorkers,
    in_background,
    run_dask,
    run_local,
    started_helper,
    started_workers,
)
from briefing.errors import ParameterError
from briefing.export import row_hashes
from briefing.nlp import DEFAULT_MODEL, load_model, require_model
from briefing.results import ArticleColumns, analyze_to_columns, article_column, column, part_columns
from briefing.segment import build_paragraphs
from briefing.sentiment import score
from briefing.sources import merge_speakers
from briefing.terms import TERMS_PER_ARTICLE, distinctive_terms
from briefing.timeline import DatedSentence

STANCE_COLUMNS = [
    "article",
    "sentence",
    "actor",
    "actor_name",
    "side",
    "issue",
    "issue_label",
    "position",
    "condition",
    "cue",
    "via",
    "evidence",
    "start",
    "end",
]
FRAME_COLUMNS = [
    "article",
    "frame",
    "frame_label",
    "score",
    "headline_cue",
    "body_sentences",
    "sentence",
    "evidence",
    "start",
    "end",
]
# From this many articles, the distinctive terms of a re-run may be computed in a worker process while this one
# analyses and assembles: TF-IDF takes about 0.7 s per 1,000 articles, a worker's start about 1.5 s.
BACKGROUND_TERMS_ARTICLES = 1_000
MENTION_COLUMNS = ["article", "sentence", "actor", "actor_name", "side", "alias"]
LOADED_COLUMNS = ["article", "sentence", "phrase", "leaning", "quoted", "evidence", "start", "end"]
THEME_COLUMNS = ["article", "sentence", "theme", "theme_label", "cue", "start", "end"]
SOURCE_COLUMNS = [
    "article",
    "sentence",
    "speaker",
    "actor",
    "affiliation",
    "role",
    "source_type",
    "side",
    "kind",
    "cue_verb",
    "verb_strength",
    "quote",
    "start",
    "end",
    "cue_start",
    "cue_end",
    "speaker_start",
    "speaker_end",
    "resolved",
]


class Analysis(NamedTuple):
    """The tables of one corpus; :meth:`tables` names them for export."""

    corpus: Path
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tone: pd.DataFrame
    removed: pd.DataFrame
    problems: pd.DataFrame
    stances: pd.DataFrame
    frames: pd.DataFrame
    loaded: pd.DataFrame
    sources: pd.DataFrame
    themes: pd.DataFrame
    terms: pd.DataFrame
    timeline: pd.DataFrame
    mentions: pd.DataFrame
    codebook: Codebook | None = None

    def digest(self, rows: Mapping[str, np.ndarray] | None = None) -> str:
        """SHA-256 of every table and of the codebook: equal analyses have equal digests. ``rows`` holds each
        table's :func:`~briefing.export.row_hashes` when the caller has them (the export hashes the same rows)."""
        digest = hashlib.sha256(repr(self.codebook).encode())
        for name, table in self.tables().items():
            digest.update(f"{name}\n{list(table.columns)}\n{list(table.dtypes.astype(str))}\n".encode())
            digest.update((row_hashes(table) if rows is None else rows[name]).tobytes())
        return digest.hexdigest()

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by its export name."""
        return {
            "articles": self.articles,
            "paragraphs": self.paragraphs,
            "sentences": self.sentences,
            "tone_by_article": self.tone,
            "stances": self.stances,
            "sources": self.sources,
            "themes": self.themes,
            "distinctive_terms": self.terms,
            "timeline": self.timeline,
            "actor_mentions": self.mentions,
            "frames": self.frames,
            "loaded_wording": self.loaded,
            "removed_text": self.removed,
            "input_problems": self.problems,
        }


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
    codebook: Codebook | None = None,
    jobs: int = 1,
    progress: bool = False,
    spacy_model: str = DEFAULT_MODEL,
    engine: str = "local",
    scheduler: str | None = None,
    cache: ResultCache | None = None,
    ready: StartedWorkers | None = None,
    work_left: Pending | None = None,
) -> list[ArticleColumns]:
    """Analyse each document (:func:`~briefing.article.analyze_batch`), in order, in batches of :data:`BATCH`
    articles; each result as columns (:mod:`briefing.results`).

    Results found in ``cache`` are reused; the rest run on ``engine`` (``local``: this process or ``jobs`` worker
    processes; ``dask``: the Dask cluster at ``scheduler``, or a local one) and are stored in the cache as they
    arrive, not held: while workers run, this process holds one batch, and reads every result back at the end.
    Workers already started (``ready``, :func:`~briefing.engine.started_workers`) take the batches when they are few;
    this process then reads the cached results while they run, and keeps theirs.
    ``work_left`` is :func:`pending` of these documents, when the caller has it.
    """
    paths, held, todo, batches = work_left or pending(documents, cache)
    work = partial(analyze_to_columns, spacy_model=spacy_model)
    if engine == "dask" and batches:
        done = run_dask(work, batches, jobs, scheduler, {"codebook": codebook})
    else:
        done = run_local(partial(work, codebook=codebook), batches, jobs, progress, ready)
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


def table(columns: dict[str, list], names: list[str]) -> pd.DataFrame:
    """A table of ``columns`` (equally long lists) in the order of ``names``; with no rows, every column holds
    objects (as a table built from no records does), not floats."""
    rows = len(next(iter(columns.values()), []))
    return pd.DataFrame({name: as_array(values) for name, values in columns.items()} if rows else [], columns=names)


NUMBER_KINDS = {int: "i", float: "f", bool: "b"}  # the numpy kind of an array of each type of number


def as_array(values: list) -> list | np.ndarray:
    """``values`` as a numpy array when they are numbers of one type (pandas infers the type of a list of numbers
    eight times slower), else as they are."""
    kind = NUMBER_KINDS.get(type(values[0])) if values else None
    if kind is None:
        return values
    array = np.array(values)
    return array if array.dtype.kind == kind else values


def stance_table(results: list[ArticleColumns], codebook: Codebook | None) -> pd.DataFrame:
    """One row per claim, with actor and issue names from the codebook."""
    claims = part_columns(results, "claims")
    names, sides = [], []
    for actor_id, holder_side in zip(claims["actor"], claims["holder_side"], strict=True):
        actor = codebook.actors.get(actor_id)
        names.append(actor.name if actor else actor_id)
        sides.append(actor.side if actor else holder_side or codebook.other_side)
    claims.update(actor_name=names, side=sides, issue_label=[codebook.issues[i].label for i in claims["issue"]])
    return table(claims, STANCE_COLUMNS)


def mention_table(results: list[ArticleColumns], codebook: Codebook | None) -> pd.DataFrame:
    """One row per codebook actor named in a sentence, with the actor's name and side."""
    mentions = part_columns(results, "mentions")
    actors = mentions["actor"]
    mentions["actor_name"] = [codebook.actors[a].name for a in actors]
    mentions["side"] = [codebook.actors[a].side for a in actors]
    return table(mentions, MENTION_COLUMNS)


def article_text(paragraphs: Iterable[str]) -> str:
    """An article's text as analysed: its paragraphs' texts, a blank line between."""
    return "\n\n".join(paragraphs)


def article_texts(documents: Iterable[Document]) -> dict[str, str]:
    """Each document's :func:`article_text` by its id, from its kept lines (as per-article analysis reads them),
    before any article is analysed."""
    return {
        document.id: article_text(p.text for p in build_paragraphs(document.source_text, document.kept_lines))
        for document in documents
    }


def corpus_terms(texts: dict[str, str], cache: ResultCache | None = None) -> pd.DataFrame:
    """:func:`~briefing.terms.distinctive_terms` of ``texts``, from the cache when no text has changed (a re-run
    of the same corpus then needs no TF-IDF, nor scikit-learn's import)."""
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


def assemble(
    corpus: Corpus,
    results: list[ArticleColumns],
    codebook: Codebook | None = None,
    cache: ResultCache | None = None,
    terms: Callable[[], pd.DataFrame] | None = None,
) -> Analysis:
    """Join per-article results with the corpus tables. The distinctive terms come from ``terms`` when given
    (:func:`corpus_terms_started`), asked for last; otherwise they are computed (from ``cache`` when unchanged)."""
    by_id = {result.id: result for result in results}
    paragraphs = table(
        {
            "article": article_column(results, "paragraphs"),
            "paragraph": column(results, "paragraphs", "index"),
            **{field: column(results, "paragraphs", field) for field in ("start", "end", "text")},
        },
        ["article", "paragraph", "start", "end", "text"],
    )
    sentences = table(
        {
            "article": article_column(results, "sentences"),
            "sentence": column(results, "sentences", "index"),
            **{field: column(results, "sentences", field) for field in ("paragraph", "start", "end", "words")},
            **{field: column(results, "tones", field) for field in ("polarity", "subjectivity")},
            "position_cue": column(results, "cues", "cue"),
            "cue_without_issue": column(results, "cues", "without_issue"),
            "text": column(results, "sentences", "text"),
        },
        [
            *("article", "sentence", "paragraph", "start", "end", "words", "polarity", "subjectivity"),
            *("position_cue", "cue_without_issue", "text"),
        ],
    )
    tone_rows = []
    for r in results:
        tone, polarity, text = r.tone, r.values("tones", "polarity"), r.values("sentences", "text")
        tone_rows.append(
            {
                "article": r.id,
                "sentences": tone.sentences,
                "polarity_mean": tone.polarity_mean,
                "polarity_sd": tone.polarity_sd,
                "subjectivity_mean": tone.subjectivity_mean,
                "neutral_share": tone.neutral_share,
                "most_negative_sentence": tone.most_negative,
                "most_negative_polarity": None if tone.most_negative is None else polarity[tone.most_negative],
                "most_negative_text": None if tone.most_negative is None else text[tone.most_negative],
                "most_positive_sentence": tone.most_positive,
                "most_positive_polarity": None if tone.most_positive is None else polarity[tone.most_positive],
                "most_positive_text": None if tone.most_positive is None else text[tone.most_positive],
            }
        )
    tone = pd.DataFrame(tone_rows).astype({"most_negative_sentence": "Int64", "most_positive_sentence": "Int64"})

    articles = corpus.articles.copy()
    articles["paragraphs"] = [by_id[i].rows("paragraphs") for i in articles["id"]]
    articles["sentences"] = [by_id[i].rows("sentences") for i in articles["id"]]
    articles["words"] = [sum(by_id[i].values("sentences", "words")) for i in articles["id"]]
    articles["text"] = [article_text(by_id[i].values("paragraphs", "text")) for i in articles["id"]]
    articles["warnings"] = [
        "; ".join(w for w in (read, *by_id[i].warnings) if isinstance(w, str) and w) or None
        for i, read in zip(articles["id"], articles["warnings"], strict=True)
    ]
    articles = articles[
        [
            "id",
            "path",
            "format",
            "title",
            "title_source",
            "outlet",
            "published",
            "url",
            "words",
            "sentences",
            "paragraphs",
            "words_before_cleaning",
            "words_removed",
            "content_hash",
            "duplicate_of",
            "duplicate_similarity",
            "warnings",
            "text",
        ]
    ]
    frames = part_columns(results, "frames")
    frames["frame_label"] = [codebook.frames[f].label for f in frames["frame"]]
    frames = table(frames, FRAME_COLUMNS).astype({"sentence": "Int64", "start": "Int64", "end": "Int64"})
    sources = table(part_columns(results, "attributions"), SOURCE_COLUMNS).astype(
        {c: "Int64" for c in ("cue_start", "cue_end", "speaker_start", "speaker_end")}
    )
    themes = part_columns(results, "themes")
    themes["theme_label"] = [codebook.themes[t].label for t in themes["theme"]]
    return Analysis(
        corpus.root,
        articles,
        paragraphs,
        sentences,
        tone,
        corpus.removed,
        corpus.problems,
        stance_table(results, codebook),
        frames,
        table(part_columns(results, "loaded"), LOADED_COLUMNS),
        merge_speakers(sources),
        table(themes, THEME_COLUMNS),
        terms() if terms is not None else corpus_terms(dict(zip(articles["id"], articles["text"], strict=True)), cache),
        table(part_columns(results, "dates"), list(DatedSentence._fields)),
        mention_table(results, codebook),
        codebook,
    )


def analyze(
    corpus_dir: str | Path,
    options: LoadOptions = LoadOptions(),
    codebook: Codebook | None = None,
    jobs: int = 1,
    progress: bool = False,
    spacy_model: str = DEFAULT_MODEL,
    engine: str = "local",
    scheduler: str | None = None,
    cache: ResultCache | None = None,
) -> Analysis:
    """Load ``corpus_dir`` and analyse every article.

    Parameters
    ----------
    corpus_dir : str or Path
        The corpus folder.
    options : LoadOptions
        Loading and cleaning settings.
    codebook : Codebook, optional
        Actors, issues and frames; without one, no stances or frames.
    jobs : int
        Worker processes for per-article analysis. They start as fresh interpreters that import the calling
        script, so a script that calls this with ``jobs > 1`` guards its entry point with
        ``if __name__ == "__main__":`` (notebooks and the command line need nothing). With more than one,
        on a re-run with a few new articles, a large corpus's distinctive terms are computed in one more process
        (:func:`corpus_terms_started`).
    progress : bool
        Show progress bars on standard error.
    spacy_model : str
        The installed spaCy pipeline that parses sentences (default: the small English model).
    engine : str
        ``local`` or ``dask`` (:mod:`briefing.engine`).
    scheduler : str, optional
        The Dask scheduler's address; without one, ``dask`` starts a local cluster of ``jobs`` workers.
    cache : ResultCache, optional
        Per-article results to reuse and to add to.

    Returns
    -------
    Analysis
    """
    if engine not in ENGINES:
        raise ParameterError(f"engine must be one of {', '.join(ENGINES)}, got '{engine}'")
    if codebook is not None:  # fail on a missing model before any work; it loads when an article needs it
        require_model(spacy_model)
    analysis = analyzed(corpus_dir, options, codebook, jobs, progress, spacy_model, engine, scheduler, cache)
    return_freed_memory()  # what the tables were built from, freed as analyzed() returned
    return analysis


def analyzed(
    corpus_dir: str | Path,
    options: LoadOptions,
    codebook: Codebook | None,
    jobs: int,
    progress: bool,
    spacy_model: str,
    engine: str,
    scheduler: str | None,
    cache: ResultCache | None,
) -> Analysis:
    """:func:`analyze`, its parameters checked."""
    # Local workers start now and load the model while the corpus is read: a re-run with a few new articles
    # would otherwise wait for it. Once loaded, they clean files beside this process.
    local = engine == "local" and jobs > 1
    workers = (
        started_workers(jobs, partial(prepare_worker, spacy_model if codebook is not None else None))
        if local
        else nullcontext()
    )
    # and one process that imports what the distinctive terms need, for a re-run with a few new articles (below)
    terms_helper = started_helper(prepare_terms) if local and cache is not None else nullcontext()
    with ExitStack() as running:
        ready = running.enter_context(workers)
        helper = running.enter_context(terms_helper)
        files = cache.files if cache is not None else None
        corpus = load_corpus(corpus_dir, options, progress, files, helpers=ready)  # its worker cleans files meanwhile
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
        results = analyze_documents(
            corpus.documents, codebook, jobs, progress, spacy_model, engine, scheduler, cache, ready, work_left
        )
        return assemble(corpus, results, codebook, cache, terms)


def return_freed_memory() -> None:
    """Hand the memory that Python freed back to the operating system, where the C library is glibc (which keeps it
    for the process otherwise): at 10,000 articles, 300 MB of per-article results and documents freed once the
    tables are built, before the charts start one more process."""
    with suppress(OSError, AttributeError):  # another C library: it keeps what it keeps
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def prepare_terms() -> None:
    """Import what :func:`~briefing.terms.distinctive_terms` needs (scikit-learn takes more than a second)."""
    from sklearn.feature_extraction import text  # noqa: F401

    from briefing.sources import verbs

    verbs()


def prepare_worker(spacy_model: str | None) -> None:
    """Load what per-article analysis reads in every process: TextBlob's lexicon and, when given, the spaCy model.
    (Not the codebook: a worker's start-up data beyond a pipe's buffer would leave this process waiting for ever on
    a worker that died starting, as one does in a script without an ``if __name__ == "__main__":`` guard.)"""
    score("")
    if spacy_model:
        load_model(spacy_model)
