"""The briefing's sections in page order, and its glossary."""

from __future__ import annotations

# The briefing's sections in page order: (anchor, title). The table of contents is built from this list,
# and a render test checks that each heading of analysis.ipynb carries its anchor in this order.
SECTIONS = (
    ("stances", "Stances: who takes which position"),
    ("sources", "Sources: who is quoted or cited, and how"),
    ("themes", "Themes: what the coverage covers"),
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
    "Issue": "A proposition an actor can be for or against, written as a statement, as the codebook defines it.",
    "Position": "Support, oppose or conditional: what an actor is reported to want on an issue.",
    "Conditional": 'Support given only on a stated condition ("… only if the other side agrees first"); the '
    "condition is shown with it.",
    "Claim": "One sentence's report that an actor holds a position on an issue; the matrix counts stories, "
    "not sentences.",
    "Attribution": "A statement the article credits to a source: a quotation, a paraphrase or a citation.",
    "Direct": "A quotation in quotation marks, given as the source's own words.",
    "Partial": "A short quoted phrase inside the journalist's paraphrase.",
    "Reported": 'A paraphrase without quotation marks ("the minister said that …").',
    "According to": 'A citation of a source ("according to the ministry") rather than a statement.',
    "Anonymous source": 'A source the article does not name ("a senior official").',
    "Loaded reporting verb": 'A verb that colours what was said ("claimed", "admitted") where "said" would not.',
    "Theme": "A topic of the coverage found by its cue words; a sentence can touch several.",
    "Frame": "A way of telling the story that the codebook defines (a conflict, a cost, a risk …), recognised by "
    "its cue words.",
    "Polarity": "A sentence's tone from −1 (negative) to +1 (positive), from a word list (TextBlob); 0 is neutral.",
    "Story": "An article, with copies and near-copies of one article counted once.",
    "Precision": "Of what the tool reports, the share a careful reader agrees with.",
    "Recall": "Of what a careful reader finds, the share the tool finds too.",
}
