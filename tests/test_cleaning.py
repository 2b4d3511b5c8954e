"""Boilerplate removal: each rule on literal text, its size limit, the seeds, and generated corpora."""

import re

import pandas as pd
import pytest
from conftest import FIXTURES

from briefing.corpus.boilerplate import (
    RULE_BYLINE,
    RULE_CAPTION,
    RULE_CHROME,
    RULE_COPYRIGHT,
    RULE_CREDIT,
    RULE_EDITOR_NOTE,
    RULE_HEADING,
    RULE_INLINE_LABEL,
    RULE_PROMO,
    RULE_RECURRING,
    RULE_RELATED,
    RULE_REPEATED_TITLE,
    RULE_SOCIAL,
    RULE_TITLE,
    RULE_TRAILING,
    RULES,
    clean_lines,
    is_caption,
    is_chrome,
    is_heading,
    repeats_title,
    word_count,
)
from briefing.corpus.loading import load_corpus

# Real body text, written as a scraper leaves it: one long line per story.
LEAD = (
    "KYIV, Ukraine (AP) — Russian forces shelled towns along the front line overnight, officials said on Wednesday. "
    "The governor of the region said two people were wounded and a school was damaged. "
)
CAPTION = "Rescuers search the rubble of a school in Kharkiv, Ukraine, Wednesday, Aug. 24, 2022. (AP Photo/Evan Vucci)"
TAIL = (
    "Ukraine's president urged residents to heed air-raid warnings during the holiday. "
    "Moscow did not comment on the strikes, and the talks planned for next week remain uncertain."
)


def removed_by_rule(result) -> dict[str, list[str]]:
    rules: dict[str, list[str]] = {}
    for removal in result.removed:
        rules.setdefault(removal.rule, []).append(removal.text)
    return rules


def kept_text(result) -> str:
    return " ".join(line.text.strip() for line in result.kept)


def one_line(body: str, title: str = "Russia shells front-line towns") -> str:
    """An article in the flattened layout: headline, blank line, the whole body on one line."""
    return f"{title}\n\n{body}\n"


def assert_accounted(text: str, result) -> None:
    """Kept and removed words add up to the body, and every removal slices its own text."""
    assert sum(word_count(line.text) for line in result.kept) + sum(r.words for r in result.removed) == (
        result.body_words
    )
    for removal in result.removed:
        if removal.rule != RULE_TRAILING:
            assert text[removal.start : removal.end] == removal.text


# --- one-line articles: only the furniture inside the line is cut -------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        LEAD + TAIL + " " + CAPTION,  # caption at the end: the layout that lost whole articles
        CAPTION + " " + LEAD + TAIL,  # at the start
        LEAD + CAPTION + " " + TAIL,  # in the middle
    ],
    ids=["end", "start", "middle"],
)
def test_a_credit_inside_a_one_line_story_is_cut_alone(body):
    text = one_line(body)
    result = clean_lines(text, stated_title="Russia shells front-line towns")
    assert removed_by_rule(result) == {
        RULE_REPEATED_TITLE: ["Russia shells front-line towns"],
        RULE_CREDIT: ["(AP Photo/Evan Vucci)"],
    }
    kept = kept_text(result)
    for sentence in [LEAD.strip(), TAIL, "Rescuers search the rubble of a school in Kharkiv"]:
        assert all(part in kept for part in sentence.split(". "))
    assert "(AP)" in kept  # a dateline is story, not a credit
    assert_accounted(text, result)


def test_the_reported_bug_a_story_ending_in_a_photo_credit_keeps_its_story():
    body = LEAD + TAIL + " A woman lights a candle at a memorial in Kyiv. (AP Photo/Efrem Lukatsky, File)"
    result = clean_lines(one_line(body), stated_title="Russia shells front-line towns")
    assert [r.text for r in result.removed if r.rule == RULE_CREDIT] == ["(AP Photo/Efrem Lukatsky, File)"]
    assert word_count(kept_text(result)) == word_count(body) - 5


@pytest.mark.parametrize(
    "last_sentence",
    [
        "The ministry said its 24/7 hotline (see DIPLOMACY/POLITICS) would stay open.",
        "Sen. Bernie Sanders (I-VT) said the vote would come next week.",
        "Talks were held in Istanbul (Turkey) and in Riyadh/Jeddah.",
        "A CNN/ORC poll (conducted by phone) showed a one-point race.",
    ],
)
def test_a_slash_or_a_parenthesis_in_the_last_sentence_is_story(last_sentence):
    result = clean_lines(one_line(LEAD + last_sentence), stated_title="Russia shells front-line towns")
    assert [r.rule for r in result.removed] == [RULE_REPEATED_TITLE]
    assert last_sentence in kept_text(result)


