"""Codebooks: the actors, issues, position cues and frames an analysis looks for.

A codebook is YAML data, never code. :func:`load_codebook` validates it and
compiles every alias and cue into a matcher, so a bad codebook fails early
with a message naming the file, the entry and the problem.

Cue syntax, for aliases and cues alike:

- words match whole words, case-insensitively, and ``'`` matches ``’`` too;
- an all-capital alias (``US``, ``EU``, ``NATO``) matches only in capitals;
- ``word*`` matches any ending (``withdr*``);
- ``…`` (or ``...``) between words allows up to four words in between
  (``cede … territory`` matches "cede control of the territory");
- a cue needs a literal word, or a wildcard with at least three letters before its ``*``
  (``*``, ``…`` and ``a*`` would match nearly any text), and has at most 24 words and 12 gaps.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from briefing import safe_yaml
from briefing.errors import CodebookError, not_found, shown_path
from briefing.paths import PACKAGE_DIR, project_path
from briefing.schema import CONDITIONAL, OTHER_SIDE, POSITIONS

DEFAULT_POSITIONS = PACKAGE_DIR / "data" / "positions.yaml"
ACTOR_KINDS = ("person", "government", "organization", "group")
GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")


@dataclass(frozen=True)
class Actor:
    """Someone who can hold a position or be quoted."""

    id: str
    name: str
    side: str
    kind: str
    role: str = ""
    aliases: tuple[str, ...] = ()
    institution: str = ""  # the government or organization a person speaks for ("putin" → "russia")
    demonyms: tuple[str, ...] = ()  # adjectives by which a group of its people is named ("Russian delegations")


@dataclass(frozen=True)
class Issue:
    """A proposition an actor can support or oppose."""

    id: str
    label: str
    short: str
    cues: tuple[str, ...] = ()
    inverse_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    """A frame or a theme: a label recognised by its cue phrases."""

    id: str
    label: str
    cues: tuple[str, ...] = ()


Frame = Theme = Category


@dataclass(frozen=True)
class LoadedTerm:
    """Wording associated with one side's narrative."""

    phrase: str
    leaning: str


@dataclass(frozen=True)
class ControlClaims:
    """The optional ``control_claims:`` block: the words of a claim that someone holds a named place ("forces
    *captured* the *town* of X"), for a topic where who holds which place is disputed."""

    verbs: tuple[str, ...]
    places: tuple[str, ...]

    @cached_property
    def regex(self) -> re.Pattern:
        """A verb, then within 60 characters of the same clause a place noun and "of" a capitalised name (the
        group ``place``). The verbs and nouns are cues (any case); the name must start with a capital."""

        def alternatives(cues: tuple[str, ...]) -> str:
            return "|".join(f"(?:{cue_regex(cue).pattern})" for cue in cues)

        return re.compile(
            rf"(?i:{alternatives(self.verbs)})[^.;]{{0,60}}?(?i:{alternatives(self.places)})\s+of\s+"
            r"(?P<place>[A-Z][\w’'-]+)"
        )


@dataclass(frozen=True)
class Pattern:
    """A compiled alias or cue and what it stands for.

    ``anchor`` is its longest literal word, lowercased: a text without it
    cannot match, so the regex need not run.
    """

    regex: re.Pattern | GappedCue
    target: str
    text: str
    inverse: bool = False
    anchor: str = ""


class Mention(NamedTuple):
    """A match of an alias or cue inside one sentence."""

    start: int
    end: int
    target: str
    text: str
    inverse: bool = False
    via: str = "name"


