"""The layers of the package, kept by reading every module's imports (ast): a stage imports only its own stage and
earlier ones, in the order an article meets them; evaluation sits beside the stages."""

import ast
from pathlib import Path

import pytest

from briefing.paths import PACKAGE_DIR

# The stages in the order an article meets them; the modules that serve all come first.
FOUNDATIONS = ("errors", "paths", "safe_yaml", "progress", "outputs", "schema", "codebook")
STAGES = ("corpus", "language", "taggers", "run", "tables", "report", "publish", "cli")
LEVELS = {**dict.fromkeys(FOUNDATIONS, 0), **{stage: level for level, stage in enumerate(STAGES, start=1)}}
LEVELS["__main__"] = LEVELS["cli"]
# The one module of evaluate that the stages may read (the scores make eval recorded), and the modules the report
# never imports: those that run everything.
RECORDED_SCORES = "briefing.evaluate.recorded"
RUNS_EVERYTHING = ("briefing.run.pipeline", "briefing.tables.assembly")


def module_name(path: Path) -> str:
    """The dotted name of the module at ``path``, inside the package."""
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module of the package that the module at ``path`` imports, at its top or inside a function; ``from
    briefing.x import y`` counts as ``briefing.x.y`` (a module or a name of ``briefing.x``)."""
    package = module_name(path).rsplit(".", 0 if path.name == "__init__.py" else 1)[0].split(".")
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package, up level - 1
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".")[0] == "briefing"}


def stage(module: str) -> str:
    """The stage a module of the package belongs to: its package under ``briefing``, or its own name at the top."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = sorted(PACKAGE_DIR.rglob("*.py"))


def upward_imports(path: Path) -> list[str]:
    """The imports of the module at ``path`` that break the layers, each with why."""
    own, module = stage(module_name(path)), module_name(path)
    broken = []
    for name in sorted(imported(path)):
        other = stage(name)
        if other == "__init__" or other == own:
            continue
        if other == "train":  # beside the stages: what trains a model is never run by the analysis
            if own not in ("train", "cli", "__main__"):
                broken.append(f"{name}: only the command line imports what trains")
        elif other == "evaluate":
            # training learns from the labels the evaluation scores by, so that both count a claim alike
            if name.startswith(RECORDED_SCORES) or own in ("cli", "__main__", "train"):
                continue
            broken.append(f"{name}: only the command line, training and {RECORDED_SCORES} import evaluate")
        elif own in ("evaluate", "train") and other in ("cli", "__main__"):
            broken.append(f"{name}: {own} does not import the command line")
        elif own == "evaluate":
            if module.startswith(RECORDED_SCORES) and LEVELS[other] > 0:
                broken.append(f"{name}: the recorded scores read only foundations")
        elif own == "report" and name.startswith(RUNS_EVERYTHING):
            broken.append(f"{name}: the report reads an analysis, it never runs one")
        elif LEVELS[other] > LEVELS.get(own, len(STAGES)):
            broken.append(f"{name}: {other} comes after {own}")
    return broken


def test_every_module_belongs_to_a_stage():
    stages = {stage(module_name(path)) for path in MODULES}
    beside = {"evaluate", "train", "__init__"}
    assert stages <= {*LEVELS, *beside}, stages - {*LEVELS, *beside}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_no_module_imports_a_later_stage(path):
    assert upward_imports(path) == []


def test_the_layer_check_catches_an_upward_import(tmp_path, monkeypatch):
    """The check itself: a tagger importing the report, and the report importing the pipeline, are caught."""
    tagger = PACKAGE_DIR / "taggers" / "framing.py"
    report = PACKAGE_DIR / "report" / "common.py"
    sources = {
        tagger: "from briefing.report import common\nfrom briefing.language import parsing\n",
        report: "def f():\n    from briefing.run.pipeline import analyze_documents\n",
    }
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: sources[self])
    assert upward_imports(tagger) == ["briefing.report.common: report comes after taggers"]
    assert upward_imports(report) == [
        "briefing.run.pipeline.analyze_documents: the report reads an analysis, it never runs one"
    ]


def test_the_help_tells_the_stages_in_the_order_of_the_tree():
    from briefing.cli import build_parser

    text = " ".join(build_parser().format_help().split())
    stages = [text.index(f"({stage})") for stage in STAGES[:-1]]
    assert stages == sorted(stages)
    commands = [text.index(f" {command} ") for command in ("analyze", "render", "codebook", "evaluate")]
    assert commands == sorted(commands)
