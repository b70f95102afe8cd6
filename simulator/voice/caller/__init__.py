"""The caller speaking: text to speech, the synthesized-line cache, and playback.

Nothing heavy is imported here; pyttsx3 and the sound library load inside the modules
that use them, when they are used.
"""
