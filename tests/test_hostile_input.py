"""Every bad input and fault a careful user tried, in one table each, with what must happen to it.

A bad file becomes a warning kept in the tables or a problem row, never a silent change; a bad command becomes
one line, ``error: '<file>': <problem>``, and a non-zero exit; a failed run replaces nothing. The rows are the cases
of issue 12 and of issue 28 (a cache that cannot run code or lie, no command that deletes or replaces what is not its
own, inputs that cannot hang or blow up a run), each checked to fail on the code before its fix; the browser checks
of a hostile corpus are in ``test_browser.py``, arbitrary input in ``test_properties.py`` and, for damaged caches,
here.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from conftest import FIXTURES, seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import cli, outputs, report
from briefing.codebook import cue_regex, load_codebook
from briefing.corpus.discovery import discover
from briefing.corpus.loading import LoadOptions, load_corpus
from briefing.errors import RenderError
from briefing.language.segment import MAX_SENTENCE_CHARS, WHOLE_SENTENCE_ROWS
from briefing.paths import DEFAULT_CODEBOOK, PROJECT_ROOT
from briefing.publish import artifacts, markup
from briefing.publish.render import render
from briefing.run.settings import RunSettings
from briefing.tables.assembly import analyze

STORY = seed_text("003")  # a real article: the bad parts are added to it
_, BODY = STORY.split("\n", 1)
TITLE = STORY.strip().split("\n", 1)[0]  # the headline (the seed opens with a blank line, an empty "title")
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
        {"story.md": "---\ntitle: One\noutlet: X\ntitle: Two\n---\n" + STORY},  # the key twice inside the block
        ("articles", "title"),
        TITLE,
    ),
    "a file name that is not UTF-8 is read, shown with U+FFFD and warned about": (
        {os.fsdecode(b"caf\xe9.txt"): STORY},
        ("articles", "warnings"),
        "file name is not valid UTF-8; shown with U+FFFD",
    ),
    "a manifest date 'today' is refused, not made the run's own date": (
        {"story.txt": STORY, "manifest.csv": "file,date\nstory.txt,today\n"},
        ("problems", "problem"),
        "manifest.csv line 2: date 'today' is not a date (write it as YYYY-MM-DD); left unknown",
    ),
    "a manifest date 'now' is refused, not made the run's own date": (
        {"story.txt": STORY, "manifest.csv": "file,date\nstory.txt,now\n"},
        ("problems", "problem"),
        "manifest.csv line 2: date 'now' is not a date",
    ),
    "a front-matter date 'today' is refused with a warning": (
        {"story.md": front(date="today") + STORY},
        ("articles", "warnings"),
        "date 'today' is not a date (write it as YYYY-MM-DD); left unknown",
    ),
    "a manifest date without a year takes none": (
        {"story.txt": STORY, "manifest.csv": "file,date\nstory.txt,May 20\n"},
        ("problems", "problem"),
        "manifest.csv line 2: date 'May 20' has no year (write it as YYYY-MM-DD); left unknown",
    ),
    "a front-matter date without a year takes none": (
        {"story.md": front(date="May 20") + STORY},
        ("articles", "warnings"),
        "date 'May 20' has no year",
    ),
    "a front-matter date with a two-digit year is not given a century": (
        {"story.md": front(date="05/20/25") + STORY},
        ("articles", "warnings"),
        "date '05/20/25' has no four-digit year",
    ),
    "a manifest row '../s6.txt' is outside the corpus, said so": (
        {"s6.txt": STORY, "manifest.csv": "file,title\n../s6.txt,The title of another corpus's story\n"},
        ("problems", "problem"),
        "manifest.csv line 2: '../s6.txt' goes up a folder ('..'), outside the corpus folder; row ignored",
    ),
    "a manifest row '../s6.txt' does not give the corpus's s6.txt its title": (
        {"s6.txt": STORY, "manifest.csv": "file,title\n../s6.txt,The title of another corpus's story\n"},
        ("articles", "title"),
        TITLE,
    ),
    "a manifest row '/etc/passwd' is an absolute path, not 'listed again'": (
        {"etc/passwd.txt": STORY, "manifest.csv": "file,title\netc/passwd.txt,Listed\n/etc/passwd.txt,Again\n"},
        ("problems", "problem"),
        "manifest.csv line 3: '/etc/passwd.txt' is an absolute path, outside the corpus folder; row ignored",
    ),
    "a manifest row with a drive letter is outside the corpus": (
        {"s6.txt": STORY, "manifest.csv": "file,title\nC:\\news\\s6.txt,Elsewhere\n"},
        ("problems", "problem"),
        "manifest.csv line 2: 'C:\\news\\s6.txt' names a drive, outside the corpus folder; row ignored",
    ),
    "a manifest problem names its line, counting the line breaks inside a quoted title": (
        {"s.txt": STORY, "a.txt": STORY, "manifest.csv": 'file,title,date\na.txt,"Two\nlines",\ns.txt,,9 May\n'},
        ("problems", "problem"),
        "manifest.csv line 4: date '9 May' has no year",
    ),
    "a manifest row '.' names the corpus folder, not a file": (
        {"story.txt": STORY, "manifest.csv": "file,title\n./,Folder\n"},
        ("problems", "problem"),
        "manifest.csv line 2: './' names the corpus folder itself, not a file; row ignored",
    ),
    "manifest values beyond the header's columns are listed, not dropped unseen": (
        {"story.txt": STORY, "manifest.csv": "file,title\nstory.txt,Title,Daily News,2025-05-20\n"},
        ("problems", "problem"),
        "manifest.csv line 2: 2 values beyond the header's columns ignored",
    ),
    "a manifest row's leading './' still names the corpus's file": (
        {"s6.txt": STORY, "manifest.csv": "file,title\n./s6.txt,The title the manifest gives\n"},
        ("articles", "title"),
        "The title the manifest gives",
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


@contextmanager
def deadline(seconds: float):
    """Fail, rather than hang, a block still running after ``seconds`` (a blocking open is interrupted too)."""

    def expire(*_):
        raise TimeoutError(f"still running after {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


ELSEWHERE = seed_text("001")  # a real article outside the corpus folder, which must be read nowhere


def unix_socket(path: Path) -> None:
    """A Unix socket's file at ``path`` (bound from its folder, as socket paths are short; it outlives the socket)."""
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(path.name)
    finally:
        os.chdir(cwd)


