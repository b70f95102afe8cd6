"""One settings object: `CALLSIM_*` variables, overridden by the command's options, and
never written back to the environment."""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator import locations, settings
from simulator.cli import SUBCOMMANDS, build_parser, main
from simulator.cli.serve_cmd import access_for
from simulator.settings import Settings, child_environment, current, overridden
from simulator.store.urls import resolve_url
from simulator.tui.app import make_app
from simulator.tui.model.services import Services
from simulator.voice.trainee.voice_input_check import mic_file_setting


def test_settings_come_from_callsim_variables_and_empty_ones_count_as_unset(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CALLSIM_RECORDINGS_DIR", str(tmp_path))
    monkeypatch.setenv("CALLSIM_CLASS", "一班")
    monkeypatch.setenv("CALLSIM_DB", "")
    monkeypatch.delenv("CALLSIM_SCENARIOS_DIR", raising=False)
    found = current()
    assert (found.recordings_dir, found.class_name, found.db) == (tmp_path, "一班", None)
    assert found.scenarios_dir is None
    assert locations.recordings_dir() == tmp_path
    assert locations.default_class() == "一班"


def test_a_variable_set_later_is_seen_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_DB", "sqlite:///first.db")
    assert resolve_url() == "sqlite:///first.db"
    monkeypatch.setenv("CALLSIM_DB", "sqlite:///second.db")
    assert resolve_url() == "sqlite:///second.db"


def test_an_override_is_seen_by_every_thread_and_ends_with_its_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CALLSIM_DB", "sqlite:///from-env.db")
    before = dict(os.environ)
    seen: list[str | None] = []
    with overridden(db="sqlite:///from-option.db"):
        worker = threading.Thread(target=lambda: seen.append(current().db))
        worker.start()
        worker.join()
        assert resolve_url() == "sqlite:///from-option.db"
        assert dict(os.environ) == before
    assert seen == ["sqlite:///from-option.db"]
    assert resolve_url() == "sqlite:///from-env.db"


def test_a_child_process_gets_the_settings_in_force_as_variables(tmp_path: Path) -> None:
    with overridden(db="sqlite:///x.db", pseudonym_key="k" * 32, mic_file=tmp_path / "a.wav"):
        env = child_environment()
    assert env["CALLSIM_DB"] == "sqlite:///x.db"
    assert env["CALLSIM_PSEUDONYM_KEY"] == "k" * 32
    assert env["CALLSIM_MIC_FILE"] == str(tmp_path / "a.wav")
    assert "CALLSIM_DB" not in os.environ or os.environ["CALLSIM_DB"] != "sqlite:///x.db"


def test_the_environment_round_trips_through_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    made = Settings(db="sqlite:///y.db", class_name="二班")
    for key, value in made.environment().items():
        monkeypatch.setenv(key, value)
    assert (Settings().db, Settings().class_name) == ("sqlite:///y.db", "二班")


def test_the_command_line_options_reach_the_command_without_touching_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CALLSIM_DB", raising=False)
    monkeypatch.delenv("CALLSIM_RECORDINGS_DIR", raising=False)
    own = tmp_path / "own"
    own.mkdir()
    before = dict(os.environ)
    seen: dict[str, object] = {}

    def handler(args: object, given: Settings) -> int:
        seen["given"] = given
        seen["current"] = current()
        seen["recordings"] = locations.recordings_dir()
        seen["db"] = resolve_url()
        seen["trainer"] = locations.trainer_dir()
        seen["environ"] = dict(os.environ)
        return 0

    monkeypatch.setattr("simulator.cli.validate_cmd.run", handler)
    argv = ["--recordings", str(tmp_path / "rec"), "--db", "sqlite:///opt.db"]
    assert main([*argv, "--scenarios", str(own), "validate"]) == 0
    given = seen["given"]
    assert isinstance(given, Settings)
    assert given is seen["current"]
    assert (given.recordings_dir, given.db, given.scenarios_dir) == (
        tmp_path / "rec",
        "sqlite:///opt.db",
        own,
    )
    assert seen["recordings"] == tmp_path / "rec"
    assert seen["db"] == "sqlite:///opt.db"
    assert seen["trainer"] == own
    assert seen["environ"] == before
    assert dict(os.environ) == before
    assert settings.current().db is None


def test_the_virtual_microphone_is_a_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CALLSIM_MIC_FILE", raising=False)
    assert mic_file_setting() is None
    with overridden(mic_file=tmp_path / "voice.wav"):
        assert mic_file_setting() == tmp_path / "voice.wav"
    monkeypatch.setenv("CALLSIM_MIC_FILE", str(tmp_path / "env.wav"))
    assert mic_file_setting() == tmp_path / "env.wav"


def _handlers(parser: argparse.ArgumentParser) -> list[Callable[..., int]]:
    """Every handler a parser and its sub-parsers (`serve board`, `scenarios export`) run."""
    found = [parser.get_default("handler")] if parser.get_default("handler") else []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += _handlers(child)
    return found


def test_every_subcommand_handler_takes_the_settings() -> None:
    """The one contract of `simulator.cli`: `handler(args, settings)` for every subcommand."""
    for name in SUBCOMMANDS:
        handlers = _handlers(build_parser(name))
        assert handlers, name
        for handler in handlers:
            assert list(inspect.signature(handler).parameters)[:2] == ["args", "settings"], name


def test_the_app_and_its_services_use_the_settings_they_are_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Built from a Settings object, not from whatever is in force when a screen asks."""
    monkeypatch.setenv("CALLSIM_RECORDINGS_DIR", str(tmp_path / "env-rec"))
    monkeypatch.setenv("CALLSIM_DATA_DIR", str(tmp_path / "env-data"))
    chosen = Settings(
        recordings_dir=tmp_path / "rec",
        data_dir=tmp_path / "data",
        db=f"sqlite:///{tmp_path / 'results.db'}",
    )
    app = make_app(settings=chosen)
    assert app.settings is chosen
    services = app.services
    assert (services.recordings_dir, services.data_dir) == (tmp_path / "rec", tmp_path / "data")
    assert services.open_store().url == chosen.db
    assert current().recordings_dir == tmp_path / "env-rec"  # nothing left behind


def test_services_made_without_settings_take_those_in_force(tmp_path: Path) -> None:
    with overridden(recordings_dir=tmp_path / "rec") as chosen:
        services = Services()
    assert services.settings is chosen
    assert services.recordings_dir == tmp_path / "rec"


def test_serve_takes_its_token_from_the_settings_it_is_given() -> None:
    args = argparse.Namespace(token=None, host="0.0.0.0", public_url=None, max_sessions=8)
    assert access_for(args, Settings(serve_token="from-settings-1")).token == "from-settings-1"
    args.token = "from-option-22"
    assert access_for(args, Settings(serve_token="from-settings-1")).token == "from-option-22"


def _environment_writes(path: Path, root: Path) -> list[str]:
    """`file:line` of every write to the process environment in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[int] = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.Delete):
            targets = node.targets
        elif isinstance(node, ast.AugAssign):
            targets = [node.target]
        hit = any(
            isinstance(t, ast.Subscript) and ast.unparse(t.value) == "os.environ" for t in targets
        )
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = ast.unparse(node.func)
            hit = hit or name in {"os.putenv", "os.unsetenv"}
            hit = hit or name in {f"os.environ.{method}" for method in ENVIRON_WRITERS}
        if hit:
            found.append(getattr(node, "lineno", 0))
    return [f"{path.relative_to(root).as_posix()}:{line}" for line in sorted(found)]


