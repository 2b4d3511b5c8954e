"""Summaries the briefing shows: overview, cleaning report, tone findings.

Each function takes the analysis tables and returns a small DataFrame or a
sentence computed from them; nothing here is written for one corpus.
"""

from __future__ import annotations

import re
from pathlib import Path
from textwrap import shorten
from typing import NamedTuple

import numpy as np
import pandas as pd

from briefing.charts import (
    Chart,
    bar_chart,
    position_chart,
    signed,
    sources_chart,
    theme_heatmap,
    timeline_chart,
    tone_chart,
    volume_chart,
)
from briefing.cleaning import RULES
from briefing.markup import UNKNOWN, plural
from briefing.pipeline import Analysis

# The briefing's sections in page order: (anchor, title). The table of contents is built from this list,
# and a render test checks that each heading of analysis.ipynb carries its anchor in this order.
SECTIONS = (
    ("answers", "What this briefing answers"),
    ("stances", "Stances: who takes which position"),
    ("sources", "Sources: who is quoted or cited, and how"),
    ("themes", "Themes: what the coverage covers"),
    ("framing", "Framing: how each article tells the story"),
    ("tone", "Tone"),
    ("across", "Across articles"),
    ("outlets", "Outlets and publication dates"),
    ("corpus", "The corpus"),
    ("cleaning", "What the cleaning removed"),
    ("methodology", "Methodology and limitations"),
    ("glossary", "Glossary"),
    ("evidence", "Evidence appendix"),
)

# Every term a reader meets in the briefing, in plain words.
GLOSSARY = {
    "Actor": "A person, government or organization the codebook lists, such as a president or a ministry.",
    "Side": "The camp the codebook puts an actor in; a source outside the codebook gets a side only from the "
    "words its article uses to describe it.",
    "Issue": 'A proposition an actor can be for or against, written as a statement ("Ukraine joins NATO").',
    "Position": "Support, oppose or conditional: what an actor is reported to want on an issue.",
    "Conditional": 'Support given only on a stated condition ("a ceasefire only if troops withdraw"); the '
    "condition is shown with it.",
    "Claim": "One sentence's report that an actor holds a position on an issue; the matrix counts stories, "
    "not sentences.",
    "Attribution": "A statement the article credits to a source: a quotation, a paraphrase or a citation.",
    "Direct": "A quotation in quotation marks, given as the source's own words.",
    "Partial": "A short quoted phrase inside the journalist's paraphrase.",
    "Reported": 'A paraphrase without quotation marks ("Peskov said that …").',
    "According to": 'A citation of a source ("according to the ministry") rather than a statement.',
    "Anonymous source": 'A source the article does not name ("a senior official").',
    "Loaded reporting verb": 'A verb that colours what was said ("claimed", "admitted") where "said" would not.',
    "Theme": "A topic of the coverage found by its cue words; a sentence can touch several.",
    "Frame": "A way of telling the story (conflict, diplomacy, cost …) recognised by its cue words.",
    "Polarity": "A sentence's tone from −1 (negative) to +1 (positive), from a word list (TextBlob); 0 is neutral.",
    "Story": "An article, with copies and near-copies of one article counted once.",
    "Precision": "Of what the tool reports, the share a careful reader agrees with.",
    "Recall": "Of what a careful reader finds, the share the tool finds too.",
}


def trust_summary() -> list[str]:
    """How far to trust the taggers, in words, from the numbers ``make eval`` recorded on text the rules were
    not written on."""
    from briefing.attribution_eval import recorded_quality as attribution_recorded
    from briefing.stance_eval import recorded_quality as stance_recorded

    lines = []
    stances = stance_recorded()
    if stances is not None:
        scores = stances["scores"]["all"]
        lines.append(
            f"Stances: of the positions shown, about {round(scores['precision'] * 10)} in 10 are right, but the "
            f"tool finds only about {round(scores['recall'] * 10)} in 10 of the positions a careful reader codes "
            f"(measured on {scores['gold']:,.0f} hand-coded claims in {stances['articles']} articles the rules "
            "were not written on). Read the matrix as what the coverage states outright, not all it implies."
        )
    attributions = attribution_recorded()
    if attributions is not None:
        kinds = {k["kind"]: k for k in attributions["kinds"]}
        direct, speech = kinds.get("direct quotations"), kinds.get("speech-verb attributions")
        if direct and speech:
            lines.append(
                f"Sources: {direct['found with right speaker']:.0%} of direct quotations and "
                f"{speech['found with right speaker']:.0%} of statements with a reporting verb are found with the "
                f"right speaker (on {attributions['articles']} articles annotated by others)."
            )
    lines.append(
        "Tone is a general word-list score (TextBlob): it measures wording, not who is right; words of war such as "
        '"invasion" carry no score, and most negation is missed.'
    )
    return lines


EVIDENCE_COLUMNS = ["article", "sentence", "start", "end", "text"]


class Finding(NamedTuple):
    """A headline, the sentence with numbers that supports it, and the rows that prove it."""

    heading: str
    text: str
    evidence: pd.DataFrame | None = None  # EVIDENCE_COLUMNS: the sentences or quotations behind the numbers
    facts: dict[str, str] | None = None  # every figure the text states, by what it counts, shown beside it


