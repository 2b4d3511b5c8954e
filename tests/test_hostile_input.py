"""Every bad input and fault a careful user tried, in one table each, with what must happen to it.

A bad file becomes a warning kept in the tables or a problem row, never a silent change; a bad command becomes
one line, ``error: <file>: <problem>``, and a non-zero exit; a failed run replaces nothing. The rows are the cases
of issue 12; the browser checks of a hostile corpus are in ``test_browser.py``, arbitrary input in
``test_properties.py``.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from conftest import FIXTURES, seed_text

from briefing import cli, markup, outputs, report
from briefing.codebook import cue_regex, load_codebook
from briefing.corpus import LoadOptions, load_corpus
from briefing.errors import RenderError
from briefing.paths import DEFAULT_CODEBOOK, PROJECT_ROOT
from briefing.pipeline import analyze
from briefing.render import render
from briefing.segment import MAX_SENTENCE_CHARS, WHOLE_SENTENCE_ROWS

STORY = seed_text("003")  # a real article: the bad parts are added to it
TITLE, BODY = STORY.split("\n", 1)
BOMB = (
    "---\na: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntitle: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n"
)


def front(**fields: str) -> str:
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items()) + "---\n"


# name: (files of the corpus, article or problem column to read, what it must say)
READ_CASES = {
    "UTF-16 with a byte-order mark is read, not skipped as binary": (
        {"story.txt": STORY.encode("utf-16")},
        ("articles", "title"),
        TITLE,
    ),
    "NUL bytes after the first 8 KB are shown as U+FFFD and warned about": (
        {"story.txt": STORY + "\n" + "Padding sentence for the test. " * 300 + "\x00\x00 end."},
        ("articles", "warnings"),
        "2 NUL bytes, shown as U+FFFD",
    ),
    "a date in year 1 keeps its four digits": (
        {"story.md": front(date="0001-01-01") + STORY},
        ("articles", "published"),
        "0001-01-01",
    ),
    "a front-matter list is joined, with a warning": (
        {"story.md": front(outlet="[Daily News, Evening Post]") + STORY},
        ("articles", "outlet"),
        "Daily News; Evening Post",
    ),
    "a YAML alias bomb in front matter is refused at once, naming the problem": (
        {"story.md": BOMB + STORY},
        ("articles", "warnings"),
        "front matter is not valid YAML (aliases (*a) are not allowed",
    ),
    "a key repeated in front matter is refused, not last-wins": (
        {"story.md": front(title="One", outlet="X") + "title: Two\n" + STORY},
        ("articles", "title"),
        TITLE,
    ),
    "a file name that is not UTF-8 is read, shown with U+FFFD and warned about": (
        {os.fsdecode(b"caf\xe9.txt"): STORY},
        ("articles", "warnings"),
        "file name is not valid UTF-8; shown with U+FFFD",
    ),
}


@pytest.mark.parametrize("case", READ_CASES)
def test_bad_files_are_read_or_recorded_never_silently_changed(case, make_corpus):
    files, (table, column), expected = READ_CASES[case]
    corpus = load_corpus(make_corpus(files), LoadOptions())
    values = getattr(corpus, table)[column].fillna("").astype(str).tolist()
    assert any(expected in value for value in values), values


def test_an_unreadable_subfolder_is_a_problem_row_not_skipped_unseen(make_corpus, monkeypatch):
    root = make_corpus({"story.txt": STORY, "locked/other.txt": STORY})
    scandir = os.scandir

    def refuse(path="."):  # root reads every folder, so the refusal is staged
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    problems = load_corpus(root, LoadOptions()).problems
    assert problems.values.tolist() == [["locked/", "folder cannot be read (Permission denied); its files skipped"]]


def run(argv: list[str], capsys) -> tuple[int, str]:
    status = cli.main(argv)
    return status, capsys.readouterr().err


def bad_codebook(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def small_codebook(tmp_path: Path, **changes) -> str:
    """A valid codebook of one actor and one issue, with ``changes`` to its top-level entries, as a file."""
    data = {
        "name": "small",
        "sides": ["East", "West"],
        "actors": [{"id": "eastland", "name": "Eastland", "side": "East", "aliases": ["the East"]}],
        "issues": [{"id": "talks", "label": "Talks should go on", "cues": ["talks"]}],
        **changes,
    }
    return bad_codebook(tmp_path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def with_cue(key: str, cue: str):
    """An analysis with a small codebook whose ``key`` entry holds ``cue`` (alias, issue cue, frame cue ...)."""
    entries = {
        "alias": {"actors": [{"id": "eastland", "name": "Eastland", "side": "East", "aliases": [cue]}]},
        "issue cue": {"issues": [{"id": "talks", "label": "Talks should go on", "cues": ["talks", cue]}]},
        "frame cue": {"frames": [{"id": "deadlock", "label": "Deadlock", "cues": [cue]}]},
        "theme cue": {"themes": [{"id": "war", "label": "War", "cues": [cue]}]},
        "loaded phrase": {"loaded_wording": {"East": [cue]}},
        "demonym": {"actors": [{"id": "eastland", "name": "Eastland", "side": "East", "demonyms": [cue]}]},
        "position cue": {"positions": {"support": [cue]}},
    }
    return lambda c, t: analyze_args(c, t, "--codebook", small_codebook(t, **entries[key]))


def render_args(*extra: str):
    """A render of the corpus into the scratch folder, with ``extra`` options."""
    return lambda corpus, scratch: ["render", "--corpus", str(corpus), "--out", str(scratch / "b.html"), *extra]


def analyze_args(corpus: Path, scratch: Path, *extra: str) -> list[str]:
    """An analysis of the corpus into the scratch folder, with ``extra`` options."""
    return ["analyze", "--corpus", str(corpus), "--out", str(scratch / "x"), *extra]


# name: (command line, built from the corpus folder and a scratch folder; the one-line error it must give)
COMMAND_CASES = {
    "export folder inside the corpus": (
        lambda c, t: ["analyze", "--corpus", str(c), "--out", str(c / "tables")],
        "the export folder would be written into the corpus folder",
    ),
    "export folder holding the corpus": (
        lambda c, t: ["analyze", "--corpus", str(c), "--out", str(c.parent)],
        "the export folder would replace a folder that holds the corpus",
    ),
    "briefing whose data folder is the corpus": (
        lambda c, t: ["render", "--corpus", str(c), "--out", str(c.parent / f"{c.name[:-5]}.html")],
        "the export folder would be written into the corpus folder",
    ),
    "export folder holding someone's own files": (
        lambda c, t: ["analyze", "--corpus", str(c), "--out", str(own_files(t))],
        "exists and is not an export folder",
    ),
    "codebook with a repeated key": (
        lambda c, t: analyze_args(c, t, "--codebook", bad_codebook(t, "a: 1\na: 2\n")),
        "not valid YAML (key 'a' appears twice in one mapping (line 2, column 1))",
    ),
    "codebook with an alias bomb": (
        lambda c, t: analyze_args(c, t, "--codebook", bad_codebook(t, BOMB[4:-4])),
        "not valid YAML (aliases (*a) are not allowed",
    ),
    "-p corpus, which --corpus sets": (
        render_args("-p", "corpus", "x"),
        "parameter 'corpus' is set by the command line's --corpus",
    ),
    "-p export_dir, which --out sets": (
        render_args("-p", "export_dir", "x"),
        "parameter 'export_dir' is set by the command line's --out",
    ),
    "a negative count": (
        render_args("-p", "top_n_sentences", "-1"),
        "parameter 'top_n_sentences' must be at least 1, got -1",
    ),
    "a boilerplate threshold of no stories": (
        render_args("-p", "recurring_min_articles", "0"),
        "parameter 'recurring_min_articles' must be at least 2, got 0",
    ),
    "a similarity that is not a number": (
        render_args("-p", "near_duplicate_threshold", "nan"),
        "parameter 'near_duplicate_threshold' must be a finite number, got nan",
    ),
    "a title that is not UTF-8": (
        render_args("--title", os.fsdecode(b"bad\xff")),
        "--title: not valid UTF-8 text",
    ),
    "an alias that is only a wildcard (matched every sentence)": (
        with_cue("alias", "*"),
        "bad.yaml: actors[0] (id 'eastland'): alias '*' has no literal word, so it would match any text",
    ),
    "an issue cue that is only a gap": (
        with_cue("issue cue", "…"),
        "bad.yaml: issues[0] (id 'talks'): cue '…' has no literal word",
    ),
    "a frame cue of wildcards and a gap": (
        with_cue("frame cue", "* … *"),
        "bad.yaml: frames[0] (id 'deadlock'): cue '* … *' has no literal word",
    ),
    "a theme cue of a one-letter wildcard (a tenth of all words)": (
        with_cue("theme cue", "a*"),
        "bad.yaml: themes[0] (id 'war'): cue 'a*' is too broad: a cue of wildcards alone needs 3 letters before",
    ),
    "a loaded phrase of punctuation": (
        with_cue("loaded phrase", "..."),
        "bad.yaml: loaded_wording.East: phrase '...' has no literal word",
    ),
    "a demonym that is a wildcard": (
        with_cue("demonym", "*"),
        "bad.yaml: actors[0] (id 'eastland'): demonym '*' has no literal word",
    ),
    "a position cue of wildcards": (
        with_cue("position cue", "* *"),
        "bad.yaml: positions.support: cue '* *' has no literal word",
    ),
    "a cue of a thousand gaps (overflowed the stack)": (
        with_cue("frame cue", " … ".join(["talks"] * 1001)),
        "bad.yaml: frames[0] (id 'deadlock'): cue 'talks … talks … talks … talks … talks … talks … talks … talk…' "
        "has 1,000 gaps (… or ...), more than the 12 a cue may have",
    ),
    "a refused alias written over two lines is shown on one": (
        with_cue("alias", "*\n*"),
        "bad.yaml: actors[0] (id 'eastland'): alias '* *' has no literal word",
    ),
    "an alias of a hundred words": (
        with_cue("alias", " ".join(["East"] * 100)),
        "bad.yaml: actors[0] (id 'eastland'): alias 'East East East East East East East East East East East East "
        "…' has 100 words, more than the 24 a cue may have",
    ),
}


def own_files(tmp: Path) -> Path:
    folder = tmp / "documents"
    folder.mkdir(exist_ok=True)
    (folder / "thesis.docx").write_text("my own work", encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", COMMAND_CASES)
def test_bad_commands_give_one_line_errors_and_write_nothing(case, make_corpus, tmp_path, capsys):
    corpus = make_corpus({"story.txt": STORY}, name="b_data")
    build, expected = COMMAND_CASES[case]
    argv = build(corpus, tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    status, err = run(argv, capsys)
    assert status in (1, 2) and err.startswith("error: ") and err.count("\n") == 1 and expected in err, err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written


def test_exports_are_safe_in_a_spreadsheet_and_hold_only_this_runs_files(make_corpus, tmp_path, capsys):
    corpus = make_corpus(
        {
            "=cmd.md": front(title='\'=HYPERLINK("http://example.invalid","x")\'', outlet="'@SUM(A1)'")
            + "- "
            + BODY.strip()
            + "\n+1 more line that is long enough to stay in the story, said an official.\n"
        }
    )
    out = tmp_path / "tables"
    out.mkdir()
    (out / "README.md").write_text(outputs.EXPORT_MARK + "\n", encoding="utf-8")
    (out / "old_chart.png").write_bytes(b"a chart an earlier run made")  # an export of an earlier run
    assert run(["analyze", "--corpus", str(corpus), "--out", str(out), "--quiet"], capsys)[0] == 0
    assert not (out / "old_chart.png").exists()
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert articles.loc[0, "id"] == "'=cmd" and articles.loc[0, "path"] == "'=cmd.md"
    assert articles.loc[0, "title"].startswith("'=HYPERLINK(") and articles.loc[0, "outlet"] == "'@SUM(A1)"
    for name in ("articles", "sentences", "paragraphs", "removed_text"):
        cells = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False).to_numpy().ravel()
        assert not [c for c in cells if c[:1] in ("=", "@", "+") or (c[:1] == "-" and not c[1:2].isdigit())], name
    assert "OWASP" in (out / "README.md").read_text(encoding="utf-8")


def test_a_run_refuses_an_output_another_running_process_writes(make_corpus, tmp_path, capsys):
    corpus = make_corpus({"story.txt": STORY})
    out = tmp_path / "tables"
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / ".tables.lock").write_text(str(holder.pid), encoding="ascii")
        status, err = run(["analyze", "--corpus", str(corpus), "--out", str(out), "--quiet"], capsys)
    finally:
        holder.kill()
        holder.wait()
    assert status == 1 and f"another run (process {holder.pid}) is writing this output" in err
    assert not out.exists()
    (tmp_path / ".tables.lock").write_text("", encoding="ascii")  # a run that has not written its id yet
    status, err = run(["analyze", "--corpus", str(corpus), "--out", str(out), "--quiet"], capsys)
    assert status == 1 and "another run is writing this output" in err


def test_what_a_killed_run_left_is_cleared_by_the_next(make_corpus, tmp_path, capsys):
    corpus = make_corpus({"story.txt": STORY})
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / ".tables.lock").write_text(str(dead.pid), encoding="ascii")
    (tmp_path / ".tables-staging-abc123").mkdir()
    (tmp_path / ".tables.v2-staging-def456").mkdir()  # another output's, which may be running: kept
    assert run(["analyze", "--corpus", str(corpus), "--out", str(tmp_path / "tables"), "--quiet"], capsys)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tables.v2-staging-def456", "corpus", "tables"]


def test_a_failure_while_moving_the_outputs_in_puts_the_old_ones_back(tmp_path, monkeypatch):
    for name, text in (("b.html", "old page"), ("b.ipynb", "old notebook")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    staging = outputs.staging_folder(tmp_path / "b.html")
    (staging / "b.ipynb").write_text("new notebook", encoding="utf-8")
    (staging / "b.html").write_text("new page", encoding="utf-8")
    replace, calls = os.replace, []

    def fail_on_the_last(source, target):
        calls.append(target)
        if len(calls) == 4:  # notebook aside, new notebook in, page aside, then the new page fails
            raise OSError(28, "No space left on device", str(target))
        return replace(source, target)

    monkeypatch.setattr(os, "replace", fail_on_the_last)
    with pytest.raises(OSError):
        outputs.commit(
            [(staging / "b.ipynb", tmp_path / "b.ipynb"), (staging / "b.html", tmp_path / "b.html")], staging
        )
    assert (tmp_path / "b.html").read_text() == "old page" and (tmp_path / "b.ipynb").read_text() == "old notebook"


def test_a_cue_with_many_gaps_is_matched_in_linear_time():
    sentence = " ".join(["word"] * 60)
    cue = " … ".join(["word"] * 10 + ["absent"])  # as one expression: 38 s to fail on this sentence
    assert cue_regex(cue).search(sentence) is None
    assert cue_regex(" … ".join(["word"] * 10)).search(sentence).span() == (0, 49)


def test_a_cue_of_a_thousand_gaps_is_matched_without_recursion():
    # the codebook refuses such a cue (COMMAND_CASES); the matcher itself must not overflow the stack on one
    words = ["word"] * 1001
    assert cue_regex(" … ".join(words)).search(" ".join(words)).span() == (0, len(" ".join(words)))
    assert cue_regex(" … ".join([*words, "absent"])).search(" ".join(words)) is None


def test_the_shipped_codebooks_and_word_lists_pass_the_cue_checks():
    for path in sorted((PROJECT_ROOT / "codebooks").glob("*.yaml")):
        assert load_codebook(path).issues, path  # the default positions.yaml is read and checked with them


@contextmanager
def time_limit(seconds: int):
    """Fail with TimeoutError after ``seconds``: a bound of tens of seconds where the fixed code takes a few."""

    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def unpunctuated_line(characters: int) -> str:
    """The seed article's words, without punctuation, repeated into one line of about ``characters``."""
    words = re.sub(r"[^\w\s’']", " ", BODY).split()
    return " ".join(words * (characters // len(" ".join(words)) + 1))[:characters].rsplit(" ", 1)[0]


QUOTED = "“We will not give up our land,” Zelensky said."


def sentences_are_bounded_and_rows_do_not_repeat_them(analysis, line: str) -> None:
    sentences = analysis.sentences
    assert sentences["text"].str.len().max() <= MAX_SENTENCE_CHARS
    assert " ".join(sentences["text"]) == " ".join(line.split())  # cut at word boundaries, nothing dropped
    (warning,) = analysis.articles["warnings"]
    assert f"text longer than {MAX_SENTENCE_CHARS:,} characters without a sentence end cut" in warning
    for name, table in (("loaded", analysis.loaded), ("stances", analysis.stances), ("dates", analysis.timeline)):
        whole = table.merge(sentences, on=["article", "sentence"]).query("evidence == text")
        assert (whole.groupby(["article", "sentence"]).size() <= WHOLE_SENTENCE_ROWS).all(), name
        assert (table["evidence"].str.len() <= MAX_SENTENCE_CHARS).all(), name
    assert len(analysis.loaded) > 20  # the line has loaded wording: the bound above was tested
    assert analysis.loaded["evidence"].str.len().sum() < 20 * len(line)  # was 900 times the line


def every_copy_is_one_direct_quotation(analysis, _) -> None:
    direct = analysis.sources.query("kind == 'direct'")
    assert len(direct) == 10_000 and set(direct["quote"]) == {"We will not give up our land"}


# name: (the article's body, what must hold of its analysis, run within a time limit of tens of seconds)
GENERATED_CASES = {
    "a 300 KB line without punctuation (2 MB took 147 s, 5.8 GB and wrote 1.8 GB)": (
        unpunctuated_line(300_000),
        sentences_are_bounded_and_rows_do_not_repeat_them,
    ),
    "10,000 copies of one quoted sentence in one paragraph (700 took 89 s; cubic)": (
        " ".join([QUOTED] * 10_000),
        every_copy_is_one_direct_quotation,
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", GENERATED_CASES)
def test_generated_articles_are_analysed_within_their_bounds(case, make_corpus):
    body, holds = GENERATED_CASES[case]
    corpus = make_corpus({"story.txt": f"{TITLE}\n{body}\n"})
    with time_limit(90):  # the fixed code takes about 20 s
        analysis = analyze(corpus, codebook=load_codebook(DEFAULT_CODEBOOK))
    holds(analysis, body)


def test_holders_whose_names_differ_in_case_or_script_get_their_own_evidence(make_corpus):
    holders = {"Nato": "rejected", "NATO": "supported", "Зеленський": "rejected", "Шольц": "supported"}
    story = " ".join(f"{name} {verb} new sanctions." for name, verb in holders.items())
    analysis = analyze(make_corpus({"a.txt": f"Sanctions\n\n{story}\n"}), codebook=load_codebook(DEFAULT_CODEBOOK))
    matrix = report.position_matrix(analysis)
    assert set(matrix["actor_name"]) == {"Nato", "NATO", "Зеленський", "Шольц"}  # NATO is the codebook's
    assert matrix["anchor"].is_unique
    table = markup.position_table(matrix, list(matrix["actor"]), ["sanctions"])
    appendix = markup.evidence_appendix(matrix, analysis.stances, {})
    for cell in matrix.itertuples():
        assert table.count(f'href="#{cell.anchor}"') == 1 and appendix.count(f'id="{cell.anchor}"') == 1
        evidence = appendix.split(f'id="{cell.anchor}"', 1)[1].split("<h4", 1)[0]  # the rows under this cell
        name = cell.actor_name
        assert f"{name} {holders[name]} new sanctions" in evidence, cell.anchor
        others = [f"{other} {verb} new" for other, verb in holders.items() if other != name]
        assert not any(other in evidence for other in others), cell.anchor


def test_text_that_overrides_direction_cannot_reorder_the_briefings_words():
    shown = markup.table(pd.DataFrame({"Title": ["\u202eelbat a ni", "plain"], "Stories": [3, 4]}))
    assert "\u202e" not in shown and "⟦RLO⟧elbat a ni" in shown
    assert markup.note("Title \u2067ends\u2069 here") == '<p class="note">Title ⟦RLI⟧ends⟦PDI⟧ here</p>'


@pytest.mark.slow
def test_a_dead_kernel_is_one_line_naming_the_cell_and_the_last_briefing_stays(tmp_path):
    out = tmp_path / "b.html"
    out.write_text("the last good briefing", encoding="utf-8")
    with pytest.raises(RenderError) as failure:
        render(PROJECT_ROOT / "seeds", out, notebook=FIXTURES / "kernel_dies.ipynb", progress=False)
    message = str(failure.value)
    assert "\n" not in message
    assert message.startswith("kernel_dies.ipynb cell 2 (import os): the kernel died (out of memory or killed)")
    assert f"executed notebook kept as {tmp_path / 'b.failed.ipynb'}; nothing was replaced" in message
    assert out.read_text(encoding="utf-8") == "the last good briefing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.failed.ipynb", "b.html"]


@pytest.mark.slow
def test_a_kernel_that_dies_with_a_message_has_its_last_line_in_the_error(tmp_path):
    notebook = nbformat.read(FIXTURES / "kernel_dies.ipynb", as_version=4)
    notebook.cells[1].source = 'import os\nos.write(2, b"Fatal Python error: the library gave up\\n\\n")\nos._exit(134)'
    nbformat.write(notebook, tmp_path / "says_why.ipynb")
    with pytest.raises(RenderError) as failure:
        render(PROJECT_ROOT / "seeds", tmp_path / "b.html", notebook=tmp_path / "says_why.ipynb", progress=False)
    message = str(failure.value)
    assert "\n" not in message
    assert message.startswith("says_why.ipynb cell 2 (import os): the kernel died, its last line: Fatal Python error")


@pytest.mark.slow
def test_sigterm_during_a_render_leaves_no_staging_and_replaces_nothing(tmp_path):
    out = tmp_path / "b.html"
    out.write_text("the last good briefing", encoding="utf-8")
    command = [sys.executable, "-m", "briefing", "render", "--corpus", "seeds", "--out", str(out), "--quiet"]
    run_ = subprocess.Popen(command, cwd=PROJECT_ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".b.html-staging-") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.2)  # wait until the render is under way
    time.sleep(2)
    run_.send_signal(signal.SIGTERM)
    _, err = run_.communicate(timeout=120)
    assert run_.returncode == 143 and err == "error: terminated; nothing was replaced\n"
    assert out.read_text(encoding="utf-8") == "the last good briefing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.html"]


def test_the_codebook_shipped_is_still_valid_yaml_for_the_limited_loader():
    from briefing.codebook import load_codebook

    assert load_codebook(DEFAULT_CODEBOOK).issues
