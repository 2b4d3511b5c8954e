"""Command line: ``python -m briefing render|analyze``.

Errors on bad input print one line, ``error: <file>: <problem>``, and exit
with status 1; usage errors exit with status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.corpus import LoadOptions
from briefing.errors import BriefingError, ParameterError
from briefing.paths import DEFAULT_BRIEFING, DEFAULT_CODEBOOK, SEEDS_DIR, display_path


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of both commands."""
    parser = argparse.ArgumentParser(
        prog="python -m briefing",
        description="Turn a folder of news articles into a coverage briefing.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    render = commands.add_parser(
        "render",
        help="run analysis.ipynb and render a self-contained HTML briefing",
        description="Run analysis.ipynb with papermill and render it to HTML without code. The executed "
        "notebook is kept beside the HTML, the tables and charts go to <out stem>_data/.",
    )
    render.add_argument("--corpus", type=Path, default=SEEDS_DIR, help="folder of articles (default: seeds/)")
    render.add_argument("--out", type=Path, default=DEFAULT_BRIEFING, help="HTML file (default: reports/briefing.html)")
    render.add_argument("--title", default="", help="briefing title (default: named after the corpus folder)")
    render.add_argument(
        "--codebook", type=Path, default=None, help="codebook YAML (default: codebooks/ukraine-peace-talks.yaml)"
    )
    render.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a notebook parameter; repeatable (see: papermill --help-notebook analysis.ipynb)",
    )
    render.add_argument("--quiet", action="store_true", help="no progress bar")

    analyze = commands.add_parser(
        "analyze",
        help="write the analysis tables as CSV, without rendering",
        description="Analyse a corpus and write its tables (CSV), charts (PNG) and a data dictionary (README.md).",
    )
    analyze.add_argument("--corpus", type=Path, required=True, help="folder of articles")
    analyze.add_argument("--out", type=Path, required=True, help="export folder")
    analyze.add_argument(
        "--codebook",
        type=Path,
        default=DEFAULT_CODEBOOK,
        help="codebook YAML (default: codebooks/ukraine-peace-talks.yaml)",
    )
    analyze.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    analyze.add_argument("--top-n-articles", type=int, default=20, help="most articles in per-article charts")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def run_render(args: argparse.Namespace) -> str:
    from briefing.render import parse_parameters, render

    parameters = parse_parameters(args.parameter)
    if args.codebook:
        parameters["codebook"] = str(args.codebook.resolve())
    result = render(args.corpus, args.out, args.title, parameters, progress=not args.quiet)
    return f"wrote {display_path(result.html)} (notebook {result.notebook.name}, data {result.export_dir.name}/)"


def run_analyze(args: argparse.Namespace) -> str:
    from briefing.codebook import load_codebook
    from briefing.export import write_export
    from briefing.pipeline import analyze
    from briefing.report import briefing_charts

    if args.jobs < 1:
        raise ParameterError(f"--jobs must be at least 1, got {args.jobs}")
    corpus, out = args.corpus.resolve(), args.out.resolve()
    if out.is_relative_to(corpus):
        raise ParameterError(f"{out}: output would be written into the corpus folder {corpus}")
    codebook = load_codebook(args.codebook.resolve())
    analysis = analyze(corpus, LoadOptions(), codebook=codebook, jobs=args.jobs, progress=not args.quiet)
    write_export(analysis.tables(), out, briefing_charts(analysis, args.top_n_articles))
    return (
        f"wrote {len(analysis.tables())} tables for {len(analysis.articles)} articles "
        f"({len(analysis.problems)} input problems) to {display_path(out)}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        message = run_render(args) if args.command == "render" else run_analyze(args)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. an output folder that cannot be written
        print(
            f"error: {exc.filename or ''}: cannot write ({exc.strerror or exc}); nothing was replaced", file=sys.stderr
        )
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; nothing was replaced", file=sys.stderr)
        return 130
    print(message)
    return 0