def test_an_editors_note_with_slashes_is_cut_alone():
    note = "(This story corrects the date of the meeting in paragraph 3 / DIPLOMACY/POLITICS)"
    text = one_line(LEAD + TAIL + " " + note)
    result = clean_lines(text, stated_title="Russia shells front-line towns")
    assert removed_by_rule(result)[RULE_EDITOR_NOTE] == [note]
    assert TAIL in kept_text(result)
    assert_accounted(text, result)


def test_inline_furniture_of_flattened_stories_is_cut_and_the_story_kept():
    body = (
        LEAD
        + "  Related: Biden says Putin is trying to wipe out Ukrainian culture   "
        + TAIL
        + " Advertisement The mayor said heating would be restored by Friday."
        + " This story has been updated with additional information."
        + " The-Example-Wire ™ & © 2022 Example News Network, Inc. All rights reserved."
        + " Read more"
    )
    text = one_line(body)
    result = clean_lines(text, stated_title="Russia shells front-line towns")
    rules = removed_by_rule(result)
    assert rules[RULE_RELATED] == ["Related: Biden says Putin is trying to wipe out Ukrainian culture"]
    assert rules[RULE_INLINE_LABEL] == ["Advertisement", "Read more"]
    assert rules[RULE_EDITOR_NOTE] == ["This story has been updated with additional information."]
    assert rules[RULE_COPYRIGHT] == ["The-Example-Wire ™ & © 2022 Example News Network, Inc. All rights reserved."]
    assert "The mayor said heating would be restored by Friday." in kept_text(result)
    assert_accounted(text, result)


def test_words_that_look_like_labels_inside_sentences_are_story():
    body = LEAD + "Advertisement revenue fell, and readers were asked to read more about the budget. " + TAIL
    result = clean_lines(one_line(body), stated_title="Russia shells front-line towns")
    assert [r.rule for r in result.removed] == [RULE_REPEATED_TITLE]


def test_an_embedded_post_loses_its_machinery_and_keeps_what_it_says():
    line = "A landspout IS a tornado. pic.twitter.com/d235TUXXlM — NWS Los Angeles (@NWSLosAngeles) March 22, 2023"
    result = clean_lines(one_line(LEAD + line), stated_title="Russia shells front-line towns")
    assert removed_by_rule(result)[RULE_SOCIAL] == [
        "pic.twitter.com/d235TUXXlM — NWS Los Angeles (@NWSLosAngeles) March 22, 2023"
    ]
    assert "A landspout IS a tornado." in kept_text(result)
    markup = '<tweet tweet-author="@jeets" tweet-date="February 9, 2016">People behind her wore shirts.<tweet/>.'
    result = clean_lines(f"Headline\n\n{markup}\n", stated_title="Headline")
    assert [r.text for r in result.removed if r.rule == RULE_SOCIAL] == [
        '<tweet tweet-author="@jeets" tweet-date="February 9, 2016">',
        "<tweet/>.",
    ]
    assert kept_text(result) == "People behind her wore shirts."


def test_wire_bylines_are_cut_inside_and_on_their_own_line():
    byline = "(Reporting by Amanda Becker in Washington; Editing by Eric Beech.)"
    result = clean_lines(one_line(LEAD + byline), stated_title="Russia shells front-line towns")
    assert removed_by_rule(result)[RULE_BYLINE] == [byline]
    result = clean_lines(f"{LEAD}\n\n(h/t The Hill.)\n", stated_title="T")
    assert [(r.rule, r.whole_line) for r in result.removed] == [(RULE_BYLINE, True)]


# --- line rules judge short lines ----------------------------------------------------------------------------


def test_chrome_patterns_match_whole_short_lines_only():
    for line in [
        "Leave a Reply",
        "0 Comments",
        "Also Read:",
        "Connect with us",
        "Share this article",
        "Your email address will not be published. Required fields are marked *",
        "Advertisement",
        "Sign up for our daily newsletter",
        "We use cookies to improve your experience.",
        "Cookie settings",
        "© 2025 Example Media. All rights reserved.",
        "Follow Adelle Nazarian on Twitter @AdelleNaz.",
        "RELATED: Stillwater declares state of emergency ahead of dire spring flooding forecast",
        "[ Chicago weather: When to expect the last freeze and snow of spring ]",
    ]:
        assert is_chrome(line), line
    for line in [
        "Putin urged Europe to share the burden of the war.",
        "Comments by Peskov suggested the Kremlin would not budge on territory.",
        "(John Schlafly defended his mother and refused to repudiate Republican politicians, like Pat Robertson, "
        "who had condemned homosexuality, and he said the family would fight on.)",
    ]:
        assert not is_chrome(line), line


