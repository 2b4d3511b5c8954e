"""Codebook suggestions: uncovered names and issue-like phrases, on a made-up city's bike-lane dispute."""

import csv
import subprocess
import sys

import pytest

from briefing.codebook import load_codebook
from briefing.paths import PROJECT_ROOT
from briefing.publish.suggestions import (
    SUGGESTION_COLUMNS,
    CueCoverage,
    Occurrence,
    cue_coverage,
    entity_name,
    format_report,
    name_groups,
    shorten,
    suggest,
    worth_parsing,
)

# The codebook knows the mayor and the council, and one issue (bike lanes); it brings its own position cues
# so that these tests do not move with the default cue list.
CODEBOOK = """\
name: Harbor City bike lanes
sides: [City, Council, Other]
actors:
  - id: mayor_okafor
    name: Ruth Okafor
    side: City
    kind: person
    aliases: [Okafor, Mayor Okafor, the mayor]
  - id: city_council
    name: Harbor City Council
    side: Council
    kind: government
    aliases: [the council, city council]
issues:
  - id: bike_lanes
    label: Protected bike lanes on Harbor Road
    short: Bike lanes
    cues: [bike lane*, cycle lane*]
positions:
  support: [support*, back*, call* for]
  oppose: [reject*, oppos*]
  conditional: [only if]
"""

