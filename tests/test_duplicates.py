"""Exact and near duplicates on generated texts."""

import random

from briefing.corpus.duplicates import content_hash, find_duplicates

WORDS = [
    "talks",
    "kremlin",
    "ukraine",
    "ceasefire",
    "envoy",
    "territory",
    "sanctions",
    "border",
    "troops",
    "region",
    "deal",
    "summit",
    "minister",
    "statement",
    "officials",
    "meeting",
    "withdrawal",
    "security",
    "guarantees",
    "drone",
]


def article(seed: int, length: int = 200) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 50)) for _ in range(length))


def edited(text: str, seed: int, changes: int) -> str:
    rng = random.Random(seed)
    words = text.split()
    for _ in range(changes):
        words[rng.randrange(len(words))] = "edited"
    return " ".join(words)


def test_hash_ignores_spacing_and_case_but_not_words():
    assert content_hash("Putin met  Witkoff.\n") == content_hash("putin met witkoff")
    assert content_hash("Putin met Witkoff") != content_hash("Putin met Kushner")


def test_exact_and_lightly_edited_copies_are_found_and_distinct_articles_are_not():
    original, other = article(1), article(2)
    texts = [original, other, original, edited(original, 3, 5), original[: len(original) * 3 // 4]]
    ids = ["orig", "other", "exact", "edited", "truncated"]
    matches = find_duplicates(ids, texts, threshold=0.5)
    assert set(matches) == {"exact", "edited", "truncated"}
    assert all(match.duplicate_of == "orig" for match in matches.values())
    assert matches["exact"].similarity == 1.0
    assert 0.5 <= matches["edited"].similarity < 1.0


def test_heavily_rewritten_text_is_not_a_copy():
    original = article(5)
    matches = find_duplicates(["a", "b"], [original, edited(original, 6, 80)], threshold=0.5)
    assert matches == {}


def test_first_id_in_priority_order_is_the_original():
    text = article(9)
    assert find_duplicates(["later", "earlier"], [text, text])["earlier"].duplicate_of == "later"
    assert find_duplicates([], []) == {}


def test_banded_candidates_of_a_large_corpus_find_what_comparing_every_pair_finds(monkeypatch):
    from briefing.corpus import duplicates

    texts = [article(seed) for seed in range(240)]
    texts += [edited(texts[i], 1000 + i, 10) for i in range(0, 240, 12)]  # 20 lightly edited copies
    texts += [edited(texts[i], 2000 + i, 60) for i in range(6, 240, 24)]  # 10 rewritten: not copies
    ids = [f"a{i:03d}" for i in range(len(texts))]
    banded = find_duplicates(ids, texts)  # 270 articles: MinHash LSH bands
    monkeypatch.setattr(duplicates, "ALL_PAIRS_UP_TO", len(texts))
    assert banded == find_duplicates(ids, texts)  # every pair a candidate
    assert len(banded) == 20 and {m.duplicate_of for m in banded.values()} == {f"a{i:03d}" for i in range(0, 240, 12)}


def test_the_banded_candidates_are_the_pairs_datasketchs_index_gives_and_their_estimates_its_own():
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from briefing.corpus.duplicates import (
        LSH_MARGIN,
        PERMUTATIONS,
        SCHEME,
        candidate_pairs,
        estimated_similarity,
        signature,
    )

    texts = [article(seed) for seed in range(120)]
    texts += [edited(texts[i], 3000 + i, 40) for i in range(0, 120, 5)]  # pairs at every similarity
    known = np.array([signature(text) for text in texts], dtype=np.uint32)
    threshold = 0.5 - LSH_MARGIN
    later, earlier = candidate_pairs(known, np.ones(len(texts), dtype=bool), threshold, all_pairs=False)
    index = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS, weights=(0.1, 0.9))
    expected = []
    for j, hashvalues in enumerate(known):  # each article queries the index of the articles before it
        minhash = MinHash(num_perm=PERMUTATIONS, hashvalues=hashvalues, scheme=SCHEME)
        expected += sorted((j, i) for i in index.query(minhash))
        index.insert(j, minhash)
    assert 0 < len(expected) < len(texts) * (len(texts) - 1) // 2
    assert list(zip(later.tolist(), earlier.tolist(), strict=True)) == expected
    estimates = [
        MinHash(hashvalues=known[j], scheme=SCHEME).jaccard(MinHash(hashvalues=known[i], scheme=SCHEME))
        for j, i in expected
    ]
    assert estimated_similarity(known, later, earlier, chunk=7).tolist() == estimates
