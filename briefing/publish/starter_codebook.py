"""A starter codebook: a valid codebook written from a corpus alone, for an analyst to edit rather than start from
nothing (``codebook suggest --write``).

The corpus is read as :mod:`briefing.publish.suggestions` reads it, with a bare codebook (the default position cues,
no actor, no issue), so that every name and every phrase a position cue governs is a candidate. From them:

- **actors**: the names the entity recognizer types as a person, an organisation or a country or city, named in the
  most articles (then mentions), each with the variants of its name as aliases, grouped by the one rule of
  :mod:`briefing.language.names` ("Stoltenberg" under "Jens Stoltenberg"), on the side ``Other``;
- **issues**: the noun phrases position cues govern, a longer phrase counted with the shorter one it ends ("federal
  minimum wage" with "minimum wage"), ranked by how many articles take a position on it and how much of what the
  corpus says about it is a position (a matter rather than a word every article uses), each with its words as
  written as cues;
- **themes**: the TF-IDF weights the distinctive terms are chosen by (:mod:`briefing.run.distinctive_terms`), the
  terms that run through several articles factorised into a handful of themes, each with its terms as cues.

Everything but :func:`build_starter` is a pure function of its arguments: the same corpus gives the same file.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

from briefing.codebook import (
    Codebook,
    Pattern,
    bare_codebook,
    cue_anchor,
    cue_problem,
    cue_regex,
    find_mentions,
    load_codebook,
)
from briefing.corpus.loading import load_corpus
from briefing.errors import ParameterError
from briefing.language.grammar import grammar
from briefing.language.names import alike_names, is_variant
from briefing.language.parsing import DEFAULT_MODEL, require_model
from briefing.outputs import replacing
from briefing.publish.suggestions import POSSESSIVE, WORD, corpus_suggestions, shorten
from briefing.run.distinctive_terms import term_weights
from briefing.run.pipeline import article_texts
from briefing.schema import OTHER_SIDE

# The entity types that make an actor, and the codebook's kind for each. Nationalities and groups (NORP:
# "Republicans", "Russian") are left to the analyst: most are adjectives, which a codebook writes as demonyms.
ACTOR_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "government"}
# The recognizer types a country or city and a place alike (GPE): one acts as its government where it is a clause's
# subject ("Moscow said", "Mexico will pay"), the other is where things happen ("in Iowa", "the Ohio primary").
PLACE_LABEL = "GPE"
ACTING_SHARE = 0.1  # the share of a GPE's mentions as a subject that makes it an actor: one in ten
MOST_ACTORS = 40
MOST_ISSUES = 15
MOST_THEMES = 6
ARTICLES_PER_THEME = 5  # a theme for every five articles, up to MOST_THEMES: a theme runs through several
CUES_PER_ISSUE = 6
CUES_PER_THEME = 8
# An actor, an issue or a theme's term named in one article only is left out once the corpus has this many.
SMALL_CORPUS = 10
MIN_ARTICLES = 2
# Mentions added to an issue's mentions in the corpus before the share that positions govern is taken, so that a
# phrase met once, under a position cue, is no certainty.
PRIOR_MENTIONS = 5
SYNTAX = re.compile(r"\*|…|\.\.\.")  # what cue syntax would read as a wildcard or a gap
# What a name is written with: letters, digits, spaces and . , & ' ’ - ("AT&T", "O’Rourke", "U.S."); a bracket or a
# quotation mark in an entity is the recognizer's misreading ("Hillary] Clinton").
NAME = re.compile(r"[\w .,&'’-]+")
GAP = " … "
# Why a phrase is no issue, as the file's "Left out" line says it (:func:`left_out_issue`).
SPEAKER_PHRASES = "phrases naming a speaker, a title or a statement"
GENERAL_PHRASES = "phrases headed by a general noun (a relation, a group, an ability, a plan alone)"
LEFT_OUT_ISSUES = (SPEAKER_PHRASES, GENERAL_PHRASES)
WIDTH = 116  # the widest line of an entry, as in the shipped codebooks


class StarterActor(NamedTuple):
    """An actor of the starter: its name, the codebook kind and the recognizer's label, its aliases, its counts,
    the other spellings of its name counted in them, and the names it holds that are counted apart (each
    ``(name, label, mentions, articles)``)."""

    id: str
    name: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    mentions: int
    articles: int
    spellings: tuple[tuple[str, str, int, int], ...] = ()
    merged: tuple[tuple[str, str, int, int], ...] = ()


class StarterIssue(NamedTuple):
    """An issue of the starter: its label (the proposition a verb makes of it most often, else the phrase as most
    often written), its cues, how often position cues govern it (``positions``: each position with its mentions),
    how often its cues match in the corpus, an example sentence, the phrases counted with it, and its short label
    (the phrase; the label where empty)."""

    id: str
    label: str
    cues: tuple[str, ...]
    mentions: int
    articles: int
    positions: tuple[tuple[str, int], ...]
    matches: int
    matched_articles: int
    example: str
    phrases: tuple[str, ...]
    short: str = ""


class StarterTheme(NamedTuple):
    """A theme of the starter: its terms as cues, the first three as its label, and the articles it weighs most
    in."""

    id: str
    label: str
    cues: tuple[str, ...]
    articles: int


class Starter(NamedTuple):
    """Everything a starter codebook holds, with the corpus it was read from (as given), what was left out, and
    every candidate (:func:`~briefing.publish.suggestions.suggestion_table`)."""

    corpus: str
    articles: int
    actors: list[StarterActor]
    issues: list[StarterIssue]
    themes: list[StarterTheme]
    left_out: dict[str, int]
    table: pd.DataFrame


# --- names and ids ---------------------------------------------------------------------------------


def alias_key(name: str) -> str:
    """A name as :func:`~briefing.codebook.load_codebook` compares aliases: casefolded, ’ as '."""
    return name.casefold().replace("’", "'")