def evidence_rows(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows of a table as evidence: where each stands in its article, and its words (column ``text``)."""
    rows = frame.rename(columns={text: "text"}) if text != "text" else frame
    return rows[EVIDENCE_COLUMNS].sort_values(["article", "sentence", "start"], kind="stable").reset_index(drop=True)


def briefing_title(title: str, corpus: Path) -> str:
    """The briefing's title: ``title`` if given, else one naming the corpus folder."""
    return title or f"Coverage briefing: {Path(corpus).name}"


def known(value) -> str:
    """``value`` as text, or "unknown" when missing."""
    return UNKNOWN if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def corpus_facts(analysis: Analysis, corpus_label: str) -> dict[str, str]:
    """Key facts for the title block."""
    articles = analysis.articles
    copies = int(articles["duplicate_of"].notna().sum())
    dates = articles["published"].dropna()
    span = f"{dates.min()} to {dates.max()}" if len(dates) else UNKNOWN
    return {
        "Corpus": corpus_label,
        "Articles": f"{len(articles)} usable ({copies} flagged as copies), {len(analysis.problems)} input problems",
        "Sentences": f"{int(articles['sentences'].sum()):,} ({int(articles['words'].sum()):,} words)",
        "Outlets": f"{articles['outlet'].nunique()} known, {int(articles['outlet'].isna().sum())} articles unknown",
        "Publication dates": f"{span} ({int(articles['published'].isna().sum())} articles unknown)",
    }


def overview(analysis: Analysis) -> pd.DataFrame:
    """One row per article: title, outlet, date, size, tone, duplicate flag."""
    tone = analysis.tone.set_index("article")
    articles = analysis.articles
    return pd.DataFrame(
        {
            "Article": articles["title"].map(known),
            "Id": articles["id"],
            "Outlet": articles["outlet"].map(known),
            "Date": articles["published"].map(known),
            "Words": articles["words"],
            "Sentences": articles["sentences"],
            "Tone (mean polarity)": tone.loc[articles["id"], "polarity_mean"].to_numpy(),
            "Copy of": articles["duplicate_of"].fillna(""),
        }
    )


REMOVAL_SUMMARY_COLUMNS = [
    "Rule",
    "Size limit (words)",
    "Whole lines",
    "Spans in a line",
    "Words removed",
    "Share of words",
    "Files",
    "Examples",
]


def removal_summary(analysis: Analysis, examples: int = 3) -> pd.DataFrame:
    """Per rule: its size limit, the lines and spans it removed, their words and a few examples."""
    removed = analysis.removed
    total_words = int(analysis.articles["words_before_cleaning"].sum()) + skipped_words(analysis)
    rows = []
    for rule, group in removed.groupby("rule", sort=False):
        rows.append(
            {
                "Rule": rule,
                "Size limit (words)": RULES[rule].max_words,
                "Whole lines": int(group["whole_line"].sum()),
                "Spans in a line": int((~group["whole_line"].astype(bool)).sum()),
                "Words removed": int(group["words"].sum()),
                "Share of words": group["words"].sum() / total_words if total_words else 0.0,
                "Files": group["file"].nunique(),
                "Examples": " | ".join(list(dict.fromkeys(group["text"]))[:examples]),
            }
        )
    summary = pd.DataFrame(rows, columns=REMOVAL_SUMMARY_COLUMNS)
    return summary.sort_values(["Words removed", "Rule"], ascending=[False, True], kind="stable").reset_index(drop=True)


def skipped_words(analysis: Analysis) -> int:
    """Words removed from files that were then skipped (they have no row in ``articles``)."""
    removed = analysis.removed
    return int(removed.loc[~removed["article"].isin(analysis.articles["id"]), "words"].sum())


def heavy_removals(analysis: Analysis, threshold: float = 0.25) -> pd.DataFrame:
    """Articles that lost more than ``threshold`` of their words to cleaning, with the rules that took them."""
    articles = analysis.articles
    share = articles["words_removed"] / articles["words_before_cleaning"].where(articles["words_before_cleaning"] > 0)
    flagged = articles[share > threshold]
    removed = analysis.removed
    rules = {
        article: ", ".join(
            f"{words:,} {rule}"
            for rule, words in group.groupby("rule")["words"].sum().sort_values(ascending=False).items()
            if words
        )
        for article, group in removed[removed["article"].isin(flagged["id"])].groupby("article")
    }
    return pd.DataFrame(
        {
            "Article": flagged["id"],
            "Words before cleaning": flagged["words_before_cleaning"],
            "Words removed": flagged["words_removed"],
            "Share removed": share[flagged.index],
            "Removed by": [rules.get(article, "") for article in flagged["id"]],
        }
    ).reset_index(drop=True)


def cleaning_quality() -> str:
    """The cleaning's measured quality on development data, in words, or how to measure it."""
    from briefing.cleaning_eval import recorded_quality

    q = recorded_quality()
    if q is None:
        return "The cleaning's quality on development data is measured by make eval; no measurement is recorded."
    return (
        f"Measured by make eval on text the rules were not written on: on {q['corpus_2022_files']} real articles "
        f"from 13 outlets, where page furniture was marked by hand beforehand, the cleaning kept "
        f"{q['corpus_2022_kept']} articles, each with at least {q['corpus_2022_lowest_share_kept']:.0%} of its words; "
        f"{q['corpus_2022_story_words_removed']} of the {q['corpus_2022_words_removed']:,} words it removed were "
        f"story text. It found {q['recall_title']:.0%} of the headlines, {q['recall_credit']:.0%} of the photo "
        f"credits and {q['recall_related_link']:.0%} of the words of related-story links, and "
        f"{q['recall_caption']:.0%} of the words of captions inside a flattened story (kept by design: no rule may "
        f"cut a story's line). On 100 news articles annotated for attribution, it removed "
        f"{q['polnear_content_removed']:.2%} of the annotated quoted and reported content from the bodies."
    )


def attribution_quality() -> tuple[pd.DataFrame, str]:
    """Attribution scores that ``make eval`` recorded on annotated articles, and a sentence saying what they are."""
    from briefing.attribution_eval import recorded_quality

    q = recorded_quality()
    if q is None:
        return pd.DataFrame(), "No attribution measurement on annotated articles is recorded; run make eval."
    table = pd.DataFrame(q["kinds"])[["kind", "human", "found", "found with right speaker", "precision"]]
    table = table.rename(columns=lambda c: c.capitalize())
    note = (
        f"Measured by make eval on {q['articles']} articles whose attributions other people annotated (folder "
        f"{q['corpus']}), never used to write the rules, on {q['measured']}. Found: a row covers at least 30% of "
        "the annotated content; right speaker: the row names the annotated source (a pronoun counts as right); "
        'precision: the share of rows that overlap an annotated attribution. "All attributions" includes beliefs '
        "stated in nouns and headlines, which the tool does not look for."
    )
    return table, note


def stance_quality() -> tuple[pd.DataFrame, str]:
    """Stance scores that ``make eval`` recorded on hand-coded articles, and a sentence saying what they are."""
    from briefing.stance_eval import recorded_quality

    q = recorded_quality()
    if q is None:
        return pd.DataFrame(), "No stance measurement on hand-coded articles is recorded; run make eval."
    table = pd.DataFrame([{"position": position, **scores} for position, scores in q["scores"].items()])
    table = table[["position", "gold", "extracted", "correct", "precision", "recall"]].astype(
        {"gold": int, "extracted": int, "correct": int}
    )
    table = table.rename(columns=str.capitalize)
    note = (
        f"Measured by make eval on {q['claims']} claims that helpers hand-coded blind, before the tool was run "
        f"on them, in {q['articles']} articles the rules were not written on ({q['gold']}), "
        f"on {q['measured']}. A claim is found when the tool gives the same holder (a person or its "
        "institution), issue and position in the same sentence."
    )
    return table, note


def position_cue_coverage(analysis: Analysis) -> str:
    """The share of sentences with a position cue but no codebook issue: what the codebook may be missing."""
    from briefing.suggest import cue_coverage

    if analysis.codebook is None:
        return ""
    counts = cue_coverage(analysis.sentences["text"], analysis.codebook)
    if not counts.with_cue:
        return "No sentence has a position cue."
    return (
        f"{counts.without_issue:,} of the {counts.with_cue:,} sentences with a position word "
        f"({counts.without_issue / counts.with_cue:.0%}) name no issue of the codebook: positions on those are "
        "not counted. The command python -m briefing codebook suggest --corpus DIR lists the frequent names and "
        "phrases the codebook does not cover."
    )


def cleaning_rules() -> pd.DataFrame:
    """Every cleaning rule, what it removes and its size limit, for the methodology."""
    return pd.DataFrame(
        [
            {
                "Rule": rule.name,
                "Removes": rule.removes,
                "Judges": rule.scope,
                "Size limit (words)": rule.max_words,
            }
            for rule in RULES.values()
        ]
    )


def input_problems(analysis: Analysis) -> pd.DataFrame:
    """Files skipped and manifest rows ignored."""
    return analysis.problems.rename(columns={"file": "File", "problem": "Problem"})


def copies(analysis: Analysis) -> pd.DataFrame:
    """Articles flagged as exact or near-duplicates of an earlier one."""
    flagged = analysis.articles[analysis.articles["duplicate_of"].notna()]
    return pd.DataFrame(
        {
            "Article": flagged["id"],
            "Copy of": flagged["duplicate_of"],
            "Similarity": flagged["duplicate_similarity"],
        }
    )


def read_warnings(analysis: Analysis) -> pd.DataFrame:
    """Articles read with a warning, e.g. decoded as cp1252."""
    warned = analysis.articles[analysis.articles["warnings"].notna()]
    return pd.DataFrame({"Article": warned["id"], "Warning": warned["warnings"]})


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
        "Sentences": f"{len(sentences):,}",
        "Exactly neutral": f"{neutral:.0%}",
        "Articles averaging below zero": f"{negative} of {len(tone)}",
        "Lowest article mean": signed(lowest["polarity_mean"]),
        "Highest article mean": signed(highest["polarity_mean"]),
        "Spread": f"{spread:.2f}",
        f"Spread by chance (95% of {CHANCE_DRAWS:,} draws)": f"{chance:.2f}",
    }
    text = (
        f"{neutral:.0%} of {len(sentences):,} sentences score exactly neutral; "
        f"{negative} of {len(tone)} articles average below zero. Mean polarity runs from "
        f"{signed(lowest['polarity_mean'])} (“{titles[lowest['article']]}”) to "
        f"{signed(highest['polarity_mean'])} (“{titles[highest['article']]}”), "
        f"a spread of {spread:.2f}; articles of the same sizes drawn at random from these "
        f"sentences give a spread of up to {chance:.2f} (95% of {CHANCE_DRAWS:,} draws), so this spread is "
        + ("no larger than chance." if spread <= chance else "larger than chance.")
    )
    if left_out:
        facts["Articles left out"] = f"{left_out} of {len(analysis.tone)}"
        facts["Fewest sentences compared"] = str(min_sentences)
        text += (
            f" {left_out} of {len(analysis.tone)} articles are left out of this comparison: copies of another "
            f"article, or fewer than {min_sentences} sentences."
        )
    ends = sentences[sentences["article"].isin([lowest["article"], highest["article"]])]
    return Finding(heading, text, evidence_rows(ends, "text"), facts)


