"""Every project path, built from the package root.

In the source tree (an editable install, or ``PYTHONPATH``), the project root is the folder that holds
``briefing/``: the briefing notebook, the codebooks and the seeds live there. An installed package (a wheel) has no
project around it: it carries the briefing notebook and the codebooks inside itself (:data:`BUNDLED_DIR`, copied
there by ``setup.py`` when the wheel is built), and relative paths start at the working folder. Notebooks in any
folder resolve paths through here instead of ``../`` strings.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# What a wheel carries of the project: analysis.ipynb and codebooks/ (absent from the source tree).
BUNDLED_DIR = PACKAGE_DIR / "bundled"
IN_SOURCE_TREE = not BUNDLED_DIR.is_dir()
PROJECT_ROOT = PACKAGE_DIR.parent if IN_SOURCE_TREE else Path.cwd().resolve()
TEMPLATES_DIR = PACKAGE_DIR / "publish" / "templates"
SEEDS_DIR = PROJECT_ROOT / "seeds"
REPORTS_DIR = PROJECT_ROOT / "reports"
ANALYSIS_NOTEBOOK = (PROJECT_ROOT if IN_SOURCE_TREE else BUNDLED_DIR) / "analysis.ipynb"
CODEBOOKS_DIR = (PROJECT_ROOT if IN_SOURCE_TREE else BUNDLED_DIR) / "codebooks"
DEFAULT_CODEBOOK = CODEBOOKS_DIR / "ukraine-peace-talks.yaml"
DEFAULT_BRIEFING = REPORTS_DIR / "briefing.html"


def project_path(path: str | Path) -> Path:
    """Resolve ``path`` against the project root unless it is absolute.

    Parameters
    ----------
    path : str or Path
        A path as a notebook parameter gives it, e.g. ``"seeds"``.

    Returns
    -------
    Path
        An absolute path. In an installed package, a path the working folder does not hold but the package
        carries (``codebooks/...``, the notebook parameter's default) is the package's.
    """
    path = Path(path).expanduser()
    if path.is_absolute():
        return path
    carried = BUNDLED_DIR / path
    if not IN_SOURCE_TREE and not (PROJECT_ROOT / path).exists() and carried.exists():
        return carried
    return PROJECT_ROOT / path


def display_path(path: str | Path) -> str:
    """Show ``path`` relative to the project root when it lies inside it.

    Keeps machine-specific absolute paths out of notebook outputs.
    """
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)
