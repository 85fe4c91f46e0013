import type { Channel } from '../../../src/store';
import { mediaTimeOf, runAt, sessionTimeOf } from '../../../src/transcript-editing';
import type { PlayableRun } from './session-audio';

/** How far a following channel may drift from the leading one before it is put back in step (seconds). */
const DRIFT_SECONDS = 0.12;

interface Track {
  channel: Channel;
  element: HTMLAudioElement;
  run: PlayableRun | null;
}

/**
 * Plays a session's channels together in session time: one `<audio>` element
 * per channel (interviewer and participant, or one `mixed`), all following one
 * clock. The channel that has audio at the moment leads (its element's time is
 * the session's); the others are kept within `DRIFT_SECONDS` of it. Where no
 * channel has audio (between recordings) the clock runs on by itself. Two
 * elements rather than a Web Audio mix: decoding two hours into PCM would take
 * gigabytes, while media elements stream from the Blob and seek in it.
 */
export class SessionPlayer {
  readonly tracks: Track[];
  private position = 0;
  private playing = false;
  private rate = 1;
  private lastTick = 0;
  private frame = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly runs: readonly PlayableRun[],
    host: HTMLElement,
  ) {
    const channels = [...new Set(runs.map((run) => run.channel))];
    this.tracks = channels.map((channel) => {
      const element = document.createElement('audio');
      element.preload = 'auto';
      element.dataset.channel = channel;
      element.dataset.testid = 'session-audio-element';
      host.append(element);
      return { channel, element, run: null };
    });
    this.follow();
  }

  get time(): number {
    return this.position;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  get playbackRate(): number {
    return this.rate;
  }

  get hasAudio(): boolean {
    return this.runs.length > 0;
  }

  /** When the audio ends (the last run's end). */
  get duration(): number {
    return this.runs.reduce((end, run) => Math.max(end, run.end), 0);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  play(from?: number): void {
    if (from !== undefined) this.seek(from);
    this.playing = true;
    this.lastTick = performance.now();
    this.follow();
    this.loop();
    this.notify();
  }

  /** Pauses, stepping back `rewind` seconds so the last words are heard again on play (transcribers' habit). */
  pause(rewind = 0): void {
    this.playing = false;
    cancelAnimationFrame(this.frame);
    for (const track of this.tracks) track.element.pause();
    if (rewind > 0) this.seek(this.position - rewind);
    this.notify();
  }

  toggle(rewind = 0): void {
    if (this.playing) this.pause(rewind);
    else this.play();
  }

  seek(seconds: number): void {
    this.position = Math.max(0, Math.min(seconds, this.duration));
    for (const track of this.tracks) this.place(track, true);
    this.notify();
  }

  setRate(rate: number): void {
    this.rate = rate;
    for (const track of this.tracks) track.element.playbackRate = rate;
    this.notify();
  }

  dispose(): void {
    this.pause();
    for (const track of this.tracks) {
      track.element.removeAttribute('src');
      track.element.load();
      track.element.remove();
    }
    this.listeners.clear();
  }

  private loop(): void {
    cancelAnimationFrame(this.frame);
    const tick = () => {
      if (!this.playing) return;
      const now = performance.now();
      const leader = this.tracks.find((track) => track.run && !track.element.paused && !track.element.seeking && track.element.readyState >= 2);
      this.position = leader?.run ? sessionTimeOf(leader.run, leader.element.currentTime) : this.position + ((now - this.lastTick) / 1000) * this.rate;
      this.lastTick = now;
      if (this.position >= this.duration) {
        this.position = this.duration;
        this.pause();
        return;
      }
      this.follow(leader);
      this.notify();
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  /** Puts every track (but the leader) where the clock is, playing or paused as the player is. */
  private follow(leader?: Track): void {
    for (const track of this.tracks) if (track !== leader) this.place(track, false);
  }

  private place(track: Track, exact: boolean): void {
    const run = runAt(this.runs, track.channel, this.position) as PlayableRun | null;
    const { element } = track;
    if (run !== track.run) {
      track.run = run;
      if (run) {
        element.src = run.url;
        // Where the file begins in session time: lets a check compare channels (docs/testing.md).
        element.dataset.sessionStart = sessionTimeOf(run, 0).toFixed(3);
      } else element.removeAttribute('src');
    }
    if (!run) {
      element.pause();
      return;
    }
    const target = mediaTimeOf(run, this.position);
    if (exact || Math.abs(element.currentTime - target) > DRIFT_SECONDS) element.currentTime = target;
    element.playbackRate = this.rate;
    if (this.playing && element.paused) void element.play().catch(() => undefined);
    if (!this.playing && !element.paused) element.pause();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
