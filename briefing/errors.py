"""The exception hierarchy.

Every error the tool raises on bad input is a :class:`BriefingError`, whose
message is one line naming the file and the problem; the CLI prints it and
exits non-zero.
"""


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
