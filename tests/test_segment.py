"""Paragraphs and sentences: boundaries and offsets."""

from briefing.corpus.boilerplate import clean_lines
from briefing.language.segment import build_paragraphs, split_sentences


def sentences_of(text: str) -> list[str]:
    lines = clean_lines(text, stated_title="A stated title that is not in the body").kept
    return [s.text for s in split_sentences(text, build_paragraphs(text, lines))]


def test_abbreviations_do_not_end_sentences():
    text = "A U.S. delegation is expected in Moscow. Mr. Witkoff will lead it. Dr. Smith said so at 5 p.m. on Friday."
    assert sentences_of(text) == [
        "A U.S. delegation is expected in Moscow.",
        "Mr. Witkoff will lead it.",
        "Dr. Smith said so at 5 p.m. on Friday.",
    ]


def test_a_party_and_state_label_is_one_word_not_a_sentence_end():
    text = (
        "Rep. Chris Collins, R-N.Y., noted that the party would unite. Sen. Lindsey Graham, R-S.C., disagreed. "
        "He moved to the U.S. Then he ran for the Senate in Washington, D.C. He lost."
    )
    assert sentences_of(text) == [
        "Rep. Chris Collins, R-N.Y., noted that the party would unite.",
        "Sen. Lindsey Graham, R-S.C., disagreed.",
        "He moved to the U.S.",
        "Then he ran for the Senate in Washington, D.C.",
        "He lost.",
    ]


def test_closing_quote_stays_with_its_sentence():
    text = "The Kremlin stressed its “root causes.” When Putin invaded Ukraine, he claimed it was necessary."
    assert sentences_of(text) == [
        "The Kremlin stressed its “root causes.”",
        "When Putin invaded Ukraine, he claimed it was necessary.",
    ]


def test_quoted_speech_with_dash_is_not_split_inside_the_quote():
    text = (
        "Medvedev retorted, “I only know of one REALLY BAD thing — WWIII. I hope Trump understands this!” "
        "Fyodor Lukyanov, a Moscow-based analyst, disagreed."
    )
    assert sentences_of(text) == [
        "Medvedev retorted, “I only know of one REALLY BAD thing — WWIII. I hope Trump understands this!”",
        "Fyodor Lukyanov, a Moscow-based analyst, disagreed.",
    ]


def test_straight_quotes_and_em_dash_inside_a_sentence():
    text = '"We will not cede territory," he said. Kherson—the fourth region—was annexed in 2022.'
    assert sentences_of(text) == [
        '"We will not cede territory," he said.',
        "Kherson—the fourth region—was annexed in 2022.",
    ]


def test_offsets_point_into_the_original_text_of_every_seed(seeds_analysis):
    from conftest import seed_text

    for article, group in seeds_analysis.sentences.groupby("article"):
        source = seed_text(article[:3])
        for row in group.itertuples():
            assert " ".join(source[row.start : row.end].split()) == row.text


def test_hard_wrapped_lines_join_into_one_paragraph():
    text = (
        "Negotiators met in Istanbul on Friday and agreed to\nexchange prisoners, officials said.\n\n"
        "Both sides claimed progress.\n"
    )
    lines = clean_lines(text, stated_title="Istanbul talks").kept
    paragraphs = build_paragraphs(text, lines)
    assert [p.text for p in paragraphs] == [
        "Negotiators met in Istanbul on Friday and agreed to exchange prisoners, officials said.",
        "Both sides claimed progress.",
    ]
    (first, *_) = split_sentences(text, paragraphs)
    assert (
        text[first.start : first.end]
        == "Negotiators met in Istanbul on Friday and agreed to\nexchange prisoners, officials said."
    )


def test_list_markers_are_not_part_of_the_sentence():
    text = (
        "- Putin declared that Russia will only stop fighting on its terms.\n* Zelensky rejected the idea outright.\n"
    )
    assert sentences_of(text) == [
        "Putin declared that Russia will only stop fighting on its terms.",
        "Zelensky rejected the idea outright.",
    ]


def test_sentences_never_cross_paragraphs():
    text = "The first paragraph has no full stop at its end\n\nThe second paragraph starts here. It ends here."
    result = sentences_of(text)
    assert "The second paragraph starts here." in result
    assert all("\n" not in s for s in result)