def test_headings_are_lines_that_do_not_read_as_sentences():
    assert is_heading("Key Developments", 8)
    assert is_heading("## Military assessments", 8)
    assert is_heading("Kremlin Signals No Ukraine Breakthrough After Talks With The US", 8)
    assert is_heading("SHORT READS:", 8)
    assert not is_heading("Two hours ago.", 8)
    assert not is_heading("Putin declared that Russia will only stop fighting if troops withdraw", 8)
    # A lead-in to a quotation is story: the quote that follows is attributed to it.
    assert not is_heading("Hewitt writes:", 8)
    assert not is_heading("Peskov told reporters:", 8)


def test_title_is_first_real_line_and_its_repeats_are_removed():
    text = (
        "Connect with us\n\nPolitics USA\n\nKremlin signals no breakthrough after talks with US\n\n"
        "Kremlin Signals No Breakthrough After the Talks with US\n\nFive hours of talks yielded no progress.\n\n"
        "Leave a Reply\n\n\n\n"
    )
    result = clean_lines(text)
    assert result.title == "Kremlin signals no breakthrough after talks with US"
    assert [line.text for line in result.kept] == ["Five hours of talks yielded no progress."]
    rules = removed_by_rule(result)
    assert rules[RULE_CHROME] == ["Connect with us", "Leave a Reply"]
    assert rules[RULE_HEADING] == ["Politics USA"]
    assert rules[RULE_TITLE] == ["Kremlin signals no breakthrough after talks with US"]
    assert rules[RULE_REPEATED_TITLE] == ["Kremlin Signals No Breakthrough After the Talks with US"]
    assert rules[RULE_TRAILING] == ["(3 blank lines)"]
    assert_accounted(text, result)


def test_the_title_rule_never_takes_the_only_body_text():
    short = "Moscow rejects the latest ceasefire plan"
    result = clean_lines(short + "\n")
    assert result.title == short and kept_text(result) == short and not result.removed
    # A long line with no final punctuation is far longer than a headline: it is the story.
    long_line = " ".join([LEAD.strip(), TAIL.rstrip(".")])
    result = clean_lines(long_line + "\n\nA second line of the story follows here.\n")
    assert result.title is None and not result.removed
    assert kept_text(result).startswith("KYIV, Ukraine (AP)")


def test_a_line_made_of_title_words_is_not_a_repeated_title():
    assert repeats_title(
        "Kremlin Signals No Ukraine Breakthrough After Talks with the US",
        "Kremlin signals no Ukraine breakthrough after Putin talks with US",
    )
    assert not repeats_title(
        "What is a multi-currency account?", "What Are The Main Benefits of a Multi-Currency Account"
    )


def test_captions_on_their_own_line_and_promos_are_removed():
    assert is_caption("A lone crocus blooms in Millennium Park on March 22, 2023. (John J. Kim / Chicago Tribune)")
    assert is_caption("Rescuers search the rubble in Kharkiv (AP Photo/Evan Vucci)")
    assert not is_caption("The talks (held in Istanbul) ended without agreement.")
    assert not is_caption(LEAD + CAPTION)  # three sentences and more: never removed whole
    promo = (
        "Afternoon Briefing: top story picks, delivered to your inbox each afternoon. By submitting your email "
        "to receive this newsletter, you agree to our Subscriber Terms."
    )
    result = clean_lines(f"{LEAD}\n\n{promo}\n", stated_title="T")
    assert removed_by_rule(result) == {RULE_PROMO: [promo]}


def test_stated_title_is_not_taken_from_the_body():
    text = "Moscow rejected the plan on Monday.\nIt said the terms were unacceptable.\n"
    result = clean_lines(text, stated_title="Kremlin rejects plan")
    assert result.title == "Kremlin rejects plan"
    assert len(result.kept) == 2


# --- every rule has a size limit that holds ------------------------------------------------------------------

FILLER = "the talks went on late into the night in the capital and"


def filler(words: int) -> str:
    pool = FILLER.split()
    return " ".join(pool[i % len(pool)] for i in range(words))


def names(words: int) -> str:
    pool = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Fyodor"]
    return " ".join(pool[i % len(pool)] for i in range(words))


def pad_to(template: str, words: int, fill=filler) -> str:
    """``template`` with ``{}`` filled so that the result has exactly ``words`` words."""
    base = word_count(template.format(""))
    text = template.format(fill(words - base))
    assert word_count(text) == words, (template, words)
    return text


