"""Triggers: the cue verbs, phrasal cues and statement nouns of ``briefing/data/grammar.yaml`` and the cheap test of
which sentences can hold an attribution.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.language.grammar import grammar

if TYPE_CHECKING:
    from spacy.tokens import Token


WORD = re.compile(r"[A-Za-z]+")
QUOTE_MARKS = re.compile(r"“|”|„|«|»|''|``|\"|(?<![\w’'])‘|’(?![\w’'])")


@lru_cache(maxsize=1)
def cue_lemmas() -> dict[str, str]:
    """Each cue verb lemma and its strength: ``loaded``, ``neutral`` (speech and thought) or ``evidence``."""
    verbs = grammar().cue_verbs
    strength = {lemma: "evidence" for lemma in verbs["evidence"]}
    strength.update({lemma: "neutral" for lemma in (*verbs["neutral"], *verbs["cognition"])})
    strength.update({lemma: "loaded" for lemma in verbs["loaded"]})
    return strength


def inflections(lemma: str) -> set[str]:
    """The regular forms of an English verb (warns, warned, warning), a superset where spelling varies.

    A final consonant after a single vowel may double (admitted, slammed), so both spellings are given.
    """
    stem_e = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, stem_e + "ing", lemma + ("d" if lemma.endswith("e") else "ed")}
    vowels = "aeiou"
    if len(lemma) >= 3 and lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels and lemma[-3] not in vowels:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    else:
        forms.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"))
    return forms


@lru_cache(maxsize=1)
def cue_forms() -> frozenset[str]:
    """Every word form of every cue verb, lowercased, for choosing which sentences to parse."""
    irregular = grammar().irregular_forms
    return frozenset(form for lemma in cue_lemmas() for form in inflections(lemma) | set(irregular.get(lemma, [])))


@lru_cache(maxsize=1)
def phrasal_forms() -> dict[str, frozenset[str]]:
    """Each word form of a phrasal cue's verb and the words that must come with it ("made" needs "clear")."""
    irregular = grammar().irregular_forms
    return {
        form: frozenset(words)
        for lemma, words in grammar().phrasal_cues.items()
        for form in inflections(lemma) | set(irregular.get(lemma, []))
    }


def verbs() -> tuple[str, ...]:
    """Every cue verb's word forms (reporting words say who spoke, not what an article is about)."""
    return tuple(sorted(cue_forms()))


def verb_strength(lemma: str) -> str:
    """``loaded`` for verbs that characterise the speaker (warned, claimed), else ``neutral``."""
    return "loaded" if cue_lemmas().get(lemma.lower()) == "loaded" else "neutral"


def needs_parse(text: str) -> bool:
    """True for a sentence that can hold an attribution: a quotation mark, a cue word or "in a statement".

    A capitalised word inside a sentence is a name, not a cue ("the United States", "The Washington Post"),
    unless the sentence is a headline in title case ("Newspaper Says …").
    """
    if QUOTE_MARKS.search(text):
        return True
    lowered = text.lower()
    found = WORD.findall(text)
    headline = sum(word[:1].isupper() for word in found) * 2 > len(found)
    words = {
        word.lower()
        for index, word in enumerate(found)
        if headline or index == 0 or not word[:1].isupper() or word.isupper()
    }
    return bool(
        words & cue_forms()
        or any(words & phrasal_forms()[form] for form in words & phrasal_forms().keys())
        or statement_phrase().search(lowered)
        or any(phrase in lowered for phrase in grammar().according_to)
    )


@lru_cache(maxsize=1)
def statement_phrase() -> re.Pattern:
    """ "in a statement", "during an interview on Sunday": where a statement noun makes any verb a cue."""
    nouns = "|".join(re.escape(noun) for noun in grammar().statement_nouns)
    return re.compile(rf"\b(?:in|during)\s+(?:\S+\s+){{0,3}}?(?:{nouns})\b")


def phrasal_particle(verb: Token) -> Token | None:
    """ "made it clear", "pointed out": the word that makes the verb a cue, if it hangs from it."""
    words = grammar().phrasal_cues.get(verb.lemma_.lower())
    if not words:
        return None
    return next((child for child in verb.children if child.lower_ in words), None)


def statement_cue(verb: Token) -> Token | None:
    """ "In a statement, X accused …": the statement noun that makes any verb a cue."""
    nouns = grammar().statement_nouns
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("in", "during")
            and any(o.dep_ == "pobj" and o.lemma_.lower() in nouns for o in child.children)
        ):
            return child
    return None
