"""Options for the whole test suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fuzz import budget


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        default=False,
        help="run the fuzz tests with thousands of examples per target instead of hundreds",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Read when the fuzz modules are imported (their example counts are fixed by
    # decorators at import time, after this hook has run). A flag, not an environment
    # variable: nothing in callsim or its tests writes the environment.
    if config.getoption("--fuzz-long"):
        budget.LONG = True


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite's compiled entries go to a folder of its own, never the user's cache: a
    run leaves nothing behind, and no test reads an entry an earlier run wrote."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CALLSIM_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield
