"""Names of people: a name as written without its title or possessive, and the rules that group one person's names.

One rule groups a person's names (:func:`full_form`): a name is the longest name it ends, when that is
unambiguous ("Smith" among "John Smith" and "Jane Smith" is neither). It serves within an article (the source ledger
and the speakers stances read, :func:`fullest_names`) and across a corpus in ``codebook suggest``. Apart from it,
the ledger joins alike spellings of one name across a corpus (:func:`alike_names`, "Tatyana Stanovaya" is "Tatiana
Stanovaya"), which is not a question of which name is fuller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from briefing.language.grammar import grammar


@lru_cache(maxsize=1)
def title_pattern() -> re.Pattern:
    """Titles at the start of a name ("Mr.", "Vice President"), one or more, longest first."""
    titles = sorted(grammar().titles, key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(t) for t in titles) + r")(?:\.?\s+|\.?$))+")


def person_name(text: str) -> str:
    """A person entity's text as a name: single spaces, no possessive, no title ("Mr. Sanders's" is "Sanders")."""
    return strip_title(re.sub(r"[’']s$", "", " ".join(text.split())).strip(" ,"))


def strip_title(name: str) -> str:
    """A name without the titles before it, or the name itself if it is nothing but titles."""
    stripped = title_pattern().sub("", name).strip(" ,")
    return stripped or name


def fullest_names(persons: Iterable[str]) -> dict[str, str]:
    """Surname to the fullest name of that person among ``persons`` ("Sanders" to "Bernie Sanders"), by
    :func:`full_form`: names of two or more capitalised words; a surname two people share names neither."""
    names = [
        name for name in dict.fromkeys(persons) if len(name.split()) >= 2 and all(p[:1].isupper() for p in name.split())
    ]
    fullest = {}
    for surname in dict.fromkeys(name.split()[-1] for name in names):
        full = full_form(surname, names)
        if full is not None:
            fullest[surname] = full
    return fullest


def alike_names(names: Iterable[str]) -> dict[str, str]:
    """Each name to the most complete name of the same person: alike names sharing a surname ("Tatiana
    Stanovaya", "Tatyana Stanovaya", "Stanovaya") are one, the one with the most words and letters."""
    from rapidfuzz import fuzz

    canonical: dict[str, str] = {}
    # the names others are joined to, by the first four letters of their surname (which a join needs), in the order
    # they were chosen: comparing a name with those alone, not with every name before it, keeps 23,683 sources of
    # 10,700 real articles from taking tens of seconds, and joins exactly the same names
    targets: dict[str, list[str]] = {}
    for name in sorted(set(names), key=lambda n: (-len(n.split()), -len(n), n)):
        surname = name.split()[-1]
        bucket = targets.setdefault(surname[:4], [])
        target = next(
            (
                c
                for c in bucket
                if (len(name.split()) == 1 or fuzz.ratio(name, c) >= 85) and fuzz.ratio(c.split()[-1], surname) >= 80
            ),
            name,
        )
        if target == name:
            bucket.append(name)
        canonical[name] = target
    return canonical


def is_variant(short: str, full: str) -> bool:
    """True when the words of ``short`` end ``full``, which has more of them ("Stoltenberg", "Jens Stoltenberg")."""
    short_words, full_words = short.casefold().split(), full.casefold().split()
    return len(full_words) > len(short_words) and full_words[-len(short_words) :] == short_words


def full_form(name: str, names: Iterable[str]) -> str | None:
    """The longest of ``names`` that ``name`` is a variant of, when that is unambiguous.

    "Smith" among "John Smith" and "Jane Smith" is nobody's variant: two people may share a surname.
    """
    forms = [other for other in names if is_variant(name, other)]
    if not forms:
        return None
    longest = max(forms, key=lambda form: (len(form.split()), len(form), form))
    return longest if all(form == longest or is_variant(form, longest) for form in forms) else None
