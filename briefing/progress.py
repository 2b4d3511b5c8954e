"""Progress bars on standard error, off in notebooks and tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import TypeVar

Item = TypeVar("Item")


def progress_bar(
    items: Iterable[Item],
    label: str,
    enabled: bool = True,
    total: int | None = None,
    sizes: Sequence[int] | None = None,
) -> Iterator[Item]:
    """Iterate over ``items`` with a tqdm bar of articles when ``enabled``.

    Each item counts one article; with ``sizes``, the n-th item counts ``sizes[n]`` articles and the bar's total is
    their sum (a batch of 16 articles advances it by 16, so that the bar's unit means what it says).
    """
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    steps = iter(sizes) if sizes is not None else None
    total = sum(sizes) if sizes is not None else total
    with tqdm(desc=label, total=total, unit="article", leave=False, dynamic_ncols=True) as bar:
        for item in items:
            yield item
            bar.update(next(steps, 1) if steps is not None else 1)


def batch_sizes(batches: Iterable[object]) -> list[int]:
    """The articles in each of ``batches``: its length, or 1 for a batch that is one item (:func:`progress_bar`'s
    ``sizes``)."""
    return [len(batch) if isinstance(batch, Sized) else 1 for batch in batches]
