import { describe, expect, it } from 'vitest';
import { SilenceWatchdog, type SilenceReport } from './silence-watchdog';

const FRAME = 0.03;

/** Feeds `seconds` of frames at `levelDbfs` starting at `from`; returns every report. */
function feed(watchdog: SilenceWatchdog, from: number, seconds: number, levelDbfs: number): SilenceReport[] {
  const reports: SilenceReport[] = [];
  for (let time = from; time < from + seconds - 1e-9; time += FRAME) reports.push(watchdog.update(levelDbfs, time));
  return reports;
}

describe('SilenceWatchdog', () => {
  it('warns once after 20 s of silence, and clears once sound returns', () => {
    const watchdog = new SilenceWatchdog();
    expect(feed(watchdog, 0, 10, -30).every((report) => report.state === 'ok')).toBe(true);
    const muted = feed(watchdog, 10, 25, -90);
    const turned = muted.filter((report) => report.changed);
    expect(turned).toHaveLength(1);
    expect(turned[0]!.state).toBe('silent');
    // It turned 20 s after the silence began, within a frame.
    const turnedAt = 10 + muted.indexOf(turned[0]!) * FRAME;
    expect(Math.abs(turnedAt - 30)).toBeLessThanOrEqual(FRAME + 1e-9);
    expect(watchdog.silentSince).toBeCloseTo(10, 6);
    const back = feed(watchdog, 35, 1, -30);
    expect(back.filter((report) => report.changed)).toHaveLength(1);
    expect(watchdog.state).toBe('ok');
    expect(watchdog.silentSince).toBeNull();
  });

  it('does not warn for pauses shorter than warnAfterMs', () => {
    const watchdog = new SilenceWatchdog();
    for (let start = 0; start < 120; start += 20) {
      feed(watchdog, start, 15, -75);
      feed(watchdog, start + 15, 5, -35);
    }
    expect(watchdog.state).toBe('ok');
  });

  it('is not fooled by a single click while muted', () => {
    const watchdog = new SilenceWatchdog({ warnAfterMs: 5000 });
    feed(watchdog, 0, 6, -90);
    expect(watchdog.state).toBe('silent');
    watchdog.update(-20, 6);
    expect(watchdog.state).toBe('silent');
    feed(watchdog, 6.03, 1, -90);
    expect(watchdog.silentSince).toBe(0);
  });

  it('uses the configured threshold', () => {
    const watchdog = new SilenceWatchdog({ thresholdDbfs: -40, warnAfterMs: 1000 });
    feed(watchdog, 0, 2, -50);
    expect(watchdog.state).toBe('silent');
  });
});
