"""The build step pyproject.toml cannot declare: the wheel carries the language data.

`configs/` and `models/` stay at the top of the repository (one copy, edited there); building
the package copies them into `pipeline/_data/`, where `pipeline.locations` finds them in an
installed package. An editable install reads the checkout's folders and copies nothing.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_FOLDERS = ("configs", "models")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in DATA_FOLDERS:
            target = Path(self.build_lib) / "pipeline" / "_data" / name
            shutil.rmtree(target, ignore_errors=True)   # nothing left over from an earlier build
            shutil.copytree(ROOT / name, target, ignore=shutil.ignore_patterns(".*", "__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
