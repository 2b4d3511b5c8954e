"""The briefing as a reader gets it: opened in headless Chromium, for the seeds and for a hostile corpus.

Each page is checked for what a person would notice or suffer: a console error, an image that does not load, a
link that leads nowhere, a request to any host (the page must work offline and leak nothing), article markup that
runs, a page wider than the window, and, for the seeds, a page longer than a short briefing. A screenshot of each
is saved under ``reports/browser/`` to look at.

The seeds' briefing is also printed as a reader prints it (Chromium's "Save as PDF", ``--print-to-pdf``), saved as
``reports/browser/seeds.pdf``, and read back with pypdf: every link of the PDF leads to printed text (the evidence
behind each finding and matrix cell prints open), no page is nearly blank, no word is broken across lines, and every
printed table fits the page's width (a table wider than the page loses what passes its right edge).

Chromium comes from the system (`make test` installs Debian's package where it can); without it these tests are
skipped with a reason that pytest prints, never silently.
"""

import html
import itertools
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from briefing.paths import PROJECT_ROOT, SEEDS_DIR
from briefing.publish.markup import LONG_TOKEN
from briefing.publish.render import render

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = PROJECT_ROOT / "reports" / "browser"
WIDTH = 1280
# px at 1280 wide: a decision-maker's briefing of a few articles is short (8,000 until the trained stance decision
# of issue 30 found positions on five more issues of the seeds and one disagreement: 8,148; 8,602 since issue 32 ranks
# persons and institutions apart in a table of their own and says in one line why positions over time are not shown)
SEEDS_HEIGHT_LIMIT = 9000
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


# The flags of a reader's "print to PDF" from the command line; the profile is the test's own, so that runs at the
# same time do not share one.
PRINT_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
# characters of text a printed page holds at least (but the last): the seeds' pages hold 900 and more; the page
# that JupyterLab's "keep each output on one page" left nearly blank, before the key findings, held 222
MIN_PAGE_TEXT = 400
# names the seeds' articles and the briefing print often, in tables and in running text
NAMES = ("Vladimir Putin", "Volodymyr Zelensky", "Donald Trump", "Dmitry Peskov")
WORD = re.compile(r"[^\W\d_]+")


def printed_expectations(html_file: Path, unfolded_pdf: Path) -> dict:
    """What the printed page must show, read from the briefing laid out for print (``@media print``): each printed
    table's column headings (each text of a heading apart: "Donald Trump", "US") and the first line of what each
    "Evidence →" link leads to; then, with every fold opened as a reader may open them before printing, every
    table's headings, and that page printed to ``unfolded_pdf``."""
    from playwright.sync_api import sync_playwright

    headings = """() => Array.from(document.querySelectorAll('table.briefing-table'))
        .filter(t => t.checkVisibility() && t.tHead)
        .map(t => Array.from(t.tHead.rows[0].cells)
            .map(c => Array.from(c.childNodes).map(part => part.textContent).join('\\n')))"""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.emulate_media(media="print")
        page.goto(html_file.as_uri(), wait_until="load")
        found = {
            "headings": page.evaluate(headings),
            "evidence": page.evaluate(
                """() => Array.from(document.querySelectorAll('a[href^="#"]'))
                    .filter(a => a.checkVisibility() && a.textContent.startsWith('Evidence'))
                    .map(a => document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))))
                    .map(target => target.innerText.split('\\n').find(line => line.trim() !== ''))"""
            ),
        }
        page.evaluate("() => document.querySelectorAll('details').forEach(fold => { fold.open = true; })")
        found["unfolded_headings"] = page.evaluate(headings)
        margin = "0.4in"  # Chromium's own margins when it prints from the command line
        page.pdf(path=unfolded_pdf, margin={"top": margin, "right": margin, "bottom": margin, "left": margin})
        browser.close()
    return found


def print_to_pdf(html_file: Path, pdf: Path, profile: Path) -> None:
    """Print ``html_file`` as Chromium's "Save as PDF" does, without a header or footer."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [CHROMIUM, *PRINT_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
         html_file.as_uri()],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip


def text_below(page, top: float, within: float) -> bool:
    """Whether ``page`` holds text whose baseline lies up to ``within`` points below ``top`` (PDF units, y up)."""
    baselines = []

    def visit(text, matrix, text_matrix, font, size):
        if text.strip():
            baselines.append(text_matrix[4] * matrix[1] + text_matrix[5] * matrix[3] + matrix[5])

    page.extract_text(visitor_text=visit)
    return any(top - within <= y <= top for y in baselines)


# The seeds with their outlets and dates stated, so that the briefing has every section, the outlet table (nine
# columns, once cut at the page's right edge) among them; an outlet named by a scraped credit line with a web
# address, longer than a column of that table is wide.
SEED_MANIFEST = {
    "000": ("Associated Press via https://www.dailymail.co.uk/wires/ap/article-14718403/index.html", "2025-05-20"),
    "001": ("The New York Times", "2025-06-02"),
    "002": ("Politics USA", "2025-08-15"),
    "003": ("RT (Russian state media)", "2025-09-03"),
    "004": ("Reuters", "2025-11-28"),
}


def seeds_with_outlets(root: Path) -> Path:
    """A copy of the seeds with a manifest of :data:`SEED_MANIFEST`."""
    root.mkdir(parents=True)
    rows = ["file,outlet,date"]
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        shutil.copyfile(seed, root / seed.name)
        outlet, date = SEED_MANIFEST[seed.name[:3]]
        rows.append(f'{seed.name},"{outlet}",{date}')
    (root / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The seeds' briefing (with outlets and dates) printed to PDF as it is and with every fold opened: the reader,
    each page's text and what the pages must show."""
    from pypdf import PdfReader

    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: the printed briefing was not checked (make test installs it)")
    out = tmp_path_factory.mktemp("print")
    briefing = render(seeds_with_outlets(out / "seeds"), out / "briefing.html", parameters=STAMP, progress=False).html
    pdf, unfolded = SCREENSHOTS / "seeds.pdf", SCREENSHOTS / "seeds-unfolded.pdf"
    print_to_pdf(briefing, pdf, out / "chromium-profile")
    expected = printed_expectations(briefing, unfolded)
    reader, unfolded_reader = PdfReader(pdf), PdfReader(unfolded)
    return {
        "reader": reader,
        "texts": page_texts(reader),
        "unfolded_reader": unfolded_reader,
        "unfolded_texts": page_texts(unfolded_reader),
        "expected": expected,
        "html": briefing,
    }


