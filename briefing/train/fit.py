"""Fit the stance decision on labelled candidates (:mod:`briefing.evaluate.candidate_labels`), choose its
threshold on held-back articles and write it as numbers (:mod:`briefing.taggers.stances.stance_model`).

``python -m briefing.train.fit ANNOTATIONS TEXTS CODEBOOK`` is what ``make train`` runs. Articles are split by a
hash of their name: one in five is held back to choose the threshold, the one of the best F0.5 there (precision
weighs twice as much as recall; the development golds are never seen here), then the model is fitted again on
every article.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from briefing.codebook import load_codebook
from briefing.evaluate.candidate_labels import Example, as_decided, curve, labelled, read_articles
from briefing.outputs import replacing
from briefing.schema import POSITIONS
from briefing.taggers.stances.stance_model import MODEL_INFO, MODEL_WEIGHTS, NO_CLAIM, hashed

FEATURES = 2**18
CLASSES = (NO_CLAIM, *POSITIONS)
HELD_BACK = 5  # one article in this many
SEED = 0
STRENGTH = 1.0  # scikit-learn's C: the inverse of the L2 penalty


def annotations(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coded articles and their claims, one coder per article (the first named in ``articles.csv``)."""
    articles = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    claims = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    first = dict(zip(articles["file"], articles["coders"].str.split().str[0], strict=True))
    claims = claims[[first.get(f) == c for f, c in zip(claims["file"], claims["coder"], strict=True)]]
    return articles, claims.assign(start=claims["start"].astype(int), end=claims["end"].astype(int))


def held_back(file: str) -> bool:
    """True for the articles kept out of the fit that chooses the threshold (a hash of the name, so fixed)."""
    return int(hashlib.sha256(file.encode()).hexdigest(), 16) % HELD_BACK == 0


def fit(examples: Sequence[Example], strength: float = STRENGTH):
    """A multinomial logistic regression over the hashed features."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=strength, max_iter=2000, random_state=SEED)
    model.fit(hashed([e.features for e in examples], FEATURES), [e.label for e in examples])
    return model


def claim_probabilities(model, examples: Sequence[Example]) -> tuple[np.ndarray, list[str]]:
    """Each example's probability of a claim (1 − P(none)) and its likeliest position."""
    rows = model.predict_proba(hashed([e.features for e in examples], FEATURES))
    classes = list(model.classes_)
    none = classes.index(NO_CLAIM)
    positions = [i for i, c in enumerate(classes) if c != NO_CLAIM]
    best = [classes[max(positions, key=lambda i, row=row: row[i])] for row in rows]
    return 1.0 - rows[:, none], best


def export(model, threshold: float, info: dict) -> None:
    """Write the weights (in the order of :data:`CLASSES`) and the description, each whole or not at all."""
    order = [list(model.classes_).index(c) for c in CLASSES]
    with replacing(MODEL_WEIGHTS) as staged, staged.open("wb") as out:
        np.savez_compressed(
            out, weights=model.coef_[order].astype(np.float32), intercepts=model.intercept_[order].astype(np.float32)
        )
    description = {"classes": list(CLASSES), "features": FEATURES, "threshold": threshold, **info}
    with replacing(MODEL_INFO) as staged:
        staged.write_text(json.dumps(description, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str]) -> None:
    folder, texts, codebook = Path(argv[0]), Path(argv[1]), load_codebook(argv[2])
    articles, claims = annotations(folder)
    files, readings = read_articles(articles, texts, codebook)
    examples, reached = labelled(files, readings, claims, codebook)
    train = [e for e in examples if not held_back(e.file)]
    back = [e for e in examples if held_back(e.file)]
    coded_back = int(sum(held_back(f) for f in claims["file"]))
    claimed, best = as_decided(back, *claim_probabilities(fit(train), back))
    table = curve(back, claimed, best, coded_back)
    chosen = max(table, key=lambda row: (row["f_half"], row["threshold"]))  # on a tie, the more precise
    final = fit(examples)
    export(
        final,
        chosen["threshold"],
        {
            "trained_on": str(folder),
            "articles": len(files),
            "claims": len(claims),
            "candidates": len(examples),
            "candidate_recall": round(float(reached["reached"].mean()), 4),
            "held_back_articles": sum(held_back(f) for f in files),
            "held_back_curve": table,
            "strength": STRENGTH,
        },
    )
    print(
        f"{len(files)} articles, {len(claims)} coded claims, {len(examples)} candidates; candidate recall "
        f"{reached['reached'].mean():.3f}; threshold {chosen['threshold']} (held back: precision "
        f"{chosen['precision']:.3f}, recall {chosen['recall']:.3f})"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
