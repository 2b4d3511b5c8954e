"""The language layer the taggers share: paragraphs and sentences with offsets (:mod:`~briefing.language.segment`),
the dependency parse and codebook actors (:mod:`~briefing.language.parsing`), tone (:mod:`~briefing.language.sentiment`)
and span arithmetic (:mod:`~briefing.language.spans`).
"""
