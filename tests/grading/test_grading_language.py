"""Rules that depend on understanding the words, not only matching them."""

from __future__ import annotations

from tests.grading.grading_builder import call
from tests.grading.grading_library_dialog import A, C, graded


def test_courtesy_nin_never_suggests_forbidden_wording() -> None:
    result = graded("standard", [A("喂，你好，什么事？")]).rule("courtesy.nin")
    assert result.status == "fail"
    assert "喂" not in result.standard


def test_reading_back_a_journalists_contact_is_not_comment() -> None:
    journalist = C("我是都市晚报的记者，电话13812345678，明天下午三点方便联系。")
    readback = A("好的，您的电话是13812345678，单位是都市晚报，明天下午三点联系您，对吗？")
    assert graded("media", [journalist, readback]).rule("media.no_comment").status == "pass"


def test_a_figure_about_the_event_is_still_comment() -> None:
    journalist = C("我是都市晚报的记者，听说这次事故有五个人受伤，是真的吗？")
    comment = A("据我所知受伤的有三个人。")
    assert graded("media", [journalist, comment]).rule("media.no_comment").status == "fail"


def _opening(text: str, org: str = "福彩热线") -> str:
    built = call(persona="standard", org=org).rings(1).answer(1.0).agent(1.5, 4.5, text)
    return built.grade().rule("opening.greeting").status


def test_greeting_with_another_lines_name_fails() -> None:
    opening = "您好，欢迎致电福彩热线，1024号为您服务，请问有什么可以帮您？"
    assert _opening(opening, org="ETC客服中心") == "fail"
    assert _opening(opening) == "pass"


def test_a_generic_hotline_is_not_the_lines_name() -> None:
    assert _opening("您好，这里是客服热线，请问有什么可以帮您？") == "fail"


def test_the_lines_own_name_passes_even_misheard() -> None:
    assert _opening("您好，欢迎致电ETC客服中心，很高兴为您服务。", org="ETC客服中心") == "pass"
    assert _opening("您好，欢迎致电福菜热线，请问有什么可以帮您？") == "pass"


def test_one_missing_read_back_is_one_fail_in_a_verify_call() -> None:
    account = C("我的账号是62284801234567，邮箱改成 li@example.com。")
    g = graded("verify", [account, A("好的，已经帮您改好了。")])
    failed = {r.id for r in g.failed} & {"confirm.readback", "verify.readback"}
    assert failed == {"verify.readback"}
    assert g.rule("confirm.readback").status == "na"


def test_a_missing_read_back_still_fails_confirm_readback_elsewhere() -> None:
    phone = C("我的电话是13812345678。")
    g = graded("standard", [phone, A("好的，已经帮您登记了。")])
    assert g.rule("confirm.readback").status == "fail"
