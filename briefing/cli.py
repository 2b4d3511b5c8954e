"""Command line: ``python -m briefing analyze|render|codebook|evaluate``, in the order an article flows.

Errors on bad input print one line, ``error: '<file>': <problem>`` (the path in quotes), and exit
with status 1; usage errors exit with status 2.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from briefing.errors import WARNING_PREFIX, BriefingError, CacheNotCleared, ParameterError, shown_path
from briefing.language.parsing import DEFAULT_MODEL
from briefing.outputs import check_apart, check_output_file, check_replaceable, locked
from briefing.paths import DEFAULT_BRIEFING, DEFAULT_CODEBOOK, SEEDS_DIR, display_path, project_path
from briefing.run.cache import CACHE_VARIABLE, cache_folder, clear_cache
from briefing.run.engine import ENGINES, check_scheduler
from briefing.run.parameters import check_all, check_value

NO_CACHE_HELP = (
    "empty the cache first (per-article results, each file's reading and cleaning, terms, charts and exported "
    "rows), so that "
    "everything is computed again "
    f"(default folder: .cache/briefing, or ${CACHE_VARIABLE})"
)
SPACY_HELP = f"installed spaCy pipeline that parses sentences (default: {DEFAULT_MODEL})"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command, in the order an article flows: analyze, render, codebook, evaluate."""
    parser = argparse.ArgumentParser(
        prog="python -m briefing",
        description="Turn a folder of news articles into a coverage briefing. Each article is read and cleaned "
        "(corpus), its sentences parsed (language), its sources, stances, frames, themes and dates tagged (taggers), "
        "the whole corpus run and cached (run) and joined into tables (tables); analyze stops there and writes them. "
        "render goes on to the briefing's sections (report) and publishes them as HTML (publish). codebook suggests "
        "what the topic's codebook misses; evaluate scores the taggers against annotated articles.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_analyze_command(commands)
    add_render_command(commands)
    add_codebook_command(commands)
    add_evaluate_command(commands)
    return parser


def add_analyze_command(commands) -> None:
    """``analyze``: the tables, charts and data dictionary of a corpus, without the briefing."""
    analyze = commands.add_parser(
        "analyze",
        help="write the analysis tables as CSV and Parquet, without rendering",
        description="Analyse a corpus and write its tables (CSV and Parquet), charts (PNG) and a data dictionary "
        "(README.md).",
    )
    analyze.add_argument("--corpus", type=Path, required=True, help="folder of articles")
    analyze.add_argument("--out", type=Path, required=True, help="export folder")
    analyze.add_argument(
        "--codebook", type=Path, default=None, help="codebook YAML (default: codebooks/ukraine-peace-talks.yaml)"
    )
    analyze.add_argument(
        "--top-n-articles", type=int, help="most articles in per-article charts (default: the briefing's)"
    )
    add_run_options(analyze, 1, "worker processes (default: 1)", "local", DEFAULT_MODEL)


def add_render_command(commands) -> None:
    """``render``: the HTML briefing, through the notebook."""
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
    jobs_help = "worker processes for per-article analysis (default: 1; as -p jobs N)"
    add_run_options(render, None, jobs_help, None, None)


def add_run_options(command, jobs: int | None, jobs_help: str, engine: str | None, model: str | None) -> None:
    """The options of how a run goes, which ``analyze`` and ``render`` share: workers, engine, model, cache and
    progress; the defaults of ``render`` are ``None``, so that only what is given overrides its ``-p`` values."""
    command.add_argument("--jobs", type=int, default=jobs, help=jobs_help)
    add_engine_options(command, engine)
    command.add_argument("--spacy-model", default=model, help=SPACY_HELP)
    command.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    command.add_argument("--quiet", action="store_true", help="no progress bar")


def add_evaluate_command(commands) -> None:
    """The ``evaluate cleaning|attribution|stances|dates|seeds`` command: every gold is passed as an option."""
    evaluate = commands.add_parser(
        "evaluate",
        help="score the tool against annotated articles",
        description="Analyse the annotated articles of a gold and print the scores: cleaning (hand-marked page "
        "furniture, and annotated attributions the cleaning must keep), attribution, stances, dates, and stances "
        "and sources on the seeds.",
    )
    evaluate.add_argument(
        "what", choices=["cleaning", "attribution", "stances", "dates", "seeds"], help="what to score"
    )
    evaluate.add_argument(
        "--gold",
        type=Path,
        required=True,
        help="cleaning: CSV of hand-marked furniture; attribution: folder with text/*.txt and attributions/*.ann "
        "(brat standoff); stances: CSV file,actor,issue,position,start,end (docs/annotating-stances.md); dates: CSV "
        "id,source,article,published,mention,sentence,gold_date,note; seeds: CSV of the seeds' claims",
    )
    evaluate.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="cleaning and stances: the folder of the gold's articles; seeds: the seeds (default: seeds/)",
    )
    evaluate.add_argument(
        "--unsure", type=Path, default=None, help="cleaning: CSV of the furniture its coders were unsure of"
    )
    evaluate.add_argument(
        "--polnear", type=Path, default=None, help="cleaning: folder of articles annotated for attribution (PolNeAR)"
    )
    evaluate.add_argument("--sources-gold", type=Path, default=None, help="seeds: CSV of the seeds' attributions")
    evaluate.add_argument("--jobs", type=int, default=1, help="stances: worker processes for the analysis")
    evaluate.add_argument("--codebook", type=Path, default=DEFAULT_CODEBOOK, help="codebook YAML")
    evaluate.add_argument("--spacy-model", default=DEFAULT_MODEL, help=SPACY_HELP)
    evaluate.add_argument(
        "--errors", type=Path, default=None, help="also write every miss and wrong speaker (dates: wrong date) to CSV"
    )
    evaluate.add_argument(
        "--record", action="store_true", help="save the scores for the briefing's methodology (briefing/data/)"
    )


