"""The briefing of 1,000 real articles from the shared pool (slow): every finding summarises and every number in it
is formatted as the briefing formats counts (issue 32: on 10,707 pool articles one key finding ran to 19,956
characters, and findings printed "177794 attributions from 23066 sources").

Skipped, saying so, where the pool is not beside the project (``../shared/pool``, or ``$BRIEFING_POOL``).
"""

import html
import re
import time

import pytest

from briefing.corpus.subset import copy_first_articles, pool_dir
from briefing.publish.render import render
from briefing.report.common import FINDING_CHARS, unformatted_numbers
from briefing.run.cache import CACHE_VARIABLE

POOL = pool_dir() / "war-2022"
ARTICLES = 1000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not POOL.is_dir(),
        reason=f"{POOL}: the pool of real articles is not there (set BRIEFING_POOL to its folder): "
        f"NOT TESTED: the briefing of {ARTICLES:,} real articles, its findings' length and number format",
    ),
]


def text_of(markup: str) -> str:
    """Markup as the reader sees it: tags dropped, entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def key_findings(page: str) -> list[str]:
    """Each key finding as shown at the top of the page: its heading and text, without its evidence link."""
    section = re.search(r'<section class="key-findings">.*?<ol>(.*?)</ol>', page, re.S).group(1)
    return [text_of(item).removesuffix("Evidence →").strip() for item in re.findall(r"<li>(.*?)</li>", section, re.S)]


def section_findings(page: str) -> list[tuple[str, list[str]]]:
    """Each finding shown in a section: its heading and text, and the figures listed under it."""
    found = re.findall(
        r'<h3 class="finding"[^>]*>Finding: (.*?)</h3>(?:<p>(.*?)</p>)?(?:<ul class="figures">(.*?)</ul>)?', page, re.S
    )
    return [
        (f"{text_of(heading)}. {text_of(text)}", [text_of(item) for item in re.findall(r"<li>(.*?)</li>", figures)])
        for heading, text, figures in found
    ]


@pytest.fixture(scope="module")
def pool_briefing(tmp_path_factory):
    """The briefing of the pool's first 1,000 articles, rendered as a user would (two workers), from nothing
    cached: the test's own cache, so that the time printed is a first run's."""
    folder = tmp_path_factory.mktemp("pool")
    copy_first_articles(POOL, ARTICLES, folder / "corpus")
    out = folder / "briefing" / "briefing.html"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_VARIABLE, str(folder / "cache"))
        started = time.perf_counter()
        render(folder / "corpus", out, parameters={"jobs": 2, "generated_at": "2026-12-07 12:00 UTC"}, progress=False)
        print(f"\n{ARTICLES:,} pool articles rendered in {time.perf_counter() - started:.0f} s (--jobs 2, cold cache)")
    return out.read_text(encoding="utf-8")


def test_the_pool_briefing_reads_every_article(pool_briefing):
    assert f"Articles: {ARTICLES:,} usable" in text_of(pool_briefing)


def test_no_key_finding_of_1000_real_articles_exceeds_400_characters_and_every_number_is_formatted(pool_briefing):
    findings = key_findings(pool_briefing)
    assert len(findings) >= 5
    for finding in findings:
        assert len(finding) <= FINDING_CHARS, finding
        assert not unformatted_numbers(finding), finding


def test_every_finding_of_a_section_summarises_and_formats_its_figures(pool_briefing):
    findings = section_findings(pool_briefing)
    assert len(findings) >= 5
    for shown, figures in findings:
        assert len(shown) <= FINDING_CHARS, shown
        for value in [shown, *figures]:
            assert not unformatted_numbers(value), value