# Sarah Jenkins is in no codebook entry: named in full in two articles, by surname in two (one of them an
# article that never gives her first name). The parking levy and the congestion charge are what positions
# are taken on, and no issue cue names them.
ARTICLES = {
    "vote.txt": """Council splits over the mayor's plan

Mayor Ruth Okafor presented her plan for protected bike lanes on Monday.
The council rejected the parking levy by seven votes to four.
Sarah Jenkins, who chairs the transport committee, said the levy would hurt small shops.
Jenkins supports a congestion charge instead.
""",
    "shops.txt": """Shop owners wait for the next vote

Traders on Harbor Road fear the works will keep customers away.
Okafor said the city would not give up on the bike lanes.
Sarah Jenkins met the traders' association on Thursday.
Several traders rejected the parking levy as well.
""",
    "budget.txt": """Budget talks resume at City Hall

The council opposes the bike lanes unless the works are finished by spring.
Jenkins called for a congestion charge on weekdays.
Okafor rejected the idea, calling it unfair to commuters.
""",
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def bike_lanes(tmp_path_factory):
    """The corpus folder and the codebook file."""
    root = tmp_path_factory.mktemp("bike-lanes")
    (root / "corpus").mkdir()
    for name, text in ARTICLES.items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    return root / "corpus", root / "codebook.yaml"


@pytest.fixture(scope="module")
def suggestions(bike_lanes):
    corpus, codebook = bike_lanes
    return suggest(corpus, load_codebook(codebook))


def row(suggestions, kind: str, phrase: str) -> dict:
    rows = suggestions.table[(suggestions.table["kind"] == kind) & (suggestions.table["phrase"] == phrase)]
    assert len(rows) == 1, suggestions.table[["kind", "phrase", "mentions"]].to_string()
    return rows.iloc[0].to_dict()


def test_an_uncovered_person_is_suggested_with_every_variant_counted(suggestions):
    jenkins = row(suggestions, "actor", "Sarah Jenkins")
    assert (jenkins["label"], jenkins["mentions"], jenkins["articles"]) == ("PERSON", 4, 3)
    # the first mention in corpus order (budget.txt), though that article only says "Jenkins"
    assert jenkins["article"] == "budget"
    assert jenkins["example"] == "Jenkins called for a congestion charge on weekdays."
    actors = suggestions.table[suggestions.table["kind"] == "actor"]["phrase"].tolist()
    assert "Jenkins" not in actors


def test_covered_actors_are_not_suggested(suggestions):
    phrases = " ".join(suggestions.table["phrase"]).casefold()
    assert "okafor" not in phrases
    assert "council" not in phrases


def test_objects_of_position_cues_without_an_issue_are_suggested(suggestions):
    levy = row(suggestions, "issue", "parking levy")  # "rejected the parking levy", twice
    assert (levy["label"], levy["mentions"], levy["articles"]) == ("oppose", 2, 2)
    charge = row(suggestions, "issue", "congestion charge")  # "supports …", "called for …"
    assert (charge["label"], charge["mentions"], charge["articles"]) == ("support", 2, 2)
    issues = suggestions.table[suggestions.table["kind"] == "issue"]["phrase"].tolist()
    assert "bike lane" not in issues  # "opposes the bike lanes" names the codebook issue
    assert not any("vote" in phrase for phrase in issues)  # "by seven votes" is how, not what


def test_the_share_of_cue_sentences_without_an_issue_counts_the_whole_corpus(suggestions, bike_lanes):
    # 11 sentences once the inferred titles are cleaned away; six have a position cue, one an issue
    assert suggestions.coverage == CueCoverage(sentences=11, with_cue=6, without_issue=5)
    codebook = load_codebook(bike_lanes[1])
    texts = ["The council rejected the bike lanes.", "Jenkins backs a toll.", "It rained on Monday."]
    coverage = cue_coverage(texts, codebook)
    assert coverage == CueCoverage(3, 2, 1)
    assert coverage.share == 0.5
    assert cue_coverage(["It rained."], codebook).share is None
    assert cue_coverage(["If it rains, we stay."], codebook).with_cue == 0  # a condition marker is no position


def test_only_sentences_that_can_hold_a_suggestion_are_parsed(bike_lanes):
    codebook, stop_words = load_codebook(bike_lanes[1]), {"the", "they", "it"}
    assert worth_parsing("It was Jenkins who spoke.", codebook, stop_words)  # a name
    assert worth_parsing("they rejected the levy.", codebook, stop_words)  # a position on no codebook issue
    assert not worth_parsing("They rejected the bike lanes.", codebook, stop_words)  # the codebook's issue
    assert not worth_parsing("The works went on all week.", codebook, stop_words)


def test_the_report_shows_the_top_rows_of_each_table(suggestions):
    report = format_report(suggestions, top=1)
    assert "Issue-like phrases of position statements without a codebook issue (top 1 of 3):" in report
    assert "congestion charge" in report and "parking levy" not in report
    assert "Sarah Jenkins" in report


def test_names_lose_the_the_possessive_and_a_person_s_title():
    assert entity_name("the Harbor Cycling Club’s", "ORG") == "Harbor Cycling Club"
    assert entity_name("Mayor Ruth  Okafor's", "PERSON") == "Ruth Okafor"
    assert entity_name("U.S.", "GPE") == "U.S."


def test_a_surname_joins_its_full_name_unless_two_people_share_it():
    def seen(article: str, name: str) -> Occurrence:
        return Occurrence("actor", name, "PERSON", article, "")

    groups = name_groups(
        [
            seen("a", "Jens Stoltenberg"),
            seen("b", "Stoltenberg"),
            seen("c", "John Smith"),
            seen("c", "Smith"),
            seen("d", "Jane Smith"),
            seen("e", "Smith"),
        ]
    )
    assert groups[("b", "Stoltenberg")] == "Jens Stoltenberg"  # the corpus's one full name for it
    assert groups[("c", "Smith")] == "John Smith"  # the article says which Smith
    assert groups[("e", "Smith")] == "Smith"  # John or Jane: left alone


def test_a_long_example_is_cut_around_the_phrase():
    sentence = " ".join(["word"] * 40) + " the parking levy " + " ".join(["word"] * 40)
    short = shorten(sentence, sentence.index("parking levy"))
    assert "parking levy" in short
    assert short.startswith("…") and short.endswith("…")
    assert len(short) <= 92
    assert shorten("Short enough.", 0) == "Short enough."


def test_cli_prints_both_tables_and_writes_every_row_to_csv(bike_lanes, tmp_path):
    corpus, codebook = bike_lanes
    out = tmp_path / "suggestions" / "bike-lanes.csv"
    result = run("codebook", "suggest", "--corpus", str(corpus), "--codebook", str(codebook), "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Position cues without a codebook issue: 5 of 6 sentences with a position cue (83%), "
        "of 11 sentences in 3 articles."
    )
    headers = [n for n, line in enumerate(lines) if line.startswith("kind ") and line.endswith("| example")]
    assert len(headers) == 2
    assert [cell.strip() for cell in lines[headers[0] + 1].split(" | ")][:4] == [
        "actor (PERSON)",
        "Sarah Jenkins",
        "4",
        "3",
    ]
    assert "parking levy" in result.stdout and "congestion charge" in result.stdout
    with out.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == SUGGESTION_COLUMNS
    assert {(r["kind"], r["phrase"]) for r in rows} >= {("actor", "Sarah Jenkins"), ("issue", "parking levy")}
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # the staged file was renamed, not left


@pytest.mark.parametrize(
    ("corpus", "codebook", "message"),
    [
        ("no/such/folder", "CODEBOOK", "no/such/folder': corpus folder not found"),
        ("CORPUS", "no-such-codebook.yaml", "no-such-codebook.yaml': codebook not found"),
    ],
)
def test_bad_input_is_a_one_line_error(bike_lanes, corpus, codebook, message):
    corpus = str(bike_lanes[0]) if corpus == "CORPUS" else corpus
    codebook = str(bike_lanes[1]) if codebook == "CODEBOOK" else codebook
    result = run("codebook", "suggest", "--corpus", corpus, "--codebook", codebook, "--quiet")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr
    assert result.stdout == ""


def test_the_peoples_a_codebook_demonym_names_are_covered(tmp_path):
    from briefing.paths import DEFAULT_CODEBOOK

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Talks stall\n\nRussians and Ukrainians met in Istanbul, and the Hungarians said they would watch.\n"
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    phrases = set(suggest(corpus, load_codebook(DEFAULT_CODEBOOK)).table["phrase"])
    assert not {"Russians", "Ukrainians", "Hungarians"} & phrases


def test_each_sentence_carries_the_cue_coverage_that_the_suggestions_count(seeds_analysis):
    sentences = seeds_analysis.sentences
    counts = cue_coverage(sentences["text"], seeds_analysis.codebook)
    assert counts.with_cue == sentences["position_cue"].sum() > counts.without_issue > 0
    assert counts.without_issue == sentences["cue_without_issue"].sum()
    assert not (sentences["cue_without_issue"] & ~sentences["position_cue"]).any()


# --- the starter codebook (codebook suggest --write) ---------------------------------------------------


@pytest.fixture(scope="module")
def starter_file(bike_lanes, tmp_path_factory):
    """The starter codebook the command line writes for the bike-lane corpus."""
    out = tmp_path_factory.mktemp("starter") / "bike-lanes.yaml"
    result = run("codebook", "suggest", "--corpus", str(bike_lanes[0]), "--write", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert f"wrote a starter codebook to {out}" in result.stdout
    return out


def test_the_starter_codebook_loads_with_the_corpus_s_actors_and_issues(starter_file):
    codebook = load_codebook(starter_file)
    assert codebook.sides == ("Other",)
    assert {actor.side for actor in codebook.actors.values()} == {"Other"}
    names = {actor.name: actor for actor in codebook.actors.values()}
    # a full name and its surname are one actor ("Jenkins supports…", "Sarah Jenkins, who chairs…")
    assert names["Sarah Jenkins"].aliases == ("Jenkins",) and names["Sarah Jenkins"].kind == "person"
    assert "Jenkins" not in names
    issues = {issue.label: issue for issue in codebook.issues.values()}
    # "rejected the parking levy" twice, "supports a congestion charge", "called for a congestion charge"
    assert issues["Parking levy"].cues == ("parking levy",)
    assert issues["Congestion charge"].cues == ("congestion charge",)
    assert codebook.themes == {}  # three articles: too few for a theme, which the file says
    text = starter_file.read_text(encoding="utf-8")
    assert "# No themes: they need at least 5 articles" in text
    assert "# person (PERSON): 4 mentions in 3 articles" in text  # Sarah Jenkins, as the suggestions count her


def test_the_starter_is_the_same_file_for_the_same_corpus_and_replaced_only_with_force(bike_lanes, starter_file):
    first = starter_file.read_bytes()
    refused = run("codebook", "suggest", "--corpus", str(bike_lanes[0]), "--write", str(starter_file), "--quiet")
    assert refused.returncode == 1 and refused.stdout == ""
    lines = refused.stderr.strip().splitlines()
    assert lines == [f"error: {starter_file}: exists; add --force to replace it, or choose another file"]
    assert starter_file.read_bytes() == first
    again = run(
        "codebook", "suggest", "--corpus", str(bike_lanes[0]), "--write", str(starter_file), "--force", "--quiet"
    )
    assert again.returncode == 0, again.stderr
    assert starter_file.read_bytes() == first  # no date, no order of a set: byte for byte
    assert [p.name for p in starter_file.parent.iterdir()] == [starter_file.name]  # nothing staged is left


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--codebook", "CODEBOOK"], "--write starts a codebook from the corpus alone; leave out --codebook"),
        (["--write", "CORPUS/starter.yaml"], "the output would be written into the corpus folder"),
        (["--force"], "--force is for --write"),
    ],
)
def test_the_starter_s_options_are_checked_before_the_corpus_is_read(bike_lanes, tmp_path, extra, message):
    corpus, codebook = bike_lanes
    extra = [e.replace("CODEBOOK", str(codebook)).replace("CORPUS", str(corpus)) for e in extra]
    write = [] if "--write" in extra or extra == ["--force"] else ["--write", str(tmp_path / "s.yaml")]
    result = run("codebook", "suggest", "--corpus", str(corpus), *write, *extra, "--quiet")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not (corpus / "starter.yaml").exists() and not (tmp_path / "s.yaml").exists()


