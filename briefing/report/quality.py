"""How far to trust the taggers: the quality `make eval` recorded, in tables and in words."""

from __future__ import annotations

import pandas as pd

from briefing.evaluate.recorded import recorded_quality, recorded_topic_quality
from briefing.report.common import number
from briefing.report.tone import unscored_words
from briefing.tables.analysis import Analysis
from briefing.tables.checks import coverage_warning


def codebook_name(analysis: Analysis | None) -> str | None:
    """The name of the codebook an analysis was made with, under which ``make eval`` records its stance scores."""
    return analysis.codebook.name if analysis is not None and analysis.codebook is not None else None


def trust_summary(analysis: Analysis | None = None) -> list[str]:
    """How far to trust the taggers, in words, from the numbers ``make eval`` recorded on text the rules were
    not written on: those measured on a gold of the topic of the codebook of ``analysis`` where one is recorded,
    else those of other topics, said to be so. First, when the codebook reaches too little of the corpus
    (:func:`~briefing.tables.checks.coverage_warning`), that warning: a codebook of another topic makes every other
    line moot."""
    fit = coverage_warning(analysis) if analysis is not None else ""
    lines = [f"Codebook: {fit[0].upper()}{fit[1:]}"] if fit else []  # no full stop after the command it ends with
    topic = codebook_name(analysis)
    stances = recorded_topic_quality("stance", topic) if topic else None
    if stances is not None:
        scores = stances["scores"]["all"]
        lines.append(
            f"Stances: of the positions shown, about {round(scores['precision'] * 10)} in 10 are right, but the "
            f"tool finds only about {round(scores['recall'] * 10)} in 10 of the positions a careful reader codes "
            f"(measured with this codebook on {number(scores['gold'])} hand-coded claims in "
            f"{number(stances['articles'])} articles of its topic the rules were not written on). Read the matrix as "
            "what the coverage states outright, not all it implies."
        )
    elif topic:
        measured = {
            name: q for name, q in (recorded_quality("stance") or {}).items() if isinstance(q, dict) and "scores" in q
        }
        recalls = sorted(round(q["scores"]["all"]["recall"] * 10) for q in measured.values())
        elsewhere = (
            f"; measured on other topics ({'; '.join(sorted(measured))}), the tool found {recalls[0]}"
            + (f" to {recalls[-1]}" if recalls[-1] != recalls[0] else "")
            + " in 10 of the positions a careful reader codes"
            if recalls
            else ""
        )
        lines.append(
            f"Stances: no hand-coded articles of this codebook's topic ({topic}) are recorded, so how many of its "
            f"positions are right is not known{elsewhere}. Check the evidence of a position before relying on it."
        )
    attributions = recorded_quality("attribution")
    if attributions is not None:
        kinds = {k["kind"]: k for k in attributions["kinds"]}
        direct, speech = kinds.get("direct quotations"), kinds.get("speech-verb attributions")
        if direct and speech:
            lines.append(
                f"Sources: {direct['found with right speaker']:.0%} of direct quotations and "
                f"{speech['found with right speaker']:.0%} of statements with a reporting verb are found with the "
                f"right speaker in {number(attributions['articles'])} articles annotated by others, "
                f"{attribution_gold(attributions, topic)}."
            )
    unscored = unscored_words(analysis.codebook if analysis is not None else None)
    examples = " and ".join(f'"{phrase}"' for phrase in unscored)
    lines.append(
        "Tone is a general word-list score (TextBlob): it measures wording, not who is right; "
        + (
            f"the topic's own words, such as {examples}, carry no score"
            if unscored
            else "a topic's own words carry no score"
        )
        + ", and most negation is missed."
    )
    return lines


def attribution_gold(attributions: dict, topic: str | None) -> str:
    """Whether the recorded attribution scores were measured on this codebook's topic, as a clause: the recorded
    ``topic`` is the name of the codebook written for the gold's articles, which the measurement used."""
    measured_on = attributions.get("topic")
    if measured_on is None:
        return "of a topic not recorded"
    if measured_on == topic:
        return "of this codebook's topic, with this codebook"
    return f"of another topic ({measured_on}): no attribution gold is recorded for this codebook's topic"


