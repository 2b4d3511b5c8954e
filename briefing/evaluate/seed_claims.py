"""Measured quality on the seeds: extracted claims and sources scored against hand-annotated gold.

The gold files are passed in (the project keeps them with its test data).
Gold claims (``gold_stances.csv``) hold one row per claim, with an excerpt
that locates its sentence and the actor ids that count as right
(``putin|russia`` where the text supports either). A predicted claim matches
a gold claim in the same sentence with the same issue, the same position and
one of the accepted actors; each claim matches at most once.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing.evaluate.stance_scores import greedy_matches, rates
from briefing.paths import DEFAULT_CODEBOOK, SEEDS_DIR

POSITIONS = ("support", "oppose", "conditional")


def normalize(text: str) -> str:
    """Text with straight apostrophes and single spaces, for locating excerpts."""
    return " ".join(str(text).replace("’", "'").split())


def load_gold(sentences: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Gold claims with the sentence each excerpt falls in.

    Raises
    ------
    ValueError
        When an excerpt is found in no sentence of its article, so that a
        change in segmentation cannot silently drop gold claims.
    """
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    located = []
    for row in gold.itertuples():
        candidates = sentences[sentences["article"] == row.article]
        hits = [s.sentence for s in candidates.itertuples() if normalize(row.excerpt) in normalize(s.text)]
        if not hits:
            raise ValueError(f"{path.name}: excerpt not found in {row.article}: {row.excerpt!r}")
        located.append(hits[0])
    return gold.assign(sentence=located, actors=gold["actor"].str.split("|"))


