"""Measured quality, apart from the runtime stages: the taggers and the cleaning scored against hand-annotated gold,
whose paths are passed in (``python -m briefing evaluate cleaning|attribution|stances|dates|seeds``). The stages
read only the scores ``make eval`` recorded, through :mod:`~briefing.evaluate.recorded`.
"""
