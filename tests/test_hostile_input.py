"""Every bad input and fault a careful user tried, in one table each, with what must happen to it.

A bad file becomes a warning kept in the tables or a problem row, never a silent change; a bad command becomes
one line, ``error: <file>: <problem>``, and a non-zero exit; a failed run replaces nothing. The rows are the cases
of issue 12; the browser checks of a hostile corpus are in ``test_browser.py``, arbitrary input in
``test_properties.py``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import FIXTURES, seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import cli, markup, outputs
from briefing.codebook import cue_regex
from briefing.corpus import LoadOptions, load_corpus
from briefing.errors import RenderError
from briefing.paths import DEFAULT_CODEBOOK, PROJECT_ROOT
from briefing.render import render

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
    "suggestions written over what is not a file (a pipe, as /dev/null is a device)": (
        lambda c, t: ["codebook", "suggest", "--corpus", str(c), "--out", str(pipe(t)), "--quiet"],
        "pipe.csv: exists and is not a regular file",
    ),
    "a briefing written through a symbolic link": (
        lambda c, t: ["render", "--corpus", str(c), "--out", str(link(t, "b.html", t / "elsewhere.html")), "--quiet"],
        "b.html: is a symbolic link; give the path of a file",
    ),
    "an export written through a symbolic link to an export folder": (
        lambda c, t: [*analyze_args(c, t)[:-1], str(link(t, "x", export_folder(t))), "--quiet"],
        "x: is a symbolic link; give the path of a folder",
    ),
    "a Dask scheduler where nothing listens fails at once, naming it": (
        lambda c, t: analyze_args(c, t, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--quiet"),
        "tcp://127.0.0.1:1: nothing listens at 127.0.0.1:1 (Connection refused)",
    ),
}


def pipe(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.csv")
    return tmp / "pipe.csv"


def link(tmp: Path, name: str, target: Path) -> Path:
    (tmp / name).symlink_to(target)
    return tmp / name


def export_folder(tmp: Path) -> Path:
    folder = tmp / "an-export"
    folder.mkdir()
    (folder / "README.md").write_text(outputs.EXPORT_MARK + "\n", encoding="utf-8")
    return folder


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


# --- Issue 28: a cache that cannot run code or lie, no command that deletes or replaces what is not its own -------


def entries(cache: Path, section: str) -> list[Path]:
    """A cache section's entries, in a stable order (``.pkl``: the format of earlier versions)."""
    return sorted([*(cache / section).rglob("*.entry"), *(cache / section).rglob("*.pkl")])


def swap(first: Path, second: Path) -> None:
    a, b = first.read_bytes(), second.read_bytes()
    first.write_bytes(b)
    second.write_bytes(a)


def entry_of_another_type(path: Path) -> bytes:
    """A well-formed entry under ``path``'s key that holds a list of text where a result belongs."""
    if path.suffix == ".pkl":  # the format of earlier versions
        import pickle

        return pickle.dumps(["not", "a", "result"])
    from briefing import cache_format

    return cache_format.encode(["not", "a", "result"], bytes.fromhex(path.name[:64]))


class RunsCode:
    """A pickle that makes a folder when it is loaded: what a hostile entry would do with ``os.system``."""

    def __init__(self, made: Path) -> None:
        self.made = made

    def __reduce__(self):
        return os.mkdir, (str(self.made),)


def plant_pickles(cache: Path) -> None:
    import pickle

    payload = pickle.dumps(RunsCode(cache.parent / "code-ran"))
    for path in entries(cache, "articles"):
        path.write_bytes(payload)
        path.with_suffix(".pkl").write_bytes(payload)


