"""Build the tables of a corpus: run the per-article analysis over it and join the results with the corpus tables.

Results come back in article order (:mod:`briefing.run.pipeline`), so the tables do not depend on how the work was
spread over processes or a cluster.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd

from briefing import schema
from briefing.codebook import Codebook
from briefing.corpus.loading import Corpus
from briefing.errors import ParameterError
from briefing.language.parsing import require_model
from briefing.language.text_spans import article_text, paragraph_offsets, sentence_offsets
from briefing.run.cache import ResultCache
from briefing.run.columns import ArticleColumns, article_column, column, part_columns
from briefing.run.engine import ENGINES
from briefing.run.pipeline import analyzed_corpus, corpus_terms, return_freed_memory
from briefing.run.settings import RunSettings
from briefing.tables.analysis import Analysis
from briefing.taggers.sources.source_merge import merge_speakers


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
    return table(claims, schema.columns("stances"))


def mention_table(results: list[ArticleColumns], codebook: Codebook | None) -> pd.DataFrame:
    """One row per codebook actor named in a sentence, with the actor's name and side."""
    mentions = part_columns(results, "mentions")
    actors = mentions["actor"]
    mentions["actor_name"] = [codebook.actors[a].name for a in actors]
    mentions["side"] = [codebook.actors[a].side for a in actors]
    return table(mentions, schema.columns("actor_mentions"))


def paragraph_table(results: list[ArticleColumns]) -> pd.DataFrame:
    """One row per paragraph of every article, with where it lies in the article's text."""
    texts = column(results, "paragraphs", "text")
    starts = list(chain.from_iterable(paragraph_offsets(r.values("paragraphs", "text")) for r in results))
    return table(
        {
            "article": article_column(results, "paragraphs"),
            "paragraph": column(results, "paragraphs", "index"),
            **{field: column(results, "paragraphs", field) for field in ("start", "end")},
            "text_start": starts,
            "text_end": [start + len(text) for start, text in zip(starts, texts, strict=True)],
            "text": texts,
        },
        schema.columns("paragraphs"),
    )


def text_starts(result: ArticleColumns) -> list[int]:
    """Where each sentence of ``result`` starts in its article's text (:func:`sentence_offsets`)."""
    return sentence_offsets(
        result.values("paragraphs", "text"), result.values("sentences", "paragraph"), result.values("sentences", "text")
    )


def sentence_table(results: list[ArticleColumns]) -> pd.DataFrame:
    """One row per sentence of every article, with where it lies in the article's text, its tone and whether it
    holds a position cue."""
    texts = column(results, "sentences", "text")
    starts = list(chain.from_iterable(text_starts(result) for result in results))
    return table(
        {
            "article": article_column(results, "sentences"),
            "sentence": column(results, "sentences", "index"),
            **{field: column(results, "sentences", field) for field in ("paragraph", "start", "end")},
            "text_start": starts,
            "text_end": [start + len(text) for start, text in zip(starts, texts, strict=True)],
            "words": column(results, "sentences", "words"),
            **{field: column(results, "tones", field) for field in ("polarity", "subjectivity")},
            "position_cue": column(results, "cues", "cue"),
            "cue_without_issue": column(results, "cues", "without_issue"),
            "issue_cue": column(results, "cues", "issue"),
            "text": texts,
        },
        schema.columns("sentences"),
    )


