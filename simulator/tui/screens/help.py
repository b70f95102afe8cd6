"""Help: the keys of every screen and the service standards in brief."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP_TEXT = """\
## 按键
- **任何画面**：`F1` 或 `?` 帮助（输入框中请用 `F1`）· `Ctrl+Q` 退出
  · `Ctrl+P` 命令面板（选择场景、参加考试、历史成绩、重新登录）
- **场景列表**：`↑` `↓` 选择，`回车` 开始通话 · `m` 练习/考试 · `v` 键盘/语音 · `e` 参加考试
  · `h` 历史成绩；最上面的「推荐练习」练的是您最近常失分的规则
- **考试列表**：`↑` `↓` 选择考试，`回车` 开始（或接着考）· `Esc` 返回
- **通话**：`空格` 或 `回车` 接听 · 响铃时 `F6` 课堂演示（在看板上直播本通，再按取消）
  · 打字后 `回车` 说出（第一次按键即开始说话计时）· `F2` 保持/恢复 · `F4` 挂断
  · `Esc` 返回（通话结束后）
- **评分报告**：`n` 再练一次（考试中：下一通）· `p` 推荐练习（最后一行给出的场景）· `r` 回放
  · `h` 历史成绩 · `Esc` 返回
- **回放**：`空格` 播放/暂停（1× 时播放录音）· `f` 下一处失分及原因
  · `→` `←`（或 `.` `,`）下一步/上一步 · `1` `2` `4` 速度 · `g` 评分报告 · `Esc` 返回

## 服务规范要点
- **三声之内接听**，接通后 **2 秒内问候**：「您好，××热线，1024 号为您服务，请问有什么可以帮您？」
- 始终称「您」，不说「你」；知道客户姓氏后称「王先生 / 王女士」。
- 不说服务禁用语（「不知道」「不清楚」「你等一下」「喂」……），用一次即不及格。
- 客户说完后 **10 秒内** 回应；查询前先说「请您稍等」再保持，
  保持 **每 15 秒** 回来通报，回来先说「感谢您的耐心等待」。
- 客户报的号码要逐一复述核实。
- 结束前问「请问还有什么可以帮您？」，道别「感谢您的来电，再见」，**让客户先挂机**。
- 无声电话：间隔 2–5 秒询问两次以上，说明线路问题，道别后挂机。
- 骚扰电话：引导回业务 2–3 次后告知并挂机。
- 媒体来电：不表态，说明专人负责，留下电话、单位和方便联系的时间。
- 投诉：先致歉、表示理解，记录并转交，承诺答复时限。
"""
CLOSE_HINT = "Esc 或 F1 关闭 · ↑↓ 滚动"


class HelpScreen(ModalScreen[None]):
    """Keys and standards, over whatever screen was showing."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 96; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "dismiss", "关闭", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        # The close hint sits on the frame, so it shows whatever the height and the scroll.
        with VerticalScroll() as frame:
            frame.border_title = "帮助"
            frame.border_subtitle = CLOSE_HINT
            yield Markdown(HELP_TEXT)