def cleaning_quality() -> str:
    """The cleaning's measured quality on development data, in words, or how to measure it."""
    q = recorded_quality("cleaning")
    if q is None:
        return "The cleaning's quality on development data is measured by make eval; no measurement is recorded."
    return (
        "Measured by make eval on text the rules were not written on: on "
        f"{number(q['corpus_2022_files'])} real articles from 13 outlets, where page furniture was marked by hand "
        f"beforehand, the cleaning kept {q['corpus_2022_kept']} articles, each with at least "
        f"{q['corpus_2022_lowest_share_kept']:.0%} of its words; "
        f"{q['corpus_2022_story_words_removed']} of the {q['corpus_2022_words_removed']:,} words it removed were "
        f"story text. It found {q['recall_title']:.0%} of the headlines, {q['recall_credit']:.0%} of the photo "
        f"credits and {q['recall_related_link']:.0%} of the words of related-story links, and "
        f"{q['recall_caption']:.0%} of the words of captions inside a flattened story (kept by design: no rule may "
        f"cut a story's line). On 100 news articles annotated for attribution, it removed "
        f"{q['polnear_content_removed']:.2%} of the annotated quoted and reported content from the bodies."
    )


def attribution_quality(analysis: Analysis | None = None) -> tuple[pd.DataFrame, str]:
    """Attribution scores that ``make eval`` recorded on annotated articles, and a sentence saying what they are and
    whether they were measured on the topic of the codebook of ``analysis``."""
    q = recorded_quality("attribution")
    if q is None:
        return pd.DataFrame(), "No attribution measurement on annotated articles is recorded; run make eval."
    table = pd.DataFrame(q["kinds"])[["kind", "human", "found", "found with right speaker", "precision"]]
    table = table.rename(columns=lambda c: c.capitalize())
    note = (
        f"Measured by make eval on {number(q['articles'])} articles whose attributions other people annotated (folder "
        f"{q['corpus']}), never used to write the rules, on {q['measured']}; the articles are "
        f"{attribution_gold(q, codebook_name(analysis))}. Found: a row covers at least 30% of "
        "the annotated content; right speaker: the row names the annotated source (a pronoun counts as right); "
        'precision: the share of rows that overlap an annotated attribution. "All attributions" includes beliefs '
        "stated in nouns and headlines, which the tool does not look for."
    )
    return table, note


def seed_topic_note(analysis: Analysis | None = None) -> str:
    """What topic the seed scores were measured on, and whether it is the topic of the codebook of ``analysis``."""
    q = recorded_quality("seed")
    if q is None:
        return ""
    measured_on, topic = q.get("topic"), codebook_name(analysis)
    if measured_on is not None and measured_on == topic:
        return f"The seeds are articles of this codebook's topic ({topic}), scored with this codebook."
    return (
        f"The seeds are articles of another topic ({measured_on or 'not recorded'}), scored with that topic's "
        "codebook: they say nothing of this codebook's."
    )


def stance_quality(analysis: Analysis | None = None) -> tuple[pd.DataFrame, str]:
    """Stance scores that ``make eval`` recorded on hand-coded articles with the codebook of ``analysis``, and a
    sentence saying what they are (or that this codebook has none)."""
    topic = codebook_name(analysis)
    q = recorded_topic_quality("stance", topic) if topic else None
    if q is None:
        measured = sorted(recorded_quality("stance") or {})
        return pd.DataFrame(), (
            f"No stance measurement on hand-coded articles of this codebook's topic ({topic or 'none'}) is "
            f"recorded; make eval measures {' and '.join(measured) or 'none'}."
        )
    table = pd.DataFrame([{"position": position, **scores} for position, scores in q["scores"].items()])
    table = table[["position", "gold", "extracted", "correct", "precision", "recall"]].astype(
        {"gold": int, "extracted": int, "correct": int}
    )
    table = table.rename(columns=str.capitalize)
    note = (
        f"Measured by make eval with this codebook ({q['codebook']}) on {number(q['claims'])} claims that helpers "
        f"hand-coded blind, before the tool was run on them, in {number(q['articles'])} articles the rules were not "
        f"written on ({q['gold']}), on {q['measured']}. A claim is found when the tool gives the same holder (a "
        "person or its institution), issue and position in the same sentence."
        + (
            f" The positions are the rules' and those the trained model adds with a probability of at least "
            f"{q['threshold']:.2f} (each row of stances.csv carries its probability)."
            if "threshold" in q
            else ""
        )
    )
    return table, note


def position_cue_coverage(analysis: Analysis) -> str:
    """The share of sentences with a position cue but no codebook issue: what the codebook may be missing."""
    if analysis.codebook is None:
        return ""
    sentences = analysis.sentences
    with_cue, without_issue = int(sentences["position_cue"].sum()), int(sentences["cue_without_issue"].sum())
    if not with_cue:
        return "No sentence has a position cue."
    return (
        f"{without_issue:,} of the {with_cue:,} sentences with a position word "
        f"({without_issue / with_cue:.0%}) name no issue of the codebook: positions on those are "
        "not counted. The command python -m briefing codebook suggest --corpus DIR lists the frequent names and "
        "phrases the codebook does not cover."
    )