def add_engine_options(command: argparse.ArgumentParser, engine: str | None) -> None:
    """``--engine`` (default ``engine``; None leaves the notebook's) and ``--scheduler``."""
    command.add_argument(
        "--engine",
        choices=ENGINES,
        default=engine,
        help="where per-article analysis runs: this machine's processes, or Dask distributed (default: local)",
    )
    command.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --engine dask, the scheduler address (tcp://host:8786); else a local cluster of --jobs workers",
    )


def codebook_line(given: Path | None) -> str:
    """The first line ``analyze`` and ``render`` print: the codebook they use (``given``, resolved), and how to
    choose another when it is the default (which is about one topic, and quietly fits no other)."""
    if given is None:
        return f"codebook: {display_path(DEFAULT_CODEBOOK)} (the default: pass --codebook FILE for another topic)"
    return f"codebook: {display_path(given)}"


def warn(lines: list[str]) -> None:
    """Print a run's warnings to standard error, one ``warning: …`` line each."""
    for line in lines:
        print(f"{WARNING_PREFIX}{line}", file=sys.stderr)


def run_render(args: argparse.Namespace) -> str:
    from briefing.publish.render import notebook_warnings, parse_parameters, render

    parameters = parse_parameters(args.parameter)
    if args.codebook and "codebook" in parameters:
        raise ParameterError("give --codebook or -p codebook, not both")
    named = parameters.get("codebook")  # -p codebook: a path from the project root, as the notebook reads it
    print(codebook_line(args.codebook.resolve() if args.codebook else named and project_path(str(named))), flush=True)
    if args.codebook:
        parameters["codebook"] = str(args.codebook.resolve())
    if args.spacy_model:
        parameters["spacy_model"] = args.spacy_model
    for name in ("jobs", "engine", "scheduler"):  # options that set a parameter
        value = getattr(args, name)
        if value is not None:
            if name in parameters:
                raise ParameterError(f"give --{name} or -p {name}, not both")
            check_value(name, value)
            parameters[name] = value
    check_all(parameters)
    if parameters.get("scheduler"):
        check_scheduler(str(parameters["scheduler"]))
    if args.no_cache and not cleared():
        parameters["cache"] = False
    result = render(args.corpus, args.out, args.title, parameters, progress=not args.quiet)
    warn(notebook_warnings(result.notebook))  # the notebook printed them as it ran
    return f"wrote {display_path(result.html)} (notebook {result.notebook.name}, data {result.export_dir.name}/)"