def writable(cue: str) -> bool:
    """True when a name or phrase can be written as a cue that matches it as written: no character cue syntax
    reads as a wildcard or a gap, and no :func:`~briefing.codebook.cue_problem`."""
    return not SYNTAX.search(cue) and cue_problem(cue) is None and sum(c.isalpha() for c in cue) >= 2


def name_like(name: str) -> bool:
    """True when ``name`` is written as names are (:data:`NAME`) and can be an alias (:func:`writable`)."""
    return bool(NAME.fullmatch(name)) and writable(name)


def unique_id(text: str, taken: set[str], prefix: str) -> str:
    """A lower_snake_case id for ``text`` (accents dropped), not in ``taken``, which it joins."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:40].strip("_")
    if not base or not base[0].isalpha():
        base = f"{prefix}_{base}".strip("_")
    ident, number = base, 1
    while ident in taken:
        number += 1
        ident = f"{base}_{number}"
    taken.add(ident)
    return ident


def least_articles(articles: int) -> int:
    """The articles a candidate must be named in: :data:`MIN_ARTICLES` once the corpus is not small."""
    return MIN_ARTICLES if articles >= SMALL_CORPUS else 1


def ranked(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows named in the most articles first, then the most mentioned, then by phrase."""
    return rows.sort_values(["articles", "mentions", "phrase"], ascending=[False, False, True], kind="stable")


# --- actors ---------------------------------------------------------------------------------------------


class NameGroup(NamedTuple):
    """Actor rows of a suggestion table that spell one name alike: the best counted row's name and label, their
    mentions, articles and variants together, and the rows joined to it (``(name, label, mentions, articles)``)."""

    name: str
    label: str
    mentions: int
    article_ids: frozenset[str]
    variants: tuple[tuple[str, int], ...]
    joined: tuple[tuple[str, str, int, int], ...]
    as_subject: int = 0

    @property
    def place(self) -> bool:
        """True for a country or city that is seldom a clause's subject (:data:`ACTING_SHARE`): a place."""
        return self.label == PLACE_LABEL and self.as_subject < ACTING_SHARE * self.mentions


def alike_groups(rows: pd.DataFrame) -> list[NameGroup]:
    """Actor rows joined where they spell one person's full name alike ("Volodymyr Zelensky", "Volodymyr
    Zelenskiy"), by :func:`~briefing.language.names.alike_names`, the rule the source ledger joins speakers by;
    a lone surname is left as the grouping of the suggestions left it. In :func:`ranked` order."""
    rows = ranked(rows)
    persons = [row.phrase for row in rows.itertuples() if row.label == "PERSON" and len(row.phrase.split()) > 1]
    canonical = alike_names(persons)
    members: dict[tuple[str, str], list] = {}
    for row in rows.itertuples():
        key = ("alike", canonical[row.phrase]) if row.phrase in canonical else ("row", row.phrase)
        members.setdefault(key, []).append(row)
    groups = []
    for rows_of_name in members.values():
        first, variants = rows_of_name[0], Counter()
        for row in rows_of_name:
            variants.update(dict(row.variants))
        groups.append(
            NameGroup(
                first.phrase,
                first.label,
                sum(row.mentions for row in rows_of_name),
                frozenset(article for row in rows_of_name for article in row.article_ids),
                tuple(variants.most_common()),
                tuple((row.phrase, row.label, row.mentions, row.articles) for row in rows_of_name[1:]),
                sum(row.as_subject for row in rows_of_name),
            )
        )
    groups.sort(key=lambda g: (-len(g.article_ids), -g.mentions, g.name))
    return groups


