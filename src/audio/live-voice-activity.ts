/**
 * The voice activity detector live recording cuts each channel with: Silero,
 * skipped on frames too quiet for speech, with the energy detector taking over
 * for good if Silero ever fails. One definition, used by the offscreen
 * document (silero-session.ts) and by `npm run eval -- --live`, so the
 * evaluation cuts a recording the way a call is cut.
 */
import { EnergyVoiceActivityDetector } from './voice-activity';
import { FallbackVoiceActivityDetector } from './fallback-voice-activity';
import { SilenceGatedVoiceActivityDetector } from './silence-gated-voice-activity';
import { SileroVoiceActivityDetector, type SileroModel, type SileroTensor } from './silero-voice-activity';
import type { VoiceActivityDetector } from './voice-activity';

/** A fresh detector for one channel (it keeps state) on a shared Silero model. */
export function liveVoiceActivityDetector<T extends SileroTensor>(model: SileroModel<T>, onFailure: (cause: unknown) => void): VoiceActivityDetector {
  return new FallbackVoiceActivityDetector(
    // Frames too quiet for speech skip the model (most of a channel's time: one person talks at once).
    new SilenceGatedVoiceActivityDetector(new SileroVoiceActivityDetector(model)),
    new EnergyVoiceActivityDetector(),
    onFailure,
  );
}
