"""Rendering the briefing end to end (slow: each render runs the notebook)."""

import base64
import hashlib
import html
import re

import pytest

from briefing.errors import CorpusError
from briefing.paths import SEEDS_DIR, TEMPLATES_DIR
from briefing.publish.render import render

pytestmark = pytest.mark.slow
STAMP = {"generated_at": "2025-06-01 12:00 UTC"}


@pytest.fixture(scope="module")
def seeds_briefing(tmp_path_factory):
    out = tmp_path_factory.mktemp("render") / "briefing.html"
    result = render(SEEDS_DIR, out, title="Seeds <b>briefing</b>", parameters=STAMP, progress=False)
    return result, out.read_text(encoding="utf-8")


def test_briefing_has_its_sections_and_no_code(seeds_briefing):
    _, html = seeds_briefing
    for heading in [
        "The corpus",
        "What the cleaning removed",
        "Stances: who takes",
        "Framing: how each article",
        "Sources: who is quoted",
        "Key findings",
        "Themes: what the coverage covers",
        "Tone by theme and toward actors",
        "Across articles",
        "Every dated mention",
        "Source mix of each article",
        "Quote ledger",
        "Reporting verbs",
        "Loaded wording",
        "Tone",
        "Methodology and limitations",
        "Glossary",
        "Stances measured on hand-coded articles",
        "Stances on the five seed articles, recorded by make eval",
        "Evidence appendix",
        "Finding: ",
    ]:
        assert heading in html, heading
    body = html[html.index("<body") :]
    assert not re.search(r"hl-ipython3|jp-CodeMirrorEditor|class=\"highlight", body)  # code input is highlighted
    assert "from briefing" not in html and "markup.table(" not in html
    assert "Seeds &lt;b&gt;briefing&lt;/b&gt;" in html  # the title is text, not markup
    assert "Generated 2025-06-01 12:00 UTC" in html
    images = re.findall(r"<img [^>]*>", html)
    assert all('src="data:image/png;base64,' in image for image in images)
    alts = {re.search(r'alt="([^"]{0,40})', image).group(1) for image in images}
    for expected in [
        "Dot plot of sentence polarity",
        "Grid of",
        "Bar chart of the",
        "Heatmap of",
        "Timeline of",
        "Tone by theme",
        "Tone of the sentences mentioning",
        "Share of all sentences",
    ]:
        assert any(alt.startswith(expected) for alt in alts), expected


def test_every_in_page_link_has_a_target_and_matrix_cells_link_to_evidence(seeds_briefing):
    _, html = seeds_briefing
    body = html[html.index("<body") :]
    targets = set(re.findall(r'id="([^"]+)"', body))
    links = re.findall(r'href="#([^"]+)"', body)
    assert len([link for link in links if link.startswith("ev-")]) >= 10
    assert not [link for link in links if link not in targets]
    assert "ev-putin-cede_territory" in targets


def test_contents_list_every_section_in_page_order_and_each_links_back(seeds_briefing):
    from briefing.report import GLOSSARY, SECTIONS

    _, html = seeds_briefing
    body = html[html.index("<body") :]
    contents = body[body.index('<nav class="contents"') : body.index("</nav>")]
    assert re.findall(r'href="#([^"]+)"', contents) == [anchor for anchor, _ in SECTIONS]
    headings = re.findall(r'<h2 class="section" id="([^"]+)">([^<]+)</h2>', body)
    assert headings == list(SECTIONS)  # the notebook's headings are the contents, in the same order
    assert body.count('<a href="#contents">↑ Contents</a>') == len(SECTIONS)
    assert all(f"<li><strong>{term}</strong>: " in body for term in GLOSSARY)  # folded, but on the page


NUMBER = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?")


def test_every_figure_a_finding_states_is_shown_in_its_section(seeds_briefing):
    """A finding's numbers come from its section: each appears there outside the finding's own sentence (in
    its figures, a table, a chart's caption), and the key findings repeat the sections' findings word for word."""
    _, page = seeds_briefing
    body = page[page.index("<body") :]
    sections = re.split(r'(?=<h2 class="section" id=")', body)[1:]
    stated = []
    for section in sections:
        for found in re.finditer(r'<h3 class="finding"(?: id="[^"]+")?>(.*?)</h3><p>(.*?)</p>', section, re.S):
            rest = section[: found.start()] + section[found.end() :]
            shown = html.unescape(re.sub(r"<[^>]+>", " ", rest) + " " + " ".join(re.findall(r'alt="([^"]*)"', rest)))
            text = html.unescape(found.group(1) + " " + found.group(2))
            for number in set(NUMBER.findall(text)):
                assert re.search(rf"(?<![\d.]){re.escape(number)}(?!\d)", shown), (number, text)
            stated.append(found.group(2))
    assert len(stated) >= 7
    key = body[body.index('<section class="key-findings"') : body.index("</section>")]
    for item in re.findall(r"</strong> (.*?) <a href=", key):
        assert item in stated


