"""Boilerplate removal by general rules: page furniture goes, the story stays.

Every rule judges what a piece of text *is*, never only how a line ends, and
every rule has an explicit size limit (:data:`RULES`), so that no rule can
take a story with it. There are two kinds:

- **Line rules** judge a whole line: site chrome, newsletter appeals, a photo
  caption standing on its own line, an embedded post, the title and its
  repeats, a heading or label, a line that recurs across stories. A line is
  removed whole only when it has at most the rule's number of words and
  fewer than three sentences.
- **Span rules** find furniture *inside* any line, long or short: a photo
  credit after a caption, an editor's note, a copyright notice, an inline
  "Related: …" link, a "Read more" label, an embedded post's signature. Only
  the matched span is cut. Scraped datasets often keep a whole story on one
  line, with captions inside it; this is what keeps that story.

Passes run in a fixed order (line rules, then span rules on lines kept whole,
then lines recurring across the corpus) and overlapping spans are resolved
once, the earliest and then the longest winning. Each cut is a
:class:`Removal` with its offsets, its words and its rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple

from rapidfuzz import fuzz

RULE_CHROME = "site chrome"
RULE_PROMO = "newsletter or donation appeal"
RULE_CAPTION = "photo caption"
RULE_CREDIT = "photo credit"
RULE_SOCIAL = "embedded social post"
RULE_TITLE = "title line"
RULE_REPEATED_TITLE = "repeated title"
RULE_HEADING = "heading or label (not a sentence)"
RULE_EDITOR_NOTE = "editor's note"
RULE_COPYRIGHT = "copyright notice"
RULE_BYLINE = "wire byline"
RULE_RELATED = "related-story link"
RULE_INLINE_LABEL = "inline label"
RULE_RECURRING = "recurs across articles"
RULE_TRAILING = "trailing blank lines"

LINE_SCOPE = "whole line"
SPAN_SCOPE = "span inside a line"


class Rule(NamedTuple):
    """One cleaning rule: what it removes and the most it may remove at once."""

    name: str
    scope: str
    max_words: int
    removes: str


# The one statement of every rule and its limit: the methodology, the data
# dictionary and the tests all read it.
RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            RULE_CHROME,
            LINE_SCOPE,
            30,
            "navigation, sharing and comment-form text, related-story lines, cookie notices, bylines of wire "
            "services, copyright lines",
        ),
        Rule(RULE_PROMO, LINE_SCOPE, 50, "a line asking to subscribe, sign up for a newsletter or donate"),
        Rule(RULE_CAPTION, LINE_SCOPE, 50, "a caption on its own line that ends in a photo credit"),
        Rule(RULE_TITLE, LINE_SCOPE, 45, "the first line, as title, when it does not read as a sentence"),
        Rule(RULE_REPEATED_TITLE, LINE_SCOPE, 45, "a line that repeats the title, allowing small edits"),
        Rule(RULE_HEADING, LINE_SCOPE, 25, "a short or title-case line that does not end like a sentence"),
        Rule(RULE_RECURRING, LINE_SCOPE, 40, "a line found in several distinct stories of the corpus"),
        Rule(RULE_CREDIT, SPAN_SCOPE, 12, "a photo credit after a sentence: (AP Photo/…), (Name / Outlet), (… via AP)"),
        Rule(
            RULE_EDITOR_NOTE,
            SPAN_SCOPE,
            60,
            "an editor's or correction note: (This story corrects …), This story has been updated …",
        ),
        Rule(
            RULE_BYLINE,
            SPAN_SCOPE,
            30,
            "a wire service's byline credit in parentheses: (Reporting by …; Editing by …), (h/t …)",
        ),
        Rule(
            RULE_SOCIAL,
            SPAN_SCOPE,
            20,
            "the machinery of an embedded post: its markup, pic.twitter.com link and '— Name (@handle) date' "
            "signature; what the post says stays, as a quotation",
        ),
        Rule(RULE_COPYRIGHT, SPAN_SCOPE, 40, "a copyright notice: © 2022 … All rights reserved."),
        Rule(
            RULE_RELATED,
            SPAN_SCOPE,
            30,
            "an inline link to another story (Related: …, Also read: …) set off by wide spacing or the line end, "
            "or a call to read elsewhere ending in a link (Follow our coverage at https://…)",
        ),
        Rule(
            RULE_INLINE_LABEL,
            SPAN_SCOPE,
            6,
            "a label between sentences: Read more, Advertisement, Continue reading, a ___ rule",
        ),
        Rule(RULE_TRAILING, LINE_SCOPE, 0, "blank lines at the end of the file"),
    )
}
# A line holding this many sentences is text, whatever a line rule thinks of it.
WHOLE_LINE_MAX_SENTENCES = 2

# Generic chrome of news sites and blogs, matched against a whole short line.
CHROME = re.compile(
    r"""^(?:
      leave\ a\ (?:reply|comment)|post\ a\ comment|add\ (?:a\ )?comment|click\ to\ comment
    | \d+\ comments?|comments?|no\ comments(?:\ yet)?|view\ comments|show\ comments|join\ the\ discussion
    | your\ email\ address\ will\ not\ be\ published.*|required\ fields\ are\ marked.*
    | save\ my\ name,?\ email.*|cancel\ reply|notify\ me\ of\ .*
    | (?:continue|keep)\ reading.*|read\ (?:more|next|also|full\ (?:story|article))\b.*|also\ read\b.*
    | (?:related|see\ also|more|watch|listen|recommended|trending|top\ stories|most\ read)\s*:.*
    | \[.*\]
    | (?:related|recommended|trending|popular|latest)(?:\ (?:articles?|stories|posts|news|reading|for\ you))?
    | (?:more\ (?:from|on)|you\ (?:may|might)\ also\ (?:like|enjoy))\b.*|most\ (?:read|popular|viewed)
    | connect\ with\ us|follow\ us\b.*|share\ (?:this|on|via)\b.*|share|tweet|email|print
    | follow\ [\w.'’ -]{1,40}\ on\ (?:twitter|x|facebook|instagram|threads|bluesky)\b.*
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
# Appeals for newsletters, subscriptions or donations run longer than chrome;
# two distinct cues in one line mark one.
PROMO_CUE = re.compile(
    r"\b(?:newsletters?|subscribe|subscribers?|subscription|sign\ up|inbox|donate|donations?|your\ support"
    r"|support\ (?:our|local|independent)\ (?:journalism|news|reporting)|we\ need\ your\ help|membership)\b",
    re.IGNORECASE,
)
# A photo credit in parentheses: "(AP Photo/Evan Vucci)", "(Russian Defense Ministry Press Service via AP)",
# "(Photo by …)", "(Getty Images)", or a name and an outlet around a slash: "(John J. Kim / Chicago Tribune)".
CREDIT_KEYWORD = re.compile(
    r"\((?:[^()]*\b(?:photos?|photograph(?:er|y)?|images?|pictures?|credit|getty|shutterstock|handout"
    r"|via\ (?:AP|AFP|Reuters|Getty|EPA))\b[^()]*|(?:AP|AFP|Reuters|EPA|EPA-EFE|Getty\ Images)(?:,\ File)?)\)",
    re.IGNORECASE,
)
CREDIT_SLASH = re.compile(r"\((?P<who>[^()/]{1,80}?)\s*/\s*(?P<org>[^()/]{1,80})\)")
# Editor's and correction notes, standing as their own sentence or in parentheses.
EDITOR_NOTE = re.compile(
    r"""\((?:this|the)\s+(?:story|article|report|item|version)\b[^()]*\)
    | \((?:corrects|updates|refiles|recasts|adds|fixes|removes)\b[^()]*\)
    | (?:editor['’]?s?\ note|correction|clarification)\s*:.*?(?:[.!?](?=\s+["“'‘(\[]?[A-Z])|$)
    | (?:this|the)\s+(?:story|article|report|post)\s+(?:has\s+been|had\s+been|was|is\s+being)\s+
      (?:updated|corrected|amended|edited|revised|changed|refiled|expanded)\b.*?(?:[.!?](?=\s+["“'‘(\[]?[A-Z])|$)
    | (?:this|the)\s+(?:story|article)\s+(?:was\s+)?(?:originally|first)\s+(?:published|appeared)\b
      .*?(?:[.!?](?=\s+["“'‘(\[]?[A-Z])|$)""",
    re.IGNORECASE | re.VERBOSE,
)
BYLINE = re.compile(
    r"\((?:(?:additional\s+)?reporting|writing|editing|compiled|produced|h/t|hat\s+tip)\b[^()]*\)", re.IGNORECASE
)
COPYRIGHT = re.compile(
    r"(?:[\w-]+(?:\s+[\w-]+){0,2}\s*™\s*&\s*)?(?:©|\(c\)|copyright\s*(?:©|\(c\))?)\s*\d{4}\b.*?"
    r"(?:all\s+rights\s+reserved\.?|$)",
    re.IGNORECASE,
)
# "Related: <another headline>", ending where the scraper left wide spacing or the line ends;
# or a call to read elsewhere that ends in a link: "Follow all of AP's coverage of the war at https://…".
RELATED_LINK = re.compile(
    r"(?:related|also\s+read|read\s+(?:more|also|next)|see\s+also|more\s+on\s+this(?:\s+story)?|watch|listen"
    r"|recommended)\s*:\s*\S.*?(?=\s{2,}|\s*$)"
    r"|(?:follow|read|see|watch|listen|get)\b[^.!?]{0,150}?\bhttps?://[^\s\])>]+",
    re.IGNORECASE,
)
INLINE_LABEL = re.compile(
    r"\b(?:read\s+more|advertisement|story\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?advertisement)?"
    r"|continue\s+reading(?:\s+(?:below|the\s+main\s+story))?|scroll\s+to\s+continue(?:\s+with\s+content)?"
    r"|click\s+here\s+to\s+read\s+more)\b"
    r"|(?<!\S)_{3,}(?!\S)",  # a rule drawn with underscores between sections
    re.IGNORECASE,
)
# The machinery of an embedded post: markup left by the scraper, a pic.twitter.com or t.co link,
# and the "— Name (@handle) March 22, 2023" signature.
SOCIAL = re.compile(
    r"</?tweet\b[^<>]*/?>\.?|(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+"
    r"(?:\s*—\s*[^—()]{1,80}\(@\w+\)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})?"
    r"|—\s*[^—()]{1,80}\(@\w+\)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}"
)

WORD = re.compile(r"\w+(?:['’-]\w+)*")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# A sentence break: end punctuation, closing quotes, space, then a capital. Abbreviations
# ("U.S. Army") count too, which errs on the side of keeping a line.
SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z])")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
MINOR_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "vs", "with"]
)