@dataclass
class Codebook:
    """A validated, compiled codebook."""

    path: Path
    name: str
    title: str
    sides: tuple[str, ...]
    actors: dict[str, Actor]
    issues: dict[str, Issue]
    positions: dict[str, tuple[str, ...]]
    conditionals: tuple[str, ...]
    negated_conditionals: tuple[str, ...] = ()  # markers of a condition on a negated position ("until")
    lasting_conditionals: tuple[str, ...] = ()  # markers among ``conditionals`` of a state that lasts ("as long as")
    frames: dict[str, Category] = field(default_factory=dict)
    themes: dict[str, Category] = field(default_factory=dict)
    loaded_terms: tuple[LoadedTerm, ...] = ()
    side_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # side: words of a role or affiliation
    unnamed_adjectives: dict[str, str] = field(default_factory=dict)  # adjective of an unnamed source: side
    control: ControlClaims | None = None  # claims about who controls a named place, when the topic has them

    @cached_property
    def actor_kinds(self) -> dict[str, str]:
        """Each actor id's kind (person, government, organization, group)."""
        return {a.id: a.kind for a in self.actors.values()}

    @cached_property
    def actor_sides(self) -> dict[str, str]:
        """Each actor id's side."""
        return {a.id: a.side for a in self.actors.values()}

    @cached_property
    def institutions(self) -> dict[str, str]:
        """The institution each person speaks for, where the codebook says so ("putin" → "russia")."""
        return {a.id: a.institution for a in self.actors.values() if a.institution}

    @cached_property
    def demonyms(self) -> dict[str, str]:
        """Actor ids by the lowercased adjective that names a group of their people ("russian" → "russia")."""
        return {d.casefold(): a.id for a in self.actors.values() for d in a.demonyms}

    @property
    def other_side(self) -> str:
        """The side of a holder the codebook does not list: its :data:`~briefing.schema.OTHER_SIDE`, else its last."""
        return OTHER_SIDE if OTHER_SIDE in self.sides else self.sides[-1]

    def patterns(self, kind: str) -> list[Pattern]:
        """Compiled matchers of one kind: actors, issues, positions, cues, conditions, frames, themes or loaded."""
        return _compile(self, kind)

    def mentions(self, text: str, kind: str) -> tuple[Mention, ...]:
        """:func:`find_mentions` of one kind, remembered: the parse filter and the taggers ask for the same."""
        return _mentions(self, kind, text)

    def __hash__(self) -> int:  # compiled patterns are cached per codebook
        return id(self)


def find_mentions(text: str, patterns: Iterable[Pattern]) -> list[Mention]:
    """Non-overlapping matches, the longest winning, in text order."""
    lowered = text.lower().replace("’", "'")
    found = [
        Mention(m.start(), m.end(), p.target, m.group(), p.inverse)
        for p in patterns
        if p.anchor in lowered  # cheap literal check before the regex
        for m in p.regex.finditer(text)
    ]
    # The mentions chosen never overlap, so in order of (start, end) their ends are in order too: the one that
    # starts last before a mention ends is the only one it can overlap (a scan of all was quadratic in mentions).
    chosen: list[Mention] = []
    places: list[tuple[int, int]] = []
    starts: list[int] = []
    for mention in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        before = bisect.bisect_left(starts, mention.end)
        if before and places[before - 1][1] > mention.start:
            continue
        at = bisect.bisect_left(places, (mention.start, mention.end))
        places.insert(at, (mention.start, mention.end))
        starts.insert(at, mention.start)
        chosen.append(mention)
    return sorted(chosen)


@lru_cache(maxsize=8192)
def _mentions(codebook: Codebook, kind: str, text: str) -> tuple[Mention, ...]:
    return tuple(find_mentions(text, _compile(codebook, kind)))


def cue_anchor(cue: str) -> str:
    """The longest literal word of a cue, lowercased, for a fast substring check."""
    words = [_drops_e(w) or w.rstrip("*") for w in GAP.sub(" ", cue).split()]
    return max((w.lower().replace("’", "'") for w in words), key=len, default="")


def _drops_e(word: str) -> str:
    """The stem of a wildcard word ending in "e" that English drops before "-ing" ("cede*": "ced"), else ""."""
    stem = word.rstrip("*")
    return stem[:-1] if word.endswith("e*") and len(stem) >= 4 else ""


