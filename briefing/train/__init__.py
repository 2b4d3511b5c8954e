"""Training the stance decision (beside the stages, like :mod:`briefing.evaluate`): the draw of the pool articles
coded for it (:mod:`.draw`) and the fit and export of the model (:mod:`.fit`), on candidates labelled by
:mod:`briefing.evaluate.candidate_labels`. The analysis never imports it.
"""
