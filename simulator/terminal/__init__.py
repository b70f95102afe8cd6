"""What both terminal apps (the trainee's app and the class scoreboard) share.

Below `tui` and `scoreboard` in the layers, so each app can use it without importing the
other: today, Chinese line breaking, which both must install so a screen wraps the same
way whichever app a process built first.
"""