MAX_GAP_WORDS = 4  # words a "…" in a cue may stand for
# The longest cue a codebook may hold: the longest shipped has 7 words and 2 gaps. Matching stays linear in the
# text whatever the cue, but a cue of a thousand gaps is a mistake (or an attack), not a phrase.
MAX_CUE_WORDS = 24
MAX_CUE_GAPS = 12
# A cue of wildcards alone ("a*") needs this many letters or digits before a "*": "un*" matches a tenth of English.
MIN_WILDCARD_STEM = 3
WORD = re.compile(r"\w+")


class CueMatch:
    """Where a cue with gaps matched: the part of :class:`re.Match` the taggers use."""

    __slots__ = ("_end", "_start", "string")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, index: int = 0) -> str:
        if index:
            raise IndexError("a cue match has no groups")
        return self.string[self._start : self._end]


class GappedCue:
    """A cue with gaps ("cede … territory"), matched in time linear in the text, however many gaps it has.

    As one regular expression, each gap's choice of zero to four words multiplies the ways a failing match is
    retried: ten gaps took 38 s on a sentence. Here each run of words between gaps is found on its own, and the
    runs are joined left to right, remembering which joins failed, so each run's place is tried once. The match is
    the one the expression would give: the leftmost, with each gap as short as it can be.
    """

    def __init__(self, chunks: list[str], flags: int) -> None:
        # every start of each run of words: a look-ahead finds overlapping places
        self.chunks = [re.compile(rf"(?=({chunk}))", flags) for chunk in chunks]

    def _places(self, text: str) -> list[list[tuple[int, int]]]:
        return [[m.span(1) for m in chunk.finditer(text)] for chunk in self.chunks]

    @staticmethod
    def _gap_fits(text: str, words_before: list[int], end: int, start: int) -> bool:
        """True when ``text[end:start]`` is what a gap may hold: non-word characters around at most four words."""
        if start <= end or WORD.match(text, end) or WORD.match(text[start - 1]):
            return False
        return words_before[start] - words_before[end] <= MAX_GAP_WORDS

    def finditer(self, text: str) -> Iterator[CueMatch]:
        places = self._places(text)
        if not all(places):
            return
        words_before = [0] * (len(text) + 1)  # words that start before each offset
        starts = {m.start() for m in WORD.finditer(text)}
        for offset in range(len(text)):
            words_before[offset + 1] = words_before[offset] + (offset in starts)
        starts_of = [[start for start, _ in chunk_places] for chunk_places in places]
        failed: set[tuple[int, int]] = set()

        def complete(first_end: int) -> int | None:
            """The end of the shortest completion of the runs after the first, which ends at ``first_end``.

            A depth-first search with a stack of its own, not recursion: a cue's gaps are bounded
            (:data:`MAX_CUE_GAPS`), but a cue compiled from elsewhere could have a thousand, past Python's stack.
            """
            if len(places) == 1:
                return first_end
            # each level: (run, end of the run before it, position of the next place of this run to try)
            stack = [(1, first_end, bisect.bisect_right(starts_of[1], first_end))]
            while stack:
                chunk, end, at = stack[-1]
                runs_on = False
                while at < len(places[chunk]):
                    start, next_end = places[chunk][at]
                    at += 1
                    if words_before[start] - words_before[end] > MAX_GAP_WORDS + 1:
                        break  # places are in text order: the rest are further still
                    if not self._gap_fits(text, words_before, end, start):
                        continue
                    if chunk + 1 == len(places):
                        return next_end
                    if (chunk + 1, next_end) in failed:
                        continue
                    stack[-1] = (chunk, end, at)  # where to go on if the next run fails from here
                    stack.append((chunk + 1, next_end, bisect.bisect_right(starts_of[chunk + 1], next_end)))
                    runs_on = True
                    break
                if not runs_on:
                    failed.add((chunk, end))
                    stack.pop()
            return None

        searched_to = 0
        for start, end in places[0]:
            if start < searched_to or (1, end) in failed:
                continue
            finish = complete(end)
            if finish is not None:
                yield CueMatch(text, start, finish)
                searched_to = finish

    def search(self, text: str) -> CueMatch | None:
        return next(self.finditer(text), None)


