"""The exception hierarchy.

Every error the tool raises on bad input is a :class:`BriefingError`, whose
message is one line naming the file and the problem; the CLI prints it and
exits non-zero. A message names its file as :func:`shown_path` shows it, in
quotes, so that a stray space in a path shows.
"""

WARNING_PREFIX = "warning: "  # how a warning line starts: on standard error, and in an executed notebook's output


class BriefingError(Exception):
    """Base class for errors a user can fix by changing the input."""


class CorpusError(BriefingError):
    """The corpus folder is missing, empty or holds no usable article."""


class ManifestError(BriefingError):
    """The corpus ``manifest.csv`` cannot be used at all."""


class CodebookError(BriefingError):
    """A codebook file is missing or breaks the schema."""


class ParameterError(BriefingError):
    """A notebook parameter is unknown or its value has the wrong type."""


class RenderError(BriefingError):
    """The briefing notebook failed while it ran or rendered."""


class GoldError(BriefingError):
    """An annotated gold folder is missing its files or breaks its format."""


class CacheError(BriefingError):
    """The cache folder is not the tool's own, or cannot be used."""


class CacheNotCleared(CacheError):
    """``--no-cache`` could not delete the cache's entries (a read-only cache): the run must not reuse them."""


class SchedulerError(BriefingError):
    """No Dask scheduler answers at the address given."""


class ModelError(BriefingError):
    """The spaCy model named is not installed."""


def shown_path(path: object) -> str:
    """A path as every error message shows it: in quotes, so that a space at either end shows
    (``'/data/corpus '``), with control characters escaped, so that one message stays one line."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(path))
    return f"'{text}'"


def not_found(path: object, what: str) -> str:
    """The message of a path that does not exist: ``'<path>': <what> not found``, and, when the path has a space
    at either end of a part and the path without it exists, that one, as the likely meaning."""
    from pathlib import Path  # here, so that this module imports nothing at the start of every command

    given = Path(str(path))
    trimmed = Path(*(part.strip() for part in given.parts)) if given.parts else given
    hint = ""
    if trimmed != given and trimmed.exists():
        hint = f" (the path has a space at the end or start of a name; {shown_path(trimmed)} exists)"
    return f"{shown_path(path)}: {what} not found{hint}"
