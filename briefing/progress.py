"""Progress bars on standard error, off in notebooks and tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")


def progress_bar(items: Iterable[Item], label: str, enabled: bool = True, total: int | None = None) -> Iterator[Item]:
    """Iterate over ``items`` with a tqdm bar when ``enabled``."""
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=label, total=total, unit="article", leave=False, dynamic_ncols=True)