class Line(NamedTuple):
    """One line of the source text, or the part of it left after a cut; ``end`` excludes the line break."""

    number: int
    start: int
    end: int
    text: str


class Removal(NamedTuple):
    """Text the cleaning removed: a whole line or a span inside one, and the rule that removed it."""

    line: int
    start: int
    end: int
    text: str
    rule: str
    words: int
    whole_line: bool


class CleanedLines(NamedTuple):
    """What per-article cleaning keeps and removes.

    ``body_words`` counts the words of the body before cleaning; the words
    of ``kept`` and ``removed`` always add up to it.
    """

    title: str | None
    kept: list[Line]
    removed: list[Removal]
    body_words: int = 0


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


def sentence_count(text: str) -> int:
    """Sentences in ``text``, counted generously (abbreviations may add one)."""
    stripped = text.strip()
    return len(SENTENCE_BREAK.findall(stripped)) + 1 if stripped else 0


def normalize_line(text: str) -> str:
    """Casefolded words only, for comparing lines."""
    return " ".join(WORD.findall(text.casefold()))


def within_limit(text: str, rule: str) -> bool:
    """True when a line rule may remove ``text`` whole: short, and not several sentences."""
    return word_count(text) <= RULES[rule].max_words and sentence_count(text) <= WHOLE_LINE_MAX_SENTENCES


