/**
 * Whisper's log-mel input for one window, without computing the padding.
 *
 * Whisper reads 30 s windows: transformers.js pads shorter audio with zeros to
 * 30 s and takes 3000 spectrogram frames of it. For a 5 s utterance that is
 * 2500 frames of silence, each an FFT and a row of the mel product: about a
 * third of a second per utterance on this project's machine, all of it latency
 * before the live transcript shows the text (docs/transcription.md).
 *
 * Every frame whose 400-sample window lies wholly in the zero padding comes out
 * the same (log10 of the mel floor, then the same clamp and scale), so this
 * computes the frames that touch the audio plus a margin of silent ones and
 * repeats a silent frame for the rest. The margin also keeps the global
 * maximum that the normalisation uses the same.
 *
 * The frames themselves are computed here as transformers.js's `spectrogram`
 * does (centred, reflect padding, periodic Hann window, power, Slaney mel
 * filters, floor 1e-10, log10, then Whisper's clamp to 8 below the maximum and
 * scale), with a 200-point mixed-radix FFT (real-fft.ts) instead of its chirp-z
 * transform, and the mel product over each filter's nonzero bins only.
 * whisper-features.test.ts checks the result against transformers.js's full
 * computation (equal to within float32 rounding).
 */
import { RealFft } from './real-fft';

/** The part of transformers.js's WhisperFeatureExtractor this uses. */
export interface WhisperFeatureExtractorLike {
  config: {
    n_samples: number;
    hop_length: number;
    n_fft: number;
    nb_max_frames: number;
    feature_size: number;
    /** [mel bins][n_fft / 2 + 1] */
    mel_filters: readonly (readonly number[])[];
  };
  /** The analysis window, n_fft long (a periodic Hann window). */
  window: ArrayLike<number>;
}

/**
 * Features [1, mel bins, frames] for at most one window of 16 kHz samples: with
 * `frames` = nb_max_frames (3000, the default) as `extractor(samples)` would
 * give; with fewer, the first `frames` of them, for short-context decoding
 * (short-context.ts; the audio must fit).
 */
export async function windowFeatures(
  extractor: WhisperFeatureExtractorLike,
  samples: Float32Array,
  frames: number = extractor.config.nb_max_frames,
): Promise<{ data: Float32Array; dims: [number, number, number] }> {
  const { n_samples: windowSamples, hop_length: hop, n_fft: fftLength, feature_size: bins } = extractor.config;
  if (samples.length > windowSamples) throw new RangeError(`at most ${windowSamples} samples make one window, not ${samples.length}`);
  if (!Number.isInteger(frames) || frames <= 0 || frames > extractor.config.nb_max_frames || samples.length > frames * hop) {
    throw new RangeError(`${frames} feature frames cannot hold ${samples.length} samples`);
  }
  // Frames up to the audio's end reach fftLength / 2 past it; one more full window of
  // zeros after that keeps the centre padding's reflection silent and leaves whole silent frames.
  const margin = fftLength + 2 * hop;
  const shortLength = Math.min(windowSamples, Math.ceil((samples.length + margin) / hop) * hop);
  const waveform = new Float32Array(shortLength);
  waveform.set(samples);
  const spectrogram = logMelSpectrogram(extractor, waveform, Math.min(Math.floor(shortLength / hop), extractor.config.nb_max_frames));
  const computed = spectrogram.dims[1];
  if (computed === frames) return { data: spectrogram.data, dims: [1, bins, frames] };

  // A short context may end inside the computed margin: keep its first `frames`.
  const kept = Math.min(computed, frames);
  const data = new Float32Array(bins * frames);
  for (let bin = 0; bin < bins; bin++) {
    const row = spectrogram.data.subarray(bin * computed, bin * computed + kept);
    data.set(row, bin * frames);
    // The last computed frame lies wholly in the padding: every later frame equals it.
    data.fill(spectrogram.data[(bin + 1) * computed - 1] as number, bin * frames + kept, (bin + 1) * frames);
  }
  return { data, dims: [1, bins, frames] };
}

/** What a feature extractor's frames need, made once per extractor. */
interface Analysis {
  fft: RealFft;
  /** Per mel bin: its filter's first nonzero frequency bin and its weights from there, as float32 (as transformers.js's product takes them). */
  filters: { first: number; weights: Float32Array }[];
}

const analyses = new WeakMap<WhisperFeatureExtractorLike, Analysis>();

function analysisOf(extractor: WhisperFeatureExtractorLike): Analysis {
  let analysis = analyses.get(extractor);
  if (!analysis) {
    const filters = extractor.config.mel_filters.map((filter) => {
      let first = filter.findIndex((weight) => weight !== 0);
      if (first < 0) first = 0;
      let last = filter.length - 1;
      while (last > first && filter[last] === 0) last--;
      return { first, weights: Float32Array.from(filter.slice(first, last + 1)) };
    });
    analysis = { fft: new RealFft(extractor.config.n_fft), filters };
    analyses.set(extractor, analysis);
  }
  return analysis;
}

/**
 * Whisper's normalised log-mel of `waveform` as [mel bins, frames]: the first
 * `frames` frames of transformers.js's `_extract_fbank_features` (frames =
 * waveform length / hop length, at most nb_max_frames).
 */
function logMelSpectrogram(
  extractor: WhisperFeatureExtractorLike,
  waveform: Float32Array,
  frames: number,
): { data: Float32Array; dims: [number, number] } {
  const { n_fft: fftLength, hop_length: hop, feature_size: bins } = extractor.config;
  const { fft, filters } = analysisOf(extractor);
  const window = extractor.window;
  const padding = Math.floor(fftLength / 2);
  // Centred frames: reflect the waveform's ends, as numpy's "reflect" (the edge sample not repeated).
  const padded = new Float32Array(waveform.length + 2 * padding);
  padded.set(waveform, padding);
  const last = waveform.length - 1;
  for (let offset = 1; offset <= padding; offset++) {
    padded[padding - offset] = waveform[Math.min(offset, last)] as number;
    padded[last + padding + offset] = waveform[Math.max(0, last - offset)] as number;
  }
  const frame = new Float64Array(fftLength);
  const power = new Float64Array(fftLength / 2 + 1);
  const magnitude = new Float32Array(fftLength / 2 + 1);
  const data = new Float32Array(bins * frames);
  let largest = -Infinity;
  for (let index = 0; index < frames; index++) {
    const start = index * hop;
    for (let sample = 0; sample < fftLength; sample++) frame[sample] = (padded[start + sample] as number) * (window[sample] as number);
    fft.powerSpectrum(frame, power);
    magnitude.set(power);
    for (let bin = 0; bin < bins; bin++) {
      const { first, weights } = filters[bin]!;
      let sum = 0;
      for (let offset = 0; offset < weights.length; offset++) sum += (weights[offset] as number) * (magnitude[first + offset] as number);
      const value = Math.fround(Math.log10(Math.max(1e-10, Math.fround(sum))));
      data[bin * frames + index] = value;
      if (value > largest) largest = value;
    }
  }
  const floor = largest - 8;
  for (let index = 0; index < data.length; index++) data[index] = (Math.max(data[index] as number, floor) + 4) / 4;
  return { data, dims: [bins, frames] };
}
