"""Benchmarks: ``make bench`` prints one table, each measure with its target and whether it is met.

It runs on real text, the articles of ``../shared/pool/war-2022`` (or ``$BRIEFING_POOL/war-2022``), where that
folder is present, and otherwise on a corpus generated from the seeds' sentences, saying so in the table's first
row. In one run:

- ``render`` of the seeds, with nothing cached and re-run with the cache, against its floor: papermill plus nbconvert
  on a trivial one-cell notebook, measured in the same run, each re-run after a floor run.
- The whole analysis in one process against spaCy alone on the first ``--articles`` (1,000): the full pipeline over
  every sentence of the same text, and the linguistic layer as the analysis builds it.
- ``analyze --jobs 2`` of the first ``--articles`` (nothing cached, the median of ``--repeats`` runs) and of
  ``--large`` articles (every article of the pool: 10,707; or 10,000 generated; ``--large 0`` skips it), each with
  its own cache, and the ratio of their times; then ``render --jobs 2`` of each, from the per-article cache its
  analysis left (so not cold: about half an hour less at full size).
- The large corpus's analysis re-run with nothing changed, and again with ten articles added (ten pool articles
  beyond the corpus's own, or ten copies of its articles with a new closing line; the median of ``--repeats`` runs
  from the same cache), against its first run.
- Each briefing's HTML size, its export's size (CSV and Parquet), the seconds to read every Parquet table with
  pandas, where its key findings end on the page at a window 1,300 px wide and the longest of them
  (``benchmarks/measures.py``, in headless Chromium).

Every measurement runs in a fresh process, so start-up cost is included; peak memory is that of the whole process
tree (workers included), sampled every 0.1 s. Run it as ``python -m benchmarks.run`` from the project's folder
(``make bench BENCH_ARGS="--articles 50 --large 200"`` for a quick run).
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

from benchmarks.measures import (
    FINDING_LIMIT,
    HTML_LIMIT_MB,
    MB,
    PARQUET_LIMIT_MB,
    PARQUET_READ,
    PARQUET_READ_LIMIT_S,
    PEAK_LIMIT_MIB,
    RERUN_LIMIT,
    SCALING_LIMIT,
    WINDOW_WIDTH,
    Row,
    export_megabytes,
    first_screen,
    limited,
    table,
)
from briefing.corpus.subset import copy_articles, pool_dir
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
ADDED = 10  # articles added for the re-run
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


def add_articles(folder: Path, count: int = ADDED) -> None:
    """``count`` new articles in ``folder``: copies of its first ones, each with a new closing line."""
    for index, path in enumerate(sorted(folder.glob("*.txt"))[:count]):
        text = path.read_text(encoding="utf-8")
        (folder / f"new_{index:02d}.txt").write_text(text + f"\nA new closing line, number {index}.\n", "utf-8")


WARM = "after analyze, from the per-article cache it left (not cold)"


def commit() -> str:
    """The checked-out commit ("-dirty" when files differ from it), or "unknown" outside a git checkout."""
    found = subprocess.run(
        ["git", "describe", "--always", "--dirty", "--abbrev=7"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    return found.stdout.strip() or "unknown"


def throughput(export: Path, seconds: float) -> str:
    """Articles and words per second of an analysis that wrote ``export`` in ``seconds``."""
    articles = pd.read_csv(export / "articles.csv", usecols=["words"])
    words = int(articles["words"].sum())
    return f"{len(articles) / seconds:,.1f} articles/s, {words / seconds:,.0f} words/s ({words:,} words)"


def seeds_rows(python: str, scratch: Path, repeats: int) -> list[Row]:
    """Render of the seeds, with nothing cached and re-run with the cache, against its floor: papermill and nbconvert
    on a one-cell notebook."""
    floor_command = [
        python,
        "-c",
        FLOOR_SCRIPT,
        *(str(scratch / f"floor.{ext}") for ext in ("ipynb", "out.ipynb", "html")),
    ]
    render_command = [python, "-m", "briefing", "render", "--corpus", str(SEEDS_DIR)]
    render_command += ["--out", str(scratch / "render-seeds" / "briefing.html"), "--quiet"]
    render_cache = {CACHE_VARIABLE: str(scratch / "cache-seeds")}
    # the first render of the seeds finds nothing cached; the next ones reuse it all (as a re-render does), each
    # after a floor run, so that a slower minute of the machine weighs on both alike
    render = [measure(render_command, render_cache)]
    floor = []
    for _ in range(repeats):
        floor.append(measure(floor_command))
        render.append(measure(render_command, render_cache))
    floor_s = statistics.median(t for t, _ in floor)
    cold_s, cold_peak = render[0]
    render_s = statistics.median(t for t, _ in render[1:])
    return [
        Row(
            "floor: papermill + nbconvert, 1-cell notebook",
            f"{floor_s:.2f} s",
            note=f"peak {max(m for _, m in floor):,.0f} MiB",
        ),
        Row(
            "render: seeds (5 articles), nothing cached",
            f"{cold_s:.2f} s",
            note=f"peak {cold_peak:,.0f} MiB; {cold_s / floor_s:.2f}x floor",
        ),
        Row(
            "render: seeds, re-run with the cache",
            f"{render_s:.2f} s",
            note=f"peak {max(m for _, m in render[1:]):,.0f} MiB; {render_s / floor_s:.2f}x floor",
        ),
    ]


def spacy_rows(python: str, corpus: Path, cache: Path, kind: str, analyze_run) -> list[Row]:
    """The whole analysis in one process against spaCy alone on the same text: the full pipeline over every sentence,
    and the linguistic layer as the analysis builds it (what the analysis adds beyond parsing)."""
    parsed = subprocess.run(
        [python, "-c", PARSE_SCRIPT, str(corpus)], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    everything_s, layer_s, all_sentences, parsed_sentences, recognized = parsed.stdout.split()
    everything_s, layer_s = float(everything_s), float(layer_s)
    one, peak, out = analyze_run(corpus, 1, cache, True)
    articles = pd.read_csv(out / "articles.csv")
    words = int(articles["words"].sum())
    size = f"{len(articles):,} {kind} articles"
    return [
        Row(f"spaCy alone: full pipeline, every sentence of the {size}, 1 process", f"{everything_s:.1f} s",
            note=f"{int(all_sentences):,} sentences"),
        Row("spaCy alone: the layer as the analysis builds it, 1 process", f"{layer_s:.1f} s",
            note=f"{int(parsed_sentences):,} parsed, entities on {int(recognized):,}"),
        Row(f"analyze --jobs 1: {size}, nothing cached", f"{one:.1f} s",
            note=f"{one / everything_s:.2f}x spaCy on every sentence, {one / layer_s:.2f}x the layer; "
            f"{words / one:,.0f} words/s; peak {peak:,.0f} MiB"),
    ]  # fmt: skip


def page_rows(python: str, pages: list[tuple[str, Path, Path]]) -> list[Row]:
    """For each briefing (its corpus, its HTML and the export of its analysis): the HTML's size, the export's, the
    time to read the Parquet tables, where the key findings end on the page and the longest of them."""
    rows = []
    for size, html, _ in pages:
        rows.append(limited(f"HTML of the briefing: {size}", html.stat().st_size / MB, HTML_LIMIT_MB, " MB"))
    for size, _, export in pages:
        csv_mb, parquet_mb = export_megabytes(export)
        rows.append(Row(f"export: {size}: CSV", f"{csv_mb:,.1f} MB"))
        rows.append(limited(f"export: {size}: Parquet", parquet_mb, PARQUET_LIMIT_MB, " MB"))
        read = subprocess.run([python, "-c", PARQUET_READ, str(export)], capture_output=True, text=True, check=True)
        seconds, tables_rows = read.stdout.split()
        rows.append(
            limited(
                f"read every Parquet table with pandas: {size}",
                float(seconds),
                PARQUET_READ_LIMIT_S,
                " s",
                2,
                f"{int(tables_rows):,} rows; a fresh process, pandas imported first",
            )
        )
    for size, html, _ in pages:
        try:
            screen = first_screen(html)
        except Exception as error:  # a page not measured is a row that says why, not a failed run
            rows.append(Row(f"key findings: {size}", "not measured", "", "NOT MET", str(error).splitlines()[0]))
            continue
        rows.append(
            Row(
                f"key findings end at (px, window {WINDOW_WIDTH} px wide): {size}",
                f"{screen.findings_bottom:,.0f} px",
                note=f"with 'How far to trust this': {screen.block_bottom:,.0f} px; page {screen.page_height:,.0f} px",
            )
        )
        longest = max(screen.findings, key=len, default="")
        rows.append(
            limited(
                f"longest key finding (heading and text): {size}",
                len(longest),
                FINDING_LIMIT,
                " characters",
                0,
                f"{len(screen.findings)} findings; starts: {longest[:60]}…",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the first corpus (default 1,000)")
    parser.add_argument(
        "--large",
        type=int,
        default=None,
        help="size of the large corpus (default: every article of the pool, or 10,000 generated; 0: none)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="runs of each render of the seeds, of analyze --jobs 2 of --articles, of the re-run with articles added",
    )
    parser.add_argument("--generated", action="store_true", help="use the generated corpus even where the pool is")
    args = parser.parse_args()
    python = sys.executable
    started = f"commit {commit()}, load average {os.getloadavg()[0]:.1f} at the start"
    rows: list[Row] = []
    pool = pool_dir() / "war-2022"
    real = pool.is_dir() and not args.generated
    pool_files = sorted(pool.glob("*.txt")) if real else []
    large_size = (len(pool_files) if real else 10_000) if args.large is None else args.large
    if real:
        large_size = min(large_size, len(pool_files))
        kind = "pool"
        corpus_row = Row("corpus", f"real: {pool}", note=f"{len(pool_files):,} articles in the pool")
    else:
        kind = "generated"
        why = "--generated" if args.generated else f"{pool} not found (set BRIEFING_POOL)"
        corpus_row = Row("corpus", "GENERATED from the seeds' sentences", note=f"not real text: {why}")
        print(f"{why}: the benchmark runs on generated text", file=sys.stderr)
    rows.append(corpus_row)

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
        scratch = Path(scratch)
        rows += seeds_rows(python, scratch, args.repeats)

        def corpus(size: int, name: str) -> Path:
            folder = scratch / name
            if real:
                copy_articles(pool, pool_files[:size], folder)
            else:
                generate_corpus(folder, size)
            return folder

        def analyze_run(folder: Path, jobs: int, cache: Path, fresh: bool, run: str = "") -> tuple[float, float, Path]:
            """Seconds and whole-tree peak (MiB) of ``analyze``, and its export folder (one for each ``run`` of a
            corpus, so that a re-run leaves the first run's export as it was)."""
            out = scratch / f"out-{folder.name}-{jobs}{run}"
            command = [python, "-m", "briefing", "analyze", "--corpus", str(folder), "--out", str(out)]
            command += ["--jobs", str(jobs), "--quiet"] + (["--no-cache"] if fresh else [])
            seconds, peak = measure(command, {CACHE_VARIABLE: str(cache)})
            return seconds, peak, out

        def median_run(folder: Path, cache: Path, fresh: bool, run: str = "") -> tuple[float, float, Path, str]:
            """``analyze --jobs 2``, ``--repeats`` times (each with nothing cached, or each a re-run from the same
            cache, put back between runs): the run of median time, as a minute of the machine can be much slower
            than the next, and the times of all."""
            before = cache.with_name(f"{cache.name}-before")
            if not fresh:
                shutil.rmtree(before, ignore_errors=True)
                shutil.copytree(cache, before, symlinks=True)
            runs = []
            for repeat in range(args.repeats):
                if repeat and not fresh:
                    shutil.rmtree(cache)
                    shutil.copytree(before, cache, symlinks=True)
                runs.append(analyze_run(folder, 2, cache, fresh, run))
            shutil.rmtree(before, ignore_errors=True)
            seconds, peak, out = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
            return seconds, peak, out, "runs: " + ", ".join(f"{run[0]:.1f}" for run in runs) + " s"

        def render_run(folder: Path, cache: Path) -> tuple[float, float, Path]:
            """Seconds and whole-tree peak of ``render --jobs 2`` from the cache the analysis of ``folder`` left."""
            html = scratch / f"render-{folder.name}" / "briefing.html"
            command = [python, "-m", "briefing", "render", "--corpus", str(folder), "--out", str(html)]
            command += ["--jobs", "2", "--quiet"]
            seconds, peak = measure(command, {CACHE_VARIABLE: str(cache)})
            return seconds, peak, html

        small = corpus(args.articles, f"{kind}-{args.articles}")
        rows += spacy_rows(python, small, scratch / "cache-1", kind, analyze_run)

        size = f"{args.articles:,} {kind} articles"
        first, peak, small_out, runs = median_run(small, scratch / "cache-small", True)
        rows.append(
            Row(
                f"analyze --jobs 2: {size}, nothing cached: time",
                f"{first:.1f} s",
                note=f"{runs}; {throughput(small_out, first)}",
            )
        )
        rows.append(limited(f"analyze --jobs 2: {size}: whole-tree peak", peak, PEAK_LIMIT_MIB, " MiB", 0))
        seconds, peak, small_html = render_run(small, scratch / "cache-small")
        rows.append(Row(f"render --jobs 2: {size}: time", f"{seconds:.1f} s", note=WARM))
        rows.append(limited(f"render --jobs 2: {size}: whole-tree peak", peak, PEAK_LIMIT_MIB, " MiB", 0, WARM))
        pages = [(size, small_html, small_out)]

        if large_size:
            large = corpus(large_size, f"{kind}-{large_size}")
            big_size = f"{large_size:,} {kind} articles"
            cache = scratch / "cache-large"
            big, peak, large_out = analyze_run(large, 2, cache, True)
            rows.append(
                Row(
                    f"analyze --jobs 2: {big_size}, nothing cached: time",
                    f"{big:.1f} s",
                    note=throughput(large_out, big),
                )
            )
            rows.append(limited(f"analyze --jobs 2: {big_size}: whole-tree peak", peak, PEAK_LIMIT_MIB, " MiB", 0))
            scale = large_size / args.articles
            rows.append(
                limited(
                    f"analyze {big_size} ÷ analyze {args.articles:,}",
                    big / first,
                    SCALING_LIMIT * scale,
                    "x",
                    2,
                    note=f"for {scale:.1f}x the articles (target: {SCALING_LIMIT:.3f}x that ratio: 11x for 10,707)",
                )
            )
            seconds, peak, large_html = render_run(large, cache)
            rows.append(Row(f"render --jobs 2: {big_size}: time", f"{seconds:.1f} s", note=WARM))
            rows.append(limited(f"render --jobs 2: {big_size}: whole-tree peak", peak, PEAK_LIMIT_MIB, " MiB", 0, WARM))
            pages.append((big_size, large_html, large_out))
            rerun_folder, rerun_cache, rerun_first, rerun_size = large, cache, big, big_size
        else:
            rerun_folder, rerun_cache, rerun_first, rerun_size = small, scratch / "cache-small", first, size

        again, peak, _ = analyze_run(rerun_folder, 2, rerun_cache, False, "-again")
        rows.append(
            limited(
                f"analyze --jobs 2: {rerun_size}, re-run, nothing changed",
                100 * again / rerun_first,
                100 * RERUN_LIMIT,
                "% of the first run",
                note=f"{again:.1f} s; peak {peak:,.0f} MiB",
            )
        )
        taken = set(pool_files[: max(large_size, args.articles)])
        extra = [path for path in pool_files if path not in taken][:ADDED]
        if len(extra) == ADDED and rerun_folder.name.startswith("pool"):
            copy_articles(pool, extra, rerun_folder)
            added = f"{ADDED} pool articles beyond the corpus's own"
        else:
            add_articles(rerun_folder)
            added = f"{ADDED} copies of its articles, each with a new closing line"
        seconds, peak, _, runs = median_run(rerun_folder, rerun_cache, False, "-added")
        rows.append(
            limited(
                f"analyze --jobs 2: {rerun_size}, re-run with {ADDED} articles added",
                100 * seconds / rerun_first,
                100 * RERUN_LIMIT,
                "% of the first run",
                note=f"{seconds:.1f} s ({runs}); peak {peak:,.0f} MiB; {added}",
            )
        )
        rows.append(limited("the same: whole-tree peak", peak, PEAK_LIMIT_MIB, " MiB", 0))
        rows += page_rows(python, pages)

    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {started} and "
        f"{os.getloadavg()[0]:.1f} at the end; times of the seeds' renders, of analyze --jobs 2 of "
        f"{args.articles:,} articles and of the re-run with articles added are "
        f"medians of {args.repeats} runs; peaks are of the whole process tree (workers included), sampled every 0.1 s"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