def starter_actors(
    table: pd.DataFrame, articles: int, most: int = MOST_ACTORS
) -> tuple[list[StarterActor], dict[str, int]]:
    """The ``most`` actors of a suggestion table (:func:`~briefing.publish.suggestions.suggestion_table`), and how
    many names were left out, and why: places (:attr:`NameGroup.place`) and names not written as names are
    (:func:`name_like`), among those that would have made the list.

    Names are taken as :func:`alike_groups` joins and orders them. Each alias belongs to one actor, the first that
    counts it; a name an actor already holds is counted under that actor (the recognizer typed "Trump" an
    organisation where "Donald Trump" is a person), also past the ``most``-th actor.
    """
    rows = table[(table["kind"] == "actor") & table["label"].isin(ACTOR_KINDS)]
    least = least_articles(articles)
    chosen: list[dict] = []
    owner: dict[str, int] = {}
    places, misread = "places (a country or city seldom a clause's subject)", "names not written as names are"
    left_out = {places: 0, misread: 0}
    for group in alike_groups(rows):
        if len(group.article_ids) < least:
            continue
        key = alias_key(group.name)
        if key in owner:
            chosen[owner[key]]["merged"].append((group.name, group.label, group.mentions, len(group.article_ids)))
            continue
        if len(chosen) == most:
            continue
        if group.place or not name_like(group.name):
            left_out[places if group.place else misread] += 1
            continue
        owner[key] = len(chosen)
        aliases = []
        for variant, _ in group.variants:
            variant_key = alias_key(variant)
            if variant_key not in owner and name_like(variant):
                owner[variant_key] = len(chosen)
                aliases.append(variant)
        chosen.append({"group": group, "aliases": aliases, "merged": []})
    taken: set[str] = set()
    actors = [
        StarterActor(
            id=unique_id(entry["group"].name, taken, "actor"),
            name=entry["group"].name,
            kind=ACTOR_KINDS[entry["group"].label],
            label=entry["group"].label,
            aliases=tuple(entry["aliases"]),
            mentions=entry["group"].mentions,
            articles=len(entry["group"].article_ids),
            spellings=entry["group"].joined,
            merged=tuple(entry["merged"]),
        )
        for entry in chosen
    ]
    return actors, left_out


# --- issues ---------------------------------------------------------------------------------------------


def nonissue_heads() -> frozenset[str]:
    """Head nouns of a phrase that names who speaks or how, not what about: the unnamed speakers ("voters"), the
    titles of a person ("the Ohio governor"), the statements and the documents of
    :mod:`briefing.language.grammar`."""
    words = grammar()
    heads = (*words.unnamed_nouns, *words.titles, *words.statement_nouns, *words.document_nouns)
    return frozenset(w.casefold().rstrip(".") for w in heads)


def general_heads() -> frozenset[str]:
    """Head nouns of a phrase too general to be a matter positions are taken on, whatever qualifies it: people
    named by their relation to someone ("his wife", "Trump's allies"), groups ("advocacy groups") and general
    nouns ("the ability", "a window", "her work") of :mod:`briefing.language.grammar`."""
    words = grammar()
    return frozenset(w.casefold() for w in (*words.general_nouns, *words.outsider_nouns))


def head_words(phrase: str, written: str) -> set[str]:
    """A phrase's head noun as counted (lemmatised) and as most often written ("others": "other"), lower case."""
    return {phrase.split()[-1].casefold(), written.split()[-1].casefold()}


def left_out_issue(phrase: str, written: str, name_keys: set[str]) -> str | None:
    """Why a phrase is no issue (a key of :data:`LEFT_OUT_ISSUES`), or None: it is an actor's name, its head names
    who speaks or how (:func:`nonissue_heads`), it is too general (:func:`general_heads`), or it is one anaphoric
    noun alone ("the plan", which names a matter only with what qualifies it: "Obama's health plan")."""
    heads = head_words(phrase, written)
    if alias_key(phrase) in name_keys or heads & nonissue_heads():
        return SPEAKER_PHRASES
    if heads & general_heads() or (len(phrase.split()) == 1 and heads & set(grammar().anaphoric_nouns)):
        return GENERAL_PHRASES
    return None


