import { expect, test } from './fixtures';
import { storedTimeline } from './pages/recording';
import { WorkspacePage } from './pages/workspace';

/** A Teams WebVTT interview that follows the example guide (the active guide after first run). */
const INTERVIEW_VTT = `WEBVTT

a1/1-0
00:00:02.000 --> 00:00:06.000
<v Ingrid Solberg>Hei, og velkommen. Kan du fortelle litt om deg selv og hva du driver med nå?</v>

b2/1-0
00:00:06.500 --> 00:00:15.000
<v Maja Lund>Ja, jeg studerer sykepleie i Bergen og bor sammen med to venner i et kollektiv.</v>

a1/2-0
00:01:10.000 --> 00:01:16.000
<v Ingrid Solberg>Hva savnet du egentlig mest fra tiden før pandemien?</v>

b2/2-0
00:01:16.500 --> 00:01:30.000
<v Maja Lund>Trening, tror jeg. Og studiemiljøet.</v>
`;

/** A session's suggestions and coverage as stored in clear (ids, states, scores, times: no words). */
async function storedSuggestions(page: import('@playwright/test').Page, sessionId: string): Promise<{ suggestions: { itemKind: string; state: string; status: string }[]; coverage: unknown[] }> {
  return page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('intervju');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const transaction = request.result.transaction(['sessions', 'coverage']);
          const session = transaction.objectStore('sessions').get(id);
          const coverage = transaction.objectStore('coverage').index('bySession').getAll(id);
          transaction.oncomplete = () => {
            request.result.close();
            resolve({ suggestions: session.result?.suggestions ?? [], coverage: coverage.result });
          };
        };
      }),
    sessionId,
  );
}

test.describe('importing a transcript made elsewhere', () => {
  test('a Teams .vtt interview becomes an import session with its speakers mapped, times kept and coverage suggested for confirmation', async ({ context, extensionId, foreignRequests }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    const page = workspace.page;
    await page.getByTestId('nav-recordings').click();
    const form = page.getByTestId('transcript-import');
    await form.getByTestId('transcript-file').setInputFiles({ name: 'intervju.vtt', mimeType: 'text/vtt', buffer: Buffer.from(INTERVIEW_VTT) });

    const preview = form.getByTestId('transcript-preview');
    await expect(preview.getByTestId('transcript-turn')).toHaveCount(4);
    await expect(preview.getByTestId('transcript-summary')).toContainText('4');
    const speakers = preview.getByTestId('transcript-speaker');
    await expect(speakers).toHaveCount(2);
    // The first to speak is guessed to be the interviewer; the researcher says so explicitly anyway.
    await speakers.filter({ hasText: 'Ingrid Solberg' }).getByTestId('transcript-role').selectOption('interviewer');
    await speakers.filter({ hasText: 'Maja Lund' }).getByTestId('transcript-role').selectOption('participant');
    await expect(preview.getByTestId('transcript-turn').nth(1)).toHaveAttribute('data-channel', 'participant');
    await expect(preview.getByTestId('transcript-turn').nth(2)).toHaveAttribute('data-start', '70.00');

    await preview.getByTestId('transcript-participant').selectOption('new');
    await expect(preview.getByTestId('transcript-save')).toBeDisabled();
    await preview.getByTestId('transcript-pseudonym').fill('Sol');
    await preview.getByTestId('transcript-save').click();
    const done = form.getByTestId('transcript-done');
    await expect(done).toHaveAttribute('data-segments', '4');
    expect(Number(await done.getAttribute('data-suggestions'))).toBeGreaterThanOrEqual(2);

    await page.getByTestId('nav-sessions').click();
    const row = page.getByTestId('session-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-kind', 'import');
    await expect(row).toContainText('Sol');
    const sessionId = (await row.getAttribute('data-session-id')) ?? '';

    const timeline = await storedTimeline(page);
    expect(timeline.sessions.find((session) => session.id === sessionId)?.status).toBe('ended');
    expect(timeline.segments.filter((segment) => segment.sessionId === sessionId).map(({ channel, start, end }) => [channel, start, end]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['interviewer', 2, 6],
      ['participant', 6.5, 15],
      ['interviewer', 70, 76],
      ['participant', 76.5, 90],
    ]);
    // Suggested the way a live call's transcript is: waiting for the researcher, nothing marked yet.
    const { suggestions, coverage } = await storedSuggestions(page, sessionId);
    expect(suggestions.filter((suggestion) => suggestion.itemKind === 'question' && suggestion.state === 'asked').length).toBe(2);
    expect(suggestions.every((suggestion) => suggestion.status === 'pending')).toBe(true);
    expect(coverage).toEqual([]);

    // The researcher decides them while reading, in the session view: one confirmed, one dismissed.
    const view = await workspace.openSession(sessionId);
    const waiting = view.getByTestId('session-suggestions').getByTestId('coverage-suggestion');
    const before = await waiting.count();
    expect(before).toBeGreaterThanOrEqual(2);
    const confirmedItem = (await waiting.first().getAttribute('data-item-id')) ?? '';
    await waiting.first().getByTestId('suggestion-confirm').click();
    await expect(waiting).toHaveCount(before - 1);
    // The coverage beside the transcript shows it marked (a question asked, or a probe covered).
    const marked = view.getByTestId('session-coverage').locator(`[data-question-id="${confirmedItem}"], [data-probe-id="${confirmedItem}"]`).first();
    await expect(marked).toHaveAttribute('data-state', /^(asked|covered)$/);
    await waiting.first().getByTestId('suggestion-dismiss').click();
    await expect(waiting).toHaveCount(before - 2);
    // The store keeps both decisions, and the confirmed one as a mark the researcher confirmed.
    const decided = await storedSuggestions(page, sessionId);
    expect(decided.suggestions.filter((suggestion) => suggestion.status === 'confirmed')).toHaveLength(1);
    expect(decided.suggestions.filter((suggestion) => suggestion.status === 'dismissed')).toHaveLength(1);
    expect(decided.coverage).toEqual([expect.objectContaining({ itemId: confirmedItem, source: 'confirmed' })]);
    await page.reload();
    const reopened = await workspace.openSession(sessionId);
    await expect(reopened.getByTestId('session-suggestions').getByTestId('coverage-suggestion')).toHaveCount(before - 2);
    expect(foreignRequests.map((request) => request.url())).toEqual([]);
  });

  test('a broken file is refused with the line and what was expected, and nothing is stored', async ({ context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    const page = workspace.page;
    await page.getByTestId('nav-recordings').click();
    const broken = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHei\n\n00:00:03.000 -> 00:00:04.000\nJa\n';
    await page.getByTestId('transcript-file').setInputFiles({ name: 'intervju.vtt', mimeType: 'text/vtt', buffer: Buffer.from(broken) });
    await expect(page.getByTestId('transcript-error')).toContainText('Linje 6');
    await expect(page.getByTestId('transcript-error')).toContainText('00:01:02.500 --> 00:01:05.000');
    await expect(page.getByTestId('transcript-preview')).toHaveCount(0);
    await page.getByTestId('nav-sessions').click();
    await expect(page.getByTestId('session-list')).toBeVisible();
    await expect(page.getByTestId('session-row')).toHaveCount(0);
  });
});