def test_on_the_seeds_the_starter_holds_putin_and_zelensky():
    from briefing.paths import SEEDS_DIR
    from briefing.publish.starter_codebook import build_starter

    starter = build_starter(SEEDS_DIR)
    actors = {actor.name: actor for actor in starter.actors}
    assert actors["Vladimir Putin"].aliases == ("Putin",) and actors["Vladimir Putin"].kind == "person"
    # the seeds spell him "Volodymyr Zelensky", "Zelensky", and once each "… Zelenskiy" and "… Zelenskyy"
    zelensky = actors["Volodymyr Zelensky"].aliases
    assert zelensky[0] == "Zelensky" and set(zelensky[1:]) == {"Volodymyr Zelenskiy", "Volodymyr Zelenskyy"}
    assert not {"Volodymyr Zelenskiy", "Volodymyr Zelenskyy"} & set(actors)
    assert {"Russia", "Ukraine"} <= set(actors)  # countries whose governments act ("Russia will cease…")
    labels = {issue.label.casefold() for issue in starter.issues}
    assert "peace talks" in labels and "nato membership" in labels
    assert len(starter.themes) == 1  # five articles: one theme


def test_a_longer_phrase_counts_with_the_shorter_it_ends_and_a_lone_noun_stands_alone():
    from briefing.publish.starter_codebook import phrase_roots

    roots = phrase_roots(
        ["minimum wage", "federal minimum wage", "$15 minimum wage", "wage", "Zika funding", "road funding", "funding"]
    )
    assert roots["federal minimum wage"] == roots["$15 minimum wage"] == "minimum wage"
    assert roots["wage"] == "wage"  # it would join "minimum wage" …
    assert roots["Zika funding"] == "Zika funding" and roots["funding"] == "funding"  # … as it would join both


