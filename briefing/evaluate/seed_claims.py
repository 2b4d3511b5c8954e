"""Measured quality: extracted claims scored against hand-annotated gold claims.

Gold claims for the seeds live in ``tests/fixtures/gold_stances.csv``: one row
per claim, with an excerpt that locates its sentence and the actor ids that
count as right (``putin|russia`` where the text supports either). A predicted
claim matches a gold claim in the same sentence with the same issue, the same
position and one of the accepted actors; each claim matches at most once.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing.evaluate.stance_scores import rates
from briefing.paths import PROJECT_ROOT

GOLD_STANCES = PROJECT_ROOT / "tests" / "fixtures" / "gold_stances.csv"
POSITIONS = ("support", "oppose", "conditional")


def normalize(text: str) -> str:
    """Text with straight apostrophes and single spaces, for locating excerpts."""
    return " ".join(str(text).replace("’", "'").split())


def load_gold(sentences: pd.DataFrame, path=GOLD_STANCES) -> pd.DataFrame:
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
    )
    correct = [claim.position for claim, _ in pairs]
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


def greedy_matches(predicted: pd.DataFrame, gold: pd.DataFrame, same) -> list[tuple]:
    """Pairs of (predicted, gold) rows; each gold row matches at most one prediction, in order."""
    unmatched = list(gold.itertuples())
    pairs = []
    for row in predicted.itertuples():
        hit = next((g for g in unmatched if same(row, g)), None)
        if hit is not None:
            unmatched.remove(hit)
            pairs.append((row, hit))
    return pairs


def seed_analysis(reuse=None):
    """The seeds analysed with the default codebook, reusing ``reuse`` when it is exactly that."""
    from briefing.codebook import load_codebook
    from briefing.paths import DEFAULT_CODEBOOK, SEEDS_DIR
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    is_seeds = (
        reuse is not None
        and reuse.codebook is not None
        and Path(reuse.corpus).resolve() == SEEDS_DIR.resolve()
        and reuse.codebook.path.resolve() == DEFAULT_CODEBOOK.resolve()
    )
    return reuse if is_seeds else analyze(SEEDS_DIR, RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK)))


def seed_scores(reuse=None) -> pd.DataFrame:
    """Score the stance rules on the seeds against the gold claims (see :func:`seed_analysis`)."""
    analysis = seed_analysis(reuse)
    return score_claims(analysis.stances, load_gold(analysis.sentences))


GOLD_SOURCES = PROJECT_ROOT / "tests" / "fixtures" / "gold_sources.csv"
SOURCE_KINDS = ("direct", "partial", "indirect", "according_to")


def source_key(speaker: str, actor, source_type: str) -> str:
    """How a speaker is compared with the gold: actor id, ``anonymous``, or the name in lower case."""
    if isinstance(actor, str) and actor:
        return actor
    return "anonymous" if source_type == "anonymous" else str(speaker).lower()


def load_gold_sources(articles: pd.DataFrame, corpus: Path, path=GOLD_SOURCES) -> pd.DataFrame:
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
    )
    matches = []
    for row, hit in pairs:
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


def seed_source_scores(reuse=None) -> pd.DataFrame:
    """Score source attribution on the seeds against the gold (see :func:`seed_analysis`)."""
    analysis = seed_analysis(reuse)
    return score_sources(analysis.sources, load_gold_sources(analysis.articles, analysis.corpus))


RECORDED_SEED_QUALITY = PROJECT_ROOT / "briefing" / "data" / "seed_quality.json"


def record_seed_scores(reuse=None) -> dict:
    """Score stances and sources on the seeds and save the tables, so that a briefing of another corpus shows
    them without analysing the seeds again."""
    import json
    from datetime import date

    analysis = seed_analysis(reuse)
    data = {
        "measured": date.today().isoformat(),
        "stances": seed_scores(analysis).round(4).to_dict("records"),
        "sources": seed_source_scores(analysis).round(4).to_dict("records"),
    }
    RECORDED_SEED_QUALITY.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return data


def recorded_seed_scores() -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The stance and source scores on the seeds that ``make eval`` recorded, and the date they were measured;
    empty tables when none are recorded."""
    import json

    if not RECORDED_SEED_QUALITY.is_file():
        return pd.DataFrame(), pd.DataFrame(), ""
    data = json.loads(RECORDED_SEED_QUALITY.read_text(encoding="utf-8"))
    return pd.DataFrame(data["stances"]), pd.DataFrame(data["sources"]), data["measured"]


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--record"]:
        raise SystemExit("usage: python -m briefing.evaluate.seed_claims --record")
    recorded = record_seed_scores()
    for kind in ("stances", "sources"):
        print(f"Seeds, {kind} (the articles the rules were written on: an upper bound):\n")
        print(pd.DataFrame(recorded[kind]).to_string(index=False), "\n")
    print(f"recorded in {RECORDED_SEED_QUALITY.relative_to(PROJECT_ROOT)}")
