"""Whisper's log-mel features as transformers.js's WhisperFeatureExtractor
computes them (feature_extraction_whisper.js, utils/audio.js): periodic Hann
window of 400, hop 160, centred frames with reflect padding, power spectrum,
80 Slaney mel filters from 0 to 8 kHz, log10 of max(1e-10, x), then
(max(x, max - 8) + 4) / 4 with the maximum over the whole window, and
frames = samples // 160 (at most 3000).

check-log-mel.mjs compares these against transformers.js on the same audio.
"""

import math

import torch

SAMPLE_RATE = 16000
N_FFT = 400
HOP = 160
MEL_BINS = 80
WINDOW_SAMPLES = 480000
WINDOW_FRAMES = 3000


def hertz_to_mel(hertz):
    """Slaney's mel scale: linear below 1 kHz, logarithmic above."""
    if hertz < 1000.0:
        return 3.0 * hertz / 200.0
    return 15.0 + 27.0 * math.log(hertz / 1000.0) / math.log(6.4)


def mel_to_hertz(mel):
    if mel < 15.0:
        return 200.0 * mel / 3.0
    return 1000.0 * math.exp(math.log(6.4) * (mel - 15.0) / 27.0)


def mel_filters(bins=MEL_BINS, fft_bins=N_FFT // 2 + 1, low=0.0, high=8000.0, rate=SAMPLE_RATE):
    """[fft_bins, bins] triangular filters with Slaney normalisation (area one per filter)."""
    fft_frequencies = torch.linspace(0.0, rate / 2, fft_bins, dtype=torch.float64)
    low_mel, high_mel = hertz_to_mel(low), hertz_to_mel(high)
    edges = torch.tensor([mel_to_hertz(low_mel + (high_mel - low_mel) * i / (bins + 1)) for i in range(bins + 2)],
                         dtype=torch.float64)
    differences = edges[1:] - edges[:-1]
    slopes = edges[None, :] - fft_frequencies[:, None]
    down = -slopes[:, :-2] / differences[:-1]
    up = slopes[:, 2:] / differences[1:]
    filters = torch.clamp(torch.minimum(down, up), min=0.0)
    filters = filters * (2.0 / (edges[2:bins + 2] - edges[:bins]))[None, :]
    return filters


class LogMel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('window', torch.hann_window(N_FFT, periodic=True, dtype=torch.float64))
        self.register_buffer('filters', mel_filters())

    @torch.no_grad()
    def forward(self, waveforms, frames):
        """waveforms [batch, samples] (zero-padded), frames: how many to keep. Returns [batch, 80, frames] float32.

        The maximum for the clamp is taken over the kept frames, as transformers.js takes it
        over its 3000; zero padding beyond the speech only adds frames at the floor, so a
        shorter slice of the same padded audio gives the first frames of the full window.
        """
        spectrum = torch.stft(waveforms.to(torch.float64), N_FFT, HOP, window=self.window, center=True,
                              pad_mode='reflect', return_complex=True)
        power = spectrum.abs() ** 2
        mel = torch.matmul(power[:, :, :frames].transpose(1, 2), self.filters).transpose(1, 2)
        log = torch.log10(torch.clamp(mel, min=1e-10))
        peak = log.amax(dim=(1, 2), keepdim=True)
        return ((torch.maximum(log, peak - 8.0) + 4.0) / 4.0).to(torch.float32)
