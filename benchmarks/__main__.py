"""`python -m benchmarks`: run every benchmark module, then gather their results.

A benchmark is a module of this folder that defines `main()`; each runs in its own
process (`python -m benchmarks.<name>`) so one's caches and imports do not flatter the
next. Each writes `results/<name>.md`; they are joined into `RESULTS.md`.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
SUMMARY = HERE / "RESULTS.md"
_MAIN = re.compile(r"^def main\(", re.MULTILINE)


def benchmark_modules() -> list[str]:
    """Names of the modules in benchmarks/ that define main(), sorted."""
    return sorted(
        path.stem
        for path in HERE.glob("*.py")
        if not path.stem.startswith("_") and _MAIN.search(path.read_text(encoding="utf-8"))
    )


def main(argv: list[str] | None = None) -> int:
    names = list(argv if argv is not None else sys.argv[1:]) or benchmark_modules()
    failed: list[str] = []
    for name in names:
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], check=False)
        print(f"== {name}: exit {done.returncode}, {time.perf_counter() - start:.1f} s")
        if done.returncode != 0:
            failed.append(name)
    parts = ["# Benchmark results", "", "Command: `.venv/bin/python -m benchmarks`", ""]
    for path in sorted(RESULTS.glob("*.md")):
        parts += [path.read_text(encoding="utf-8").strip(), ""]
    SUMMARY.write_text("\n".join(parts), encoding="utf-8")
    if failed:
        print(f"not met or failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