# name: (what to add to a corpus of story.txt, given its folder and a folder outside it holding elsewhere.txt;
# the table, the file and what its row must say)
ENTRY_CASES = {
    "a named pipe named like an article is listed, never opened (it would block forever)": (
        lambda root, outside: os.mkfifo(root / "pipe.txt"),
        ("problems", "pipe.txt", "named pipe (FIFO), not a regular file, skipped"),
    ),
    "a socket named like an article is listed as one": (
        lambda root, outside: unix_socket(root / "talk.txt"),
        ("problems", "talk.txt", "socket, not a regular file, skipped"),
    ),
    "a link to a file outside the corpus is refused and listed": (
        lambda root, outside: (root / "linked.txt").symlink_to(outside / "elsewhere.txt"),
        ("problems", "linked.txt", "symbolic link to a file outside the corpus folder, not read"),
    ),
    "a link out of the corpus through a subfolder's '..' is refused": (
        lambda root, outside: (root / "sub").mkdir() or (root / "sub/up.txt").symlink_to("../../outside/elsewhere.txt"),
        ("problems", "sub/up.txt", "symbolic link to a file outside the corpus folder, not read"),
    ),
    "a link to a folder is listed as not followed": (
        lambda root, outside: (root / "more").symlink_to(outside, target_is_directory=True),
        ("problems", "more", "symbolic link to a folder, not followed: the files under it are not read"),
    ),
    "a broken link is listed as one": (
        lambda root, outside: (root / "gone.txt").symlink_to(root / "missing.txt"),
        ("problems", "gone.txt", "symbolic link to nothing (what it names is missing), skipped"),
    ),
    "a loop of links is listed as one": (
        lambda root, outside: (root / "a.txt").symlink_to("b.txt") or (root / "b.txt").symlink_to("a.txt"),
        ("problems", "a.txt", "symbolic link in a loop (it leads back to itself), skipped"),
    ),
    "a link to a named pipe inside the corpus is listed, never opened": (
        lambda root, outside: os.mkfifo(root / ".pipe") or (root / "piped.txt").symlink_to(".pipe"),
        ("problems", "piped.txt", "symbolic link to a named pipe (FIFO), not a regular file, skipped"),
    ),
    "a manifest linked from outside the corpus is not read": (
        lambda root, outside: (root / "manifest.csv").symlink_to(outside / "manifest.csv"),
        ("problems", "manifest.csv", "symbolic link to a file outside the corpus folder, not read; its metadata"),
    ),
    "a manifest that is a named pipe is listed, never opened": (
        lambda root, outside: os.mkfifo(root / "manifest.csv"),
        ("problems", "manifest.csv", "named pipe (FIFO), not a regular file, skipped; its metadata not used"),
    ),
    "a link to a file inside the corpus is read, as an article of its own name": (
        lambda root, outside: (root / "copy.txt").symlink_to("story.txt"),
        ("articles", "copy.txt", TITLE),
    ),
}