def test_long_tables_and_the_evidence_are_folded_with_their_counts(seeds_briefing):
    _, html = seeds_briefing
    summaries = re.findall(r'<details class="long[^"]*"><summary>([^<]+)</summary>', html)
    assert any(re.fullmatch(r"Quote ledger: every direct quotation, .* \(\d+ rows\)", s) for s in summaries)
    # the seeds' cells of more statements than the page shows each say so (3 of 9 sentences shown)
    assert any(
        re.fullmatch(r"Evidence for \d+ matrix cells( of \d+)?: (\d+ of )?\d+ sentences( shown)?", s) for s in summaries
    )
    assert re.search(r"\d+ of \d+ sentences shown; all in stances\.csv\.", html)
    assert "How far to trust this" in html


def test_briefing_requests_nothing_from_other_hosts(seeds_briefing):
    _, html = seeds_briefing
    # one script, the table sorter, allowed by its hash and by nothing else
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert scripts == [(TEMPLATES_DIR / "briefing" / "tables.js").read_text(encoding="utf-8").rstrip("\n")]
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode("ascii")
    assert re.search(rf"script-src 'sha256-{re.escape(digest)}'\s*[\";]", html)
    assert "unsafe-inline'" not in re.search(r"script-src[^;\"]*", html).group(0)
    assert not re.search(r"""src\s*=\s*["']?(?:https?:)?//""", html)
    # the only addresses elsewhere are links to an article's original, followed only when clicked
    tags = re.findall(r"""<[^>]*\bhref\s*=\s*["']?(?:https?:)?//[^>]*>""", html)
    assert all(tag.startswith("<a ") and 'rel="noopener noreferrer"' in tag for tag in tags)
    assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_executed_notebook_and_export_sit_beside_the_html(seeds_briefing):
    result, _ = seeds_briefing
    assert result.notebook.exists() and result.notebook.parent == result.html.parent
    assert (result.export_dir / "sentences.csv").exists() and (result.export_dir / "tone_chart.png").exists()
    assert (result.export_dir / "sentences.parquet").exists()  # the render writes the Parquet files too
    assert not list(result.html.parent.glob(".briefing-render-*"))


def test_same_corpus_and_parameters_give_identical_html(seeds_briefing, tmp_path):
    _, html = seeds_briefing
    again = render(
        SEEDS_DIR, tmp_path / "briefing.html", title="Seeds <b>briefing</b>", parameters=STAMP, progress=False
    )
    assert again.html.read_text(encoding="utf-8") == html


def test_a_render_on_dask_gives_the_briefing_of_a_render_on_this_machine(seeds_briefing, tmp_path):
    _, html = seeds_briefing
    parameters = {**STAMP, "engine": "dask", "cache": False}  # nothing from the cache: every article runs on Dask
    title = "Seeds <b>briefing</b>"
    on_dask = render(SEEDS_DIR, tmp_path / "b.html", title=title, parameters=parameters, progress=False)
    assert on_dask.html.read_text(encoding="utf-8") == html


def test_article_markup_shows_as_text(make_corpus, tmp_path):
    root = make_corpus(
        {
            "evil.txt": "Talks <script>alert('x')</script> stall in Istanbul\n"
            "Officials said <img src=x onerror=alert(1)> the talks stalled, a terrible outcome.\n",
        }
    )
    out = render(root, tmp_path / "b.html", parameters=STAMP, progress=False).html
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_failed_render_keeps_the_previous_briefing(make_corpus, tmp_path):
    out = tmp_path / "keep" / "briefing.html"
    render(SEEDS_DIR, out, parameters=STAMP, progress=False)
    before = {p.name: p.read_bytes() for p in out.parent.rglob("*") if p.is_file()}
    broken = make_corpus({"a.txt": "", "b.txt": b"\x00binary"}, name="broken")
    with pytest.raises(CorpusError, match="no usable article"):
        render(broken, out, parameters=STAMP, progress=False)
    after = {p.name: p.read_bytes() for p in out.parent.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["briefing.html", "briefing.ipynb", "briefing_data"]
    assert not kernels_running()  # the kernel each render starts is shut down, whether the notebook ran or failed


def kernels_running() -> list:
    """The Jupyter kernels this process started and that still run."""
    import psutil

    return [
        child
        for child in psutil.Process().children(recursive=True)
        if child.is_running() and child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline())
    ]
