"""Resampling a live stream chunk by chunk, so a 44.1/48 kHz microphone feeds 16 kHz VAD.

Whole clips are resampled through the spectrum (`mic_wav.resample`); a stream cannot
wait for its end, so here each output sample is interpolated linearly between input
samples, after a short moving average that keeps most of what lies above 8 kHz out.
The position carries over from chunk to chunk: no clicks at chunk edges.
"""

from __future__ import annotations

import numpy as np

from simulator.voice.trainee.mic_wav import FloatArray


class StreamResampler:
    """Converts consecutive chunks from `rate_in` to `rate_out` without gaps."""

    def __init__(self, rate_in: int, rate_out: int) -> None:
        self.rate_in = rate_in
        self.rate_out = rate_out
        self._step = rate_in / rate_out
        # A box filter as wide as the decimation factor: a cheap anti-alias for speech.
        self._taps = max(1, int(self._step)) if rate_in > rate_out else 1
        self._history = np.zeros(0, dtype=np.float32)  # input not yet used up
        self._position = 0.0  # next output sample, in input samples from _history[0]

    def push(self, chunk: FloatArray) -> FloatArray:
        if self.rate_in == self.rate_out:
            return chunk.astype(np.float32, copy=False)
        data = np.concatenate([self._history, chunk.astype(np.float32)])
        if self._taps > 1:
            kernel = np.ones(self._taps, dtype=np.float32) / self._taps
            smooth = np.convolve(data, kernel, mode="same").astype(np.float32)
        else:
            smooth = data
        # The filter needs a few samples beyond a position: stop short of the edge.
        limit = len(data) - 1 - self._taps
        if limit < 0 or self._position > limit:
            self._history = data
            return np.zeros(0, dtype=np.float32)
        count = int(np.floor((limit - self._position) / self._step)) + 1
        positions = self._position + self._step * np.arange(count)
        out: FloatArray = np.interp(positions, np.arange(len(data)), smooth).astype(np.float32)
        self._position += self._step * count
        # Keep a few samples before the next position for the filter and interpolation.
        keep_from = max(0, int(np.floor(self._position)) - self._taps)
        self._history = data[keep_from:]
        self._position -= keep_from
        return out
