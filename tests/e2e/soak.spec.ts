import { describeSoak, runSoak } from '../soak/run-soak';
import { expect, test } from './fixtures';

// `npm run soak -- --minutes 60` runs the same drive for an hour and prints the figures (docs/architecture.md).
const MINUTES = 3;

test('a 3-minute recorded call loses no utterance, keeps the panel prompt, and releases every device when it ends', async () => {
  test.setTimeout((MINUTES * 60 + 300) * 1000);
  const report = await runSoak({ minutes: MINUTES });
  for (const line of describeSoak(report)) console.log(line);

  // Every utterance the voice detector cut reached the store (or had no words to store).
  expect(report.utterances.failed).toBe(0);
  expect(report.utterances.stored + report.utterances.empty).toBe(report.utterances.heard);
  expect(report.utterances.heard).toBeGreaterThan(10);
  expect(report.segmentsInStore).toBe(report.utterances.stored);

  // The panel shows each stored segment about as fast at the end as at the start.
  const { start, end } = report.panelDelay;
  expect(start.count).toBeGreaterThan(0);
  expect(end.count).toBeGreaterThan(0);
  expect(end.p95!).toBeLessThan(Math.max(150, 2 * start.p95!));

  // Audio is stored continuously on both channels.
  for (const channel of report.audio) expect(channel.gapsOverOneSecond, channel.channel).toBe(0);

  // "End interview" leaves nothing captured.
  expect(report.devicesAfterEnd).toEqual({ capturedTabs: 0, offscreenDocuments: 0 });
  expect(report.endedOk).toBe(true);
});
