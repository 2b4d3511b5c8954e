"""Training material for the stance decision (beside the stages, like :mod:`briefing.evaluate`): the draw of the
pool articles coded for it (:mod:`.draw`). The analysis never imports it.
"""
