"""The corpus: a folder of article files found, read, dated, cleaned of page furniture and deduplicated.

:mod:`~briefing.corpus.discovery` finds the files, :mod:`~briefing.corpus.reading` reads one,
:mod:`~briefing.corpus.metadata` takes the manifest and dates, :mod:`~briefing.corpus.boilerplate` removes
furniture, :mod:`~briefing.corpus.duplicates` finds copies, and :mod:`~briefing.corpus.loading` does all of it for
a folder.
"""