def phrase_roots(phrases: Iterable[str]) -> dict[str, str]:
    """The phrase each phrase is counted with: the shortest phrase of two words or more that it ends ("federal
    minimum wage" with "minimum wage", by :func:`~briefing.language.names.is_variant`), else itself. A single word
    stands alone: "funding" would join "Zika funding" and "road funding" alike."""
    phrases = list(dict.fromkeys(phrases))
    longer = [p for p in phrases if len(p.split()) > 1]
    roots = {}
    for phrase in phrases:
        ends = [other for other in longer if is_variant(other, phrase)] if len(phrase.split()) > 1 else []
        roots[phrase] = min(ends, key=lambda p: (len(p.split()), len(p), p)) if ends else phrase
    return roots


def issue_cues(variants: Iterable[tuple[str, int]], most: int = CUES_PER_ISSUE) -> tuple[str, ...]:
    """The cues of an issue: its phrases as written, most mentioned first, spelt as most often written, without
    those another cue already matches ("Syrian refugees" matches "other Syrian refugees")."""
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for written, count in variants:
        key = " ".join(written.split()).casefold()
        counts[key] += count
        spelling.setdefault(key, Counter())[" ".join(written.split())] += count
    forms = [spelling[key].most_common(1)[0][0] for key, _ in counts.most_common()]
    forms = [form for form in forms if writable(form)]
    kept = [form for form in forms if not any(o != form and cue_regex(o).search(form) for o in forms)]
    return tuple(kept[:most])


def cue_matches(cues: Sequence[str], texts: Mapping[str, str]) -> tuple[int, int]:
    """How often ``cues`` match in ``texts`` (overlapping matches once, as the taggers find them), and in how many
    of the texts."""
    patterns = [Pattern(cue_regex(cue), "issue", cue, False, cue_anchor(cue)) for cue in cues]
    counts = [len(find_mentions(text, patterns)) for text in texts.values()]
    return sum(counts), sum(1 for count in counts if count)


def issue_score(articles: int, mentions: int, matches: int) -> float:
    """Articles in which positions govern a phrase, times the share of its mentions they govern (its matches in
    the corpus, at least its governed mentions, plus :data:`PRIOR_MENTIONS`)."""
    return articles * mentions / (max(matches, mentions) + PRIOR_MENTIONS)


