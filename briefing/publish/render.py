"""Render the briefing: run ``analysis.ipynb`` with papermill, convert with nbconvert.

Everything is written into a staging folder beside the output first. The
previous briefing, notebook and export are replaced together only after the
new ones were produced in full (:mod:`briefing.outputs`), so a failed run
loses nothing; one run at a time writes a given output.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from briefing import errors
from briefing.corpus.discovery import discover
from briefing.errors import WARNING_PREFIX, BriefingError, ParameterError, RenderError, shown_path
from briefing.outputs import (
    check_apart,
    check_output_file,
    check_replaceable,
    commit,
    locked,
    remove_staging,
    staging_folder,
)
from briefing.paths import ANALYSIS_NOTEBOOK, PROJECT_ROOT, TEMPLATES_DIR
from briefing.run.parameters import SET_BY_OPTIONS, briefing_title, check_value

if TYPE_CHECKING:
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from nbconvert import HTMLExporter

KERNEL_NAME = "python3"
KERNEL_ARGUMENTS = [
    # The kernel logs its TCP notice and, when the run is stopped, a socket traceback: noise here.
    "--IPKernelApp.log_level=CRITICAL",
    "--HistoryManager.hist_file=:memory:",  # as papermill runs it: a render writes no IPython history
]
# What the notebook's first cell spends most of its time importing (pandas and the analysis): the kernel imports
# them as it starts, while this process imports papermill and nbconvert, so that the two wait on each other less.
KERNEL_PRELOAD = ("briefing.run.pipeline", "briefing.report")
ENGINE_NAME = "briefing"  # papermill's nbclient engine, saving once (:func:`recording_engine`)
TRUE_WORDS = {"true", "yes", "1", "on"}
FALSE_WORDS = {"false", "no", "0", "off"}


class RenderResult(NamedTuple):
    """Where a render wrote its files."""

    html: Path
    notebook: Path
    export_dir: Path


def declared_parameters(notebook: Path = ANALYSIS_NOTEBOOK) -> dict[str, dict]:
    """The notebook's parameters as papermill infers them (name, type, default, help)."""
    import papermill

    return papermill.inspect_notebook(str(notebook))


def parse_parameter(name: str, value: str, declared: dict[str, dict]) -> object:
    """Convert a ``-p NAME VALUE`` string to the parameter's declared type.

    Raises
    ------
    ParameterError
        When ``name`` is not a parameter or ``value`` does not fit its type.
    """
    if name in SET_BY_OPTIONS:
        raise ParameterError(f"parameter '{name}' is set by the command line's {SET_BY_OPTIONS[name]}; use that")
    if name not in declared:
        raise ParameterError(f"unknown parameter '{name}'; the notebook declares: {', '.join(sorted(declared))}")
    kind = (declared[name].get("inferred_type_name") or "str").strip()
    try:
        if kind == "int":
            number: int | float = int(value)
        elif kind == "float":
            number = float(value)
    except ValueError:
        raise ParameterError(f"parameter '{name}' must be {kind}, got '{value}'") from None
    if kind in ("int", "float"):
        check_value(name, number)
        return number
    if kind == "bool":
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        raise ParameterError(f"parameter '{name}' must be true or false, got '{value}'")
    check_value(name, value)
    return value


def parse_parameters(pairs: Iterable[tuple[str, str]], notebook: Path = ANALYSIS_NOTEBOOK) -> dict[str, object]:
    """Typed parameters from ``(name, value)`` pairs."""
    pairs = list(pairs)
    if not pairs:
        return {}
    declared = declared_parameters(notebook)
    return {name: parse_parameter(name, value, declared) for name, value in pairs}


def html_exporter() -> HTMLExporter:
    """nbconvert's HTML exporter with the ``briefing`` template, which drops the CDN scripts of the standard
    template and forbids any request to another host; no code, no prompts, no warnings."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import Preprocessor

    class DropStderr(Preprocessor):
        """Warnings belong to the notebook user, not the briefing reader."""

        def preprocess_cell(self, cell, resources, index):
            if cell.cell_type == "code":
                cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
            return cell, resources

    exporter = HTMLExporter(
        template_name="briefing",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(DropStderr(), enabled=True)
    return exporter


def compiled_exporter() -> HTMLExporter:
    """:func:`html_exporter` with its templates compiled, by converting an empty notebook (a tenth of a second)."""
    import nbformat

    exporter = html_exporter()
    exporter.from_notebook_node(nbformat.v4.new_notebook(), resources={"metadata": {"name": ""}})
    return exporter


def notebook_to_html(notebook: nbformat.NotebookNode, title: str, exporter: HTMLExporter | None = None) -> str:
    """Convert an executed notebook to self-contained HTML without code (with :func:`html_exporter`, or
    ``exporter`` made by it)."""
    body, _ = (exporter or html_exporter()).from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body


def stable_cell_ids(notebook: nbformat.NotebookNode) -> None:
    """Give papermill's injected cell a fixed id, so equal runs give equal HTML."""
    for cell in notebook.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"