def test_an_issue_s_cues_are_its_phrases_as_written_without_those_another_matches():
    from briefing.publish.starter_codebook import issue_cues

    cues = issue_cues([("Syrian refugees", 3), ("other Syrian refugees", 2), ("syrian refugees", 1), ("a*", 1)])
    assert cues == ("Syrian refugees",)  # the spelling written most; "a*" would match any word starting with a


def test_a_country_is_an_actor_where_it_acts_and_a_place_where_it_does_not():
    import pandas as pd

    from briefing.publish.starter_codebook import starter_actors

    def row(phrase, label, mentions, articles, as_subject, variants=None):
        ids = tuple(f"a{i}" for i in range(articles))
        return {
            "kind": "actor", "phrase": phrase, "label": label, "mentions": mentions, "articles": articles,
            "article_ids": ids, "variants": variants or ((phrase, mentions),), "as_subject": as_subject,
        }  # fmt: skip

    table = pd.DataFrame(
        [
            row("Moscow", "GPE", 20, 8, 6),  # "Moscow said …"
            row("Iowa", "GPE", 30, 9, 1),  # "in Iowa", "the Iowa caucuses"
            row("Maria Lopez", "PERSON", 12, 5, 4, (("Maria Lopez", 7), ("Lopez", 5))),
            row("Marie Lopez", "PERSON", 3, 2, 1),  # an alike spelling of her name
            row("Lopez", "ORG", 4, 3, 0),  # the recognizer's other reading of her surname
            row("Talks] Group", "ORG", 5, 4, 0),  # a misread entity
        ]
    )
    actors, left_out = starter_actors(table, articles=20)
    by_name = {actor.name: actor for actor in actors}
    assert list(by_name) == ["Moscow", "Maria Lopez"]  # in the most articles first
    lopez = by_name["Maria Lopez"]
    assert (lopez.mentions, lopez.articles, lopez.aliases) == (15, 5, ("Lopez", "Marie Lopez"))
    assert lopez.merged == (("Lopez", "ORG", 4, 3),)  # counted apart, named in its comment
    assert by_name["Moscow"].kind == "government"
    assert list(left_out.values()) == [1, 1]  # Iowa; the bracket


