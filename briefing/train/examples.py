"""Labelled candidates: every candidate (holder, issue) of every annotated article, labelled with the position its
coder gave that holder on that issue in that sentence, or ``none``; and the share of coded claims that have a
candidate at all (candidate recall: what the decision can reach).

The articles are read from where they lie (``../shared/pool/…``) and checked against the SHA-256 the annotation
recorded, so that the examples are those the coders saw.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefing.codebook import Codebook
from briefing.errors import GoldError
from briefing.evaluate.stance_scores import same_actor
from briefing.taggers.stances.stance_claims import SentenceReading, token_reach
from briefing.taggers.stances.stance_model import NO_CLAIM

BATCH = 40  # articles parsed in one stream


class Example(NamedTuple):
    """One candidate with its label."""

    file: str
    sentence: int
    holder: str
    issue: str
    features: tuple[str, ...]
    label: str
    rule: str  # the rules' position for the pair, or none


def annotations(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coded articles and their claims, one coder per article (the first named in ``articles.csv``)."""
    articles = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    claims = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    first = dict(zip(articles["file"], articles["coders"].str.split().str[0], strict=True))
    claims = claims[[first.get(f) == c for f, c in zip(claims["file"], claims["coder"], strict=True)]]
    return articles, claims.assign(start=claims["start"].astype(int), end=claims["end"].astype(int))


def read_articles(articles: pd.DataFrame, texts: Path, codebook: Codebook) -> tuple[list, list[list[SentenceReading]]]:
    """Load the annotated articles (copied into a temporary corpus with their manifest rows) and read them.

    Raises
    ------
    GoldError
        When a file is missing or is not the one that was coded.
    """
    from briefing.corpus.loading import load_corpus
    from briefing.run.per_article import stance_readings

    with tempfile.TemporaryDirectory() as folder:
        for row in articles.itertuples():
            path = texts / row.file
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != row.sha256:
                raise GoldError(f"{path}: missing, or not the file that was coded (SHA-256 differs)")
            shutil.copyfile(path, Path(folder) / row.file)
        manifest = texts / "manifest.csv"
        if manifest.is_file():
            rows = pd.read_csv(manifest, dtype=str, keep_default_na=False)
            rows[rows["file"].isin(set(articles["file"]))].to_csv(Path(folder) / "manifest.csv", index=False)
        corpus = load_corpus(folder)
        files = [Path(p).name for p in corpus.articles["path"]]
        readings = []
        for start in range(0, len(corpus.documents), BATCH):
            readings += stance_readings(corpus.documents[start : start + BATCH], codebook)
    return files, readings


def labelled(
    files: Sequence[str], readings: Sequence[Sequence[SentenceReading]], claims: pd.DataFrame, codebook: Codebook
) -> tuple[list[Example], pd.DataFrame]:
    """Every candidate with its label, and the coded claims with whether a candidate reaches each (``reached``)."""
    examples, reached = [], set()
    by_file = {file: group for file, group in claims.groupby("file")}
    for file, article in zip(files, readings, strict=True):
        coded = by_file.get(file, claims.iloc[:0])
        for reading in article:
            sentence = reading.found.state.item.sentence
            low, high = token_reach(sentence)
            here = coded[(coded["start"] < high) & (low < coded["end"])]
            for candidate in reading.candidates:
                label = NO_CLAIM
                for index, row in here[here["issue"] == candidate.issue].iterrows():
                    if same_actor(candidate.holder, row["actor"], codebook):
                        reached.add(index)
                        label = row["position"] if label == NO_CLAIM else label
                rule = candidate.rule.position if candidate.rule is not None else NO_CLAIM
                examples.append(
                    Example(file, sentence.index, candidate.holder, candidate.issue, candidate.features, label, rule)
                )
    return examples, claims.assign(reached=[i in reached for i in claims.index])