def run_analyze(args: argparse.Namespace) -> str:
    from briefing.codebook import load_codebook
    from briefing.corpus.loading import LoadOptions
    from briefing.publish.artifacts import analysis_and_charts, exported_tables
    from briefing.run.cache import ResultCache
    from briefing.run.settings import RunSettings
    from briefing.tables.checks import coverage_line, run_warnings

    print(codebook_line(args.codebook and args.codebook.resolve()), flush=True)
    if args.jobs < 1:
        raise ParameterError(f"--jobs must be at least 1, got {args.jobs}")
    check_all({"engine": args.engine, "scheduler": args.scheduler})  # the rule render's parameters follow
    if args.scheduler:
        check_scheduler(args.scheduler)
    if args.top_n_articles is not None:
        check_value("top_n_articles", args.top_n_articles)
    corpus, out = args.corpus.resolve(), args.out.resolve()
    check_apart(out, corpus, "export folder")
    check_replaceable(args.out)  # as given: a link is refused, its target never replaced
    codebook = load_codebook((args.codebook or DEFAULT_CODEBOOK).resolve())
    with locked(out):
        cache = None if args.no_cache and not cleared() else ResultCache(cache_folder(), codebook, args.spacy_model)
        settings = RunSettings(
            LoadOptions(), codebook, args.jobs, not args.quiet, args.spacy_model, args.engine, args.scheduler, cache
        )
        chart_options = {} if args.top_n_articles is None else {"top_n_articles": args.top_n_articles}
        analysis = analysis_and_charts(corpus, settings, out, **chart_options).analysis
    warn(run_warnings(analysis))
    return (
        f"wrote {len(exported_tables(analysis))} tables for {len(analysis.articles)} articles "
        f"({len(analysis.problems)} input problems) to {display_path(out)}\n"
        + coverage_line(analysis)
        + "\n"
        + (cache.summary() if cache is not None else "cache not used")
    )


def cleared() -> bool:
    """``--no-cache``: empty the cache. False, with a warning, when it cannot be emptied (a read-only cache), so
    that the run goes on without it rather than reuse what it holds.

    Raises
    ------
    CacheError
        When the cache folder is not the tool's (nothing is deleted).
    """
    try:
        kept = clear_cache()
    except CacheNotCleared as exc:
        print(f"warning: {exc}; this run does not use it", file=sys.stderr)
        return False
    if kept:
        print(
            f"warning: {shown_path(display_path(cache_folder()))}: {kept:,} files and folders this tool did not write "
            "were left in the cache folder",
            file=sys.stderr,
        )
    return True


def add_codebook_command(commands) -> None:
    """The ``codebook suggest`` command."""
    codebook = commands.add_parser(
        "codebook",
        help="list what a codebook does not cover yet in a corpus",
        description="suggest: the names (spaCy entities) no actor alias matches, and the noun phrases of position "
        "statements in sentences without a codebook issue, most frequent first, with an example sentence each. "
        "With --write: a starter codebook for the corpus (actors, issues, themes) to edit.",
    )
    codebook.add_argument("action", choices=["suggest"], help="what to do with the codebook")
    codebook.add_argument("--corpus", type=Path, required=True, help="folder of articles")
    codebook.add_argument(
        "--codebook",
        type=Path,
        default=None,
        help="codebook YAML to extend (default: codebooks/ukraine-peace-talks.yaml; not with --write)",
    )
    codebook.add_argument("--top", type=int, default=20, help="rows shown per table (default: 20)")
    codebook.add_argument("--spacy-model", default=DEFAULT_MODEL, help=SPACY_HELP)
    codebook.add_argument("--out", type=Path, default=None, help="also write every suggestion to this CSV file")
    codebook.add_argument(
        "--write",
        type=Path,
        default=None,
        metavar="FILE.yaml",
        help="write a starter codebook for the corpus (from the corpus alone, without --codebook) to this file",
    )
    codebook.add_argument("--force", action="store_true", help="let --write replace a file that exists")
    codebook.add_argument("--quiet", action="store_true", help="no progress bar")


