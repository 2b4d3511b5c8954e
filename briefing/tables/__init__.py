"""The analysis of a corpus as tidy tables: :class:`~briefing.tables.analysis.Analysis`, which every later stage
reads, and :func:`~briefing.tables.assembly.analyze`, which builds it from a corpus folder.
"""
