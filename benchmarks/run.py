"""Benchmarks: ``make bench`` prints one table.

- ``render`` on the seeds against its floor: papermill plus nbconvert on a
  trivial one-cell notebook, measured in the same run; first with nothing
  cached, then re-run with the cache, each re-run after a floor run.
- ``analyze`` throughput (articles/s, words/s, peak memory) on a generated
  corpus of 1,000 articles, with one and with two worker processes (the
  median of ``--repeats`` runs, as the large corpus is compared with it), and the
  whole analysis (one process) against spaCy alone in the same run: the full
  pipeline over every sentence of the same text, and the linguistic layer as
  the analysis builds it (what the analysis adds beyond parsing).
- The same corpus re-run with its cached per-article results, and again with
  ten articles added (the median of ``--repeats`` runs from the same cache), against
  the first run.
- ``analyze --jobs 2`` on the first ``--articles`` real articles of ``../shared/pool/war-2022`` (or
  ``$BRIEFING_POOL``), where it is present, against the generated corpus.
- A large generated corpus (10,000 articles; ``--large 0`` skips it) against
  the 1,000-article run; its whole briefing (``render --jobs 2``, nothing
  cached) against its analysis; and a re-run with ten articles added.

Every measurement runs in a fresh process, so start-up cost is included;
peak memory is that of the whole process tree (workers included), sampled.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from briefing.corpus.subset import copy_first_articles, pool_dir
from briefing.paths import PROJECT_ROOT, SEEDS_DIR
from briefing.run.cache import CACHE_VARIABLE
from briefing.tables.assembly import analyze

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
from briefing.corpus.loading import load_corpus
from briefing.language.parsing import load_model, texts_to_parse
from briefing.paths import DEFAULT_CODEBOOK
from briefing.run.per_article import BATCH, article_layers
from briefing.language.segment import build_paragraphs, split_sentences
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


def measure(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of ``command`` and every process it starts (worker processes included),
    sampled every 0.1 s."""
    import psutil

    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    root, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        with contextlib.suppress(psutil.Error):  # a worker that ends while it is read
            peak = max(peak, sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]))
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, peak / 1_048_576


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