@pytest.fixture
def corpus_and_outside(make_corpus, tmp_path):
    """A corpus of one story, and beside it a folder with another article and a manifest that titles the story."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "elsewhere.txt").write_text(ELSEWHERE, encoding="utf-8")
    (outside / "manifest.csv").write_text("file,title\nstory.txt,A title from outside\n", encoding="utf-8")
    return make_corpus({"story.txt": STORY}), outside


def assert_row(loaded, expected: tuple[str, str, str]) -> None:
    """The row of the ``loaded`` corpus's table for the file says what it must; nothing from outside is in it."""
    table, name, text = expected
    key, said = {"problems": ("file", "problem"), "articles": ("path", "title")}[table]
    rows = getattr(loaded, table)
    assert any(text in str(value) for value in rows.loc[rows[key] == name, said]), rows[[key, said]].values.tolist()
    assert "A title from outside" not in loaded.articles["title"].tolist()
    assert not [doc for doc in loaded.documents if ELSEWHERE.split("\n", 1)[0] in doc.source_text]


@pytest.mark.parametrize("case", ENTRY_CASES)
def test_only_regular_files_inside_the_corpus_are_read_the_rest_listed(case, corpus_and_outside):
    root, outside = corpus_and_outside
    add, expected = ENTRY_CASES[case]
    add(root, outside)
    with deadline(20):
        assert_row(load_corpus(root, LoadOptions()), expected)


