"""Every section degrades with a sentence: what is absent, why, and how to supply it; the charts that do not need
the missing data are still drawn. And the briefing's own words belong to the codebook's topic, never to the
default one's.

The table runs the real report functions and chart builder on small corpora of one topic (phones in schools); one
slow render checks that the notebook shows the same lines and that no war word of the default codebook is left.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from briefing import report
from briefing.codebook import load_codebook
from briefing.paths import CODEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR
from briefing.publish import figures
from briefing.run.settings import RunSettings
from briefing.tables.assembly import analyze

PHONES = CODEBOOKS_DIR / "school-phone-ban.yaml"

# Words of the default codebook's topic (the war in Ukraine) that no sentence of the briefing's own may hold on
# another topic; article text and evidence quoted from the corpus are not the briefing's words.
WAR_WORDS = re.compile(
    r"\b(wars?|invasions?|invad\w*|ukrain\w*|russia\w*|kremlin|putin\w*|kyiv|moscow|territor\w*|ceasefires?|"
    r"cease-fire|truce|peace|missiles?|troops|army|military|annex\w*|nato|sanctions?|battle\w*|occup\w*|"
    r"front ?lines?|controls a named place)\b",
    re.IGNORECASE,
)

ARTICLES = {
    "a.txt": "Minister backs a phone ban for pupils' safety\n\n"
    "Education minister Dana Hale said on Monday that the government supports a ban on smartphones during the "
    'school day. "Children learn better without screens in every class," Hale told reporters. The teachers\' '
    "union welcomed the plan, but the union warned that schools need money for lockers. Parents for Screen-Free "
    "Schools said the rules should start on September 1, 2025. The mood at the meeting was good and hopeful.\n",
    "b.txt": "Industry doubts the school phone ban\n\n"
    'The Digital Industry Council said the government should teach digital skills instead. "A ban is a blunt '
    'tool," a council spokesperson said. Dana Hale rejected that view and said the ban on smartphones would '
    "protect pupils. Teachers said lessons were calmer when pupils left phones in lockers in March 2025. Critics "
    "called the debate a bad and sad moral panic.\n",
    "c.txt": "Parents welcome the smartphone ban\n\n"
    "Parents for Screen-Free Schools said the smartphone ban was overdue. The union said it supports a ban on "
    'phones during lessons. "Our members see better focus," a union leader said on February 3, 2025. Hale said '
    "schools will receive lockers. Pupils said the change was great.\n",
}
MANIFEST = (
    "file,title,outlet,date\n"
    "a.txt,Minister backs a phone ban for pupils' safety,Daily Post,2025-03-03\n"
    "b.txt,Industry doubts the school phone ban,Evening News,2025-03-05\n"
    "c.txt,Parents welcome the smartphone ban,Daily Post,2025-03-10\n"
)
THEMES = [
    {"id": "learning", "label": "Learning", "cues": ["learn*", "lesson*", "class"]},
    {"id": "storage", "label": "Storage", "cues": ["locker*"]},
]


def without_dates(text: str) -> str:
    return re.sub(r" on (Monday|September 1, 2025|February 3, 2025)| in March 2025", "", text)


def without_years(text: str) -> str:
    return re.sub(r", 2025|(?<=March) 2025", "", text)


def articles(change=lambda text: text) -> dict[str, str]:
    return {name: change(text) for name, text in ARTICLES.items()}


def unquoted(text: str) -> str:
    """The articles' words with every quotation and reporting verb gone: no source to find."""
    text = re.sub(r'"[^"]*"', "", text)
    return re.sub(r"\b(said|told reporters|told|warned|called)\b", "", text)


def phones(**changes) -> dict:
    """The example codebook with themes added and ``changes`` applied (None removes a block)."""
    data = yaml.safe_load(PHONES.read_text(encoding="utf-8"))
    data["themes"] = THEMES
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