def is_chrome(text: str) -> bool:
    """True for a short line of navigation, sharing, related-story or comment-form text."""
    stripped = text.strip().strip("*_#|•·-–—:").strip()
    return within_limit(stripped, RULE_CHROME) and bool(CHROME.match(stripped))


def is_promo(text: str) -> bool:
    """True for a short appeal to subscribe, sign up or donate: two distinct cues in one line."""
    cues = {match.lower() for match in PROMO_CUE.findall(text)}
    return len(cues) >= 2 and within_limit(text, RULE_PROMO)


def is_credit(text: str) -> bool:
    """True when ``text`` is a photo credit in parentheses and nothing else."""
    text = text.strip()
    if word_count(text) > RULES[RULE_CREDIT].max_words:
        return False
    if CREDIT_KEYWORD.fullmatch(text):
        return True
    slash = CREDIT_SLASH.fullmatch(text)
    # "(John J. Kim / Chicago Tribune)": names on both sides, not "(This story corrects … DIPLOMACY/POLITICS)".
    return bool(slash) and all(
        word[0].isupper() for part in slash.groups() for word in WORD.findall(part) if word.lower() not in MINOR_WORDS
    )


def credit_spans(text: str) -> Iterator[tuple[int, int]]:
    """Photo credits in ``text`` that close a sentence."""
    for match in re.finditer(r"\([^()]{1,160}\)", text):
        if is_credit(match.group()) and starts_sentence(text, match.start()) and ends_sentence(text, match.end()):
            yield match.span()


