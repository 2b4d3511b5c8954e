"""What the user gets: charts (:mod:`~briefing.publish.charts`, :mod:`~briefing.publish.figures`), HTML fragments
(:mod:`~briefing.publish.markup`), the CSV export (:mod:`~briefing.publish.export`), both from one analysis
(:mod:`~briefing.publish.artifacts`), the rendered briefing (:mod:`~briefing.publish.render`, templates in
``templates/``) and codebook suggestions (:mod:`~briefing.publish.suggestions`).
"""
