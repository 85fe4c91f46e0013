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
 * maximum that the normalisation uses the same. whisper-features.test.ts
 * checks the result against transformers.js's full computation (equal to
 * within float32 rounding: the mel product goes through onnxruntime's MatMul,
 * whose blocking depends on the number of frames).
 */

/** The part of transformers.js's WhisperFeatureExtractor this uses. */
export interface WhisperFeatureExtractorLike {
  config: { n_samples: number; hop_length: number; n_fft: number; nb_max_frames: number; feature_size: number };
  /** Log-mel of `waveform` as [mel bins, frames], frames = waveform length / hop length (at most nb_max_frames). */
  _extract_fbank_features(waveform: Float32Array): Promise<{ data: Float32Array; dims: readonly number[] }>;
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
  const spectrogram = await extractor._extract_fbank_features(waveform);
  const computed = spectrogram.dims[1] ?? 0;
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