def test_the_starter_file_keeps_any_name_and_comment_as_written(tmp_path):
    from briefing.publish.starter_codebook import Starter, StarterActor, StarterIssue, starter_yaml

    tricky = ["Yes", "No: Never", "#1 Party", "O’Rourke", "null", "Smith, Jr."]
    actors = [StarterActor(f"a{i}", name, "person", "PERSON", (f"{name} Sr",), 2, 2) for i, name in enumerate(tricky)]
    issue = StarterIssue("levy", "Levy: yes or no", ("levy", "toll [road]"), 2, 2, (("oppose", 2),), 3, 2,
                         "A line\u2028break and a # in “quotes”", ("levy",))  # fmt: skip
    path = tmp_path / "tricky.yaml"
    path.write_text(starter_yaml(Starter("corpus\u0085dir", 4, actors, [issue], [], {}, None)), encoding="utf-8")
    codebook = load_codebook(path)
    assert [actor.name for actor in codebook.actors.values()] == tricky
    assert codebook.issues["levy"].label == "Levy: yes or no"
    assert codebook.issues["levy"].cues == ("levy", "toll [road]")


@pytest.mark.slow
def test_the_seeds_starter_renders_a_briefing_as_written(tmp_path):
    from briefing.paths import SEEDS_DIR
    from briefing.publish.render import render
    from briefing.publish.starter_codebook import build_starter, write_starter

    codebook = write_starter(build_starter(SEEDS_DIR), tmp_path / "seeds-starter.yaml")
    out = tmp_path / "briefing.html"
    render(SEEDS_DIR, out, title="Seeds", parameters={"codebook": str(tmp_path / "seeds-starter.yaml")}, progress=False)
    page = out.read_text(encoding="utf-8")
    assert "Vladimir Putin" in page
    assert sum(issue.short in page for issue in codebook.issues.values()) >= 3  # in the position matrix and stances


def test_themes_gather_the_terms_articles_share_and_do_not_move_with_the_random_state():
    import numpy as np

    from briefing.publish.starter_codebook import starter_themes

    lanes = "The city council debated the protected bike lanes on Harbor Road, and cyclists asked for the bike lanes."
    meals = "Parents asked the school board for free school meals, and the board costed the free school meals."
    texts = {f"lanes{i}": f"{lanes} Story {i} adds a word of its own: {w}." for i, w in enumerate("abcde")}
    texts |= {f"meals{i}": f"{meals} Story {i} adds a word of its own: {w}." for i, w in enumerate("fghij")}
    np.random.seed(1)
    themes = starter_themes(texts, frozenset())
    np.random.seed(2)
    assert starter_themes(texts, frozenset()) == themes
    assert len(themes) == 2 and sorted(theme.articles for theme in themes) == [5, 5]
    cues = [" ".join(theme.cues) for theme in themes]
    assert any("bike lanes" in c and "meals" not in c for c in cues)
    assert any("school meals" in c and "bike" not in c for c in cues)


@pytest.mark.parametrize(
    ("sentence", "phrase", "proposition", "cue"),
    [
        # the cue ("stopping") governs the plan, whose verb governs the phrase
        (
            "Cruz focused on stopping the plan to admit Syrian refugees.",
            "Syrian refugee",
            "admit Syrian refugees",
            "admit … Syrian refugees",
        ),
        ("The senators support repealing the levy on trucks.", "levy", "repeal the levy", "repealing … levy"),
        # the verb is the cue: the position, not what is done
        ("Jenkins supports a congestion charge.", "congestion charge", "", ""),
        # a light verb says nothing of what is done
        ("The council wants to have a vote.", "vote", "", ""),
        # nor does a verb of speech, whose object is what is said
        ("The traders want to criticize the levy on trucks.", "levy", "", ""),
    ],
)
def test_a_governed_phrase_takes_the_proposition_its_verb_makes_of_it(sentence, phrase, proposition, cue):
    from briefing.codebook import bare_codebook
    from briefing.language.parsing import load_model
    from briefing.publish.suggestions import issue_phrases

    doc = load_model()(sentence)
    found = {p.phrase: p.proposition for p in issue_phrases(doc, bare_codebook().mentions(doc.text, "cues"), [])}
    assert phrase in found, found
    assert (found[phrase].text, found[phrase].cue) == (proposition, cue)


