"""Attribution quality, scored against human annotations in brat standoff.

The gold is a folder like the development data's ``polnear/``: ``text/<stem>.txt`` and
``attributions/<stem>_<annotator>.ann``, where ``Source``, ``Cue`` and
``Content`` spans are joined by ``Attribution`` events. Where an article has
several annotators, the first by name is used, so each article counts once.

Measures, for each kind of human attribution (direct quotations, speech-verb
attributions, all):

- **found** (content recall): a human attribution is found when one predicted
  row's content span covers at least 30% of its content;
- **speaker accuracy**: of the found ones, the share that a covering
  predicted row gives the right speaker: the human source is a pronoun or
  empty, or one of its words of three letters or more (other than "the",
  "and", "said", "official(s)") is in the predicted speaker;
- **found with right speaker**: both, over all human attributions of the kind;
- **precision**: the share of predicted rows whose content overlaps some
  human content by at least 30% of either span (for a kind, the predicted
  rows of that kind: ``direct`` rows, rows cued by a speech verb).

Run ``python -m briefing evaluate attribution --gold DIR`` (``make eval``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from briefing.errors import GoldError, shown_path
from briefing.evaluate.standoff import overlap, parse_ann, read_utf8

MIN_COVER = 0.3
PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "her",
        "it",
        "they",
        "them",
        "his",
        "hers",
        "its",
        "their",
        "theirs",
        "our",
        "ours",
        "my",
        "mine",
        "your",
        "yours",
        "this",
        "that",
        "these",
        "those",
        "who",
        "which",
        "one",
    ]
)
NOT_NAME_WORDS = frozenset({"the", "and", "said", "official", "officials"})
# The speech verbs of the direct-or-reported subsets, as the gold's README lists them; other tenses by prefix.
SPEECH_CUE = re.compile(
    r"\b(?:sa(?:y|id|ys|ying)|tell|told|tells|telling|according to|wr(?:ite|ote|ites|itten|iting)|add|stat|ask|"
    r"warn|argu|insist|not(?:e|ed|es|ing)\b|declar|claim|announc|explain|respond|repl|acknowledg|suggest|predict|"
    r"call|remark|stress|emphasi[sz])",
    re.IGNORECASE,
)
DOUBLE_QUOTES = ('"', "“", "”", "''", "``")
KINDS = ("direct quotations", "speech-verb attributions", "all attributions")


class GoldAttribution(NamedTuple):
    """One human attribution: its content spans, source text and cue text."""

    article: str
    content: tuple[tuple[int, int], ...]
    source: str
    cue: str
    direct: bool
    speech_verb: bool


def is_direct(text: str, content: tuple[tuple[int, int], ...]) -> bool:
    """The content starts at, or right after, a double quotation mark."""
    start = content[0][0]
    return text[start : start + 2].startswith(DOUBLE_QUOTES) or text[max(0, start - 2) : start].endswith(DOUBLE_QUOTES)


def read_gold(gold_dir: Path) -> tuple[list[GoldAttribution], dict[str, str]]:
    """Human attributions with content, and the text of each article, by article stem."""
    text_dir, ann_dir = gold_dir / "text", gold_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise GoldError(f"{shown_path(gold_dir)}: expected text/ and attributions/ folders (brat standoff)")
    texts = {path.stem: read_utf8(path) for path in sorted(text_dir.glob("*.txt"))}
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in texts:
            chosen.setdefault(stem, ann)
    gold = []
    for stem, ann in chosen.items():
        spans, events = parse_ann(ann, texts[stem])
        for event in events:
            roles = event.roles
            if "Content" not in roles:
                continue
            for role in ("Content", "Source", "Cue"):
                if role in roles and roles[role] not in spans:
                    raise GoldError(f"{shown_path(ann)} line {event.line}: the {role} {roles[role]} is not a text span")
            content = spans[roles["Content"]].pieces
            source = spans[roles["Source"]].text if "Source" in roles else ""
            cue = spans[roles["Cue"]].text if "Cue" in roles else ""
            gold.append(
                GoldAttribution(
                    stem, content, source, cue, is_direct(texts[stem], content), bool(SPEECH_CUE.search(cue))
                )
            )
    return gold, texts


def coverage(predicted: tuple[int, int], content: Iterable[tuple[int, int]]) -> float:
    """Share of the (possibly discontinuous) human content that ``predicted`` covers."""
    content = tuple(content)
    total = sum(end - start for start, end in content)
    return sum(overlap(predicted, piece) for piece in content) / total if total else 0.0


def speaker_right(source: str, speaker: str) -> bool:
    """The gold's rule: a pronoun or empty source, or one of its content words is in the predicted speaker."""
    words = re.findall(r"[\w'’-]+", source.lower())
    if not words or (len(words) == 1 and words[0] in PRONOUNS):
        return True
    predicted = str(speaker).lower()
    return any(len(w) >= 3 and w not in NOT_NAME_WORDS and w in predicted for w in words)


def gold_outcomes(sources: pd.DataFrame, gold: list[GoldAttribution]) -> list[tuple[GoldAttribution, bool, bool]]:
    """For each human attribution: whether a predicted row covers its content, and whether one that does has the
    right speaker."""
    by_article: dict[str, list] = {}
    for row in sources.itertuples():
        by_article.setdefault(row.article, []).append(row)
    outcome = []
    for human in gold:
        covering = [
            row
            for row in by_article.get(human.article, [])
            if coverage((row.start, row.end), human.content) >= MIN_COVER
        ]
        outcome.append((human, bool(covering), any(speaker_right(human.source, row.speaker) for row in covering)))
    return outcome


