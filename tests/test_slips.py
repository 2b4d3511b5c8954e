"""The slips a new user made on another topic (issue 31), one row each: what the command line says, with the fix.

Each slip once passed without a word: a codebook key misspelled was read as a key left out, a manifest without
extensions lost every outlet and date, a run without ``--codebook`` briefed a US campaign with the Ukraine
codebook, and a path with a trailing space was "not found" with the space invisible. Each row runs the command
line as a user does and asserts the message's words, the fix included.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

from briefing.cli import main
from briefing.paths import CODEBOOKS_DIR, PROJECT_ROOT

US_CODEBOOK = CODEBOOKS_DIR / "us-campaign-2016.yaml"
# A small corpus on US politics, written for this test: the slips were made on the 2016 campaign.
US_ARTICLES = {
    "iowa.txt": "Cruz courts evangelical voters in Iowa\n\n"
    "Ted Cruz told supporters in Des Moines on Saturday that he would repeal Obamacare on his first day in office. "
    '"Iowa will choose a conservative," Cruz said. Donald Trump mocked the Texas senator at a rally in Sioux City '
    "and promised again to build a wall on the southern border. Marco Rubio spent the day in Ames, where he spoke "
    "about the national debt.\n",
    "hampshire.txt": "Clinton and Sanders trade blows before the primary\n\n"
    "Hillary Clinton said on Sunday that she would raise the minimum wage and defend Planned Parenthood. Bernie "
    "Sanders told a crowd in Concord that Wall Street banks must be broken up. The two Democrats meet again on "
    "Thursday, and Sanders said he expects to win the New Hampshire primary by a wide margin.\n",
    "debate.txt": "Republicans spar over immigration in the debate\n\n"
    "Jeb Bush accused Trump of insulting Hispanic voters. Trump said he would deport millions of undocumented "
    "immigrants, and Cruz said he opposed any path to citizenship. John Kasich argued that the party cannot win "
    "the White House without the votes of Latinos. Chris Christie said the next president must protect the Second "
    "Amendment.\n",
}


class Slip(NamedTuple):
    """A slip: the corpus's files (and a manifest), how the command is given, and what it must say."""

    files: dict[str, str]
    args: Callable[[Path, Path], list[str]]  # (corpus, folder of the test) -> the command's arguments
    status: int
    stream: str  # "out" or "err"
    message: str  # a fragment of one line of that stream, the fix included


def analyze(*extra: str) -> Callable[[Path, Path], list[str]]:
    return lambda corpus, folder: ["analyze", "--corpus", str(corpus), "--out", str(folder / "out"), *extra]


def edited_codebook(edit: Callable[[str], str]) -> Callable[[Path, Path], list[str]]:
    """``analyze`` with the US campaign codebook as ``edit`` makes it."""

    def args(corpus: Path, folder: Path) -> list[str]:
        path = folder / "us-campaign.yaml"
        path.write_text(edit(US_CODEBOOK.read_text(encoding="utf-8")), encoding="utf-8")
        return analyze("--codebook", str(path))(corpus, folder)

    return args


def first_issue_cues_misspelled(text: str) -> str:
    at = text.index("\nissues:")
    return text[:at] + text[at:].replace("\n    cues:", "\n    cue:", 1)


