"""Running the analysis: per-article analysis as a pure function (:mod:`~briefing.run.per_article`), kept as columns
(:mod:`~briefing.run.columns`), run over processes or a cluster (:mod:`~briefing.run.engine`,
:mod:`~briefing.run.pipeline`) and cached (:mod:`~briefing.run.cache`, :mod:`~briefing.run.cache_format`); the
corpus-wide distinctive terms (:mod:`~briefing.run.distinctive_terms`), the run's settings
(:mod:`~briefing.run.settings`) and the limits of the briefing's parameters (:mod:`~briefing.run.parameters`).
"""
