"""What the terminal UI shows and does, without the terminal: no module here imports Textual.

The screens and widgets around this package draw; the modules in it hold the state they draw
and the work behind it, so each can be tested and timed without an app running:

- `services`: the real parts the app uses (store, voices, grader, reply matcher), in one
  object the tests replace with fakes;
- `trainee`: the remembered sign-in and the trainee's preferences;
- `library`: the scenarios on offer and why a file failed to load;
- `live_call`, `class_demo`, `voice_reply`: one call in progress, its live feed to the
  trainer's board, and the spoken-reply bridge;
- `exam_run`, `history_data`: an exam in progress and the list of past calls;
- `replay_model`, `timeline_model`, `replay_audio`: replaying a recorded call;
- `crash`: the crash log the trainer reads.

Nothing here may import `textual` nor a module of `simulator.tui` outside this package
(those draw, and they import Textual): `tests/layers.py` checks it. A class that must be a
Textual `Message` or widget belongs beside the screens instead.
"""
