"""Building a matcher is cheap: expressions compile on first use, readings come from a cache.

The verdicts must not depend on any of it: a lazily compiled pattern finds what an eagerly
compiled one does, and cached readings equal freshly computed ones.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator import locations
from simulator.cache import FOLDER
from simulator.standards import Catalog, PhraseMatcher
from simulator.standards import pinyin as pinyin_module
from simulator.standards.forms import TextForms
from simulator.standards.intents import PatternSet
from simulator.standards.patterns import PatternError, _tokens, compile_pattern, literal_runs
from simulator.standards.pinyin import Readings


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(tmp_path))
    return tmp_path


def _entries(cache_dir: Path) -> list[Path]:
    """The cached readings: entries of kind `readings` in the disk cache."""
    return sorted((cache_dir / FOLDER).glob("readings-*"))


def _catalog_texts() -> list[str]:
    return ["还有什么可以帮您", "请您重复一遍", "我们会尽快处理", "银行", "行不行"]


def test_a_pattern_compiles_nothing_until_searched() -> None:
    readings = Readings()
    compiled = compile_pattern("^(还有|另外)(其他|别的)…帮(您|你)$", readings.strict)
    # Filed under 其/别, not the everyday 帮 that nearly every agent line holds.
    assert compiled.needs == frozenset("其别")
    assert compiled._text is None and compiled._sound is None
    assert compiled.text.search("还有别的要帮您") is not None
    assert compiled._sound is None
    assert compiled.sound.search(readings.strict("还有别的要邦您")) is not None


def test_a_malformed_pattern_is_still_reported_at_once() -> None:
    with pytest.raises(PatternError):
        compile_pattern("请问[您]", Readings().strict)


def test_a_word_class_stands_for_any_of_its_words() -> None:
    readings = Readings()
    compiled = compile_pattern("(我|我们)(能)?(理解|明白)…{feeling}", readings.strict)
    assert compiled.text.search("我明白钱没到账心里总是不踏实") is not None
    assert compiled.text.search("我明白您说的地址了") is None
    # By sound too: a recognizer's 心奋 for 辛苦 is not needed, but 着集 for 着急 is.
    assert compiled.sound.search(readings.strict("我能理解您着集")) is not None


def test_a_not_after_group_rules_out_the_words_right_before() -> None:
    readings = Readings()
    compiled = compile_pattern("(!我们|咱们|本)(中心|公司)会…联系(您|你)", readings.strict)
    assert compiled.text.search("票务中心会尽快联系您") is not None
    assert compiled.text.search("中心会联系您") is not None
    for ours in ("我们中心会尽快联系您", "咱们公司会联系您", "本公司会联系您"):
        assert compiled.text.search(ours) is None, ours
    # By sound the same: 我门 sounds like 我们.
    assert compiled.sound.search(readings.strict("我门中心会联系您")) is None
    assert compiled.sound.search(readings.strict("票务中心会联系您")) is not None
    # What may not come before is no part of what the pattern needs or spells.
    assert literal_runs("(!我们|咱们)中心会联系您") == ["中心会联系您"]
    assert compiled.requires and all("我" not in need for need in compiled.requires)


def test_a_gap_within_a_clause_does_not_skip_a_break() -> None:
    readings = Readings()
    compiled = compile_pattern("^(您好|你好)，~(热线|客服)$", readings.strict)
    assert compiled.text.search("您好|市民热线") is not None
    assert compiled.text.search("您好市民热线") is not None
    # `…` would take this: a question, then another clause naming the line.
    assert compiled.text.search("您好|在吗|这里是12345热线") is None
    assert compile_pattern("^(您好|你好)，…(热线|客服)$", readings.strict).text.search(
        "您好|在吗|这里是12345热线"
    )

    # By sound the same (clauses are read one by one and joined by the break), and written
    # full-width too.
    def by_sound(*clauses: str) -> str:
        return "|".join(readings.strict(clause) for clause in clauses)

    assert compiled.sound.search(by_sound("您好", "市民热线")) is not None
    assert compiled.sound.search(by_sound("您好", "在吗", "这里是12345热线")) is None
    full_width = compile_pattern("^(您好|你好)，～(热线|客服)$", readings.strict)
    assert full_width.text.search("您好|在吗|这里是12345热线") is None
    assert literal_runs("您好~热线") == ["您好", "热线"]
    with pytest.raises(PatternError, match=re.escape("只能写词语")):
        compile_pattern("(!我~们)中心", readings.strict)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [("(!我们|)中心", "空的选项"), ("(!我…们)中心", "只能写词语"), ("(!我们中心", "右括号"),
     ("(!(我们))中心", "只能写词语"), ("(!我们)?中心", "?"), ("(!{feeling})中心", "只能写词语")],
)  # fmt: skip
def test_a_malformed_not_after_group_says_what_to_fix(pattern: str, message: str) -> None:
    with pytest.raises(PatternError, match=re.escape(message)):
        compile_pattern(pattern, Readings().strict)


def test_an_unknown_word_class_is_reported_with_the_known_ones() -> None:
    with pytest.raises(PatternError, match=r"\{feeling\}"):
        compile_pattern("我理解{feelings}", Readings().strict)


def test_only_patterns_a_text_could_match_are_compiled() -> None:
    readings = Readings()
    patterns = PatternSet(["稍等", "感谢…来电", "再见$"], readings.strict)
    hits = patterns.hits(TextForms("请您稍等一下", readings))
    assert [hit.pattern for hit in hits] == ["稍等"]
    compiled = {p.pattern: p for p in patterns.compiled}
    assert compiled["稍等"]._text is not None
    # No 感 and no 再 in the text: those expressions never ran, so never compiled; and a
    # text match means no search by sound at all.
    assert compiled["感谢…来电"]._text is None and compiled["再见$"]._text is None
    assert all(p._sound is None for p in patterns.compiled)


def test_building_the_matcher_compiles_no_pattern(catalog: Catalog) -> None:
    matcher = PhraseMatcher(catalog, use_learned=False)
    recognizers = list(matcher._intents.values())
    assert recognizers
    assert all(p._text is None for r in recognizers for p in r.patterns.compiled)
    found = matcher.find_group("请问还有什么可以帮您", "more_help")
    assert found is not None
    compiled = sum(p._text is not None for r in recognizers for p in r.patterns.compiled)
    total = sum(len(r.patterns.compiled) for r in recognizers)
    assert 0 < compiled < total


def test_cached_readings_equal_fresh_ones(cache_dir: Path) -> None:
    fresh = Readings.from_phrases(_catalog_texts(), cached=False)
    first = Readings.from_phrases(_catalog_texts())
    files = _entries(cache_dir)
    assert len(files) == 1
    second = Readings.from_phrases(_catalog_texts())
    assert fresh.preferred == first.preferred == second.preferred
    assert fresh.preferred["还"] == "hai" and fresh.preferred["重"] == "chong"


def test_the_cache_is_read_not_recomputed(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Readings.from_phrases(_catalog_texts())

    def recompute(texts: object) -> dict[str, str]:
        raise AssertionError("the cached readings should have been used")

    monkeypatch.setattr(pinyin_module, "_preferred_readings", recompute)
    assert Readings.from_phrases(_catalog_texts()).preferred["还"] == "hai"


def test_other_phrases_or_code_read_afresh(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Readings.from_phrases(_catalog_texts())
    # A phrase added that reads 还 as huan: a stale cache would keep hai.
    changed = [*_catalog_texts(), "归还", "还款", "还钱", "退还"]
    assert Readings.from_phrases(changed).preferred["还"] == "huan"
    assert (
        Readings.from_phrases(changed).preferred
        == Readings.from_phrases(changed, cached=False).preferred
    )
    monkeypatch.setattr(pinyin_module, "READINGS_FORMAT", pinyin_module.READINGS_FORMAT + 1)
    Readings.from_phrases(_catalog_texts())
    assert len(_entries(cache_dir)) == 3


def test_a_damaged_cache_is_rebuilt(cache_dir: Path) -> None:
    fresh = Readings.from_phrases(_catalog_texts(), cached=False)
    Readings.from_phrases(_catalog_texts())
    (path,) = _entries(cache_dir)
    for damage in (b"", b"not a pickle", path.read_bytes()[:-5]):
        path.write_bytes(damage)
        assert Readings.from_phrases(_catalog_texts()).preferred == fresh.preferred
        assert path.read_bytes() != damage


def test_an_unwritable_cache_only_costs_time(cache_dir: Path) -> None:
    (cache_dir / FOLDER).write_text("a file where the folder should be", encoding="utf-8")
    fresh = Readings.from_phrases(_catalog_texts(), cached=False)
    assert Readings.from_phrases(_catalog_texts()).preferred == fresh.preferred


def test_a_warm_start_loads_no_pypinyin(tmp_path: Path) -> None:
    """With the readings cached, grading-side matching never imports pypinyin."""
    code = (
        "import sys, simulator.standards as s\n"
        "m = s.default_matcher()\n"
        "m.find_group('请问还有什么可以帮您', 'more_help'); m.forbidden('你听不到吗')\n"
        "print('pypinyin' in sys.modules)\n"
    )
    env = {**os.environ, "CALLSIM_CACHE_DIR": str(tmp_path)}
    env["PYTHONPATH"] = str(locations.PROJECT_ROOT)

    def run() -> str:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
            env=env, check=True,
        )  # fmt: skip
        return result.stdout.strip()

    assert run() == "True"  # cold: the catalog's readings in context need pypinyin
    assert run() == "False"


def test_a_pattern_missing_a_required_part_is_never_compiled() -> None:
    readings = Readings()
    patterns = PatternSet(["稍等…(感谢|谢谢)"], readings.strict)
    (compiled,) = patterns.compiled
    assert compiled.requires == (frozenset("稍"), frozenset("等"), frozenset("感谢"))
    # 稍 puts it among the candidates; no 感 or 谢 rules it out before compiling.
    assert patterns.hits(TextForms("请您稍等", readings)) == []
    assert compiled._text is None and compiled._sound is None
    assert [h.pattern for h in patterns.hits(TextForms("稍等，谢谢", readings))] == [
        "稍等…(感谢|谢谢)"
    ]


def _every_expression(patterns: PatternSet, forms: TextForms) -> list[tuple[str, int, int, str]]:
    """What `PatternSet.hits` finds, by running every expression with no index at all."""
    marked = forms.marked
    for sound in (False, True):
        found = []
        for compiled in patterns.compiled:
            expression = compiled.sound if sound else compiled.text
            for hit in expression.finditer(marked.strict if sound else marked.text):
                start, end = marked.to_normalized(hit.start()), marked.to_normalized(hit.end())
                # By sound, a span shorter than the set's minimum does not count.
                if end > start and (not sound or end - start >= patterns.min_sound):
                    found.append((compiled.pattern, start, end, "pinyin" if sound else "exact"))
        if found:
            return sorted(found, key=lambda h: (h[1], -h[2]))
    return []


def test_the_index_never_skips_a_match(matcher: PhraseMatcher) -> None:
    """Over a slice of the labelled corpus, every pattern set of the catalog finds with its
    index exactly what running all its expressions finds."""
    from benchmarks.language_corpus import load

    rows = load()[::12]
    sets = [r.patterns for r in matcher._intents.values()]
    sets += [r.exceptions for r in matcher._intents.values() if r.exceptions]
    for family in matcher._detector.families._families:
        sets += [family.patterns, family.exceptions, family.bare, family.unless]
    checked = 0
    for row in rows:
        forms = matcher.forms(row.text)
        for patterns in sets:
            hits = [(h.pattern, h.start, h.end, h.by) for h in patterns.hits(forms)]
            assert hits == _every_expression(patterns, forms), row.text
            checked += bool(hits)
    assert checked > 100


def _tokens_by_hand(pattern: str) -> list[str]:
    """The tokenizer as first written, character by character."""
    tokens: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("{n}", i):
            tokens.append("{n}")
            i += 3
            continue
        gap = next((g for g in ("…", "...") if pattern.startswith(g, i)), None)
        if gap is not None:
            tokens.append("…")
            i += len(gap)
            continue
        tokens.append(pattern[i])
        i += 1
    return tokens


@given(st.text(alphabet=st.sampled_from(list("{n}….()|?^$ 请您\n稍等")), max_size=30))
def test_tokens_split_as_by_hand(pattern: str) -> None:
    assert _tokens(pattern) == _tokens_by_hand(pattern)