ENVIRON_WRITERS = ("update", "setdefault", "pop", "popitem", "clear", "__setitem__")
ROOT = Path(__file__).resolve().parent.parent


def test_nothing_writes_the_environment() -> None:
    """Settings travel as an object. The exceptions configure a C library of their own
    process that reads the environment when it loads, with no other way in: ALSA for a
    benchmark (read by PortAudio), OpenBLAS's thread count for a command (read by numpy)."""
    allowed = {"benchmarks/caller_voice_latency.py", "simulator/cli/native_threads.py"}
    writes = [
        where
        for folder in ("simulator", "tests", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in allowed
        for where in _environment_writes(path, ROOT)
    ]
    assert writes == []


def test_the_environment_scan_sees_each_kind_of_write(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os\nos.environ['A'] = '1'\nos.environ.update(B='2')\n"
        "os.putenv('C', '3')\ndel os.environ['A']\nos.environ.get('D')\n"
        "env = {**os.environ}\nenv['E'] = '5'\n",
        encoding="utf-8",
    )
    assert _environment_writes(probe, tmp_path) == [
        "probe.py:2",
        "probe.py:3",
        "probe.py:4",
        "probe.py:5",
    ]


def test_variables_are_read_as_their_fields_types_whatever_their_case(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CALLSIM_DATA_DIR", raising=False)
    monkeypatch.delenv("CALLSIM_DB", raising=False)
    monkeypatch.setenv("callsim_data_dir", str(tmp_path))
    monkeypatch.setenv("CALLSIM_CLASS", "三班")
    monkeypatch.setenv("CALLSIM_CLASS_NAME", "not the class")  # the variable is CALLSIM_CLASS
    found = Settings()
    assert found.data_dir == tmp_path and isinstance(found.data_dir, Path)
    assert found.class_name == "三班"
    assert Settings(data_dir=str(tmp_path / "x")).data_dir == tmp_path / "x"
    copied = found.model_copy(update={"db": "sqlite:///z.db"})
    assert (copied.db, copied.data_dir, found.db) == ("sqlite:///z.db", tmp_path, None)


def test_a_misspelt_setting_is_an_error_not_a_silent_default() -> None:
    with pytest.raises(TypeError, match="recording_dir"):
        Settings(recording_dir=Path("x"))
    with pytest.raises(TypeError, match="dbb"):
        current().model_copy(update={"dbb": "sqlite://"})


def test_a_command_asks_for_one_blas_thread_unless_the_user_chose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from simulator.cli import native_threads

    # Recorded by setenv first, so the variable is put back as it was after the test.
    monkeypatch.setenv(native_threads.VARIABLE, "recorded")
    monkeypatch.delenv(native_threads.VARIABLE)
    native_threads.one_blas_thread()
    assert os.environ[native_threads.VARIABLE] == "1"
    monkeypatch.setenv(native_threads.VARIABLE, "4")
    native_threads.one_blas_thread()
    assert os.environ[native_threads.VARIABLE] == "4"