def cleaning_finding(analysis: Analysis, threshold: float = 0.25) -> Finding:
    """What the cleaning took out, in words, and whether any article lost much of its text."""
    articles, removed = analysis.articles, analysis.removed
    skipped = skipped_words(analysis)
    before = int(articles["words_before_cleaning"].sum()) + skipped
    lost = int(removed["words"].sum())
    kept_share = (before - lost) / before if before else 1.0
    per_rule = removed.groupby("rule")["words"].sum().sort_values(ascending=False)
    parts = ", ".join(f"{count:,} by {rule}" for rule, count in per_rule.items() if count) or "none"
    heavy = heavy_removals(analysis, threshold)
    files = removed.loc[removed["words"] > 0, "file"].nunique()
    text = (
        f"It removed {lost:,} of {before:,} words ({1 - kept_share:.1%}) from {plural(files, 'file')}: {parts}. "
        "Every removed line and span is listed in removed_text.csv with its offsets and rule."
    )
    if len(heavy):
        text += f" Check {', '.join(heavy['Article'])} in the table below."
    if skipped:
        text += f" {skipped:,} of the removed words come from files then skipped (see the input problems)."
    heavy_part = (
        f"{plural(len(heavy), 'article')} lost more than {threshold:.0%} of its words"
        if len(heavy)
        else f"no article lost more than {threshold:.0%} of its words"
    )
    facts = {
        "Words before cleaning": f"{before:,}",
        "Words removed": f"{lost:,}",
        "Share removed": f"{1 - kept_share:.1%}",
        "Share kept": f"{kept_share:.1%}",
        "Files with removals": str(files),
        f"Articles losing more than {threshold:.0%}": str(len(heavy)),
    }
    if skipped:
        facts["Words in skipped files"] = f"{skipped:,}"
    return Finding(f"cleaning kept {kept_share:.1%} of the words; {heavy_part}", text, None, facts)


POSITION_ORDER = ("support", "oppose", "conditional", "mixed")


def story_of(analysis: Analysis) -> dict[str, str]:
    """Each article's story: the article it copies, or itself. Copies count once."""
    articles = analysis.articles
    return dict(zip(articles["id"], articles["duplicate_of"].fillna(articles["id"]), strict=True))


def evidence_anchor(actor: str, issue: str) -> str:
    """The in-page id of one matrix cell's evidence (a holder outside the codebook is a name: slugged)."""
    return f"ev-{re.sub(r'[^a-z0-9_]+', '-', actor.lower()).strip('-')}-{issue}"


def position_matrix(analysis: Analysis) -> pd.DataFrame:
    """One row per actor and issue with a reported position.

    ``position`` is the position most stories report (``mixed`` on a tie);
    ``disagree`` is true when stories report different positions; ``condition`` is the condition most often
    stated for a conditional position. Holders outside the codebook (named people and organizations) come
    after the codebook's actors of their side.
    """
    columns = [
        "actor",
        "actor_name",
        "side",
        "issue",
        "issue_short",
        "position",
        "condition",
        "articles",
        "claims",
        "disagree",
        "positions",
        "anchor",
    ]
    stances = analysis.stances
    if stances.empty or analysis.codebook is None:
        # Typed, so that boolean masks on an empty matrix stay masks.
        return pd.DataFrame(columns=columns).astype({"articles": int, "claims": int, "disagree": bool})
    codebook = analysis.codebook
    stories = stances.assign(story=stances["article"].map(story_of(analysis)))
    rows = []
    for (actor, issue), group in stories.groupby(["actor", "issue"], sort=False):
        # A story's position is its most frequent one (ties: support, oppose, conditional).
        by_story = group.groupby("story")["position"].agg(
            lambda p: max(POSITION_ORDER[:3], key=lambda pos: (list(p).count(pos), -POSITION_ORDER.index(pos)))
        )
        counts = by_story.value_counts()
        top = counts[counts == counts.max()].index.tolist()
        rows.append(
            {
                "actor": actor,
                "actor_name": group["actor_name"].iloc[0],
                "side": group["side"].iloc[0],
                "issue": issue,
                "issue_short": codebook.issues[issue].short,
                "position": top[0] if len(top) == 1 else "mixed",
                "condition": next(iter(group.loc[group["condition"] != "", "condition"].value_counts().index), ""),
                "articles": len(by_story),
                "claims": len(group),
                "disagree": by_story.nunique() > 1,
                "positions": ", ".join(f"{p} {counts[p]}" for p in POSITION_ORDER if p in counts),
                "anchor": evidence_anchor(actor, issue),
            }
        )
    side_rank = {side: i for i, side in enumerate(codebook.sides)}
    others = sorted(set(stances["actor"]) - set(codebook.actors))
    actor_rank = {actor: i for i, actor in enumerate([*codebook.actors, *others])}
    issue_rank = {issue: i for i, issue in enumerate(codebook.issues)}
    matrix = pd.DataFrame(rows, columns=columns)
    return matrix.sort_values(
        ["side", "actor", "issue"],
        key=lambda col: col.map({"side": side_rank, "actor": actor_rank, "issue": issue_rank}[col.name]),
    ).reset_index(drop=True)


