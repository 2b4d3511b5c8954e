"""Labelled candidates: every candidate (holder, issue) of every coded article, labelled with the position its
coder gave that holder on that issue in that sentence, or ``none``, as :mod:`.stance_scores` matches a claim; the
share of coded claims that have a candidate at all (candidate recall: what the decision can reach); and the
precision and recall of the decision at each threshold.

Training (:mod:`briefing.train.fit`) learns from these labels on the annotations; ``evaluate stances`` draws a
development gold's precision–recall curve with them. The articles are checked against the SHA-256 recorded for
them, so that the examples are those the coders saw.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from briefing.codebook import Codebook
from briefing.errors import GoldError, shown_path
from briefing.evaluate.stance_scores import issue_key, same_actor
from briefing.taggers.stances.stance_claims import SentenceReading, agrees, rule_positions, token_reach
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
    text: str  # the sentence
    before: str  # the sentence before it ("" for the first and the headline)


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
                raise GoldError(f"{shown_path(path)}: missing, or not the file that was coded (SHA-256 differs)")
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
        before = ""
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
                    Example(
                        file,
                        sentence.index,
                        candidate.holder,
                        candidate.issue,
                        candidate.features,
                        label,
                        rule,
                        sentence.text,
                        before,
                    )
                )
            before = sentence.text if sentence.index >= 0 else ""
    return examples, claims.assign(reached=[i in reached for i in claims.index])


def curve(examples: Sequence[Example], claimed: np.ndarray, best: Sequence[str], coded: int) -> list[dict]:
    """Precision and recall of the candidates kept at each threshold, against the ``coded`` claims, and F0.5 (the
    mean that weighs precision twice as much as recall: a briefing's wrong position costs more than a missed one)."""
    rows = []
    for threshold in np.round(np.arange(0.05, 0.96, 0.05), 2):
        kept = claimed >= threshold
        right = sum(1 for k, e, b in zip(kept, examples, best, strict=True) if k and e.label == b)
        found = int(kept.sum())
        precision = right / found if found else float("nan")
        recall = right / coded if coded else float("nan")
        f_half = 1.25 * precision * recall / (0.25 * precision + recall) if found and right else 0.0
        rows.append(
            {
                "threshold": float(threshold),
                "kept": found,
                "right": right,
                "precision": precision,
                "recall": recall,
                "f_half": f_half,
            }
        )
    return rows


def as_decided(examples: Sequence[Example], claimed: np.ndarray, best: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """The candidates' probabilities and positions as :func:`~briefing.taggers.stances.stance_claims.decide` keeps
    them: a pair the rules claim is kept, in the rules' position, at any threshold; one the model would add against
    the rules' reading of its sentence never."""
    ruled = np.array([e.rule != NO_CLAIM for e in examples], dtype=bool)
    by_sentence: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for example in examples:
        if example.rule != NO_CLAIM:
            by_sentence.setdefault((example.file, example.sentence), []).append((example.issue, example.rule))
    readings = {key: rule_positions(claims) for key, claims in by_sentence.items()}
    kept = [
        r or agrees(readings.get((e.file, e.sentence), {}), e.issue, b)
        for e, r, b in zip(examples, ruled, best, strict=True)
    ]
    decided = np.where(ruled, 1.0, np.where(kept, claimed, 0.0))
    return decided, [e.rule if r else b for e, r, b in zip(examples, ruled, best, strict=True)]


def gold_curve(gold: pd.DataFrame, corpus_dir: Path, codebook: Codebook) -> tuple[pd.DataFrame, float]:
    """The shipped decision's precision and recall at each threshold on a development gold (:func:`curve`, same
    sentence as :mod:`.stance_scores` scores), and the gold's candidate recall."""
    from briefing.taggers.stances.stance_claims import scored_candidates
    from briefing.taggers.stances.stance_model import stance_model

    gold = gold.assign(issue=[issue_key(i, codebook) for i in gold["issue"]])
    files = sorted(set(gold["file"]))
    digests = [hashlib.sha256((Path(corpus_dir) / f).read_bytes()).hexdigest() for f in files]
    names, readings = read_articles(pd.DataFrame({"file": files, "sha256": digests}), Path(corpus_dir), codebook)
    examples, reached = labelled(names, readings, gold, codebook)
    scored = scored_candidates([sentence for article in readings for sentence in article], stance_model())
    claimed, best = as_decided(examples, np.array([s.claimed for s in scored]), [s.position for s in scored])
    table = pd.DataFrame(curve(examples, claimed, best, len(gold)))
    return table, float(reached["reached"].mean())