def issue_row(phrase, mentions, articles, variants=None, propositions=()):
    ids = tuple(f"a{i}" for i in range(articles))
    return {
        "kind": "issue", "phrase": phrase, "label": "support", "mentions": mentions, "articles": articles,
        "example": f"They want {phrase}.", "article": "a0", "at": 10, "article_ids": ids,
        "variants": variants or ((phrase, mentions),), "labels": (("support", mentions),), "as_subject": 0,
        "propositions": propositions,
    }  # fmt: skip


def test_an_issue_is_labelled_by_its_most_frequent_proposition_with_its_verb_cue_where_it_matches():
    import pandas as pd

    from briefing.publish.starter_codebook import starter_issues

    repeal, raise_ = (
        ("repeal the parking levy", "repeal … parking levy"),
        ("raise the parking levy", "raise … parking levy"),
    )
    table = pd.DataFrame(
        [
            issue_row("parking levy", 3, 2, (("parking levy", 3),), ((repeal, 2), (raise_, 1))),
            issue_row(
                "school meals", 2, 2, (("school meals", 2),), ((("fund school meals", "fund … school meals"), 2),)
            ),
            issue_row("bike lane", 2, 2, (("bike lanes", 2),)),
        ]
    )
    texts = {
        "a0": "The mayor wants to repeal the parking levy. Parents want to fund free school meals and bike lanes.",
        "a1": "Traders would repeal the downtown parking levy. The board wants school meals and bike lanes.",
    }
    issues = {issue.short: issue for issue in starter_issues(table, texts, [])[0]}
    assert issues["Parking levy"].label == "Repeal the parking levy"  # two mentions of three
    assert issues["Parking levy"].cues == ("repeal … parking levy", "parking levy")
    # "fund free school meals": the cue's gap allows the word between
    assert issues["School meals"].label == "Fund school meals"
    assert issues["School meals"].cues == ("fund … school meals", "school meals")
    assert issues["Bike lanes"].label == "Bike lanes"  # no verb: the phrase
    no_match = table.assign(propositions=[((("cut the parking levy", "cut … parking levy"), 3),), (), ()])
    levy = {i.short: i for i in starter_issues(no_match, texts, [])[0]}["Parking levy"]
    assert levy.label == "Cut the parking levy" and levy.cues == ("parking levy",)  # the cue matches no text


def test_phrases_headed_by_a_general_noun_are_left_out_and_counted():
    import pandas as pd

    from briefing.publish.starter_codebook import GENERAL_PHRASES, SPEAKER_PHRASES, starter_issues, starter_yaml

    table = pd.DataFrame(
        [
            issue_row("wife", 4, 3),
            issue_row("advocacy group", 3, 3, (("advocacy groups", 3),)),
            issue_row("ability", 3, 2),
            issue_row("plan", 3, 2),  # an anaphoric noun alone …
            issue_row("health plan", 2, 2),  # … names a matter with what qualifies it
            issue_row("voter", 2, 2),
            issue_row("parking levy", 2, 2),
        ]
    )
    texts = {"a0": "wife advocacy groups ability plan health plan voter parking levy", "a1": "the same words", "a2": ""}
    issues, left_out = starter_issues(table, texts, [])
    assert sorted(issue.short for issue in issues) == ["Health plan", "Parking levy"]
    assert left_out == {SPEAKER_PHRASES: 1, GENERAL_PHRASES: 4}
    from briefing.publish.starter_codebook import Starter

    text = starter_yaml(Starter("c", 3, [], issues, [], left_out, None))
    assert f"# Left out: 1 {SPEAKER_PHRASES}; 4 {GENERAL_PHRASES}." in text