def stance_findings(analysis: Analysis) -> list[Finding]:
    """Headline findings on stances: the most reported position and the sharpest divide."""
    matrix = position_matrix(analysis)
    if matrix.empty:
        return [Finding("no stances found", "No sentence links a codebook actor to a codebook issue.")]
    codebook, stances = analysis.codebook, analysis.stances
    findings = []
    top = matrix.sort_values(["articles", "claims"], ascending=False, kind="stable").iloc[0]
    findings.append(
        Finding(
            f"{top.actor_name} {verb(top.position)} “{top.issue_short}”",
            f"The most widely reported position: {top.actor_name}"
            f"{'' if top.actor_name == top.side else f' ({top.side})'} {verb(top.position)} "
            f"“{codebook.issues[top.issue].label}” in {top.articles} of {len(set(story_of(analysis).values()))} "
            f"stories ({top.claims} statements).",
            evidence_rows(stances[(stances["actor"] == top.actor) & (stances["issue"] == top.issue)], "evidence"),
            {
                "Holder": top.actor_name,
                "Position": top.position,
                "Stories reporting it": f"{top.articles} of {len(set(story_of(analysis).values()))}",
                "Statements": str(top.claims),
            },
        )
    )
    by_side = (
        analysis.stances.assign(story=analysis.stances["article"].map(story_of(analysis)))
        .groupby(["issue", "side", "position"])["story"]
        .nunique()
        .rename("stories")
        .reset_index()
    )
    best = None
    for issue, group in by_side.groupby("issue"):
        support = group[group["position"] == "support"].sort_values("stories", ascending=False)
        oppose = group[group["position"] == "oppose"].sort_values("stories", ascending=False)
        for s in support.itertuples():
            for o in oppose.itertuples():
                if s.side != o.side and (best is None or min(s.stories, o.stories) > best[0]):
                    best = (min(s.stories, o.stories), issue, s, o)
    if best:
        _, issue, s, o = best
        findings.append(
            Finding(
                f"the sharpest divide is over “{codebook.issues[issue].short}”",
                f"On “{codebook.issues[issue].label}”, {s.side}-side actors support it in "
                f"{plural(s.stories, 'story', 'stories')} and {o.side}-side actors oppose it in {o.stories}.",
                evidence_rows(
                    stances[
                        (stances["issue"] == issue)
                        & (
                            ((stances["side"] == s.side) & (stances["position"] == "support"))
                            | ((stances["side"] == o.side) & (stances["position"] == "oppose"))
                        )
                    ],
                    "evidence",
                ),
                {
                    f"Stories with {s.side}-side support": str(s.stories),
                    f"Stories with {o.side}-side opposition": str(o.stories),
                },
            )
        )
    disputed = disagreements(matrix)
    if len(disputed):
        cells = "; ".join(f"{r.actor_name} on “{r.issue_short}” ({r.positions})" for r in disputed.itertuples())
        findings.append(
            Finding(
                f"articles disagree on {len(disputed)} actor–issue positions",
                f"Stories report different positions for {cells}. Read the evidence before relying on these cells.",
                evidence_rows(
                    stances.merge(disputed[["actor", "issue"]], on=["actor", "issue"]),
                    "evidence",
                ),
                {"Cells where stories disagree": str(len(disputed))},
            )
        )
    return findings


def prominent_holders(matrix: pd.DataFrame, codebook) -> pd.Series:
    """The matrix rows of the codebook's actors and of the other named holders that two stories report: what the
    page shows first. The rest (a name outside the codebook in one story) is shown folded, and is in
    stances.csv."""
    return matrix["actor"].isin(codebook.actors) | (matrix.groupby("actor")["articles"].transform("max") >= 2)


def disagreements(matrix: pd.DataFrame) -> pd.DataFrame:
    """The position-matrix cells where stories report different positions."""
    return matrix[matrix["disagree"].astype(bool)]


def verb(position: str) -> str:
    """The verb for a position, for findings."""
    return {
        "support": "supports",
        "oppose": "opposes",
        "conditional": "conditionally accepts",
        "mixed": "takes mixed positions on",
    }[position]


def frame_table(analysis: Analysis) -> pd.DataFrame:
    """Each article's frames, strongest first, with the evidence of the strongest."""
    frames = analysis.frames
    titles = analysis.articles.set_index("id")["title"].map(known)
    rows = []
    for article, group in frames.groupby("article", sort=True):
        described = [
            f"{r.frame_label} ({r.score}: "
            + (f"headline “{r.headline_cue}”, " if r.headline_cue else "")
            + f"{r.body_sentences} sentences)"
            for r in group.itertuples()
        ]
        rows.append(
            {
                "Article": titles[article],
                "Frames, strongest first": "; ".join(described),
                "Evidence for the strongest": group.iloc[0]["evidence"],
            }
        )
    return pd.DataFrame(rows, columns=["Article", "Frames, strongest first", "Evidence for the strongest"])


def loaded_summary(analysis: Analysis) -> pd.DataFrame:
    """Loaded phrases: whose narrative, how many stories, and how often only in quotes."""
    loaded = analysis.loaded
    columns = ["Phrase", "Narrative", "Articles", "Uses", "In quotes"]
    if loaded.empty:
        return pd.DataFrame(columns=columns)
    summary = (
        loaded.assign(phrase_key=loaded["phrase"].str.lower().str.replace("’", "'"))
        .groupby(["phrase_key", "leaning"])
        .agg(
            Phrase=("phrase", "first"),
            Articles=("article", "nunique"),
            Uses=("article", "size"),
            quoted=("quoted", "sum"),
        )
        .reset_index()
    )
    summary["In quotes"] = summary["quoted"].astype(int).astype(str) + " of " + summary["Uses"].astype(str)
    summary = summary.rename(columns={"leaning": "Narrative"})
    return summary.sort_values(["Narrative", "Articles", "Phrase"], ascending=[True, False, True])[columns]