def swap_for_pipe(path: Path, outside: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def swap_for_link(path: Path, outside: Path) -> None:
    path.unlink()
    path.symlink_to(outside / "elsewhere.txt")


# name: (what is put in place of other.txt between listing the corpus and reading it; what its row must say)
SWAP_CASES = {
    "a file swapped for a named pipe after the corpus was listed is not opened": (
        swap_for_pipe,
        ("problems", "other.txt", "named pipe (FIFO), not a regular file, skipped"),
    ),
    "a file swapped for a link out of the corpus after it was listed is not followed": (
        swap_for_link,
        ("problems", "other.txt", "symbolic link put in the place of the file while the corpus was read, skipped"),
    ),
}


@pytest.mark.parametrize("case", SWAP_CASES)
def test_a_file_swapped_after_the_corpus_was_listed_cannot_hang_the_run_nor_lead_out(
    case, corpus_and_outside, monkeypatch
):
    root, outside = corpus_and_outside
    (root / "other.txt").write_text(seed_text("002"), encoding="utf-8")
    swap, expected = SWAP_CASES[case]
    listed = discover

    def list_then_swap(folder):  # the swap is staged where a race would put it
        found = listed(folder)
        swap(root / "other.txt", outside)
        return found

    monkeypatch.setattr("briefing.corpus.loading.discover", list_then_swap)
    with deadline(20):
        assert_row(load_corpus(root, LoadOptions()), expected)


SEEDS = [seed_text(f"00{number}") for number in range(5)]  # five real articles, each given a date below

# name: (the manifest's dates of five real articles; the ones that must be listed as far off, by article number)
DATE_SPREAD_CASES = {
    "one date in 9999 beside 2025 dates is listed and kept off the axis": (
        ["2025-05-01", "2025-05-20", "2025-06-02", "2025-06-03", "9999-12-31"],
        {4: "date 9999-12-31 (from manifest.csv) is 7,975 years from the median date of the corpus's articles"},
    ),
    "dates in year 1 and 9999 beside 2025 dates are listed and kept off the axis": (
        ["0001-01-01", "2025-05-20", "2025-06-02", "2025-06-03", "9999-12-31"],
        {0: "date 0001-01-01 (from manifest.csv) is 2,024 years", 4: "date 9999-12-31 (from manifest.csv)"},
    ),
    "dates spread from year 1 to 9999 make an axis of millennia at most": (
        ["0001-01-01", "2500-01-01", "5000-06-15", "7500-01-01", "9999-12-31"],
        {},
    ),
    "an archive spread over ten years (../shared/pool/war-2022) is not listed": (
        ["2013-07-30", "2019-03-01", "2021-07-01", "2022-03-01", "2022-12-30"],
        {},
    ),
}


@pytest.mark.parametrize("case", DATE_SPREAD_CASES)
def test_far_off_dates_are_listed_and_the_volume_axis_stays_small(case, make_corpus):
    from briefing.report import coverage_by_date
    from briefing.tables.assembly import analyze

    dates, far = DATE_SPREAD_CASES[case]
    analysis = analyze(dated_seeds(make_corpus, dates))
    listed = {file: problem for file, problem in analysis.problems.values if "from the median date" in problem}
    assert sorted(listed) == [f"s{n}.txt" for n in far] and all(far[n] in listed[f"s{n}.txt"] for n in far), listed
    assert analysis.articles["published"].tolist() == [dates[n] for n in range(5)]  # kept as stated
    volume, unit = coverage_by_date(analysis)
    assert len(volume) <= 120 + 2 and volume["Articles"].sum() == 5, (unit, len(volume))  # 120 periods at most
    assert volume.iloc[:, 0].str.startswith(("before ", "after ")).sum() == len(far)


def dated_seeds(make_corpus, dates: list[str]) -> Path:
    """A corpus of the five seed articles, dated by its manifest."""
    manifest = "file,date\n" + "".join(f"s{n}.txt,{date}\n" for n, date in enumerate(dates))
    return make_corpus({"manifest.csv": manifest} | {f"s{n}.txt": text for n, text in enumerate(SEEDS)})


@pytest.mark.slow
def test_every_chart_draws_with_publication_dates_in_year_1_and_9999(make_corpus):
    from briefing.codebook import load_codebook
    from briefing.publish.figures import each_chart
    from briefing.run.settings import RunSettings
    from briefing.tables.assembly import analyze

    dates = ["2025-05-01", "2025-05-20", "2025-06-02", "9999-12-31", "0001-01-01"]  # "in November" of 0001-01-01
    analysis = analyze(dated_seeds(make_corpus, dates), RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK)))
    charts = each_chart(analysis, 10)
    assert all(chart.png.startswith(b"\x89PNG") for chart in charts.values()) and "timeline_chart" in charts
    assert "0000" not in " ".join(analysis.timeline["date"].dropna())  # the year before 1 is no year


GOLD = FIXTURES / "brat"
GOLD_ANN = (GOLD / "attributions" / "story_ab12.ann").read_text(encoding="utf-8")

