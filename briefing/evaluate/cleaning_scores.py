"""Measured quality of the cleaning, on development data nobody tuned the rules on.

Two measures, each on real articles:

- **Furniture gold** (a CSV such as ``gold_furniture_corpus2022.csv``): page
  furniture in ``corpus-2022`` marked by hand, blind to the tool, with a
  category per span (title, caption, credit, editor_note, ...). A removal is
  *furniture by its rule* when it overlaps a gold span of a category its rule
  may remove; *story* when it overlaps no gold or unsure span. Recall is the
  share of gold words per category that the cleaning removed.
- **Attributions kept** (PolNeAR): the share of human-annotated attribution
  text (speakers, cues, contents) that the cleaning removed from the body,
  which should be close to nothing, and the share of the text annotators
  discarded as not part of the article that it removed.

Run ``make eval`` (``python -m briefing evaluate cleaning``) to print both.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

from briefing.corpus import boilerplate as c
from briefing.corpus.loading import load_corpus
from briefing.errors import GoldError, shown_path
from briefing.evaluate.standoff import overlap, parse_ann, read_utf8

# The gold categories each rule may remove: a removal elsewhere is an error of that rule.
RULE_CATEGORIES: dict[str, set[str]] = {
    c.RULE_TITLE: {"title"},
    c.RULE_REPEATED_TITLE: {"title"},
    c.RULE_CAPTION: {"caption", "credit"},
    c.RULE_CREDIT: {"credit"},
    c.RULE_EDITOR_NOTE: {"editor_note"},
    c.RULE_BYLINE: {"credit", "other_chrome"},
    c.RULE_COPYRIGHT: {"copyright"},
    c.RULE_RELATED: {"related_link"},
    c.RULE_INLINE_LABEL: {"related_link", "other_chrome"},
    c.RULE_SOCIAL: {"social"},
    c.RULE_PROMO: {"promo"},
    c.RULE_CHROME: {"related_link", "promo", "other_chrome", "copyright"},
    c.RULE_HEADING: {"title", "other_chrome"},
    c.RULE_RECURRING: {"related_link", "promo", "other_chrome", "copyright", "social", "credit", "caption"},
}
# Rules whose removals leave the body but keep the text as the article's title.
TITLE_RULES = {c.RULE_TITLE, c.RULE_REPEATED_TITLE}


def furniture_verdicts(removed: pd.DataFrame, gold: pd.DataFrame, unsure: pd.DataFrame) -> pd.DataFrame:
    """Each removal with words, and whether it is furniture by its rule, unsure, or story."""
    gold_by_file = defaultdict(list)
    for row in gold.itertuples():
        gold_by_file[row.file].append((row.start, row.end, row.category))
    unsure_by_file = defaultdict(list)
    for row in unsure.itertuples():
        unsure_by_file[row.file].append((row.start, row.end))
    verdicts = []
    for row in removed.itertuples():
        span = (row.start, row.end)
        categories = {cat for start, end, cat in gold_by_file[row.file] if overlap(span, (start, end))}
        if categories & RULE_CATEGORIES[row.rule]:
            verdicts.append("furniture by its rule")
        elif categories:
            verdicts.append("furniture, other rule")
        elif any(overlap(span, other) for other in unsure_by_file[row.file]):
            verdicts.append("unsure")
        else:
            verdicts.append("story")
    return removed.assign(verdict=verdicts)


def furniture_recall(removed: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Per gold category: spans, words, and the words the cleaning removed."""
    cuts = defaultdict(list)
    for row in removed.itertuples():
        cuts[row.file].append((row.start, row.end))
    rows = []
    for category, group in gold.groupby("category", sort=True):
        words = removed_words = 0
        for span in group.itertuples():
            words += c.word_count(span.text)
            mask = [False] * (span.end - span.start)
            for start, end in cuts[span.file]:
                for i in range(max(start, span.start), min(end, span.end)):
                    mask[i - span.start] = True
            text = texts[span.file][span.start : span.end]
            removed_words += c.word_count("".join(ch if hit else " " for ch, hit in zip(text, mask, strict=True)))
        rows.append(
            {
                "category": category,
                "gold spans": len(group),
                "gold words": words,
                "words removed": removed_words,
                "recall": removed_words / words if words else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def corpus_2022_scores(root: Path, gold_path: Path, unsure_path: Path) -> dict[str, pd.DataFrame]:
    """Cleaning on ``corpus-2022`` (the folder ``root``): articles kept, removals judged against the furniture gold
    (``gold_path``, with the spans its coders were unsure of in ``unsure_path``), recall per category."""
    corpus = load_corpus(root)
    gold = pd.read_csv(gold_path)
    unsure = pd.read_csv(unsure_path)
    texts = {file: (root / file).read_text(encoding="utf-8") for file in gold["file"].unique()}
    removed = corpus.removed[corpus.removed["words"] > 0]
    verdicts = furniture_verdicts(removed, gold, unsure)
    by_rule = (
        verdicts.groupby(["rule", "verdict"])["words"]
        .sum()
        .unstack(fill_value=0)
        .reset_index()
        .rename_axis(None, axis=1)
    )
    articles = corpus.articles
    kept_share = 1 - articles["words_removed"] / articles["words_before_cleaning"]
    summary = pd.DataFrame(
        [
            {
                "files": len(list(root.glob("*.txt"))),
                "articles kept": len(articles),
                "input problems": len(corpus.problems),
                "words before": int(articles["words_before_cleaning"].sum()),
                "words removed": int(articles["words_removed"].sum()),
                "lowest share kept": float(kept_share.min()),
                "removed words judged story": int(verdicts.loc[verdicts["verdict"] == "story", "words"].sum()),
            }
        ]
    )
    return {
        "summary": summary,
        "verdicts": verdicts,
        "by_rule": by_rule,
        "recall": furniture_recall(removed, gold, texts),
    }


def read_brat_spans(path: Path, text: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of every text-bound annotation in a brat ``.ann`` file on ``text``, a row per piece."""
    spans, _ = parse_ann(path, text)
    return [(kind, start, end) for kind, pieces, _ in spans.values() for start, end in pieces]


def polnear_scores(root: Path) -> pd.DataFrame:
    """Per annotation kind in the PolNeAR folder ``root``: characters annotated, and how many the cleaning removed
    from the body."""
    corpus = load_corpus(root / "text")
    cuts = defaultdict(list)
    for row in corpus.removed.itertuples():
        if row.words:
            cuts[Path(row.file).stem].append((row.start, row.end, row.rule in TITLE_RULES))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for ann in sorted((root / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text = root / "text" / f"{stem}.txt"
        if not text.is_file():
            raise GoldError(f"{shown_path(ann)}: annotates {text}, which is missing")
        for kind, start, end in read_brat_spans(ann, read_utf8(text)):
            total = totals[kind]
            total[0] += end - start
            body = sum(overlap((start, end), cut[:2]) for cut in cuts[stem] if not cut[2])
            title = sum(overlap((start, end), cut[:2]) for cut in cuts[stem] if cut[2])
            total[1] += body
            total[2] += title
            total[3] += bool(body)
    rows = [
        {
            "annotation": kind,
            "characters": chars,
            "removed from the body": body,
            "share removed": body / chars if chars else float("nan"),
            "spans touched": touched,
            "in a title line (kept as title)": title,
        }
        for kind, (chars, body, title, touched) in sorted(totals.items())
    ]
    table = pd.DataFrame(rows)
    table.attrs["articles kept"] = len(corpus.articles)
    table.attrs["files"] = len(list((root / "text").glob("*.txt")))
    return table


def headline_numbers(scores: dict[str, pd.DataFrame], polnear_table: pd.DataFrame) -> dict[str, float | int]:
    """The few numbers the briefing quotes, from the two measurements (:func:`corpus_2022_scores`,
    :func:`polnear_scores`)."""
    summary = scores["summary"].iloc[0]
    recall = scores["recall"].set_index("category")["recall"]
    polnear = polnear_table.set_index("annotation")["share removed"]
    return {
        "corpus_2022_files": int(summary["files"]),
        "corpus_2022_kept": int(summary["articles kept"]),
        "corpus_2022_lowest_share_kept": round(float(summary["lowest share kept"]), 4),
        "corpus_2022_words_removed": int(summary["words removed"]),
        "corpus_2022_story_words_removed": int(summary["removed words judged story"]),
        "recall_title": round(float(recall["title"]), 4),
        "recall_credit": round(float(recall["credit"]), 4),
        "recall_related_link": round(float(recall["related_link"]), 4),
        "recall_caption": round(float(recall["caption"]), 4),
        "polnear_content_removed": round(float(polnear["Content"]), 5),
    }
