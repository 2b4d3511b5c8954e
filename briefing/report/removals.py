"""What the cleaning removed, by rule and by article, and its finding."""

from __future__ import annotations

from textwrap import shorten

import pandas as pd

from briefing.corpus.boilerplate import RULES
from briefing.report.common import FINDING_CHARS, Finding, named_and_counted, number, plural
from briefing.tables.analysis import Analysis

TITLE_CHARS = 40  # an article title the cleaning finding names is cut to this many characters

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


def cleaning_finding(analysis: Analysis, threshold: float = 0.25) -> Finding:
    """What the cleaning took out, in words, and whether any article lost much of its text."""
    articles, removed = analysis.articles, analysis.removed
    skipped = skipped_words(analysis)
    before = int(articles["words_before_cleaning"].sum()) + skipped
    lost = int(removed["words"].sum())
    kept_share = (before - lost) / before if before else 1.0
    per_rule = removed.groupby("rule")["words"].sum().sort_values(ascending=False)
    rules = [f"{number(count)} by {rule}" for rule, count in per_rule.items() if count]
    heavy = heavy_removals(analysis, threshold)
    files = removed.loc[removed["words"] > 0, "file"].nunique()
    heavy_part = (
        f"{plural(len(heavy), 'article')} lost over {threshold:.0%} of {'its' if len(heavy) == 1 else 'their'} words"
        if len(heavy)
        else f"no article lost over {threshold:.0%} of its words"
    )
    heading = f"cleaning kept {kept_share:.1%} of the words; {heavy_part}"
    opening = (
        f"It removed {number(lost)} of {number(before)} words ({1 - kept_share:.1%}) from {plural(files, 'file')}: "
    )
    listed = " Every removal is in removed_text.csv."
    from_skipped = f" {number(skipped)} removed words were in files then skipped (input problems)." if skipped else ""
    check = " Check (most removed first): "
    # the rules (a fixed list) and the articles that lost much (which grow with the corpus) share what the heading
    # and the fixed sentences leave of a finding: the articles keep room for one title
    left = FINDING_CHARS - len(heading) - 2 - len(opening) - 1 - len(listed) - len(from_skipped)
    reserve = len(check) + TITLE_CHARS + len("; and 1,000,000 more (table below).") if len(heavy) else 0
    named_rules = named_and_counted(rules, len(rules), "table below", room=left - reserve) if rules else "none"
    text = opening + named_rules + "." + listed
    if len(heavy):
        ranked = heavy.sort_values("Share removed", ascending=False, kind="stable")["Article"].tolist()
        titles = [shorten(title, TITLE_CHARS, placeholder=" …") for title in ranked]
        room = left - len(named_rules) - len(check) - 1
        text += f"{check}{named_and_counted(titles, len(heavy), 'table below', room=room)}."
    text += from_skipped
    facts = {
        "Words before cleaning": number(before),
        "Words removed": number(lost),
        "Share removed": f"{1 - kept_share:.1%}",
        "Share kept": f"{kept_share:.1%}",
        "Files with removals": number(files),
        f"Articles losing more than {threshold:.0%}": number(len(heavy)),
    }
    if skipped:
        facts["Words in skipped files"] = number(skipped)
    return Finding(heading, text, None, facts)