def proposition_of(members: Sequence, texts: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """The proposition verbs make of an issue's phrases most often (:class:`~briefing.publish.suggestions.
    Proposition`, the first met among equals), and its verb cues that are written as cues can be and match in
    ``texts``, most mentioned first; ``("", ())`` where no verb makes one."""
    propositions: Counter[str] = Counter()
    verb_cues: dict[str, Counter[str]] = {}
    for row in members:
        for (text, cue), count in row.propositions:
            propositions[text] += count
            verb_cues.setdefault(text, Counter())[cue] += count
    if not propositions:
        return "", ()
    text = propositions.most_common(1)[0][0]
    cues = [
        cue
        for cue, _ in verb_cues[text].most_common()
        if all(writable(side) for side in cue.split(GAP)) and cue_matches([cue], texts)[0]
    ]
    return text, tuple(cues)


def starter_issues(
    table: pd.DataFrame, texts: Mapping[str, str], names: Iterable[str], most: int = MOST_ISSUES
) -> tuple[list[StarterIssue], dict[str, int]]:
    """The ``most`` issues of a suggestion table, and how many phrases were left out, by why
    (:func:`left_out_issue`).

    The phrases kept are counted with their :func:`phrase_roots`. A group is kept when it is in enough articles
    (:func:`least_articles`) and ranked by :func:`issue_score`; only the groups whose score can still reach the
    ``most`` best have their cues matched in the corpus. Its label is the proposition verbs make of it most often
    (:func:`proposition_of`), whose verb cues come first among its cues; its short label, the phrase.
    """
    name_keys = {alias_key(name) for name in names}
    rows = table[table["kind"] == "issue"]
    reasons = [
        left_out_issue(phrase, variants[0][0], name_keys)
        for phrase, variants in zip(rows["phrase"], rows["variants"], strict=True)
    ]
    left_out = {why: sum(reason == why for reason in reasons) for why in LEFT_OUT_ISSUES}
    rows = rows[[reason is None for reason in reasons]]
    roots = phrase_roots(rows["phrase"])
    groups: dict[str, list] = {}
    for row in rows.itertuples():
        groups.setdefault(roots[row.phrase], []).append(row)
    least = least_articles(len(texts))
    candidates = []
    for root, members in groups.items():
        in_articles = {article for row in members for article in row.article_ids}
        mentions = sum(row.mentions for row in members)
        if len(in_articles) >= least:
            bound = issue_score(len(in_articles), mentions, mentions)  # its matches are at least its mentions
            candidates.append((bound, root, members, len(in_articles), mentions))
    candidates.sort(key=lambda c: (-c[0], -c[3], -c[4], c[1]))
    scored, best = [], []  # ``best``: a heap of the ``most`` highest scores so far
    for bound, root, members, articles, mentions in candidates:
        if len(best) == most and bound < best[0]:
            break  # the bounds only fall from here: no later group can reach the best ``most``
        cues = issue_cues(v for row in members for v in row.variants)
        if not cues:
            continue
        matches, matched_articles = cue_matches(cues, texts)
        score = issue_score(articles, mentions, matches)
        heapq.heappush(best, score)
        if len(best) > most:
            heapq.heappop(best)
        scored.append((score, root, members, articles, mentions, cues, matches, matched_articles))
    scored.sort(key=lambda s: (-s[0], -s[3], -s[4], s[1]))
    taken: set[str] = set()
    issues = []
    for _, root, members, articles, mentions, cues, matches, matched_articles in scored[:most]:
        own = [v for row in members if row.phrase == root for v in row.variants] or members[0].variants
        first = max(members, key=lambda row: row.mentions)
        short = capitalised(Counter(dict(own)).most_common(1)[0][0])
        proposition, verb_cues = proposition_of(members, texts)
        issues.append(
            StarterIssue(
                id=unique_id(root, taken, "issue"),
                label=capitalised(proposition) if proposition else short,
                cues=(*verb_cues, *cues),
                mentions=mentions,
                articles=articles,
                positions=tuple(sum((Counter(dict(row.labels)) for row in members), Counter()).most_common()),
                matches=matches,
                matched_articles=matched_articles,
                example=shorten(first.example, first.at),
                phrases=tuple(row.phrase for row in members),
                short=short,
            )
        )
    return issues, left_out


def capitalised(text: str) -> str:
    """``text`` with its first letter upper case."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


# --- themes ---------------------------------------------------------------------------------------------


def name_words(table: pd.DataFrame) -> frozenset[str]:
    """The lowercased words of every person's name the suggestions count, and of the titles before names: terms
    made of them are actors, not themes."""
    persons = table[(table["kind"] == "actor") & (table["label"] == "PERSON")]
    words = {word.casefold() for variants in persons["variants"] for name, _ in variants for word in name.split()}
    return frozenset(words | {title.casefold().rstrip(".") for title in grammar().titles})


def theme_term(term: str, names: frozenset[str]) -> bool:
    """True when a distinctive term can be a theme's cue: not made of names alone, no word twice (a term of words
    the stop words stood between, "percent … percent")."""
    words = [POSSESSIVE.sub("", word) for word in term.split()]
    return len(set(words)) == len(words) and not all(word in names for word in words)


def term_cue(term: str, texts: Sequence[str], lowered: Sequence[str]) -> str:
    """A term as a cue, spelt as the texts most often write it ("New Hampshire"): a two-word term's words together
    where a text has them so, else with a gap between (stop words or punctuation stood between them).
    ``lowered`` are the texts in lower case, to skip those without the term's longest word."""
    for cue in (term, term.replace(" ", GAP)) if " " in term else (term,):
        pattern, anchor = cue_regex(cue), cue_anchor(cue)
        spellings = Counter(
            spelt(match.group(), cue != term)
            for text, low in zip(texts, lowered, strict=True)
            if anchor in low
            for match in pattern.finditer(text)
        )
        if spellings:
            return spellings.most_common(1)[0][0]
    return term


def spelt(match: str, gap: bool) -> str:
    """A cue as a match writes it; with a gap, its first and last words around the gap ("talks … Moscow")."""
    if not gap:
        return " ".join(match.split())
    words = WORD.findall(match)  # without the punctuation the gap took in ("bloc. Kiev")
    return f"{words[0]}{GAP}{words[-1]}"


