"""What the briefing shows, one module per section.

Each module computes its section's tables and findings from the analysis tables and returns DataFrames
and :class:`~briefing.report.common.Finding` objects for :mod:`briefing.publish.markup` to display; nothing here is
written for one corpus. The position matrix, which several sections read, is computed once per analysis.

Modules: ``common``, ``contents``, ``corpus_facts``, ``removals``, ``quality``, ``position_matrix``, ``frames``,
``source_ledger``, ``theme_shares``, ``tone``, ``chronology``, ``outlets``, ``findings``. The package re-exports
their names, so ``from briefing import report`` then ``report.position_matrix``.
"""

from briefing.report.chronology import (
    EVENT_WINDOW_DAYS,
    dated_kinds,
    dated_mentions,
    timeline_evidence,
    timeline_finding,
)
from briefing.report.common import (
    EVIDENCE_COLUMNS,
    Finding,
    evidence_rows,
    known,
    story_of,
    top_shares,
    verb,
)
from briefing.report.contents import GLOSSARY, SECTIONS
from briefing.report.corpus_facts import copies, corpus_facts, input_problems, overview, read_warnings
from briefing.report.findings import key_findings
from briefing.report.frames import frame_table, loaded_summary
from briefing.report.outlets import coverage_by_date, outlet_comparison, outlets_note
from briefing.report.position_matrix import (
    CONTROL,
    POSITION_ORDER,
    consensus,
    control_claims,
    disagreements,
    evidence_anchor,
    position_matrix,
    prominent_holders,
    stance_findings,
)
from briefing.report.quality import (
    attribution_quality,
    cleaning_quality,
    position_cue_coverage,
    stance_quality,
    trust_summary,
)
from briefing.report.removals import (
    REMOVAL_SUMMARY_COLUMNS,
    cleaning_finding,
    cleaning_rules,
    heavy_removals,
    removal_summary,
    skipped_words,
)
from briefing.report.source_ledger import (
    actor_mix,
    quote_ledger,
    source_evidence,
    source_findings,
    source_mix,
    top_sources,
    unresolved_speakers,
    verb_strength_table,
)
from briefing.report.theme_shares import (
    MIN_SENTENCES,
    terms_by_article,
    theme_evidence,
    theme_finding,
    theme_sentences,
    theme_shares,
    theme_summary,
    uncovered_share,
)
from briefing.report.tone import (
    CHANCE_DRAWS,
    actor_sentences,
    actor_tone_table,
    chance_spread,
    extreme_rows,
    extreme_sentences,
    extremes_with_context,
    tone_by_theme,
    tone_finding,
    tone_toward_actors,
)
from briefing.run.parameters import briefing_title  # the render command names its briefing without pandas

__all__ = [
    "CHANCE_DRAWS",
    "CONTROL",
    "EVENT_WINDOW_DAYS",
    "EVIDENCE_COLUMNS",
    "GLOSSARY",
    "MIN_SENTENCES",
    "POSITION_ORDER",
    "REMOVAL_SUMMARY_COLUMNS",
    "SECTIONS",
    "SHORT_LABEL",
    "TOP_N_ARTICLES",
    "Finding",
    "actor_mix",
    "actor_sentences",
    "actor_tone_table",
    "attribution_quality",
    "briefing_charts",
    "briefing_title",
    "chance_spread",
    "charts_and_export",
    "cleaning_finding",
    "cleaning_quality",
    "cleaning_rules",
    "consensus",
    "control_claims",
    "copies",
    "corpus_facts",
    "coverage_by_date",
    "dated_kinds",
    "dated_mentions",
    "disagreements",
    "evidence_anchor",
    "evidence_rows",
    "extreme_rows",
    "extreme_sentences",
    "extremes_with_context",
    "frame_table",
    "heavy_removals",
    "input_problems",
    "key_findings",
    "known",
    "label_key",
    "loaded_summary",
    "outlet_comparison",
    "outlets_note",
    "overview",
    "position_cue_coverage",
    "position_matrix",
    "prominent_holders",
    "quote_ledger",
    "read_warnings",
    "removal_summary",
    "short_labels",
    "skipped_words",
    "source_evidence",
    "source_findings",
    "source_mix",
    "stance_findings",
    "stance_quality",
    "story_of",
    "terms_by_article",
    "theme_evidence",
    "theme_finding",
    "theme_sentences",
    "theme_shares",
    "theme_summary",
    "timeline_evidence",
    "timeline_finding",
    "tone_by_theme",
    "tone_finding",
    "tone_toward_actors",
    "top_shares",
    "top_sources",
    "trust_summary",
    "uncovered_share",
    "unresolved_speakers",
    "verb",
    "verb_strength_table",
]