SHORT_LABEL = 20  # characters of an article's label under a heatmap column


def short_labels(articles: pd.DataFrame) -> dict[str, str]:
    """A short, unique label for each article: its outlet and date where both are known ("BBC News 2022-06-01"),
    else its title cut to a few words; :func:`label_key` says which label is which article."""
    labels, seen = {}, {}
    for row in articles.itertuples():
        outlet, date = (v if isinstance(v, str) and v else "" for v in (row.outlet, row.published))
        title = row.title if isinstance(row.title, str) and row.title else row.id
        label = (
            f"{shorten(outlet, 12, placeholder='…')} {date}"
            if outlet and date
            else shorten(title, SHORT_LABEL, placeholder=" …")
        )
        seen[label] = seen.get(label, 0) + 1
        labels[row.id] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return labels


def label_key(analysis: Analysis, chart: Chart) -> pd.DataFrame:
    """Which article each short label under a chart's columns stands for."""
    shown = list(dict.fromkeys(chart.data["article"]))
    labels = short_labels(analysis.articles)
    articles = analysis.articles.set_index("id")
    return pd.DataFrame(
        {
            "Label": [labels[a] for a in shown],
            "Article": [known(articles.at[a, "title"]) for a in shown],
            "Outlet": [known(articles.at[a, "outlet"]) for a in shown],
            "Date": [known(articles.at[a, "published"]) for a in shown],
        }
    )


TOP_N_ARTICLES = 15  # per-article charts show this many articles, and say which (the notebook's default too)


def briefing_charts(analysis: Analysis, top_n_articles: int = TOP_N_ARTICLES) -> dict[str, Chart]:
    """Every chart of the briefing by its export name."""
    charts = {"tone_chart": tone_chart(analysis.tone, analysis.sentences, analysis.articles, top_n_articles)}
    volume, unit = coverage_by_date(analysis)
    if len(volume):
        charts["coverage_volume"] = volume_chart(volume, volume.columns[0], unit)
    matrix = position_matrix(analysis)
    if not matrix.empty:
        codebook = analysis.codebook
        shown = matrix[prominent_holders(matrix, codebook)]
        if not shown.empty:
            charts["position_matrix"] = position_chart(
                shown, list(shown["actor"].drop_duplicates()), list(codebook.issues)
            )
    top = top_sources(analysis)
    if not top.empty:
        sides = list(analysis.codebook.sides) if analysis.codebook else sorted(set(top["side"]))
        charts["top_sources"] = sources_chart(top, sides)
    if analysis.codebook is not None and len(analysis.themes):
        labels = analysis.articles.set_index("id")["title"].map(known).to_dict()
        shares = theme_shares(analysis)
        if shares.shape[1] > top_n_articles:  # a readable chart shows the most theme-dense articles
            keep = shares.sum().sort_values(ascending=False, kind="stable").index[:top_n_articles]
            shares = shares[[c for c in shares.columns if c in set(keep)]]
        summary = theme_summary(analysis)
        charts["theme_heatmap"] = theme_heatmap(
            shares,
            short_labels(analysis.articles),
            total=len(analysis.articles),
            overall=summary.set_index("theme")["share"],
        )
        charts["theme_shares"] = bar_chart(
            summary,
            "theme",
            "share",
            "Share of all sentences touching each theme",
            "Share of sentences",
            {
                "theme": "Theme.",
                "share": "Share of all sentences touching it (the bar).",
                "sentences": "Sentences touching it.",
                "stories": "Stories touching it.",
            },
            note="sentences",
        )
        charts["tone_by_theme"] = bar_chart(
            tone_by_theme(analysis).iloc[::-1].reset_index(drop=True),
            "theme",
            "polarity",
            "Tone by theme (mean sentence polarity)",
            "Mean polarity (n = sentences)",
            {
                "theme": "Theme.",
                "polarity": "Mean polarity of its sentences (the bar).",
                "n": "Sentences.",
                "thin": f"True when fewer than {MIN_SENTENCES} sentences: too thin to compare.",
            },
            signed_axis=True,
        )
        actors = tone_toward_actors(analysis)
        if len(actors):
            charts["tone_toward_actors"] = bar_chart(
                actors.iloc[::-1].reset_index(drop=True)[["actor", "polarity", "n", "articles", "thin"]],
                "actor",
                "polarity",
                "Tone of the sentences mentioning each actor",
                "Mean polarity (n = sentences)",
                {
                    "actor": "Actor.",
                    "polarity": "Mean polarity of sentences mentioning it (the bar).",
                    "n": "Sentences.",
                    "articles": "Articles.",
                    "thin": f"True when fewer than {MIN_SENTENCES} sentences: too thin to compare.",
                },
                signed_axis=True,
            )
        events = analysis.timeline[dated_kinds(analysis) == "event"]
        if len(events):  # only the events the articles date: history in passing would stretch the axis
            busiest = events["article"].value_counts(sort=True).index[:top_n_articles]
            charts["timeline_chart"] = timeline_chart(
                events[events["article"].isin(set(busiest))], labels, total=events["article"].nunique()
            )
    return charts


def top_sources(analysis: Analysis, n: int = 15) -> pd.DataFrame:
    """The ``n`` most-cited sources: citations, stories and direct quotations."""
    sources = analysis.sources
    columns = ["speaker", "side", "source_type", "citations", "stories", "direct"]
    if sources.empty:
        return pd.DataFrame(columns=columns)
    stories = story_of(analysis)
    table = (
        sources.assign(story=sources["article"].map(stories), is_direct=sources["kind"] == "direct")
        .groupby("speaker")
        .agg(
            side=("side", "first"),
            source_type=("source_type", "first"),
            citations=("kind", "size"),
            stories=("story", "nunique"),
            direct=("is_direct", "sum"),
        )
        .reset_index()
    )
    table["direct"] = table["direct"].astype(int)
    return table.sort_values(["citations", "stories", "speaker"], ascending=[False, False, True]).head(n)[columns]


def source_mix(analysis: Analysis) -> pd.DataFrame:
    """Each article's source mix: shares by side and type, direct share, anonymous share."""
    sources = analysis.sources
    sides = list(analysis.codebook.sides) if analysis.codebook else sorted(set(sources["side"]))
    titles = analysis.articles.set_index("id")["title"].map(known)
    rows = []
    for article in analysis.articles["id"]:
        group = sources[sources["article"] == article]
        total = len(group)
        row = {"Article": titles[article], "Citations": total}
        for side in sides:
            row[side] = (group["side"] == side).mean() if total else float("nan")
        row["Officials"] = (group["source_type"] == "official").mean() if total else float("nan")
        row["Analysts"] = (group["source_type"] == "analyst").mean() if total else float("nan")
        row["Direct quotes"] = (group["kind"] == "direct").mean() if total else float("nan")
        row["Anonymous"] = (group["source_type"] == "anonymous").mean() if total else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)