def score_claims(claims: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall per position, and over all positions.

    Parameters
    ----------
    claims : DataFrame
        Extracted claims (the ``stances`` table) of the gold articles.
    gold : DataFrame
        From :func:`load_gold`.

    Returns
    -------
    DataFrame
        Columns: position, gold, extracted, correct, precision, recall, f1.

    Claims on a headline (sentence -1) are outside this gold's scope: its excerpts are located in the body's
    sentences, so it cannot hold them.
    """
    claims = claims[claims["article"].isin(set(gold["article"])) & (claims["sentence"] >= 0)]
    pairs = greedy_matches(
        claims,
        gold,
        lambda c, g: (
            (g.article, g.sentence, g.issue, g.position) == (c.article, c.sentence, c.issue, c.position)
            and c.actor in g.actors
        ),
        "article",
    )
    positions = claims["position"].tolist()
    correct = [positions[claim] for claim, _ in pairs]
    rows = []
    for position in (*POSITIONS, "all"):
        wanted = len(gold) if position == "all" else int((gold["position"] == position).sum())
        found = len(claims) if position == "all" else int((claims["position"] == position).sum())
        hits = len(correct) if position == "all" else correct.count(position)
        rows.append({"position": position, **rates(wanted, found, hits)})
    return pd.DataFrame(rows)


def missed_and_spurious(claims: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gold claims the rules miss, and extracted claims the gold does not hold."""
    claims = claims[claims["article"].isin(set(gold["article"]))]
    keys = {(g.article, g.sentence, g.issue, g.position, a) for g in gold.itertuples() for a in g.actors}
    spurious = claims[[(c.article, c.sentence, c.issue, c.position, c.actor) not in keys for c in claims.itertuples()]]
    found = {(c.article, c.sentence, c.issue, c.position, c.actor) for c in claims.itertuples()}
    missed = gold[
        [not any((g.article, g.sentence, g.issue, g.position, a) in found for a in g.actors) for g in gold.itertuples()]
    ]
    return missed, spurious


def seed_analysis(reuse=None, corpus_dir: Path = SEEDS_DIR, codebook_path: Path = DEFAULT_CODEBOOK):
    """The seeds (``corpus_dir``) analysed with the default codebook, reusing ``reuse`` when it is exactly that."""
    from briefing.codebook import load_codebook
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    is_seeds = (
        reuse is not None
        and reuse.codebook is not None
        and Path(reuse.corpus).resolve() == Path(corpus_dir).resolve()
        and reuse.codebook.path.resolve() == Path(codebook_path).resolve()
    )
    return reuse if is_seeds else analyze(corpus_dir, RunSettings(codebook=load_codebook(codebook_path)))


def seed_scores(gold_path: Path, reuse=None) -> pd.DataFrame:
    """Score the stance rules on the seeds against the gold claims at ``gold_path`` (see :func:`seed_analysis`)."""
    analysis = seed_analysis(reuse)
    return score_claims(analysis.stances, load_gold(analysis.sentences, gold_path))


SOURCE_KINDS = ("direct", "partial", "indirect", "according_to")


def source_key(speaker: str, actor, source_type: str) -> str:
    """How a speaker is compared with the gold: actor id, ``anonymous``, or the name in lower case."""
    if isinstance(actor, str) and actor:
        return actor
    return "anonymous" if source_type == "anonymous" else str(speaker).lower()


def load_gold_sources(articles: pd.DataFrame, corpus: Path, path: Path) -> pd.DataFrame:
    """Gold attributions with the character span of each excerpt in its article file."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    paths = articles.set_index("id")["path"]
    spans = []
    for row in gold.itertuples():
        text = (Path(corpus) / paths[row.article]).read_text(encoding="utf-8")
        start = text.find(row.excerpt)
        if start < 0:
            raise ValueError(f"{path.name}: excerpt not found in {row.article}: {row.excerpt!r}")
        spans.append((start, start + len(row.excerpt)))
    return gold.assign(start=[s for s, _ in spans], end=[e for _, e in spans])


def score_sources(sources: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of attributed spans per kind, and the accuracy of their speakers.

    An extracted attribution matches a gold one of the same article and kind
    whose excerpt it overlaps; each matches at most once.
    """
    sources = sources[sources["article"].isin(set(gold["article"]))]
    pairs = greedy_matches(
        sources,
        gold,
        lambda r, g: g.article == r.article and g.kind == r.kind and r.start < g.end and g.start < r.end,
        "article",
    )
    source_rows, gold_rows = list(sources.itertuples()), list(gold.itertuples())
    matches = []
    for row, hit in ((source_rows[r], gold_rows[g]) for r, g in pairs):
        key = source_key(row.speaker, row.actor, row.source_type)
        matches.append((row.kind, key == hit.speaker or key.endswith(" " + hit.speaker)))
    rows = []
    for kind in (*SOURCE_KINDS, "all"):
        wanted = len(gold) if kind == "all" else int((gold["kind"] == kind).sum())
        found = len(sources) if kind == "all" else int((sources["kind"] == kind).sum())
        hits = [right for k, right in matches if kind in ("all", k)]
        rows.append(
            {
                "kind": kind,
                "gold": wanted,
                "extracted": found,
                "matched": len(hits),
                "precision": len(hits) / found if found else float("nan"),
                "recall": len(hits) / wanted if wanted else float("nan"),
                "speaker_accuracy": sum(hits) / len(hits) if hits else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def seed_source_scores(gold_path: Path, reuse=None) -> pd.DataFrame:
    """Score source attribution on the seeds against the gold at ``gold_path`` (see :func:`seed_analysis`)."""
    analysis = seed_analysis(reuse)
    return score_sources(analysis.sources, load_gold_sources(analysis.articles, analysis.corpus, gold_path))


def seed_quality(stance_gold: Path, source_gold: Path, reuse=None) -> dict:
    """Stances and sources scored on the seeds, as ``make eval`` records them, so that a briefing of another
    corpus shows them without analysing the seeds again."""
    from datetime import date

    analysis = seed_analysis(reuse)
    return {
        "measured": date.today().isoformat(),
        "topic": analysis.codebook.name,  # the briefing says whether the seeds are of its codebook's topic
        "stances": seed_scores(stance_gold, analysis).round(4).to_dict("records"),
        "sources": seed_source_scores(source_gold, analysis).round(4).to_dict("records"),
    }
