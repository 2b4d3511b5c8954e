"""Tone: extremes, tone by theme and toward actors, and the tone finding with its chance spread."""

from __future__ import annotations

from textwrap import shorten

import numpy as np
import pandas as pd

from briefing.language.sentiment import limitations, unscored_phrases
from briefing.report.common import (
    FINDING_CHARS,
    Finding,
    codebook_lacks,
    evidence_rows,
    known,
    number,
    once_per_analysis,
    out_of,
    signed,
)
from briefing.report.theme_shares import MIN_SENTENCES
from briefing.tables.analysis import Analysis


def extreme_rows(analysis: Analysis, n: int) -> pd.DataFrame:
    """The sentences rows of the ``n`` most negative and ``n`` most positive sentences, with a ``side``."""
    sentences = analysis.sentences
    negative = sentences[sentences["polarity"] < 0].sort_values(["polarity", "article", "sentence"]).head(n)
    positive = (
        sentences[sentences["polarity"] > 0]
        .sort_values(["polarity", "article", "sentence"], ascending=[False, True, True])
        .head(n)
    )
    return pd.concat([negative.assign(side="most negative"), positive.assign(side="most positive")])


def extreme_sentences(analysis: Analysis, n: int = 5) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences of the corpus."""
    rows = extreme_rows(analysis, n)
    rows = rows.assign(title=rows["article"].map(analysis.articles.set_index("id")["title"]))
    return pd.DataFrame(
        {
            "Side": rows["side"],
            "Polarity": rows["polarity"],
            "Sentence": rows["text"],
            "Article": rows["title"].map(known),
        }
    )


CHANCE_DRAWS = 1000
TITLE_CHARS = 40  # an article title the tone finding names is cut to this many characters, or fewer to fit
MIN_TITLE_CHARS = 12  # the fewest it is cut to: a word or two of the title


def chance_spread(sentences: pd.DataFrame, draws: int = CHANCE_DRAWS, level: float = 0.95) -> float:
    """The spread of article means (highest minus lowest) that chance gives: the ``level`` quantile over
    ``draws`` bootstrap corpora, each article's sentences resampled from all the sentences, sizes kept.

    A spread no larger than this is no evidence that the articles differ in tone. Seeded, so the same
    sentences always give the same number.
    """
    sizes = sentences.groupby("article").size().to_numpy()
    if len(sizes) < 2:
        return 0.0
    pool = sentences["polarity"].to_numpy(dtype=float)
    rng = np.random.default_rng(0)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    spreads = np.empty(draws)
    for d in range(draws):
        means = np.add.reduceat(rng.choice(pool, sizes.sum()), starts) / sizes
        spreads[d] = means.max() - means.min()
    return float(np.quantile(spreads, level))


@once_per_analysis
def tone_finding(analysis: Analysis, min_sentences: int = 3) -> Finding:
    """The headline finding about tone, with its numbers.

    Compares distinct stories only (copies count once), and leaves out
    articles with fewer than ``min_sentences`` sentences, whose means say
    little; the text says how many were left out.
    """
    originals = set(analysis.articles.loc[analysis.articles["duplicate_of"].isna(), "id"])
    scored = analysis.tone[analysis.tone["article"].isin(originals) & (analysis.tone["sentences"] > 0)]
    tone = scored[scored["sentences"] >= min_sentences]
    if tone.empty:
        tone = scored
    sentences = analysis.sentences[analysis.sentences["article"].isin(tone["article"])]
    if tone.empty:
        return Finding("no sentences to score", "No article has a sentence left after cleaning.")
    left_out = len(analysis.tone) - len(tone)
    titles = analysis.articles.set_index("id")["title"].map(known)
    neutral = (sentences["polarity"] == 0).mean()
    negative = int((tone["polarity_mean"] < 0).sum())
    lowest = tone.loc[tone["polarity_mean"].idxmin()]
    highest = tone.loc[tone["polarity_mean"].idxmax()]
    spread = highest["polarity_mean"] - lowest["polarity_mean"]
    chance = chance_spread(sentences)
    if spread <= chance:
        heading = "no clear difference in tone between articles"
    elif negative > len(tone) / 2:
        heading = "most articles lean negative"
    else:
        heading = "articles differ in tone"
    facts = {
        "Sentences": number(len(sentences)),
        "Exactly neutral": f"{neutral:.0%}",
        "Articles averaging below zero": out_of(negative, len(tone)),
        "Lowest article mean": signed(lowest["polarity_mean"]),
        "Highest article mean": signed(highest["polarity_mean"]),
        "Spread": f"{spread:.2f}",
        f"Spread by chance (95% of {CHANCE_DRAWS:,} draws)": f"{chance:.2f}",
    }
    # the two ends are named only when they differ by more than chance: otherwise naming them invites a reading
    # the numbers do not support; a title is shortened so that the finding stays within FINDING_CHARS at any size
    ends_named = spread > chance
    if left_out:
        facts["Articles left out"] = out_of(left_out, len(analysis.tone))
        facts["Fewest sentences compared"] = str(min_sentences)

    def worded(title_chars: int) -> str:
        def end(row) -> str:
            title = shorten(titles[row["article"]], title_chars, placeholder=" …")
            return signed(row["polarity_mean"]) + (f" (“{title}”)" if ends_named else "")

        return (
            f"{neutral:.0%} of {number(len(sentences))} sentences score exactly neutral; "
            f"{out_of(negative, len(tone))} articles average below zero. Article means run from {end(lowest)} to "
            f"{end(highest)}; random articles of the same sizes spread up to {chance:.2f} (95% of draws), so this "
            + ("spread is no larger than chance." if spread <= chance else "spread is larger than chance.")
            + (
                f" {out_of(left_out, len(analysis.tone))} articles {'is' if left_out == 1 else 'are'} left out of this "
                f"comparison (copies, or under {min_sentences} sentences)."
                if left_out
                else ""
            )
        )

    title_chars = TITLE_CHARS
    while title_chars > MIN_TITLE_CHARS and len(f"{heading}. {worded(title_chars)}") > FINDING_CHARS:
        title_chars -= 1
    text = worded(title_chars)
    ends = sentences[sentences["article"].isin([lowest["article"], highest["article"]])]
    return Finding(heading, text, evidence_rows(ends, "text"), facts)


def tone_by_theme(analysis: Analysis) -> pd.DataFrame:
    """Mean sentence polarity per theme, with the number of sentences behind it."""
    tagged = analysis.themes.drop_duplicates(["article", "sentence", "theme"]).merge(
        analysis.sentences[["article", "sentence", "polarity"]], on=["article", "sentence"]
    )
    table = (
        tagged.groupby("theme_label")
        .agg(n=("polarity", "size"), polarity=("polarity", "mean"))
        .reset_index()
        .rename(columns={"theme_label": "theme"})
    )
    table["thin"] = table["n"] < MIN_SENTENCES
    return table.sort_values(["polarity", "theme"]).reset_index(drop=True)[["theme", "polarity", "n", "thin"]]


def actor_sentences(analysis: Analysis) -> pd.DataFrame:
    """Which sentences mention which codebook actor (by name, alias or role), with their polarity."""
    mentions = analysis.mentions[["article", "sentence", "actor"]].drop_duplicates()
    return mentions.merge(analysis.sentences[["article", "sentence", "polarity"]], on=["article", "sentence"])


def tone_toward_actors(analysis: Analysis) -> pd.DataFrame:
    """Mean polarity of the sentences mentioning each actor, overall and per article."""
    mentions = actor_sentences(analysis)
    if mentions.empty:
        return pd.DataFrame(columns=["actor", "polarity", "n", "articles", "by_article", "thin"])
    names = {a.id: a.name for a in analysis.codebook.actors.values()}
    rows = []
    for actor, group in mentions.groupby("actor"):
        # the articles that mention the actor most come first: the page shows the first of them
        per_article = (
            group.groupby("article")["polarity"]
            .agg(["mean", "size"])
            .sort_values("size", ascending=False, kind="stable")
        )
        rows.append(
            {
                "actor": names[actor],
                "polarity": group["polarity"].mean(),
                "n": len(group),
                "articles": len(per_article),
                "by_article": "; ".join(
                    f"{a}: {signed(mean)} (n={number(size)})"
                    for a, mean, size in zip(
                        per_article.index, per_article["mean"].to_numpy(), per_article["size"].to_numpy(), strict=True
                    )
                ),
                "thin": len(group) < MIN_SENTENCES,
            }
        )
    return pd.DataFrame(rows).sort_values(["polarity", "actor"]).reset_index(drop=True)


def actors_absent(analysis: Analysis) -> str:
    """Why no tone toward an actor is shown, and how to supply it, in one line; empty when a sentence names an
    actor."""
    if analysis.codebook is None:
        return codebook_lacks(None, "actors", "actors", "the tone toward each actor")
    if len(analysis.mentions):
        return ""
    return "No sentence names an actor of this codebook: add the names the articles use to its actors' `aliases`."


def extremes_with_context(analysis: Analysis, n: int = 3) -> pd.DataFrame:
    """The most negative and most positive sentences, each with the sentence before and after."""
    text = analysis.sentences.set_index(["article", "sentence"])["text"]
    picked = extreme_rows(analysis, n)
    return extreme_sentences(analysis, n).assign(
        Before=[text.get((r.article, r.sentence - 1), "") for r in picked.itertuples()],
        After=[text.get((r.article, r.sentence + 1), "") for r in picked.itertuples()],
    )[["Side", "Polarity", "Before", "Sentence", "After", "Article"]]


ARTICLES_SHOWN = 10  # articles listed per actor on the page; the export lists them all


def actor_tone_table(analysis: Analysis) -> pd.DataFrame:
    """Tone toward each actor for display, with the caveat where the data are thin, and the articles that mention
    it most (a cell that listed every article would grow with the corpus)."""
    tone = tone_toward_actors(analysis)

    def first_articles(row) -> str:
        listed = row.by_article.split("; ")[:ARTICLES_SHOWN]
        more = row.articles - len(listed)
        return "; ".join(listed) + (f"; … and {more:,} more (tone_toward_actors.csv)" if more > 0 else "")

    shown = tone.assign(by_article=[first_articles(row) for row in tone.itertuples()]) if len(tone) else tone
    return shown.assign(thin=shown["thin"].map({True: "too few sentences", False: ""})).rename(
        columns={
            "actor": "Actor",
            "polarity": "Mean polarity",
            "n": "Sentences",
            "articles": "Articles",
            "by_article": "By article",
            "thin": "Caveat",
        }
    )


def unscored_words(codebook) -> tuple[str, ...]:
    """Two phrases of the codebook that the tone lexicon scores 0, as examples of what tone cannot see: its loaded
    wording first (each narrative's first, then the rest), then its issues' cues; none without a codebook."""
    if codebook is None:
        return ()
    terms = codebook.loaded_terms
    firsts: dict[str, str] = {}
    for term in terms:  # each narrative's first phrase, in the codebook's order
        firsts.setdefault(term.leaning, term.phrase)
    ordered = [*firsts.values(), *(t.phrase for t in terms)]
    ordered += [cue for issue in codebook.issues.values() for cue in issue.cues]
    return unscored_phrases(ordered)


def tone_limitations(analysis: Analysis) -> tuple[str, ...]:
    """The tone score's limits, with examples from the codebook of what it does not score."""
    return limitations(unscored_words(analysis.codebook))
