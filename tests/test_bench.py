"""The parts of ``make bench`` that do not time anything: its table, its targets, and the page measures it takes in
Chromium (``benchmarks/measures.py``)."""

import pytest

from benchmarks.measures import (
    FINDING_LIMIT,
    Row,
    export_megabytes,
    finding_text,
    first_screen,
    limited,
    table,
    verdict,
)
from briefing.paths import SEEDS_DIR


def test_a_measure_meets_its_target_up_to_the_limit_and_never_when_missing():
    assert verdict(400, FINDING_LIMIT) == "met"
    assert verdict(401, FINDING_LIMIT) == "NOT MET"
    assert verdict(19_956, FINDING_LIMIT) == "NOT MET"  # the longest key finding of the 10,707 pool articles
    assert verdict(float("nan"), 5.0) == "NOT MET"
    assert verdict(None, 5.0) == "NOT MET"


def test_a_limited_row_states_value_and_target_alike():
    row = limited("HTML of the briefing: 10,707 pool articles", 10.04, 5.0, " MB")
    assert row == Row("HTML of the briefing: 10,707 pool articles", "10.0 MB", "≤ 5.0 MB", "NOT MET", "")
    assert limited("peak", 1649.4, 2048, " MiB", 0)[1:4] == ("1,649 MiB", "≤ 2,048 MiB", "met")


def test_the_table_has_one_aligned_line_per_row_under_its_header():
    rows = [Row("corpus", "real: ../shared/pool/war-2022"), limited("peak", 2100, 2048, " MiB", 0, "a note")]
    lines = table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert [cell.strip() for cell in lines[0].strip("|").split("|")] == ["measure", "value", "target", "met", "note"]
    assert set(lines[1]) <= {"|", "-"}
    assert len({len(line) for line in lines}) == 1  # every column padded to its widest cell
    assert [cell.strip() for cell in lines[3].strip("|").split("|")] == [
        "peak",
        "2,100 MiB",
        "≤ 2,048 MiB",
        "NOT MET",
        "a note",
    ]


def test_a_finding_is_read_without_its_evidence_link():
    item = "Articles disagree on 317 actor–issue positions.\n Russia on  'Ceasefire now' … Evidence →"
    assert finding_text(item) == "Articles disagree on 317 actor–issue positions. Russia on 'Ceasefire now' …"


def test_the_export_size_counts_csv_and_parquet_apart(tmp_path):
    (tmp_path / "articles.csv").write_bytes(b"x" * 1_500_000)
    (tmp_path / "sentences.csv").write_bytes(b"x" * 500_000)
    (tmp_path / "articles.parquet").write_bytes(b"x" * 250_000)
    (tmp_path / "README.md").write_bytes(b"x" * 999_999)
    assert export_megabytes(tmp_path) == (2.0, 0.25)


@pytest.mark.slow
def test_the_first_screen_of_the_seeds_holds_the_findings_the_report_built(tmp_path, seeds_analysis):
    from benchmarks.measures import chromium
    from briefing.publish.render import render
    from briefing.report import key_findings

    if chromium() is None:
        pytest.skip("Chromium is not installed: the key findings were not measured on the page (make test installs it)")
    html = render(SEEDS_DIR, tmp_path / "briefing.html", progress=False).html
    screen = first_screen(html)
    findings = [finding for finding, _ in key_findings(seeds_analysis)]
    built = [" ".join(f"{f.heading[:1].upper()}{f.heading[1:]}. {f.text}".split()) for f in findings]
    assert screen.findings == built
    assert 0 < screen.findings_bottom < screen.block_bottom < screen.page_height
    # the same findings wrap onto more lines in a narrower window, so they end lower on the page
    assert first_screen(html, width=700).findings_bottom > screen.findings_bottom