def clean_body(line: str, title: str = "An unrelated stated title") -> list:
    """Removals from an article whose body holds ``line`` after a sentence of story."""
    text = f"{title}\n\n{LEAD}{line}\n\n{TAIL}\n"
    result = clean_lines(text, stated_title=title)
    assert_accounted(text, result)
    return [r for r in result.removed if r.rule != RULE_REPEATED_TITLE]


def clean_line(line: str) -> list:
    """Removals from a line standing on its own, between two paragraphs of story."""
    text = f"An unrelated stated title\n\n{LEAD}\n\n{line}\n\n{TAIL}\n"
    result = clean_lines(text, stated_title="An unrelated stated title")
    assert_accounted(text, result)
    return [r for r in result.removed if r.rule != RULE_REPEATED_TITLE]


# For each rule: a text of n words that the rule's pattern matches, and how to clean it.
LIMIT_CASES = {
    RULE_CHROME: lambda n: clean_line(pad_to("Share this {}", n)),
    RULE_PROMO: lambda n: clean_line(pad_to("Our newsletter lands in your inbox with {}.", n)),
    RULE_CAPTION: lambda n: clean_line(pad_to("Rescuers search {} Kharkiv. (AP Photo/Evan Vucci)", n)),
    RULE_TITLE: lambda n: [
        r for r in clean_lines(pad_to("Moscow {} Kyiv", n) + "\n\n" + LEAD + "\n").removed if r.rule == RULE_TITLE
    ],
    RULE_REPEATED_TITLE: lambda n: [
        r
        for r in clean_lines(
            f"{LEAD}\n\n{pad_to('Moscow {} Kyiv', n)}\n", stated_title=pad_to("Moscow {} Kyiv", n)
        ).removed
        if r.rule == RULE_REPEATED_TITLE
    ],
    RULE_HEADING: lambda n: clean_line(pad_to("Talks In {}", n, fill=lambda k: " ".join(["Capital"] * k))),
    RULE_CREDIT: lambda n: clean_body("Rescuers search Kharkiv. " + pad_to("(AP Photo/{})", n, fill=names)),
    RULE_EDITOR_NOTE: lambda n: clean_body(pad_to("This story has been updated with {}. ", n)),
    RULE_BYLINE: lambda n: clean_body(pad_to("(Reporting by {}) ", n, fill=names)),
    RULE_COPYRIGHT: lambda n: clean_body(pad_to("© 2022 Example Media, {}. All rights reserved.", n)),
    RULE_RELATED: lambda n: clean_body(pad_to("  Related: Kremlin {} Kyiv   ", n)),
    RULE_SOCIAL: lambda n: clean_body(
        "Wow. " + pad_to("pic.twitter.com/abc — {} (@user) March 22, 2023", n, fill=names)
    ),
    RULE_INLINE_LABEL: lambda n: clean_body("Story continues below this advertisement "),
}


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule not in (RULE_RECURRING, RULE_TRAILING)])
def test_no_rule_removes_more_than_its_stated_limit(rule):
    limit = RULES[rule].max_words
    case = LIMIT_CASES[rule]
    if rule == RULE_INLINE_LABEL:  # the labels are a closed list, all shorter than the limit
        assert [(r.rule, r.words) for r in case(0)] == [(rule, 5)] and limit >= 5
        return
    at_limit = [r for r in case(limit) if r.rule == rule]
    assert at_limit and max(r.words for r in at_limit) == limit, f"{rule} does not reach its limit"
    over = case(limit + 1)
    assert all(r.words <= RULES[r.rule].max_words for r in over)
    assert not [r for r in over if r.rule == rule and r.words > limit]
    assert max((r.words for r in over if r.rule == rule), default=0) < limit + 1


def test_every_rule_has_a_limit_case_and_a_documented_limit():
    assert set(RULES) - set(LIMIT_CASES) == {RULE_RECURRING, RULE_TRAILING}
    assert all(rule.removes and rule.max_words >= 0 for rule in RULES.values())


def test_recurring_lines_respect_their_limit(make_corpus):
    limit = RULES[RULE_RECURRING].max_words
    for words, removed in [(limit, True), (limit + 1, False)]:
        line = pad_to("Get {} alerts.", words)
        # Distinct stories, so that the shared line is not mistaken for syndication.
        distinct = {n: " ".join(f"w{n}x{i}" for i in range(120)) + ".\n\n" for n in range(4)}
        root = make_corpus({f"a{n}.txt": story(n) + distinct[n] + line + "\n" for n in range(4)}, name=f"c{words}")
        recurring = load_corpus(root).removed.query("rule == @RULE_RECURRING")
        assert (line in set(recurring["text"])) is removed
        assert (recurring["words"] <= limit).all()