def cue_problem(cue: str) -> str | None:
    """Why a cue (or alias, phrase, word) cannot be used, or None: too long, or matching (nearly) any text.

    A cue needs a literal word (letters or digits outside a wildcard), or a wildcard with a stem of at least
    :data:`MIN_WILDCARD_STEM` characters: ``*``, ``…`` or ``* … *`` would match every sentence.
    """
    words = GAP.sub(" ", cue).split()
    gaps = len(GAP.findall(cue))
    if gaps > MAX_CUE_GAPS:
        return f"has {gaps:,} gaps (… or ...), more than the {MAX_CUE_GAPS} a cue may have"
    if len(words) > MAX_CUE_WORDS:
        return f"has {len(words):,} words, more than the {MAX_CUE_WORDS} a cue may have"
    if any(not word.endswith("*") and any(c.isalnum() for c in word) for word in words):
        return None
    stem = max((sum(c.isalnum() for c in word) for word in words), default=0)
    if stem == 0:
        return "has no literal word, so it would match any text"
    if stem < MIN_WILDCARD_STEM:
        return f"is too broad: a cue of wildcards alone needs {MIN_WILDCARD_STEM} letters before a '*'"
    return None


def cue_regex(cue: str) -> re.Pattern | GappedCue:
    """Compile one alias or cue written in the codebook's cue syntax (a :class:`GappedCue` when it has gaps)."""
    cue = cue.strip().replace("’", "'")
    parts = []
    for chunk in GAP.split(cue):
        words = []
        for word in chunk.split():
            wildcard, stem = word.endswith("*"), _drops_e(word)
            escaped = re.escape(stem or word.rstrip("*")).replace("'", "['’]")
            # "cede*" matches "cedes", "ceded" and "ceding"
            words.append(escaped + (r"(?:e\w*|ing\w*)" if stem else r"\w*" if wildcard else ""))
        parts.append(r"\s+".join(words))
    letters = [c for c in cue if c.isalpha()]
    flags = 0 if len(letters) >= 2 and all(c.isupper() for c in letters) else re.IGNORECASE
    parts = [part for part in parts if part]
    if len(parts) > 1:
        return GappedCue([rf"(?<![\w-]){parts[0]}", *parts[1:-1], rf"{parts[-1]}(?![\w-])"], flags)
    return re.compile(rf"(?<![\w-]){parts[0] if parts else ''}(?![\w-])", flags)


@lru_cache(maxsize=64)
def _compile(codebook: Codebook, kind: str) -> list[Pattern]:
    if kind == "actors":
        items = [(a.id, alias, False) for a in codebook.actors.values() for alias in (a.name, *a.aliases)]
    elif kind == "issues":
        items = [(i.id, cue, False) for i in codebook.issues.values() for cue in i.cues]
        items += [(i.id, cue, True) for i in codebook.issues.values() for cue in i.inverse_cues]
    elif kind == "positions":
        items = [(position, cue, False) for position, cues in codebook.positions.items() for cue in cues]
    elif kind == "cues":  # support and oppose cues alone, so that a conditional marker cannot hide one
        items = [(p, cue, False) for p, cues in codebook.positions.items() if p != CONDITIONAL for cue in cues]
    elif kind == "conditions":  # markers of a condition, and those that need a negated position
        items = [(CONDITIONAL, cue, False) for cue in codebook.conditionals]
        items += [("negated", cue, False) for cue in codebook.negated_conditionals]
    elif kind in ("frames", "themes"):
        items = [(c.id, cue, False) for c in getattr(codebook, kind).values() for cue in c.cues]
    else:
        items = [(t.leaning, t.phrase, False) for t in codebook.loaded_terms]
    unique = dict.fromkeys(items)
    return [Pattern(cue_regex(text), target, text, inverse, cue_anchor(text)) for target, text, inverse in unique]