def is_caption(text: str) -> bool:
    """True for a short line that ends in a photo credit: a caption standing on its own line."""
    stripped = text.strip()
    credit = re.search(r"\([^()]{1,160}\)$", stripped)
    if not credit or not is_credit(credit.group()):
        return False
    # The credit is no sentence: "(John J. Kim / Chicago Tribune)" must not count as two.
    caption = stripped[: credit.start()]
    return word_count(stripped) <= RULES[RULE_CAPTION].max_words and sentence_count(caption) <= WHOLE_LINE_MAX_SENTENCES


def is_heading(text: str, short_line_words: int) -> bool:
    """True for headings and labels: short lines that do not read as a sentence.

    A line ending in sentence punctuation is a sentence. Otherwise it is a
    heading when it is short, a Markdown heading, or written in title case;
    a line ending in a colon and not in title case ("Hewitt writes:")
    introduces a quotation and stays.
    """
    stripped = text.strip()
    words = WORD.findall(stripped)
    if len(words) > RULES[RULE_HEADING].max_words:
        return False
    if MARKDOWN_HEADING.match(stripped):
        return True
    if SENTENCE_END.search(stripped):
        return False
    content = [word for word in words if word.lower() not in MINOR_WORDS and word[0].isalpha()]
    title_case = bool(content) and sum(word[0].isupper() for word in content) / len(content) >= 0.75
    if stripped.endswith(":") and not title_case:
        return False
    return len(words) < short_line_words or title_case


def repeats_title(text: str, title: str) -> bool:
    """True when ``text`` is the title again, allowing small edits."""
    line, wanted = normalize_line(text), normalize_line(title)
    if not line or not wanted or not within_limit(text, RULE_REPEATED_TITLE):
        return False
    if len(line.split()) > 1.5 * len(wanted.split()) + 2:
        return False
    # Sorted tokens forgive reordering; a set ratio would match any line made of title words.
    return max(fuzz.ratio(line, wanted), fuzz.token_sort_ratio(line, wanted)) >= 90


def starts_sentence(text: str, position: int) -> bool:
    """True when ``position`` opens a sentence: at the line start, after end punctuation, wide spacing or a ___ rule."""
    before = text[:position]
    stripped = before.rstrip()
    if not stripped or len(before) - len(stripped) >= 2 or stripped.endswith("___"):
        return True
    return bool(SENTENCE_END.search(stripped))


def ends_sentence(text: str, position: int) -> bool:
    """True when what follows ``position`` starts a new sentence, or nothing follows."""
    rest = text[position:].lstrip()
    return not rest or rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'(["


def pattern_spans(
    pattern: re.Pattern, text: str, anchors: tuple[str, ...] = (), *, opens: bool = True, closes: bool = False
):
    """Matches of ``pattern`` that open a sentence (and, with ``closes``, end one).

    ``anchors`` are lower-case strings one of which every match contains: a
    line without any is skipped before the (slower) pattern runs.
    """
    if anchors:
        lowered = text.lower()
        if not any(anchor in lowered for anchor in anchors):
            return
    for match in pattern.finditer(text):
        opened = not opens or starts_sentence(text, match.start())
        if match.end() > match.start() and opened and (not closes or ends_sentence(text, match.end())):
            yield match.span()


