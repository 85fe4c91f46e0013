import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, fakeAudioArgs, launchWithExtension, test } from './fixtures';
import { startInterviewCall, startRecordingCall, storeGivenUtterance } from './pages/recording';

const INTERVIEWER_WAV = path.resolve('tests/e2e/audio/interviewer.wav');
/** LIVE_TRANSCRIPT_LIMIT (src/ui/live-window.ts): what the in-call panel renders of a long interview. */
const SHOWN = 100;

test.describe('the in-call live transcript of a long interview', () => {
  test('shows the latest segments only, and says where the earlier ones are', async () => {
    test.setTimeout(300_000);
    const profile = mkdtempSync(path.join(tmpdir(), 'intervju-e2e-live-'));
    const context = await launchWithExtension(profile, fakeAudioArgs(INTERVIEWER_WAV), { audible: true });
    try {
      const { extensionId, panel } = await startInterviewCall(context, 'Kari');
      await startRecordingCall(context, extensionId, panel, 'app.zoom.us');
      await expect(panel.testId('recording-refusal')).toHaveCount(0);
      const transcript = panel.testId('live-transcript');
      const earlier = panel.testId('live-transcript-earlier');
      await expect(earlier).toHaveCount(0);

      // Far past the fake microphone's speech, in time order: the last one is the newest.
      const turns = SHOWN + 5;
      for (let turn = 0; turn < turns; turn++) {
        const start = 2000 + turn * 4;
        expect(await storeGivenUtterance(context, { channel: 'interviewer', start, end: start + 2, text: `Spørsmål nummer ${turn + 1}` })).toBe(true);
      }
      await expect(transcript.getByTestId('segment').last()).toContainText(`Spørsmål nummer ${turns}`, { timeout: 15_000 });
      await expect(transcript.getByTestId('segment')).toHaveCount(SHOWN);
      await expect(earlier).toBeVisible();
      await expect(earlier).toContainText(`${SHOWN}`);
      // The oldest shown is the sixth: the first five (and the fake microphone's earlier speech) are left out.
      await expect(transcript.getByTestId('segment').first()).toContainText(/Spørsmål nummer 6(?!\d)/);
    } finally {
      await context.close();
    }
  });
});
