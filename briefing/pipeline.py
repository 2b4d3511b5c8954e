"""Run the analysis over a corpus and collect tidy tables.

Per-article analysis (:mod:`briefing.article`) is a pure function of one
document, the codebook and the model, so :func:`analyze` can spread articles
over processes or a cluster and cache their results; results are reassembled
in article order, so the tables do not depend on how the work was spread.
"""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefing.article import BATCH, ArticleAnalysis, analyze_batch
from briefing.cache import ResultCache
from briefing.codebook import Codebook
from briefing.corpus import Corpus, Document, LoadOptions, load_corpus
from briefing.engine import ENGINES, run_dask, run_local
from briefing.errors import ParameterError
from briefing.nlp import DEFAULT_MODEL, require_model
from briefing.sources import merge_speakers
from briefing.terms import distinctive_terms
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

    def digest(self) -> str:
        """SHA-256 of every table and of the codebook: equal analyses have equal digests."""
        digest = hashlib.sha256(repr(self.codebook).encode())
        for name, table in self.tables().items():
            digest.update(f"{name}\n{list(table.columns)}\n{list(table.dtypes.astype(str))}\n".encode())
            digest.update(pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes())
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


def analyze_documents(
    documents: list[Document],
    codebook: Codebook | None = None,
    jobs: int = 1,
    progress: bool = False,
    spacy_model: str = DEFAULT_MODEL,
    engine: str = "local",
    scheduler: str | None = None,
    cache: ResultCache | None = None,
) -> list[ArticleAnalysis]:
    """Apply :func:`analyze_article` to each document, in order, in batches of :data:`BATCH` articles.

    Results found in ``cache`` are reused; the rest run on ``engine`` (``local``: this process or ``jobs`` worker
    processes; ``dask``: the Dask cluster at ``scheduler``, or a local one) and are stored in the cache as they
    arrive, not held: while workers run, this process holds one batch, and reads every result back at the end.
    """
    held = [cache is not None and cache.holds(document) for document in documents]
    todo = [index for index, found in enumerate(held) if not found]
    batches = [[documents[i] for i in todo[k : k + BATCH]] for k in range(0, len(todo), BATCH)]
    work = partial(analyze_batch, spacy_model=spacy_model)
    if engine == "dask" and batches:
        done = run_dask(work, batches, jobs, scheduler, {"codebook": codebook})
    else:
        done = run_local(partial(work, codebook=codebook), batches, jobs, progress)
    kept: dict[int, ArticleAnalysis] = {}  # without a cache
    # each batch is cached as it arrives: a run that is stopped keeps what it finished
    for index, result in zip(todo, (r for batch in done for r in batch), strict=True):
        if cache is None:
            kept[index] = result
        else:
            cache.put(documents[index], result)
    if cache is None:
        return [kept[index] for index in range(len(documents))]
    results = [cache.get(document, count=found) for document, found in zip(documents, held, strict=True)]
    unreadable = [index for index, result in enumerate(results) if result is None]  # a file damaged since
    again = analyze_batch([documents[i] for i in unreadable], codebook, spacy_model) if unreadable else []
    for index, result in zip(unreadable, again, strict=True):
        results[index] = result
        cache.put(documents[index], result)
    return results


def _sentence_text(results: dict[str, ArticleAnalysis], article: str, index: int | None) -> str | None:
    return None if index is None else results[article].sentences[index].text


def stance_table(results: list[ArticleAnalysis], codebook: Codebook | None) -> pd.DataFrame:
    """One row per claim, with actor and issue names from the codebook."""
    rows = []
    for claim in (c for r in results for c in r.claims):
        actor, issue = codebook.actors.get(claim.actor), codebook.issues[claim.issue]
        name, side = (actor.name, actor.side) if actor else (claim.actor, claim.holder_side or codebook.other_side)
        rows.append({**claim._asdict(), "actor_name": name, "side": side, "issue_label": issue.label})
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)


def mention_table(results: list[ArticleAnalysis], codebook: Codebook | None) -> pd.DataFrame:
    """One row per codebook actor named in a sentence, with the actor's name and side."""
    rows = [
        {**m._asdict(), "actor_name": codebook.actors[m.actor].name, "side": codebook.actors[m.actor].side}
        for r in results
        for m in r.mentions
    ]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def corpus_terms(texts: dict[str, str], cache: ResultCache | None = None) -> pd.DataFrame:
    """:func:`~briefing.terms.distinctive_terms` of ``texts``, from the cache when no text has changed (a re-run
    of the same corpus then needs no TF-IDF, nor scikit-learn's import)."""
    if cache is None:
        return distinctive_terms(texts)
    return cache.corpus.get_or_compute(("distinctive_terms", sorted(texts.items())), lambda: distinctive_terms(texts))


