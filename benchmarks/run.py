"""Benchmarks: ``make bench`` prints one table.

- ``render`` on the seeds against its floor: papermill plus nbconvert on a
  trivial one-cell notebook, measured in the same run.
- ``analyze`` throughput (articles/s, words/s, peak memory) on a generated
  corpus of 1,000 articles, with one and with two worker processes, and the
  whole analysis (one process) against spaCy parsing alone of the same
  sentences, measured in the same run.

Every measurement runs in a fresh process, so start-up cost is included
and peak memory (max RSS) belongs to that run alone.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from briefing.paths import PROJECT_ROOT, SEEDS_DIR
from briefing.pipeline import analyze

FLOOR_SCRIPT = """
import sys, nbformat, papermill
from nbconvert import HTMLExporter
notebook, executed, html = sys.argv[1:4]
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbformat.write(nb, notebook)
papermill.execute_notebook(notebook, executed, kernel_name="python3", progress_bar=False,
                           extra_arguments=["--IPKernelApp.log_level=ERROR"])
body, _ = HTMLExporter(exclude_input=True).from_filename(executed)
open(html, "w").write(body)
"""
# spaCy parsing alone, in a fresh process: the sentences the analysis parses, timed from model load to last parse.
PARSE_SCRIPT = """
import sys, time
from briefing.corpus import load_corpus
from briefing.nlp import load_model, texts_to_parse
from briefing.segment import build_paragraphs, split_sentences
from briefing.sources import needs_parse
articles = [
    (d.source_text, split_sentences(d.source_text, build_paragraphs(d.source_text, d.kept_lines)))
    for d in load_corpus(sys.argv[1]).documents
]
nlp = load_model()
texts, _ = texts_to_parse(articles, needs_parse, nlp.max_length)
start = time.perf_counter()
for _ in nlp.pipe(texts):
    pass
print(time.perf_counter() - start, len(texts), sum(len(sentences) for _, sentences in articles))
"""
CHROME = ["Leave a Reply", "Share this article", "Sign up for our newsletter", "Advertisement"]


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of ``command`` in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def generate_corpus(folder: Path, articles: int, seed: int = 0) -> None:
    """Write ``articles`` synthetic articles built from seed sentences.

    Paragraphs are random runs of seed sentences with numbers varied, so
    lines rarely repeat across articles; each article carries web chrome and
    a repeated title, and one in fifty is a syndicated copy of another.
    """
    sentences = analyze(SEEDS_DIR).sentences["text"].tolist()
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    texts = []
    for number in range(articles):
        if number and number % 50 == 0:
            text = texts[rng.randrange(len(texts))]
        else:
            title = f"Report {number}: " + " ".join(rng.choice(sentences).split()[:8]).rstrip(".,")
            paragraphs = [
                " ".join(rng.choice(sentences).replace("2022", str(2000 + rng.randrange(25))) for _ in range(3))
                for _ in range(rng.randint(6, 14))
            ]
            text = "\n\n".join([title, title, *paragraphs, rng.choice(CHROME), "Leave a Reply"]) + "\n\n\n"
        texts.append(text)
        (folder / f"article_{number:04d}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each render measurement")
    args = parser.parse_args()
    python = sys.executable
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
        scratch = Path(scratch)
        floor = [
            measure(
                [python, "-c", FLOOR_SCRIPT, *(str(scratch / f"floor.{ext}") for ext in ("ipynb", "out.ipynb", "html"))]
            )
            for _ in range(args.repeats)
        ]
        render = [
            measure(
                [
                    python,
                    "-m",
                    "briefing",
                    "render",
                    "--corpus",
                    str(SEEDS_DIR),
                    "--out",
                    str(scratch / "render" / "briefing.html"),
                    "--quiet",
                ]
            )
            for _ in range(args.repeats)
        ]
        floor_s = statistics.median(t for t, _ in floor)
        render_s = statistics.median(t for t, _ in render)
        rows.append(
            (
                "floor: papermill + nbconvert, 1-cell notebook",
                f"{floor_s:.2f} s",
                "",
                "",
                f"{max(m for _, m in floor):.0f} MiB",
                "",
            )
        )
        rows.append(
            (
                "render: seeds (5 articles)",
                f"{render_s:.2f} s",
                "",
                "",
                f"{max(m for _, m in render):.0f} MiB",
                f"{render_s / floor_s:.2f}x floor",
            )
        )

        corpus = scratch / "generated"
        generate_corpus(corpus, args.articles)
        parsed = subprocess.run(
            [python, "-c", PARSE_SCRIPT, str(corpus)], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        )
        parse_s, parsed_sentences, all_sentences = parsed.stdout.split()
        parse_s = float(parse_s)
        rows.append(
            (
                "spaCy parsing alone, the same sentences",
                f"{parse_s:.1f} s",
                "",
                "",
                "",
                f"{int(parsed_sentences):,} of {int(all_sentences):,} sentences need a parse",
            )
        )
        for jobs in (1, 2):
            out = scratch / f"analyze-{jobs}"
            seconds, peak = measure(
                [
                    python,
                    "-m",
                    "briefing",
                    "analyze",
                    "--corpus",
                    str(corpus),
                    "--out",
                    str(out),
                    "--jobs",
                    str(jobs),
                    "--quiet",
                ]
            )
            articles = pd.read_csv(out / "articles.csv")
            words = int(articles["words"].sum())
            rows.append(
                (
                    f"analyze: {len(articles):,} generated articles, --jobs {jobs}",
                    f"{seconds:.1f} s",
                    f"{len(articles) / seconds:,.0f} articles/s",
                    f"{words / seconds:,.0f} words/s",
                    f"{peak:.0f} MiB",
                    f"{words:,} words" + (f"; {seconds / parse_s:.2f}x parsing alone" if jobs == 1 else ""),
                )
            )

    header = ("benchmark", "wall time", "articles/s", "words/s", "peak memory (main process)", "note")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; render times are medians of "
        f"{args.repeats} runs"
    )
    for i, row in enumerate([header, *rows]):
        print("| " + " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")


if __name__ == "__main__":
    main()
