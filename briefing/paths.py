"""Every project path, built from the package root.

The package is installed in editable mode, so the project root is the folder
that holds ``briefing/``; notebooks in any folder resolve paths through here
instead of ``../`` strings.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = PROJECT_ROOT / "briefing"
TEMPLATES_DIR = PACKAGE_DIR / "publish" / "templates"
SEEDS_DIR = PROJECT_ROOT / "seeds"
REPORTS_DIR = PROJECT_ROOT / "reports"
ANALYSIS_NOTEBOOK = PROJECT_ROOT / "analysis.ipynb"
CODEBOOKS_DIR = PROJECT_ROOT / "codebooks"
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
        An absolute path.
    """
    path = Path(path).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def display_path(path: str | Path) -> str:
    """Show ``path`` relative to the project root when it lies inside it.

    Keeps machine-specific absolute paths out of notebook outputs.
    """
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)