def run_codebook(args: argparse.Namespace) -> str:
    from briefing.codebook import load_codebook
    from briefing.publish.suggestions import format_report, suggest, write_suggestions

    if args.top < 1:
        raise ParameterError(f"--top must be at least 1, got {args.top}")
    if args.write:
        return run_codebook_write(args)
    if args.force:
        raise ParameterError("--force is for --write (to replace the codebook file it writes)")
    corpus = args.corpus.resolve()
    if args.out:
        check_output_file(args.out)
        check_apart(args.out, corpus)
    codebook = load_codebook((args.codebook or DEFAULT_CODEBOOK).resolve())
    suggestions = suggest(corpus, codebook, args.spacy_model, progress=not args.quiet)
    report = format_report(suggestions, args.top)
    if args.out:
        write_suggestions(suggestions.table, args.out.resolve())
        report += f"\n\nwrote {len(suggestions.table):,} suggestions to {display_path(args.out)}"
    return report


def run_codebook_write(args: argparse.Namespace) -> str:
    """``codebook suggest --write``: a starter codebook from the corpus alone (and, with --out, every candidate)."""
    from briefing.publish.starter_codebook import build_starter, write_starter
    from briefing.publish.suggestions import write_suggestions

    if args.codebook is not None:
        raise ParameterError(
            f"{args.codebook}: --write starts a codebook from the corpus alone; leave out --codebook, or leave out "
            "--write to list what this codebook misses"
        )
    corpus = args.corpus.resolve()
    outputs = [args.write, *([args.out] if args.out else [])]
    for output in outputs:
        check_output_file(output)
        check_apart(output, corpus)
    if args.out and args.out.resolve() == args.write.resolve():
        raise ParameterError(f"{args.out}: --out and --write name the same file; give each its own")
    if args.write.exists() and not args.force:
        raise ParameterError(f"{args.write}: exists; add --force to replace it, or choose another file")
    starter = build_starter(corpus, args.spacy_model, progress=not args.quiet, shown=str(args.corpus))
    codebook = write_starter(starter, args.write.resolve(), force=args.force)
    lines = [
        f"wrote a starter codebook to {display_path(args.write)}: {len(codebook.actors)} actors, "
        f"{len(codebook.issues)} issues, {len(codebook.themes)} themes from {starter.articles:,} articles",
        "edit it (sides, each issue's proposition, noise; its first lines say how), then:",
        f"  python -m briefing render --corpus {args.corpus} --codebook {args.write}",
    ]
    if args.out:
        write_suggestions(starter.table, args.out.resolve())
        lines.append(f"wrote {len(starter.table):,} candidates to {display_path(args.out)}")
    return "\n".join(lines)


def run_evaluate(args: argparse.Namespace) -> str:
    if args.errors:
        check_output_file(args.errors)
    return EVALUATIONS[args.what](args)


def needed(args: argparse.Namespace, *options: str) -> None:
    """Raise :class:`ParameterError` naming the first of ``options`` that ``evaluate <what>`` was not given."""
    for option in options:
        if getattr(args, option.lstrip("-").replace("-", "_")) is None:
            raise ParameterError(f"evaluate {args.what} needs {option}")


def recorded_in(kind: str, data: dict, sort_keys: bool = False) -> str:
    """Record the scores of ``kind`` (:mod:`briefing.evaluate.recorded`); the line that says where."""
    from briefing.evaluate.recorded import record

    return f"recorded in {display_path(record(kind, data, sort_keys))}"


