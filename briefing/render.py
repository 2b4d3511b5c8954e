"""Render the briefing: run ``analysis.ipynb`` with papermill, convert with nbconvert.

Everything is written into a staging folder beside the output first. The
previous briefing, notebook and export are replaced only after the new ones
were produced in full, so a failed run loses nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import nbformat

from briefing import errors
from briefing.corpus import discover
from briefing.errors import BriefingError, ParameterError, RenderError
from briefing.export import replace_dir_contents
from briefing.paths import ANALYSIS_NOTEBOOK, PROJECT_ROOT, TEMPLATES_DIR
from briefing.report import briefing_title

KERNEL_NAME = "python3"
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
    if name not in declared:
        raise ParameterError(f"unknown parameter '{name}'; the notebook declares: {', '.join(sorted(declared))}")
    kind = (declared[name].get("inferred_type_name") or "str").strip()
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except ValueError:
        raise ParameterError(f"parameter '{name}' must be {kind}, got '{value}'") from None
    if kind == "bool":
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        raise ParameterError(f"parameter '{name}' must be true or false, got '{value}'")
    return value


def parse_parameters(pairs: Iterable[tuple[str, str]], notebook: Path = ANALYSIS_NOTEBOOK) -> dict[str, object]:
    """Typed parameters from ``(name, value)`` pairs."""
    pairs = list(pairs)
    if not pairs:
        return {}
    declared = declared_parameters(notebook)
    return {name: parse_parameter(name, value, declared) for name, value in pairs}


def notebook_to_html(notebook: nbformat.NotebookNode, title: str) -> str:
    """Convert an executed notebook to self-contained HTML without code.

    Uses the ``briefing`` template, which drops the CDN scripts of the
    standard template and forbids any request to another host.
    """
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
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body


def stable_cell_ids(notebook: nbformat.NotebookNode) -> None:
    """Give papermill's injected cell a fixed id, so equal runs give equal HTML."""
    for cell in notebook.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"


def execution_error(exc: Exception) -> BriefingError:
    """Turn a papermill failure into the tool's own one-line error."""
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    known = getattr(errors, ename, None)
    if isinstance(known, type) and issubclass(known, BriefingError):
        return known(evalue)
    return RenderError(f"{ANALYSIS_NOTEBOOK.name} failed: {ename}: {evalue}")


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
        On bad input or a failing notebook; nothing is replaced then.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    corpus = Path(corpus).resolve()
    out = Path(out).resolve()
    if out.suffix.lower() not in (".html", ".htm"):
        raise ParameterError(f"{out}: the briefing must be an .html file")
    if out.is_relative_to(corpus):
        raise ParameterError(f"{out}: output would be written into the corpus folder {corpus}")
    discover(corpus)  # fail fast, with the loader's own message
    export_dir = out.with_name(f"{out.stem}_data")
    params = dict(parameters or {})
    params.update(corpus=str(corpus), export_dir="")
    if title:
        params["title"] = title
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.stem}-render-", dir=out.parent))
    try:
        staged_notebook = staging / f"{out.stem}.ipynb"
        staged_export = staging / export_dir.name
        params["export_dir"] = str(staged_export)
        try:
            papermill.execute_notebook(
                str(notebook),
                str(staged_notebook),
                parameters=params,
                kernel_name=KERNEL_NAME,
                progress_bar=progress,
                cwd=str(PROJECT_ROOT),
                log_output=False,
                # The kernel's TCP notice is noise for a local, short-lived kernel.
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
        except PapermillExecutionError as exc:
            raise execution_error(exc) from None
        executed = nbformat.read(staged_notebook, as_version=4)
        stable_cell_ids(executed)
        nbformat.write(executed, staged_notebook)
        html = notebook_to_html(executed, briefing_title(str(params.get("title", "")), corpus))
        (staging / out.name).write_text(html, encoding="utf-8")
        if staged_export.is_dir():
            replace_dir_contents(staged_export, export_dir)
        os.replace(staged_notebook, out.with_suffix(".ipynb"))
        os.replace(staging / out.name, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RenderResult(out, out.with_suffix(".ipynb"), export_dir)