# name: (a line of the fixture's gold annotations and what replaces it; the error naming the .ann file's line)
GOLD_CASES = {
    "a span that ends past the text": (
        ("T9\tContent 147 159\tturnout fell", "T9\tContent 147 9000\tturnout fell"),
        "story_ab12.ann' line 11: span 147 9000 ends past the text's end (161 characters)",
    ),
    "a span whose start is after its end": (
        ("T6\tContent 94 119", "T6\tContent 119 94"),
        "story_ab12.ann' line 7: span 119 94 is empty or reversed (its start must be before its end)",
    ),
    "a span whose quoted text is not the text at its offsets": (
        ("T4\tSource 79 88", "T4\tSource 80 89"),
        "story_ab12.ann' line 5: T4 quotes 'Officials' but the text at 80 89 is 'fficials '",
    ),
    "an event naming a span the file does not define": (
        ("Content:T6", "Content:T66"),
        "story_ab12.ann' line 8: refers to T66, which the file does not define",
    ),
    "an event whose content is an event, not a text span": (
        ("Content:T9", "Content:E1"),
        "story_ab12.ann' line 12: the Content E1 is not a text span",
    ),
    "an event role without an id": (
        ("Content:T9", "Content:"),
        "story_ab12.ann' line 12: not brat standoff ('Content:' is not role:id)",
    ),
    "a relation naming an id the file does not define": (
        ("E3\t", "R1\tSame Arg1:T4 Arg2:T99\nE3\t"),
        "story_ab12.ann' line 12: refers to T99, which the file does not define",
    ),
    "annotations that are not UTF-8": (
        ("T1\tSource 51 59\tMs. Wahl", "T1\tSource 51 59\tMs. Wahl\udcff"),  # written as the byte 0xff
        "story_ab12.ann': not UTF-8 text (invalid byte at 24)",
    ),
    "an id defined twice": (
        ("T7\t", "T4\tSource 79 88\tOfficials\nT7\t"),
        "story_ab12.ann' line 9: T4 is defined twice",
    ),
}