def tone_row(result: ArticleColumns) -> dict[str, object]:
    """An article's tone, with the text and polarity of its most negative and most positive sentences."""
    tone, polarity, text = result.tone, result.values("tones", "polarity"), result.values("sentences", "text")
    return {
        "article": result.id,
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


def tone_table(results: list[ArticleColumns]) -> pd.DataFrame:
    """One row per article: its :func:`tone_row`."""
    tone = pd.DataFrame([tone_row(result) for result in results])
    return tone.astype({"most_negative_sentence": "Int64", "most_positive_sentence": "Int64"})


def article_table(corpus: Corpus, results: list[ArticleColumns]) -> pd.DataFrame:
    """The corpus's article rows with what the analysis counted (paragraphs, sentences, words), the text as
    analysed and the warnings of reading and analysis together."""
    by_id = {result.id: result for result in results}
    articles = corpus.articles.copy()
    articles["paragraphs"] = [by_id[i].rows("paragraphs") for i in articles["id"]]
    articles["sentences"] = [by_id[i].rows("sentences") for i in articles["id"]]
    articles["words"] = [sum(by_id[i].values("sentences", "words")) for i in articles["id"]]
    articles["text"] = [article_text(by_id[i].values("paragraphs", "text")) for i in articles["id"]]
    articles["warnings"] = [
        "; ".join(w for w in (read, *by_id[i].warnings) if isinstance(w, str) and w) or None
        for i, read in zip(articles["id"], articles["warnings"], strict=True)
    ]
    return articles[schema.columns("articles")]


def frame_table(results: list[ArticleColumns], codebook: Codebook | None) -> pd.DataFrame:
    """One row per frame an article reaches, with the frame's label."""
    frames = part_columns(results, "frames")
    frames["frame_label"] = [codebook.frames[f].label for f in frames["frame"]]
    return table(frames, schema.columns("frames")).astype({"sentence": "Int64", "start": "Int64", "end": "Int64"})


def source_table(results: list[ArticleColumns], codebook: Codebook | None = None) -> pd.DataFrame:
    """One row per attribution, one name per person across the corpus (:func:`merge_speakers`)."""
    sources = table(part_columns(results, "attributions"), schema.columns("sources")).astype(
        {c: "Int64" for c in ("cue_start", "cue_end", "speaker_start", "speaker_end")}
    )
    return merge_speakers(sources, [actor.name for actor in codebook.actors.values()] if codebook else ())


def theme_table(results: list[ArticleColumns], codebook: Codebook | None) -> pd.DataFrame:
    """One row per theme cue in a sentence, with the theme's label."""
    themes = part_columns(results, "themes")
    themes["theme_label"] = [codebook.themes[t].label for t in themes["theme"]]
    return table(themes, schema.columns("themes"))


def assemble(
    corpus: Corpus,
    results: list[ArticleColumns],
    codebook: Codebook | None = None,
    cache: ResultCache | None = None,
    terms: Callable[[], pd.DataFrame] | None = None,
) -> Analysis:
    """Join per-article results with the corpus tables. The distinctive terms come from ``terms`` when given
    (:func:`~briefing.run.pipeline.corpus_terms_started`), asked for last; otherwise they are computed (from
    ``cache`` when unchanged)."""
    paragraphs, sentences, tone = paragraph_table(results), sentence_table(results), tone_table(results)
    articles = article_table(corpus, results)
    frames, sources = frame_table(results, codebook), source_table(results, codebook)
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
        table(part_columns(results, "loaded"), schema.columns("loaded_wording")),
        sources,
        theme_table(results, codebook),
        terms() if terms is not None else corpus_terms(dict(zip(articles["id"], articles["text"], strict=True)), cache),
        table(part_columns(results, "dates"), schema.columns("timeline")),
        mention_table(results, codebook),
        codebook,
        corpus.warnings,
    )


def analyze(corpus_dir: str | Path, settings: RunSettings = RunSettings()) -> Analysis:
    """Load ``corpus_dir`` and analyse every article.

    Parameters
    ----------
    corpus_dir : str or Path
        The corpus folder.
    settings : RunSettings
        The codebook, the cache, where and in how many processes articles are analysed
        (:class:`~briefing.run.settings.RunSettings`). With more than one job, on a re-run with a few new articles,
        a large corpus's distinctive terms are computed in one more process
        (:func:`~briefing.run.pipeline.corpus_terms_started`).

    Returns
    -------
    Analysis
    """
    if settings.engine not in ENGINES:
        raise ParameterError(f"engine must be one of {', '.join(ENGINES)}, got '{settings.engine}'")
    if settings.codebook is not None:  # fail on a missing model before any work; it loads when an article needs it
        require_model(settings.spacy_model)
    with analyzed_corpus(corpus_dir, settings) as (corpus, results, terms):
        analysis = assemble(corpus, results, settings.codebook, settings.cache, terms)
    return_freed_memory()  # what the tables were built from, freed as analyzed() returned
    return analysis
