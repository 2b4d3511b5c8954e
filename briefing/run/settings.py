"""The options of one run, carried together from the command line or the briefing notebook to the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from briefing.codebook import Codebook, load_codebook
from briefing.corpus.loading import LoadOptions
from briefing.language.parsing import DEFAULT_MODEL
from briefing.run.cache import ResultCache, cache_folder
from briefing.run.parameters import check_all


@dataclass(frozen=True)
class RunSettings:
    """How a corpus is analysed.

    Attributes
    ----------
    options : LoadOptions
        Loading and cleaning settings.
    codebook : Codebook, optional
        Actors, issues and frames; without one, no stances or frames.
    jobs : int
        Worker processes for per-article analysis. They start as fresh interpreters that import the calling
        script, so a script that analyses with ``jobs > 1`` guards its entry point with
        ``if __name__ == "__main__":`` (notebooks and the command line need nothing).
    progress : bool
        Show progress bars on standard error.
    spacy_model : str
        The installed spaCy pipeline that parses sentences (default: the small English model).
    engine : str
        ``local`` or ``dask`` (:mod:`briefing.run.engine`).
    scheduler : str, optional
        The Dask scheduler's address; without one, ``dask`` starts a local cluster of ``jobs`` workers.
    cache : ResultCache, optional
        Per-article results to reuse and to add to.
    """

    options: LoadOptions = LoadOptions()
    codebook: Codebook | None = None
    jobs: int = 1
    progress: bool = False
    spacy_model: str = DEFAULT_MODEL
    engine: str = "local"
    scheduler: str | None = None
    cache: ResultCache | None = None


def settings_from_parameters(parameters: Mapping[str, object]) -> RunSettings:
    """The settings the briefing notebook's parameters ask for (the notebook passes its globals), their limits
    checked first however the notebook is run: the codebook loaded, the cache opened unless ``cache`` is false."""
    check_all(parameters)
    codebook = load_codebook(parameters["codebook"])
    spacy_model = parameters["spacy_model"]
    return RunSettings(
        LoadOptions(
            recurring_min_articles=parameters["recurring_min_articles"],
            near_duplicate_threshold=parameters["near_duplicate_threshold"],
        ),
        codebook,
        parameters["jobs"],
        spacy_model=spacy_model,
        engine=parameters["engine"],
        scheduler=parameters["scheduler"] or None,
        cache=ResultCache(cache_folder(), codebook, spacy_model) if parameters["cache"] else None,
    )
