"""The taggers: what one article says, read off the language layer.

:mod:`~briefing.taggers.sources` (who is quoted or cited), :mod:`~briefing.taggers.stances` (who takes which
position on which issue), :mod:`~briefing.taggers.framing`, :mod:`~briefing.taggers.themes` and
:mod:`~briefing.taggers.timeline`.
Sources run before stances, which read their speakers.
"""
