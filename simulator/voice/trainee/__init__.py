"""The trainee heard: microphone (or a WAV file as one), voice-activity endpointing,
and speech recognition with Whisper.

Nothing heavy is imported here; faster-whisper and the sound library load when used.
"""