def assemble(
    corpus: Corpus, results: list[ArticleAnalysis], codebook: Codebook | None = None, cache: ResultCache | None = None
) -> Analysis:
    """Join per-article results with the corpus tables (the distinctive terms from ``cache`` when unchanged)."""
    by_id = {result.id: result for result in results}
    paragraphs = pd.DataFrame(
        [
            {"article": r.id, "paragraph": p.index, "start": p.start, "end": p.end, "text": p.text}
            for r in results
            for p in r.paragraphs
        ],
        columns=["article", "paragraph", "start", "end", "text"],
    )
    sentences = pd.DataFrame(
        [
            {
                "article": r.id,
                "sentence": s.index,
                "paragraph": s.paragraph,
                "start": s.start,
                "end": s.end,
                "words": s.words,
                "polarity": t.polarity,
                "subjectivity": t.subjectivity,
                "text": s.text,
            }
            for r in results
            for s, t in zip(r.sentences, r.tones, strict=True)
        ],
        columns=["article", "sentence", "paragraph", "start", "end", "words", "polarity", "subjectivity", "text"],
    )
    tone_rows = []
    for r in results:
        tone = r.tone
        tone_rows.append(
            {
                "article": r.id,
                "sentences": tone.sentences,
                "polarity_mean": tone.polarity_mean,
                "polarity_sd": tone.polarity_sd,
                "subjectivity_mean": tone.subjectivity_mean,
                "neutral_share": tone.neutral_share,
                "most_negative_sentence": tone.most_negative,
                "most_negative_polarity": None if tone.most_negative is None else r.tones[tone.most_negative].polarity,
                "most_negative_text": _sentence_text(by_id, r.id, tone.most_negative),
                "most_positive_sentence": tone.most_positive,
                "most_positive_polarity": None if tone.most_positive is None else r.tones[tone.most_positive].polarity,
                "most_positive_text": _sentence_text(by_id, r.id, tone.most_positive),
            }
        )
    tone = pd.DataFrame(tone_rows).astype({"most_negative_sentence": "Int64", "most_positive_sentence": "Int64"})

    articles = corpus.articles.copy()
    articles["paragraphs"] = [len(by_id[i].paragraphs) for i in articles["id"]]
    articles["sentences"] = [len(by_id[i].sentences) for i in articles["id"]]
    articles["words"] = [sum(s.words for s in by_id[i].sentences) for i in articles["id"]]
    articles["text"] = ["\n\n".join(p.text for p in by_id[i].paragraphs) for i in articles["id"]]
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
    frames = pd.DataFrame(
        [{**f._asdict(), "frame_label": codebook.frames[f.frame].label} for r in results for f in r.frames],
        columns=FRAME_COLUMNS,
    ).astype({"sentence": "Int64", "start": "Int64", "end": "Int64"})
    loaded = pd.DataFrame([p._asdict() for r in results for p in r.loaded], columns=LOADED_COLUMNS)
    sources = pd.DataFrame(
        [a._asdict() for r in results for a in r.attributions],
        columns=SOURCE_COLUMNS,
    ).astype({c: "Int64" for c in ("cue_start", "cue_end", "speaker_start", "speaker_end")})
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
        loaded,
        merge_speakers(sources),
        pd.DataFrame(
            [{**t._asdict(), "theme_label": codebook.themes[t.theme].label} for r in results for t in r.themes],
            columns=THEME_COLUMNS,
        ),
        corpus_terms(dict(zip(articles["id"], articles["text"], strict=True)), cache),
        pd.DataFrame([d._asdict() for r in results for d in r.dates], columns=list(DatedSentence._fields)),
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
        ``if __name__ == "__main__":`` (notebooks and the command line need nothing).
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
    corpus = load_corpus(corpus_dir, options, progress=progress, cache=cache.files if cache is not None else None)
    results = analyze_documents(corpus.documents, codebook, jobs, progress, spacy_model, engine, scheduler, cache)
    return assemble(corpus, results, codebook, cache)
