"""What a run warns of once its tables are built: the corpus's input warnings, and a codebook that does not fit.

A codebook of another topic loads and runs without an error (leaving out ``--codebook`` runs the default one), and
its briefing then reads as if it measured the coverage: the key findings name the few actors and issues it happens
to share with the corpus. :func:`codebook_coverage` measures how much of the corpus the codebook reaches, from the
per-article results (the actors each sentence names, and whether it names an issue by one of its cues), and
:func:`coverage_warning` says when it reaches too little, with the command that starts a codebook for the corpus.
The thresholds are here, in one place; the README states them.
"""

from __future__ import annotations

import sys
from typing import NamedTuple, TextIO

from briefing.errors import WARNING_PREFIX
from briefing.tables.analysis import Analysis

# At least this share of the corpus's sentences names a codebook actor, and this share an issue by one of its cues,
# when the codebook fits the corpus. Measured (the README's Codebooks section has the figures and the commands):
# with the codebook of their topic, the seeds, corpus-2022, 200 pool articles and the US campaign articles of
# PolNeAR name an issue in 12% to 54% of their sentences; with another topic's codebook, 0% to 3.1%. Actors tell
# the two apart less well (codebooks of two topics share the world's leaders: the Ukraine codebook's actors are named
# in 33% of the US campaign sentences); their floor catches a codebook of an unrelated topic (0% on the seeds).
ACTOR_SHARE_FLOOR = 0.10
ISSUE_SHARE_FLOOR = 0.05
# The command the warning suggests, which writes a codebook drawn from the corpus itself.
STARTER_COMMAND = "python -m briefing codebook suggest --corpus DIR --write starter.yaml"
LISTING_COMMAND = "python -m briefing codebook suggest --corpus DIR --codebook FILE"


class CodebookCoverage(NamedTuple):
    """How much of a corpus a codebook reaches: its sentences, and those that name an actor, and an issue."""

    sentences: int
    with_actor: int
    with_issue: int

    @property
    def actor_share(self) -> float:
        """The share of sentences that name a codebook actor (0 without sentences)."""
        return self.with_actor / self.sentences if self.sentences else 0.0

    @property
    def issue_share(self) -> float:
        """The share of sentences that name a codebook issue by one of its cues (0 without sentences)."""
        return self.with_issue / self.sentences if self.sentences else 0.0

    @property
    def low(self) -> bool:
        """Whether the codebook's actors or its issues are named in fewer sentences than their floor."""
        return bool(self.sentences) and (self.actor_share < ACTOR_SHARE_FLOOR or self.issue_share < ISSUE_SHARE_FLOOR)


def codebook_coverage(analysis: Analysis) -> CodebookCoverage:
    """The body sentences of ``analysis``, and how many name a codebook actor (``actor_mentions``) and a codebook
    issue by a cue (the sentences' ``issue_cue``). Without a codebook, nothing is named."""
    sentences = analysis.sentences
    if analysis.codebook is None or sentences.empty:
        return CodebookCoverage(len(sentences), 0, 0)
    mentions = analysis.mentions
    with_actor = len(mentions[["article", "sentence"]].drop_duplicates()) if len(mentions) else 0
    return CodebookCoverage(len(sentences), with_actor, int(sentences["issue_cue"].sum()))


def coverage_warning(analysis: Analysis) -> str:
    """A warning that the codebook reaches too little of the corpus, with the figures, the floors and the fix;
    "" when it reaches enough (or there is no codebook)."""
    coverage = codebook_coverage(analysis)
    if analysis.codebook is None or not coverage.low:
        return ""
    return (
        f"the codebook {analysis.codebook.name!r} may not fit this corpus: its actors are named in "
        f"{coverage.actor_share:.0%} of the {coverage.sentences:,} sentences and its issues in "
        f"{coverage.issue_share:.1%} (a codebook of the corpus's topic names actors in at least "
        f"{ACTOR_SHARE_FLOOR:.0%} and issues in at least {ISSUE_SHARE_FLOOR:.0%}), so the positions and actors "
        f"shown rest on those few sentences; pass the topic's codebook with --codebook FILE, or start one with "
        f"{STARTER_COMMAND}; if it is the topic's codebook, add the words the articles use to its aliases and "
        f"cues ({LISTING_COMMAND} lists the frequent ones it lacks)"
    )


def coverage_line(analysis: Analysis) -> str:
    """The codebook's coverage in one line, for ``analyze`` to print whether or not it is low."""
    coverage = codebook_coverage(analysis)
    return (
        f"codebook coverage: actors named in {coverage.actor_share:.1%} of the {coverage.sentences:,} sentences "
        f"(floor {ACTOR_SHARE_FLOOR:.0%}), issues in {coverage.issue_share:.1%} (floor {ISSUE_SHARE_FLOOR:.0%})"
    )


def run_warnings(analysis: Analysis) -> list[str]:
    """Everything a run warns of, one line each: the corpus's (manifest rows that match no file) and the
    codebook's coverage."""
    return [*analysis.load_warnings, *filter(None, [coverage_warning(analysis)])]


def print_warnings(analysis: Analysis, file: TextIO | None = None) -> None:
    """Print :func:`run_warnings` to ``file`` (standard error), each as ``warning: …``: the command line prints
    them, and the briefing notebook does, for ``render`` to read back from the executed notebook."""
    for line in run_warnings(analysis):
        print(f"{WARNING_PREFIX}{line}", file=file or sys.stderr)