def run_evaluate_cleaning(args: argparse.Namespace) -> str:
    import pandas as pd

    from briefing.evaluate import cleaning_scores

    needed(args, "--corpus", "--unsure", "--polnear")
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:.4f}".format):
        scores = cleaning_scores.corpus_2022_scores(args.corpus.resolve(), args.gold.resolve(), args.unsure.resolve())
        print("Cleaning on corpus-2022 (39 real articles, 13 outlets), against blind hand-marked furniture\n")
        print(scores["summary"].to_string(index=False), "\n")
        print("Words removed, by rule and verdict:\n")
        print(scores["by_rule"].to_string(index=False), "\n")
        print("Recall of hand-marked furniture, by category:\n")
        print(scores["recall"].to_string(index=False), "\n")
        polnear = cleaning_scores.polnear_scores(args.polnear.resolve())
        print(
            f"Cleaning on PolNeAR ({polnear.attrs['files']} annotated articles): "
            f"{polnear.attrs['articles kept']} kept. "
            "Annotated text the cleaning removed (Discard = text annotators judged not part of the article):\n"
        )
        print(polnear.to_string(index=False))
    if args.record:
        return "\n" + recorded_in("cleaning", cleaning_scores.headline_numbers(scores, polnear), sort_keys=True)
    return ""


def run_evaluate_seeds(args: argparse.Namespace) -> str:
    import pandas as pd

    from briefing.evaluate import seed_claims

    needed(args, "--sources-gold")
    seeds = seed_claims.seed_analysis(None, (args.corpus or SEEDS_DIR).resolve(), args.codebook.resolve())
    scores = seed_claims.seed_quality(args.gold.resolve(), args.sources_gold.resolve(), seeds)
    for kind in ("stances", "sources"):
        print(f"Seeds, {kind} (the articles the rules were written on: an upper bound):\n")
        print(pd.DataFrame(scores[kind]).to_string(index=False), "\n")
    return recorded_in("seed", scores) if args.record else ""


def run_evaluate_attribution(args: argparse.Namespace) -> str:
    import pandas as pd

    from briefing.evaluate import attribution_scores as attribution_eval

    scores, sources, gold, texts = attribution_eval.evaluate_folder(
        args.gold.resolve(), args.codebook.resolve(), args.spacy_model
    )
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(
            f"Attribution on {display_path(args.gold)} ({scores.attrs['articles']} articles, "
            f"{len(gold)} human attributions with content, {len(sources)} predicted rows):\n"
        )
        print(scores.to_string(index=False))
    if args.errors:
        attribution_eval.errors(sources, gold, texts).to_csv(args.errors, index=False)
    if args.record:
        return "\n" + recorded_in(
            "attribution", attribution_eval.quality(scores, args.gold, args.codebook), sort_keys=True
        )
    return ""


def run_evaluate_stances(args: argparse.Namespace) -> str:
    import pandas as pd

    from briefing.evaluate import stance_scores as stance_eval

    if args.corpus is None:
        raise ParameterError("evaluate stances needs --corpus, the folder of the gold's articles")
    if args.jobs < 1:
        raise ParameterError(f"--jobs must be at least 1, got {args.jobs}")
    scores, gold = stance_eval.evaluate_stances(
        args.gold.resolve(), args.corpus.resolve(), args.codebook.resolve(), args.spacy_model, args.jobs
    )
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:.3f}".format):
        print(
            f"Stances on {display_path(args.corpus)} against {display_path(args.gold)} "
            f"({len(gold)} hand-coded claims in {gold['file'].nunique()} articles):\n"
        )
        print(scores.by_position.to_string(index=False))
        print()
        print(scores.by_issue.to_string(index=False))
        print("\nMissed claims by reason:")
        print(scores.missed["reason"].value_counts().to_string())
        print(stance_curve_text(gold, args))
    if args.errors:
        errors = pd.concat(
            [scores.missed.assign(error="missed"), scores.spurious.assign(error="not in the gold")], ignore_index=True
        )
        errors.to_csv(args.errors, index=False)
    if args.record:
        from briefing.codebook import load_codebook
        from briefing.evaluate.recorded import record_topic

        topic = load_codebook(args.codebook).name
        path = record_topic("stance", topic, stance_eval.quality(scores, gold, args.gold, args.codebook))
        return f"\nrecorded in {display_path(path)} for the codebook {topic!r}"
    return ""