@pytest.mark.parametrize("case", GOLD_CASES)
def test_invalid_gold_annotations_are_one_line_errors_naming_the_line(case, tmp_path, capsys):
    (old, new), expected = GOLD_CASES[case]
    assert old in GOLD_ANN
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "story.txt").write_bytes((GOLD / "text" / "story.txt").read_bytes())
    ann = GOLD_ANN.replace(old, new, 1)
    (tmp_path / "attributions" / "story_ab12.ann").write_text(ann, encoding="utf-8", errors="surrogateescape")
    status, err = run(["evaluate", "attribution", "--gold", str(tmp_path)], capsys)
    assert status == 1 and err.startswith("error: ") and err.count("\n") == 1 and expected in err, err


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
    "a manifest with a quote left open": (
        lambda c, t: manifest_of(c, 'file,title\nstory.txt,"An open quote\n') + analyze_args(c, t),
        "manifest.csv' line 2: not valid CSV (unexpected end of data)",
    ),
    "a manifest with its file column twice": (
        lambda c, t: manifest_of(c, "file,title,file\nstory.txt,A title,other.txt\n") + analyze_args(c, t),
        "manifest.csv': the column 'file' appears twice; which one to use is not clear",
    ),
    "a title that is not UTF-8": (
        render_args("--title", os.fsdecode(b"bad\xff")),
        "--title: not valid UTF-8 text",
    ),
    "suggestions written over what is not a file (a pipe, as /dev/null is a device)": (
        lambda c, t: ["codebook", "suggest", "--corpus", str(c), "--out", str(pipe(t)), "--quiet"],
        "pipe.csv': exists and is not a regular file",
    ),
    "a starter codebook written over what is not a file (a pipe)": (
        lambda c, t: ["codebook", "suggest", "--corpus", str(c), "--write", str(pipe(t)), "--quiet"],
        "pipe.csv': exists and is not a regular file",
    ),
    "a starter codebook written over a file without --force": (
        lambda c, t: ["codebook", "suggest", "--corpus", str(c), "--write", str(existing(t, "mine.yaml"))],
        "mine.yaml: exists; add --force to replace it, or choose another file",
    ),
    "a briefing written through a symbolic link": (
        lambda c, t: ["render", "--corpus", str(c), "--out", str(link(t, "b.html", t / "elsewhere.html")), "--quiet"],
        "b.html': is a symbolic link; give the path of a file",
    ),
    "an export written through a symbolic link to an export folder": (
        lambda c, t: [*analyze_args(c, t)[:-1], str(link(t, "x", export_folder(t))), "--quiet"],
        "x': is a symbolic link; give the path of a folder",
    ),
    "a Dask scheduler where nothing listens fails at once, naming it": (
        lambda c, t: analyze_args(c, t, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--quiet"),
        "tcp://127.0.0.1:1: nothing listens at 127.0.0.1:1 (Connection refused)",
    ),
    "an alias that is only a wildcard (matched every sentence)": (
        with_cue("alias", "*"),
        "bad.yaml': actors[0] (id 'eastland'): alias '*' has no literal word, so it would match any text",
    ),
    "an issue cue that is only a gap": (
        with_cue("issue cue", "…"),
        "bad.yaml': issues[0] (id 'talks'): cue '…' has no literal word",
    ),
    "a frame cue of wildcards and a gap": (
        with_cue("frame cue", "* … *"),
        "bad.yaml': frames[0] (id 'deadlock'): cue '* … *' has no literal word",
    ),
    "a theme cue of a one-letter wildcard (a tenth of all words)": (
        with_cue("theme cue", "a*"),
        "bad.yaml': themes[0] (id 'war'): cue 'a*' is too broad: a cue of wildcards alone needs 3 letters before",
    ),
    "a loaded phrase of punctuation": (
        with_cue("loaded phrase", "..."),
        "bad.yaml': loaded_wording.East: phrase '...' has no literal word",
    ),
    "a demonym that is a wildcard": (
        with_cue("demonym", "*"),
        "bad.yaml': actors[0] (id 'eastland'): demonym '*' has no literal word",
    ),
    "a position cue of wildcards": (
        with_cue("position cue", "* *"),
        "bad.yaml': positions.support: cue '* *' has no literal word",
    ),
    "a cue of a thousand gaps (overflowed the stack)": (
        with_cue("frame cue", " … ".join(["talks"] * 1001)),
        "bad.yaml': frames[0] (id 'deadlock'): cue 'talks … talks … talks … talks … talks … talks … talks … talk…' "
        "has 1,000 gaps (… or ...), more than the 12 a cue may have",
    ),
    "a refused alias written over two lines is shown on one": (
        with_cue("alias", "*\n*"),
        "bad.yaml': actors[0] (id 'eastland'): alias '* *' has no literal word",
    ),
    "an alias of a hundred words": (
        with_cue("alias", " ".join(["East"] * 100)),
        "bad.yaml': actors[0] (id 'eastland'): alias 'East East East East East East East East East East East East "
        "…' has 100 words, more than the 24 a cue may have",
    ),
}


def pipe(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.csv")
    return tmp / "pipe.csv"


def existing(tmp: Path, name: str) -> Path:
    (tmp / name).write_text("name: my own codebook\n", encoding="utf-8")
    return tmp / name


def link(tmp: Path, name: str, target: Path) -> Path:
    (tmp / name).symlink_to(target)
    return tmp / name


def export_folder(tmp: Path) -> Path:
    folder = tmp / "an-export"
    folder.mkdir()
    (folder / "README.md").write_text(outputs.EXPORT_MARK + "\n", encoding="utf-8")
    return folder


def manifest_of(corpus: Path, text: str) -> list[str]:
    """Write ``text`` as the corpus's manifest (no arguments of its own)."""
    (corpus / "manifest.csv").write_text(text, encoding="utf-8")
    return []


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
        analysis = analyze(corpus, RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK)))
    holds(analysis, body)