# (what is absent, the corpus's files, the manifest, the codebook, the section's line that says so (the report
#  function and a fragment of its line), the charts still drawn, the charts that must not be)
ROWS = [
    (
        "themes in the codebook",
        articles(),
        MANIFEST,
        phones(themes=None),
        ("themes_absent", "This codebook defines no themes: add a `themes:` block (see README)"),
        {"tone_chart", "tone_toward_actors", "timeline_chart", "top_sources", "position_matrix", "coverage_volume"},
        {"theme_heatmap", "theme_shares", "tone_by_theme"},
    ),
    (
        "sentences touching a theme",
        articles(),
        MANIFEST,
        phones(themes=[{"id": "weather", "label": "Weather", "cues": ["thunderstorm*"]}]),
        ("themes_absent", "No sentence touches any of this codebook's 1 theme: add the words"),
        {"tone_chart", "tone_toward_actors", "timeline_chart"},
        {"theme_heatmap", "tone_by_theme"},
    ),
    (
        "dates in the text",
        articles(without_dates),
        MANIFEST,
        phones(),
        ("events_absent", "No article mentions a date"),
        {"tone_chart", "tone_toward_actors", "tone_by_theme", "theme_heatmap", "coverage_volume"},
        {"timeline_chart"},
    ),
    (
        "a year for the dates the text gives",
        articles(without_years),
        "file,title\na.txt,Minister backs a phone ban\nb.txt,Industry doubts\nc.txt,Parents welcome\n",
        phones(),
        ("events_absent", "no year and no publication date to resolve it: give each article its date"),
        {"tone_chart", "tone_toward_actors", "theme_heatmap"},
        {"timeline_chart", "coverage_volume"},
    ),
    (
        "outlets",
        articles(),
        "file,title,date\na.txt,A,2025-03-03\nb.txt,B,2025-03-05\nc.txt,C,2025-03-10\n",
        phones(),
        ("outlets_note", "too few to compare: an `outlet` column in the corpus's manifest.csv"),
        {"coverage_volume", "timeline_chart", "tone_toward_actors"},
        set(),
    ),
    (
        "publication dates",
        articles(),
        "file,title,outlet\na.txt,A,Daily Post\nb.txt,B,Evening News\nc.txt,C,Daily Post\n",
        phones(),
        ("dates_absent", "No article has a publication date: a `date` column"),
        {"tone_chart", "tone_toward_actors", "theme_heatmap", "timeline_chart"},
        {"coverage_volume"},
    ),
    (
        "a span of dated stories long enough to follow positions over time",
        articles(),
        MANIFEST,
        phones(),
        ("over_time_absent", "span 8 days (2025-03-03 to 2025-03-10), under the 21 days it takes to follow"),
        {"position_matrix", "coverage_volume", "tone_toward_actors"},
        {"positions_over_time_chart"},
    ),
    (
        "sources",
        articles(unquoted),
        MANIFEST,
        phones(),
        ("sources_absent", "No sentence quotes or cites anyone the rules recognise: a source is found by"),
        {"tone_chart", "tone_toward_actors", "theme_heatmap", "timeline_chart"},
        {"top_sources"},
    ),
    (
        "stances",
        articles(),
        MANIFEST,
        phones(issues=[{"id": "uniforms", "label": "Uniforms for all", "short": "Uniforms", "cues": ["uniform*"]}]),
        ("stances_absent", "No sentence links a codebook actor to a codebook issue: add the names"),
        {"tone_chart", "tone_toward_actors", "top_sources", "theme_heatmap", "timeline_chart"},
        {"position_matrix"},
    ),
    (
        "actors named in the text",
        articles(),
        MANIFEST,
        phones(actors=[{"id": "mayor", "name": "Mayor Quill", "side": "Government", "kind": "person"}]),
        ("actors_absent", "No sentence names an actor of this codebook: add the names the articles use"),
        {"tone_chart", "tone_by_theme", "timeline_chart", "top_sources"},
        {"tone_toward_actors"},
    ),
    (
        "frames in the codebook",
        articles(),
        MANIFEST,
        phones(frames=None),
        ("frames_absent", "This codebook defines no frames: add a `frames:` block"),
        {"tone_chart", "tone_toward_actors"},
        set(),
    ),
    (
        "loaded wording in the codebook",
        articles(),
        MANIFEST,
        phones(loaded_wording=None),
        ("loaded_absent", "This codebook defines no loaded wording: add a `loaded_wording:` block"),
        {"tone_chart", "tone_toward_actors"},
        set(),
    ),
    (
        "terms that set an article apart",
        {name: ARTICLES["a.txt"] for name in ARTICLES},
        "",
        phones(),
        ("terms_absent", "No term sets one article apart from the rest"),
        {"tone_chart", "tone_toward_actors"},
        set(),
    ),
]