def cell_label(notebook: nbformat.NotebookNode, index: int | None, name: str = ANALYSIS_NOTEBOOK.name) -> str:
    """A code cell as a one-line error names it: the notebook, the cell's index and its first line."""
    if index is None or not 0 <= index < len(notebook.cells):
        return name
    lines = [line for line in notebook.cells[index].source.splitlines() if line.strip()]
    first = lines[0].strip() if lines else ""
    return f"{name} cell {index} ({first[:60]}{'…' if len(first) > 60 else ''})"


def running_cell(notebook: nbformat.NotebookNode) -> int | None:
    """The last cell papermill started: where a dead kernel died (the cells after it are still pending)."""
    started = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    return started[-1] if started else None


def execution_error(
    exc: Exception,
    executed: nbformat.NotebookNode | None,
    kept: Path | None,
    name: str = ANALYSIS_NOTEBOOK.name,
    kernel_said: str = "",
) -> BriefingError:
    """Turn a papermill failure into the tool's own one-line error, naming the cell and the notebook kept.

    ``kernel_said`` is the last line the kernel wrote itself, added when it died (a fatal error's message).
    """
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    known = getattr(errors, ename, None)
    if isinstance(known, type) and issubclass(known, BriefingError):
        return known(evalue)  # bad input: its own message names the file
    index = getattr(exc, "cell_index", None)
    if index is None and executed is not None:
        index = running_cell(executed)
    where = cell_label(executed, index, name) if executed is not None else name
    problem = f"{ename}: {evalue}"
    if ename == "DeadKernelError":
        problem = "the kernel died" + (
            f", its last line: {kernel_said}" if kernel_said else " (out of memory or killed)"
        )
    problem = " ".join(str(problem).split())[:300]
    keep = f"; executed notebook kept as {kept}" if kept else ""
    return RenderError(f"{where}: {problem}{keep}; nothing was replaced")


def clean_record(executed: nbformat.NotebookNode, staged: dict[str, str]) -> None:
    """Make the executed notebook a record of this run's inputs, not of when or where it ran: drop papermill's
    timestamps and give the final paths instead of the staging folder's (which is deleted)."""
    record = executed.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "input_path", "output_path"):
        record.pop(key, None)
    parameters = record.get("parameters", {})
    for cell in executed.cells:
        cell.get("metadata", {}).pop("papermill", None)
        cell.get("metadata", {}).pop("execution", None)
    for temporary, final in staged.items():
        for key, value in parameters.items():
            if isinstance(value, str):
                parameters[key] = value.replace(temporary, final)
        for cell in executed.cells:
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                cell.source = cell.source.replace(temporary, final)


def start_kernel(log: Path, preload: Iterable[str] = KERNEL_PRELOAD) -> AsyncKernelManager:
    """Start the notebook's kernel in the project folder, importing the modules ``preload`` as it starts.

    Started before the render imports papermill and nbconvert (a second or more), which it would otherwise wait
    for; papermill then runs the notebook on it. Stop it with :func:`stop_kernel`.

    The kernel's own output (not its cells', which papermill records) is written to ``log``: a kernel stopped
    mid-run prints tracebacks of its closing sockets, which would otherwise break the command's one-line error.
    """
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    kernel = AsyncKernelManager(kernel_name=KERNEL_NAME)
    imports = [f"--IPKernelApp.exec_lines=import {module}" for module in preload]
    with log.open("ab") as output:  # the kernel holds its own copy of the file
        run_sync(kernel.start_kernel)(
            extra_arguments=[*KERNEL_ARGUMENTS, *imports], cwd=str(PROJECT_ROOT), stdout=output, stderr=output
        )
    return kernel