def page_texts(reader) -> list[str]:
    """Each page's text, ligatures as their letters ("ﬁ" as "fi")."""
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]


def squeezed(text: str) -> str:
    """``text`` without its white space: a line break the page chose is no difference."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def draws_an_image(page) -> bool:
    """Whether ``page`` draws an image (a chart): a page of two charts holds little text and is full."""
    images = (page.get("/Resources") or {}).get("/XObject") or {}
    return any(image.get_object().get("/Subtype") == "/Image" for image in images.values())


@pytest.mark.parametrize("printout", ["", "unfolded_"])
def test_no_printed_page_is_nearly_blank(printed, printout):
    """Every page but the last holds text or a chart, as printed and with every fold opened."""
    texts, reader = printed[f"{printout}texts"], printed[f"{printout}reader"]
    assert len(texts) >= 5
    sparse = {
        number: len(text.strip())
        for number, (text, page) in enumerate(zip(texts[:-1], reader.pages, strict=False), 1)
        if len(text.strip()) < MIN_PAGE_TEXT and not draws_an_image(page)
    }
    assert sparse == {}  # page number: characters


def broken_words(texts: list[str], html_file: Path) -> list[str]:
    """Where a line of the PDF ends inside a word: a word of the articles cut into a piece that is no word of the
    briefing ("Ukrain" / "e cedes territory"), or any cut inside a word of :data:`NAMES` ("Put" / "in"); but not
    inside a run of characters too long for a line (a web address), which may break anywhere."""
    articles = {w.lower() for seed in SEEDS_DIR.glob("*.txt") for w in WORD.findall(seed.read_text(encoding="utf-8"))}
    page = html_file.read_text(encoding="utf-8").replace("<wbr>", "")
    text = html.unescape(re.sub(r"<[^>]+>", " ", page[page.index("<body") :]))
    shown = {w.lower() for w in WORD.findall(text)}
    long_tokens = LONG_TOKEN.findall(text)
    name_words = {w for name in NAMES for w in name.split()}
    lines = [line.strip() for text in texts for line in text.splitlines() if line.strip()]
    broken = []
    for line, after in itertools.pairwise(lines):
        left, right = re.search(r"[^\W\d_]+$", line), re.match(r"[^\W\d_]+", after)
        if not (left and right) or any(line.split()[-1] + after.split()[0] in token for token in long_tokens):
            continue
        word, pieces = left.group(0) + right.group(0), {left.group(0).lower(), right.group(0).lower()}
        if word in name_words or (word.lower() in articles and len(word) >= 4 and not pieces <= shown):
            broken.append(f"{line[-30:]} / {after[:30]}")
    return broken


@pytest.mark.parametrize("printout", ["texts", "unfolded_texts"])
def test_printed_words_stay_whole(printed, printout):
    """No line of the PDF ends inside a word, above all in a name; folded or opened, every name prints whole."""
    texts = printed[printout]
    assert broken_words(texts, printed["html"]) == []
    text = " ".join(" ".join(texts).split())
    assert [name for name in NAMES if name not in text] == []


@pytest.mark.parametrize("printout", ["", "unfolded_"])
def test_printed_tables_fit_the_page(printed, printout):
    """Every heading of every printed table is in the PDF whole (a column past the page's right edge is cut off):
    the tables printed as the page is, and every table of the briefing, printed with its folds opened."""
    headings = printed["expected"][f"{printout}headings"]
    assert max(len(row) for row in headings) >= 9  # the outlet table among them
    pdf = squeezed(" ".join(printed[f"{printout}texts"]))
    parts = [part for row in headings for heading in row for part in heading.split("\n") if part.strip()]
    missing = [part for part in parts if squeezed(part) not in pdf]  # a name and its side: one line on paper
    assert missing == []


def test_every_printed_link_leads_to_printed_evidence(printed):
    """Each link of the PDF leads to a place that is printed (Chromium writes a destination only for what it
    lays out) with text just below it; what each "Evidence →" leads to is in the PDF."""
    reader = printed["reader"]
    destinations = reader.named_destinations
    links = [
        annotation.get_object()["/Dest"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link" and "/Dest" in annotation.get_object()
    ]
    assert len(links) >= 40
    assert sorted({name for name in links if name not in destinations}) == []
    empty = []
    for name in set(links):
        place = destinations[name]
        if not text_below(reader.pages[reader.get_destination_page_number(place)], float(place["/Top"]), 80):
            empty.append(name)
    assert empty == []
    evidence = printed["expected"]["evidence"]
    assert len(evidence) >= 8  # a link from each key finding at least
    pdf = squeezed(" ".join(printed["texts"]))
    assert [line for line in evidence if squeezed(line) not in pdf] == []
