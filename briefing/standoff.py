"""Brat standoff annotations (``.ann`` files), and the span arithmetic the evaluations share."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import GoldError


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two ``(start, end)`` spans."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def parse_ann(path: Path) -> tuple[dict[str, tuple[str, tuple[tuple[int, int], ...], str]], list[dict[str, str]]]:
    """Text-bound spans by id (kind, spans, text) and events (role -> span id) of one ``.ann`` file."""
    spans, events = {}, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            if line.startswith("T"):
                ident, kind_and_offsets, text = line.split("\t", 2)
                kind, offsets = kind_and_offsets.split(" ", 1)
                pieces = tuple(tuple(map(int, part.split())) for part in offsets.split(";"))
                spans[ident] = (kind, pieces, text)
            elif line.startswith("E"):
                _, roles = line.split("\t", 1)
                events.append(dict(part.split(":", 1) for part in roles.split() if ":" in part))
        except ValueError as exc:
            raise GoldError(f"{path}: line {number} is not brat standoff ({exc})") from exc
    return spans, events
