"""News-coverage briefing: stances, sources, themes and tone of a corpus of articles.

The packages follow the path of an article, each importing only those before it:

- :mod:`briefing.corpus`: find, read, date, clean and deduplicate the files of a corpus folder;
- :mod:`briefing.language`: the language layer the taggers share: sentences, the parse, tone;
- :mod:`briefing.taggers`: read sources, stances, frames, themes and dated events off one article;
- :mod:`briefing.run`: per-article analysis as a pure function, run over processes or a cluster, cached;
- :mod:`briefing.tables`: the analysis of a corpus as tidy tables;
- :mod:`briefing.report`: the briefing's sections: tables and findings, in pandas;
- :mod:`briefing.publish`: charts, HTML, the CSV export and the rendered briefing;
- :mod:`briefing.evaluate`: beside them, the taggers scored against hand-annotated gold.

:mod:`briefing.cli` is the command line on top; :mod:`briefing.codebook` (the topic), :mod:`briefing.errors`,
:mod:`briefing.outputs`, :mod:`briefing.paths`, :mod:`briefing.progress` and :mod:`briefing.safe_yaml` serve all.
"""

__version__ = "0.1.0"
