"""The limits of the briefing notebook's parameters, checked by the command line before a run and by the notebook
itself when it is run another way (Jupyter, papermill)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

from briefing.errors import ParameterError
from briefing.run.engine import ENGINES

# name: (lowest, highest) allowed, None for no bound; both bounds included.
LIMITS: dict[str, tuple[float | None, float | None]] = {
    "top_n_articles": (1, None),
    "top_n_sentences": (1, None),
    "top_n_examples": (1, None),
    "top_n_outlets": (1, None),
    "collapse_over": (0, None),
    "recurring_min_articles": (2, None),  # one story cannot recur
    "near_duplicate_threshold": (0.01, 1.0),
    "jobs": (1, None),
}
# name: the values allowed
CHOICES: dict[str, tuple[str, ...]] = {"engine": ENGINES}
# Parameters the command line sets from its own options: a -p for them would be silently overridden.
SET_BY_OPTIONS = {
    "corpus": "--corpus",
    "export_dir": "--out (the tables go to <out stem>_data/ beside the HTML; `analyze --out` writes them anywhere)",
}


def check_value(name: str, value: object) -> None:
    """Raise :class:`ParameterError` when ``value`` is outside the limits or the choices of parameter ``name``."""
    if name in CHOICES and value not in CHOICES[name]:
        raise ParameterError(f"parameter '{name}' must be one of {', '.join(CHOICES[name])}, got '{value}'")
    if name not in LIMITS or isinstance(value, bool) or not isinstance(value, int | float):
        return
    low, high = LIMITS[name]
    if isinstance(value, float) and not math.isfinite(value):
        raise ParameterError(f"parameter '{name}' must be a finite number, got {value}")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"at least {low}" if high is None else f"between {low} and {high}"
        raise ParameterError(f"parameter '{name}' must be {bounds}, got {value}")


def check_all(namespace: Mapping[str, object]) -> None:
    """Check every limited parameter found in ``namespace`` (the notebook passes its globals), and that a
    scheduler comes with the engine that uses it."""
    for name in [*LIMITS, *CHOICES]:
        if name in namespace:
            check_value(name, namespace[name])
    if namespace.get("scheduler") and namespace.get("engine") != "dask":
        raise ParameterError("parameter 'scheduler' needs engine 'dask'")


def briefing_title(title: str, corpus: Path) -> str:
    """The ``title`` parameter's value: ``title`` if given, else one naming the corpus folder."""
    return title or f"Coverage briefing: {Path(corpus).name}"