def stance_curve_text(gold, args: argparse.Namespace) -> str:
    """The decision's precision–recall curve on the gold's articles, its operating threshold marked, and the share
    of gold claims that have a candidate at all."""
    from briefing.codebook import load_codebook
    from briefing.evaluate.candidate_labels import gold_curve
    from briefing.taggers.stances.stance_model import stance_model

    table, reach = gold_curve(gold, args.corpus.resolve(), load_codebook(args.codebook.resolve()))
    threshold = stance_model().threshold
    table = table[
        table["threshold"].isin([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) | (table["threshold"] == threshold)
    ]
    marks = ["  ← operating threshold" if t == threshold else "" for t in table["threshold"]]
    lines = table.drop(columns="f_half").to_string(index=False, float_format="{:.3f}".format).splitlines()
    rows = [lines[0], *(line + mark for line, mark in zip(lines[1:], marks, strict=True))]
    return (
        f"\nCandidate recall (gold claims with a candidate holder and issue in their sentence): {reach:.3f}\n"
        "Precision and recall of the decision by threshold (candidates, same sentence):\n" + "\n".join(rows)
    )


def run_evaluate_dates(args: argparse.Namespace) -> str:
    import pandas as pd

    from briefing.evaluate import date_scores

    gold = date_scores.load_date_gold(args.gold.resolve())
    scores = date_scores.evaluate_dates(gold, args.spacy_model)
    overall = scores.by_source.iloc[-1]
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:.3f}".format):
        print(
            f"Dates on {display_path(args.gold)} ({len(gold)} hand-dated mentions, {overall['none']} of them "
            "dating no event of the article):\n"
        )
        print(scores.by_source.to_string(index=False))
    if args.errors:
        date_scores.errors(scores).to_csv(args.errors, index=False)
    return (
        f"\naccuracy {overall['accuracy']:.3f} ({overall['right']} of {overall['mentions']}); "
        f"mentions that date no event, right: {overall['none right']} of {overall['none']}"
    )


EVALUATIONS = {
    "cleaning": run_evaluate_cleaning,
    "attribution": run_evaluate_attribution,
    "stances": run_evaluate_stances,
    "dates": run_evaluate_dates,
    "seeds": run_evaluate_seeds,
}
COMMANDS = {"analyze": run_analyze, "render": run_render, "codebook": run_codebook, "evaluate": run_evaluate}


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: staging folders are removed on the way out and nothing is replaced."""


def terminate(signum, frame) -> None:
    raise Terminated


def texts(value) -> list[str]:
    """Every string in an option's value, lists (``-p NAME VALUE``) included."""
    if isinstance(value, str | Path):
        return [str(value)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in texts(item)]
    return []


def undecodable_argument(args: argparse.Namespace) -> str | None:
    """The first option whose value is not valid UTF-8 (the shell passed bytes Python kept as surrogates)."""
    for name, value in vars(args).items():
        for text in texts(value):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                return "--" + name.replace("_", "-")
    return None


def os_error(exc: OSError) -> str:
    """An operating system's error as the one-line message names it: the file it is about, when it has one."""
    if exc.filename:
        return f"{shown_path(exc.filename)}: cannot write ({exc.strerror or exc})"
    return " ".join(str(exc.strerror or exc).split()) or type(exc).__name__


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    bad = undecodable_argument(args)
    if bad:
        print(f"error: {bad}: not valid UTF-8 text", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, terminate)
    try:
        message = COMMANDS[args.command](args)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. an output folder that cannot be written
        print(f"error: {os_error(exc)}; nothing was replaced", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        # the notebook client's unfinished task is reported when it is collected, after this line: it is the same news
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        how = "terminated" if isinstance(exc, Terminated) else "interrupted"
        print(f"error: {how}; nothing was replaced", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    print(message)
    return 0