EDITOR_NOTE_ANCHORS = (
    "(",
    "note",
    "correction",
    "clarification",
    "updated",
    "corrected",
    "amended",
    "edited",
    "revised",
    "changed",
    "refiled",
    "expanded",
    "published",
    "appeared",
)
INLINE_LABEL_ANCHORS = ("read", "advertisement", "continue", "___")
# Span rules in their fixed order; each yields (start, end) offsets within one line.
SPAN_RULES: tuple[tuple[str, Callable[[str], Iterable[tuple[int, int]]]], ...] = (
    (RULE_CREDIT, credit_spans),
    (RULE_EDITOR_NOTE, lambda text: pattern_spans(EDITOR_NOTE, text, EDITOR_NOTE_ANCHORS)),
    (RULE_BYLINE, lambda text: pattern_spans(BYLINE, text, ("(",))),
    (RULE_COPYRIGHT, lambda text: pattern_spans(COPYRIGHT, text, ("©", "(c)", "copyright"))),
    (RULE_SOCIAL, lambda text: pattern_spans(SOCIAL, text, ("tweet", "twitter.com", "t.co/", "(@"), opens=False)),
    (RULE_RELATED, lambda text: pattern_spans(RELATED_LINK, text, (":",))),
    (RULE_INLINE_LABEL, lambda text: pattern_spans(INLINE_LABEL, text, INLINE_LABEL_ANCHORS, closes=True)),
)


def find_spans(text: str) -> list[tuple[int, int, str]]:
    """Furniture spans inside one line, non-overlapping, each within its rule's word limit."""
    candidates = []
    for rule, finder in SPAN_RULES:
        for start, end in finder(text):
            piece = text[start:end]
            # Trim to visible characters so that offsets slice exactly the furniture.
            start += len(piece) - len(piece.lstrip())
            end -= len(piece) - len(piece.rstrip())
            if end > start and word_count(text[start:end]) <= RULES[rule].max_words:
                candidates.append((start, end, rule))
    chosen: list[tuple[int, int, str]] = []
    for start, end, rule in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end, rule))
    return chosen


def line_rule(line: Line, title: str | None, short_line_words: int) -> str | None:
    """The line rule that removes ``line`` whole, if any (the title rule is applied by the caller)."""
    if is_chrome(line.text):
        return RULE_CHROME
    if is_promo(line.text):
        return RULE_PROMO
    if is_caption(line.text):
        return RULE_CAPTION
    if title is not None and repeats_title(line.text, title):
        return RULE_REPEATED_TITLE
    if is_heading(line.text, short_line_words):
        return RULE_HEADING
    return None


def whole_line(line: Line, rule: str, is_whole: bool = True) -> Removal:
    """A removal of all of ``line``'s visible text (``is_whole`` is False for a piece left after a cut)."""
    stripped = line.text.strip()
    start = line.start + len(line.text) - len(line.text.lstrip())
    return Removal(line.number, start, start + len(stripped), stripped, rule, word_count(stripped), is_whole)