def quote_ledger(analysis: Analysis) -> pd.DataFrame:
    """Every direct quotation with its speaker, article and place in the article file."""
    sources = analysis.sources
    direct = sources[sources["kind"] == "direct"]
    titles = analysis.articles.set_index("id")["title"].map(known)
    return pd.DataFrame(
        {
            "Speaker": direct["speaker"],
            "Side": direct["side"],
            "Quotation": direct["quote"],
            "Article": direct["article"].map(titles),
            "Where": [f"sentence {r.sentence}, characters {r.start}–{r.end}" for r in direct.itertuples()],
        }
    )


def verb_strength_table(analysis: Analysis) -> pd.DataFrame:
    """Reporting verbs by side: how many, and the share that characterise the speaker."""
    sources = analysis.sources[analysis.sources["verb_strength"] != ""]
    if sources.empty:
        return pd.DataFrame(columns=["Side", "Attributions with a verb", "Loaded share", "Loaded verbs used"])
    rows = []
    for side, group in sources.groupby("side", sort=True):
        loaded = group[group["verb_strength"] == "loaded"]["cue_verb"].value_counts()
        rows.append(
            {
                "Side": side,
                "Attributions with a verb": len(group),
                "Loaded share": (group["verb_strength"] == "loaded").mean(),
                "Loaded verbs used": ", ".join(f"{verb} ({count})" for verb, count in loaded.items()),
            }
        )
    return pd.DataFrame(rows)


def unresolved_speakers(analysis: Analysis) -> pd.DataFrame:
    """Speakers the rules could not identify beyond a bare name."""
    sources = analysis.sources
    unresolved = sources[~sources["resolved"].astype(bool)]
    return (
        unresolved.groupby("speaker")
        .size()
        .rename("Citations")
        .reset_index()
        .rename(columns={"speaker": "Speaker"})
        .sort_values(["Citations", "Speaker"], ascending=[False, True])
    )


def source_findings(analysis: Analysis) -> list[Finding]:
    """Headline findings on sources, with their numbers."""
    sources = analysis.sources
    if sources.empty:
        return [Finding("no quoted or cited sources found", "No sentence quotes or cites anyone the rules recognise.")]
    top = top_sources(analysis, 3)
    by_side = sources["side"].value_counts(normalize=True)
    lead = by_side.index[0]
    kinds = {kind: int((sources["kind"] == kind).sum()) for kind in ("direct", "partial", "indirect", "according_to")}
    direct_share = kinds["direct"] / len(sources)
    anonymous = (sources["source_type"] == "anonymous").mean()
    loaded = int((sources["verb_strength"] == "loaded").sum())
    findings = [
        Finding(
            f"{top.iloc[0].speaker} is the most-cited source",
            f"{len(sources)} attributions from {sources['speaker'].nunique()} sources; "
            + "; ".join(f"{r.speaker} ({r.side}) {r.citations}" for r in top.itertuples())
            + f". {lead}-side sources account for {by_side.iloc[0]:.0%} of all attributions.",
            evidence_rows(sources[sources["speaker"] == top.iloc[0].speaker], "quote"),
            {
                "Attributions": str(len(sources)),
                "Sources": str(sources["speaker"].nunique()),
                **{f"{r.speaker} ({r.side})": str(r.citations) for r in top.itertuples()},
                f"{lead}-side share": f"{by_side.iloc[0]:.0%}",
            },
        ),
        Finding(
            f"{direct_share:.0%} of attributions are direct quotations",
            f"{kinds['direct']} direct, {kinds['partial']} partial, {kinds['indirect']} reported, "
            f"{kinds['according_to']} “according to”; {anonymous:.0%} are anonymous and {loaded} use a loaded "
            "reporting verb.",
            evidence_rows(sources[sources["kind"] == "direct"], "quote"),
            {
                "Direct": str(kinds["direct"]),
                "Partial": str(kinds["partial"]),
                "Reported": str(kinds["indirect"]),
                "According to": str(kinds["according_to"]),
                "Direct share": f"{direct_share:.0%}",
                "Anonymous share": f"{anonymous:.0%}",
                "Loaded reporting verb": str(loaded),
            },
        ),
    ]
    return findings


MIN_SENTENCES = 5  # fewer sentences than this make a mean too thin to compare


def theme_shares(analysis: Analysis) -> pd.DataFrame:
    """Themes × articles: the share of each article's sentences touching each theme (labels as index)."""
    themes = analysis.themes
    codebook = analysis.codebook
    totals = analysis.articles.set_index("id")["sentences"]
    counts = themes.drop_duplicates(["article", "sentence", "theme"]).groupby(["theme", "article"]).size()
    order = [t for t in codebook.themes if t in set(themes["theme"])] if codebook else sorted(set(themes["theme"]))
    table = counts.unstack(fill_value=0).reindex(index=order, columns=list(totals.index), fill_value=0)
    shares = table.div(totals.replace(0, pd.NA), axis=1).astype(float).fillna(0.0)
    shares.index = [codebook.themes[t].label for t in shares.index] if codebook else shares.index
    shares.index.name = "theme"
    return shares


def theme_summary(analysis: Analysis) -> pd.DataFrame:
    """Each theme's share of all sentences and the number of stories touching it."""
    themes = analysis.themes
    total = len(analysis.sentences)
    stories = story_of(analysis)
    summary = (
        themes.drop_duplicates(["article", "sentence", "theme"])
        .assign(story=lambda f: f["article"].map(stories))
        .groupby("theme_label")
        .agg(sentences=("sentence", "size"), stories=("story", "nunique"))
        .reset_index()
        .rename(columns={"theme_label": "theme"})
    )
    summary["share"] = summary["sentences"] / total if total else 0.0
    return summary.sort_values(["share", "theme"], ascending=[False, True]).reset_index(drop=True)


def uncovered_share(analysis: Analysis) -> float:
    """Share of sentences that no codebook theme covers."""
    covered = analysis.themes.drop_duplicates(["article", "sentence"]).shape[0]
    return 1 - covered / len(analysis.sentences) if len(analysis.sentences) else float("nan")


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
        per_article = group.groupby("article")["polarity"].agg(["mean", "size"])
        rows.append(
            {
                "actor": names[actor],
                "polarity": group["polarity"].mean(),
                "n": len(group),
                "articles": len(per_article),
                "by_article": "; ".join(
                    f"{a}: {signed(r['mean'])} (n={int(r['size'])})" for a, r in per_article.iterrows()
                ),
                "thin": len(group) < MIN_SENTENCES,
            }
        )
    return pd.DataFrame(rows).sort_values(["polarity", "actor"]).reset_index(drop=True)


