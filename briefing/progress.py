"""Progress bars on standard error, off in notebooks and tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sized
from typing import TypeVar

Item = TypeVar("Item")


def progress_bar(
    items: Iterable[Item],
    label: str,
    enabled: bool = True,
    total: int | None = None,
    size: Callable[[Item], int] | None = None,
) -> Iterator[Item]:
    """Iterate over ``items`` with a tqdm bar of articles when ``enabled``.

    Each item counts one article, or ``size(item)`` articles when ``size`` is given (a batch of 16 articles
    advances the bar by 16, so that the bar's unit means what it says); ``total`` is then the number of articles.
    """
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    with tqdm(desc=label, total=total, unit="article", leave=False, dynamic_ncols=True) as bar:
        for item in items:
            yield item
            bar.update(size(item) if size is not None else 1)


def articles_in(batches: Iterable[Sized]) -> int:
    """The articles in ``batches`` (sequences of articles, or of their results): a :func:`progress_bar`'s total."""
    return sum(len(batch) for batch in batches)
