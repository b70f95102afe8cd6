"""Trainer reports from a real SQLite store: figures, table, CSV and the mailable HTML."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.grading.catalog import RULES
from simulator.grading.model import Grade, RuleResult, Status
from simulator.reports.data import load_report, trend
from simulator.reports.html import render_html
from simulator.reports.svg import bar_chart, score_chart
from simulator.reports.table import render_csv, render_table
from simulator.store.engine import Store, open_store
from simulator.store.filters import ResultFilter
from simulator.store.repository import ExamRef, save_result
from simulator.store.samples import sample_header

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def grade(score: int, fails: tuple[str, ...] = ()) -> Grade:
    results = []
    for spec in RULES:
        status: Status = "na" if spec.personas or spec.stage == "hold" else "pass"
        if spec.id in fails:
            status = "fail"
        results.append(RuleResult(spec.id, status, spec.weight, spec.stage))
    return Grade("", "s1", "standard", score, score >= 80, True, tuple(results))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    scores = {"王芳": [60, 70, 80, 90, 95, 100], '=HYPERLINK("x")': [85], "<b>李明</b>": [50]}
    n = 0
    for name, series in scores.items():
        for score in series:
            n += 1
            fails = ("opening.latency",) if score < 80 else ()
            save_result(
                grade(score, fails),
                sample_header(f"c{n}", name, f"10{n}", "standard"),
                tmp_path / "recordings" / f"c{n}.jsonl",
                class_name="一班",
                store=opened,
                finished_at=T0 + timedelta(minutes=n),
            )
    save_result(
        grade(75, ("closing.farewell",)),
        sample_header("exam1", "王芳", "101", "standard"),
        store=opened,
        class_name="一班",
        exam=ExamRef("final", 1),
        finished_at=T0 + timedelta(hours=1),
    )
    return opened


def test_report_figures(store: Store) -> None:
    report = load_report(store, ResultFilter(class_name="一班"), now=T0)
    assert report.overall.calls == 9
    assert (report.practice.calls, report.exam.calls) == (8, 1)
    wang = next(t for t in report.trainees if t.trainee == "王芳")
    assert wang.practice.calls == 6 and wang.exam.calls == 1
    assert wang.practice.average == pytest.approx(82.5)
    assert wang.trend == pytest.approx((90 + 95 + 100) / 3 - (60 + 70 + 80) / 3)
    assert wang.weakest is not None and wang.weakest.rule_id == "opening.latency"
    assert [r.rule_id for r in report.most_failed] == ["opening.latency", "closing.farewell"]
    latency, farewell = report.most_failed
    assert (latency.fails, latency.applicable) == (3, 9)
    assert (farewell.fails, farewell.applicable) == (1, 9)


def test_filters_by_trainee_and_mode(store: Store) -> None:
    only_exam = load_report(store, ResultFilter(mode="exam"))
    assert [c.exam_id for c in only_exam.calls] == ["final"]
    one = load_report(store, ResultFilter(trainee="王芳", mode="practice"))
    assert {c.trainee for c in one.calls} == {"王芳"}
    assert len(one.calls) == 6


def test_trend_needs_four_calls() -> None:
    assert trend([50, 60, 70]) is None
    assert trend([50, 60, 70, 80]) == 20.0


def test_table(store: Store) -> None:
    text = render_table(load_report(store, ResultFilter()))
    assert "王芳" in text
    assert "两秒内问候" in text and "opening.latency" in text
    assert "+25.0" in text  # last 3 of 6 practice calls (95) minus first 3 (70)
    assert "最近未通过的通话" in text and "c1.jsonl" in text  # where to listen back


def test_csv_one_row_per_call(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(load_report(store, ResultFilter())))))
    assert len(rows) == 9
    assert {r["mode"] for r in rows} == {"practice", "exam"}
    assert rows[0]["opening.latency"] == "fail" and rows[0]["answer.rings"] == "pass"
    assert rows[0]["hold.thanks"] == "na"
    assert rows[0]["recording"].endswith("c1.jsonl")
    assert any(r["trainee"] == '\'=HYPERLINK("x")' for r in rows)  # never a formula


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained_with_charts(store: Store) -> None:
    html = render_html(load_report(store, ResultFilter()))
    parser = Collector()
    parser.feed(html)
    tags = [tag for tag, _ in parser.tags]
    assert (
        "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    )
    assert tags.count("svg") == 2
    assert tags.count("circle") == 9  # one dot per call
    bars = [a for t, a in parser.tags if t == "rect" and a.get("class") == "bar"]
    assert len(bars) == 2  # opening.latency and closing.farewell failed
    # Nothing is fetched from elsewhere: the only URL is the SVG namespace.
    assert set(re.findall(r"https?://[^\s\"')]+", html)) == {"http://www.w3.org/2000/svg"}
    assert "url(" not in html and "@import" not in html
    links = [a["href"] for t, a in parser.tags if t == "a"]
    assert any(str(h).startswith("file:///") and str(h).endswith("c1.jsonl") for h in links)
    assert "&lt;b&gt;李明&lt;/b&gt;" in html and "<b>李明</b>" not in html


def test_charts_without_data() -> None:
    assert "暂无数据" in score_chart([])
    assert "暂无数据" in bar_chart([])


def test_cli_writes_each_format(store: Store, tmp_path: Path, capsys) -> None:
    url = store.url
    html_file, csv_file = tmp_path / "r.html", tmp_path / "r.csv"
    assert main(["--db", url, "report", "--class", "一班", "-o", str(html_file)]) == 0
    assert html_file.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["--db", url, "report", "-o", str(csv_file)]) == 0
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM
    assert main(["--db", url, "report", "--trainee", "王芳"]) == 0
    assert "王芳" in capsys.readouterr().out


def test_cli_bad_since_exits_2(store: Store, capsys) -> None:
    assert main(["--db", store.url, "report", "--since", "last tuesday"]) == 2
    assert "无法理解的时间" in capsys.readouterr().err
