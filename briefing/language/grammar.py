"""English grammar, the same for every topic: the word lists of ``briefing/data/grammar.yaml`` and the parser's
dependency labels the taggers read a clause by.

The codebook holds topic knowledge (actors, issues, position cues); what a word does in an English sentence is
here, read once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

import yaml

from briefing.paths import PACKAGE_DIR

GRAMMAR_FILE = PACKAGE_DIR / "data" / "grammar.yaml"
# Every dependency label of a subject; a tagger that reads fewer says which it leaves out where it uses them.
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


@dataclass(frozen=True)
class Pronoun:
    """A personal pronoun and what it refers to."""

    word: str
    refers: str  # person, thing, group or speaker
    number: str  # singular or plural
    cases: frozenset[str]  # subject, object, possessive


@dataclass(frozen=True)
class DateWords:
    """The words a date without a year is read by (``dates`` in ``grammar.yaml``)."""

    before_month: tuple[str, ...]  # "in March", "during May": a month alone that is a date
    before_year: tuple[str, ...]  # "in 2014"
    determiners: tuple[str, ...]  # "her March comment"
    relative: dict[str, int]  # "last" -1, "next" 1, "this" 0: the calendar unit counted from publication's
    units: tuple[str, ...]  # week, month, year
    numbers: dict[str, int]  # "the past three months"
    anaphoric: tuple[str, ...]  # "that year": the year the sentence named
    onward: tuple[str, ...]  # "between now and March": on or after publication
    earlier: tuple[str, ...]  # "earlier this year": before publication within the unit
    later: tuple[str, ...]  # "later this year": after it
    since: tuple[str, ...]  # "since March": on or before publication
    future_auxiliaries: tuple[str, ...]  # "will vote on Feb. 9": after publication
    going_to: tuple[str, ...]  # "is going to vote"
    perfect_auxiliaries: tuple[str, ...]  # "has voted", "had voted": before publication
    ago: tuple[str, ...]  # "a year ago": before publication
    naming_nouns: tuple[str, ...]  # "the Sept. 11 attacks": the date names an event or a day
    naming_before: tuple[str, ...]  # "the anniversary of", "post-"
    weekdays: tuple[str, ...]  # Monday first, as Python's ``date.weekday``


@dataclass(frozen=True)
class Grammar:
    """The English word lists of ``briefing/data/grammar.yaml``."""

    cue_verbs: dict[str, list[str]]  # lemmas by strength: neutral, loaded, cognition, evidence
    phrasal_cues: dict[str, list[str]]  # a verb and the words that make it a cue ("make" "clear")
    addressee_verbs: list[str]  # verbs whose object is the person addressed ("told reporters")
    irregular_forms: dict[str, list[str]]
    according_to: list[str]
    statement_nouns: list[str]
    unnamed_nouns: list[str]
    document_nouns: list[str]
    outsider_nouns: frozenset[str]  # "Clinton defenders", "critics of X": people not whom they are named after
    general_nouns: tuple[str, ...]  # "his wife", "groups", "the ability": heads of no matter a position is on
    light_verbs: tuple[str, ...]  # "have", "take": verbs whose object says what is done
    short_titles: tuple[str, ...]  # "Mr", "Sen": the titles a stance holder's name drops too
    titles: tuple[str, ...]  # every title before a name, the short ones first
    pronouns: tuple[Pronoun, ...]
    negations: tuple[str, ...]  # words that negate the word they hang from ("never", "no")
    reversing: tuple[str, ...]  # lemmas that state an issue in reverse ("prevent", "block")
    anaphoric_nouns: tuple[str, ...]  # nouns that point back to an issue ("this demand")
    receiving: tuple[str, ...]  # verbs whose subject receives a position ("gained Moscow's support")
    report_nouns: tuple[str, ...]  # nouns whose "that" clause is someone's report ("the allegation that")
    prescribing: tuple[str, ...]  # cues that prescribe to their subject ("Russia must withdraw")
    clause_words: dict[str, frozenset[str]]  # closed-class words a clause is read by, by kind
    dates: DateWords

    def word_set(self, kind: str) -> frozenset[str]:
        """One kind of the closed-class words of ``clause_words`` ("circumstances", "anaphors" …)."""
        return self.clause_words[kind]

    def pronoun_words(
        self, refers: Collection[str], cases: Collection[str] = ("subject", "object", "possessive"), number: str = ""
    ) -> frozenset[str]:
        """The pronouns that refer to one of ``refers`` in one of ``cases`` (and ``number``, if given)."""
        return frozenset(
            p.word
            for p in self.pronouns
            if p.refers in refers and p.cases & set(cases) and (not number or p.number == number)
        )


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The grammar of ``briefing/data/grammar.yaml``, read once."""
    data = yaml.safe_load(GRAMMAR_FILE.read_text(encoding="utf-8"))
    short = tuple(data["titles"]["short"])
    pronouns = tuple(
        Pronoun(str(word), entry["refers"], entry["number"], frozenset(entry["cases"]))
        for word, entry in data["pronouns"].items()
    )
    return Grammar(
        cue_verbs=data["cue_verbs"],
        phrasal_cues=data["phrasal_cues"],
        addressee_verbs=data["addressee_verbs"],
        irregular_forms=data["irregular_forms"],
        according_to=data["according_to"],
        statement_nouns=data["statement_nouns"],
        unnamed_nouns=data["unnamed_nouns"],
        document_nouns=data["document_nouns"],
        outsider_nouns=frozenset(words(data["outsider_nouns"])),
        general_nouns=words(data["general_nouns"]),
        light_verbs=words(data["light_verbs"]),
        short_titles=short,
        titles=short + tuple(data["titles"]["other"]),
        pronouns=pronouns,
        negations=words(data["negation"]),
        reversing=words(data["reversing"]),
        anaphoric_nouns=words(data["anaphoric"]),
        receiving=words(data["receiving"]),
        report_nouns=words(data["reporting"]),
        prescribing=words(data["prescribing"]),
        clause_words={kind: frozenset(words(values)) for kind, values in data["clause_words"].items()},
        dates=date_words(data["dates"]),
    )


def date_words(data: dict) -> DateWords:
    """The ``dates`` section of ``grammar.yaml``."""
    return DateWords(
        relative={str(word).strip(): int(step) for word, step in data["relative"].items()},
        numbers={str(word).strip(): int(count) for word, count in data["numbers"].items()},
        **{
            kind: words(data[kind])
            for kind in (
                "before_month",
                "before_year",
                "determiners",
                "units",
                "anaphoric",
                "onward",
                "earlier",
                "later",
                "since",
                "future_auxiliaries",
                "going_to",
                "perfect_auxiliaries",
                "ago",
                "naming_nouns",
                "naming_before",
                "weekdays",
            )
        },
    )


def words(values: list) -> tuple[str, ...]:
    """A word list as strings without edge spaces."""
    return tuple(str(value).strip() for value in values)
