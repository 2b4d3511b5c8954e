"""The wheel carries what a render needs from the project around the package: the briefing notebook and the
codebooks, copied into ``briefing/bundled/`` as the package is built (:mod:`briefing.paths` finds them there when
the package is installed without its source tree). Everything else is declared in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PROJECT = Path(__file__).resolve().parent
CARRIED = ("analysis.ipynb", "codebooks")


class BuildWithProjectFiles(build_py):
    """``build_py``, then the project files of :data:`CARRIED` copied into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads them in the source tree
            return
        bundled = Path(self.build_lib) / "briefing" / "bundled"
        bundled.mkdir(parents=True, exist_ok=True)
        for name in CARRIED:
            source = PROJECT / name
            if source.is_dir():
                shutil.copytree(source, bundled / name, dirs_exist_ok=True)
            else:
                shutil.copy2(source, bundled / name)


setup(cmdclass={"build_py": BuildWithProjectFiles})
