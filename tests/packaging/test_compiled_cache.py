"""The compiled-catalog and validation caches: used when nothing changed, rebuilt when a
file's bytes or the code change, never stale, harmless when broken or turned off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from simulator import cache
from simulator.cli import main
from simulator.errors import UserError
from simulator.locations import PROJECT_ROOT
from simulator.standards import Catalog, catalog
from tests.packaging.same_stat import edit_keeping_stat

STANDARDS = PROJECT_ROOT / "scenarios" / "standards"
EXTRA = """
  - text: 这是测试用的禁用语
    source: 测试 临时禁用语
    instead: 换一种说法
"""


@pytest.fixture
def standards(tmp_path: Path) -> Path:
    copy = tmp_path / "standards"
    shutil.copytree(STANDARDS, copy)
    return copy


@pytest.fixture
def merges(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts real compilations; the in-memory cache is emptied so the disk is asked."""
    count: list[int] = []
    real = catalog._merge

    def counted(files: list[Path]) -> Catalog:
        count.append(1)
        return real(files)

    monkeypatch.setattr(catalog, "_merge", counted)
    return count


def fresh(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Catalog:
    """The catalog as a new process would load it (nothing in memory)."""
    monkeypatch.setattr(catalog, "_cache", {})
    return catalog.load_catalog(folder)


def test_a_second_run_reads_the_compiled_catalog(
    standards: Path, merges: list[int], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fresh(standards, monkeypatch)
    assert len(merges) == 1 and len(list(private_cache.glob("catalog-*.pickle"))) == 1
    second = fresh(standards, monkeypatch)
    assert len(merges) == 1
    assert second.groups == first.groups and second.forbidden == first.forbidden
    assert second.families == first.families and second.files == first.files


def test_changed_bytes_are_compiled_again_even_with_the_same_size_and_time(
    standards: Path, merges: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh(standards, monkeypatch)
    path = standards / "forbidden.yaml"
    edit_keeping_stat(path, "没有", "莫有")
    changed = fresh(standards, monkeypatch)
    assert len(merges) == 2
    assert "有莫有搞错" in {entry.text for entry in changed.forbidden}


def test_an_added_phrase_is_graded_at_once(
    standards: Path, merges: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fresh(standards, monkeypatch)
    path = standards / "forbidden.yaml"
    path.write_text(path.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    after = fresh(standards, monkeypatch)
    texts = {entry.text for entry in after.forbidden}
    assert "这是测试用的禁用语" in texts
    assert "这是测试用的禁用语" not in {entry.text for entry in before.forbidden}


def test_new_code_compiles_again(
    standards: Path, merges: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh(standards, monkeypatch)
    monkeypatch.setattr(cache, "code_version", lambda: "9.9.9-other")
    fresh(standards, monkeypatch)
    assert len(merges) == 2


def test_the_code_version_follows_the_package_files() -> None:
    cache.code_version.cache_clear()
    try:
        first = cache.code_version()
        module = Path(cache.__file__)
        stat = module.stat()
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        try:
            cache.code_version.cache_clear()
            assert cache.code_version() != first
        finally:
            os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        cache.code_version.cache_clear()
        assert cache.code_version() == first
    finally:
        cache.code_version.cache_clear()


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05N."])
def test_a_broken_entry_is_rebuilt(
    content: bytes,
    standards: Path,
    merges: list[int],
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = fresh(standards, monkeypatch)
    (entry,) = private_cache.glob("catalog-*.pickle")
    entry.write_bytes(content)
    again = fresh(standards, monkeypatch)
    assert len(merges) == 2 and again.groups == good.groups
    assert entry.stat().st_size > len(content)  # replaced by a good entry


def test_a_bad_file_is_never_cached(
    standards: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (standards / "broken.yaml").write_text("groups: [\n", encoding="utf-8")
    for _ in range(2):
        monkeypatch.setattr(catalog, "_cache", {})
        with pytest.raises(UserError, match=r"broken\.yaml"):
            catalog.load_catalog(standards)
    assert not list(private_cache.glob("*.pickle"))


def test_turned_off_it_writes_nothing(
    standards: Path, merges: list[int], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DISABLE_ENV_VAR, "1")
    fresh(standards, monkeypatch)
    fresh(standards, monkeypatch)
    assert len(merges) == 2 and not private_cache.exists()


def test_an_unwritable_cache_only_costs_the_speed(
    standards: Path, merges: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(blocker))  # a file: no folder can be made
    assert fresh(standards, monkeypatch).groups
    assert len(merges) == 1


# ---------------------------------------------------------------- callsim validate


@pytest.fixture
def library(tmp_path: Path) -> Path:
    copy = tmp_path / "library"
    shutil.copytree(PROJECT_ROOT / "scenarios", copy)
    return copy


def validate(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", str(folder)])
    return code, capsys.readouterr().out


def test_validate_reports_from_the_cache_only_while_nothing_changed(
    library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    from simulator.cli import validation

    real = validation.validate_paths

    def counted(targets: list[Path]) -> validation.ValidationReport:
        calls.append(1)
        return real(targets)

    monkeypatch.setattr(validation, "validate_paths", counted)
    first = validate(library, capsys)
    assert first[0] == 0 and "全部通过" in first[1]
    assert validate(library, capsys) == first and len(calls) == 1

    scenario = library / "silent-call.yaml"
    scenario.write_text(
        scenario.read_text(encoding="utf-8").replace("persona:", "persona: nobody\nx_persona:", 1),
        encoding="utf-8",
    )
    code, out = validate(library, capsys)
    assert code == 1 and "silent-call.yaml:" in out and len(calls) == 2


def test_validate_sees_a_change_in_another_file_a_script_depends_on(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scripts = library / "scripts"
    assert validate(scripts, capsys)[0] == 0
    (library / "silent-call.yaml").unlink()  # outside the folder checked, named by scripts
    code, out = validate(scripts, capsys)
    assert code == 1 and "找不到场景 'silent-call'" in out


def test_catalog_readings_are_kept_and_follow_the_phrases(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.standards import pinyin

    computed: list[tuple[str, ...]] = []
    real = pinyin._preferred_readings

    def counted(phrases: tuple[str, ...]) -> dict[str, str]:
        computed.append(tuple(phrases))
        return real(phrases)

    monkeypatch.setattr(pinyin, "_preferred_readings", counted)
    first = pinyin.Readings.from_phrases(["请您重复一遍", "还有什么"])
    again = pinyin.Readings.from_phrases(["请您重复一遍", "还有什么"])
    assert len(computed) == 1 and again.preferred == first.preferred
    assert first.preferred["重"] == "chong" and first.preferred["还"] == "hai"
    other = pinyin.Readings.from_phrases(["重要", "还钱"])
    assert len(computed) == 2
    assert other.preferred["重"] == "zhong" and other.preferred["还"] == "huan"
    # Texts that join to the same characters are still told apart.
    pinyin.Readings.from_phrases(["重要还", "钱"])
    assert len(computed) == 3
    assert len(list(private_cache.glob("readings-*.pickle"))) == 3


def test_pattern_parses_are_kept_shared_and_follow_the_patterns(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.standards import patterns

    parsed: list[tuple[str, ...]] = []
    real = patterns._parse_all

    def counted(bodies: list[str]) -> dict[str, object]:
        parsed.append(tuple(bodies))
        return real(bodies)  # type: ignore[return-value]

    monkeypatch.setattr(patterns, "_parse_all", counted)
    first = ["(请|麻烦)(您|你)?再说一遍", "^(您|你)好$", "请(您|你)稍等"]
    for _ in range(2):  # as two processes would: nothing kept in memory
        monkeypatch.setattr(patterns, "_prepared", {})
        patterns.prepare(first)
    assert len(parsed) == 1 and len(list(private_cache.glob("patterns-*.pickle"))) == 1
    # Read back, the parse is the one parsing gives, and equal parts are one object.
    for pattern in first:
        body = patterns._anchors(pattern)[0]
        assert patterns._parsed(body) == patterns._parse(body)
    optional_you = patterns._parsed("(请|麻烦)(您|你)?再说一遍")[0][1]
    you = patterns._parsed("请(您|你)稍等")[0][1]
    assert isinstance(optional_you, patterns._Opt) and optional_you.node is you
    # One edited pattern: parsed afresh, compiled from the new text.
    monkeypatch.setattr(patterns, "_prepared", {})
    patterns.prepare(["(请|麻烦)(您|你)?再讲一遍", *first[1:]])
    assert len(parsed) == 2
    compiled = patterns.compile_pattern("(请|麻烦)(您|你)?再讲一遍", lambda c: c)
    assert compiled.text.search("麻烦您再讲一遍") and not compiled.text.search("麻烦您再说一遍")
    with pytest.raises(patterns.PatternError):
        patterns.prepare(["(请|麻烦"])
