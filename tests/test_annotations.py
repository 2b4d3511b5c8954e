"""The stance annotations in ``data/annotations/``: the draw they were coded on repeats, every file is the one its
coders saw, and every claim's offsets and ids are valid for its topic's codebook.

Skipped, with the reason shown, where the pool or the development data is not beside the project.
"""

import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES

from briefing.codebook import load_codebook
from briefing.evaluate.stance_scores import load_stance_gold
from briefing.paths import PROJECT_ROOT
from briefing.schema import POSITIONS
from briefing.train.draw import drawn

SHARED = PROJECT_ROOT.parent / "shared"
POOL = Path(os.environ.get("BRIEFING_POOL", SHARED / "pool")) / "war-2022"
DEV_DATA = Path(os.environ.get("BRIEFING_DEV_DATA", SHARED / "dev"))
ANNOTATIONS = PROJECT_ROOT / "data" / "annotations"
TOPICS = [  # folder, codebook, the texts the offsets index
    ("war-2022", "ukraine-peace-talks.yaml", POOL),
    ("us-campaign-2016", "us-campaign-2016.yaml", DEV_DATA / "polnear" / "text"),
]


@pytest.mark.parametrize(("folder", "codebook", "texts"), TOPICS)
def test_claims_name_issues_of_their_codebook_and_coded_articles(folder, codebook, texts):
    claims = pd.read_csv(ANNOTATIONS / folder / "claims.csv", dtype=str, keep_default_na=False)
    articles = pd.read_csv(ANNOTATIONS / folder / "articles.csv", dtype=str, keep_default_na=False)
    book = load_codebook(PROJECT_ROOT / "codebooks" / codebook)
    assert set(claims["issue"]) <= set(book.issues)
    assert set(claims["position"]) <= set(POSITIONS)
    coders = dict(zip(articles["file"], articles["coders"].str.split(), strict=True))
    assert all(coder in coders[file] for file, coder in zip(claims["file"], claims["coder"], strict=True))
    assert (claims["start"].astype(int) < claims["end"].astype(int)).all()


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "codebook", "texts"), TOPICS)
def test_every_file_is_the_one_coded_and_every_evidence_is_its_sentence(folder, codebook, texts):
    if not texts.is_dir():
        pytest.skip(f"{texts}: not found beside the project")
    articles = pd.read_csv(ANNOTATIONS / folder / "articles.csv", dtype=str, keep_default_na=False)
    for row in articles.itertuples():
        assert hashlib.sha256((texts / row.file).read_bytes()).hexdigest() == row.sha256, row.file
    claims = pd.read_csv(ANNOTATIONS / folder / "claims.csv", dtype=str, keep_default_na=False)
    for row in claims.itertuples():
        text = (texts / row.file).read_text(encoding="utf-8")
        sentence = text[int(row.start) : int(row.end)]
        assert sentence.strip() and (not row.evidence or sentence == row.evidence), (row.file, row.start)


@pytest.mark.slow
def test_the_draw_repeats():
    if not POOL.is_dir():
        pytest.skip(f"{POOL}: the pool is not beside the project")
    articles = pd.read_csv(ANNOTATIONS / "war-2022" / "articles.csv", dtype=str, keep_default_na=False)
    book = load_codebook(PROJECT_ROOT / "codebooks" / "ukraine-peace-talks.yaml")
    files = []
    for row in drawn(POOL, book):
        files.append(row["file"])
        if len(files) == len(articles):
            break
    assert files == list(articles["file"])


def test_the_second_topics_gold_is_a_valid_gold_of_its_codebook():
    gold = load_stance_gold(FIXTURES / "gold_stances_us_campaign_2016.csv")
    book = load_codebook(PROJECT_ROOT / "codebooks" / "us-campaign-2016.yaml")
    assert len(gold) >= 380 and gold["file"].nunique() >= 40
    assert set(gold["issue"]) <= set(book.issues)