def corpus_and_codebook(make_corpus, tmp_path: Path, files: dict, manifest: str, codebook: dict):
    """The analysis of ``files`` (with ``manifest`` when not empty) under ``codebook``."""
    root = make_corpus({**files, **({"manifest.csv": manifest} if manifest else {})})
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(codebook, sort_keys=False), encoding="utf-8")
    return analyze(root, RunSettings(codebook=load_codebook(path)))


@pytest.mark.parametrize(
    ("absent", "files", "manifest", "codebook", "line", "drawn", "not_drawn"), ROWS, ids=[row[0] for row in ROWS]
)
def test_a_section_without_its_data_says_why_in_one_line_and_the_other_charts_are_drawn(
    make_corpus, tmp_path, absent, files, manifest, codebook, line, drawn, not_drawn
):
    analysis = corpus_and_codebook(make_corpus, tmp_path, files, manifest, codebook)
    function, fragment = line
    said = getattr(report, function)(analysis)
    assert fragment in said, said
    assert "\n" not in said and said.count(". ") <= 1  # one line: why, then how
    charts = figures.each_chart(analysis, figures.TOP_N_ARTICLES)
    assert drawn <= set(charts), f"missing: {drawn - set(charts)}"
    assert not not_drawn & set(charts)  # no section shows, nor describes, bars that are not there
    assert not WAR_WORDS.search(said)


def test_with_every_section_s_data_no_section_states_an_absence(make_corpus, tmp_path):
    """The lines of the table come only when their data is absent: with all of it, every one is empty."""
    analysis = corpus_and_codebook(make_corpus, tmp_path, articles(), MANIFEST, phones())
    # two outlets and a week of dates are what this corpus has: too few to compare, too short to follow over time
    for function in {row[4][0] for row in ROWS} - {"outlets_note", "over_time_absent"}:
        assert getattr(report, function)(analysis) == "", function
    assert len(report.outlet_comparison(analysis)) == 2
    assert report.control_claims(analysis) is None  # a category of the war codebook, not of this one


def test_findings_of_a_section_without_its_data_carry_its_line(make_corpus, tmp_path):
    files = articles(lambda text: without_years(unquoted(text)))
    analysis = corpus_and_codebook(make_corpus, tmp_path, files, "", phones(themes=None))
    assert report.theme_finding(analysis).text == report.themes_absent(analysis)
    assert report.source_findings(analysis)[0].text == report.sources_absent(analysis)
    timeline = report.timeline_finding(analysis)
    assert timeline.heading == "no event is dated" and timeline.text == report.events_absent(analysis)


@pytest.fixture(scope="module")
def seeds_with_other_codebooks():
    return [
        analyze(SEEDS_DIR, RunSettings(codebook=load_codebook(CODEBOOKS_DIR / name)))
        for name in ("school-phone-ban.yaml", "us-campaign-2016.yaml")
    ]


def without_topics(text: str) -> str:
    """``text`` without the names of the topics golds were recorded for: naming them is how the briefing says that
    its figures come from another topic than its codebook's."""
    from briefing.evaluate.recorded import recorded_quality

    topics = {*recorded_quality("stance"), recorded_quality("attribution")["topic"], recorded_quality("seed")["topic"]}
    return re.sub("|".join(map(re.escape, sorted(topics, key=len, reverse=True))), "", text)


