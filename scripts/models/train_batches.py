"""Training examples as the pipeline will see them.

The pipeline gives the model one utterance padded with zeros to 30 s; the
utterance starts a little after the window's start (the voice-activity
detector keeps some lead-in) and the recording's own noise runs from the
start of the utterance's audio to its end. An example here is the same: a lead
of noise, the speech (with noise, and sometimes other voices under it), a tail
of noise, then zeros. The decoder target starts and ends with the speech's
times in that window.

`frames` is how many feature frames to keep: 3000 for the real window, fewer
for the short first phase (the encoder then sees only the utterance and a
little zero padding, which costs a fraction of the full window).
"""

import math

import numpy
import torch

from train_audio import SAMPLE_RATE, utterance
from whisper_log_mel import HOP, N_FFT, WINDOW_FRAMES


def coloured_noise(rng, length):
    """White, pink (1/f) or brown (1/f^2) noise, shaped in the frequency domain."""
    white = rng.standard_normal(length)
    exponent = (0.0, 0.5, 1.0)[int(rng.integers(3))]
    if exponent == 0.0:
        return white.astype(numpy.float32)
    spectrum = numpy.fft.rfft(white)
    frequencies = numpy.fft.rfftfreq(length, 1.0 / SAMPLE_RATE)
    spectrum /= numpy.maximum(frequencies, 20.0) ** exponent
    return numpy.fft.irfft(spectrum, length).astype(numpy.float32)


def rms(samples):
    return float(numpy.sqrt(numpy.mean(samples ** 2) + 1e-12))


class Examples:
    def __init__(self, audio_set, tokens, seed):
        self.audio = audio_set
        self.tokens = tokens
        self.rng = numpy.random.default_rng(seed)
        self.count = len(audio_set['sentences'])
        lengths = numpy.diff(audio_set['offsets'])
        self.lengths = lengths

    def make(self, index, no_speech=False, clean=False):
        """Returns (samples, sequence, speech_start, speech_end) for one example."""
        rng = self.rng
        lead = 0.3 if clean else rng.uniform(0.05, 0.9)
        tail = 0.3 if clean else rng.uniform(0.1, 0.7)
        if no_speech:
            length = int(rng.uniform(1.0, 6.0) * SAMPLE_RATE)
            samples = numpy.zeros(length, numpy.float32)
            if rng.random() < 0.5:
                for _ in range(4):
                    other = utterance(self.audio, int(rng.integers(self.count)))[:length]
                    offset = int(rng.integers(0, max(1, length - len(other))))
                    samples[offset:offset + len(other)] += other * rng.uniform(0.3, 1.0)
            samples += coloured_noise(rng, length) * rng.uniform(0.001, 0.05)
            return samples, self.tokens.sequence(None, 0, 0), 0.0, 0.0
        speech = utterance(self.audio, index)
        start = int(lead * SAMPLE_RATE)
        samples = numpy.zeros(start + len(speech) + int(tail * SAMPLE_RATE), numpy.float32)
        samples[start:start + len(speech)] = speech
        if not clean:
            level = rms(speech)
            if rng.random() < 0.1:
                # Other voices under the speech, 10-20 dB down.
                for _ in range(3):
                    other = utterance(self.audio, int(rng.integers(self.count)))[:len(samples)]
                    offset = int(rng.integers(0, max(1, len(samples) - len(other))))
                    samples[offset:offset + len(other)] += other * (10 ** (-rng.uniform(10, 20) / 20)) * level / rms(other)
            if rng.random() < 0.85:
                noise = coloured_noise(rng, len(samples))
                snr = rng.uniform(12.0, 45.0)
                samples += noise * (level / rms(noise)) * 10 ** (-snr / 20)
            samples *= rng.uniform(0.3, 1.6)
            numpy.clip(samples, -1.0, 1.0, out=samples)
        end = (start + len(speech)) / SAMPLE_RATE
        text = self.audio['sentences'][index]
        return samples, self.tokens.sequence(text, lead, end), lead, end


def frames_for(samples_length):
    """Feature frames covering the samples plus a little zero padding, an even number."""
    frames = int(math.ceil(samples_length / HOP)) + 8
    return min(WINDOW_FRAMES, frames + frames % 2)


def collate(examples, log_mel, full_window, pad_id):
    """examples: list of make() results -> features [B, 80, F], decoder in/out [B, L], CTC targets."""
    if full_window:
        frames = WINDOW_FRAMES
    else:
        frames = max(frames_for(len(samples)) for samples, _, _, _ in examples)
    waveform_length = frames * HOP if full_window else frames * HOP + N_FFT
    waveforms = torch.zeros(len(examples), max(waveform_length, frames * HOP))
    for row, (samples, _, _, _) in enumerate(examples):
        waveforms[row, :len(samples)] = torch.from_numpy(samples)
    features = log_mel(waveforms, frames)
    longest = max(len(sequence) for _, sequence, _, _ in examples)
    inputs = torch.full((len(examples), longest - 1), pad_id, dtype=torch.int64)
    targets = torch.full((len(examples), longest - 1), -100, dtype=torch.int64)
    for row, (_, sequence, _, _) in enumerate(examples):
        inputs[row, :len(sequence) - 1] = torch.tensor(sequence[:-1])
        targets[row, :len(sequence) - 1] = torch.tensor(sequence[1:])
    return features, inputs, targets