def add_articles(folder: Path, count: int = 10) -> None:
    """``count`` new articles in ``folder``: copies of its first ones, each with a new closing line."""
    for index in range(count):
        text = (folder / f"article_{index:04d}.txt").read_text(encoding="utf-8")
        (folder / f"new_{index:02d}.txt").write_text(text + f"\nA new closing line, number {index}.\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="runs of each render of the seeds, of analyze --jobs 2 of --articles, of each re-run with articles added",
    )
    parser.add_argument("--large", type=int, default=10000, help="size of the large generated corpus (0: none)")
    args = parser.parse_args()
    python = sys.executable
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
        scratch = Path(scratch)
        floor_command = [
            python,
            "-c",
            FLOOR_SCRIPT,
            *(str(scratch / f"floor.{ext}") for ext in ("ipynb", "out.ipynb", "html")),
        ]
        render_command = [
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
        render_cache = {CACHE_VARIABLE: str(scratch / "cache-seeds")}
        # the first render of the seeds finds nothing cached; the next ones reuse it all (as a re-render does), each
        # after a floor run, so that a slower minute of the machine weighs on both alike
        render = [measure(render_command, render_cache)]
        floor = []
        for _ in range(args.repeats):
            floor.append(measure(floor_command))
            render.append(measure(render_command, render_cache))
        floor_s = statistics.median(t for t, _ in floor)
        cold_s, cold_peak = render[0]
        render_s = statistics.median(t for t, _ in render[1:])
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
            ("render: seeds (5 articles), nothing cached", f"{cold_s:.2f} s", "", "", f"{cold_peak:.0f} MiB", "")
        )
        rows.append(
            (
                "render: seeds, re-run with the cache",
                f"{render_s:.2f} s",
                "",
                "",
                f"{max(m for _, m in render[1:]):.0f} MiB",
                f"{render_s / floor_s:.2f}x floor ({cold_s / floor_s:.2f}x with nothing cached)",
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

        def analyze_row(
            label: str, folder: Path, jobs: int, cache: Path, fresh: bool, note: str = "", kind: str = "generated"
        ) -> float:
            out = scratch / f"out-{label.replace(' ', '-')}"
            command = [python, "-m", "briefing", "analyze", "--corpus", str(folder), "--out", str(out)]
            command += ["--jobs", str(jobs), "--quiet"] + (["--no-cache"] if fresh else [])
            seconds, peak = measure(command, {CACHE_VARIABLE: str(cache)})
            articles = pd.read_csv(out / "articles.csv")
            words = int(articles["words"].sum())
            rows.append(
                (
                    f"analyze: {len(articles):,} {kind} articles, --jobs {jobs}{label}",
                    f"{seconds:.1f} s",
                    f"{len(articles) / seconds:,.0f} articles/s",
                    f"{words / seconds:,.0f} words/s",
                    f"{peak:.0f} MiB",
                    note or f"{words:,} words",
                )
            )
            return seconds

        def median_row(label: str, folder: Path, cache: Path, fresh: bool) -> float:
            """``analyze --jobs 2``, ``--repeats`` times (a run with nothing cached, or a re-run from the same cache,
            put back between runs): the run of median time, as a minute of the machine can be much slower than the
            next."""
            before = cache.with_name(f"{cache.name}-before")
            if not fresh:
                shutil.copytree(cache, before, symlinks=True)
            runs = []
            for repeat in range(args.repeats):
                if repeat and not fresh:
                    shutil.rmtree(cache)
                    shutil.copytree(before, cache, symlinks=True)
                seconds = analyze_row(label, folder, 2, cache, fresh)
                runs.append((seconds, rows.pop()))
            seconds, row = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
            times = ", ".join(f"{t:.1f}" for t, _ in runs)
            rows.append((*row[:5], f"median of {len(runs)} runs ({times} s)"))
            return seconds

        one = analyze_row("", corpus, 1, scratch / "cache-1", True)
        rows[-1] = (
            *rows[-1][:5],
            rows[-1][5] + f"; {one / everything_s:.2f}x spaCy on every sentence, {one / layer_s:.2f}x the layer",
        )
        first = median_row("", corpus, scratch / "cache", True)
        again = analyze_row(", cached re-run", corpus, 2, scratch / "cache", False)
        rows[-1] = (*rows[-1][:5], f"{again / first:.2f}x the first run")
        add_articles(corpus)
        added = median_row(", 10 articles added", corpus, scratch / "cache", False)
        rows[-1] = (*rows[-1][:5], f"{added / first:.2f}x the first run; {rows[-1][5]}")
        pool = pool_dir() / "war-2022"
        if pool.is_dir():
            # real text: names, words and layouts that time depends on and the generator does not vary
            real = scratch / "pool"
            copy_first_articles(pool, args.articles, real)
            seconds = analyze_row("", real, 2, scratch / "cache-pool", True, kind="pool (real)")
            rows[-1] = (*rows[-1][:5], rows[-1][5] + f"; {seconds / first:.2f}x the generated run")
        else:
            print(f"{pool}: not found (set BRIEFING_POOL): no benchmark on real text", file=sys.stderr)
        if args.large:
            large = scratch / "generated-large"
            generate_corpus(large, args.large)
            big = analyze_row("", large, 2, scratch / "cache-large", True)
            rows[-1] = (*rows[-1][:5], rows[-1][5] + f"; {big / first:.1f}x the {args.articles:,}-article run")
            # the whole briefing of the same corpus, from nothing cached, as analyze was
            html = scratch / "render-large" / "briefing.html"
            command = [python, "-m", "briefing", "render", "--corpus", str(large), "--out", str(html)]
            command += ["--jobs", "2", "--quiet", "--no-cache"]
            seconds, peak = measure(command, {CACHE_VARIABLE: str(scratch / "cache-render-large")})
            rows.append(
                (
                    f"render: {args.large:,} generated articles, --jobs 2",
                    f"{seconds:.1f} s",
                    f"{args.large / seconds:,.0f} articles/s",
                    "",
                    f"{peak:.0f} MiB",
                    f"{seconds / big:.2f}x analyze of the same; HTML {html.stat().st_size / 1e6:.1f} MB",
                )
            )
            add_articles(large)
            big_added = median_row(", 10 articles added", large, scratch / "cache-large", False)
            rows[-1] = (*rows[-1][:5], f"{big_added / big:.1%} of the first run; {rows[-1][5]}")

    header = ("benchmark", "wall time", "articles/s", "words/s", "peak memory (all processes)", "note")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; render times of the seeds, analyze of "
        f"{args.articles:,} articles with --jobs 2, and re-runs with articles added are medians of {args.repeats} runs"
    )
    for i, row in enumerate([header, *rows]):
        print("| " + " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")


if __name__ == "__main__":
    main()
