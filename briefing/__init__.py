"""News-coverage briefing: stances, sources, themes and tone of a corpus of articles.

The stages, one module each: :mod:`briefing.corpus` loads and cleans,
:mod:`briefing.segment` splits, :mod:`briefing.sentiment` scores tone,
:mod:`briefing.pipeline` runs them, :mod:`briefing.export` writes tables,
:mod:`briefing.render` builds the HTML briefing.
"""

__version__ = "0.1.0"