def precise_rows(rows: pd.DataFrame, gold: list[GoldAttribution]) -> int:
    """How many predicted ``rows`` overlap some human content of their article by :data:`MIN_COVER` of the shorter
    of the two spans."""
    contents: dict[str, list[tuple[int, int]]] = {}
    for human in gold:
        contents.setdefault(human.article, []).extend(human.content)

    def precise(row) -> bool:
        span = (row.start, row.end)
        length = max(1, row.end - row.start)
        return any(
            overlap(span, piece) >= MIN_COVER * min(length, piece[1] - piece[0]) and overlap(span, piece) > 0
            for piece in contents.get(row.article, [])
        )

    return sum(precise(row) for row in rows.itertuples())


def score_attributions(sources: pd.DataFrame, gold: list[GoldAttribution]) -> pd.DataFrame:
    """The measures above, one row per kind.

    Parameters
    ----------
    sources : DataFrame
        The ``sources`` table of the gold articles; ``article`` is the file stem, ``start``/``end`` index its text.
    gold : list of GoldAttribution
        From :func:`read_gold`.
    """
    outcome = gold_outcomes(sources, gold)
    speech = sources["cue_verb"].fillna("").map(lambda verb: bool(SPEECH_CUE.search(verb)))
    predicted = {
        "direct quotations": sources[sources["kind"] == "direct"],
        "speech-verb attributions": sources[speech],
        "all attributions": sources,
    }
    selectors = {
        "direct quotations": lambda h: h.direct,
        "speech-verb attributions": lambda h: h.speech_verb,
        "all attributions": lambda h: True,
    }
    rows = []
    for kind in KINDS:
        chosen = [(found, right) for human, found, right in outcome if selectors[kind](human)]
        found = sum(f for f, _ in chosen)
        right = sum(r for _, r in chosen)
        rows_of_kind = predicted[kind]
        correct = precise_rows(rows_of_kind, gold)
        rows.append(
            {
                "kind": kind,
                "human": len(chosen),
                "found": round(found / len(chosen), 4) if chosen else float("nan"),
                "speaker accuracy": round(right / found, 4) if found else float("nan"),
                "found with right speaker": round(right / len(chosen), 4) if chosen else float("nan"),
                "predicted rows": len(rows_of_kind),
                "precision": round(correct / len(rows_of_kind), 4) if len(rows_of_kind) else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def errors(sources: pd.DataFrame, gold: list[GoldAttribution], texts: dict[str, str]) -> pd.DataFrame:
    """Every human attribution missed or with a wrong speaker, and every spurious row, for reading by category."""
    rows = []
    for human in gold:
        candidates = sources[sources["article"] == human.article]
        covers = [(coverage((r.start, r.end), human.content), r) for r in candidates.itertuples()]
        cover, best = max(covers, key=lambda pair: pair[0], default=(0.0, None))
        text = texts[human.article]
        content = " … ".join(text[s:e] for s, e in human.content)
        kind = "direct" if human.direct else "speech verb" if human.speech_verb else "other"
        if cover < MIN_COVER:
            rows.append(
                {
                    "error": "missed",
                    "gold kind": kind,
                    "source": human.source,
                    "cue": human.cue,
                    "predicted": "",
                    "content": content,
                    "article": human.article,
                }
            )
        elif not speaker_right(human.source, best.speaker):
            rows.append(
                {
                    "error": "wrong speaker",
                    "gold kind": kind,
                    "source": human.source,
                    "cue": human.cue,
                    "predicted": best.speaker,
                    "content": content,
                    "article": human.article,
                }
            )
    return pd.DataFrame(rows)


def evaluate_folder(gold_dir: Path, codebook_path: Path | None = None, spacy_model: str | None = None):
    """Analyse ``gold_dir/text`` with the default codebook and score its sources; returns (scores, sources, gold)."""
    from briefing.codebook import load_codebook
    from briefing.corpus.loading import LoadOptions
    from briefing.paths import DEFAULT_CODEBOOK
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    gold, texts = read_gold(gold_dir)
    codebook = load_codebook(codebook_path or DEFAULT_CODEBOOK)
    kwargs = {} if spacy_model is None else {"spacy_model": spacy_model}
    analysis = analyze(gold_dir / "text", RunSettings(LoadOptions(), codebook=codebook, **kwargs))
    sources = analysis.sources.copy()
    stems = dict(zip(analysis.articles["id"], analysis.articles["path"].map(lambda p: Path(p).stem), strict=True))
    sources["article"] = sources["article"].map(stems)
    scores = score_attributions(sources, gold)
    scores.attrs["articles"] = len(texts)
    return scores, sources, gold, texts


def quality(scores: pd.DataFrame, gold_dir: Path, codebook_path: Path) -> dict:
    """The headline numbers the briefing's methodology shows (recorded by :mod:`briefing.evaluate.recorded`), with
    the codebook they were measured with: its name is the gold's ``topic``, which the briefing compares with its
    own codebook's (pass the codebook written for the gold's articles)."""
    from briefing.codebook import load_codebook

    return {
        "corpus": gold_dir.name,
        "topic": load_codebook(codebook_path).name,
        "codebook": Path(codebook_path).name,
        "articles": int(scores.attrs.get("articles", 0)),
        "measured": date.today().isoformat(),
        "kinds": scores.to_dict(orient="records"),
    }