def test_trailing_blank_lines_remove_no_words():
    result = clean_lines("A line of story text here.\n\n\n\n")
    assert [(r.rule, r.words) for r in result.removed] == [(RULE_TRAILING, 0)]


# --- real text: the seeds --------------------------------------------------------------------------------------


def test_seeds_lose_exactly_their_boilerplate(seeds_analysis):
    """Every line removed before span rules existed is still removed, and nothing else: no body sentence."""
    expected = pd.read_csv(FIXTURES / "seed_boilerplate.csv")
    removed = seeds_analysis.removed[["article", "line", "rule", "text"]]
    assert sorted(map(tuple, removed.astype(str).values)) == sorted(map(tuple, expected.astype(str).values))
    text = " ".join(seeds_analysis.sentences["text"])
    for chrome in ["Leave a Reply", "Connect with us", "Also Read", "Click to comment", "Post a Comment"]:
        assert chrome not in text
    assert (
        "Putin declared that Russia will only stop fighting if Ukrainian troops withdraw from the contested "
        "Donbas region and Crimea." in set(seeds_analysis.sentences["text"])
    )


def test_seed_titles_are_inferred_from_the_first_real_line(seeds_analysis):
    titles = seeds_analysis.articles.set_index("id")["title"]
    assert titles["002_25123ef9c5ee8341"].startswith("Putins Unwavering Demands")
    assert titles["003_5a6cc9a78910d5ff"] == "Putin Signals Conditional Readiness for Peace Talks"
    assert (seeds_analysis.articles["title_source"] == "inferred").all()


def test_seed_word_accounts_add_up(seeds_analysis):
    articles = seeds_analysis.articles.set_index("id")
    removed = seeds_analysis.removed.groupby("article")["words"].sum()
    assert (articles["words_removed"] == removed.reindex(articles.index, fill_value=0)).all()
    assert (articles["words_removed"] < articles["words_before_cleaning"] * 0.25).all()


# --- corpora -----------------------------------------------------------------------------------------------------


def story(n: int) -> str:
    return (
        f"Story {n} headline about the talks number {n}\n\n"
        f"Officials in city {n} said the meeting lasted {n} hours and ended without a deal.\n\n"
        f"Analysts expect a further round of negotiations in week {n + 2}, the report noted.\n\n"
    )


def test_lines_recurring_across_distinct_stories_are_removed(make_corpus):
    alert = "Get breaking alerts from the Daily Example app today.\n"
    root = make_corpus({f"a{n}.txt": story(n) + alert for n in range(4)})
    corpus = load_corpus(root)
    recurring = corpus.removed[corpus.removed["rule"] == RULE_RECURRING]
    assert set(recurring["text"]) == {"Get breaking alerts from the Daily Example app today."}
    assert recurring["article"].nunique() == 4


def test_recurring_lines_never_empty_an_article(make_corpus):
    shared = "Officials said the meeting ended without a deal.\n"
    root = make_corpus({**{f"a{n}.txt": story(n) + shared for n in range(3)}, "brief.txt": shared})
    corpus = load_corpus(root)
    assert "brief" in set(corpus.articles["id"])
    assert corpus.removed.query("article == 'brief'").empty


def test_syndicated_copies_do_not_make_their_own_lines_boilerplate(make_corpus):
    copies = {f"copy{n}.txt": story(7) for n in range(4)}
    root = make_corpus({**copies, "other.txt": story(1)})
    corpus = load_corpus(root)
    assert RULE_RECURRING not in set(corpus.removed["rule"])
    assert corpus.articles["duplicate_of"].notna().sum() == 3


def test_a_skipped_file_keeps_its_removals_and_says_which_rules_took_its_words(make_corpus):
    root = make_corpus(
        {
            "good.txt": one_line(LEAD + TAIL),
            "furniture.txt": "Share this article\n\nLeave a Reply\n\nAdvertisement\n\nKey Developments\n",
        }
    )
    corpus = load_corpus(root)
    assert list(corpus.articles["id"]) == ["good"]
    (reason,) = corpus.problems.query("file == 'furniture.txt'")["problem"]
    assert reason == (
        "no article text left after cleaning: 9 words removed (7 by site chrome, "
        "2 by heading or label (not a sentence)), skipped"
    )
    skipped = corpus.removed.query("file == 'furniture.txt'")
    assert list(skipped["text"]) == ["Share this article", "Leave a Reply", "Advertisement", "Key Developments"]
    assert re.fullmatch(r"furniture", skipped["article"].iloc[0])
