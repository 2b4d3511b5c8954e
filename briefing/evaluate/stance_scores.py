"""Stance quality, scored against hand-coded claims.

The gold is a CSV, one row per claim, coded by ``docs/annotating-stances.md``:
``file,actor,issue,position,start,end`` (more columns are allowed and
ignored). ``start:end`` are character offsets of the evidence in the file.

A predicted claim matches a gold claim when it is in the same file, its
evidence sentence overlaps the gold evidence, and it has the same issue, the
same position and the same actor; each gold claim matches at most once.

- **Actors** are compared through the codebook: a gold actor may be an actor
  id, a name or an alias ("Jens Stoltenberg", "the Kremlin"); an actor's
  person and its institution count as the same holder (Putin for Russia,
  Stoltenberg for NATO); names outside the codebook match when they share a
  word of three letters or more ("Musk" for "Elon Musk"). ``a|b`` lists
  holders that are all right.
- **Issues** may be written as an id or as the issue's label.

Precision counts the predicted claims of the files the gold holds; recall
counts the gold claims. Run ``python -m briefing evaluate stances --gold CSV
--corpus DIR`` (``make eval``).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefing.codebook import Codebook
from briefing.errors import GoldError, not_found, shown_path

GOLD_COLUMNS = ("file", "actor", "issue", "position", "start", "end")
POSITIONS = ("support", "oppose", "conditional")
NOT_NAME_WORDS = frozenset({"the", "and", "of", "for", "sen", "rep", "mr", "mrs", "ms", "dr", "president"})


class StanceScores(NamedTuple):
    """Scores by position and by issue, and the claims behind them."""

    by_position: pd.DataFrame
    by_issue: pd.DataFrame
    missed: pd.DataFrame
    spurious: pd.DataFrame


def load_stance_gold(path: Path) -> pd.DataFrame:
    """Read and check a gold CSV.

    Raises
    ------
    GoldError
        Naming the file and, for a bad row, its line and problem.
    """
    path = Path(path)
    if not path.is_file():
        raise GoldError(not_found(path, "gold file"))
    try:
        gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise GoldError(
            f"{shown_path(path)}: not a readable CSV ({str(exc).splitlines()[0] if str(exc) else exc})"
        ) from None
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise GoldError(
            f"{shown_path(path)}: missing columns: {', '.join(missing)} (expected {','.join(GOLD_COLUMNS)})"
        )
    for number, row in enumerate(gold.itertuples(), start=2):
        if row.position not in POSITIONS:
            raise GoldError(
                f"{shown_path(path)}: line {number}: position {row.position!r} is not one of {', '.join(POSITIONS)}"
            )
        if not (row.start.isdigit() and row.end.isdigit() and int(row.start) < int(row.end)):
            raise GoldError(f"{shown_path(path)}: line {number}: start and end must be offsets with start < end")
        if not row.actor.strip() or not row.issue.strip() or not row.file.strip():
            raise GoldError(f"{shown_path(path)}: line {number}: file, actor and issue must not be empty")
    return gold.assign(start=gold["start"].astype(int), end=gold["end"].astype(int))


def actor_key(value: str, codebook: Codebook) -> str:
    """A holder as the scorer compares it: the codebook actor id it names, else the name in lower case."""
    text = " ".join(str(value).split())
    if text in codebook.actors:
        return text
    folded = text.casefold().replace("’", "'")
    for actor in codebook.actors.values():
        if folded in (a.casefold().replace("’", "'") for a in (actor.id, actor.name, *actor.aliases)):
            return actor.id
    return folded


def name_words(name: str) -> set[str]:
    """The words of a name that identify it ("elon musk" → {"elon", "musk"})."""
    return {w for w in re.findall(r"[a-z]{3,}", name.lower()) if w not in NOT_NAME_WORDS}


def same_actor(predicted: str, gold: str, codebook: Codebook) -> bool:
    """True when the predicted holder is the gold holder, its person or its institution."""
    for alternative in str(gold).split("|"):
        wanted, got = actor_key(alternative, codebook), actor_key(predicted, codebook)
        if wanted == got:
            return True
        institution = codebook.institutions
        if institution.get(got) == wanted or institution.get(wanted) == got:
            return True
        if wanted not in codebook.actors and got not in codebook.actors and name_words(wanted) & name_words(got):
            return True
    return False


def issue_key(value: str, codebook: Codebook) -> str:
    """An issue as an id: the id itself, or the id whose label or short label it is."""
    text = " ".join(str(value).split())
    if text in codebook.issues:
        return text
    folded = text.casefold()
    return next((i.id for i in codebook.issues.values() if folded in (i.label.casefold(), i.short.casefold())), folded)


def greedy_matches(predicted: pd.DataFrame, gold: pd.DataFrame, same, by: str) -> list[tuple[int, int]]:
    """(predicted row, gold row) pairs by position: each predicted row, in order, takes the first gold row with the
    same value of column ``by`` that ``same(predicted, gold)`` accepts and no earlier row took; each gold row
    matches at most once. The one matcher of every evaluation of claims and sources."""
    gold_rows = list(gold.itertuples())
    by_value = {value: list(rows) for value, rows in gold.groupby(by).indices.items()}
    unmatched = set(range(len(gold)))
    pairs = []
    for p, row in enumerate(predicted.itertuples()):
        hit = next((g for g in by_value.get(getattr(row, by), ()) if g in unmatched and same(row, gold_rows[g])), None)
        if hit is not None:
            unmatched.discard(hit)
            pairs.append((p, hit))
    return pairs


def match(claims: pd.DataFrame, gold: pd.DataFrame, codebook: Codebook) -> list[tuple[int, int]]:
    """(claim row, gold row) pairs (:func:`greedy_matches`): same file, overlapping evidence, same issue, position
    and holder."""
    issues = [issue_key(i, codebook) for i in gold["issue"]]
    gold = gold.assign(issue_id=issues)
    return greedy_matches(
        claims,
        gold,
        lambda claim, row: (
            claim.start < row.end
            and row.start < claim.end
            and claim.issue == row.issue_id
            and claim.position == row.position
            and same_actor(claim.actor, row.actor, codebook)
        ),
        "file",
    )


def rates(gold_count: int, found_count: int, correct: int) -> dict:
    """Counts with precision, recall and F1."""
    precision = correct / found_count if found_count else float("nan")
    recall = correct / gold_count if gold_count else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else float("nan")
    return {
        "gold": gold_count,
        "extracted": found_count,
        "correct": correct,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def score_stances(claims: pd.DataFrame, gold: pd.DataFrame, codebook: Codebook) -> StanceScores:
    """Precision and recall by position and by issue.

    Parameters
    ----------
    claims : DataFrame
        Predicted claims with ``file, actor, issue, position, start, end`` (the evidence sentence's offsets).
    gold : DataFrame
        From :func:`load_stance_gold`.
    codebook : Codebook
        For actor and issue names.
    """
    claims = claims[claims["file"].isin(set(gold["file"]))].reset_index(drop=True)
    gold = gold.reset_index(drop=True).assign(issue=[issue_key(i, codebook) for i in gold["issue"]])
    pairs = match(claims, gold, codebook)
    hit_claims, hit_gold = {c for c, _ in pairs}, {g for _, g in pairs}
    correct = claims.iloc[sorted(hit_claims)]

    def table(column: str, values) -> pd.DataFrame:
        rows = []
        for value in values:
            if value == "all":
                counts = rates(len(gold), len(claims), len(pairs))
            else:
                counts = rates(
                    int((gold[column] == value).sum()),
                    int((claims[column] == value).sum()),
                    int((correct[column] == value).sum()),
                )
            rows.append({column: value, **counts})
        return pd.DataFrame(rows)

    issues = sorted(set(gold["issue"]) | set(claims["issue"]))
    by_issue = table("issue", [*issues, "all"])
    missed = gold[[g not in hit_gold for g in range(len(gold))]]
    spurious = claims[[c not in hit_claims for c in range(len(claims))]]
    return StanceScores(table("position", [*POSITIONS, "all"]), by_issue, missed, spurious)


def miss_reasons(scores: StanceScores, claims: pd.DataFrame, texts: dict[str, str], codebook: Codebook) -> pd.DataFrame:
    """Each missed gold claim with why, by category, for fixing general causes rather than sentences.

    Categories: ``issue not recognised`` (no cue of the issue in the evidence), ``no claim`` (the issue is
    recognised, no claim on it there), ``other holder`` (a claim on it there, by another holder),
    ``other position`` (the right holder, another position).
    """
    from briefing.codebook import find_mentions

    patterns = codebook.patterns("issues")
    reasons = []
    for row in scores.missed.itertuples():
        evidence = texts[row.file][row.start : row.end]
        near = claims[(claims["file"] == row.file) & (claims["start"] < row.end) & (row.start < claims["end"])]
        on_issue = near[near["issue"] == row.issue]
        if row.issue not in {m.target for m in find_mentions(evidence, patterns)}:
            reason = "issue not recognised"
        elif on_issue.empty:
            reason = "no claim"
        elif not any(same_actor(a, row.actor, codebook) for a in on_issue["actor"]):
            reason = "other holder"
        else:
            reason = "other position"
        got = "; ".join(f"{c.actor} {c.position} ({c.via})" for c in on_issue.itertuples())
        reasons.append({"reason": reason, "predicted": got})
    return pd.concat(
        [scores.missed.reset_index(drop=True), pd.DataFrame(reasons, columns=["reason", "predicted"])], axis=1
    )


def predicted_claims(analysis) -> pd.DataFrame:
    """The analysis's stances with the file each article was read from."""
    paths = analysis.articles.set_index("id")["path"]
    stances = analysis.stances
    return stances.assign(file=[Path(paths[a]).name for a in stances["article"]])


def evaluate_stances(gold_path: Path, corpus_dir: Path, codebook_path: Path, spacy_model: str, jobs: int = 1):
    """Analyse a corpus and score its claims against a gold CSV; returns (scores, gold size, files)."""
    from briefing.codebook import load_codebook
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    gold = load_stance_gold(gold_path)
    codebook = load_codebook(codebook_path)
    analysis = analyze(corpus_dir, RunSettings(codebook=codebook, spacy_model=spacy_model, jobs=jobs))
    known = {Path(p).name for p in analysis.articles["path"]}
    unknown = sorted(set(gold["file"]) - known)
    if unknown:
        raise GoldError(
            f"{shown_path(gold_path)}: {len(unknown)} gold file(s) not in the corpus {shown_path(corpus_dir)}: "
            f"{unknown[0]}"
        )
    claims = predicted_claims(analysis)
    scores = score_stances(claims, gold, codebook)
    texts = {f: (Path(corpus_dir) / f).read_text(encoding="utf-8") for f in set(gold["file"])}
    return scores._replace(missed=miss_reasons(scores, claims, texts, codebook)), gold


def quality(scores: StanceScores, gold: pd.DataFrame, gold_path: Path, codebook_path: Path) -> dict:
    """The scores the briefing's methodology shows (recorded by :mod:`briefing.evaluate.recorded`, under the
    codebook's name), with the trained decision's operating threshold they were measured at."""
    from briefing.taggers.stances.stance_model import stance_model

    overall = scores.by_position.set_index("position")
    return {
        "measured": date.today().isoformat(),
        "gold": Path(gold_path).name,
        "codebook": Path(codebook_path).name,
        "claims": len(gold),
        "articles": int(gold["file"].nunique()),
        "threshold": stance_model().threshold,
        "scores": {
            position: {k: (None if pd.isna(v) else round(float(v), 3)) for k, v in row.items()}
            for position, row in overall.iterrows()
        },
    }
