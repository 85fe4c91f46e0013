import { downmixToMono, TARGET_SAMPLE_RATE } from '../../../src/audio';

/**
 * Decodes a recording file (wav, mp3, m4a/aac, ogg/opus, webm — whatever this
 * browser's decoders read) straight to 16 kHz: decodeAudioData resamples to the
 * context's rate. Nothing leaves the page.
 */
export async function decodeRecording(bytes: ArrayBuffer): Promise<{ samples: Float32Array; seconds: number }> {
  const context = new OfflineAudioContext({ numberOfChannels: 1, length: 1, sampleRate: TARGET_SAMPLE_RATE });
  const buffer = await context.decodeAudioData(bytes);
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, index) => buffer.getChannelData(index));
  const samples = channels.length === 1 ? channels[0]! : downmixToMono(channels);
  return { samples, seconds: buffer.duration };
}