def test_holders_whose_names_differ_in_case_or_script_get_their_own_evidence(make_corpus):
    holders = {"Nato": "rejected", "NATO": "supported", "Зеленський": "rejected", "Шольц": "supported"}
    story = " ".join(f"{name} {verb} new sanctions." for name, verb in holders.items())
    corpus = make_corpus({"a.txt": f"Sanctions\n\n{story}\n"})
    analysis = analyze(corpus, RunSettings(codebook=load_codebook(DEFAULT_CODEBOOK)))
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
    from briefing.run import cache_format

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


def folder_in_place(path: Path) -> None:
    path.unlink()
    path.mkdir()


def link_out(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.parents[3] / "outside")
    (path.parents[3] / "outside").write_bytes(b"a file of the user's")


REPAIRED = "damaged or misplaced entries computed again: "
# name: (what is done to a cache warmed by a run on the same corpus, what the cache line of the run then says)
CACHE_FAULTS = {
    "two article results swapped are not served under each other's article": (
        lambda cache: swap(*entries(cache, "articles")[:2]),
        REPAIRED + "2;",
    ),
    "two files' readings swapped are not served under each other's file": (
        lambda cache: swap(*entries(cache, "files")[:2]),
        REPAIRED + "2;",
    ),
    "an entry that would run code when read runs none": (plant_pickles, REPAIRED + "3;"),
    "an entry of a format the tool cannot read is a miss, not a traceback": (
        lambda cache: [path.write_bytes(b"\x80\x09" + bytes(range(40))) for path in entries(cache, "articles")],
        REPAIRED + "3;",
    ),
    "an entry holding a value of another type is a miss, not a traceback": (
        lambda cache: [
            path.write_bytes(entry_of_another_type(path))
            for path in [*entries(cache, "articles"), *entries(cache, "files")]
        ],
        REPAIRED + "6;",
    ),
    "an entry that is a folder is computed, and the run goes on without storing it": (
        lambda cache: folder_in_place(entries(cache, "articles")[0]),
        "values not cached, the cache could not be written: 1;",
    ),
    "an entry that links out of the cache is not read, and the link is replaced, not its target": (
        lambda cache: link_out(entries(cache, "articles")[0]),
        REPAIRED + "1;",
    ),
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
    damage, said = CACHE_FAULTS[case]
    damage(cache)
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    status = cli.main(["analyze", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--quiet"])
    captured = capsys.readouterr()
    assert status == 0 and "Traceback" not in captured.err, captured.err
    assert exported(tmp_path / "out") == exported(reference)
    assert not (tmp_path / "code-ran").exists()
    assert captured.err.count("cache entry") <= 1  # logged once, then counted
    assert said in captured.out
    if (tmp_path / "outside").exists():
        assert (tmp_path / "outside").read_bytes() == b"a file of the user's"


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
    corpus, reference, warm = warm_cache
    cache = tmp_path / "cache"
    shutil.copytree(warm, cache)
    commit, stat, lstat = artifacts.charts_and_export, os.stat, os.lstat

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

    monkeypatch.setattr(artifacts, "charts_and_export", then_entries_vanish)
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    status, err = run(analyze_args(corpus, tmp_path, "--quiet"), capsys)
    assert status == 0 and err == ""
    assert exported(tmp_path / "x") == exported(reference)


def test_a_system_error_naming_no_file_is_one_line_without_an_empty_name(make_corpus, tmp_path, monkeypatch, capsys):
    def timed_out(*args, **kwargs):  # as a cluster's connection that times out: an OSError naming no file
        raise TimeoutError(110, "Connection timed out")

    monkeypatch.setattr(artifacts, "analyze", timed_out)
    status, err = run(analyze_args(make_corpus({"story.txt": STORY}), tmp_path, "--quiet"), capsys)
    assert status == 1 and err == "error: Connection timed out; nothing was replaced\n"


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
    assert again.returncode == 0 and "unfinished writes of killed runs removed: 1;" in again.stdout, again.stdout
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
        every = [
            path
            for section in ("code", "articles", "files", "corpus", "charts", "exports")
            for path in entries(cache, section)
        ]
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
