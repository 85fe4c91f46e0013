import { appendAudioChunk, StorageFullError, type Channel, type IntervjuDatabase, type NewSessionProblem, type Vault } from '../../src/store';

/** Chunk length: a crash or kill loses at most this much audio. */
export const AUDIO_CHUNK_MS = 2000;
const CODEC = 'audio/webm;codecs=opus';
/** How long a stop waits for the recorder's last chunk. */
const STOP_EVENT_MS = 5000;

/**
 * Stores one channel's recording as it happens: Opus in WebM, cut every two
 * seconds, each chunk encrypted and written in its own transaction.
 */
export class AudioWriter {
  private readonly recorder: MediaRecorder;
  private sequence = 0;
  private chunkStart: number;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    stream: MediaStream,
    private readonly target: { db: IntervjuDatabase; vault: Vault; sessionId: string; channel: Channel },
    /** Session seconds now. */
    private readonly sessionSeconds: () => number,
    /** A chunk could not be stored (storage full, or another failure): kept with the session. */
    private readonly onProblem: (problem: NewSessionProblem) => void,
  ) {
    this.recorder = new MediaRecorder(stream, { mimeType: CODEC, audioBitsPerSecond: 32_000 });
    this.chunkStart = sessionSeconds();
    this.recorder.onerror = (event) => this.onProblem({ kind: 'audio-not-stored', message: String((event as ErrorEvent).message ?? 'MediaRecorder error') });
    this.recorder.ondataavailable = (event) => {
      const end = this.sessionSeconds();
      const start = this.chunkStart;
      this.chunkStart = end;
      const sequence = this.sequence++;
      // Writes are chained so chunks land in order.
      this.writes = this.writes.then(async () => {
        try {
          const bytes = new Uint8Array(await event.data.arrayBuffer());
          if (bytes.length === 0) return;
          await appendAudioChunk(this.target.db, this.target.vault, {
            sessionId: this.target.sessionId,
            channel: this.target.channel,
            sequence,
            start,
            end,
            codec: CODEC,
            bytes,
          });
        } catch (cause) {
          if (cause instanceof StorageFullError) this.onProblem({ kind: 'storage-full' });
          else this.onProblem({ kind: 'audio-not-stored', message: cause instanceof Error ? cause.message : String(cause) });
        }
      });
    };
    this.recorder.start(AUDIO_CHUNK_MS);
  }

  pause(): void {
    if (this.recorder.state === 'recording') this.recorder.pause();
  }

  resume(): void {
    if (this.recorder.state === 'paused') this.recorder.resume();
  }

  /**
   * Stops and waits until the last chunk is stored. The recorder's last chunk comes
   * with its `stop` event; should that never come, the stop goes on after
   * STOP_EVENT_MS (the chunks before it are stored) and says so.
   */
  async stop(): Promise<void> {
    if (this.recorder.state !== 'inactive') {
      const stopped = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), STOP_EVENT_MS);
        this.recorder.addEventListener(
          'stop',
          () => {
            clearTimeout(timer);
            resolve(true);
          },
          { once: true },
        );
      });
      this.recorder.stop();
      if (!(await stopped)) this.onProblem({ kind: 'audio-not-stored', message: `The recorder did not stop within ${STOP_EVENT_MS / 1000} s: its last ${AUDIO_CHUNK_MS / 1000} s may be missing` });
    }
    await this.writes;
  }
}
