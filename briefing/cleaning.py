"""Boilerplate removal by general rules, line by line.

Each removed line is kept as a :class:`Removal` with the rule that removed
it, so an analyst can check what the cleaning took out. The rules are:

- site chrome and comment-form text (generic web patterns, see ``CHROME``),
  including related-story links and newsletter or donation appeals;
- photo captions and credits, and embedded social-media posts;
- the title line, and body lines that repeat the title;
- headings and labels: short lines that are not sentences;
- lines that recur across several distinct articles of one corpus;
- trailing blank lines.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from rapidfuzz import fuzz

RULE_CHROME = "site chrome"
RULE_CAPTION = "photo caption or credit"
RULE_SOCIAL = "embedded social post"
RULE_TITLE = "title line"
RULE_REPEATED_TITLE = "repeated title"
RULE_HEADING = "heading or label (not a sentence)"
RULE_RECURRING = "recurs across articles"
RULE_TRAILING = "trailing blank lines"
RULES = (
    RULE_CHROME,
    RULE_CAPTION,
    RULE_SOCIAL,
    RULE_TITLE,
    RULE_REPEATED_TITLE,
    RULE_HEADING,
    RULE_RECURRING,
    RULE_TRAILING,
)

# Generic chrome of news sites and blogs, matched against a whole short line.
CHROME = re.compile(
    r"""^(?:
      leave\ a\ (?:reply|comment)|post\ a\ comment|add\ (?:a\ )?comment|click\ to\ comment
    | \d+\ comments?|comments?|no\ comments(?:\ yet)?|view\ comments|show\ comments|join\ the\ discussion
    | your\ email\ address\ will\ not\ be\ published.*|required\ fields\ are\ marked.*
    | save\ my\ name,?\ email.*|cancel\ reply|notify\ me\ of\ .*
    | (?:continue|keep)\ reading.*|read\ (?:more|next|also|full\ (?:story|article))\b.*|also\ read\b.*
    | (?:related|see\ also|more|watch|listen|recommended|trending|top\ stories|most\ read)\s*:.*
    | \[.*\]|\(.*\)
    | (?:related|recommended|trending|popular|latest)(?:\ (?:articles?|stories|posts|news|reading|for\ you))?
    | (?:more\ (?:from|on)|you\ (?:may|might)\ also\ (?:like|enjoy))\b.*|most\ (?:read|popular|viewed)
    | connect\ with\ us|follow\ us\b.*|share\ (?:this|on|via)\b.*|share|tweet|email|print
    | (?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|copy\ link)(?:\ \S+)?
    | (?:sign\ up|subscribe)\b.*
    | advertisement|sponsored(?:\ content)?|skip\ to\ (?:main\ )?content|back\ to\ top|menu|search|home
    | (?:we\ use\ |this\ (?:site|website)\ uses\ )cookies\b.*|cookie\ (?:settings|policy|preferences|notice)\b.*
    | (?:accept|reject|manage)\ (?:all\ )?cookies|privacy\ policy|terms\ of\ (?:use|service)|all\ rights\ reserved.*
    | (?:copyright\ )?(?:©|\(c\))\ ?\d{4}.*|copyright\ \d{4}.*
    | published|updated|on|by|posted\ (?:on|in|by)\b.*|(?:published|updated)\ (?:on|at)\b.*
    | tags?:.*|filed\ under:?.*|categories?:.*|topics?:.*
    | (?:image|photo|picture)\ (?:credit|source)s?:?.*|(?:image|photo)s?:.*|getty\ images
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
CHROME_MAX_WORDS = 30
# Appeals for newsletters, subscriptions or donations run longer than chrome;
# two distinct cues in one line mark one.
PROMO_CUE = re.compile(
    r"\b(?:newsletters?|subscribe|subscribers?|subscription|sign\ up|inbox|donate|donations?|your\ support"
    r"|support\ (?:our|local|independent)\ (?:journalism|news|reporting)|we\ need\ your\ help|membership)\b",
    re.IGNORECASE,
)
PROMO_MAX_WORDS = 80
# A photo credit closes the line: "(John J. Kim / Chicago Tribune)", "(AP Photo/Evan Vucci)".
CAPTION = re.compile(
    r"\((?:[^()]*\S\s*/\s*\S[^()]*|[^()]*\b(?:photo|image|credit|getty|reuters|afp|ap)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
# An embedded post: a pic.twitter.com link, or "— Name (@handle) Month day, year".
SOCIAL = re.compile(r"pic\.twitter\.com/|—\s*[^—]*\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")

WORD = re.compile(r"\w+(?:['’-]\w+)*")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
MINOR_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "vs", "with"]
)


class Line(NamedTuple):
    """One line of the source text; ``end`` excludes the line break."""

    number: int
    start: int
    end: int
    text: str


class Removal(NamedTuple):
    """A line the cleaning removed, and the rule that removed it."""

    line: int
    start: int
    end: int
    text: str
    rule: str


class CleanedLines(NamedTuple):
    """What per-article cleaning keeps and removes."""

    title: str | None
    kept: list[Line]
    removed: list[Removal]


def split_lines(text: str, start: int = 0) -> list[Line]:
    """Split ``text`` into lines from offset ``start``, keeping file offsets."""
    lines = []
    number = text.count("\n", 0, start) + 1
    position = start
    while position < len(text):
        match = LINE.match(text, position)
        lines.append(Line(number, match.start(1), match.end(1), match.group(1)))
        number += 1
        position = match.end()
    return lines


def word_count(text: str) -> int:
    """Number of words, counting "Ukraine's" and "pro-Kremlin" as one."""
    return len(WORD.findall(text))


