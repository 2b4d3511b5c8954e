"""The briefing as a reader gets it: opened in headless Chromium, for the seeds and for a hostile corpus.

Each page is checked for what a person would notice or suffer: a console error, an image that does not load, a
link that leads nowhere, a request to any host (the page must work offline and leak nothing), article markup that
runs, a page wider than the window, and, for the seeds, a page longer than a short briefing. A screenshot of each
is saved under ``reports/browser/`` to look at.

Chromium comes from the system (`make test` installs Debian's package where it can); without it these tests are
skipped with a reason that pytest prints, never silently.
"""

import shutil
from pathlib import Path

import pytest

from briefing.paths import PROJECT_ROOT, SEEDS_DIR
from briefing.publish.render import render

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = PROJECT_ROOT / "reports" / "browser"
WIDTH = 1280
# px at 1280 wide: a decision-maker's briefing of a few articles is short (8,000 until the trained stance decision
# of issue 30 found positions on five more issues of the seeds and one disagreement: 8,148)
SEEDS_HEIGHT_LIMIT = 8500
STAMP = {"generated_at": "2025-06-01 12:00 UTC"}

# Article text a hostile or careless source could hold: markup that would run, markdown and LaTeX that a renderer
# might interpret, a word longer than any screen, text that reorders what follows it, and invisible characters.
HOSTILE_LINES = [
    '<script>window.__ran = "script"</script> <img src=x onerror="window.__ran = \'onerror\'">',
    "<a href=\"javascript:window.__ran='link'\">click</a> <svg onload=\"window.__ran='svg'\"></svg>",
    "**Bold claim** _emphasis_ # not a heading | not | a table | $x^2$ \\(a+b\\) $$\\int f$$ {{ jinja }} {% raw %}",
    "Officials said the talks were long " + "w" * 5000 + " and then ended.",
    "The minister said \u202ethe numbers 123 456 were reversed\u202c and zero\u200bwidth joiners\u200d hide.",
    "Analysts said the Arabic headline \u0642\u0627\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 ran on the front page.",
]


def hostile_corpus(root: Path) -> Path:
    """The seed articles with hostile lines in their text and a title that overrides the direction of text."""
    root.mkdir(parents=True)
    for index, seed in enumerate(sorted(SEEDS_DIR.glob("*.txt"))[:3]):
        lines = seed.read_text(encoding="utf-8").splitlines()
        title = f'=HYPERLINK("http://example.invalid") \u202e{lines[0]}' if index == 0 else lines[0]
        body = lines[1:3] + HOSTILE_LINES + lines[3:]
        (root / f"hostile-{index}.md").write_text(
            f"---\ntitle: '{title.replace(chr(39), chr(39) * 2)}'\noutlet: The <b>Courier</b>\n---\n" + "\n".join(body),
            encoding="utf-8",
        )
    return root


def inspect_page(html_file: Path, screenshot: Path) -> dict:
    """Open ``html_file`` in Chromium and report what a reader would meet."""
    from playwright.sync_api import sync_playwright

    requests, errors = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(html_file.as_uri(), wait_until="load")
        found = page.evaluate(
            """() => ({
                ran: window.__ran === undefined ? null : window.__ran,
                brokenImages: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).length,
                images: document.images.length,
                deadLinks: Array.from(document.querySelectorAll('a[href^="#"]'))
                    .map(a => a.getAttribute('href').slice(1))
                    .filter(id => !document.getElementById(decodeURIComponent(id))),
                links: document.querySelectorAll('a[href^="#"]').length,
                scrollWidth: document.documentElement.scrollWidth,
                height: document.documentElement.scrollHeight,
                sortable: document.querySelectorAll('th.sortable').length,
            })"""
        )
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
        browser.close()
    found["requests"] = [url for url in requests if not url.startswith(("file://", "data:"))]
    found["errors"] = errors
    return found


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: the briefing was not checked in a browser (make test installs it)")
    out = tmp_path_factory.mktemp("browser")
    seeds = render(SEEDS_DIR, out / "seeds" / "briefing.html", parameters=STAMP, progress=False)
    hostile = render(
        hostile_corpus(out / "hostile-corpus"), out / "hostile" / "briefing.html", parameters=STAMP, progress=False
    )
    return {
        "seeds": inspect_page(seeds.html, SCREENSHOTS / "seeds.png"),
        "hostile": inspect_page(hostile.html, SCREENSHOTS / "hostile.png"),
    }


@pytest.mark.parametrize("name", ["seeds", "hostile"])
def test_the_briefing_works_in_a_browser_offline_and_runs_no_article_markup(pages, name):
    page = pages[name]
    assert page["errors"] == []  # no console error, no script error
    assert page["requests"] == []  # nothing leaves the file
    assert page["ran"] is None  # no article markup ran
    assert page["images"] >= 5 and page["brokenImages"] == 0
    assert page["links"] >= 20 and page["deadLinks"] == []
    assert page["scrollWidth"] <= WIDTH  # nothing, not even a 5,000-character word, widens the page
    assert page["sortable"] > 0  # the table script, allowed by its hash, ran
    assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000


def test_the_seeds_briefing_is_short(pages):
    assert pages["seeds"]["height"] < SEEDS_HEIGHT_LIMIT