def briefing_words(analysis) -> list[str]:
    """The sentences the briefing writes itself, whatever the corpus says: the trust summary, the caveats and
    methodology notes, the glossary, and every section's line for absent data."""
    absences = [row[4][0] for row in ROWS]
    return [
        *report.trust_summary(analysis),
        *report.tone_limitations(analysis),
        report.attribution_quality(analysis)[1],
        report.stance_quality(analysis)[1],
        report.seed_topic_note(analysis),
        report.position_cue_coverage(analysis),
        report.cleaning_quality(),
        *report.GLOSSARY.values(),
        *(title for _, title in report.SECTIONS),
        *(getattr(report, function)(analysis) for function in absences),
    ]


def test_the_briefing_s_own_words_on_the_seeds_hold_no_word_of_the_war_with_another_codebook(
    seeds_with_other_codebooks,
):
    for analysis in seeds_with_other_codebooks:
        found = {m.group() for text in briefing_words(analysis) for m in WAR_WORDS.finditer(without_topics(text))}
        assert not found, (analysis.codebook.name, found)
        assert report.control_claims(analysis) is None


def test_the_trust_summary_quotes_figures_of_the_codebook_s_topic_or_says_they_are_of_another(
    seeds_with_other_codebooks,
):
    phones_analysis, campaign = seeds_with_other_codebooks
    # both codebooks reach too little of the seeds, so each summary opens with the coverage warning
    warning, stances, sources, tone = report.trust_summary(campaign)
    assert warning.startswith("Codebook: ") and "codebook suggest" in warning
    assert "measured with this codebook" in stances and "articles of its topic" in stances
    assert "of this codebook's topic, with this codebook" in sources
    warning, stances, sources, tone = report.trust_summary(phones_analysis)
    assert warning.startswith("Codebook: ")
    assert "no hand-coded articles of this codebook's topic (Smartphones in schools)" in stances
    assert "measured on other topics (" in stances
    assert "of another topic (US presidential campaign 2016): no attribution gold" in sources
    # the words tone cannot see are the codebook's own, its loaded wording first
    assert '"screen addiction" and "nanny state", carry no score' in tone
    assert report.seed_topic_note(phones_analysis).startswith("The seeds are articles of another topic")


def test_the_notebook_writes_no_war_word_outside_its_parameters_and_the_codebook_s_own_category():
    """The briefing's fixed text (headings, introductions, methodology, captions) is of no topic; the caption of
    the claims about who controls a place shows only for a codebook that defines them."""
    cells = json.loads((PROJECT_ROOT / "analysis.ipynb").read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if "parameters" in cell["metadata"].get("tags", []):
            continue
        text = "".join(cell["source"])
        if "report.control_claims(analysis)" in text:
            continue
        assert not WAR_WORDS.search(text), WAR_WORDS.search(text).group()


@pytest.mark.slow
def test_a_rendered_briefing_on_another_topic_degrades_each_section_and_writes_no_war_word(make_corpus, tmp_path):
    """The seeds' topic never shows through: on a corpus of another topic with the example codebook (no themes,
    no outlets, no publication dates), the whole page, evidence included, holds no war word, and each section
    without its data says why."""
    from briefing.publish.render import render

    root = make_corpus(articles())
    out = tmp_path / "briefing.html"
    render(root, out, "Phones", parameters={"codebook": str(PHONES), "cache": False}, progress=False)
    page = out.read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)))
    assert not WAR_WORDS.search(without_topics(text)), WAR_WORDS.search(without_topics(text)).group()
    for line in (
        "This codebook defines no themes: add a `themes:` block (see README) to see theme shares",
        "Outlets are known for 0 of 3 articles (0 outlets), too few to compare",
        "No article has a publication date",
    ):
        assert line in text, line
    # the charts that need no themes are drawn, each with the note that describes its bars
    assert 'alt="Timeline of' in page
    assert "Tone toward an actor is the mean polarity" in text and "Tone toward actors: chart" in text
    assert "Tone by theme" not in text.replace("tone by theme.", "")  # only the line that says why it is absent
