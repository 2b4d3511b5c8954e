"""Brat standoff annotations (``.ann`` files), and the span arithmetic the evaluations share."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from briefing.errors import GoldError, shown_path

# Annotation lines that name other annotations, by their first character, and where the names stand among the
# words after the tab: in events (``E1\tAttribution:T5 Content:T4``) and relations (``R1\tType Arg1:T1 Arg2:T2``,
# after the type) as role:id pairs; in attributes, normalisations (``A1\tNegated E1``) and notes
# (``#1\tAnnotatorNotes T1``) as the second word; in equivalences (``*\tEquiv T1 T2``) as every word after the first.
ROLE_LINES = ("E", "R")
TARGET_LINES = ("A", "M", "N", "#")
EQUIVALENCE_LINES = ("*",)


class Span(NamedTuple):
    """A text-bound annotation: its kind, its pieces as ``(start, end)`` offsets, and the text it quotes."""

    kind: str
    pieces: tuple[tuple[int, int], ...]
    text: str


class Event(NamedTuple):
    """An event: the line it is on, and the id of each of its roles (its type's role names its trigger)."""

    line: int
    roles: dict[str, str]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two ``(start, end)`` spans."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def text_span(ident: str, rest: str, text: str, following: list[str], where: str) -> tuple[Span, int]:
    """The span a ``T`` line defines (``rest``: what follows its id), checked against ``text``, and how many of the
    ``following`` lines of the file its quoted text runs over (its line breaks)."""
    kind_and_offsets, quoted = rest.split("\t", 1)
    kind, offsets = kind_and_offsets.split(" ", 1)
    pieces = tuple(span_piece(part) for part in offsets.split(";"))
    check_pieces(pieces, len(text), where)
    expected = " ".join(text[start:end] for start, end in pieces)
    breaks = expected.count("\n")  # the quoted text goes on over the next lines of the file
    quoted = "\n".join([quoted, *following[:breaks]])
    if quoted != expected:
        raise GoldError(f"{where}: {ident} quotes {shown(quoted)} but the text at {offsets} is {shown(expected)}")
    return Span(kind, pieces, quoted), breaks


def references_of(line: str, rest: str, number: int) -> tuple[list[str], Event | None]:
    """The ids an event, relation, attribute, normalisation or equivalence line (number ``number``) refers to,
    and the :class:`Event` it defines, if it is one."""
    if line[0] in ROLE_LINES:
        # a relation's type stands alone before its roles; an event's type names its trigger
        words = rest.split()[1:] if line.startswith("R") else rest.split()
        roles = dict(role_and_id(word) for word in words)
        return list(roles.values()), Event(number, roles) if line.startswith("E") else None
    if line[0] in TARGET_LINES:
        return [rest.split()[1]], None
    if line[0] in EQUIVALENCE_LINES:
        return rest.split()[1:], None
    raise ValueError("an annotation starts with T, E, R, A, M, N, # or *")


def parse_ann(path: Path, text: str) -> tuple[dict[str, Span], list[Event]]:
    """Text-bound spans by id and events of one ``.ann`` file, checked against ``text``, the document it annotates.

    A span's text may hold line breaks, and so run over several lines of the file; a discontinuous span quotes
    its pieces joined by a space, as brat writes them.

    Raises
    ------
    GoldError
        Naming the file and line (``x.ann line 12: …``): a line that is not brat standoff, an id defined twice,
        a span outside the text, empty or reversed, a span whose quoted text is not the text at its offsets, or
        a reference to an id the file does not define.
    """
    lines = read_utf8(path).split("\n")
    spans: dict[str, Span] = {}
    events: list[Event] = []
    defined: set[str] = set()
    references: list[tuple[int, str]] = []  # (line, id)
    number = 0
    while number < len(lines):
        line, number = lines[number], number + 1
        where = f"{shown_path(path)} line {number}"
        if not line.strip():
            continue
        try:
            ident, rest = line.split("\t", 1)
            if ident in defined and ident != "*":  # equivalences have no id of their own
                raise GoldError(f"{where}: {ident} is defined twice")
            if line.startswith("T"):
                spans[ident], breaks = text_span(ident, rest, text, lines[number:], where)
                number += breaks
            else:
                targets, event = references_of(line, rest, number)
                references.extend((number, target) for target in targets)
                if event is not None:
                    events.append(event)
        except (ValueError, IndexError) as exc:
            raise GoldError(f"{where}: not brat standoff ({exc})") from exc
        defined.add(ident)
    for number, target in references:
        if target not in defined:
            raise GoldError(f"{shown_path(path)} line {number}: refers to {target}, which the file does not define")
    return spans, events


def read_utf8(path: Path) -> str:
    """The text of a gold file, which brat writes in UTF-8.

    Raises
    ------
    GoldError
        When it is not UTF-8.
    """
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GoldError(f"{shown_path(path)}: not UTF-8 text (invalid byte at {exc.start})") from exc


def span_piece(part: str) -> tuple[int, int]:
    """One ``start end`` piece of a span's offsets."""
    start, end = part.split()
    return int(start), int(end)


def check_pieces(pieces: tuple[tuple[int, int], ...], length: int, where: str) -> None:
    """Each piece of a span lies inside a text of ``length`` characters and holds at least one."""
    for start, end in pieces:
        if start < 0:
            raise GoldError(f"{where}: span {start} {end} starts before the text (offsets count from 0)")
        if start >= end:
            raise GoldError(f"{where}: span {start} {end} is empty or reversed (its start must be before its end)")
        if end > length:
            raise GoldError(f"{where}: span {start} {end} ends past the text's end ({length:,} characters)")


def role_and_id(part: str) -> tuple[str, str]:
    """``Role:T4`` as ``("Role", "T4")``."""
    role, target = part.split(":", 1)
    if not role or not target:
        raise ValueError(f"{part!r} is not role:id")
    return role, target


def shown(text: str, limit: int = 60) -> str:
    """A quoted text short enough for a one-line error."""
    text = text.replace("\n", "\\n")
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