def extremes_with_context(analysis: Analysis, n: int = 3) -> pd.DataFrame:
    """The most negative and most positive sentences, each with the sentence before and after."""
    text = analysis.sentences.set_index(["article", "sentence"])["text"]
    picked = extreme_rows(analysis, n)
    return extreme_sentences(analysis, n).assign(
        Before=[text.get((r.article, r.sentence - 1), "") for r in picked.itertuples()],
        After=[text.get((r.article, r.sentence + 1), "") for r in picked.itertuples()],
    )[["Side", "Polarity", "Before", "Sentence", "After", "Article"]]


def consensus(analysis: Analysis) -> pd.DataFrame:
    """Positions reported by most stories, and by one story only."""
    matrix = position_matrix(analysis)
    stories = len(set(story_of(analysis).values()))
    if matrix.empty:
        return pd.DataFrame(columns=["Reported in", "Actor", "Issue", "Position", "Stories"])
    table = matrix.assign(
        group=[
            "most stories" if a * 2 >= stories and stories > 1 else "one story only" if a == 1 else "some stories"
            for a in matrix["articles"]
        ]
    )
    table = table[table["group"] != "some stories"]
    return (
        pd.DataFrame(
            {
                "Reported in": table["group"],
                "Actor": table["actor_name"],
                "Issue": table["issue_short"],
                "Position": table["position"],
                "Stories": table["articles"],
            }
        )
        .sort_values(["Reported in", "Stories", "Actor"], ascending=[True, False, True])
        .reset_index(drop=True)
    )


CONTROL = re.compile(
    r"\b(?:control\w*|captur\w*|seiz\w*|fell|taken|took|occup\w*|hold\w*|engage)\b[^.;]{0,60}?"
    r"\b(?:city|town|village|region|hub|stronghold)\s+of\s+(?P<place>[A-Z][\w’'-]+)",
)


def control_claims(analysis: Analysis) -> pd.DataFrame:
    """Sentences about who controls a named place, grouped by place, for comparing across articles."""
    rows = []
    titles = analysis.articles.set_index("id")["title"].map(known)
    for s in analysis.sentences.itertuples():
        for match in CONTROL.finditer(s.text):
            place = match.group("place")
            rows.append({"Place": place, "Article": titles[s.article], "Sentence": s.text})
    table = pd.DataFrame(rows, columns=["Place", "Article", "Sentence"]).drop_duplicates()
    return table.sort_values(["Place", "Article"]).reset_index(drop=True)


def theme_finding(analysis: Analysis) -> Finding:
    """The most covered theme, and the share of sentences no theme covers."""
    summary = theme_summary(analysis)
    if summary.empty:
        return Finding("no codebook theme appears", "No sentence touches a theme of the codebook.")
    top = summary.iloc[0]
    uncovered = uncovered_share(analysis)
    return Finding(
        f"“{top.theme}” is the most covered theme",
        f"{top.share:.0%} of sentences touch “{top.theme}”, in {plural(top.stories, 'story', 'stories')}; "
        f"{uncovered:.0%} of sentences touch no codebook theme.",
        evidence_rows(
            analysis.sentences.merge(
                analysis.themes.loc[
                    analysis.themes["theme_label"] == top.theme, ["article", "sentence"]
                ].drop_duplicates(),
                on=["article", "sentence"],
            ),
            "text",
        ),
        {
            "Most covered theme": top.theme,
            "Its share of sentences": f"{top.share:.0%}",
            "Stories touching it": str(top.stories),
            "Sentences touching no theme": f"{uncovered:.0%}",
        },
    )


def timeline_finding(analysis: Analysis) -> Finding:
    """The span of the events the articles date, and how many mentions are background or unresolved."""
    timeline = analysis.timeline
    kinds = dated_kinds(analysis)
    events, background = timeline[kinds == "event"], timeline[kinds == "background"]
    dates = events["date"].astype(str)
    if len(events):
        heading = (
            f"the events the coverage dates run from {dates.min()} to {dates.max()}"
            if dates.min() != dates.max()
            else f"the events the coverage dates fall on {dates.min()}"
        )
    else:
        heading = "no event is dated"
    history = background["date"].astype(str)
    text = (
        f"{plural(len(events), 'dated mention')} of events in {plural(events['article'].nunique(), 'article')}"
        + (f", from {dates.min()} to {dates.max()}" if len(events) else "")
        + f"; {len(background)} more {'is' if len(background) == 1 else 'are'} history, analogies or target dates "
        "more than a year from their article's time"
        + (
            f" ({history.min()}{'' if history.min() == history.max() else f' to {history.max()}'}), listed apart"
            if len(background)
            else ""
        )
        + f"; {int((kinds == 'unresolved').sum())} have no year and no publication date to resolve them."
    )
    facts = {
        "Dated events": str(len(events)),
        "Articles dating them": str(events["article"].nunique()),
        "First": dates.min() if len(events) else "none",
        "Last": dates.max() if len(events) else "none",
        "History and target dates": str(len(background)),
        "Unresolved": str(int((kinds == "unresolved").sum())),
    }
    if len(background):
        facts["Earliest history"], facts["Latest history or target"] = history.min(), history.max()
    return Finding(heading, text, evidence_rows(events, "evidence"), facts)


EVENT_WINDOW_DAYS = 365  # a date farther than this from its article's own time is history or a target date


def dated_kinds(analysis: Analysis) -> pd.Series:
    """Each dated mention as an ``event`` the article dates, ``background`` (history mentioned in passing, an
    analogy, a far target date) or ``unresolved``.

    An event lies within a year of its article's time: the publication date where known, else the latest date
    the article mentions.
    """
    timeline = analysis.timeline
    if timeline.empty:
        return pd.Series([], dtype=str)
    resolved = timeline["resolved"].astype(bool)
    when = pd.to_datetime(timeline["date"].where(resolved).astype(str), format="mixed", errors="coerce")
    published = pd.to_datetime(analysis.articles.set_index("id")["published"], errors="coerce")
    latest = when.groupby(timeline["article"]).transform("max")
    reference = timeline["article"].map(published).fillna(latest)
    near = (when - reference).abs().dt.days <= EVENT_WINDOW_DAYS
    return pd.Series(
        ["unresolved" if not r else "event" if n else "background" for r, n in zip(resolved, near, strict=True)],
        index=timeline.index,
    )


def dated_mentions(analysis: Analysis) -> pd.DataFrame:
    """Every dated mention for display: events first, then background, then unresolved ones."""
    timeline = analysis.timeline
    titles = analysis.articles.set_index("id")["title"].map(known)
    table = pd.DataFrame(
        {
            "Kind": dated_kinds(analysis),
            "Expression": timeline["expression"],
            "Date": timeline["date"].fillna("unresolved"),
            "Precision": timeline["precision"],
            "Article": timeline["article"].map(titles),
            "Evidence": timeline["evidence"],
        }
    )
    order = table["Kind"].map({"event": 0, "background": 1, "unresolved": 2})
    return table.assign(order=order).sort_values(["order", "Date"], kind="stable").drop(columns="order")


