"""Build step that puts the shipped scenario library into the package.

`scenarios/` stays at the top of the checkout, where trainers, tests and the README
expect it; a wheel carries a copy as `simulator/_library/` so an installed callsim has
every scenario, the phrase catalog, the exams, the JSON Schemas and the example
recordings the rule reference quotes
(`simulator.locations.library_dir()` finds either). Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LIBRARY_SOURCE = Path(__file__).resolve().parent / "scenarios"
LIBRARY_PACKAGE = Path("simulator") / "_library"
LIBRARY_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".jsonl"})


class BuildPyWithLibrary(build_py):
    """`build_py`, then the scenario library copied under the package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads scenarios/ in the checkout itself
        target = Path(self.build_lib) / LIBRARY_PACKAGE
        if target.exists():
            shutil.rmtree(target)  # a file removed from scenarios/ must not linger
        for source in sorted(LIBRARY_SOURCE.rglob("*")):
            if source.is_file() and source.suffix in LIBRARY_SUFFIXES:
                copy = target / source.relative_to(LIBRARY_SOURCE)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)


setup(cmdclass={"build_py": BuildPyWithLibrary})
