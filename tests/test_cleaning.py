"""Boilerplate removal: general rules on literal lines, the seeds, and generated corpora."""

from briefing.cleaning import (
    RULE_CHROME,
    RULE_HEADING,
    RULE_RECURRING,
    RULE_REPEATED_TITLE,
    RULE_TITLE,
    RULE_TRAILING,
    clean_lines,
    is_caption,
    is_chrome,
    is_heading,
    is_social_post,
    repeats_title,
)
from briefing.corpus import load_corpus


def removed_by_rule(result) -> dict[str, list[str]]:
    rules: dict[str, list[str]] = {}
    for removal in result.removed:
        rules.setdefault(removal.rule, []).append(removal.text)
    return rules


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
    ]:
        assert is_chrome(line), line
    for line in [
        "Putin urged Europe to share the burden of the war.",
        "Comments by Peskov suggested the Kremlin would not budge on territory.",
    ]:
        assert not is_chrome(line), line


def test_headings_are_lines_that_do_not_read_as_sentences():
    assert is_heading("Key Developments", 8)
    assert is_heading("## Military assessments", 8)
    assert is_heading("Kremlin Signals No Ukraine Breakthrough After Talks With The US", 8)
    assert not is_heading("Two hours ago.", 8)
    assert not is_heading("Putin declared that Russia will only stop fighting if troops withdraw", 8)


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


def test_a_line_made_of_title_words_is_not_a_repeated_title():
    assert repeats_title(
        "Kremlin Signals No Ukraine Breakthrough After Talks with the US",
        "Kremlin signals no Ukraine breakthrough after Putin talks with US",
    )
    assert not repeats_title(
        "What is a multi-currency account?", "What Are The Main Benefits of a Multi-Currency Account"
    )


def test_captions_social_posts_and_promos_are_removed():
    assert is_caption("A lone crocus blooms in Millennium Park on March 22, 2023. (John J. Kim / Chicago Tribune)")
    assert is_caption("Rescuers search the rubble in Kharkiv. (AP Photo/Evan Vucci)")
    assert not is_caption("The talks (held in Istanbul) ended without agreement.")
    assert is_social_post(
        "A landspout IS a tornado. pic.twitter.com/d235TUXXlM — NWS Los Angeles (@NWSLosAngeles) March 22, 2023"
    )
    assert is_chrome("RELATED: Stillwater declares state of emergency ahead of dire spring flooding forecast")
    assert is_chrome("[ Chicago weather: When to expect the last freeze and snow of spring ]")
    assert is_chrome(
        "Afternoon Briefing: top story picks, delivered to your inbox each afternoon. By submitting your email "
        "to receive this newsletter, you agree to our Subscriber Terms."
    )
    assert not is_chrome(
        "The Kremlin said sanctions would not change its position, and Peskov told reporters that the "
        "newsletter of a think tank had misquoted him."
    )


def test_stated_title_is_not_taken_from_the_body():
    text = "Moscow rejected the plan on Monday.\nIt said the terms were unacceptable.\n"
    result = clean_lines(text, stated_title="Kremlin rejects plan")
    assert result.title == "Kremlin rejects plan"
    assert len(result.kept) == 2


def test_seed_boilerplate_is_removed_and_body_kept(seeds_analysis):
    removed = seeds_analysis.removed
    by_article = removed.groupby("article")["text"].apply(set)
    assert {
        "Connect with us",
        "Politics USA",
        "Published",
        "on",
        "Continue Reading",
        "Click to comment",
        "Leave a Reply",
    } <= by_article["002_25123ef9c5ee8341"]
    assert {"Also Read:", "Read More:", "Post a Comment", "0 Comments"} <= by_article["001_d80033bcb922b7de"]
    assert "(41 blank lines)" in by_article["000_e51a66d9f388f1cb"]
    assert "Leave a Reply" in by_article["004_fc02664054af1738"]
    # the title appears three times in 001: once as title, twice as repeats
    assert (removed[removed["article"] == "001_d80033bcb922b7de"]["rule"] == RULE_REPEATED_TITLE).sum() == 2
    text = " ".join(seeds_analysis.sentences["text"])
    for chrome in ["Leave a Reply", "Connect with us", "Also Read", "Click to comment", "Post a Comment"]:
        assert chrome not in text
    # bullet sentences of 000 are kept, without their markers
    assert (
        "Putin declared that Russia will only stop fighting if Ukrainian troops withdraw from the contested "
        "Donbas region and Crimea." in set(seeds_analysis.sentences["text"])
    )


def test_seed_titles_are_inferred_from_the_first_real_line(seeds_analysis):
    titles = seeds_analysis.articles.set_index("id")["title"]
    assert titles["002_25123ef9c5ee8341"].startswith("Putins Unwavering Demands")
    assert titles["003_5a6cc9a78910d5ff"] == "Putin Signals Conditional Readiness for Peace Talks"
    assert (seeds_analysis.articles["title_source"] == "inferred").all()


def story(n: int) -> str:
    return (
        f"Story {n} headline about the talks number {n}\n\n"
        f"Officials in city {n} said the meeting lasted {n} hours and ended without a deal.\n\n"
        f"Analysts expect a further round of negotiations in week {n + 2}, the report noted.\n\n"
        "Get breaking alerts from the Daily Example app today.\n"
    )


def test_lines_recurring_across_distinct_stories_are_removed(make_corpus):
    root = make_corpus({f"a{n}.txt": story(n) for n in range(4)})
    corpus = load_corpus(root)
    recurring = corpus.removed[corpus.removed["rule"] == RULE_RECURRING]
    assert set(recurring["text"]) == {"Get breaking alerts from the Daily Example app today."}
    assert recurring["article"].nunique() == 4


def test_syndicated_copies_do_not_make_their_own_lines_boilerplate(make_corpus):
    copies = {f"copy{n}.txt": story(7) for n in range(4)}
    root = make_corpus({**copies, "other.txt": story(1)})
    corpus = load_corpus(root)
    assert RULE_RECURRING not in set(corpus.removed["rule"])
    assert corpus.articles["duplicate_of"].notna().sum() == 3
