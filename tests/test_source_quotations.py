"""Pass 2 of the source tagger: quotations over several sentences keep their speaker."""

from conftest import attributions


def test_a_quote_continuing_over_sentences_keeps_its_speaker_and_later_mentions_keep_the_role():
    found = attributions(
        "“The first sentence of the commentary,” Fyodor Lukyanov, a Moscow-based analyst, wrote in a commentary.",
        "“And its second sentence follows here.”",
        "Officials in Kyiv did not comment on Monday.",
        "“A later remark,” Lukyanov said.",
    )
    assert [(k, s, t, side) for k, s, t, side, _ in found] == [("direct", "Fyodor Lukyanov", "analyst", "Russia")] * 3
