"""What ``make bench`` measures beside time and memory, and how it reports them.

- :func:`first_screen`: where the key findings end on the page, in px at a window 1,300 px wide, and the text of each
  finding, read in headless Chromium (through Playwright, as ``tests/test_browser.py`` reads the page).
- :func:`export_megabytes` and :data:`PARQUET_READ`: the export's size, and a script that reads every Parquet table
  with pandas in a fresh process.
- :class:`Row`, :func:`verdict` and :func:`table`: one row per measure, each with its target and whether it is met.

Kept apart from ``benchmarks/run.py`` so that a test can use them without running the benchmark.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path
from typing import NamedTuple

MIB = 1_048_576
MB = 1_000_000
WINDOW_WIDTH = 1300  # px: a laptop's browser window

# The targets of issue 32, on the pool's 10,707 real articles
PEAK_LIMIT_MIB = 2048  # whole-tree peak of analyze and of render: 2 GiB each
HTML_LIMIT_MB = 5.0
PARQUET_LIMIT_MB = 60.0
PARQUET_READ_LIMIT_S = 5.0
FINDING_LIMIT = 400  # characters of a key finding, heading and text
RERUN_LIMIT = 0.05  # a re-run (nothing changed, or ten articles added) against the first run
# analyze of 10,707 articles against 1,000 may take 11 times as long: 1.03 times the ratio of their articles
SCALING_LIMIT = 11 / 10.707

PARQUET_READ = """
import sys, time
from pathlib import Path
import pandas as pd
import pyarrow.parquet
start = time.perf_counter()
rows = sum(len(pd.read_parquet(path)) for path in sorted(Path(sys.argv[1]).glob("*.parquet")))
print(time.perf_counter() - start, rows)
"""
# the key findings' block and each finding's text, measured once the page is laid out
FIRST_SCREEN_SCRIPT = """() => {
    const block = document.querySelector('section.key-findings');
    if (!block) return null;
    const list = block.querySelector('ol');
    const bottom = element => element.getBoundingClientRect().bottom + window.scrollY;
    return {
        block_bottom: bottom(block),
        findings_bottom: list ? bottom(list) : bottom(block),
        findings: list ? Array.from(list.children, item => item.innerText) : [],
        page_height: document.documentElement.scrollHeight,
    };
}"""
EVIDENCE_LINK = re.compile(r"\s*Evidence →\s*$")


def chromium() -> str | None:
    """The system's Chromium, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Screen(NamedTuple):
    """The first screen of a briefing as a reader's browser lays it out."""

    findings_bottom: float  # px from the top of the page to the end of the numbered key findings
    block_bottom: float  # px to the end of the key findings' block, "How far to trust this" included
    page_height: float  # px of the whole page
    findings: list[str]  # each key finding as read: its heading and its text, without its "Evidence →" link


def finding_text(item: str) -> str:
    """A key finding's list item as read, without the link to its evidence that closes it."""
    return EVIDENCE_LINK.sub("", " ".join(item.split()))


def first_screen(html_file: Path, width: int = WINDOW_WIDTH) -> Screen:
    """Lay ``html_file`` out in headless Chromium at ``width`` px and measure its key findings.

    Raises
    ------
    RuntimeError
        When Chromium is not installed, or the page has no key findings.
    """
    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        raise RuntimeError("Chromium is not installed (Debian's package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(Path(html_file).resolve().as_uri(), wait_until="load", timeout=300_000)
        found = page.evaluate(FIRST_SCREEN_SCRIPT)
        browser.close()
    if found is None:
        raise RuntimeError(f"{html_file}: no key findings (section.key-findings) on the page")
    return Screen(
        found["findings_bottom"],
        found["block_bottom"],
        found["page_height"],
        [finding_text(item) for item in found["findings"]],
    )


def export_megabytes(folder: Path) -> tuple[float, float]:
    """MB of the CSV files and of the Parquet files in an export folder."""
    return tuple(
        sum(path.stat().st_size for path in Path(folder).glob(f"*.{kind}")) / MB for kind in ("csv", "parquet")
    )


class Row(NamedTuple):
    """One measure of the benchmark: what, its value as shown, its target, met or not, and a note."""

    measure: str
    value: str
    target: str = ""
    met: str = ""
    note: str = ""


def verdict(value: float, limit: float) -> str:
    """``met`` when ``value`` is at most ``limit``, else ``NOT MET`` (a value that could not be measured: ``NOT MET``
    too, never met by default)."""
    return "met" if value is not None and not math.isnan(value) and value <= limit else "NOT MET"


def limited(measure: str, value: float, limit: float, unit: str, digits: int = 1, note: str = "") -> Row:
    """A row of a measure with an upper limit, both in ``unit``."""
    return Row(measure, f"{value:,.{digits}f}{unit}", f"≤ {limit:,.{digits}f}{unit}", verdict(value, limit), note)


def table(rows: list[Row]) -> str:
    """The rows as one Markdown table, columns padded to their widest cell."""
    header = Row("measure", "value", "target", "met", "note")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
             for row in [header, *rows]]  # fmt: skip
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)