# name: what is done to a cache warmed by a run on the same corpus
CACHE_FAULTS = {
    "two article results swapped are not served under each other's article": lambda cache: swap(
        *entries(cache, "articles")[:2]
    ),
    "two files' readings swapped are not served under each other's file": lambda cache: swap(
        *entries(cache, "files")[:2]
    ),
    "an entry that would run code when read runs none": plant_pickles,
    "an entry of a format the tool cannot read is a miss, not a traceback": lambda cache: [
        path.write_bytes(b"\x80\x09" + bytes(range(40))) for path in entries(cache, "articles")
    ],
    "an entry holding a value of another type is a miss, not a traceback": lambda cache: [
        path.write_bytes(entry_of_another_type(path)) for path in entries(cache, "articles") + entries(cache, "files")
    ],
}


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory):
    """Three seed articles, the export of a run without any cache, and a cache warmed by a run on them."""
    root = tmp_path_factory.mktemp("warm")
    corpus = root / "corpus"
    corpus.mkdir()
    for stem in ("000", "001", "002"):
        (corpus / f"{stem}.txt").write_text(seed_text(stem), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE", str(root / "cache"))
        assert cli.main(["analyze", "--corpus", str(corpus), "--out", str(root / "reference"), "--quiet"]) == 0
        shutil.copytree(root / "cache", root / "warm")
        assert cli.main(["analyze", "--corpus", str(corpus), "--out", str(root / "x"), "--no-cache", "--quiet"]) == 0
    return corpus, root / "reference", root / "warm"


def exported(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", CACHE_FAULTS)
def test_a_damaged_cache_gives_the_tables_of_no_cache_and_runs_no_code(case, warm_cache, tmp_path, monkeypatch, capsys):
    corpus, reference, warm = warm_cache
    cache = tmp_path / "cache"
    shutil.copytree(warm, cache)
    CACHE_FAULTS[case](cache)
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    status = cli.main(["analyze", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--quiet"])
    captured = capsys.readouterr()
    assert status == 0 and "Traceback" not in captured.err, captured.err
    assert exported(tmp_path / "out") == exported(reference)
    assert not (tmp_path / "code-ran").exists()
    assert captured.err.count("cache entry") <= 1  # logged once, then counted
    assert "damaged or misplaced entries computed again" in captured.out


# name: (what the folder BRIEFING_CACHE names holds, besides the corpus; options; the one-line error)
CACHE_FOLDER_CASES = {
    "--no-cache with the cache named on a folder of one's own deletes nothing of it": (
        {"notes/thesis.txt": "my own work", "a": "x"},
        ["--no-cache"],
        "not a briefing cache (it holds ",
    ),
    "a cache named on a folder of one's own is not written into": ({"a": "x"}, [], "not a briefing cache"),
}


@pytest.mark.parametrize("case", CACHE_FOLDER_CASES)
def test_a_cache_folder_not_the_tools_own_is_refused_untouched(case, make_corpus, tmp_path, monkeypatch, capsys):
    files, options, expected = CACHE_FOLDER_CASES[case]
    corpus = make_corpus({"story.txt": STORY})
    own = tmp_path / "own"
    for relative, text in files.items():
        (own / relative).parent.mkdir(parents=True, exist_ok=True)
        (own / relative).write_text(text, encoding="utf-8")
    before = {path: path.read_bytes() if path.is_file() else None for path in own.rglob("*")}
    monkeypatch.setenv("BRIEFING_CACHE", str(own))
    status, err = run(analyze_args(corpus, tmp_path, "--quiet", *options), capsys)
    assert status == 1 and err.count("\n") == 1 and expected in err, err
    assert {path: path.read_bytes() if path.is_file() else None for path in own.rglob("*")} == before


def test_no_cache_on_the_corpus_itself_deletes_no_article(make_corpus, tmp_path, monkeypatch, capsys):
    corpus = make_corpus({"story.txt": STORY, "more/other.txt": STORY})
    monkeypatch.setenv("BRIEFING_CACHE", str(corpus))
    status, err = run(analyze_args(corpus, tmp_path, "--no-cache", "--quiet"), capsys)
    assert status == 1 and "not a briefing cache" in err
    assert (corpus / "story.txt").read_text(encoding="utf-8") == STORY and (corpus / "more/other.txt").is_file()


def test_no_cache_clears_only_the_caches_own_entries(warm_cache, tmp_path, monkeypatch, capsys):
    corpus, reference, warm = warm_cache
    cache = tmp_path / "cache"
    shutil.copytree(warm, cache)
    (cache / "articles" / "mine.txt").write_text("a file of the user's, put in the cache", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    status, err = run(analyze_args(corpus, tmp_path, "--no-cache", "--quiet"), capsys)
    assert status == 0 and "1 files and folders this tool did not write were left" in err
    assert (cache / "articles" / "mine.txt").is_file()
    assert exported(tmp_path / "x") == exported(reference)


def test_no_cache_that_cannot_clear_a_read_only_cache_says_so_and_reuses_nothing(
    warm_cache, tmp_path, monkeypatch, capsys
):
    corpus, reference, warm = warm_cache
    cache = tmp_path / "cache"
    shutil.copytree(warm, cache)
    unlink, rmdir = os.unlink, os.rmdir

    def read_only(remove):  # as on a read-only mount: root may delete any file of a folder it cannot write
        def refuse(path, *args, **kwargs):
            if str(cache) in os.fsdecode(path) or kwargs.get("dir_fd") is not None:
                raise OSError(30, "Read-only file system", os.fsdecode(path))
            return remove(path, *args, **kwargs)

        return refuse

    monkeypatch.setattr(os, "unlink", read_only(unlink))
    monkeypatch.setattr(os, "rmdir", read_only(rmdir))
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    status = cli.main(analyze_args(corpus, tmp_path, "--no-cache", "--quiet"))
    captured = capsys.readouterr()
    assert status == 0 and "cannot clear the cache (Read-only file system); this run does not use it" in captured.err
    assert "cache not used" in captured.out and "reused" not in captured.out
    assert exported(tmp_path / "x") == exported(reference)


def test_an_entry_removed_after_the_export_is_committed_cannot_fail_the_run(warm_cache, tmp_path, monkeypatch, capsys):
    """Another run sharing the cache may delete its entries at any time; the cache's summary comes after the
    export is in place, so it may not fail the run, nor say that nothing was replaced."""
    from briefing import report

    corpus, reference, warm = warm_cache
    cache = tmp_path / "cache"
    shutil.copytree(warm, cache)
    commit, stat, lstat = report.charts_and_export, os.stat, os.lstat

    def gone(original):
        def vanished(path, *args, **kwargs):
            if f"{cache}{os.sep}articles" in os.fsdecode(path):
                raise FileNotFoundError(2, "No such file or directory", os.fsdecode(path))
            return original(path, *args, **kwargs)

        return vanished

    def then_entries_vanish(*args, **kwargs):
        charts = commit(*args, **kwargs)
        monkeypatch.setattr(os, "stat", gone(stat))
        monkeypatch.setattr(os, "lstat", gone(lstat))
        return charts

    monkeypatch.setattr(report, "charts_and_export", then_entries_vanish)
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    status, err = run(analyze_args(corpus, tmp_path, "--quiet"), capsys)
    assert status == 0 and err == ""
    assert exported(tmp_path / "x") == exported(reference)


def test_a_replaced_output_set_aside_by_a_run_that_finished_is_then_deleted(tmp_path):
    (tmp_path / "b.html").write_text("old page", encoding="utf-8")
    staging = outputs.staging_folder(tmp_path / "b.html")
    (staging / "b.html").write_text("new page", encoding="utf-8")
    outputs.commit([(staging / "b.html", tmp_path / "b.html")], staging)  # then killed before its clean-up
    with outputs.locked(tmp_path / "b.html"):
        pass
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == "new page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.html"]


KILL_BETWEEN_RENAMES = """
import os, signal, sys
from pathlib import Path
from briefing import outputs
folder = Path(sys.argv[1])
staging = outputs.staging_folder(folder / "b.html")
for name in ("b.ipynb", "b.html"):
    (staging / name).write_text("new " + name, encoding="utf-8")
(staging / "b_data").mkdir()
replace, calls = os.replace, []
def killed_on_the_fifth(source, target):
    calls.append(target)
    if len(calls) == 6:  # data aside and in, notebook aside and in, page aside: killed before the new page is in
        os.kill(os.getpid(), signal.SIGKILL)
    return replace(source, target)
os.replace = killed_on_the_fifth
moves = [(staging / "b_data", folder / "b_data"), (staging / "b.ipynb", folder / "b.ipynb"),
         (staging / "b.html", folder / "b.html")]
outputs.commit(moves, staging)
"""


@pytest.mark.slow
def test_sigkill_between_the_final_renames_then_a_failing_run_keeps_the_last_briefing(tmp_path):
    (tmp_path / "b.html").write_text("the last good briefing", encoding="utf-8")
    (tmp_path / "b.ipynb").write_text("its notebook", encoding="utf-8")
    (tmp_path / "b_data").mkdir()
    (tmp_path / "b_data" / "README.md").write_text(outputs.EXPORT_MARK + "\n", encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, str(tmp_path)], cwd=PROJECT_ROOT)
    assert killed.returncode == -signal.SIGKILL and not (tmp_path / "b.html").exists()
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\n", encoding="utf-8")
    command = [sys.executable, "-m", "briefing", "render", "--corpus", "seeds", "--out", str(tmp_path / "b.html")]
    failed = subprocess.run([*command, "--codebook", str(bad), "--quiet"], cwd=PROJECT_ROOT, capture_output=True)
    assert failed.returncode == 1 and b"sides" in failed.stderr, failed.stderr
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == "the last good briefing"
    assert (tmp_path / "b.ipynb").read_text(encoding="utf-8") == "its notebook"
    assert (tmp_path / "b_data" / "README.md").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.html", "b.ipynb", "b_data", "bad.yaml"]


KILL_IN_A_CACHE_WRITE = """
import os, signal, sys
from briefing import cli
replace = os.replace
def killed_on_the_first_entry(source, target, *args, **kwargs):
    if os.fsdecode(source).endswith(".tmp") and "articles" in os.fsdecode(source):
        os.kill(os.getpid(), signal.SIGKILL)  # the entry written, not yet in place
    return replace(source, target, *args, **kwargs)
os.replace = killed_on_the_first_entry
cli.main(["analyze", "--corpus", sys.argv[1], "--out", sys.argv[2], "--quiet"])
"""


@pytest.mark.slow
def test_a_write_left_unfinished_by_sigkill_is_removed_and_counted_by_the_next_run(make_corpus, tmp_path):
    corpus = make_corpus({"story.txt": STORY})
    environment = {**os.environ, "BRIEFING_CACHE": str(tmp_path / "cache")}
    arguments = [str(corpus), str(tmp_path / "out")]
    killing = [sys.executable, "-c", KILL_IN_A_CACHE_WRITE, *arguments]
    killed = subprocess.run(killing, env=environment, cwd=PROJECT_ROOT)
    assert killed.returncode == -signal.SIGKILL
    assert [p.suffix for p in (tmp_path / "cache" / "articles").rglob("*") if p.is_file()] == [".tmp"]
    command = [sys.executable, "-m", "briefing", "analyze", "--corpus", *arguments[:1], "--out", arguments[1]]
    again = subprocess.run([*command, "--quiet"], env=environment, capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert again.returncode == 0 and "1 unfinished writes of killed runs removed" in again.stdout, again.stdout
    assert not list((tmp_path / "cache").rglob("*.tmp"))


DAMAGES = ("swapped", "cut short", "random bytes", "another type", "emptied")


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_damage_to_cache_entries_gives_the_tables_of_no_cache_or_a_one_line_error(warm_cache, data):
    """Entries swapped (across sections too), cut short, replaced by random bytes or by a well-formed entry of
    another type, in any number and order: ``analyze`` gives the tables of a run without a cache, or a one-line
    error; never a traceback, never other tables."""
    corpus, reference, warm = warm_cache
    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch) / "cache"
        shutil.copytree(warm, cache)
        every = [path for section in ("code", "articles", "files", "corpus", "charts", "exports")
                 for path in entries(cache, section)]
        for _ in range(data.draw(st.integers(1, 6), label="damaged entries")):
            damage = data.draw(st.sampled_from(DAMAGES), label="damage")
            path = data.draw(st.sampled_from(every), label="entry")
            if damage == "swapped":
                swap(path, data.draw(st.sampled_from(every), label="with"))
            elif damage == "cut short":
                whole = path.read_bytes()
                path.write_bytes(whole[: data.draw(st.integers(0, max(len(whole) - 1, 0)), label="kept")])
            elif damage == "random bytes":
                path.write_bytes(data.draw(st.binary(max_size=300), label="bytes"))
            elif damage == "another type":
                path.write_bytes(entry_of_another_type(path))
            else:
                path.write_bytes(b"")
        out = Path(scratch) / "out"
        with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(io.StringIO()) as err:
            patch.setenv("BRIEFING_CACHE", str(cache))
            with contextlib.redirect_stdout(io.StringIO()):
                status = cli.main(["analyze", "--corpus", str(corpus), "--out", str(out), "--quiet"])
        if status == 0:
            assert exported(out) == exported(reference)
        else:
            assert status == 1 and err.getvalue().startswith("error: ") and err.getvalue().count("\n") == 1
