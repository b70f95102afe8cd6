"""The thread count of OpenBLAS, numpy's native linear algebra, for a command's process.

OpenBLAS starts a thread per core when numpy is imported, and reads how many only from the
environment, at that moment: there is no other way in. The learned model's matrices are
tiny, so the threads only cost start-up CPU (~0.1 s of `callsim grade ONE.jsonl`,
measured: 0.46 → 0.35 s CPU). This is the one place the package writes the environment.
"""

from __future__ import annotations

import os

VARIABLE = "OPENBLAS_NUM_THREADS"


def one_blas_thread() -> None:
    """Ask for one OpenBLAS thread, unless the user chose a number; call before anything
    imports numpy."""
    os.environ.setdefault(VARIABLE, "1")