def normalize_line(text: str) -> str:
    """Casefolded words only, for comparing lines."""
    return " ".join(WORD.findall(text.casefold()))


def is_chrome(text: str) -> bool:
    """True for navigation, sharing, related-story and comment-form lines, and promos."""
    stripped = text.strip().strip("*_#|•·-–—:").strip()
    words = word_count(stripped)
    if words <= CHROME_MAX_WORDS and CHROME.match(stripped):
        return True
    cues = {match.lower() for match in PROMO_CUE.findall(stripped)}
    return words <= PROMO_MAX_WORDS and len(cues) >= 2


def is_caption(text: str) -> bool:
    """True for a photo caption: a line that ends in a photo credit."""
    return bool(CAPTION.search(text.strip()))


def is_social_post(text: str) -> bool:
    """True for an embedded social-media post."""
    return bool(SOCIAL.search(text.strip()))


def is_heading(text: str, short_line_words: int) -> bool:
    """True for headings and labels: lines that do not read as a sentence.

    A line ending in sentence punctuation is a sentence. Otherwise it is a
    heading when it is short, a Markdown heading, or written in title case.
    """
    stripped = text.strip()
    if MARKDOWN_HEADING.match(stripped):
        return True
    if SENTENCE_END.search(stripped):
        return False
    words = WORD.findall(stripped)
    if len(words) < short_line_words:
        return True
    content = [word for word in words if word.lower() not in MINOR_WORDS and word[0].isalpha()]
    capitalised = sum(word[0].isupper() for word in content)
    return len(words) <= 25 and bool(content) and capitalised / len(content) >= 0.75


def repeats_title(text: str, title: str) -> bool:
    """True when ``text`` is the title again, allowing small edits."""
    line, wanted = normalize_line(text), normalize_line(title)
    if not line or not wanted:
        return False
    if len(line.split()) > 1.5 * len(wanted.split()) + 2:
        return False
    # Sorted tokens forgive reordering; a set ratio would match any line made of title words.
    return max(fuzz.ratio(line, wanted), fuzz.token_sort_ratio(line, wanted)) >= 90


def clean_lines(
    text: str,
    body_start: int = 0,
    stated_title: str | None = None,
    short_line_words: int = 8,
) -> CleanedLines:
    """Apply the per-article rules to one article's source text.

    Parameters
    ----------
    text : str
        The article's source text.
    body_start : int
        Offset where the body starts (after front matter).
    stated_title : str, optional
        The title from metadata. Without one, the first line that is not
        site chrome and has at least three words is the title; it leaves
        the body unless it reads as a sentence.
    short_line_words : int
        Lines with fewer words and no sentence punctuation are headings.

    Returns
    -------
    CleanedLines
    """
    lines = split_lines(text, body_start)
    content_end = len(lines)
    while content_end and not lines[content_end - 1].text.strip():
        content_end -= 1
    lines, trailing = lines[:content_end], lines[content_end:]
    removed: list[Removal] = []
    if trailing:
        removed.append(
            Removal(trailing[0].number, trailing[0].start, len(text), f"({len(trailing)} blank lines)", RULE_TRAILING)
        )

    title = stated_title
    kept = []
    for line in lines:
        if not line.text.strip():
            continue
        rule = None
        if is_chrome(line.text):
            rule = RULE_CHROME
        elif is_caption(line.text):
            rule = RULE_CAPTION
        elif is_social_post(line.text):
            rule = RULE_SOCIAL
        elif title is None and word_count(line.text) >= 3:
            # A first line that reads as a sentence names the article but stays body text.
            title = line.text.strip()
            rule = None if SENTENCE_END.search(title) else RULE_TITLE
        elif title is not None and repeats_title(line.text, title):
            rule = RULE_REPEATED_TITLE
        elif is_heading(line.text, short_line_words):
            rule = RULE_HEADING
        if rule:
            removed.append(Removal(line.number, line.start, line.end, line.text.strip(), rule))
        else:
            kept.append(line)
    removed.sort(key=lambda removal: removal.start)
    return CleanedLines(title, kept, removed)


def find_recurring_lines(
    kept_lines: Mapping[str, Iterable[Line]],
    group_of: Mapping[str, str],
    min_articles: int = 3,
    max_words: int = 40,
) -> set[str]:
    """Normalised lines that recur in at least ``min_articles`` distinct stories.

    Parameters
    ----------
    kept_lines : mapping of article id to its kept lines
    group_of : mapping of article id to its duplicate group
        Copies of one story count once, so syndication does not make every
        line of a story look like boilerplate.
    min_articles : int
        How many distinct stories a line must appear in.
    max_words : int
        Longer lines are content, even when repeated (a widely quoted
        statement), and are never removed.
    """
    groups_by_line: dict[str, set[str]] = defaultdict(set)
    for article_id, lines in kept_lines.items():
        for line in lines:
            normal = normalize_line(line.text)
            if normal and len(normal.split()) <= max_words:
                groups_by_line[normal].add(group_of.get(article_id, article_id))
    return {normal for normal, groups in groups_by_line.items() if len(groups) >= min_articles}


def drop_recurring(cleaned: CleanedLines, recurring: set[str]) -> CleanedLines:
    """Move the lines in ``recurring`` from kept to removed."""
    if not recurring:
        return cleaned
    kept, removed = [], list(cleaned.removed)
    for line in cleaned.kept:
        if normalize_line(line.text) in recurring:
            removed.append(Removal(line.number, line.start, line.end, line.text.strip(), RULE_RECURRING))
        else:
            kept.append(line)
    removed.sort(key=lambda removal: removal.start)
    return CleanedLines(cleaned.title, kept, removed)
