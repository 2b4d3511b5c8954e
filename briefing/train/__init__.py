"""Training the stance decision (beside the stages, like :mod:`briefing.evaluate`): the draw of the pool articles
coded for it (:mod:`.draw`), the labelled candidates (:mod:`.examples`) and the fit and export of the model
(:mod:`.fit`). The analysis never imports it.
"""