def last_words(log: Path) -> str:
    """The last line a kernel wrote to ``log`` (see :func:`start_kernel`), or "" when it wrote none."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return next((line.strip() for line in reversed(lines) if line.strip()), "")


def ask_kernel_to_stop(kernel: AsyncKernelManager) -> None:
    """Ask ``kernel`` to shut down, without waiting: it exits while the briefing is converted to HTML."""
    from jupyter_core.utils import run_sync

    if run_sync(kernel.is_alive)():
        run_sync(kernel.request_shutdown)()


def stop_kernel(kernel: AsyncKernelManager) -> None:
    """Shut ``kernel`` down (asked again if need be, killed if it does not exit in time) and free what it held."""
    from jupyter_core.utils import run_sync

    ask_kernel_to_stop(kernel)
    run_sync(kernel.finish_shutdown)()
    run_sync(kernel.cleanup_resources)()


def recording_engine():
    """papermill's nbclient engine, keeping a hold of the notebook it executes.

    papermill saves the whole notebook twice per cell by default, which grows with the briefing's outputs. The
    render asks for one save at the end instead; when the kernel dies, papermill saves nothing, so the notebook
    as far as it ran is taken from here to name the cell and to be kept for the user.
    """
    from papermill.engines import NBClientEngine

    class RecordingEngine(NBClientEngine):
        executing: nbformat.NotebookNode | None = None

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            cls.executing = nb_man.nb
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    return RecordingEngine


def render(
    corpus: str | Path,
    out: str | Path,
    title: str = "",
    parameters: dict[str, object] | None = None,
    progress: bool = True,
    notebook: Path = ANALYSIS_NOTEBOOK,
) -> RenderResult:
    """Render the briefing of ``corpus`` to the HTML file ``out``.

    Parameters
    ----------
    corpus : str or Path
        The corpus folder.
    out : str or Path
        The HTML file. The executed notebook is written beside it with the
        suffix ``.ipynb``, the tables and charts into ``<stem>_data/``.
    title : str
        Briefing title; empty keeps the notebook's default.
    parameters : dict, optional
        Further notebook parameters, already typed (see :func:`parse_parameters`).
    progress : bool
        Show papermill's progress bar.

    Returns
    -------
    RenderResult

    Raises
    ------
    BriefingError
        On bad input, a failing notebook or another run writing the same
        output; nothing is replaced then.
    """
    corpus = Path(corpus).resolve()
    final = checked_outputs(corpus, out)
    discover(corpus)  # fail fast, with the loader's own message
    params = notebook_parameters(parameters, corpus, title)
    with locked(final.html):
        staging = staging_folder(final.html)
        kernel = None
        try:
            kernel_log = staging / ".kernel.log"  # hidden, as commit's ".replaced": no staged output is named so
            kernel = start_kernel(kernel_log)
            staged = RenderResult(*(staging / path.name for path in final))
            params["export_dir"] = str(staged.export_dir)
            exporting = run_notebook(notebook, staged.notebook, params, kernel, progress, final.html, kernel_log)
            title_shown = briefing_title(str(params.get("title", "")), corpus)
            write_briefing(staged, final, title_shown, exporting.result())
            commit(moves_in(staged, final), staging)
        finally:
            if kernel is not None:
                stop_kernel(kernel)
            remove_staging(staging)
    return final


def notebook_parameters(parameters: dict[str, object] | None, corpus: Path, title: str) -> dict[str, object]:
    """The notebook's parameters for a render: ``parameters``, the corpus, the title when one is given, and the
    export folder, which is set once the staging folder exists."""
    params = dict(parameters or {})
    params.update(corpus=str(corpus), export_dir="")
    if title:
        params["title"] = title
    return params


def checked_outputs(corpus: Path, out: str | Path) -> RenderResult:
    """The resolved paths of a render's outputs, once checked: the briefing an .html file, no output a link, none
    inside the corpus, and the export folder one the tool may replace.

    Raises
    ------
    BriefingError
        Naming the output that cannot be written.
    """
    check_output_file(Path(out))  # before resolving it: a link's target is never written
    out = Path(out).resolve()
    if out.suffix.lower() not in (".html", ".htm"):
        raise ParameterError(f"{shown_path(out)}: the briefing must be an .html file")
    check_output_file(out.with_suffix(".ipynb"))
    export_dir = out.with_name(f"{out.stem}_data")
    check_apart(out, corpus, "briefing")
    check_apart(export_dir, corpus, "export folder")
    check_replaceable(export_dir)
    return RenderResult(out, out.with_suffix(".ipynb"), export_dir)


def run_notebook(
    notebook: Path,
    staged_notebook: Path,
    params: dict[str, object],
    kernel: AsyncKernelManager,
    progress: bool,
    out: Path,
    kernel_log: Path,
) -> Future[HTMLExporter]:
    """Run ``notebook`` with ``params`` on ``kernel`` into ``staged_notebook``, then ask the kernel to stop;
    meanwhile nbconvert is imported and its templates compiled: returns the future of that exporter.

    Raises
    ------
    BriefingError
        When the notebook fails (:func:`failed_run`); the notebook as far as it ran is kept beside ``out``.
    """
    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.engines import papermill_engines
    from papermill.exceptions import PapermillExecutionError

    # nbclient logs a dead kernel on its own line; the error below says it, with the cell
    quiet = logging.getLogger("papermill")
    level, quiet.level = quiet.level, logging.CRITICAL
    engine = recording_engine()
    papermill_engines.register(ENGINE_NAME, engine)
    # nbconvert is imported, and its templates compiled, while the notebook runs: this process mostly waits
    background = ThreadPoolExecutor(1)
    exporting = background.submit(compiled_exporter)
    background.shutdown(wait=False)  # the task still runs, and its thread ends with it
    try:
        papermill.execute_notebook(
            str(notebook),
            str(staged_notebook),
            parameters=params,
            engine_name=ENGINE_NAME,
            request_save_on_cell_execute=False,
            kernel_name=KERNEL_NAME,
            km=kernel,
            progress_bar=progress,
            cwd=str(PROJECT_ROOT),
            log_output=False,
        )
    except (PapermillExecutionError, DeadKernelError) as exc:
        raise failed_run(exc, engine.executing, staged_notebook, out, Path(notebook).name, kernel_log) from None
    finally:
        quiet.level = level
        ask_kernel_to_stop(kernel)
    return exporting


def failed_run(
    exc: Exception,
    executing: nbformat.NotebookNode | None,
    staged_notebook: Path,
    out: Path,
    name: str,
    kernel_log: Path,
) -> BriefingError:
    """The error of a notebook that failed, after keeping it as ``<stem>.failed.ipynb`` beside ``out`` (unless the
    input was at fault: its own message says all). ``executing`` is the notebook as far as it ran, for a kernel
    that died before papermill saved it."""
    import nbformat

    if not staged_notebook.exists() and executing is not None:
        nbformat.write(executing, staged_notebook)  # papermill saves nothing when the kernel dies
    executed = nbformat.read(staged_notebook, as_version=4) if staged_notebook.exists() else None
    kept = None
    if executed is not None and not isinstance(getattr(errors, getattr(exc, "ename", ""), None), type):
        kept = out.with_name(f"{out.stem}.failed.ipynb")
        shutil.copyfile(staged_notebook, staged_notebook.with_name(kept.name))
        os.replace(staged_notebook.with_name(kept.name), kept)  # a link in its place is replaced, never followed
    return execution_error(exc, executed, kept, name, last_words(kernel_log))


def write_briefing(staged: RenderResult, final: RenderResult, title: str, exporter: HTMLExporter) -> None:
    """Make the executed notebook in ``staged`` a record of the run under the ``final`` paths, and write the
    briefing's HTML, titled ``title``, from it beside it."""
    import nbformat

    executed = nbformat.read(staged.notebook, as_version=4)
    stable_cell_ids(executed)
    clean_record(executed, {str(staged.export_dir): str(final.export_dir), str(staged.notebook): str(final.notebook)})
    nbformat.write(executed, staged.notebook)
    staged.html.write_text(notebook_to_html(executed, title, exporter), encoding="utf-8")


def notebook_warnings(notebook: Path) -> list[str]:
    """The warnings the executed ``notebook`` printed (:func:`~briefing.tables.checks.print_warnings`), without
    their ``warning:`` prefix, in order: the command line prints them again, since the briefing leaves out what
    cells print to standard error."""
    import json

    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    return [
        line.removeprefix(WARNING_PREFIX)
        for cell in cells
        if cell.get("cell_type") == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
        for line in "".join(output.get("text", "")).splitlines()
        if line.startswith(WARNING_PREFIX)
    ]


def moves_in(staged: RenderResult, final: RenderResult) -> list[tuple[Path, Path]]:
    """The staged outputs to move into place, each with its final path: the export folder when the notebook wrote
    one, then the notebook and the briefing."""
    moves = [(staged.notebook, final.notebook), (staged.html, final.html)]
    if staged.export_dir.is_dir():
        moves.insert(0, (staged.export_dir, final.export_dir))
    return moves