def terms_by_article(analysis: Analysis) -> pd.DataFrame:
    """Each article's distinctive terms, strongest first, on one line."""
    titles = analysis.articles.set_index("id")["title"].map(known)
    terms = analysis.terms.assign(article=analysis.terms["article"].map(titles))
    grouped = terms.groupby("article", sort=False)["term"].apply(", ".join).reset_index()
    return grouped.rename(columns={"article": "Article", "term": "Distinctive terms, strongest first"})


def actor_tone_table(analysis: Analysis) -> pd.DataFrame:
    """Tone toward each actor for display, with the caveat where the data are thin."""
    tone = tone_toward_actors(analysis)
    return tone.assign(thin=tone["thin"].map({True: "too few sentences", False: ""})).rename(
        columns={
            "actor": "Actor",
            "polarity": "Mean polarity",
            "n": "Sentences",
            "articles": "Articles",
            "by_article": "By article",
            "thin": "Caveat",
        }
    )


def key_findings(analysis: Analysis) -> list[tuple[Finding, str]]:
    """Five to eight findings from every section, each with the anchor of the section that proves it."""
    stance = stance_findings(analysis)
    source = source_findings(analysis)
    findings: list[tuple[Finding, str]] = [(f, f"finding-stance-{i}") for i, f in enumerate(stance[:2])]
    findings += [(f, f"finding-source-{i}") for i, f in enumerate(source[:2])]
    if len(analysis.themes):
        findings.append((theme_finding(analysis), "finding-themes"))
    findings.append((tone_finding(analysis), "finding-tone"))
    if len(stance) > 2:
        findings.append((stance[2], "finding-stance-2"))
    if len(analysis.timeline):
        findings.append((timeline_finding(analysis), "finding-timeline"))
    return findings[:8]


def top_shares(values: pd.Series, n: int = 3) -> str:
    """The ``n`` most frequent values and their shares: "Russia 45% · Ukraine 30% · US 12%"."""
    shares = values.value_counts(normalize=True).head(n)
    return " · ".join(f"{value} {share:.0%}" for value, share in shares.items())


def outlet_comparison(analysis: Analysis) -> pd.DataFrame:
    """One row per known outlet: its articles and sentences, the position it reports most, its two main sources
    by side and by type, its share of direct quotations, its most covered theme and its mean sentence tone.

    Copies count for every outlet that ran them: the comparison is of what each outlet gave its readers.
    """
    articles = analysis.articles[analysis.articles["outlet"].notna() & (analysis.articles["outlet"] != "")]
    outlet = dict(zip(articles["id"], articles["outlet"], strict=True))
    if len(set(outlet.values())) < 2:
        return pd.DataFrame()
    sentences = analysis.sentences.assign(outlet=analysis.sentences["article"].map(outlet)).dropna(subset="outlet")
    sources = analysis.sources.assign(outlet=analysis.sources["article"].map(outlet)).dropna(subset="outlet")
    stances = analysis.stances.assign(outlet=analysis.stances["article"].map(outlet)).dropna(subset="outlet")
    themes = analysis.themes.assign(outlet=analysis.themes["article"].map(outlet)).dropna(subset="outlet")
    issues = analysis.codebook.issues if analysis.codebook else {}
    rows = []
    for name, group in articles.groupby("outlet", sort=True):
        said = sources[sources["outlet"] == name]
        read = sentences[sentences["outlet"] == name]
        claims = stances[stances["outlet"] == name].drop_duplicates(["article", "actor", "issue", "position"])
        positions = (
            claims.assign(
                label=claims["actor_name"]
                + " "
                + claims["position"].map(verb)
                + " “"
                + claims["issue"].map(lambda i: issues[i].short if i in issues else i)
                + "”"
            )["label"]
            .value_counts()
            .head(1)
        )
        touched = themes[themes["outlet"] == name].drop_duplicates(["article", "sentence", "theme"])
        theme_shares = touched["theme_label"].value_counts().head(1) / max(len(read), 1)
        rows.append(
            {
                "Outlet": name,
                "Articles": len(group),
                "Sentences": len(read),
                "Position reported most (articles)": "; ".join(f"{p} ({n})" for p, n in positions.items()),
                "Sources by side": top_shares(said["side"], 2),
                "Sources by type": top_shares(said["source_type"], 2),
                "Direct quotes": (said["kind"] == "direct").mean() if len(said) else float("nan"),
                "Theme most covered (share of sentences)": " · ".join(f"{t} {s:.0%}" for t, s in theme_shares.items()),
                "Mean tone": read["polarity"].mean() if len(read) else float("nan"),
            }
        )
    return pd.DataFrame(rows).sort_values(["Articles", "Outlet"], ascending=[False, True]).reset_index(drop=True)


def coverage_by_date(analysis: Analysis) -> tuple[pd.DataFrame, str]:
    """Articles and sentences per publication day, week or month (whichever keeps the periods few), with the
    outlets behind them; and the period's name. Distinct from the dates the articles mention."""
    articles = analysis.articles.assign(when=pd.to_datetime(analysis.articles["published"], errors="coerce"))
    dated = articles.dropna(subset="when")
    if dated.empty:
        return pd.DataFrame(), ""
    span = (dated["when"].max() - dated["when"].min()).days
    period, unit = ("D", "day") if span <= 45 else ("W-SUN", "week") if span <= 730 else ("M", "month")
    periods = dated["when"].dt.to_period(period)
    table = (
        dated.assign(period=periods, outlet=dated["outlet"].fillna(UNKNOWN))
        .groupby("period", sort=True)
        .agg(
            articles=("id", "size"),
            sentences=("sentences", "sum"),
            outlets=("outlet", lambda o: ", ".join(f"{k} {v}" for k, v in o.value_counts().items())),
        )
        # every period between the first and the last, so that the bars stand on a time axis
        .reindex(pd.period_range(periods.min(), periods.max(), freq=period))
        .fillna({"articles": 0, "sentences": 0, "outlets": ""})
        .astype({"articles": int, "sentences": int})
    )
    table.index = table.index.start_time.strftime("%Y-%m" if unit == "month" else "%Y-%m-%d")
    table = table.rename_axis("period").reset_index()
    header = {"day": "Day", "week": "Week of", "month": "Month"}[unit]
    return table.rename(
        columns={"period": header, "articles": "Articles", "sentences": "Sentences", "outlets": "Outlets (articles)"}
    ), unit


def outlets_note(analysis: Analysis) -> str:
    """What the corpus says of its outlets, plainly, when there are too few to compare."""
    articles = analysis.articles
    known_outlets = articles["outlet"].dropna()
    known_outlets = known_outlets[known_outlets != ""]
    return (
        f"Outlets are known for {len(known_outlets)} of {plural(len(articles), 'article')} "
        f"({plural(known_outlets.nunique(), 'outlet')}): too few to compare. An outlet column in the corpus's "
        "manifest.csv, an outlet in front matter or an HTML page's own site name gives each article its outlet."
    )