def _fail(path: Path, where: str, problem: str) -> CodebookError:
    return CodebookError(f"{shown_path(path)}: {where}: {problem}")


def _strings(value, path: Path, where: str, key: str, required: bool = False) -> tuple[str, ...]:
    if value is None:
        if required:
            raise _fail(path, where, f"'{key}' is missing")
        return ()
    if isinstance(value, str) or not isinstance(value, list):
        raise _fail(path, where, f"'{key}' must be a list of strings")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, f"'{key}' must hold only non-empty strings")
    if required and not value:
        raise _fail(path, where, f"'{key}' is empty")
    return tuple(v.strip() for v in value)


def _cues(value, path: Path, where: str, key: str, kind: str, required: bool = False) -> tuple[str, ...]:
    """:func:`_strings` that are cues of one ``kind`` (alias, cue, phrase, word): each checked by
    :func:`cue_problem`."""
    cues = _strings(value, path, where, key, required)
    for cue in cues:
        _check_cue(cue, path, where, kind)
    return cues


def _check_cue(cue: str, path: Path, where: str, kind: str) -> None:
    problem = cue_problem(cue)
    if problem:
        raise _fail(path, where, f"{kind} '{_shown(cue)}' {problem}")


def _shown(text: str, most: int = 60) -> str:
    """A codebook string as an error line shows it: on one line, control characters escaped, cut after ``most``."""
    line = "".join(c if c.isprintable() else repr(c)[1:-1] for c in " ".join(text.split()))
    return line if len(line) <= most else line[:most] + "…"


def _text(entry: dict, key: str, path: Path, where: str, default: str | None = None) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, f"'{key}' must be a non-empty string")
    return value.strip()


def _entries(data: dict, key: str, path: Path, required: bool = True) -> list[dict]:
    entries = data.get(key)
    if entries is None and not required:
        return []
    if not isinstance(entries, list) or (required and not entries):
        raise _fail(path, key, "must be a non-empty list")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise _fail(path, f"{key}[{index}]", "must be a mapping")
        ident = entry.get("id")
        check_keys(entry, key, path, f"{key}[{index}]" + (f" (id '{_shown(ident)}')" if isinstance(ident, str) else ""))
    return entries


