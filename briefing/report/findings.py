"""The key findings: the headline finding of each section, with the anchor of its evidence."""

from __future__ import annotations

from briefing.report.chronology import timeline_finding
from briefing.report.common import Finding
from briefing.report.position_matrix import stance_findings
from briefing.report.source_ledger import source_findings
from briefing.report.theme_shares import theme_finding
from briefing.report.tone import tone_finding
from briefing.tables.analysis import Analysis


def key_findings(analysis: Analysis) -> list[tuple[Finding, str]]:
    """Five to eight findings from every section, each with the anchor of the section that proves it."""
    stance = stance_findings(analysis)
    source = source_findings(analysis)
    findings: list[tuple[Finding, str]] = [(f, f"finding-stance-{i}") for i, f in enumerate(stance[:2])]
    findings += [(f, f"finding-source-{i}") for i, f in enumerate(source[:2])]
    if len(analysis.themes):
        findings.append((theme_finding(analysis), "finding-themes"))
    findings.append((tone_finding(analysis), "finding-tone"))
    if len(stance) > 2:
        findings.append((stance[2], "finding-stance-2"))
    if len(analysis.timeline):
        findings.append((timeline_finding(analysis), "finding-timeline"))
    return findings[:8]
