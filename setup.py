"""Build hook (the metadata is in pyproject.toml): an installed wheel carries the paper forms
and the resources inside the ``app`` package, as ``app/_data/forms_templates`` and
``app/_data/resources``, where ``app.config`` looks first. A source checkout (and an editable
install) uses the top-level folders themselves."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_DIRS = ("forms_templates", "resources")


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "app" / "_data"
        for name in DATA_DIRS:
            if (ROOT / name).is_dir():
                shutil.rmtree(target / name, ignore_errors=True)
                shutil.copytree(ROOT / name, target / name,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithData})
