"""Benchmarks: ``make bench`` prints one table.

- ``render`` on the seeds against its floor: papermill plus nbconvert on a
  trivial one-cell notebook, measured in the same run.
- ``analyze`` throughput (articles/s, words/s, peak memory) on a generated
  corpus of 1,000 articles, with one and with two worker processes, and the
  whole analysis (one process) against spaCy alone in the same run: the full
  pipeline over every sentence of the same text, and the linguistic layer as
  the analysis builds it (what the analysis adds beyond parsing).

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
# spaCy alone, in a fresh process, timed from model load to last parse: (1) the full pipeline over every sentence of
# the corpus, as a tool that parses all its text would; (2) the linguistic layer as the analysis builds it (the
# sentences that can hold an attribution, entity recognition where a name is an unknown speaker).
PARSE_SCRIPT = """
import sys, time
from briefing.codebook import load_codebook
from briefing.corpus import load_corpus
from briefing.nlp import load_model, texts_to_parse
from briefing.paths import DEFAULT_CODEBOOK
from briefing.pipeline import BATCH, article_layers
from briefing.segment import build_paragraphs, split_sentences
articles = [
    (d.source_text, split_sentences(d.source_text, build_paragraphs(d.source_text, d.kept_lines)))
    for d in load_corpus(sys.argv[1]).documents
]
codebook = load_codebook(DEFAULT_CODEBOOK)
start = time.perf_counter()
nlp = load_model()
texts, _ = texts_to_parse(articles, lambda text: True, nlp.max_length)
for _ in nlp.pipe(texts):
    pass
everything = time.perf_counter() - start
start = time.perf_counter()
layers = [layer for i in range(0, len(articles), BATCH) for layer in article_layers(articles[i : i + BATCH], codebook)]
layer = time.perf_counter() - start
parsed = sum(item.doc is not None for layer_ in layers for item in layer_)
entities = sum(item.has_entities for layer_ in layers for item in layer_)
print(everything, layer, len(texts), parsed, entities)
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
        everything_s, layer_s, all_sentences, parsed_sentences, recognized = parsed.stdout.split()
        everything_s, layer_s = float(everything_s), float(layer_s)
        rows.append(
            (
                "spaCy alone: full pipeline, every sentence, 1 process",
                f"{everything_s:.1f} s",
                "",
                "",
                "",
                f"{int(all_sentences):,} sentences",
            )
        )
        rows.append(
            (
                "spaCy alone: the layer as analysed, 1 process",
                f"{layer_s:.1f} s",
                "",
                "",
                "",
                f"{int(parsed_sentences):,} parsed, entities on {int(recognized):,}",
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
                    f"{words:,} words"
                    + (
                        f"; {seconds / everything_s:.2f}x spaCy on every sentence, {seconds / layer_s:.2f}x the layer"
                        if jobs == 1
                        else ""
                    ),
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