def theme_terms(order: Iterable[str], most: int = CUES_PER_THEME) -> list[str]:
    """The first ``most`` of a theme's terms (heaviest first), without a single word of a two-word term it holds:
    "health care" says what "health" and "care" say, more precisely."""
    order = list(order)
    pairs = [term for term in order if " " in term]
    singles_in_pairs = {word for pair in pairs for word in pair.split()}
    return [term for term in order if " " in term or term not in singles_in_pairs][:most]


def starter_themes(texts: Mapping[str, str], names: frozenset[str], most: int = MOST_THEMES) -> list[StarterTheme]:
    """A theme for every :data:`ARTICLES_PER_THEME` articles, up to ``most``: the non-negative factors (NMF) of the
    TF-IDF weights of the terms in at least two articles that :func:`theme_term` keeps, each with its
    :data:`CUES_PER_THEME` heaviest terms, ordered by the articles each weighs most in."""
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from threadpoolctl import threadpool_limits

    ids, matrix, vocabulary = term_weights(texts)
    count = min(most, len(ids) // ARTICLES_PER_THEME)
    if matrix is None or count < 1:
        return []
    in_articles = np.bincount(matrix.indices, minlength=matrix.shape[1])
    columns = [i for i in np.flatnonzero(in_articles >= 2) if theme_term(vocabulary[i], names)]
    count = min(count, len(columns), len(ids))
    if count < 1:
        return []
    weights, vocabulary = matrix[:, columns], vocabulary[columns]
    # One BLAS thread: sums in another order (a thread count set by whatever ran before) move the factors.
    with warnings.catch_warnings(), threadpool_limits(1):
        warnings.simplefilter("ignore", ConvergenceWarning)  # the last iterations move no term's rank
        # NNDSVD starts from a randomized SVD: a fixed seed, so that the same corpus gives the same themes
        model = NMF(n_components=count, init="nndsvd", max_iter=1000, random_state=0)
        heaviest = model.fit_transform(weights).argmax(axis=1)
    themes, bodies = [], list(texts.values())
    lowered = [text.lower().replace("’", "'") for text in bodies]
    for index, component in enumerate(model.components_):
        order = [str(vocabulary[k]) for k in np.lexsort((vocabulary, -component)) if component[k] > 0]
        terms = theme_terms(order[: CUES_PER_THEME * 3])  # enough heavy terms to fill the cues once pairs are kept
        cues = tuple(dict.fromkeys(term_cue(term, bodies, lowered) for term in terms))
        articles = int((heaviest == index).sum())
        if cues and articles:
            themes.append((articles, index, cues))
    themes.sort(key=lambda t: (-t[0], t[1]))
    taken: set[str] = set()
    return [
        StarterTheme(unique_id(cues[0].replace(GAP, " "), taken, "theme"), capitalised(", ".join(cues[:3])), cues, n)
        for n, _, cues in themes
    ]


# --- the whole starter ------------------------------------------------------------------------------


def starter_from(table: pd.DataFrame, texts: Mapping[str, str], corpus: str) -> Starter:
    """The starter codebook's entries from a suggestion table read with a bare codebook and the articles' texts."""
    actors, left_out = starter_actors(table, len(texts))
    names = [name for actor in actors for name in (actor.name, *actor.aliases)]
    issues, left_out_issues = starter_issues(table, texts, names)
    themes = starter_themes(texts, name_words(table))
    left_out |= left_out_issues
    return Starter(corpus, len(texts), actors, issues, themes, left_out, table)


def build_starter(
    corpus_dir: str | Path, spacy_model: str = DEFAULT_MODEL, progress: bool = False, shown: str | None = None
) -> Starter:
    """Load a corpus, read it with a :func:`~briefing.codebook.bare_codebook` and choose the starter's entries.

    Parameters
    ----------
    corpus_dir : str or Path
        The corpus folder.
    spacy_model : str
        The installed spaCy pipeline.
    progress : bool
        Show progress bars on standard error.
    shown : str, optional
        The corpus as the file names it (the path as given); default ``corpus_dir``.

    Raises
    ------
    CorpusError, ModelError
        As :func:`~briefing.publish.suggestions.suggest`.
    """
    require_model(spacy_model)
    corpus = load_corpus(corpus_dir, progress=progress)
    suggestions = corpus_suggestions(corpus, bare_codebook(), spacy_model, progress)
    return starter_from(suggestions.table, article_texts(corpus.documents), shown or str(corpus_dir))


# --- YAML ---------------------------------------------------------------------------------------------


def printable(text: str) -> str:
    """``text`` on one line: what is no printable character (a line break YAML reads, such as U+2028) a space."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def comment(text: str, indent: str = "  ") -> str:
    """``text`` as one YAML comment line."""
    return f"{indent}# {printable(text)}"


def scalar(value: str) -> str:
    """A string as one YAML scalar, quoted where YAML needs it (PyYAML decides)."""
    return yaml.safe_dump(value, allow_unicode=True, width=10**6).removesuffix("\n...\n").rstrip("\n")


def flow_item(value: str) -> str:
    """A string as an item of a YAML flow list, quoted where a flow list needs it ("a, b")."""
    return yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**6).strip()[1:-1]


def flow_list(lead: str, values: Sequence[str]) -> list[str]:
    """``lead`` and ``values`` as a YAML flow list (``aliases: [a, b]``), wrapped at :data:`WIDTH` under its
    first item."""
    lines, line = [], lead + "["
    for index, value in enumerate(values):
        item = flow_item(value) + (", " if index < len(values) - 1 else "]")
        if len(line) + len(item.rstrip()) > WIDTH and not line.endswith("["):
            lines.append(line.rstrip())
            line = " " * (len(lead) + 1)
        line += item
    return [*lines, line if values else line + "]"]


def entry(fields: dict) -> list[str]:
    """One entry of a list block as YAML lines: ``- key: value`` under the block's key, lists as flow lists."""
    lines = []
    for index, (key, value) in enumerate(fields.items()):
        lead = f"{'  - ' if index == 0 else '    '}{key}: "
        lines += flow_list(lead, value) if isinstance(value, list) else [lead + scalar(value)]
    return lines


def counts(mentions: int, articles: int) -> str:
    return f"{mentions:,} mention{'s' * (mentions != 1)} in {articles:,} article{'s' * (articles != 1)}"


def actor_lines(actor: StarterActor) -> list[str]:
    def listed(rows: Iterable[tuple[str, str, int, int]]) -> str:
        return "; ".join(f"{name} ({label}, {counts(m, a)})" for name, label, m, a in rows)

    note = f"{actor.kind} ({actor.label}): {counts(actor.mentions, actor.articles)}"
    if actor.spellings:
        note += f", with the spellings {listed(actor.spellings)}"
    if actor.merged:
        note += f"; its aliases also name {listed(actor.merged)}"
    fields = {"id": actor.id, "name": actor.name, "side": OTHER_SIDE, "kind": actor.kind}
    if actor.aliases:
        fields["aliases"] = list(actor.aliases)
    return [comment(note), *entry(fields)]


def issue_lines(issue: StarterIssue) -> list[str]:
    positions = ", ".join(f"{position} {count}" for position, count in issue.positions)
    notes = [
        f"position cues govern it {counts(issue.mentions, issue.articles)} ({positions}); its cues match "
        f"{counts(issue.matches, issue.matched_articles)}",
        f"e.g. {issue.example}",
    ]
    if len(issue.phrases) > 1:
        notes.append("counted with: " + "; ".join(issue.phrases[1:6]) + ("; …" if len(issue.phrases) > 6 else ""))
    fields = {"id": issue.id, "label": issue.label, "short": issue.short or issue.label, "cues": list(issue.cues)}
    return [*map(comment, notes), *entry(fields)]


def theme_lines(theme: StarterTheme) -> list[str]:
    note = f"weighs most in {theme.articles:,} article{'s' * (theme.articles != 1)}"
    return [comment(note), *entry({"id": theme.id, "label": theme.label, "cues": list(theme.cues)})]


HEADER = """\
Starter codebook written by `python -m briefing codebook suggest --write` from the corpus {corpus} ({articles}),
and from it alone: no person has checked it yet. The same corpus gives the same file.
To edit:
- sides: name the topic's sides (keep Other last) and set each actor's side; every actor is on Other.
- actors: delete what acts in no story (a place without a government, an outlet, a misread name), join two that
  are one, split a surname two people share (an alias belongs to one actor), add the aliases and roles you know.
- issues: rewrite each label as the proposition actors support or oppose (what is done, by whom, not a word),
  keep `short` short, check each cue (`word*` matches any ending, `…` up to four words between), delete noise.
- themes: name each theme (its label is its first three terms) and prune its cues.
Then: python -m briefing render --corpus {corpus} --codebook <this file>
How the entries were chosen:
- actors: the names spaCy's recognizer types a person, an organisation, or a country or city that acts (a
  clause's subject in at least {acting} of its mentions; the others are places), in the most articles, then
  mentions. Nationalities and groups are left to you (a group actor, or a country's `demonyms`). Aliases are the
  variants of a name counted with it (a surname under the one full name an article or the corpus gives, alike
  spellings of a full name), each alias under the first actor that counts it. Up to {most_actors}{least}.
- issues: the noun phrases a position cue governs (briefing/data/positions.yaml), a longer phrase counted with the
  shorter it ends, and none headed by a general noun (briefing/data/grammar.yaml: "wife", "group", "ability");
  ranked by the articles in which a cue governs one, times the share of its mentions that are governed (with
  {prior} mentions added), so that a matter positions are taken on outranks a word every article uses. Its label
  is what the verb that takes the phrase as object, where that verb is no position cue, most often makes of it
  ("stopping the plan to admit Syrian refugees": "Admit Syrian refugees"), else the phrase; its short label, the
  phrase. Its cues are that verb and phrase as written (where they match), then its phrases as written. Up to
  {most_issues}{least}.
- themes: the terms of at least two articles (no name of a person) grouped by the articles they weigh in (NMF of
  their TF-IDF weights), {cues_per_theme} terms each; one for every {per_theme} articles, up to {most_themes}.
"""


def starter_yaml(starter: Starter) -> str:
    """The starter as a codebook file: a header saying how it was made and what to edit, then the codebook, each
    entry under a comment with its counts."""
    corpus_name = Path(starter.corpus.rstrip("/\\")).name or starter.corpus
    least = f", named in at least {MIN_ARTICLES} articles" if least_articles(starter.articles) > 1 else ""
    header = HEADER.format(
        corpus=printable(starter.corpus),
        articles=f"{starter.articles:,} article{'s' * (starter.articles != 1)}",
        most_actors=MOST_ACTORS,
        acting=f"{ACTING_SHARE:.0%}",
        most_issues=MOST_ISSUES,
        most_themes=MOST_THEMES,
        per_theme=ARTICLES_PER_THEME,
        cues_per_theme=CUES_PER_THEME,
        prior=PRIOR_MENTIONS,
        least=least,
    )
    lines = [f"# {line}".rstrip() for line in header.splitlines()]  # the tool's own words: printable, laid out
    left_out = [f"{count:,} {what}" for what, count in starter.left_out.items() if count]
    if left_out:
        lines.append(comment("Left out: " + "; ".join(left_out) + ".", ""))
    lines += [
        "",
        f"name: {scalar('Starter: ' + corpus_name)}",
        f"title: {scalar(corpus_name + ' (starter codebook)')}",
        f"sides: [{OTHER_SIDE}]",
        "",
        comment(f"{len(starter.actors)} actors, in the most articles first.", ""),
        "actors:",
    ]
    for actor in starter.actors:
        lines += actor_lines(actor)
    lines += ["", comment(f"{len(starter.issues)} issues, the highest ranked first.", ""), "issues:"]
    for issue in starter.issues:
        lines += issue_lines(issue)
    if starter.themes:
        lines += ["", comment(f"{len(starter.themes)} themes, the broadest first.", ""), "themes:"]
        for theme in starter.themes:
            lines += theme_lines(theme)
    else:
        lines += ["", comment(f"No themes: they need at least {ARTICLES_PER_THEME} articles that share terms.", "")]
    return "\n".join(lines) + "\n"


def check_starter(starter: Starter) -> None:
    """Refuse a starter without an actor or an issue: a codebook needs both.

    Raises
    ------
    ParameterError
    """
    missing = [what for what, entries in (("actor", starter.actors), ("issue", starter.issues)) if not entries]
    if missing:
        raise ParameterError(
            f"{starter.corpus}: no {' and no '.join(missing)} found to start a codebook from (names the recognizer "
            f"types, phrases position cues govern); try a larger corpus"
        )


def write_starter(starter: Starter, path: Path, force: bool = False) -> Codebook:
    """Write the starter codebook to ``path`` atomically, checked by loading it before it replaces anything.

    Raises
    ------
    ParameterError
        When ``path`` exists and ``force`` is not set, is a link or not a regular file, or when the starter holds
        no actor or no issue.
    """
    if path.exists() and not force and not path.is_symlink():
        raise ParameterError(f"{path}: exists; add --force to replace it, or choose another file")
    check_starter(starter)
    with replacing(path) as staged:
        staged.write_text(starter_yaml(starter), encoding="utf-8", newline="\n")
        return load_codebook(staged)
