"""The language layer the taggers share: paragraphs and sentences with offsets (:mod:`~briefing.language.segment`),
the dependency parse and codebook actors (:mod:`~briefing.language.parsing`), the English grammar of
``briefing/data/grammar.yaml`` (:mod:`~briefing.language.grammar`), syntax helpers (:mod:`~briefing.language.syntax`),
people's names (:mod:`~briefing.language.names`), what earlier sentences tell later ones
(:mod:`~briefing.language.discourse`), tone (:mod:`~briefing.language.sentiment`) and span arithmetic
(:mod:`~briefing.language.spans`).
"""
