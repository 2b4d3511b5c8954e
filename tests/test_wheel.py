"""A wheel built from the project installs whole: in a fresh virtual environment, without the source tree, it
renders the seeds' briefing.

The wheel is built from a copy of the project's files in a temporary folder, without build isolation: the build
backend is the setuptools pinned in requirements.txt, so the build needs no network. The new environment takes the
dependencies from this environment's site-packages through a ``.pth`` line, which adds the folder but not the
``.pth`` files in it: the editable install of the source tree stays out, and ``briefing`` comes from the wheel
only. The dependencies'
data files (nbconvert's templates, the kernel's spec) are found through ``JUPYTER_PATH``; the kernel runs on the new
environment's python (jupyter_client starts the spec's ``python`` as the interpreter that asks).
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from briefing.paths import PROJECT_ROOT, SEEDS_DIR

pytestmark = pytest.mark.slow

# What pip needs to build the wheel; everything else in the project stays behind.
BUILT_FROM = ("pyproject.toml", "setup.py", "README.md", "analysis.ipynb", "briefing", "codebooks")


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``command``; its standard output, or a failure that shows both outputs."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def built_wheel(folder: Path) -> Path:
    """The project's wheel, built from a copy of its files in ``folder``."""
    source = folder / "source"
    source.mkdir()
    for name in BUILT_FROM:
        copy = shutil.copytree if (PROJECT_ROOT / name).is_dir() else shutil.copy2
        copy(
            PROJECT_ROOT / name,
            source / name,
            **({"ignore": shutil.ignore_patterns("__pycache__")} if copy is shutil.copytree else {}),
        )
    wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
    run([*wheel, "-w", str(folder / "dist"), "."], source)
    (wheel,) = (folder / "dist").glob("briefing-*.whl")
    return wheel


def fresh_environment(folder: Path, wheel: Path) -> Path:
    """A virtual environment with the wheel installed and this environment's packages beside it; its python."""
    venv = folder / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], folder)
    python = venv / "bin" / "python"
    purelib = Path(
        run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], folder).strip()
    )
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)], folder)
    return python


def test_a_wheel_installed_without_the_source_tree_renders_the_seeds_briefing(tmp_path):
    python = fresh_environment(tmp_path, built_wheel(tmp_path))
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        BRIEFING_CACHE=str(tmp_path / "cache"),
        PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}",
        JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"),  # the dependencies' data: nbconvert's templates
    )
    where = run(
        [str(python), "-c", "import briefing, briefing.paths as p; print(briefing.__file__, p.PROJECT_ROOT)"],
        outside,
        env,
    ).split()
    assert Path(where[0]).is_relative_to(tmp_path / "venv") and Path(where[1]) == outside
    out = outside / "reports" / "seeds.html"
    title = "Seeds from a wheel"
    command = [str(python), "-m", "briefing", "render", "--corpus", str(SEEDS_DIR), "--out", "reports/seeds.html"]
    run([*command, "--title", title, "--quiet"], outside, env)
    html = out.read_text(encoding="utf-8")
    assert title in html and 'id="stances"' in html
    exported = sorted(path.name for path in (outside / "reports" / "seeds_data").glob("*.csv"))
    assert "stances.csv" in exported and "sources.csv" in exported
    assert not (PROJECT_ROOT / "reports" / "seeds.html").exists()