MANIFEST = "file,outlet,date\n"
SLIPS = {
    "a codebook with alias: for aliases": Slip(
        US_ARTICLES,
        edited_codebook(lambda t: t.replace("    aliases:", "    alias:", 1)),
        1,
        "err",
        "us-campaign.yaml': actors[0] (id 'trump'): unknown key 'alias': did you mean 'aliases'?",
    ),
    "a codebook with theme: for themes": Slip(
        US_ARTICLES,
        edited_codebook(lambda t: t.replace("\nthemes:", "\ntheme:", 1)),
        1,
        "err",
        "us-campaign.yaml': top level: unknown key 'theme': did you mean 'themes'?",
    ),
    "an unknown key inside an issue": Slip(
        US_ARTICLES,
        edited_codebook(first_issue_cues_misspelled),
        1,
        "err",
        "us-campaign.yaml': issues[0] (id 'border_wall'): unknown key 'cue': did you mean 'cues'?",
    ),
    "a manifest whose file names lack .txt": Slip(
        {
            **US_ARTICLES,
            "manifest.csv": MANIFEST + "iowa,Des Moines Daily,2016-01-30\nhampshire,Concord News,2016-02-07\n"
            "debate,Debate Wire,2016-01-15\n",
        },
        analyze("--codebook", str(US_CODEBOOK)),
        1,
        "err",
        "manifest.csv': none of its 3 rows matches a file; matching by file stem ('debate' -> 'debate.txt') would "
        "match 3: add the extension in the manifest's `file` column",
    ),
    "a manifest with a few rows that match no file": Slip(
        {
            **US_ARTICLES,
            "manifest.csv": MANIFEST + "iowa.txt,Des Moines Daily,2016-01-30\nhampshire,Concord News,2016-02-07\n"
            "debate.txt,Debate Wire,2016-01-15\n",
        },
        analyze("--codebook", str(US_CODEBOOK)),
        0,
        "err",
        "warning: manifest.csv: 1 of 3 rows match no file; matching by file stem ('hampshire' -> 'hampshire.txt') "
        "would match 3: add the extension in the manifest's `file` column",
    ),
    "no --codebook": Slip(
        US_ARTICLES,
        analyze(),
        0,
        "out",
        "codebook: codebooks/ukraine-peace-talks.yaml (the default: pass --codebook FILE for another topic)",
    ),
    "no --codebook on render": Slip(
        US_ARTICLES,
        lambda corpus, folder: ["render", "--corpus", str(corpus), "--out", str(folder / "b.pdf")],
        1,
        "out",
        "codebook: codebooks/ukraine-peace-talks.yaml (the default: pass --codebook FILE for another topic)",
    ),
    "a corpus path with a trailing space": Slip(
        US_ARTICLES,
        lambda corpus, folder: analyze("--codebook", str(US_CODEBOOK))(Path(f"{corpus} "), folder),
        1,
        "err",
        "corpus ': corpus folder not found (the path has a space at the end or start of a name; '",
    ),
    "the Ukraine codebook on US politics": Slip(
        US_ARTICLES,
        analyze(),
        0,
        "err",
        "warning: the codebook 'Ukraine peace talks' may not fit this corpus: its actors are named in ",
    ),
}
# what else the coverage warning must say: the floors and the fix
COVERAGE_FIX = re.compile(
    r"and its issues in 0\.0% \(a codebook of the corpus's topic names actors in at least 10% and issues in at "
    r"least 5%\), so the positions and actors shown rest on those few sentences; pass the topic's codebook with "
    r"--codebook FILE, or start one with python -m briefing codebook suggest --corpus DIR --write starter\.yaml; if "
    r"it is the topic's codebook, add the words the articles use to its aliases and cues \(python -m briefing "
    r"codebook suggest --corpus DIR --codebook FILE lists the frequent ones it lacks\)$"
)


@pytest.mark.parametrize("name", SLIPS)
def test_each_slip_gets_a_message_with_its_fix(name, make_corpus, tmp_path, capsys):
    slip = SLIPS[name]
    corpus = make_corpus(slip.files)
    status = main([*slip.args(corpus, tmp_path), "--quiet"])
    captured = capsys.readouterr()
    lines = getattr(captured, slip.stream).splitlines()
    said = [line for line in lines if slip.message in line]
    assert status == slip.status and said, f"{status}\n{captured.out}\n{captured.err}"
    if slip.status:  # an error is one line, after the line that names the codebook
        assert len(captured.err.splitlines()) == 1 and captured.err.startswith("error: '"), captured.err
    if name == "the Ukraine codebook on US politics":
        assert COVERAGE_FIX.search(said[0]), said[0]
    if name == "a manifest with a few rows that match no file":  # the briefing's input problems list the row
        problems = pd.read_csv(tmp_path / "out" / "input_problems.csv")
        assert "lists 'hampshire', which is not an article file in the corpus; row ignored" in set(problems["problem"])
        assert said[0].removeprefix("warning: manifest.csv: ") in set(problems["problem"])


def test_the_codebook_of_the_topic_gives_no_coverage_warning_on_the_same_corpus(make_corpus, tmp_path, capsys):
    corpus = make_corpus(US_ARTICLES)
    assert main(analyze("--codebook", str(US_CODEBOOK), "--quiet")(corpus, tmp_path)) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "codebook: codebooks/us-campaign-2016.yaml"
    assert "may not fit" not in captured.err and captured.err == "", captured.err


@pytest.mark.slow
def test_render_names_the_codebook_at_the_top_and_warns_in_the_trust_summary_and_on_the_command_line(
    make_corpus, tmp_path
):
    corpus = make_corpus(US_ARTICLES)
    out = tmp_path / "b.html"
    command = [sys.executable, "-m", "briefing", "render", "--corpus", str(corpus), "--out", str(out), "--quiet"]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "codebook: codebooks/ukraine-peace-talks.yaml (the default: pass --codebook FILE for another topic)"
    )
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: the codebook")]
    assert len(warnings) == 1 and COVERAGE_FIX.search(warnings[0]), done.stderr
    page = out.read_text(encoding="utf-8")
    header = page[page.index('<header class="briefing-header">') : page.index("</header>")]
    assert "<strong>Codebook:</strong> Ukraine peace talks (codebooks/ukraine-peace-talks.yaml)" in header
    trust = page[page.index('<ul class="trust">') :]
    trust = trust[: trust.index("</ul>")]
    assert "<li>Codebook: The codebook 'Ukraine peace talks' may not fit this corpus" in trust
    assert "--codebook FILE lists the frequent ones it lacks)</li>" in trust