def cut_spans(line: Line, spans: list[tuple[int, int, str]]) -> tuple[list[Line], list[Removal]]:
    """Cut ``spans`` out of ``line``: the pieces with words left over are kept, in order."""
    kept, removed, cursor = [], [], 0
    stripped = line.text.strip()
    for start, end, rule in spans:
        text = line.text[start:end]
        is_whole = text == stripped
        removed.append(
            Removal(line.number, line.start + start, line.start + end, text, rule, word_count(text), is_whole)
        )
        kept.append((cursor, start))
        cursor = end
    kept.append((cursor, len(line.text)))
    pieces = [
        Line(line.number, line.start + start, line.start + end, line.text[start:end])
        for start, end in kept
        if WORD.search(line.text[start:end])
    ]
    return pieces, removed


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
        site chrome and has at least three words is the title, unless it is
        far longer than a headline; it leaves the body unless it reads as a
        sentence, and it is never the only body text removed.
    short_line_words : int
        Lines with fewer words and no sentence punctuation are headings.

    Returns
    -------
    CleanedLines
    """
    lines, removed = without_trailing_blanks(text, split_lines(text, body_start))
    title, kept, cuts, title_line = apply_line_rules(lines, stated_title, short_line_words)
    removed.extend(cuts)
    if not kept and title_line is not None:
        # The title rule never takes the only body text: a one-line story keeps its line.
        kept.append(title_line[0])
        removed.remove(title_line[1])
    removed.sort(key=lambda removal: removal.start)
    return CleanedLines(title, kept, removed, word_count(text[body_start:]))


def without_trailing_blanks(text: str, lines: list[Line]) -> tuple[list[Line], list[Removal]]:
    """``lines`` up to the last one with text, and the removal of the blank lines after it (none if none)."""
    content_end = len(lines)
    while content_end and not lines[content_end - 1].text.strip():
        content_end -= 1
    lines, trailing = lines[:content_end], lines[content_end:]
    if not trailing:
        return lines, []
    first = trailing[0]
    return lines, [
        Removal(first.number, first.start, len(text), f"({len(trailing)} blank lines)", RULE_TRAILING, 0, True)
    ]


def may_be_title(line: Line, rule: str | None) -> bool:
    """Whether ``line`` (removed by ``rule``, if any) can be the title an article does not state: at least three
    words, and not site chrome, an appeal or a caption."""
    return word_count(line.text) >= 3 and rule not in (RULE_CHROME, RULE_PROMO, RULE_CAPTION)


def title_of_first_line(line: Line) -> tuple[str | None, str | None]:
    """The title the first line that may be one gives (None when it is far longer than a headline), and the rule
    that removes it: none when it reads as a sentence, for then it names the article but stays body text."""
    if not within_limit(line.text, RULE_TITLE):
        return None, None
    title = line.text.strip()
    return title, None if SENTENCE_END.search(title) else RULE_TITLE


def apply_line_rules(
    lines: list[Line], stated_title: str | None, short_line_words: int
) -> tuple[str | None, list[Line], list[Removal], tuple[Line, Removal] | None]:
    """The line rules, then the span rules on the lines kept whole: the title (``stated_title``, or the first line
    that may be one), the lines and pieces kept, the removals, and the title line with its removal if the title
    rule took it."""
    title = stated_title
    looking_for_title = stated_title is None
    kept: list[Line] = []
    removed: list[Removal] = []
    title_line: tuple[Line, Removal] | None = None
    for line in lines:
        if not line.text.strip():
            continue
        rule = line_rule(line, title, short_line_words)
        if looking_for_title and may_be_title(line, rule):
            looking_for_title = False
            title, rule = title_of_first_line(line)
        if rule:
            removal = whole_line(line, rule)
            removed.append(removal)
            if rule == RULE_TITLE:
                title_line = (line, removal)
            continue
        pieces, cuts = cut_spans(line, find_spans(line.text))
        kept.extend(pieces)
        removed.extend(cuts)
    return title, kept, removed, title_line


def removed_words_by_rule(removed: Iterable[Removal]) -> dict[str, int]:
    """Words removed per rule, largest first."""
    words: dict[str, int] = defaultdict(int)
    for removal in removed:
        words[removal.rule] += removal.words
    return dict(sorted(words.items(), key=lambda item: (-item[1], item[0])))


def find_recurring_lines(
    kept_lines: Mapping[str, Iterable[Line]],
    group_of: Mapping[str, str],
    min_articles: int = 3,
) -> set[str]:
    """Normalised lines that recur in at least ``min_articles`` distinct stories.

    Parameters
    ----------
    kept_lines : mapping of article id to its kept lines
    group_of : mapping of article id to its duplicate group
        Copies of one story count once, so syndication does not make every
        line of a story look like boilerplate.
    min_articles : int
        How many distinct stories a line must appear in. Lines longer than
        the rule's limit are content, even when repeated (a widely quoted
        statement), and are never removed.
    """
    groups_by_line: dict[str, set[str]] = defaultdict(set)
    for article_id, lines in kept_lines.items():
        for line in lines:
            if within_limit(line.text, RULE_RECURRING):
                normal = normalize_line(line.text)
                if normal:
                    groups_by_line[normal].add(group_of.get(article_id, article_id))
    return {normal for normal, groups in groups_by_line.items() if len(groups) >= min_articles}


def drop_recurring(cleaned: CleanedLines, recurring: set[str]) -> CleanedLines:
    """Move the lines in ``recurring`` from kept to removed, unless that would leave no text."""
    if not recurring:
        return cleaned
    cut_lines = {removal.line for removal in cleaned.removed if not removal.whole_line}
    kept, removed = [], list(cleaned.removed)
    for line in cleaned.kept:
        if normalize_line(line.text) in recurring:
            removed.append(whole_line(line, RULE_RECURRING, is_whole=line.number not in cut_lines))
        else:
            kept.append(line)
    if not kept:
        # Text shared with other stories is still this article's text.
        return cleaned
    removed.sort(key=lambda removal: removal.start)
    return cleaned._replace(kept=kept, removed=removed)
