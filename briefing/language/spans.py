"""Span arithmetic for the taggers: which of many ``(start, end)`` offsets cover a place or overlap a span.

An article can hold thousands of quotations and attributions; asking each of them about each other (or about each
word) was quadratic or worse (5,000 copies of one quoted sentence never finished). Here the spans are sorted once,
and each question takes logarithmic time, or time in what it finds.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate


class SpanSet:
    """Spans, asked whether any covers an offset or overlaps a span, each question in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        # the furthest end of the spans up to each, in order of start: a span that starts earlier and ends later
        # is found however many spans lie between
        self.reach = list(accumulate((end for _, end in ordered), max))

    def covers(self, offset: int) -> bool:
        """True when a span holds ``offset`` (``start <= offset < end``)."""
        before = bisect_right(self.starts, offset)
        return bool(before) and self.reach[before - 1] > offset

    def overlaps(self, span: tuple[int, int]) -> bool:
        """True when a span shares a character with ``span`` (as :func:`overlapping` counts it)."""
        before = bisect_left(self.starts, span[1])
        return bool(before) and self.reach[before - 1] > span[0]


def overlapping(spans: Sequence[tuple[int, int]], queries: Sequence[tuple[int, int]]) -> list[list[int]]:
    """For each query span, the positions in ``spans`` of those that overlap it (``start < query end`` and
    ``query start < end``), in order.

    One sweep in order of start: time ``(n + m) log n`` plus what is found, when the queries do not overlap one
    another (the sentences of an article); a query that holds others costs the spans begun before its end.
    """
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    found: list[list[int]] = [[] for _ in queries]
    active: list[tuple[int, int]] = []  # (end, position): the spans begun, not yet known to end before the sweep
    taken = 0
    for query in sorted(range(len(queries)), key=lambda q: queries[q][0]):
        start, end = queries[query]
        while taken < len(order) and spans[order[taken]][0] < end:
            heapq.heappush(active, (spans[order[taken]][1], order[taken]))
            taken += 1
        while active and active[0][0] <= start:  # ended before this query: before every later one too
            heapq.heappop(active)
        found[query] = sorted(i for _, i in active if spans[i][0] < end)
    return found