def _check_ids(entries: list[dict], key: str, path: Path) -> None:
    seen = set()
    for index, entry in enumerate(entries):
        ident = entry.get("id")
        where = f"{key}[{index}]"
        if not isinstance(ident, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
            raise _fail(path, where, "'id' must be lower_snake_case (letters, digits, _)")
        if ident in seen:
            raise _fail(path, f"{where} (id '{ident}')", "duplicate id")
        seen.add(ident)


def _read_yaml(path: Path) -> dict:
    if not path.is_file():
        raise CodebookError(not_found(path, "codebook"))
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{shown_path(path)}: not valid YAML ({safe_yaml.first_line(exc)})") from None
    if not isinstance(data, dict):
        raise CodebookError(f"{shown_path(path)}: must be a YAML mapping with 'actors' and 'issues'")
    return data


WORD_LISTS = ("negated_conditional", "lasting_conditional")  # condition markers beside the positions' cues
# English grammar a positions block once held: it is the same for every topic and lives in grammar.yaml.
GRAMMAR_LISTS = ("negation", "reversing", "anaphoric", "receiving", "reporting", "prescribing")
# Every key a codebook may hold, by where it may stand: any other is an error naming the closest of these, so that
# a slip ("alias:" for "aliases:") is not read as a codebook without aliases. The README's Codebooks section has a
# row for each (tests/test_codebook.py checks that it lists exactly these).
CODEBOOK_KEYS: dict[str, tuple[str, ...]] = {
    "top level": (
        "name", "title", "sides", "actors", "issues", "positions", "frames", "themes", "loaded_wording", "sources",
        "control_claims",
    ),
    "actors": ("id", "name", "side", "kind", "role", "aliases", "institution", "demonyms"),
    "issues": ("id", "label", "short", "cues", "inverse_cues"),
    "frames": ("id", "label", "cues"),
    "themes": ("id", "label", "cues"),
    "positions": (*POSITIONS, *WORD_LISTS),
    "sources": ("side_words", "unnamed_adjectives"),
    "control_claims": ("verbs", "places"),
}  # fmt: skip


def check_keys(mapping: dict, level: str, path: Path, where: str) -> None:
    """Refuse a key of ``mapping`` (a block or entry at ``level`` of :data:`CODEBOOK_KEYS`) that a codebook may
    not hold there, naming the closest known key.

    Raises
    ------
    CodebookError
        For the first unknown key, in the file's order.
    """
    known = CODEBOOK_KEYS[level]
    for key in mapping:
        if key in known:
            continue
        shown = _shown(str(key))
        close = difflib.get_close_matches(str(key).strip().lower(), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"the keys here are {', '.join(known)}"
        raise _fail(path, where, f"unknown key '{shown}': {hint} (the README's Codebooks section lists every key)")


def _positions(data: dict, path: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The ``positions:`` block: cues per position, and the markers of conditions on them."""
    block = data.get("positions")
    if block is None:
        return {}, {}
    if not isinstance(block, dict):
        raise _fail(path, "positions", f"must be a mapping of {', '.join((*POSITIONS, *WORD_LISTS))}")
    grammar_lists = sorted(set(block) & set(GRAMMAR_LISTS))
    if grammar_lists:
        where = f"positions.{grammar_lists[0]}"
        raise _fail(path, where, "is English grammar, the same for every topic: see briefing/data/grammar.yaml")
    check_keys(block, "positions", path, "positions")
    cues = {p: _cues(block.get(p), path, f"positions.{p}", p, "cue") for p in POSITIONS if p in block}
    words = {w: _cues(block.get(w), path, f"positions.{w}", w, "word") for w in WORD_LISTS if w in block}
    return cues, words


def _categories(data: dict, key: str, path: Path) -> dict[str, Category]:
    """Frames or themes: optional lists of ``{id, label, cues}``."""
    entries = _entries(data, key, path, required=False)
    _check_ids(entries, key, path)
    categories = {}
    for index, entry in enumerate(entries):
        where = f"{key}[{index}] (id '{entry['id']}')"
        categories[entry["id"]] = Category(
            entry["id"], _text(entry, "label", path, where), _cues(entry.get("cues"), path, where, "cues", "cue", True)
        )
    return categories


def _sources(data: dict, path: Path, sides: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """The optional ``sources:`` block: side words and unnamed-source adjectives, each naming a known side."""
    block = data.get("sources") or {}
    if not isinstance(block, dict):
        raise _fail(path, "sources", "must be a mapping with side_words and unnamed_adjectives")
    check_keys(block, "sources", path, "sources")
    side_words, adjectives = block.get("side_words") or {}, block.get("unnamed_adjectives") or {}
    if not isinstance(side_words, dict) or not isinstance(adjectives, dict):
        raise _fail(path, "sources", "side_words and unnamed_adjectives must be mappings")
    for where, side in [
        *((f"sources.side_words.{s}", s) for s in side_words),
        *((f"sources.unnamed_adjectives.{a}", str(s)) for a, s in adjectives.items()),
    ]:
        if side not in sides:
            raise _fail(path, where, f"side '{side}' is not one of the sides: {', '.join(sides)}")
    words = {
        str(side): _strings(w, path, f"sources.side_words.{side}", str(side), True) for side, w in side_words.items()
    }
    return words, {str(adjective): str(side) for adjective, side in adjectives.items()}


def _actor(entry: dict, path: Path, where: str, sides: tuple[str, ...]) -> Actor:
    """One ``actors:`` entry as an :class:`Actor`, its side and kind checked."""
    side = _text(entry, "side", path, where)
    if side not in sides:
        raise _fail(path, where, f"side '{side}' is not one of the sides: {', '.join(sides)}")
    kind = _text(entry, "kind", path, where, "group")
    if kind not in ACTOR_KINDS:
        raise _fail(path, where, f"kind '{kind}' is not one of: {', '.join(ACTOR_KINDS)}")
    return Actor(
        id=entry["id"],
        name=_text(entry, "name", path, where),
        side=side,
        kind=kind,
        role=str(entry.get("role") or ""),
        aliases=_cues(entry.get("aliases"), path, where, "aliases", "alias"),
        institution=str(entry.get("institution") or ""),
        demonyms=_cues(entry.get("demonyms"), path, where, "demonyms", "demonym"),
    )


def _claim_names(actor: Actor, path: Path, where: str, owner_of_alias: dict, owner_of_demonym: dict) -> None:
    """Record ``actor`` as the owner of its name, aliases and demonyms (casefolded), refusing one another actor
    already owns."""
    _check_cue(actor.name, path, where, "name")  # a name is matched as an alias
    for alias in (actor.name, *actor.aliases):
        key = alias.casefold().replace("’", "'")
        if owner_of_alias.get(key, actor.id) != actor.id:
            raise _fail(path, where, f"alias '{_shown(alias)}' also belongs to actor '{owner_of_alias[key]}'")
        owner_of_alias[key] = actor.id
    for demonym in actor.demonyms:
        key = demonym.casefold()
        if owner_of_demonym.get(key, actor.id) != actor.id:
            raise _fail(path, where, f"demonym '{_shown(demonym)}' also belongs to actor '{owner_of_demonym[key]}'")
        owner_of_demonym[key] = actor.id


def _actors(data: dict, path: Path, sides: tuple[str, ...]) -> dict[str, Actor]:
    """The ``actors:`` block by id: each on a known side, no alias or demonym owned twice, each institution an
    actor."""
    entries = _entries(data, "actors", path)
    _check_ids(entries, "actors", path)
    actors, owner_of_alias, owner_of_demonym = {}, {}, {}
    for index, entry in enumerate(entries):
        where = f"actors[{index}] (id '{entry['id']}')"
        actor = _actor(entry, path, where, sides)
        _claim_names(actor, path, where, owner_of_alias, owner_of_demonym)
        actors[actor.id] = actor
    for index, actor in enumerate(actors.values()):
        if actor.institution and actor.institution not in actors:
            where = f"actors[{index}] (id '{actor.id}')"
            raise _fail(path, where, f"institution '{actor.institution}' is not an actor id")
    return actors


def _issues(data: dict, path: Path) -> dict[str, Issue]:
    """The ``issues:`` block by id, each with its cues."""
    entries = _entries(data, "issues", path)
    _check_ids(entries, "issues", path)
    issues = {}
    for index, entry in enumerate(entries):
        where = f"issues[{index}] (id '{entry['id']}')"
        label = _text(entry, "label", path, where)
        issues[entry["id"]] = Issue(
            id=entry["id"],
            label=label,
            short=_text(entry, "short", path, where, label),
            cues=_cues(entry.get("cues"), path, where, "cues", "cue", required=True),
            inverse_cues=_cues(entry.get("inverse_cues"), path, where, "inverse_cues", "inverse cue"),
        )
    return issues


def _positions_or_defaults(data: dict, path: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The codebook's position cues and word lists (:func:`_positions`), each one it leaves out taken from
    the default positions file."""
    positions, words = _positions(data, path)
    if len(positions) < len(POSITIONS) or len(words) < len(WORD_LISTS):
        default_cues, default_words = _positions(_read_yaml(DEFAULT_POSITIONS), DEFAULT_POSITIONS)
        positions = {p: positions.get(p) or default_cues[p] for p in POSITIONS}
        words = {w: words.get(w) or default_words[w] for w in WORD_LISTS}
    return positions, words


def _loaded_terms(data: dict, path: Path) -> tuple[LoadedTerm, ...]:
    """The optional ``loaded_wording:`` block: each side's narrative and its phrases."""
    loaded = data.get("loaded_wording") or {}
    if not isinstance(loaded, dict):
        raise _fail(path, "loaded_wording", "must map each side's narrative to a list of phrases")
    return tuple(
        LoadedTerm(phrase, str(leaning))
        for leaning, phrases in loaded.items()
        for phrase in _cues(phrases, path, f"loaded_wording.{leaning}", str(leaning), "phrase", required=True)
    )


def _control_claims(data: dict, path: Path) -> ControlClaims | None:
    """The optional ``control_claims:`` block: ``verbs`` and ``places``, both lists of single-word cues."""
    block = data.get("control_claims")
    if block is None:
        return None
    if not isinstance(block, dict):
        raise _fail(path, "control_claims", "must be a mapping with verbs and places")
    check_keys(block, "control_claims", path, "control_claims")
    words = {}
    for key in ("verbs", "places"):
        where = f"control_claims.{key}"
        words[key] = _cues(block.get(key), path, where, key, key[:-1], required=True)
        for cue in words[key]:
            if len(GAP.sub(" ", cue).split()) > 1 or GAP.search(cue):
                raise _fail(path, where, f"{key[:-1]} '{_shown(cue)}' must be one word (a '*' may end it)")
    return ControlClaims(words["verbs"], words["places"])


def _position_fields(data: dict, path: Path) -> dict[str, dict | tuple]:
    """The :class:`Codebook` fields of the position cues and condition markers (:func:`_positions_or_defaults`)."""
    positions, words = _positions_or_defaults(data, path)
    return {
        "positions": positions,
        "conditionals": positions[CONDITIONAL] + words["lasting_conditional"],
        "negated_conditionals": words["negated_conditional"],
        "lasting_conditionals": words["lasting_conditional"],
    }


def bare_codebook() -> Codebook:
    """A codebook of the default position cues alone, on the one side :data:`~briefing.schema.OTHER_SIDE`: no actor,
    issue, frame or theme, so that a corpus read with it has every name and every position uncovered (what
    ``codebook suggest --write`` starts a codebook from)."""
    return Codebook(
        path=DEFAULT_POSITIONS,
        name="bare",
        title="bare",
        sides=(OTHER_SIDE,),
        actors={},
        issues={},
        **_position_fields({}, DEFAULT_POSITIONS),
    )


def load_codebook(path: str | Path) -> Codebook:
    """Read, validate and compile a codebook.

    Parameters
    ----------
    path : str or Path
        The YAML file; relative paths start at the project root.

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        Naming the file, the entry and the problem.
    """
    path = project_path(path)
    data = _read_yaml(path)
    check_keys(data, "top level", path, "top level")
    name = _text(data, "name", path, "top level")
    sides = _strings(data.get("sides"), path, "top level", "sides", required=True)
    actors = _actors(data, path, sides)
    issues = _issues(data, path)
    frames, themes = _categories(data, "frames", path), _categories(data, "themes", path)
    loaded_terms = _loaded_terms(data, path)
    side_words, unnamed_adjectives = _sources(data, path, sides)
    control = _control_claims(data, path)
    return Codebook(
        path=path,
        name=name,
        title=str(data.get("title") or name),
        sides=sides,
        actors=actors,
        issues=issues,
        **_position_fields(data, path),
        frames=frames,
        themes=themes,
        loaded_terms=loaded_terms,
        side_words=side_words,
        unnamed_adjectives=unnamed_adjectives,
        control=control,
    )
